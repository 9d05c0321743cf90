# A beneficiary calls: "my bursary was not paid this month". `agreement
# show` (and `schedule show`) tells, for each open instalment due by the
# end of this month, what a batch prepared today would do with it: pay it,
# or hold it with the reason the batch gives. Before, it showed only
# "open", and the reason was in `batch run --dry-run` or `batch show`
# alone, among every other convention's.
#
# Today is 2026-01-15. On the examples: B-0001 (convention 1) gave the IBAN
# the bank returned in November 2024; B-0002 (convention 2) sent no
# enrolment certificate; B-0014 (convention 3) has no IBAN and no
# certificate after 2025-10-31; convention 6 (B-0004) is suspended from
# 2025-02-01; the Salbris health centre (convention 10) stopped practice on
# 2025-09-30, a breach not yet decided.
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2026-01-15
load_examples

november_to return
run agreement suspend 6 --from 2025-02-01 --reason "congé maladie"
expect_rc "convention 6 suspended" 0
run obligation stop 10 --on 2025-09-30
expect_rc "convention 10 stopped" 0

# schedule_line ID NUMBER: that instalment's line of `agreement show ID`.
schedule_line() { "$GRANTS" agreement show "$1" | grep -E "^ +$2  [0-9]{4}-"; }
# note_of ID: the line of `agreement show ID` about today's batch.
note_of() { "$GRANTS" agreement show "$1" | grep '^Batch for '; }

before=$(table_counts)

# Convention 6: the instalments paid in November stay as they were, two
# more are paid, the suspension holds the rest.
run agreement show 6
expect_rc "agreement show 6" 0
expect_contains "the schedule has the batch's columns" "$OUT" \
  "  number  due           amount  covers_from  covers_to   state  batch_today  hold_reason"
expect_contains "a paid instalment: nothing to decide" "$OUT" \
  "       3  2024-11-05  500,00 €  2024-11-01   2024-11-30  paid"$'\n'
expect_contains "due before the suspension: paid" "$OUT" \
  "       5  2025-01-05  500,00 €  2025-01-01   2025-01-31  open   pays"$'\n'
expect_contains "due from the suspension: held" "$OUT" \
  "       6  2025-02-05  500,00 €  2025-02-01   2025-02-28  open   holds        convention suspended"
expect_contains "the note sums it" "$OUT" \
  "Batch for 2026-01 prepared today (2026-01-15): pays 2 instalments (1 000,00 €), holds 7 instalments (3 500,00 €)"

# Convention 1: every instalment waits for a new IBAN.
expect_eq "the returned IBAN" "$(schedule_line 1 1)" \
  "       1  2024-11-05  500,00 €  2024-11-01   2024-11-30  open   holds        IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN"
expect_eq "convention 1's note" "$(note_of 1)" \
  "Batch for 2026-01 prepared today (2026-01-15): holds 15 instalments (7 500,00 €)"
# Convention 2: no certificate.
expect_eq "the missing certificate" "$(schedule_line 2 15)" \
  "      15  2026-01-05  500,00 €  2026-01-01   2026-01-31  open   holds        missing enrolment-certificate covering 2026-01-05"
# Convention 3: no IBAN, and from November 2025 no certificate either.
expect_eq "no IBAN" "$(schedule_line 3 12)" \
  "      12  2025-10-05  500,00 €  2025-10-01   2025-10-31  open   holds        no IBAN"
expect_eq "no IBAN and no certificate" "$(schedule_line 3 13)" \
  "      13  2025-11-05  500,00 €  2025-11-01   2025-11-30  open   holds        no IBAN; missing enrolment-certificate covering 2025-11-05"
# Due after this month: a later batch decides, on what is known then.
expect_eq "due next month: nothing said" "$(schedule_line 3 16)" \
  "      16  2026-02-05  500,00 €  2026-02-01   2026-02-28  open"
