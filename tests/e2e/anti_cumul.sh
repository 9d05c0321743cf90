# Anti-cumul at application: no second installation aid of the same kind
# within ten years of the first (applications from 15 March 2025), no
# département bursary with a CESP signed or requested from 16 January 2026.
# Each is a condition of the application, with its reason.
source "$(dirname "$0")/lib.bash"
TABLES+=(obligation_events cesp_declarations recovery_orders recovery_instalments receipts)
load_examples

# conditions ID: "name met why" of each condition of application ID.
conditions() {
  "$GRANTS" --format csv application show "$1" | tr -d '\r' | tail -n +2
}

# --- François Lambert's equipment aid was signed on 2025-02-24 (convention 9)
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2025-03-10 --start 2025-04-01 --expenses "2 000,00"
expect_rc "before 15 March 2025" 0
expect_eq "before 15 March 2025 no anti-cumul condition" "$(conditions 17 | cut -d, -f1 | tr '\n' ' ')" \
  "in force beneficiary profession commune expenses start date "
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2026-04-01 --start 2026-05-01 --expenses "8 000,00"
expect_rc "a second aid is recorded, not eligible" 0
expect_contains "not eligible" "$OUT" "eligible:     no"
expect_eq "the anti-cumul condition" "$(conditions 18 | grep '^anti-cumul')" \
  'anti-cumul,false,"convention 9 (loir-et-cher/equipment-aid) signed on 2025-02-24: no new equipment-aid within 10 years of it, that is before 2035-02-24"'
expect_error "cannot be approved" 5 \
  "application 18 cannot be approved: anti-cumul: convention 9 (loir-et-cher/equipment-aid) signed on 2025-02-24: no new equipment-aid within 10 years of it, that is before 2035-02-24" \
  application decide 18 --approve --deliberation CP-2026-04-13-02 --date 2026-04-13
run application submit --beneficiary B-0012 --scheme loir-et-cher/investment-aid --on 2026-04-01 --expenses "100 000,00"
expect_eq "another kind of aid is not limited" "$(conditions 19 | grep -c '^anti-cumul')" 0

# --- CESP declarations
before=$(table_counts)
expect_error "neither requested nor signed" 3 "say --requested DATE or --signed DATE" beneficiary cesp B-0002
run beneficiary cesp B-0002 --requested 2026-02-10 --signed 2026-03-01
expect_rc "both is a usage error" 2
expect_error "unknown beneficiary" 4 'beneficiary "B-0999" does not exist' beneficiary cesp B-0999 --signed 2026-02-10
expect_error "a bad date" 3 'option --requested: date "2026-02-30": day 30 does not exist in February 2026' \
  beneficiary cesp B-0002 --requested 2026-02-30
expect_eq "refusals wrote nothing" "$(table_counts)" "$before"

run beneficiary cesp B-0002 --requested 2026-02-10 --ref "ARS CVL 2026-118" --on 2026-02-12
expect_out "declared" "beneficiary B-0002: CESP requested on 2026-02-10 recorded"
expect_sql "stored" "SELECT b.ref, c.status, c.on_date, c.reference, c.recorded_on FROM cesp_declarations c JOIN beneficiaries b ON b.id = c.beneficiary_id" \
  "B-0002|requested|2026-02-10|ARS CVL 2026-118|2026-02-12"
run application submit --beneficiary B-0002 --scheme loir-et-cher/intern-bursary --on 2026-03-02 --start 2026-05-01
expect_eq "a CESP requested after 16 January 2026" "$(conditions 20 | grep '^CESP')" \
  "CESP,false,CESP requested on 2026-02-10 (ARS CVL 2026-118): the aid cannot be combined with a CESP signed or requested from 2026-01-16"

run beneficiary cesp B-0001 --requested 2025-12-01 --on 2026-02-12
run application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2026-03-02 --start 2026-05-01
expect_eq "a CESP requested before may be combined" "$(conditions 21 | grep '^CESP')" \
  "CESP,true,\"CESP requested on 2025-12-01, before 2026-01-16: it may be combined\""

run beneficiary cesp B-0007 --signed 2026-01-20
run application submit --beneficiary B-0007 --scheme vienne/medicine-study-aid --on 2026-09-01 --start 2026-10-01 --study-year 6
expect_eq "Vienne's medicine aid likewise" "$(conditions 22 | grep '^CESP')" \
  "CESP,false,CESP signed on 2026-01-20: the aid cannot be combined with a CESP signed or requested from 2026-01-16"
run application submit --beneficiary B-0014 --scheme loir-et-cher/intern-bursary --on 2026-03-02 --start 2026-05-01
expect_eq "no CESP" "$(conditions 23 | grep '^CESP')" "CESP,true,no CESP signed or requested from 2026-01-16"

# --- Signing asks again what other records decide. Two applications for one
# installation aid, each eligible when submitted, approved side by side:
# only the first signed becomes a convention (before, both did: two aids
# where the law allows one in ten years).
run beneficiary add --ref B-0100 --name Martin --first-name Paul --profession general-practitioner --commune 41018
for on in 2026-04-01 2026-04-02; do
  run application submit --beneficiary B-0100 --scheme loir-et-cher/equipment-aid --on $on --start 2026-05-01 --expenses "8 000,00"
  expect_contains "application of $on eligible" "$OUT" "eligible:     yes"
done
for id in 24 25; do
  run application decide $id --approve --deliberation "CP-2026-04-13-$id" --date 2026-04-13
  expect_rc "approve $id" 0
done
run agreement sign 24 --on 2026-04-20
expect_rc "the first signed" 0
before=$(table_counts)
expect_error "the second refused" 5 \
  "application 25 cannot be signed: anti-cumul: convention 16 (loir-et-cher/equipment-aid) signed on 2026-04-20: no new equipment-aid within 10 years of it, that is before 2036-04-20" \
  agreement sign 25 --on 2026-04-21
expect_eq "the refusal wrote nothing" "$(table_counts)" "$before"
# A CESP requested after the application was submitted, before it is signed.
run application decide 23 --approve --deliberation CP-2026-04-13-23 --date 2026-04-13
expect_rc "B-0014's application approved" 0
run beneficiary cesp B-0014 --requested 2026-04-15 --on 2026-04-16
expect_error "a CESP requested since" 5 \
  "application 23 cannot be signed: CESP: CESP requested on 2026-04-15: the aid cannot be combined with a CESP signed or requested from 2026-01-16" \
  agreement sign 23 --on 2026-04-20
# The same bursary for months another convention of it already pays.
run application decide 21 --approve --deliberation CP-2026-04-13-21 --date 2026-04-13
expect_rc "B-0001's second bursary approved" 0
expect_error "the same months paid twice" 5 \
  "application 21 cannot be signed: convention 1 of B-0001, active, covers 2024-11-01 to 2026-10-31, and this one would cover 2026-05-01 to 2028-04-30: the same months would be paid twice" \
  agreement sign 21 --on 2026-04-20
expect_sql "no convention for the refused applications" "SELECT count(*) FROM agreements" 16

finish
