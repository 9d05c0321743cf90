# Each step of a batch is dated on or after the steps it follows: approval
# after preparation, the SEPA file's creation after approval and its
# execution date after both, settlement after export, a bank return after
# export (and after settlement once paid), a cancellation after preparation
# and approval. Before, any date went in, and the ledger's dates went
# backwards (`hledger check ordereddates` failed on its export). Each
# refusal names the option and both dates, and writes nothing.
source "$(dirname "$0")/lib.bash"
need hledger hledger
load_examples

# batch_dates: the dates batch 1 stores, '|'-separated.
batch_dates() {
  sql "SELECT state, prepared_on, approved_on, created_at, execution_date, settled_on, cancelled_on FROM batches WHERE id = 1"
}
# refused NAME MESSAGE ARGS...: grants ARGS exits with 3 and MESSAGE, and
# writes nothing.
refused() {
  local name=$1 message=$2 counts dates
  shift 2
  counts=$(table_counts)
  dates=$(batch_dates)
  expect_error "$name" 3 "$message" "$@"
  expect_eq "$name: nothing written" "$(table_counts)" "$counts"
  expect_eq "$name: the batch unchanged" "$(batch_dates)" "$dates"
}

# --- no movement of money on a day to come: a mistyped year would hold
# back every later entry of the ledger, kept in date order. (Today is set
# through GRANTS_TODAY; a dry run may look ahead.)
FUTURE="is after today, 2024-11-10: money does not move on a day to come, and the ledger, kept in date order, would take nothing dated before it from then on"
GRANTS_TODAY=2024-11-10 refused "a batch prepared on a day to come" "option --on: 2052-11-02 $FUTURE" \
  batch run --month 2024-11 --by "Marc Petit" --on 2052-11-02
GRANTS_TODAY=2024-11-10 run batch run --month 2024-11 --dry-run --on 2024-11-11
expect_rc "a dry run dated tomorrow" 0
expect_sql "no batch yet" "SELECT count(*) FROM batches" 0
GRANTS_TODAY=garbage run batch list
expect_rc "a clock that is not a date" 3
expect_err "a clock that is not a date" \
  "grants: error: environment variable GRANTS_TODAY: date \"garbage\": expected YYYY-MM-DD"

november_to run
GRANTS_TODAY=2024-11-02 refused "a draft cancelled tomorrow" "option --on: 2024-11-03 is after today, 2024-11-02: money does not move on a day to come, and the ledger, kept in date order, would take nothing dated before it from then on" \
  batch cancel 1 --by "Marc Petit" --on 2024-11-03
refused "approved before it was prepared" "option --on: 2024-10-01 is before batch 1 was prepared, on 2024-11-02" \
  batch approve 1 --by "Claire Martin" --on 2024-10-01
refused "a draft cancelled before it was prepared" \
  "option --on: 2024-11-01 is before batch 1 was prepared, on 2024-11-02" \
  batch cancel 1 --by "Marc Petit" --on 2024-11-01
# Approval and the file's creation are not dated ahead either: before, an
# approval typed 2052-11-03 was recorded, and the batch could then be
# neither exported (the file is created after the approval) nor cancelled
# (a cancellation is dated after it, and not after today) before 2052; a
# file created in 2052 left an exported batch that nothing could settle,
# return or cancel. Its month stayed taken, its instalments pending.
GRANTS_TODAY=2024-11-02 refused "approved on a day to come" \
  "option --on: 2052-11-03 is after today, 2024-11-02: a batch is approved on the day it is approved at the latest; dated ahead, it could be neither exported nor cancelled before that day" \
  batch approve 1 --by "Claire Martin" --on 2052-11-03
run batch approve 1 --by "Claire Martin" --on 2024-11-02
expect_rc "approved on the day it was prepared" 0
GRANTS_TODAY=2024-11-04 refused "a file created on a day to come" \
  "option --created-at: 2052-11-04T09:30:00 is after today, 2024-11-04: a file is created now at the latest; dated ahead, its batch, which cannot be cancelled once exported, could be neither settled nor its payments returned before that day" \
  batch export 1 --sepa "$WORK/a.xml" --created-at 2052-11-04T09:30:00 --execution-date 2024-11-06
