# A termination cannot stop a payment already in a batch: terminating while
# an instalment due after the termination date is in a batch the bank has
# not paid is refused, naming it and what to do, and writes nothing (before:
# it was skipped, and paid again after the batch was cancelled and run
# again). Once the bank has paid it, the termination says so.
source "$(dirname "$0")/lib.bash"
load_examples

november_to settle
# December's batch pays convention 1's instalment 2, due 2024-12-05.
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-01
expect_rc "batch 2024-12" 0
expect_sql "instalment 2 is in batch 2" "SELECT batch_id, state FROM payments WHERE agreement_id = 1 AND instalment = 2" "2|pending"
copy_db draft

expect_error_unchanged "terminate while the draft holds instalment 2" 5 \
  "convention 1 cannot be terminated on 2024-11-20: instalment 2, due 2024-12-05, is in batch 2 (draft): cancel batch 2 first, then terminate; nothing written" \
  agreement terminate 1 --on 2024-11-20 --reason abandon
expect_sql "still active" "SELECT state FROM agreements WHERE id = 1" active
expect_sql "no instalment cancelled" "SELECT count(*) FROM instalments WHERE agreement_id = 1 AND state = 'cancelled'" 0

run agreement terminate 1 --on 2024-12-05 --reason abandon
expect_out "on the due date of the pending instalment, it stays owed" \
  "convention 1 terminated on 2024-12-05; 22 instalments cancelled"

# --- approved, then exported: still refused
use_copy draft approved
run batch approve 2 --by "Claire Martin" --on 2024-12-02
expect_rc "approve batch 2" 0
expect_error "approved" 5 \
  "convention 1 cannot be terminated on 2024-11-20: instalment 2, due 2024-12-05, is in batch 2 (approved): cancel batch 2 first, then terminate; nothing written" \
  agreement terminate 1 --on 2024-11-20 --reason abandon
run batch export 2 --sepa "$WORK/2024-12.xml" --created-at 2024-12-03T09:00:00 --execution-date 2024-12-05
expect_rc "export batch 2" 0
expect_error_unchanged "exported" 5 \
  "convention 1 cannot be terminated on 2024-11-20: instalment 2, due 2024-12-05, is in batch 2 (exported): wait until batch 2, sent to the bank, is settled or the payment returned, then terminate; nothing written" \
  agreement terminate 1 --on 2024-11-20 --reason abandon

# --- once the bank paid it, the termination goes through and says so
run batch settle 2 --on 2024-12-05
expect_rc "settle batch 2" 0
copy_db paid
run agreement terminate 1 --on 2024-11-20 --reason abandon
expect_rc "terminate once paid" 0
expect_out "the instalment paid after the termination is said" \
  "convention 1 terminated on 2024-11-20; 22 instalments cancelled; 1 instalment due after 2024-11-20 already paid (500,00 €): not recovered"
expect_sql "instalments 3-24 cancelled" \
  "SELECT min(number), max(number), count(*) FROM instalments WHERE agreement_id = 1 AND state = 'cancelled'" "3|24|22"
# ... and to a script, as the convention's events table names it
use_copy paid paid_json
run --format json agreement terminate 1 --on 2024-11-20 --reason abandon
expect_rc "terminate once paid, json" 0
expect_out "terminate once paid, json" '{
  "convention": 1,
  "event": "terminate",
  "instalments_cancelled": 22,
  "months_moved": 0,
  "on": "2024-11-20",
  "paid_after": 1,
  "paid_after_total": "500.00",
  "reason": "abandon"
}'

# The bank then sends back that transfer: the terminated convention does
# not owe instalment 2, so it is cancelled, not paid again (before: it was
# open again and January's batch paid it). Instalment 1, due before the
# termination, sent back too, is still owed.
P2=$(payment_id 2 1 2)
run batch return 2 --payment "$P2" --reason AC04 --on 2024-12-10
expect_out "returned after the termination: cancelled" \
  "payment $P2 of batch 2 returned (AC04); convention 1 was terminated on 2024-11-20: instalment 2, due 2024-12-05, is cancelled, not paid again"
P1=$(payment_id 1 1 1)
run batch return 1 --payment "$P1" --reason AC04 --on 2024-12-10
expect_out "returned, due before the termination: due again" \
  "payment $P1 of batch 1 returned (AC04); its instalment is due again; batches hold the instalments of B-0001 until another IBAN is given (grants beneficiary set-iban B-0001 IBAN)"
expect_sql "instalment 1 open, 2 cancelled" \
  "SELECT number, state FROM instalments WHERE agreement_id = 1 AND number <= 2 ORDER BY number" "1|open
2|cancelled"
run beneficiary set-iban B-0001 "FR76 3000 6000 0112 3456 7890 189"
expect_rc "a new IBAN" 0
run batch run --month 2025-01 --by "Marc Petit" --on 2025-01-02
expect_rc "January's batch" 0
expect_sql "January pays instalment 1 again, not instalment 2" \
  "SELECT instalment FROM payments WHERE agreement_id = 1 AND batch_id = 3" 1

# --- the draft cancelled: instalment 2 is cancelled too, and never paid again
use_copy draft cancelled
run batch cancel 2 --by "Marc Petit" --on 2024-12-02
expect_rc "cancel batch 2" 0
run agreement terminate 1 --on 2024-11-20 --reason abandon
expect_out "terminate once the batch is cancelled" "convention 1 terminated on 2024-11-20; 23 instalments cancelled"
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-03
expect_rc "December again" 0
expect_sql "convention 1 is not paid in December" \
  "SELECT count(*) FROM payments WHERE agreement_id = 1 AND state IN ('pending', 'paid') AND instalment > 1" 0

finish
