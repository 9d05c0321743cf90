# Correcting an obligation event recorded by mistake: the event is voided,
# not changed or deleted. It stays on record with who voided it, when and
# why, and no longer counts anywhere (the state at any date, the compliance
# check). A void that would leave the events inconsistent, or touch an
# obligation whose breach the département has decided on, is refused and
# writes nothing; the database refuses to change or delete a void.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

# For a script, `voided` is there when nothing was voided: an empty array
# (before: the key was missing).
run --format json obligation show 4 --as-of 2030-01-01
expect_contains "nothing voided: an empty array" "$OUT" '"voided": []'
run obligation show 4 --as-of 2030-01-01
if [[ "$OUT" == *voided* ]]; then fail "nothing voided: no empty table for a person" "$OUT"; else pass; fi

# --- a stop typed on convention 4 instead of another one
GRANTS_TODAY=2030-01-20 run obligation stop 4 --on 2030-01-15 --note "saisi sur la mauvaise convention"
STOP=$(event_id 4 stopped)
expect_out "the stop breaks convention 4" "convention 4: event $STOP (stopped on 2030-01-15) recorded; on 2030-01-15 the obligation is breached (stopped practice on 2030-01-15)
batches hold its 12 unpaid instalments (6 000,00 €) until the département decides on the clawback"
# A void withdraws a record that exists: dated before the stop was recorded
# (on 2030-01-20), even after the stop's own date, it would say the record
# was withdrawn before it was made. Refused, writing nothing.
expect_error_unchanged "a void dated before the event was recorded" 3 \
  "option --on: 2030-01-17 is before obligation event $STOP (stopped on 2030-01-15 of convention 4) was recorded, on 2030-01-20: date the void on or after that day" \
  obligation void "$STOP" --reason "stop recorded on the wrong convention" --by "Claire Martin" --on 2030-01-17
run obligation void "$STOP" --reason "stop recorded on the wrong convention" --by "Claire Martin" --on 2030-02-01
expect_rc "void the stop" 0
expect_out "void the stop" "convention 4: event $STOP (stopped on 2030-01-15) voided by Claire Martin (stop recorded on the wrong convention); on 2030-02-01 the obligation is running"
expect_sql "the stop is still on record" "SELECT kind, on_date FROM obligation_events WHERE id = $STOP" "stopped|2030-01-15"
expect_sql "with its void" "SELECT reason, voided_by, recorded_on FROM obligation_event_voids WHERE event_id = $STOP" \
  "stop recorded on the wrong convention|Claire Martin|2030-02-01"
run obligation show 4 --as-of 2030-01-20
expect_contains "on a date after the stop, running again" "$OUT" "  state:               running"
expect_contains "show lists the voided event" "$OUT" "voided:
  id  event    on          voided_on   voided_by      reason
  $STOP  stopped  2030-01-15  2030-02-01  Claire Martin  stop recorded on the wrong convention"

# --- a suspension whose resumption is recorded with it: voiding the
# suspension first would leave a resumption of nothing
GRANTS_TODAY=2030-03-31 run obligation suspend 4 --reason illness --from 2030-02-10 --to 2030-03-10
expect_rc "a suspension with its end" 0
SUSPEND=$(event_id 4 suspend)
RESUME=$(event_id 4 resume)
expect_out "two events recorded" "convention 4: events $SUSPEND and $RESUME (suspend on 2030-02-10 to 2030-03-10 (illness)) recorded; on 2030-02-10 the obligation is running (suspended since 2030-02-10 (illness))"
before=$(table_counts)
expect_error "the suspension before its resumption" 5 \
  "obligation event $SUSPEND (suspend on 2030-02-10 of convention 4) cannot be voided: event $RESUME (resume on 2030-03-10) would no longer fit: convention 4: practice is not suspended on 2030-03-10" \
  obligation void "$SUSPEND" --reason "no sick leave" --by "Claire Martin" --on 2030-04-01
expect_eq "nothing written" "$(table_counts)" "$before"
run obligation void "$RESUME" --reason "no sick leave" --by "Claire Martin" --on 2030-04-01
expect_out "the resumption first" "convention 4: event $RESUME (resume on 2030-03-10) voided by Claire Martin (no sick leave); on 2030-04-01 the obligation is running (suspended since 2030-02-10 (illness))"
run --format csv obligation void "$SUSPEND" --reason "no sick leave" --by "Claire Martin" --on 2030-04-01
expect_rc "then the suspension" 0
expect_eq "then the suspension, for a script: the state, the void" "$(tr -d '\r' <<<"$OUT")" "field,value
convention,4
as_of,2030-04-01
state,running
detail,

voided
id,event,on,voided_on,voided_by,reason
$SUSPEND,suspend,2030-02-10,2030-04-01,Claire Martin,no sick leave"

# Every mistake voided: the compliance report is the hand-checked one again.
run --format csv compliance check --as-of 2030-06-30
expect_eq "compliance as of 2030-06-30 as before the mistakes" "$(tr -d '\r' <<<"$OUT")" \
  "$(cat "$GRANTS_SOURCE_DIR/tests/e2e/expected/compliance-2030-06-30.csv")"

# --- refused, writing nothing
before=$(table_counts)
expect_error "a second void" 5 \
  "obligation event $STOP (stopped on 2030-01-15 of convention 4) was already voided on 2030-02-01 by Claire Martin: stop recorded on the wrong convention" \
  obligation void "$STOP" --reason "again" --by "Marc Petit" --on 2030-06-30
DIPLOMA=$(event_id 4 diploma)
START=$(event_id 4 start)
expect_error "the diploma a start depends on" 5 \
  "obligation event $DIPLOMA (diploma on 2027-05-10 of convention 4) cannot be voided: event $START (start on 2027-09-01) would no longer fit: convention 4: record the diploma before the start of practice" \
  obligation void "$DIPLOMA" --reason "wrong year" --by "Claire Martin" --on 2030-06-30
BREACH=$(sql "SELECT on_date || ' (' || reason || ')' FROM obligation_events WHERE agreement_id = 1 AND kind = 'breach'")
expect_error "an event of an obligation whose breach was decided" 5 \
  "obligation event $(event_id 1 suspend) (suspend on 2027-03-01 of convention 1) cannot be voided: the département decided on the breach of convention 1 on $BREACH" \
  obligation void "$(event_id 1 suspend)" --reason "wrong dates" --by "Claire Martin" --on 2030-06-30
expect_error "the decision itself" 5 \
  "obligation event $(event_id 1 breach) (breach on ${BREACH%% *} of convention 1) cannot be voided: the département decided on the breach of convention 1 on $BREACH" \
  obligation void "$(event_id 1 breach)" --reason "wrong" --by "Claire Martin" --on 2030-06-30
expect_error "an unknown event" 4 "obligation event 999 does not exist" \
  obligation void 999 --reason "typo" --by "Claire Martin" --on 2030-06-30
expect_error "no reason" 3 "a reason is required (--reason)" \
  obligation void "$START" --reason " " --by "Claire Martin" --on 2030-06-30
expect_eq "nothing written by the refusals" "$(table_counts)" "$before"

# --- the database keeps voids as they are
expect_refused "a void is never changed" "UPDATE obligation_event_voids SET reason = 'x' WHERE event_id = $STOP" \
  "voids of obligation events are append-only: a void is final"
expect_refused "nor deleted" "DELETE FROM obligation_event_voids WHERE event_id = $STOP" \
  "voids of obligation events are append-only: a void is final"

finish
