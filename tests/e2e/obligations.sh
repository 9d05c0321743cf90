# Practice obligations recorded through the CLI on the examples: each kind
# of event with its message, the state at a date computed from the events
# (an earlier date gives what was true then), and bad input refused with its
# exit code and message, writing nothing.
source "$(dirname "$0")/lib.bash"
TABLES+=(obligation_events cesp_declarations recovery_orders recovery_instalments receipts)
# The story runs to 2028: today is after it (an event is recorded once it
# has happened).
export GRANTS_TODAY=2030-06-30
load_examples

# --- Hélène Lefèvre's intern bursary (convention 1): 3 years within 12
# months of the diploma, suspensions extend it, a yearly certificate.
run obligation show 1 --as-of 2026-06-01
expect_rc "show before anything" 0
expect_contains "awaiting the diploma" "$OUT" "  state:               awaiting-start
  detail:              diploma not recorded"
expect_contains "terms from the frozen rules" "$OUT" "  years:               3
  trigger:             within-months-of-diploma
  start_within_months: 12
  suspension:          extends
  evidence:            yearly-certificate
  clawback:            pro-rata"

run obligation diploma 1 --on 2026-10-15
expect_out "diploma" "convention 1: event $(event_id 1 diploma) (diploma on 2026-10-15) recorded; on 2026-10-15 the obligation is awaiting-start (to start by 2027-10-15)"
run obligation start 1 --on 2026-11-02 --commune 41018
expect_out "start" "convention 1: event $(event_id 1 start) (start on 2026-11-02 in 41018) recorded; on 2026-11-02 the obligation is running"
run obligation suspend 1 --reason parental-leave --from 2027-03-01
expect_out "suspend" "convention 1: event $(event_id 1 suspend) (suspend on 2027-03-01 (parental-leave)) recorded; on 2027-03-01 the obligation is running (suspended since 2027-03-01 (parental-leave))"
expect_error "a resumption of another suspension" 3 \
  "option --reason: convention 1 is suspended for parental-leave since 2027-03-01, not illness" \
  obligation resume 1 --to 2027-06-30 --reason illness
run --format json obligation resume 1 --to 2027-06-30 --reason parental-leave
# Values not given (no detail, commune, evidence, reference) are null, as in
# every JSON output.
expect_out "resume, for a script: the event with its id, the state" "{
  \"as_of\": \"2027-06-30\",
  \"convention\": 1,
  \"detail\": null,
  \"recorded\": [
    {
      \"commune\": null,
      \"event\": \"resume\",
      \"evidence\": null,
      \"id\": $(event_id 1 resume),
      \"on\": \"2027-06-30\",
      \"reason\": \"parental-leave\",
      \"recorded_on\": \"2030-06-30\",
      \"reference\": null
    }
  ],
  \"state\": \"running\"
}"
expect_error_unchanged "a suspension starting on the last day of the one before would count that day twice" 5 \
  "convention 1: 2027-06-30 is the last day of a suspension already recorded: a new one starts on 2027-07-01 at the earliest" \
  obligation suspend 1 --reason illness --from 2027-06-30 --to 2027-07-15
run obligation evidence 1 --kind yearly-certificate --on 2027-10-20 --ref "CDOM 41 2027"
expect_out "evidence" "convention 1: event $(event_id 1 evidence) (evidence on 2027-10-20) recorded; on 2027-10-20 the obligation is running"
run obligation move 1 --on 2027-12-01 --commune 41269
expect_out "a move within the département" "convention 1: event $(event_id 1 move) (move on 2027-12-01 in 41269) recorded; on 2027-12-01 the obligation is running"
before_breach=$(table_counts)

# --- bad input: exit code, message, nothing written
expect_error "a date that does not exist" 3 'option --on: date "2028-02-30": day 30 does not exist in February 2028' \
  obligation move 1 --on 2028-02-30 --commune 37261
