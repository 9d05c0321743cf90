# A suspension recorded ahead of its first day holds only the instalments
# due from that day: those due before it are paid as usual (the resumption
# moves only instalments due from the first day of the suspension, so one
# held before it would be neither moved nor paid on time).
source "$(dirname "$0")/lib.bash"
load_examples

# November is not paid yet when, on 2025-01-02, parental leave from
# 2025-02-01 is recorded.
export GRANTS_TODAY=2025-01-02
run agreement suspend 1 --from 2025-02-01 --reason "congé parental"
expect_rc "suspend ahead" 0
november_to run
expect_sql "November's instalment of convention 1 is paid" \
  "SELECT count(*) FROM payments WHERE agreement_id = 1 AND instalment = 1 AND batch_id = 1" 1
expect_sql "and not held" "SELECT count(*) FROM batch_holds WHERE agreement_id = 1" 0

export GRANTS_TODAY=2025-02-02
run batch run --month 2025-02 --by "Marc Petit" --on 2025-02-02
expect_contains "February's is held" "$OUT" \
  "           1           4  2025-02-05  500,00 €  B-0001       loir-et-cher/intern-bursary  convention suspended"

finish
