# A start of practice recorded after its deadline stays on the compliance
# check, as started-late and among the obligations to act on, until the
# département decides; accepting it is recorded on the start
# (--late-start-accepted), after voiding a start recorded without it. The
# option is refused on a start that is not late and before the deadline is
# known, writing nothing.
#
# Convention 6, Anaïs Mercier (paramedical bursary): diploma on 2025-07-04
# (examples/obligations.sh), so 12 months to start, until 2026-07-04; she
# settles in Romorantin (41194) on 2027-03-01, 240 days after it.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

DECISION="délibération CP-2027-03 du 2027-04-10"
row_of_6() { "$GRANTS" --format csv compliance check --as-of "$1" | tr -d '\r' | awk -F, '$1 == 6'; }

expect_eq "2027-02-28: no start yet" "$(row_of_6 2027-02-28)" \
  "6,active,B-0004,loir-et-cher/paramedical-bursary,start-overdue,,,0,36,2026-07-04,,\"no start recorded by 2026-07-04: decide on the breach, or record the start with --late-start-accepted once the département accepts it\""

# --- the option refused, writing nothing
# refused NAME CONVENTION ON DECISION MESSAGE: the start of CONVENTION on ON,
# accepted by DECISION, exits with 3 and "option --late-start-accepted: MESSAGE".
refused() {
  expect_error "$1" 3 "option --late-start-accepted: $5" \
    obligation start "$2" --on "$3" --commune 41194 --late-start-accepted "$4"
}
before=$(table_counts)
refused "accepted on a start before the deadline" 6 2026-06-01 "$DECISION" \
  "the start on 2026-06-01 is not late: the deadline to start is 2026-07-04"
refused "accepted on a start on the deadline" 6 2026-07-04 "$DECISION" \
  "the start on 2026-07-04 is not late: the deadline to start is 2026-07-04"
BLANK="give the département's decision accepting the late start, e.g. \"délibération CP-2027-03 du 2027-04-10\""
refused "an empty decision" 6 2027-03-01 "" "$BLANK"
refused "a blank decision" 6 2027-03-01 "   " "$BLANK"
refused "the deadline not known: convention 7 has no diploma" 7 2027-03-01 "$DECISION" \
  "the deadline to start of convention 7 is not known on 2027-03-01: record the diploma first"
expect_eq "refusals wrote nothing" "$(table_counts)" "$before"

# --- the late start, recorded without a decision
LATE="started 2027-03-01, 240 days after the deadline 2026-07-04: record a breach, or void the start and record it again with --late-start-accepted"
GRANTS_TODAY=2027-03-01 run obligation start 6 --on 2027-03-01 --commune 41194
expect_out "a late start" "convention 6: event $(event_id 6 start) (start on 2027-03-01 in 41194) recorded; on 2027-03-01 the obligation is started-late ($LATE)"
expect_eq "2027-09-01: started-late, the clock running from the start" "$(row_of_6 2027-09-01)" \
  "6,active,B-0004,loir-et-cher/paramedical-bursary,started-late,2027-03-01,2030-02-28,6,30,2026-07-04,2028-02-29,\"$LATE\""
expect_eq "2030-06-30: past the last day owed, still started-late" "$(row_of_6 2030-06-30)" \
  "6,active,B-0004,loir-et-cher/paramedical-bursary,started-late,2027-03-01,2030-02-28,36,0,2026-07-04,2028-02-29,\"$LATE\""
run compliance check --as-of 2027-09-01 --summary
expect_rc "started-late needs action: exit 8" 8
expect_eq "counted among those to act on" "$(head -n 1 <<<"$OUT")" \
  "Compliance as of 2027-09-01: 15 obligations, 2 to act on (start-overdue, started-late, evidence-overdue or breached)"
expect_contains "its column" "$OUT" \
  "scheme                                  awaiting-start  start-overdue  started-late  running  evidence-overdue  fulfilled  breached  total"
expect_contains "counted for its scheme" "$OUT" \
  "loir-et-cher/paramedical-bursary                     1              0             1        0                 0          0         0      2"
run --format json compliance check --as-of 2027-09-01
expect_rc "json" 8
expect_eq "json: the line, the counts" \
  "$(sqlite3 :memory: "SELECT json_extract(readfile('$WORK/stdout'), '\$.obligations[5].state'), json_extract(readfile('$WORK/stdout'), '\$.summary.by_state.\"started-late\"'), json_extract(readfile('$WORK/stdout'), '\$.summary.by_scheme.\"loir-et-cher/paramedical-bursary\".\"started-late\"'), json_extract(readfile('$WORK/stdout'), '\$.summary.needing_action')")" \
  "started-late|1|1|2"

# --- the département accepts it: the start is voided and recorded again
start_id=$(event_id 6 start)
run obligation void "$start_id" --reason "late start accepted by the commission permanente" --by "Claire Martin" \
  --on 2027-04-12
expect_out "the start voided" "convention 6: event $start_id (start on 2027-03-01) voided by Claire Martin (late start accepted by the commission permanente); on 2027-04-12 the obligation is start-overdue (no start recorded by 2026-07-04: decide on the breach, or record the start with --late-start-accepted once the département accepts it)"
run obligation start 6 --on 2027-03-01 --commune 41194 --late-start-accepted "$DECISION"
expect_out "the late start accepted" "convention 6: event $(event_id 6 start) (start on 2027-03-01 in 41194) recorded; on 2027-03-01 the obligation is running (started 240 days after the deadline 2026-07-04, accepted: $DECISION)"
expect_sql "the decision stored as the start's reason" \
  "SELECT kind || ' ' || on_date || ' ' || reason FROM obligation_events WHERE agreement_id = 6 ORDER BY id" \
  "diploma 2025-07-04 
start 2027-03-01 
start 2027-03-01 $DECISION"
expect_eq "2027-09-01: running, the decision shown" "$(row_of_6 2027-09-01)" \
  "6,active,B-0004,loir-et-cher/paramedical-bursary,running,2027-03-01,2030-02-28,6,30,2026-07-04,2028-02-29,\"started 240 days after the deadline 2026-07-04, accepted: $DECISION\""
run compliance check --as-of 2027-09-01 --summary
expect_eq "no longer to act on" "$(head -n 1 <<<"$OUT")" \
  "Compliance as of 2027-09-01: 15 obligations, 1 to act on (start-overdue, started-late, evidence-overdue or breached)"
run obligation show 6 --as-of 2027-09-01
expect_contains "show names the decision" "$OUT" "  state:               running
  detail:              started 240 days after the deadline 2026-07-04, accepted: $DECISION
  diploma:             2025-07-04
  deadline:            2026-07-04
  start:               2027-03-01"

finish