expect_error "not an INSEE code" 3 'option --commune: "3726" is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)' \
  obligation move 1 --on 2028-03-14 --commune 3726
expect_error "an unknown suspension reason" 3 \
  'option --reason: suspension reason "holidays": expected parental-leave, illness, military-service, training or other' \
  obligation suspend 1 --reason holidays --from 2028-01-01
expect_error "a suspension ending before it begins" 3 'option --to: 2027-12-31 is before the first day 2028-01-10' \
  obligation suspend 1 --reason illness --from 2028-01-10 --to 2027-12-31
expect_error "an event before the last one" 5 "events are recorded in date order: convention 1 already has move on 2027-12-01" \
  obligation stop 1 --on 2027-11-30
expect_error "a second start" 5 "convention 1: practice already started on 2026-11-02" \
  obligation start 1 --on 2028-01-02 --commune 41018
expect_error "a second diploma" 5 "convention 1: the diploma is already recorded, on 2026-10-15" \
  obligation diploma 1 --on 2028-01-02
expect_error "a resumption without suspension" 5 "convention 1: practice is not suspended on 2028-01-02" \
  obligation resume 1 --to 2028-01-02
expect_error "a proof of another kind" 3 'option --kind: "diploma-copy": convention 1 expects yearly-certificate' \
  obligation evidence 1 --kind diploma-copy --on 2028-01-02
expect_error "the next certificate too early" 5 \
  "convention 1: yearly-certificate 2 of 3 attests the year of practice ending 2029-03-03: it cannot be dated before 2028-03-04" \
  obligation evidence 1 --kind yearly-certificate --on 2028-01-02
expect_error "an unknown convention" 4 "convention 99 does not exist" obligation diploma 99 --on 2028-01-02
expect_error "a move to the same commune" 3 "option --commune: convention 1 already practises in 41269" \
  obligation move 1 --on 2028-01-02 --commune 41269
run obligation move 1 --on 2028-01-02
expect_rc "a move without commune is a usage error" 2
expect_eq "bad input wrote nothing" "$(table_counts)" "$before_breach"

# Other conventions' rules: a start outside the département, a start before
# the diploma or without it, a start where the obligation starts by itself.
expect_error "start without the diploma" 5 "convention 2: record the diploma before the start of practice" \
  obligation start 2 --on 2026-11-02 --commune 41018
run obligation diploma 2 --on 2026-10-15
expect_error "start outside the département" 3 \
  "option --commune: 37261 is not in the département (41): the obligation is to practise there" \
  obligation start 2 --on 2026-11-02 --commune 37261
expect_error "start before the diploma" 5 "events are recorded in date order: convention 2 already has diploma on 2026-10-15" \
  obligation start 2 --on 2026-10-01 --commune 41018
expect_error "the supplement starts on the diploma" 5 \
  "the obligation of convention 5 starts on the diploma: record it with grants obligation diploma" \
  obligation start 5 --on 2027-06-01 --commune 41149
expect_error "an investment aid starts when granted" 5 \
  "the obligation of convention 10 started when the aid was granted, on 2025-01-06" \
  obligation start 10 --on 2025-02-01 --commune 41232
expect_error "no proof expected of an equipment aid" 3 "convention 9 (loir-et-cher/equipment-aid) expects no proof of practice" \
  obligation evidence 9 --kind invoice --on 2025-06-01
expect_error "a stop before the start" 5 "the obligation of convention 3 has not started by 2027-01-01: record the start of practice first" \
  obligation stop 3 --on 2027-01-01

# --- the move out of the département breaks it
run obligation move 1 --on 2028-03-14 --commune 37261
expect_out "move out" "convention 1: event $(event_id 1 moved-out) (moved-out on 2028-03-14 in 37261) recorded; on 2028-03-14 the obligation is breached (moved out of the département on 2028-03-14 (37261))
batches hold its 24 unpaid instalments (12 000,00 €) until the département decides on the clawback"
expect_error "nothing after a breach" 5 \
  "the obligation of convention 1 was broken on 2028-03-14 (moved-out): nothing more can be recorded" \
  obligation evidence 1 --kind yearly-certificate --on 2028-06-01
