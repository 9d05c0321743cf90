# The whole path a finance officer follows, beneficiary to schedule, on the
# real binary and a real SQLite database.
source "$(dirname "$0")/lib.bash"

run init
expect_rc "init" 0
expect_contains "init applies the first migration" "$OUT" "applied 001_core.sql"
run init
expect_rc "init twice" 0
expect_contains "init twice applies nothing" "$OUT" "(0 applied now)"

run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0
expect_out "import" "imported 14 beneficiaries from $EXAMPLES/beneficiaries.csv"
expect_eq "beneficiaries stored" "$(sql 'SELECT count(*) FROM beneficiaries')" 14

# 41 intern bursary starting 2024-11-01: 24 × 500,00 € = 12 000,00 €.
run application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2024-10-01 --start 2024-11-01
expect_rc "submit intern bursary" 0
expect_contains "submitted application is eligible" "$OUT" "eligible:     yes"
# decision_fields: the decision's fields of application 1 in JSON, which
# are there, null, before the decision (before: left out until then, and
# `reason` on an approval).
decision_fields() {
  "$GRANTS" --format json application show 1 | grep -E '^  "(state|deliberation|decided_on|reason)"'
}
expect_eq "submitted: no decision yet" "$(decision_fields)" '  "decided_on": null,
  "deliberation": null,
  "reason": null,
  "state": "submitted",'
run application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
expect_rc "approve" 0
expect_contains "approved" "$OUT" "state:        approved"
expect_eq "approved: no reason" "$(decision_fields)" '  "decided_on": "2024-10-14",
  "deliberation": "CP-2024-10-14-07",
  "reason": null,
  "state": "approved",'
run agreement sign 1 --on 2024-10-20
expect_rc "sign" 0
# On the signature day: nothing due this month, so nothing a batch would take.
GRANTS_TODAY=2024-10-20 run --format csv schedule show 1
expect_rc "schedule csv" 0
expect_out_file "intern bursary schedule" intern-bursary-2024-11-01.csv
run schedule show 1
expect_contains "schedule total" "$OUT" "Total: 12 000,00 € in 24 instalments; award 12 000,00 €"
run --format json agreement show 1
expect_contains "json award" "$OUT" '"award": "12000.00"'
expect_contains "json total" "$OUT" '"total": "12000.00"'
expect_contains "json count" "$OUT" '"instalments": 24'
expect_contains "json rule hash" "$OUT" "\"rule_sha256\": \"$(sha256sum "$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" | cut -d' ' -f1)\""
expect_eq "stored instalments" "$(sql 'SELECT count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1')" "24|1200000"

# 41 paramedical bursary: 12 × 500,00 € = 6 000,00 €.
run application submit --beneficiary B-0004 --scheme loir-et-cher/paramedical-bursary --on 2024-06-03 --start 2024-09-01
expect_rc "submit paramedical" 0
run application decide 2 --approve --deliberation CP-2024-07-08-12 --date 2024-07-08
expect_rc "approve paramedical" 0
run agreement sign 2 --on 2024-07-15
expect_rc "sign paramedical" 0
run schedule show 2
expect_contains "paramedical total" "$OUT" "Total: 6 000,00 € in 12 instalments; award 6 000,00 €"

# Vienne medicine from the 4th year: 84 months of 500,00 €, capped at 42 000,00 €.
run application submit --beneficiary B-0007 --scheme vienne/medicine-study-aid --on 2024-09-02 --start 2024-10-01 --study-year 4
expect_rc "submit vienne medicine" 0
run application decide 3 --approve --deliberation CP86-2024-09-20-03 --date 2024-09-20
expect_rc "approve vienne medicine" 0
run agreement sign 3 --on 2024-09-27
expect_rc "sign vienne medicine" 0
run schedule show 3
expect_contains "vienne medicine total" "$OUT" "Total: 42 000,00 € in 84 instalments; award 42 000,00 €"

# Listings in every format.
run --format csv agreement list
expect_rc "agreement list csv" 0
expect_out "agreement list csv" "$(printf 'id,beneficiary,scheme,signed_on,state,award,instalments,paid,unpaid\r\n1,B-0001,loir-et-cher/intern-bursary,2024-10-20,active,12000.00,24,0.00,12000.00\r\n2,B-0004,loir-et-cher/paramedical-bursary,2024-07-15,active,6000.00,12,0.00,6000.00\r\n3,B-0007,vienne/medicine-study-aid,2024-09-27,active,42000.00,84,0.00,42000.00\r')"
run --format json beneficiary list
expect_rc "beneficiary list json" 0
expect_contains "beneficiary list json" "$OUT" '"ref": "B-0014"'
run beneficiary show B-0001 --format table
expect_rc "beneficiary show" 0

finish
