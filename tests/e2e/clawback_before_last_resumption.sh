# The clawback decision terminates the convention on its date, with the
# checks agreement terminate makes: a decision dated before the day the
# convention last resumed is refused, naming both dates, and writes
# nothing. Before, it was issued, and the convention's events read
# suspend, resume, then a termination dated before the resumption.
#
# The Salbris health centre's investment aid (convention 10, B-0013): 100 000,00 € in
# two instalments, 2025-01-06 and 2026-01-06, for a 5-year obligation
# running from the signature. The works stop from 2025-06-01 to 2025-12-15
# (the second instalment moves 6 months, to 2026-07-06); the centre stops
# practising on 2025-09-30.
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2025-12-20
load_examples

paid_batch 2025-01 1 2025-01-02 2025-01-03 2025-01-07
run agreement suspend 10 --from 2025-06-01 --reason "travaux interrompus"
expect_rc "suspend" 0
run agreement resume 10 --on 2025-12-15 --reason "reprise des travaux"
expect_out "resume" "convention 10 resumed on 2025-12-15; 1 unpaid instalment moved by 6 months"
run obligation stop 10 --on 2025-09-30
expect_rc "the stop" 0

expect_error_unchanged "a decision before the resumption" 3 \
  "option --decision: 2025-12-10 is before convention 10 resumed, on 2025-12-15" \
  clawback issue 10 --breach-date 2025-09-30 --notice 2025-10-06 --answer-by 2025-11-06 --decision 2025-12-10 \
  --by "Claire Martin"
expect_sql "still active, its second instalment owed" \
  "SELECT g.state || ' ' || i.due_on || ' ' || i.state FROM agreements g JOIN instalments i ON i.agreement_id = g.id AND i.number = 2 WHERE g.id = 10" \
  "active 2026-07-06 open"

# On the day it resumed, as agreement terminate allows: the order is
# issued, the instalment cancelled, the events in date order.
run clawback issue 10 --breach-date 2025-09-30 --notice 2025-10-06 --answer-by 2025-11-06 --decision 2025-12-15 \
  --by "Claire Martin"
expect_rc "a decision on the day it resumed" 0
expect_contains "the order" "$OUT" "Recovery order TR-2025-00001 issued — convention 10"
expect_contains "the convention terminated" "$OUT" "Convention 10 terminated; 1 unpaid instalment cancelled, not clawed back"
expect_sql "the events in date order" \
  "SELECT kind || ' ' || effective_on FROM agreement_events WHERE agreement_id = 10 ORDER BY id" \
  "suspend 2025-06-01
resume 2025-12-15
terminate 2025-12-15"
run ledger verify
expect_rc "the ledger verifies" 0

finish
