# Four eyes compares people, not strings: the preparer typing their name with
# another case or stray spaces is still the preparer and cannot approve.
source "$(dirname "$0")/lib.bash"
load_examples

november_to run
copy_db draft
for name in "Marc Petit " " Marc Petit" "Marc  Petit" "marc petit" "MARC PETIT"; do
  use_copy draft try
  run batch approve 1 --by "$name" --on 2024-11-03
  expect_rc "approval by \"$name\"" 5
  expect_sql "batch 1 still a draft after \"$name\"" "SELECT state FROM batches WHERE id = 1" draft
done

# A preparer whose name has accents: the name is stored composed (NFC), and
# neither another case, the name typed without accents, nor its decomposed
# form (e + combining accent) makes a second person.
use_copy draft helene
run batch cancel 1 --by "Marc Petit" --on 2024-11-03
expect_rc "the draft is cancelled" 0
run batch run --month 2024-11 --by "$(printf 'He\xcc\x81le\xcc\x80ne  Roux')" --on 2024-11-04
expect_rc "batch prepared by Hélène Roux" 0
HELENE=$(printf 'H\xc3\xa9l\xc3\xa8ne Roux')  # composed: U+00E9, U+00E8
expect_sql "her name is stored composed, spaces collapsed" \
  "SELECT count(*) FROM batches WHERE id = 2 AND prepared_by = '$HELENE'" 1
copy_db accented
for name in "HÉLÈNE ROUX" "Helene Roux" "$(printf 'He\xcc\x81le\xcc\x80ne Roux')" "$(printf 'H\xc3\xa9l\xc3\xa8ne\xc2\xa0Roux')"; do
  use_copy accented try
  run batch approve 2 --by "$name" --on 2024-11-05
  expect_rc "approval by \"$name\"" 5
  expect_sql "batch 2 still a draft after \"$name\"" "SELECT state FROM batches WHERE id = 2" draft
done
use_copy accented other
expect_error "a name that is not UTF-8" 3 'option --by: "H\xE9l\xE8ne" is not valid UTF-8' \
  batch approve 2 --by "$(printf 'H\xe9l\xe8ne')" --on 2024-11-05
# A line break pasted with the preparer's name does not make a second person.
expect_error "a name with a line break" 3 'option --by: "Hélène Roux\r" contains a control character (\r)' \
  batch approve 2 --by $'Hélène Roux\r' --on 2024-11-05
expect_sql "batch 2 still a draft" "SELECT state FROM batches WHERE id = 2" draft
run batch approve 2 --by "Claire Martin" --on 2024-11-05
expect_rc "someone else approves" 0

finish
