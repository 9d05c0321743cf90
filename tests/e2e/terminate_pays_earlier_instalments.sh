# A termination cancels the instalments due after its date; those due on or
# before it stay owed, and the next batch pays them (or lists them as held).
# They must never drop out of every batch while staying open.
source "$(dirname "$0")/lib.bash"
load_examples

november_to run
# Convention 1's instalments of December and January are not paid yet when
# it ends on 2025-01-31.
run agreement terminate 1 --on 2025-01-31 --reason "abandon des études"
expect_out "terminate" "convention 1 terminated on 2025-01-31; 21 instalments cancelled"
expect_sql "instalments 2 and 3 left to pay" \
  "SELECT count(*), min(number), max(number) FROM instalments WHERE agreement_id = 1 AND state = 'open' AND number > 1" "2|2|3"

run batch run --month 2025-01 --by "Marc Petit" --on 2025-01-02
expect_rc "batch 2025-01" 0
expect_eq "December and January are paid" \
  "$(batch_payments 2 | awk -F, '$2 == 1 { print $3, $4, $7 }')" \
  "2 2024-12-05 500.00
3 2025-01-05 500.00"

finish