expect_no_file "no file created on a day to come" "$WORK/a.xml"

# --- the export
refused "cancelled before it was approved" "option --on: 2024-11-01 is before batch 1 was approved, on 2024-11-02" \
  batch cancel 1 --by "Marc Petit" --on 2024-11-01
refused "a file created before the approval" \
  "option --created-at: 2024-11-01T17:00:00 is before batch 1 was approved, on 2024-11-02" \
  batch export 1 --sepa "$WORK/a.xml" --created-at 2024-11-01T17:00:00 --execution-date 2024-11-06
expect_no_file "no file" "$WORK/a.xml"
refused "an execution date before the approval" \
  "option --execution-date: 2024-11-01 is before batch 1 was approved, on 2024-11-02" \
  batch export 1 --sepa "$WORK/a.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-01
expect_no_file "no file" "$WORK/a.xml"
refused "an execution date before the file's creation" \
  "option --execution-date: 2024-11-03 is before the file was created, at 2024-11-04T09:30:00" \
  batch export 1 --sepa "$WORK/a.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-03
expect_no_file "no file" "$WORK/a.xml"
run batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-04
expect_rc "executed on the day the file is created" 0

# --- settlement and returns
PAYMENT=$(payment_id 1 1 1)
refused "settled before the export" "option --on: 2024-11-03 is before batch 1 was exported, on 2024-11-04" \
  batch settle 1 --on 2024-11-03
refused "settled before the preparation: the latest step is named" \
  "option --on: 2024-10-01 is before batch 1 was exported, on 2024-11-04" \
  batch settle 1 --on 2024-10-01
refused "returned before the export" "option --on: 2024-11-03 is before batch 1 was exported, on 2024-11-04" \
  batch return 1 --payment "$PAYMENT" --reason AC04 --on 2024-11-03
run batch settle 1 --on 2024-11-06
expect_rc "settle" 0
refused "a paid payment returned before the settlement" \
  "option --on: 2024-11-05 is before batch 1 was settled, on 2024-11-06" \
  batch return 1 --payment "$PAYMENT" --reason AC04 --on 2024-11-05
run batch return 1 --payment "$PAYMENT" --reason AC04 --on 2024-11-06
expect_rc "returned on the day it was settled" 0
expect_eq "the dates batch 1 went through" "$(batch_dates)" \
  "settled|2024-11-02|2024-11-02|2024-11-04T09:30:00|2024-11-04|2024-11-06|"

# --- across batches too: December's batch prepared on 2024-12-02, a return
# on November's batch dated before it is refused, and the other way round.
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "December's batch" 0
SECOND=$(sql "SELECT min(id) FROM payments WHERE batch_id = 1 AND state = 'paid'")
refused "a return dated before the ledger's last entry" \
  "the return entry of payment $SECOND, dated 2024-11-20, is before entry $(sql "SELECT max(seq) FROM ledger") of the ledger, dated 2024-12-02: the ledger is kept in date order, so date it on or after 2024-12-02; nothing written" \
  batch return 1 --payment "$SECOND" --reason AC04 --on 2024-11-20
run batch return 1 --payment "$SECOND" --reason AC04 --on 2024-12-02
expect_rc "the return dated on the day of the last entry" 0
run batch cancel 2 --by "Claire Martin" --on 2024-12-02
expect_rc "December's batch cancelled" 0
refused "a batch prepared before the ledger's last entry" \
  "the payment entry of payment $(( $(sql "SELECT max(id) FROM payments") + 1 )), dated 2024-12-01, is before entry $(sql "SELECT max(seq) FROM ledger") of the ledger, dated 2024-12-02: the ledger is kept in date order, so date it on or after 2024-12-02; nothing written" \
  batch run --month 2024-12 --by "Marc Petit" --on 2024-12-01

# --- the ledger's dates never go backwards
run ledger export --from 2024-01-01 --to 2024-12-31 --format hledger --out "$WORK/2024.journal"
expect_rc "export the journal" 0
if hledger check --strict ordereddates -f "$WORK/2024.journal" >"$WORK/hledger.out" 2>&1; then pass; else
  fail "hledger check ordereddates" "$(cat "$WORK/hledger.out")"; fi

finish