expect_sql "events stored with their reasons" \
  "SELECT kind || ' ' || on_date || ' ' || reason || ' ' || commune FROM obligation_events WHERE agreement_id = 1 ORDER BY on_date, id" \
  "diploma 2026-10-15  
start 2026-11-02  41018
suspend 2027-03-01 parental-leave 
resume 2027-06-30 parental-leave 
evidence 2027-10-20  
move 2027-12-01  41269
moved-out 2028-03-14  37261"

expect_refused "an event is never edited" "UPDATE obligation_events SET on_date = '2028-06-14' WHERE kind = 'moved-out'" \
  "obligation events are append-only: record a new event"
expect_refused "nor deleted" "DELETE FROM obligation_events WHERE kind = 'moved-out'" \
  "obligation events are append-only: events are never deleted"
expect_sql "the breach is still recorded" "SELECT on_date FROM obligation_events WHERE kind = 'moved-out'" "2028-03-14"

# --- the state at any date, from the same events
state_of() { "$GRANTS" --format csv compliance check --as-of "$1" | tr -d '\r' | awk -F, '$1 == 1'; }
expect_eq "2026-10-01: nothing recorded yet" "$(state_of 2026-10-01)" "1,active,B-0001,loir-et-cher/intern-bursary,awaiting-start,,,0,36,,,diploma not recorded"
expect_eq "2026-10-20: the diploma sets the deadline" "$(state_of 2026-10-20)" "1,active,B-0001,loir-et-cher/intern-bursary,awaiting-start,,,0,36,2027-10-15,,to start by 2027-10-15"
expect_eq "2027-04-15: suspended, the end pushed back" "$(state_of 2027-04-15)" \
  "1,active,B-0001,loir-et-cher/intern-bursary,running,2026-11-02,2029-12-17,3,33,2027-10-15,2027-12-17,suspended since 2027-03-01 (parental-leave)"
expect_eq "2027-12-31: running, the first certificate received" "$(state_of 2027-12-31)" \
  "1,active,B-0001,loir-et-cher/intern-bursary,running,2026-11-02,2030-03-03,9,27,2027-10-15,2029-03-03,"
expect_eq "2028-03-14: breached" "$(state_of 2028-03-14)" \
  "1,active,B-0001,loir-et-cher/intern-bursary,breached,2026-11-02,2030-03-03,12,24,2027-10-15,,moved out of the département on 2028-03-14 (37261)"

run compliance check --as-of 2025-06-01
expect_rc "nothing overdue: exit 0" 0
expect_contains "conventions signed by then, nothing to act on" "$OUT" "Compliance as of 2025-06-01: 14 obligations, 0 to act on (start-overdue, started-late, evidence-overdue or breached)"
run compliance check --as-of 2028-03-14 --summary
expect_rc "a breach: exit 8" 8
expect_eq "summary only" "$(head -n 1 <<<"$OUT")" "Compliance as of 2028-03-14: 15 obligations, 3 to act on (start-overdue, started-late, evidence-overdue or breached)"
expect_contains "per scheme" "$OUT" "loir-et-cher/intern-bursary                          2              1             0        0                 0          0         1      4"
run --format json compliance check --as-of 2028-03-14
expect_rc "json" 8
expect_eq "valid JSON" "$(sqlite3 :memory: "SELECT json_valid(readfile('$WORK/stdout'))")" 1
expect_eq "json rows and counts" \
  "$(sqlite3 :memory: "SELECT json_array_length(readfile('$WORK/stdout'), '\$.obligations'), json_extract(readfile('$WORK/stdout'), '\$.obligations[0].state'), json_extract(readfile('$WORK/stdout'), '\$.obligations[0].served'), json_extract(readfile('$WORK/stdout'), '\$.summary.by_state.breached'), json_extract(readfile('$WORK/stdout'), '\$.summary.needing_action')")" \
  "15|breached|12|1|3"
