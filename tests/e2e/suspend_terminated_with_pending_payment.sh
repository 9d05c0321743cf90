# Suspending a convention that is not active is refused as such, before
# its payments in a batch are looked at. Before, a terminated convention
# with an instalment in a draft batch was refused with "cancel batch 2
# first, then suspend": an officer who cancelled the batch was then told
# the convention was terminated, and the batch had to be prepared again.
source "$(dirname "$0")/lib.bash"
load_examples

november_to settle
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "batch 2024-12" 0
copy_db december
# Terminated on the due date of instalment 2, in the draft: it stays owed.
run agreement terminate 1 --on 2024-12-05 --reason "abandon des études"
expect_out "terminate" "convention 1 terminated on 2024-12-05; 22 instalments cancelled"

expect_error_unchanged "suspend a terminated convention" 5 "convention 1 of B-0001 was terminated on 2024-12-05 (abandon des études): only an active convention can be suspended; its unpaid instalments are cancelled: nothing more is suspended, resumed or terminated" \
  agreement suspend 1 --from 2024-12-01 --reason "congé"
expect_sql "batch 2 still holds instalment 2" \
  "SELECT b.state, p.state FROM payments p JOIN batches b ON b.id = p.batch_id WHERE p.agreement_id = 1 AND p.instalment = 2" \
  "draft|pending"

# A suspended one, likewise (suspended from after instalment 2's due date,
# which stays in the batch).
use_copy december suspended
run agreement suspend 1 --from 2025-01-01 --reason "congé"
expect_out "suspend" "convention 1 suspended from 2025-01-01"
expect_error "suspend a suspended convention" 5 "convention 1 of B-0001 was suspended from 2025-01-01 (congé): only an active convention can be suspended; resume it with \`agreement resume 1 --on DATE --reason TEXT\`, or terminate it with \`agreement terminate 1 --on DATE --reason TEXT\`" \
  agreement suspend 1 --from 2024-12-01 --reason "congé"

finish