# Convention 10: the breach holds both instalments.
expect_eq "the broken obligation" "$(schedule_line 10 2)" \
  "       2  2026-01-06  50 000,00 €  2026-01-06   2026-01-06  open   holds        obligation broken, held until the département decides on the clawback: stopped practice on 2025-09-30"
expect_eq "convention 10's note" "$(note_of 10)" \
  "Batch for 2026-01 prepared today (2026-01-15): holds 2 instalments (100 000,00 €)"
# schedule show is the same command.
run schedule show 6
expect_contains "schedule show says it too" "$OUT" \
  "       6  2025-02-05  500,00 €  2025-02-01   2025-02-28  open   holds        convention suspended"

# JSON: the fields and each instalment's columns.
run --format json agreement show 6
expect_rc "agreement show 6, json" 0
expect_eq "JSON fields" \
  "$(jq -c '[.batch_today_on, .batch_today_month, .batch_today_pays, .batch_today_pays_total, .batch_today_holds, .batch_today_holds_total]' <<<"$OUT")" \
  '["2026-01-15","2026-01",2,"1000.00",7,"3500.00"]'
expect_eq "JSON instalments" \
  "$(jq -c '[.schedule[] | select(.number >= 3 and .number <= 6) | [.number, .state, .batch_today, .hold_reason]]' <<<"$OUT")" \
  '[[3,"paid",null,null],[4,"open","pays",null],[5,"open","pays",null],[6,"open","holds","convention suspended"]]'
# The instalments in each state, and their sums, as the text's "By state"
# note gives them: before, JSON had them only by adding up the schedule.
expect_eq "JSON totals by state" \
  "$(jq -c '[.paid_instalments, .paid_total, .pending_instalments, .pending_total, .open_instalments, .open_total, .cancelled_instalments, .cancelled_total]' <<<"$OUT")" \
  '[3,"1500.00",0,"0.00",9,"4500.00",0,"0.00"]'
expect_eq "JSON totals: the schedule's" \
  "$(jq -c '[.paid_instalments, .open_instalments, .paid_total, .open_total]' <<<"$OUT")" \
  "$(jq -c '[([.schedule[] | select(.state == "paid")] | length), ([.schedule[] | select(.state == "open")] | length),
             ([.schedule[] | select(.state == "paid") | .amount | sub("\\."; "") | tonumber] | add / 100 | tostring + ".00"),
             ([.schedule[] | select(.state == "open") | .amount | sub("\\."; "") | tonumber] | add / 100 | tostring + ".00")]' <<<"$OUT")"
run agreement show 6
expect_contains "text: the fields and the note" "$OUT" "  paid_instalments:        3
  paid_total:              1 500,00 €"
expect_contains "text: the note" "$OUT" "By state: paid 3 (1 500,00 €); open 9 (4 500,00 €)"
# CSV: the schedule with the same columns.
run --format csv schedule show 10
expect_out "CSV" "$(printf '%s\r\n' 'number,due,amount,covers_from,covers_to,state,batch_today,hold_reason' \
  '1,2025-01-06,50000.00,2025-01-06,2025-01-06,open,holds,"obligation broken, held until the département decides on the clawback: stopped practice on 2025-09-30"' \
  '2,2026-01-06,50000.00,2026-01-06,2026-01-06,open,holds,"obligation broken, held until the département decides on the clawback: stopped practice on 2025-09-30"')"

# A dry run today gives, convention by convention, the same holds, and pays
# what the conventions say they would be paid.
run --format json batch run --month 2026-01 --dry-run
expect_rc "January's dry run" 0
DRY=$OUT
pays=0 paid=0 holds=0
for id in $(sql "SELECT id FROM agreements ORDER BY id"); do
  run --format json agreement show "$id"
  expect_eq "convention $id: the dry run's holds" \
    "$(jq -c '[.schedule[] | select(.batch_today == "holds") | [.number, .due, .amount, .hold_reason]]' <<<"$OUT")" \
    "$(jq -c --argjson id "$id" '[.holds[] | select(.convention == $id) | [.instalment, .due, .amount, .reason]]' <<<"$DRY")"
  pays=$((pays + $(jq '.batch_today_pays' <<<"$OUT")))
  holds=$((holds + $(jq '.batch_today_holds' <<<"$OUT")))
  paid=$((paid + $(jq '.batch_today_pays_total | sub("\\."; "") | tonumber' <<<"$OUT")))