run compliance check --as-of 2028-02-30
expect_rc "bad as-of date" 3
expect_err "bad as-of date" 'grants: error: option --as-of: date "2028-02-30": day 30 does not exist in February 2028'

run obligation show 1 --as-of 2027-12-31
expect_contains "show at an earlier date" "$OUT" "  state:               running
  detail:              
  diploma:             2026-10-15
  deadline:            2027-10-15
  start:               2026-11-02
  commune:             41269
  end:                 2030-03-03
  months_owed:         36
  months_served:       9
  months_left:         27
  suspended_days:      122
  evidence_received:   1
  next_evidence:       2029-03-03"

# --- nothing is broken before the convention binds: a stop, a move out or
# a departure from the zone dated before the signature (a mistyped year) is
# refused, naming the option and both dates, and writes nothing (before:
# recorded, then no clawback could be computed from it, "breach date ... is
# before the signature"). An installation before the signature is kept.
run obligation start 9 --on 2025-01-15 --commune 41269
expect_rc "the equipment aid's installation, before its signature" 0
before_signature=$(table_counts)
expect_error "a stop before the signature" 3 "option --on: 2025-02-01 is before convention 9 was signed, on 2025-02-24" \
  obligation stop 9 --on 2025-02-01
expect_error "a move out before the signature" 3 "option --on: 2025-02-23 is before convention 9 was signed, on 2025-02-24" \
  obligation move 9 --on 2025-02-23 --commune 37261
expect_error "leaving the zone before the signature" 3 \
  "option --on: 2025-01-15 is before convention 9 was signed, on 2025-02-24" obligation leave-zone 9 --on 2025-01-15
expect_eq "refused breaches wrote nothing" "$(table_counts)" "$before_signature"
run obligation move 9 --on 2025-02-01 --commune 41018
expect_rc "a move within the département before the signature" 0
run obligation stop 9 --on 2025-02-24
expect_rc "a stop on the day of the signature" 0
run clawback compute 9 --breach-date 2025-02-24
expect_rc "its clawback computed" 0

# An obligation that starts when the aid is granted (convention 10, signed
# on 2025-01-06) has not started before its signature: an event dated
# before it is refused as such, naming the option (before: "has not
# started by ...: record the start of practice first", when the start is
# the one event such an obligation refuses).
before_grant=$(table_counts)
expect_error "a suspension before the aid was granted" 3 \
  "option --from: 2024-12-01 is before convention 10 was signed, on 2025-01-06" \
  obligation suspend 10 --reason other --from 2024-12-01 --to 2024-12-20
expect_error "a move before the aid was granted" 3 \
  "option --on: 2025-01-05 is before convention 10 was signed, on 2025-01-06" \
  obligation move 10 --on 2025-01-05 --commune 41232
expect_error "a stop before the aid was granted" 3 \
  "option --on: 2024-12-01 is before convention 10 was signed, on 2025-01-06" obligation stop 10 --on 2024-12-01
expect_eq "refused before the grant, nothing written" "$(table_counts)" "$before_grant"
run obligation move 10 --on 2025-01-06 --commune 41232
expect_rc "a move on the day the aid was granted" 0

# Nor is the obligation shown as it stood before the convention existed, as
# compliance check lists only the conventions signed by its date (before:
# "active", "awaiting-start", "no start recorded").
expect_error "shown before the signature" 3 "option --as-of: 2025-01-05 is before convention 10 was signed, on 2025-01-06" \
  obligation show 10 --as-of 2025-01-05
run --format csv obligation show 10 --as-of 2025-01-06
expect_rc "shown on the day of the signature" 0

finish
