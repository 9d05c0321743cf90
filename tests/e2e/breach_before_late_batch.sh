# A month's batch prepared after the month's end holds the instalments of a
# convention whose obligation was broken by the day it is prepared, not only
# by the end of the month it pays. Before, January's batch prepared on
# 20 February paid 50 000,00 € to a practice recorded as stopped on
# 10 February, which the clawback decision then asked back.
#
# The Salbris health centre's investment aid (convention 10, B-0013): 100 000,00 € in
# two instalments, 2025-01-06 and 2026-01-06, for a 5-year obligation
# running from the signature.
source "$(dirname "$0")/lib.bash"
TABLES+=(obligation_events)
export GRANTS_TODAY=2026-06-30
load_examples

paid_batch 2025-01 1 2025-01-02 2025-01-03 2025-01-07

run obligation stop 10 --on 2026-02-10
expect_rc "a stop on 10 February" 0

HELD="          10           2  2026-01-06  50 000,00 €  B-0013       loir-et-cher/investment-aid      obligation broken, held until the département decides on the clawback: stopped practice on 2026-02-10"
# january [options]: January 2026's batch; sets LINES to its lines of
# convention 10 (a hold) and of the investment aid (paid).
january() {
  run batch run --month 2026-01 --by "Marc Petit" "$@"
  LINES=$(grep -E '^ +(10 +2 |loir-et-cher/investment-aid)' <<<"$OUT")
}

january --dry-run --on 2026-02-20
expect_rc "a dry run on 20 February" 0
expect_eq "a dry run on 20 February holds it" "$LINES" "$HELD"
january --dry-run
expect_rc "a dry run today" 0
expect_eq "so does a dry run today" "$LINES" "$HELD"
january --on 2026-02-20
expect_rc "January's batch prepared on 20 February" 0
expect_eq "January's batch prepared on 20 February holds it" "$LINES" "$HELD"
expect_sql "nothing paid to convention 10 in January" \
  "SELECT count(*) FROM payments WHERE agreement_id = 10 AND batch_id = 2" 0
expect_sql "the hold is recorded with its reason" \
  "SELECT instalment, reason FROM batch_holds WHERE batch_id = 2 AND agreement_id = 10" \
  "2|obligation broken, held until the département decides on the clawback: stopped practice on 2026-02-10"

finish
