# A suspension dated in the past, over months already paid: in June the
# office learns that the intern of convention 1 (24 × 500 € due on the 5th
# from 2024-11-05) stopped studying on 2025-01-01; January to May were
# paid. The suspension goes through, the paid instalments are not undone,
# and it says so as a termination does: how many, due from its first day,
# and for how much, not recovered (before, it said only "convention 1
# suspended from 2025-01-01"). One in a batch the bank has not paid is
# named, and the suspension refused until the batch is dealt with (at the
# bank: suspend_with_pending_payment.sh).
source "$(dirname "$0")/lib.bash"
load_examples

paid_batch 2024-11 1 2024-11-02 2024-11-03 2024-11-06
paid_batch 2024-12 2 2024-12-02 2024-12-03 2024-12-05
paid_batch 2025-01 3 2025-01-02 2025-01-03 2025-01-06
paid_batch 2025-02 4 2025-02-02 2025-02-03 2025-02-05
paid_batch 2025-03 5 2025-03-02 2025-03-03 2025-03-05
paid_batch 2025-04 6 2025-04-02 2025-04-03 2025-04-07
paid_batch 2025-05 7 2025-05-02 2025-05-05 2025-05-06
expect_sql "instalments 1-7 paid" \
  "SELECT count(*), max(number), sum(amount_cents) FROM instalments WHERE agreement_id = 1 AND state = 'paid'" "7|7|350000"

# June's batch, in draft, holds instalment 8: named, nothing written.
run batch run --month 2025-06 --by "Marc Petit" --on 2025-06-02
expect_rc "batch 2025-06" 0
copy_db june
expect_error_unchanged "June's instalment is in a batch the bank has not paid" 5 \
  "convention 1 cannot be suspended from 2025-01-01: instalment 8, due 2025-06-05, is in batch 8 (draft): cancel batch 8 first, then suspend; nothing written" \
  agreement suspend 1 --from 2025-01-01 --reason "arrêt des études"

run batch cancel 8 --by "Marc Petit" --on 2025-06-03
expect_rc "cancel batch 8" 0
copy_db cancelled
run agreement suspend 1 --from 2025-01-01 --reason "arrêt des études"
expect_rc "suspend over paid months" 0
expect_out "the paid months are said" \
  "convention 1 suspended from 2025-01-01; 5 instalments due from 2025-01-01 already paid (2 500,00 €): not recovered"
expect_sql "suspended" "SELECT state FROM agreements WHERE id = 1" suspended
expect_sql "instalments 3-7 stay paid, 8-24 open" \
  "SELECT state, count(*), min(number), max(number), sum(amount_cents) FROM instalments WHERE agreement_id = 1 GROUP BY state ORDER BY state" \
  "open|17|8|24|850000
paid|7|1|7|350000"
run batch run --month 2025-06 --by "Marc Petit" --on 2025-06-04
expect_rc "June again" 0
expect_contains "June's instalment is held" "$OUT" \
  "           1           8  2025-06-05  500,00 €  B-0001       loir-et-cher/intern-bursary  convention suspended"

# ... and to a script, in JSON and CSV
use_copy cancelled json
run --format json agreement suspend 1 --from 2025-01-01 --reason "arrêt des études"
expect_out "json" '{
  "convention": 1,
  "event": "suspend",
  "instalments_cancelled": 0,
  "months_moved": 0,
  "on": "2025-01-01",
  "paid_after": 5,
  "paid_after_total": "2500.00",
  "reason": "arrêt des études"
}'
use_copy cancelled csv
run --format csv agreement suspend 1 --from 2025-01-01 --reason "arrêt des études"
expect_eq "csv" "$(tr -d '\r' <<<"$OUT")" "field,value
convention,1
event,suspend
on,2025-01-01
reason,arrêt des études
months_moved,0
instalments_cancelled,0
paid_after,5
paid_after_total,2500.00"

# A suspension from a day after every paid instalment's due date says
# nothing more, and gives 0 to a script.
use_copy cancelled later
run --format json agreement suspend 1 --from 2025-05-06 --reason "arrêt des études"
expect_contains "nothing paid from 2025-05-06" "$(tr -d ' \n' <<<"$OUT")" '"paid_after":0,"paid_after_total":"0.00"'
use_copy cancelled later_text
run agreement suspend 1 --from 2025-05-06 --reason "arrêt des études"
expect_out "nothing paid from 2025-05-06, in text" "convention 1 suspended from 2025-05-06"

finish
