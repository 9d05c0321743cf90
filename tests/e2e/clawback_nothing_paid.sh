# A breach before anything was paid: the clawback is zero, and the decision
# still stops the aid. It records the breach with "nothing to recover",
# cancels the unpaid instalments and terminates the convention, so that no
# later batch pays the aid to someone who broke its obligation (before, the
# issue was refused, "no recovery order is issued", and the next batch paid
# the 10 000,00 € equipment aid).
source "$(dirname "$0")/lib.bash"
TABLES+=(obligation_events recovery_orders)
export GRANTS_TODAY=2026-06-30
load_examples

# François Lambert's equipment aid (convention 9), not paid yet: installed
# in March 2025, he stops practising in September.
run obligation start 9 --on 2025-03-10 --commune 41269
expect_rc "start" 0
run obligation stop 9 --on 2025-09-30
expect_rc "stop" 0
run clawback compute 9 --breach-date 2025-09-30
expect_contains "nothing received, nothing to pay back" "$OUT" "  received:         0,00 €
  payments:         0
  amount:           0,00 €"

issue() {
  run clawback issue 9 --breach-date 2025-09-30 --notice 2025-10-06 --answer-by 2025-11-06 --decision "$1" \
    --by "Claire Martin"
}
issue 2025-11-20
expect_rc "the decision" 0
expect_out "the decision" \
  "convention 9: breach on 2025-09-30 recorded, clawback decreasing: nothing to recover; convention 9 terminated; 1 unpaid instalment cancelled"
expect_sql "the decision on the obligation" \
  "SELECT kind, on_date, reason, recorded_on FROM obligation_events WHERE agreement_id = 9 AND kind = 'breach'" \
  "breach|2025-09-30|nothing to recover|2025-11-20"
expect_sql "terminated, its instalment cancelled, no order" \
  "SELECT g.state, i.state, (SELECT count(*) FROM recovery_orders) FROM agreements g JOIN instalments i ON i.agreement_id = g.id WHERE g.id = 9" \
  "terminated|cancelled|0"
before=$(table_counts)
issue 2025-11-21
expect_rc "decided twice" 5
expect_err "decided twice" \
  "grants: error: the clawback of convention 9 was already decided on 2025-11-20: nothing to recover"
expect_eq "decided twice wrote nothing" "$(table_counts)" "$before"

# December's batch pays what is due to the others, not the aid.
run batch run --month 2025-12 --by "Marc Petit" --on 2025-12-02
expect_rc "December's batch" 0
expect_sql "no payment to convention 9" "SELECT count(*) FROM payments WHERE agreement_id = 9" 0
run ledger verify
expect_rc "the ledger verifies" 0

finish
