# Schedule events at their edges, as a finance officer meets them: a
# suspension over a year end and a February, a resumption on the day of
# the suspension, a bursary whose first month is prorated by days (the
# total stays the award to the cent), a termination on the due date of a
# paid instalment (still owed, not counted as paid after it), and events
# on a terminated convention.
source "$(dirname "$0")/lib.bash"
load_examples

# covers ID NUMBERS: "number due amount covers_from covers_to" of those instalments.
covers() {
  sql "SELECT number || ' ' || due_on || ' ' || amount_cents || ' ' || covers_from || ' ' || covers_to
       FROM instalments WHERE agreement_id = $1 AND number IN ($2) ORDER BY number"
}

# --- convention 1, suspended 2024-12-01 to 2025-03-10: three months; the
# instalment of February (28 days) now covers the whole of May.
run agreement suspend 1 --from 2024-12-01 --reason "congé maladie"
expect_out "suspend over the year end" "convention 1 suspended from 2024-12-01"
run agreement resume 1 --on 2025-03-10 --reason "reprise des études"
expect_out "resume in March" "convention 1 resumed on 2025-03-10; 23 unpaid instalments moved by 3 months"
expect_eq "November stays, December to March later" "$(covers 1 '1, 2, 4, 24')" \
  "1 2024-11-05 50000 2024-11-01 2024-11-30
2 2025-03-05 50000 2025-03-01 2025-03-31
4 2025-05-05 50000 2025-05-01 2025-05-31
24 2027-01-05 50000 2027-01-01 2027-01-31"
expect_sql "the total is the award" "SELECT count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1" "24|1200000"

# --- resumed on the day it was suspended: nothing moves
run agreement suspend 8 --from 2024-12-01 --reason "congé"
expect_rc "suspend 8" 0
run agreement resume 8 --on 2024-12-01 --reason "reprise"
expect_out "resumed the same day" "convention 8 resumed on 2024-12-01; no instalment moved: it resumes in the month it was suspended"
expect_sql "nothing moved" "SELECT min(due_on), max(due_on) FROM instalments WHERE agreement_id = 8" "2024-11-05|2025-04-05"

# --- a physiotherapy student from 2024-10-15 (Vienne, prorated by days):
# 17/31 of 500 € for October, 14/31 for the last month; suspended before
# the first payment and resumed five months later, each instalment keeps
# its amount and its days, and the total is the award to the cent.
run beneficiary add --ref B-0015 --name Petit --first-name Hugo --profession physiotherapy-student \
  --commune 86194 --iban "FR76 3000 6000 0112 3456 7890 189"
expect_rc "B-0015" 0
run application submit --beneficiary B-0015 --scheme vienne/physiotherapy-study-aid --on 2024-09-09 \
  --start 2024-10-15 --study-year 3
expect_rc "submit" 0
run application decide 17 --approve --deliberation CP86-2024-09-20-05 --date 2024-09-20
expect_rc "approve" 0
run agreement sign 17 --on 2024-09-30
expect_rc "sign" 0
expect_eq "as signed" "$(covers 16 '1, 2, 25')" "1 2024-10-10 27419 2024-10-15 2024-10-31
2 2024-11-10 50000 2024-11-01 2024-11-30
25 2026-10-10 22581 2026-10-01 2026-10-14"
run agreement suspend 16 --from 2024-10-01 --reason "congé maladie"
expect_rc "suspend 16" 0
run agreement resume 16 --on 2025-03-20 --reason "reprise"
expect_out "resume 16" "convention 16 resumed on 2025-03-20; 25 unpaid instalments moved by 5 months"
expect_eq "five months later" "$(covers 16 '1, 2, 25')" "1 2025-03-10 27419 2025-03-15 2025-03-31
2 2025-04-10 50000 2025-04-01 2025-04-30
25 2027-03-10 22581 2027-03-01 2027-03-14"
run schedule show 16
expect_contains "the total is the award" "$OUT" "Total: 12 000,00 € in 25 instalments; award 12 000,00 €"

# --- convention 6 (12 × 500 € due on the 5th from 2024-09-05): September
# to November paid; terminated on 2024-11-05, the due date of instalment
# 3: owed and paid, not "paid after" the termination.
paid_batch 2024-11 1 2024-11-02 2024-11-03 2024-11-06
expect_sql "instalments 1-3 of convention 6 paid" \
  "SELECT count(*), max(number) FROM instalments WHERE agreement_id = 6 AND state = 'paid'" "3|3"
run agreement terminate 6 --on 2024-11-05 --reason "abandon des études"
expect_out "terminated on a paid instalment's due date" "convention 6 terminated on 2024-11-05; 9 instalments cancelled"
run agreement resume 6 --on 2024-12-01 --reason "reprise"
expect_err "resume a terminated convention" "grants: error: convention 6 of B-0004 was terminated on 2024-11-05 (abandon des études): only a suspended convention can be resumed; its unpaid instalments are cancelled: nothing more is suspended, resumed or terminated"

# --- terminated during a suspension, then resumed: refused
run agreement suspend 2 --from 2025-01-01 --reason "congé"
expect_rc "suspend 2" 0
run agreement terminate 2 --on 2025-03-31 --reason "abandon des études"
expect_out "terminated while suspended: held from January, cancelled" \
  "convention 2 terminated on 2025-03-31; 22 instalments cancelled"
expect_error "then resumed" 5 "convention 2 of B-0002 was terminated on 2025-03-31 (abandon des études): only a suspended convention can be resumed; its unpaid instalments are cancelled: nothing more is suspended, resumed or terminated" \
  agreement resume 2 --on 2025-04-01 --reason "reprise"

finish
