# Schedule events on convention 1 (B-0001, 24 × 500 € due on the 5th from
# 2024-11-05): a suspension holds its instalments; the resumption moves the
# unpaid ones by the months suspended and leaves the total unchanged; a
# termination cancels those due after its date.
source "$(dirname "$0")/lib.bash"
load_examples

# schedule_of ID: "number due amount covers_from covers_to state" of each
# instalment (without what a batch today would do with it).
schedule_of() { "$GRANTS" --format csv schedule show "$1" | tail -n +2 | tr -d '\r' | cut -d, -f1-6 | tr , ' '; }
# months FROM COUNT DAY: COUNT lines "due covers_from covers_to", a month
# apart from the month of FROM, due on DAY, covering the whole month.
months() {
  local k first
  for ((k = 0; k < $2; k++)); do
    first=$(date -d "$1 +$k month" +%Y-%m-01)
    echo "$(date -d "$first" +%Y-%m)-$3 $first $(date -d "$first +1 month -1 day" +%F)"
  done
}
# expected_schedule PENDING < LINES: numbers the lines, each with 500.00; the
# first PENDING are in a batch not yet paid, the others open.
expected_schedule() { awk -v pending="$1" '{ print NR, $1, "500.00", $2, $3, NR <= pending ? "pending" : "open" }'; }

expect_eq "the schedule as signed" "$(schedule_of 1)" "$(months 2024-11-01 24 05 | expected_schedule 0)"

for month in 2024-11 2024-12 2025-01; do
  run batch run --month "$month" --by "Marc Petit" --on "$month-02"
  expect_rc "batch $month" 0
done

# --- suspension from 2025-02-01: February's instalment is held
run agreement suspend 1 --from 2025-02-01 --reason "congé parental"
expect_rc "suspend" 0
expect_out "suspend" "convention 1 suspended from 2025-02-01"
expect_sql "suspended" "SELECT state FROM agreements WHERE id = 1" suspended
expect_error "suspended twice" 5 "convention 1 of B-0001 was suspended from 2025-02-01 (congé parental): only an active convention can be suspended; resume it with \`agreement resume 1 --on DATE --reason TEXT\`, or terminate it with \`agreement terminate 1 --on DATE --reason TEXT\`" \
  agreement suspend 1 --from 2025-03-01 --reason "congé parental"
expect_error "a suspension needs a reason" 3 "a reason is required (--reason)" \
  agreement suspend 2 --from 2025-03-01 --reason "  "
expect_error "an empty reason is none" 3 'option --reason: "" is empty: give a value' \
  agreement suspend 2 --from 2025-03-01 --reason ""

run batch run --month 2025-02 --by "Marc Petit" --on 2025-02-02
expect_rc "batch 2025-02" 0
expect_contains "February holds the suspended convention" "$OUT" \
  "           1           4  2025-02-05  500,00 €  B-0001       loir-et-cher/intern-bursary  convention suspended"
expect_sql "nothing paid to convention 1 in February" "SELECT count(*) FROM payments WHERE agreement_id = 1 AND batch_id = 4" 0

expect_error "resume before the suspension" 3 "option --on: 2025-01-15 is before convention 1 was suspended, from 2025-02-01" \
  agreement resume 1 --on 2025-01-15 --reason "reprise des études"

# --- resumption on 2025-06-01: four months; the 21 unpaid instalments move
run agreement resume 1 --on 2025-06-01 --reason "reprise des études"
expect_rc "resume" 0
expect_out "resume" "convention 1 resumed on 2025-06-01; 21 unpaid instalments moved by 4 months"
expect_sql "active again" "SELECT state FROM agreements WHERE id = 1" active
expect_eq "instalments 1-3 paid stay, 4-24 move four months later" "$(schedule_of 1)" \
  "$({ months 2024-11-01 3 05; months 2025-06-01 21 05; } | expected_schedule 3)"
run schedule show 1
expect_contains "the total is unchanged" "$OUT" "Total: 12 000,00 € in 24 instalments; award 12 000,00 €"
expect_sql "the stored total is unchanged" "SELECT count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1" "24|1200000"
expect_error "resume an active convention" 5 "convention 1 of B-0001 is active: only a suspended convention can be resumed; it pays as scheduled: suspend it with \`agreement suspend 1 --from DATE --reason TEXT\`, or terminate it with \`agreement terminate 1 --on DATE --reason TEXT\`" \
  agreement resume 1 --on 2025-07-01 --reason "reprise des études"

