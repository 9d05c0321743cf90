# An event or a breach dated after the last day owed is refused, and the
# refusal says where the obligation stands: "fulfilled" only when it is.
# Before, an obligation past its last day with a yearly certificate
# missing (evidence-overdue) or started late and never accepted
# (started-late) was called "fulfilled" by the refusal, while the
# compliance check listed it among those to act on.
#
# Convention 2, Loïc Bénard (intern bursary): diploma on 2026-06-30, starts
# on 2026-07-10, so his three years end on 2029-07-09; he sends the first
# certificate only. Convention 6, Anaïs Mercier: her start on 2027-03-01
# is 240 days after the deadline (examples/obligations.sh), never
# accepted; her last day owed is 2030-02-28.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

run obligation diploma 2 --on 2026-06-30
run obligation start 2 --on 2026-07-10 --commune 41018
run obligation evidence 2 --kind yearly-certificate --on 2027-07-20 --ref "CDOM 41 2027"
expect_rc "convention 2's first certificate" 0
run obligation start 6 --on 2027-03-01 --commune 41194
expect_rc "convention 6's late start" 0

OVERDUE="on 2029-09-01 the obligation is evidence-overdue (yearly-certificate 2 of 3 due 2028-07-09 not received)"
expect_error_unchanged "a stop after the last day, a certificate missing" 5 \
  "the obligation of convention 2 ran to its last day owed, 2029-07-09: after it, only a proof of practice is recorded; $OVERDUE" \
  obligation stop 2 --on 2029-09-01
expect_error_unchanged "a move out after the last day, a certificate missing" 5 \
  "the obligation of convention 2 ran to its last day owed, 2029-07-09: after it, only a proof of practice is recorded; on 2029-07-10 the obligation is evidence-overdue (yearly-certificate 2 of 3 due 2028-07-09 not received)" \
  obligation move 2 --on 2029-07-10 --commune 37261
expect_error_unchanged "its clawback after the last day" 5 \
  "convention 2: the obligation ran to its last day owed, 2029-07-09, before the breach on 2029-09-01: date the breach on or before it; $OVERDUE" \
  clawback compute 2 --breach-date 2029-09-01

LATE="on 2030-03-01 the obligation is started-late (started 2027-03-01, 240 days after the deadline 2026-07-04: record a breach, or void the start and record it again with --late-start-accepted)"
expect_error_unchanged "a stop after the last day of a late start" 5 \
  "the obligation of convention 6 ran to its last day owed, 2030-02-28: after it, only a proof of practice is recorded; $LATE" \
  obligation stop 6 --on 2030-03-01
expect_error_unchanged "the clawback of a late start after its last day" 5 \
  "convention 6: the obligation ran to its last day owed, 2030-02-28, before the breach on 2030-03-01: date the breach on or before it; $LATE" \
  clawback compute 6 --breach-date 2030-03-01
expect_error_unchanged "its recovery order after the last day" 5 \
  "convention 6: the obligation ran to its last day owed, 2030-02-28, before the breach on 2030-03-01: date the breach on or before it; $LATE" \
  clawback issue 6 --breach-date 2030-03-01 --notice 2030-03-02 --answer-by 2030-04-01 --decision 2030-04-10 \
  --by "Claire Martin"

# A fulfilled obligation is called so, as before.
expect_error_unchanged "a stop after a fulfilled obligation" 5 \
  "the obligation of convention 9 was fulfilled: its last day owed was 2028-02-29" \
  obligation stop 9 --on 2028-03-01
expect_error_unchanged "a clawback after a fulfilled obligation" 5 \
  "convention 9: the obligation was fulfilled: its last day owed was 2028-02-29, before the breach on 2028-03-01" \
  clawback compute 9 --breach-date 2028-03-01

# On the last day, both are still possible.
run clawback compute 2 --breach-date 2029-07-09
expect_rc "a breach on the last day owed" 0
run obligation stop 6 --on 2030-02-28
expect_rc "a stop on the last day owed" 0

finish
