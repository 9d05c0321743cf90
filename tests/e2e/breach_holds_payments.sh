# A broken obligation holds what is still due until the département decides
# on the clawback. Before, a batch run between the breach and the decision
# paid the next instalment to someone who had stopped practising; the
# decision then clawed it back with the rest, so what the beneficiary kept
# depended on whether a batch ran in between.
#
# The Salbris health centre's investment aid (convention 10, B-0013): 100 000,00 € in
# two instalments, 2025-01-06 and 2026-01-06, for a 5-year obligation
# running from the signature.
source "$(dirname "$0")/lib.bash"
TABLES+=(obligation_events recovery_orders)
export GRANTS_TODAY=2026-06-30
load_examples

# January 2025's batch pays the first instalment.
paid_batch 2025-01 1 2025-01-02 2025-01-03 2025-01-07
expect_sql "the first instalment is paid" \
  "SELECT instalment, state, amount_cents FROM payments WHERE agreement_id = 10" "1|paid|5000000"

# january [--dry-run]: January 2026's batch; sets LINES to its lines of
# convention 10 (a hold) and of the investment aid (paid).
january() {
  run batch run --month 2026-01 --by "Marc Petit" --on 2026-01-02 "$@"
  expect_rc "January's batch $*" 0
  LINES=$(grep -E '^ +(10 +2 |loir-et-cher/investment-aid)' <<<"$OUT")
}
HELD="          10           2  2026-01-06  50 000,00 €  B-0013       loir-et-cher/investment-aid      obligation broken, held until the département decides on the clawback: stopped practice on 2025-09-30"

# A stop announced for after January: the obligation is not broken by the
# end of the month paid, and January's instalment is paid.
run obligation stop 10 --on 2026-02-15
expect_rc "a stop in February" 0
january --dry-run
expect_eq "January pays before a stop in February" "$LINES" \
  "  loir-et-cher/investment-aid                    1  50 000,00 €"

# The stop was in fact in September 2025: January's instalment is held,
# with the breach given as the compliance check gives it.
run obligation void "$(event_id 10 stopped)" --reason "the announced date, not the real one" --by "Claire Martin" \
  --on 2026-06-30
expect_rc "the February stop voided" 0
run obligation stop 10 --on 2025-09-30
expect_rc "the September stop" 0
january --dry-run
expect_eq "a dry run holds it" "$LINES" "$HELD"

# Recorded by mistake, the breach no longer holds anything once voided.
run obligation void "$(event_id 10 stopped)" --reason "stop recorded on the wrong convention" --by "Claire Martin" \
  --on 2026-06-30
expect_rc "the September stop voided" 0
january --dry-run
expect_eq "voided, it is paid again" "$LINES" \
  "  loir-et-cher/investment-aid                    1  50 000,00 €"
run obligation stop 10 --on 2025-09-30
expect_rc "the September stop again" 0

january
expect_eq "January's batch holds it" "$LINES" "$HELD"
expect_sql "nothing paid to convention 10 in January" \
  "SELECT count(*) FROM payments WHERE agreement_id = 10 AND batch_id = 2" 0
expect_sql "the hold is recorded with its reason" \
  "SELECT agreement_id, instalment, due_on, amount_cents, reason FROM batch_holds WHERE batch_id = 2 AND agreement_id = 10" \
  "10|2|2026-01-06|5000000|obligation broken, held until the département decides on the clawback: stopped practice on 2025-09-30"

# The clawback counts the 50 000,00 € received, not the held instalment
# (pro rata by day: 50 000,00 € × 1 559 / 1 826 days unserved, half-even),
# and the decision cancels it.
run clawback issue 10 --breach-date 2025-09-30 --notice 2026-01-12 --answer-by 2026-02-12 --decision 2026-02-20 \
  --by "Claire Martin"
expect_rc "the decision" 0
expect_contains "the decision cancels the held instalment" "$OUT" "1 unpaid instalment cancelled"
expect_sql "the order is on what was received" \
  "SELECT o.amount_cents, i.state FROM recovery_orders o JOIN instalments i ON i.agreement_id = o.agreement_id AND i.number = 2 WHERE o.agreement_id = 10" \
  "4268894|cancelled"

# February's batch neither pays nor holds it.
run batch run --month 2026-02 --by "Marc Petit" --on 2026-02-23
expect_rc "February's batch" 0
expect_sql "nothing of convention 10 in February" \
  "SELECT (SELECT count(*) FROM payments WHERE agreement_id = 10 AND batch_id = 3) || ' ' || (SELECT count(*) FROM batch_holds WHERE agreement_id = 10 AND batch_id = 3)" \
  "0 0"
run ledger verify
expect_rc "the ledger verifies" 0

finish