# May pays nothing to convention 1; June pays instalment 4, now due 2025-06-05.
expect_sql "convention 1 has nothing due in May" \
  "SELECT count(*) FROM instalments WHERE agreement_id = 1 AND due_on > '2025-01-31' AND due_on <= '2025-05-31'" 0
run batch run --month 2025-06 --by "Marc Petit" --on 2025-06-02
expect_rc "batch 2025-06" 0
expect_eq "June pays the moved instalment 4, not 5" \
  "$(batch_payments 5 | awk -F, '$2 == 1 { print $3, $4, $7 }')" "4 2025-06-05 500.00"

# --- termination on 2025-09-30, once July to September are paid
run batch run --month 2025-09 --by "Marc Petit" --on 2025-09-02
expect_eq "September catches up July and August" \
  "$(batch_payments 6 | awk -F, '$2 == 1 { print $3, $4 }')" \
  "5 2025-07-05
6 2025-08-05
7 2025-09-05"
run agreement terminate 1 --on 2025-09-30 --reason "abandon des études"
expect_rc "terminate" 0
expect_out "terminate" "convention 1 terminated on 2025-09-30; 17 instalments cancelled"
expect_sql "instalments 8-24 (due 2025-10-05 to 2027-02-05) cancelled" \
  "SELECT min(number), max(number), min(due_on), max(due_on), count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1 AND state = 'cancelled'" \
  "8|24|2025-10-05|2027-02-05|17|850000"
expect_sql "what is left to pay: 7 × 500 €" \
  "SELECT count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1 AND state <> 'cancelled'" "7|350000"
run schedule show 1
expect_contains "the schedule shows what the termination cancelled" "$OUT" \
  "By state: pending 7 (3 500,00 €); cancelled 17 (8 500,00 €)"
expect_sql "and all of it has a payment" \
  "SELECT count(*), sum(amount_cents) FROM payments WHERE agreement_id = 1 AND state IN ('pending', 'paid')" "7|350000"
run batch run --month 2025-10 --by "Marc Petit" --on 2025-10-02
expect_rc "batch 2025-10" 0
expect_sql "nothing more for convention 1" "SELECT count(*) FROM payments WHERE agreement_id = 1 AND batch_id = 7" 0
expect_error "terminated twice" 5 "convention 1 of B-0001 was terminated on 2025-09-30 (abandon des études): only an active or suspended convention can be terminated; its unpaid instalments are cancelled: nothing more is suspended, resumed or terminated" \
  agreement terminate 1 --on 2025-10-31 --reason "abandon des études"
expect_error "suspend a terminated convention" 5 "convention 1 of B-0001 was terminated on 2025-09-30 (abandon des études): only an active convention can be suspended; its unpaid instalments are cancelled: nothing more is suspended, resumed or terminated" \
  agreement suspend 1 --from 2025-11-01 --reason "congé"

# --- the events, with their reasons
expect_sql "events recorded" \
  "SELECT kind || ' ' || effective_on || ' ' || reason || ' ' || shifted_months || ' ' || cancelled_instalments
   FROM agreement_events WHERE agreement_id = 1 ORDER BY id" \
  "suspend 2025-02-01 congé parental 0 0
resume 2025-06-01 reprise des études 4 0
terminate 2025-09-30 abandon des études 0 17"
run --format json agreement show 1
expect_contains "shown with the convention" "$(tr -d ' \n' <<<"$OUT")" \
  '"events":[{"event":"suspend","instalments_cancelled":0,"months_moved":0,"on":"2025-02-01","reason":"congéparental"},{"event":"resume","instalments_cancelled":0,"months_moved":4,"on":"2025-06-01","reason":"reprisedesétudes"},{"event":"terminate","instalments_cancelled":17,"months_moved":0,"on":"2025-09-30","reason":"abandondesétudes"}]'
expect_contains "terminated" "$(tr -d ' \n' <<<"$OUT")" '"state":"terminated"'

finish
