# A transfer the bank sends back after the recovery order was issued: the
# order counted it among the sums received, so it now asks for more than
# the clawback computed without it. The return says so, naming the order
# and what to do (before: it said only that the instalment is cancelled,
# and the order went on asking 6 000,00 € of a beneficiary who received
# 5 500,00 €).
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2030-06-30
load_examples

run batch run --month 2026-10 --by "Marc Petit" --on 2026-10-01
run batch approve 1 --by "Claire Martin" --on 2026-10-02
run batch export 1 --sepa "$WORK/2026-10.xml" --execution-date 2026-10-05 --created-at 2026-10-02T10:00:00
run batch settle 1 --on 2026-10-05
expect_rc "the bursaries paid" 0
# issue4 DECISION: convention 4's order for a breach on 2026-09-15.
issue4() {
  run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision "$1" \
    --by "Claire Martin"
}
issue4 2026-10-07
expect_eq "an order for the 12 instalments paid" "$(head -n 1 <<<"$OUT")" \
  "Recovery order TR-2026-00001 issued — convention 4 — 6 000,00 €"

P=$(payment_id 1 4 1)
run batch return 1 --payment "$P" --reason AC04 --on 2026-10-08
expect_out "the return names the order that counted it" \
  "payment $P of batch 1 returned (AC04); the clawback of convention 4 was decided on 2026-10-07 (recovery order TR-2026-00001): instalment 1, due 2025-05-05, is cancelled, not paid again; recovery order TR-2026-00001 counted it among the sums received: cancel the order and issue it again"
run clawback compute 4 --breach-date 2026-09-15
expect_contains "the clawback without it" "$OUT" "  amount:           5 500,00 €"

# Cancelled and issued again, the order asks for the clawback without it.
run recovery cancel TR-2026-00001 --on 2026-10-08 --reason "rejet bancaire du virement $P"
expect_rc "cancelled" 0
issue4 2026-10-08
expect_eq "issued again for what was received" "$(head -n 1 <<<"$OUT")" \
  "Recovery order TR-2026-00002 issued — convention 4 — 5 500,00 €"

# For a script: the order's number, null when no order counted it.
P2=$(payment_id 1 4 2)
run --format json batch return 1 --payment "$P2" --reason AC04 --on 2026-10-09
expect_contains "the order in JSON" "$OUT" '"counted_by_order": "TR-2026-00002"'
P3=$(payment_id 1 6 1)
run --format json batch return 1 --payment "$P3" --reason AC04 --on 2026-10-09
expect_contains "none for a convention without an order" "$OUT" '"counted_by_order": null'
run ledger verify
expect_rc "the ledger verifies" 0

finish
