# What the finance officer is told when a decision meets money already
# moved:
# - a first due date years away (2126 typed for 2026) is refused: the order
#   would lapse (four years after its issue, nothing received) before
#   anything is owed (before: the order was issued, due in 2126);
# - a write-off (remise gracieuse) or a waiver decided after receipts says
#   that what was received is kept (before: it spoke of the write-off alone,
#   and the waiver said "nothing to recover" of a beneficiary who had paid);
# - a transfer the bank sends back after its order was paid in full tells
#   how much the beneficiary paid back beyond the clawback (before: "cancel
#   the order and issue it again", which `recovery cancel` refuses for a
#   settled order).
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2030-06-30
load_examples

# The bank pays everything due until October 2026: convention 4, 12 × 500 €.
paid_batch 2026-10 1 2026-10-01 2026-10-02 2026-10-05

# --- the first due date
issue4() {
  run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
    --by "Claire Martin" "$@"
}
expect_error_unchanged "a due date a century away" 3 \
  "option --due: 2126-10-07 is after 2030-10-07, the day the order lapses 4 years after the decision of 2026-10-07 when nothing is received (CGCT art. L1617-5): give a due date on or before it" \
  clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
  --due 2126-10-07
expect_error_unchanged "the day after the limitation" 3 \
  "option --due: 2030-10-08 is after 2030-10-07, the day the order lapses 4 years after the decision of 2026-10-07 when nothing is received (CGCT art. L1617-5): give a due date on or before it" \
  clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
  --due 2030-10-08
copy_db before_order
issue4 --due 2030-10-07
expect_rc "due on the last day of the limitation" 0
expect_sql "its due date" "SELECT due_on FROM recovery_orders WHERE number = 'TR-2026-00001'" "2030-10-07"

# --- an order paid in full, then a transfer sent back
use_copy before_order settled
issue4
expect_eq "an order for the 12 instalments paid" "$(head -n 1 <<<"$OUT")" \
  "Recovery order TR-2026-00001 issued — convention 4 — 6 000,00 €"
run recovery receive TR-2026-00001 --amount 6000 --on 2026-10-20 --ref "VIR PEREZ 1"
expect_out "paid in full" "order TR-2026-00001: 6 000,00 € received on 2026-10-20; balance 0,00 €, settled"
P=$(payment_id 1 4 1)
run batch return 1 --payment "$P" --reason AC04 --on 2026-10-21
expect_out "the return says what was paid back beyond the clawback" \
  "payment $P of batch 1 returned (AC04); the clawback of convention 4 was decided on 2026-10-07 (recovery order TR-2026-00001): instalment 1, due 2025-05-05, is cancelled, not paid again; recovery order TR-2026-00001 counted it among the sums received and is settled: 6 000,00 € received on the convention's orders, 500,00 € more than the clawback without it (5 500,00 €), to be refunded to the beneficiary outside grants"
expect_error_unchanged "a settled order is not cancelled" 5 "recovery order TR-2026-00001 of B-0003 (convention 4) was settled on 2026-10-20, 6 000,00 € received: nothing is left to receive or write off; \`recovery show TR-2026-00001\` lists its receipts" \
  recovery cancel TR-2026-00001 --on 2026-10-21 --reason "rejet bancaire du virement $P"
run --format json batch return 1 --payment "$(payment_id 1 4 2)" --reason AC04 --on 2026-10-22
expect_contains "for a script: the order" "$OUT" '"counted_by_order": "TR-2026-00001"'
expect_contains "for a script: what is to be refunded" "$OUT" '"overpaid": "1000.00"'
run ledger verify
expect_rc "the ledger verifies" 0

# An open order that already received more than the clawback without the
# transfer: cancelled, it leaves the excess to refund, and no order is
# issued again.
use_copy before_order open_overpaid
issue4
run recovery receive TR-2026-00001 --amount 5800 --on 2026-10-20
run batch return 1 --payment "$P" --reason AC04 --on 2026-10-21
expect_contains "an open order overpaid: cancel it, refund the excess" "$OUT" \
  "; recovery order TR-2026-00001 counted it among the sums received and is open: cancel it, nothing is left to ask; 5 800,00 € received on the convention's orders, 300,00 € more than the clawback without it (5 500,00 €), to be refunded to the beneficiary outside grants"
run recovery cancel TR-2026-00001 --on 2026-10-21 --reason "rejet bancaire du virement $P"
expect_rc "the advice followed: cancelled" 0
expect_error_unchanged "and not issued again" 5 \
  "the clawback of convention 4, 5 500,00 €, is covered by 5 800,00 € recovered on earlier orders (TR-2026-00001): no recovery order is issued" \
  clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-22
run ledger verify
expect_rc "the ledger verifies" 0

# An open order, paid in part: cancelled and issued again, it asks for the
# rest (the advice as before).
use_copy before_order open
issue4
run recovery receive TR-2026-00001 --amount 1000 --on 2026-10-20
run batch return 1 --payment "$P" --reason AC04 --on 2026-10-21
expect_contains "an open order: cancel it and issue it again" "$OUT" \
  "; recovery order TR-2026-00001 counted it among the sums received: cancel the order and issue it again"
run --format json batch return 1 --payment "$(payment_id 1 4 2)" --reason AC04 --on 2026-10-22
expect_contains "nothing overpaid" "$OUT" '"overpaid": null'

# --- a write-off and a waiver after receipts
run recovery cancel TR-2026-00001 --on 2026-11-02 --reason "remise gracieuse"
expect_out "the write-off keeps what was received" \
  "order TR-2026-00001 cancelled on 2026-11-02: 5 000,00 € written off; 1 000,00 € received is kept"
run ledger export --from 2026-10-01 --to 2026-12-31 --format csv
expect_eq "ledger: the receipt stays, the balance alone is written off" \
  "$(tr -d '\r' <<<"$OUT" | awk -F, '$9 == 4 && $10 == 0 && ($3 == "receipt" || $3 == "cancellation" || $3 == "clawback") { print $2, $3, $4, $5, $6 }')" \
  "2026-10-07 clawback 4641 773 6000.00
2026-10-20 receipt 515 4641 1000.00
2026-11-02 cancellation 773 4641 5000.00"
run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-11-03 \
  --waiver death --by "Claire Martin"
expect_out "the waiver says what was received before" \
  "convention 4: breach on 2026-09-15 recorded, clawback waived (death): nothing to recover; 1 000,00 € received on order TR-2026-00001 is kept; convention 4 was already terminated; 0 unpaid instalments cancelled"
run ledger verify
expect_rc "the ledger verifies" 0

finish
