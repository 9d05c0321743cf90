# An obligation event records what has happened: one dated after today (a
# stop announced for next month, a mistyped year, the planned end of a
# leave) is refused, naming the option, the date and today, and writes
# nothing; so is a void dated after today. Before, a stop dated ahead was
# recorded as "the obligation is breached" and "batches hold its 24 unpaid
# instalments", while `obligation show` and the compliance check said
# running until that day, the batches paid until its month, and every event
# of an earlier day was refused as out of date order.
#
# On the day itself an event is recorded, and `obligation show`, the
# compliance check and the batch all see it that day: the batch holds the
# convention's instalments with the breach as `obligation show` gives it.
#
# Hélène Lefèvre's intern bursary (convention 1): diploma on 2026-10-15,
# practice started on 2026-11-02 in Blois; today is 2027-06-30.
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2027-06-30
load_examples

run obligation diploma 1 --on 2026-10-15
expect_rc "diploma" 0
run obligation start 1 --on 2026-11-02 --commune 41018
expect_rc "start" 0

# ahead CASE OPTION DATE ARGS...: `grants obligation ARGS` is refused (exit
# code 3) as an event dated DATE, after today, by OPTION; nothing written.
ahead() {
  local name=$1 option=$2 date=$3
  shift 3
  expect_error_unchanged "$name" 3 \
    "option $option: $date is after today, 2027-06-30: an obligation event is recorded once it has happened" \
    obligation "$@"
}
ahead "a stop announced for next month" --on 2027-07-15 stop 1 --on 2027-07-15 --note "départ annoncé"
ahead "a stop in a mistyped year" --on 2072-06-15 stop 1 --on 2072-06-15
ahead "a move out announced" --on 2027-07-01 move 1 --on 2027-07-01 --commune 37261
ahead "a move within the département announced" --on 2027-07-01 move 1 --on 2027-07-01 --commune 41269
ahead "a departure from the zone announced" --on 2027-09-01 leave-zone 1 --on 2027-09-01
ahead "a certificate not yet issued" --on 2027-10-20 evidence 1 --kind yearly-certificate --on 2027-10-20
ahead "a diploma to come" --on 2027-07-10 diploma 2 --on 2027-07-10
ahead "a suspension to come" --from 2027-07-01 suspend 1 --reason parental-leave --from 2027-07-01
expect_error_unchanged "a suspension whose end is to come" 3 \
  "option --to: 2027-08-31 is after today, 2027-06-30: record the end of the suspension once it has happened, with grants obligation resume" \
  obligation suspend 1 --reason parental-leave --from 2027-06-01 --to 2027-08-31
run obligation suspend 1 --reason illness --from 2027-06-01
expect_rc "a suspension begun" 0
ahead "a resumption to come" --to 2027-07-10 resume 1 --to 2027-07-10
run obligation resume 1 --to 2027-06-20
expect_rc "the suspension over" 0
expect_error_unchanged "a void dated after today" 3 \
  "option --on: 2027-07-01 is after today, 2027-06-30: a void counts from the moment it is recorded: date it today or earlier" \
  obligation void "$(event_id 1 resume)" --reason "wrong day" --by "Claire Martin" --on 2027-07-01

# --- on the day: recorded, and seen that day by show, compliance and batch
run obligation stop 1 --on 2027-06-30 --note "cessation d'activité"
expect_out "a stop dated today" "convention 1: event $(event_id 1 stopped) (stopped on 2027-06-30) recorded; on 2027-06-30 the obligation is breached (stopped practice on 2027-06-30)
batches hold its 24 unpaid instalments (12 000,00 €) until the département decides on the clawback"
run --format json obligation show 1
expect_rc "show, today by default" 0
DETAIL=$(sqlite3 :memory: "SELECT json_extract(readfile('$WORK/stdout'), '\$.state') || ': ' || json_extract(readfile('$WORK/stdout'), '\$.detail')")
expect_eq "show today: breached" "$DETAIL" "breached: stopped practice on 2027-06-30"
run --format csv compliance check
expect_rc "the compliance check today finds it" 8
expect_eq "compliance today: breached, as show says" "$(tr -d '\r' <<<"$OUT" | awk -F, '$1 == 1')" \
  "1,active,B-0001,loir-et-cher/intern-bursary,breached,2026-11-02,2029-11-21,7,29,2027-10-15,,stopped practice on 2027-06-30"
run --format csv batch run --month 2027-07 --dry-run --by "Marc Petit"
expect_rc "July's batch" 0
expect_eq "the batch holds each of its instalments with show's detail" \
  "$(tr -d '\r' <<<"$OUT" | sed -n '/^holds$/,$p' | grep '^1,' | cut -d, -f7- | sort | uniq -c | sed 's/^ *//')" \
  "24 \"obligation broken, held until the département decides on the clawback: stopped practice on 2027-06-30\""

finish
