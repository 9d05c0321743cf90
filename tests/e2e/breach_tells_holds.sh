# Recording a stop, a move out or a departure from the zone tells staff what
# it does to the convention's payments: how many unpaid instalments batches
# now hold until the département decides on the clawback, and which
# payments are already in a batch that no hold stops (a draft or approved
# batch is cancelled to hold them). Before, nothing was said, and a draft
# batch prepared before the stop was approved and paid as it was.
#
# The Salbris health centre's investment aid (convention 10, B-0013): 100 000,00 € in
# two instalments, 2025-01-06 and 2026-01-06, for a 5-year obligation
# running from the signature.
source "$(dirname "$0")/lib.bash"
TABLES+=(obligation_events)
export GRANTS_TODAY=2026-06-30
load_examples

paid_batch 2025-01 1 2025-01-02 2025-01-03 2025-01-07

# January 2026's batch, a draft, pays the second instalment; the stop is
# recorded after it was prepared, the same day. Each event below is recorded
# on the day the story reaches, and voided on that day or later.
export GRANTS_TODAY=2026-01-02
run batch run --month 2026-01 --by "Marc Petit" --on 2026-01-02
expect_rc "January 2026's batch" 0
run obligation stop 10 --on 2025-12-15
expect_rc "the stop" 0
expect_out "the stop names the payment the draft batch would make" \
  "convention 10: event 1 (stopped on 2025-12-15) recorded; on 2025-12-15 the obligation is breached (stopped practice on 2025-12-15)
instalment 2 (50 000,00 €) is in batch 2 (draft), which no hold stops: cancel that batch to hold it"

# Voided and recorded again once the batch is cancelled: the instalment is
# held.
export GRANTS_TODAY=2026-01-03
run obligation void 1 --reason "recorded before the batch was cancelled" --by "Claire Martin" --on 2026-01-03
expect_rc "the stop voided" 0
run batch cancel 2 --by "Marc Petit" --on 2026-01-03
expect_rc "January's batch cancelled" 0
run obligation stop 10 --on 2025-12-15
expect_rc "the stop again" 0
expect_out "the stop says what is held" \
  "convention 10: event 2 (stopped on 2025-12-15) recorded; on 2025-12-15 the obligation is breached (stopped practice on 2025-12-15)
batches hold its 1 unpaid instalment (50 000,00 €) until the département decides on the clawback"
run --format csv obligation void 2 --reason "to check the CSV" --by "Claire Martin" --on 2026-01-03
expect_rc "voided again" 0
run --format json obligation stop 10 --on 2025-12-15
expect_rc "the stop in JSON" 0
expect_eq "JSON gives what is held and what is in a batch" \
  "$(jq -c '[.held_instalments, .held_amount, .in_batches]' <<<"$OUT")" '[1,"50000.00",[]]'

# The equipment aid (convention 9): its one instalment in January's batch,
# named while the batch is a draft, then once exported; once paid, nothing
# more is said.
LEFT="convention 9: event %s (left-zone on 2026-01-04) recorded; on 2026-01-04 the obligation is breached (left the eligible zone on 2026-01-04)"
IN_BATCH="instalment 1 (10 000,00 €) is in batch 3"
# left_zone NAME EXPECTED: records the departure from the zone on
# 2026-01-04 (voiding the one recorded before, if any, today); its output is
# EXPECTED.
left_zone() {
  local before
  before=$(event_id 9 left-zone)
  if [ -n "$before" ]; then
    run obligation void "$before" --reason "recorded again" --by "Claire Martin"
    expect_rc "$1: the earlier one voided" 0
  fi
  run obligation leave-zone 9 --on 2026-01-04
  expect_rc "$1" 0
  expect_out "$1" "$2"
}
run obligation start 9 --on 2025-03-01 --commune 41269
expect_rc "the equipment aid's start" 0
run batch run --month 2026-01 --by "Marc Petit" --on 2026-01-03
expect_rc "January's batch again" 0
export GRANTS_TODAY=2026-01-04
left_zone "a draft batch paying it is named" "$(printf "$LEFT" 5)
$IN_BATCH (draft), which no hold stops: cancel that batch to hold it"
run batch approve 3 --by "Claire Martin" --on 2026-01-04
expect_rc "approved anyway" 0
run batch export 3 --sepa "$WORK/2026-01.xml" --created-at 2026-01-04T10:00:00 --execution-date 2026-01-05
expect_rc "exported" 0
left_zone "an exported batch paying it is named" "$(printf "$LEFT" 6)
$IN_BATCH (exported), which no hold stops: the clawback waits until the bank has paid it"
export GRANTS_TODAY=2026-01-05
run batch settle 3 --on 2026-01-05
expect_rc "settled" 0
left_zone "nothing unpaid, nothing in a batch: nothing more said" "$(printf "$LEFT" 7)"

# The bank sends the aid back: its instalment is due again, and the return
# says that batches hold it for the breach, as February's batch does.
export GRANTS_TODAY=2026-06-30
run batch return 3 --payment "$(payment_id 3 9 1)" --reason AC04 --on 2026-01-12
expect_rc "the aid returned" 0
expect_out "the return names the breach that holds the instalment" \
  "payment $(payment_id 3 9 1) of batch 3 returned (AC04); its instalment is due again, held until the département decides on the clawback: left the eligible zone on 2026-01-04; batches hold the instalments of B-0012 until another IBAN is given (grants beneficiary set-iban B-0012 IBAN)"
run batch run --month 2026-02 --by "Marc Petit" --on 2026-02-02 --dry-run
expect_rc "February's dry run" 0
expect_eq "February holds it for both reasons" "$(grep -E '^ +9 +1 ' <<<"$OUT")" \
  "           9           1  2025-03-01  10 000,00 €  B-0012       loir-et-cher/equipment-aid       obligation broken, held until the département decides on the clawback: left the eligible zone on 2026-01-04; IBAN FR76 **** **** 6602 returned by the bank (AC04): waiting for a new IBAN"

finish
