# An option given as "" (a script's `--on "$DAY"` with DAY unset) is
# refused, naming the option, and writes nothing: it is not the option left
# out. Only `set-iban --bic ""` means something, no BIC.
#
# Before: every date option took "" for "not given", so `batch settle 1 --on
# ""` settled the batch on the machine's today, and `--expenses ""` recorded
# an application without expenses.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
load_examples
export GRANTS_TODAY=2024-11-20
november_to export

EMPTY='"" is empty: give a value, or leave the option out for its default'
expect_error_unchanged "batch settle --on \"\"" 3 "option --on: $EMPTY" batch settle 1 --on ""
expect_sql "batch 1 still exported" "SELECT state FROM batches WHERE id = 1" exported
expect_error_unchanged "batch return --on \"\"" 3 "option --on: $EMPTY" \
  batch return 1 --payment "$(payment_id 1 1 1)" --reason AC04 --on ""
# A required option cannot be left out: the message does not send the
# officer to a default that does not exist.
REQUIRED='"" is empty: give a value'
expect_error_unchanged "agreement terminate --on \"\"" 3 "option --on: $REQUIRED" \
  agreement terminate 2 --on "" --reason "abandon"
expect_error_unchanged "agreement suspend --from \"\"" 3 "option --from: $REQUIRED" \
  agreement suspend 2 --from "" --reason "congé parental"
expect_error_unchanged "batch approve --by \"\"" 3 "option --by: $REQUIRED" batch approve 1 --by ""
expect_error_unchanged "application submit --expenses \"\"" 3 "option --expenses: $EMPTY" \
  application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2024-11-10 --start 2024-12-01 --expenses ""
expect_error_unchanged "an empty argument" 3 'argument FILE: "" is empty: give a value' beneficiary import ""

# Left out, the same options take their defaults.
run batch settle 1
expect_rc "batch settle without --on" 0
expect_sql "settled today" "SELECT state, settled_on FROM batches WHERE id = 1" "settled|2024-11-20"

# `--bic ""` is no BIC, as its help says.
run beneficiary set-iban B-0001 "FR76 3000 4001 2300 0456 7890 102" --bic ""
expect_rc "set-iban --bic \"\"" 0

finish
