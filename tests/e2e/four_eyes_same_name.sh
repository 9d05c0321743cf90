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

finish