done
expect_eq "the dry run pays and holds what the conventions say" "$pays $paid $holds" \
  "$(jq -r '"\(.payments) \(.total | sub("\\."; "") | tonumber) \(.held)"' <<<"$DRY")"
# 15 each of conventions 1 to 3, 7 of convention 6, 2 of convention 10, and
# 4 of each Vienne study aid (11 to 15), whose certificates ended on
# 2025-09-30.
expect_eq "what the dry run holds" "$holds" 74

expect_eq "showing wrote nothing" "$(table_counts)" "$before"

# The batch is prepared: what it paid is pending, what it held still says
# why, as batch show does.
run batch run --month 2026-01 --by "Marc Petit" --on 2026-01-15
expect_rc "January's batch" 0
run --format json agreement show 6
expect_eq "after the batch: pending, and the holds" \
  "$(jq -c '[.schedule[] | select(.number >= 4 and .number <= 6) | [.number, .state, .batch_today, .hold_reason]]' <<<"$OUT")" \
  '[[4,"pending",null,null],[5,"pending",null,null],[6,"open","holds","convention suspended"]]'
run --format json batch show 2
expect_eq "batch show holds the same" \
  "$(jq -c '[.holds[] | select(.convention == 6) | [.instalment, .reason]]' <<<"$OUT")" \
  '[[6,"convention suspended"],[7,"convention suspended"],[8,"convention suspended"],[9,"convention suspended"],[10,"convention suspended"],[11,"convention suspended"],[12,"convention suspended"]]'

# B-0001 gives a new IBAN: the next batch would pay her. January has its
# batch, so the next is February's, which may be prepared today: it would
# pay February's instalment too. (Before, the note spoke of a batch for
# 2026-01, which can no longer be prepared, and left February's out.)
run beneficiary set-iban B-0001 "FR76 3000 6000 0112 3456 7890 189"
expect_rc "a new IBAN" 0
expect_eq "the new IBAN releases them" "$(note_of 1)" \
  "Batch for 2026-02 prepared today (2026-01-15; 2026-01 has batch 2): pays 16 instalments (8 000,00 €)"
run --format json agreement show 1
expect_eq "JSON: February's batch" "$(jq -c '[.batch_today_month, .batch_today_pays, .schedule[15].due, .schedule[15].batch_today]' <<<"$OUT")" \
  '["2026-02",16,"2026-02-05","pays"]'

# An auditor, who may only read, sees it too: nothing opens a write
# transaction.
only_on postgresql "roles are PostgreSQL's"
auditor="auditor_$$" alice="alice_$$"
PG_ROLES+=("$alice" "$auditor")
run db roles --officer "officer_$$" --auditor "$auditor"
PG_ROLES+=("officer_$$")
expect_rc "db roles" 0
psql "$GRANTS_TEST_POSTGRESQL" -qX -v ON_ERROR_STOP=1 -c "CREATE ROLE $alice LOGIN IN ROLE $auditor" >/dev/null
as_auditor="postgresql://$alice@${DB_URL#*@}"
run agreement show 6
OWNER=$OUT
run --db "$as_auditor" agreement show 6
expect_rc "the auditor's agreement show" 0
expect_out "the auditor sees what the owner sees" "$OWNER"
expect_contains "holds included" "$OUT" "Batch for 2026-02 prepared today (2026-01-15; 2026-01 has batch 2): holds 7 instalments (3 500,00 €)"
run --db "$as_auditor" agreement resume 6 --on 2026-01-15 --reason "reprise"
expect_rc "whereas a write is refused to the auditor" 6
expect_contains "refused as the auditor it is" "$ERR" "database user $alice may not write to this database (no INSERT on table ledger)"

finish
