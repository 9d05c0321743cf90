# `grants rules show`: the schemes in force on a date, one scheme's
# parameters, and what a mistyped scheme or date is told.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
only_on sqlite "rules show reads the rule files, no database"

# The list on a day before the supplement exists: a person reads "not in
# force", a script a null (JSON) or an empty field (CSV), never the words
# where a date is expected.
run rules show --on 2024-12-31
expect_rc "list" 0
expect_eq "list: the supplement" "$(grep '^loir-et-cher/intern-bursary-supplement ' <<<"$OUT" | tr -s ' ')" \
  "loir-et-cher/intern-bursary-supplement Majoration de la bourse des internes (10 heures de vacations) supplement not in force"
expect_eq "list: the bursary" "$(grep '^loir-et-cher/intern-bursary ' <<<"$OUT" | tr -s ' ')" \
  "loir-et-cher/intern-bursary Bourse d'études des internes en médecine générale bursary 2022-07-01 Plan « Le 41 en bonne santé » 2022-2028, action 3 (bourse de 12 000 €)"
expect_eq "list: every scheme" "$(tail -n +2 <<<"$OUT" | wc -l)" 10

run --format json rules show --on 2024-12-31
expect_rc "json" 0
expect_eq "json: not in force is null" \
  "$(jq -c '.[] | select(.scheme == "loir-et-cher/intern-bursary-supplement") | [.in_force_since, .reference]' <<<"$OUT")" \
  '[null,null]'
expect_eq "json: in force gives its date" \
  "$(jq -r '.[] | select(.scheme == "vienne/medicine-study-aid") | .in_force_since' <<<"$OUT")" 2023-01-01

run --format csv rules show --on 2024-12-31
expect_rc "csv" 0
expect_eq "csv: not in force is empty" "$(grep '^loir-et-cher/intern-bursary-supplement,' <<<"$OUT" | tr -d '\r')" \
  "loir-et-cher/intern-bursary-supplement,Majoration de la bourse des internes (10 heures de vacations),supplement,,"

# The day it comes into force, it has its date.
run --format json rules show --on 2025-01-01
expect_eq "json: in force from 2025-01-01" \
  "$(jq -r '.[] | select(.scheme == "loir-et-cher/intern-bursary-supplement") | .in_force_since' <<<"$OUT")" 2025-01-01

# One scheme's parameters on a date.
run rules show vienne/medicine-study-aid --on 2024-10-15
expect_rc "one scheme" 0
expect_eq "one scheme: title" "$(head -1 <<<"$OUT")" "vienne/medicine-study-aid — parameters in force on 2024-10-15"
expect_eq "one scheme: in force" "$(grep '^  in force:' <<<"$OUT")" "  in force:    from 2023-01-01"

# JSON and CSV give the parameters as data, not the table's sentences: a
# script reads a cap, a rate or a day of the month without parsing French.
SHA=$(sha256sum "$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" | cut -d' ' -f1)
# expect_json NAME EXPECTED: stdout is the JSON EXPECTED, whatever the order
# of its keys.
expect_json() {
  local got want
  got=$(jq -S . <<<"$OUT" 2>&1)
  want=$(jq -S . <<<"$2")
  if [ "$got" == "$want" ]; then pass; else fail "$1: JSON differs" "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))"; fi
}

run --format json rules show loir-et-cher/intern-bursary --on 2024-10-15
expect_rc "json: intern bursary" 0
expect_json "json: intern bursary" '{
  "scheme": "loir-et-cher/intern-bursary",
  "name": "Bourse d'"'"'études des internes en médecine générale",
  "kind": "bursary",
  "beneficiary": "person",
  "departement": "Loir-et-Cher",
  "departement_code": "41",
  "from": "2022-07-01",
  "to": null,
  "reference": "Plan « Le 41 en bonne santé » 2022-2028, action 3 (bourse de 12 000 €)",
  "rule_file": "loir-et-cher.toml",
  "rule_sha256": "'"$SHA"'",
  "professions": ["general-medicine-intern"],
  "study_years": null,
  "commune_in_departement": false,
  "documents": ["enrolment-certificate"],
  "amount": {"type": "monthly", "monthly": "500.00", "months_from": "fixed", "months": 24, "max_months": null,
             "lump_sum": null, "rate": null, "cap_by_profession": null, "cap": null, "shares": null,
             "award": "12000.00"},
  "payment": {"day_of_month": 5, "first": "start", "partial": "full", "month_end": "clamp", "rounding": "half-even"},
  "obligation": {"years": 3, "trigger": "within-months-of-diploma", "start_within_months": 12,
                 "suspension": "extends", "evidence": "yearly-certificate"},
  "clawback": {"formula": "pro-rata", "rounding": "half-even", "unit": "month", "decreasing": null,
               "cesp_per_month": null, "cesp_minimum": null, "cesp_flat_after_diploma": null, "factor": null,
               "annual_interest": null, "waiver_reasons": ["death", "disability", "force-majeure"]},
  "accounts": {"expense": "6513", "payable": "4671", "receivable": "4641", "recovery": "773"},
  "cumul": {"same_kind_within_years": null, "cesp_from": "2026-01-16"}
}'

# A share of cost capped per profession, paid at once, clawed back by a
# decreasing share; its first period ends the day before the second starts.
EQUIPMENT='{
  "scheme": "loir-et-cher/equipment-aid",
  "name": "Aide à l'"'"'équipement pour la première installation",
  "kind": "equipment-aid",
  "beneficiary": "person",
  "departement": "Loir-et-Cher",
  "departement_code": "41",
  "from": "2022-07-01",
  "to": "2025-03-14",
  "reference": "Plan « Le 41 en bonne santé » 2022-2028, action 4 (taux et plafonds : assumption, modèle Lozère)",
  "rule_file": "loir-et-cher.toml",
  "rule_sha256": "'"$SHA"'",
  "professions": ["general-practitioner", "doctor", "dentist", "physiotherapist", "speech-therapist", "nurse"],
  "study_years": null,
  "commune_in_departement": true,
  "documents": ["equipment-invoices"],
  "amount": {"type": "share-of-cost", "monthly": null, "months_from": null, "months": null, "max_months": null,
             "lump_sum": null, "rate": "4/5",
             "cap_by_profession": {"dentist": "15000.00", "doctor": "7500.00", "general-practitioner": "7500.00",
                                   "nurse": "5000.00", "physiotherapist": "10000.00", "speech-therapist": "7500.00"},
             "cap": null, "shares": [{"fraction": "1", "after_months": 0}], "award": null},
  "payment": {"day_of_month": null, "first": "start", "partial": null, "month_end": "clamp", "rounding": "down"},
  "obligation": {"years": 3, "trigger": "installation", "start_within_months": 6, "suspension": "extends",
                 "evidence": null},
  "clawback": {"formula": "decreasing", "rounding": "half-even", "unit": null, "decreasing": ["1", "33/50", "33/100"],
               "cesp_per_month": null, "cesp_minimum": null, "cesp_flat_after_diploma": null, "factor": null,
               "annual_interest": null, "waiver_reasons": ["death", "disability", "force-majeure"]},
  "accounts": {"expense": "20421", "payable": "4041", "receivable": "4641", "recovery": "773"},
  "cumul": {"same_kind_within_years": null, "cesp_from": null}
}'
run --format json rules show loir-et-cher/equipment-aid --on 2024-10-15
expect_rc "json: equipment aid" 0
expect_json "json: equipment aid" "$EQUIPMENT"
# The second period inherits everything but its dates, reference and the
# ten-year limit.
run --format json rules show loir-et-cher/equipment-aid --on 2025-03-15
expect_json "json: equipment aid from 2025-03-15" "$(jq --arg sha "$SHA" '.from = "2025-03-15" | .to = null
  | .reference = "Plan « Le 41 en bonne santé » 2022-2028, action 4; CGCT art. D1511-47 (une aide à l'"'"'installation par période de dix ans, depuis le 15/03/2025)"
  | .cumul.same_kind_within_years = 10' <<<"$EQUIPMENT")"

# CSV: the same fields as "field,value" rows, named by their path in the
# JSON, list items by their index; a null or an empty list is an empty field.
run --format csv rules show loir-et-cher/equipment-aid --on 2024-10-15
expect_rc "csv: equipment aid" 0
expect_out "csv: equipment aid" "$(printf '%s\r\n' 'field,value' \
  'scheme,loir-et-cher/equipment-aid' \
  "name,Aide à l'équipement pour la première installation" \
  'kind,equipment-aid' \
  'beneficiary,person' \
  'departement,Loir-et-Cher' \
  'departement_code,41' \
  'from,2022-07-01' \
  'to,2025-03-14' \
  'reference,"Plan « Le 41 en bonne santé » 2022-2028, action 4 (taux et plafonds : assumption, modèle Lozère)"' \
  'rule_file,loir-et-cher.toml' \
  "rule_sha256,$SHA" \
  'professions[0],general-practitioner' \
  'professions[1],doctor' \
  'professions[2],dentist' \
  'professions[3],physiotherapist' \
  'professions[4],speech-therapist' \
  'professions[5],nurse' \
  'study_years,' \
  'commune_in_departement,true' \
  'documents[0],equipment-invoices' \
  'amount.type,share-of-cost' \
  'amount.monthly,' \
  'amount.months_from,' \
  'amount.months,' \
  'amount.max_months,' \
  'amount.lump_sum,' \
  'amount.rate,4/5' \
  'amount.cap_by_profession.dentist,15000.00' \
  'amount.cap_by_profession.doctor,7500.00' \
  'amount.cap_by_profession.general-practitioner,7500.00' \
  'amount.cap_by_profession.nurse,5000.00' \
  'amount.cap_by_profession.physiotherapist,10000.00' \
  'amount.cap_by_profession.speech-therapist,7500.00' \
  'amount.cap,' \
  'amount.shares[0].fraction,1' \
  'amount.shares[0].after_months,0' \
  'amount.award,' \
  'payment.day_of_month,' \
  'payment.first,start' \
  'payment.partial,' \
  'payment.month_end,clamp' \
  'payment.rounding,down' \
  'obligation.years,3' \
  'obligation.trigger,installation' \
  'obligation.start_within_months,6' \
  'obligation.suspension,extends' \
  'obligation.evidence,' \
  'clawback.formula,decreasing' \
  'clawback.rounding,half-even' \
  'clawback.unit,' \
  'clawback.decreasing[0],1' \
  'clawback.decreasing[1],33/50' \
  'clawback.decreasing[2],33/100' \
  'clawback.cesp_per_month,' \
  'clawback.cesp_minimum,' \
  'clawback.cesp_flat_after_diploma,' \
  'clawback.factor,' \
  'clawback.annual_interest,' \
  'clawback.waiver_reasons[0],death' \
  'clawback.waiver_reasons[1],disability' \
  'clawback.waiver_reasons[2],force-majeure' \
  'accounts.expense,20421' \
  'accounts.payable,4041' \
  'accounts.receivable,4641' \
  'accounts.recovery,773' \
  'cumul.same_kind_within_years,' \
  'cumul.cesp_from,')"

# Paid in two shares from the signature, with an overall cap, to a
# structure, clawed back pro rata by day.
run --format json rules show loir-et-cher/investment-aid --on 2024-10-15
expect_rc "json: investment aid" 0
expect_eq "json: investment aid amount" "$(jq -c '.amount | [.type, .rate, .cap, .cap_by_profession, .shares, .award]' <<<"$OUT")" \
  '["share-of-cost","1/4","100000.00",null,[{"after_months":0,"fraction":"1/2"},{"after_months":12,"fraction":"1/2"}],null]'
expect_eq "json: investment aid payment" "$(jq -c '.payment' <<<"$OUT")" \
  '{"day_of_month":null,"first":"signature","month_end":"clamp","partial":null,"rounding":"down"}'
expect_eq "json: investment aid obligation" "$(jq -c '.obligation | [.years, .trigger, .start_within_months, .suspension]' <<<"$OUT")" \
  '[5,"aid-granted",null,"counts"]'
expect_eq "json: investment aid clawback" "$(jq -c '.clawback | [.formula, .unit, .waiver_reasons]' <<<"$OUT")" \
  '["pro-rata","day",["force-majeure"]]'
expect_eq "json: investment aid beneficiary" "$(jq -c '[.beneficiary, .commune_in_departement]' <<<"$OUT")" '["structure",true]'

# Months counted from the study year: no award without the applicant's
# year, a maximum and a cap; clawed back by a multiplier with interest.
run --format json rules show vienne/dentistry-study-aid --on 2024-10-15
expect_rc "json: dentistry" 0
expect_eq "json: dentistry amount" "$(jq -c '.amount | [.monthly, .months_from, .months, .max_months, .cap, .award]' <<<"$OUT")" \
  '["500.00","remaining-study-years",null,60,"30000.00",null]'
expect_eq "json: dentistry study years" "$(jq -c '.study_years' <<<"$OUT")" '{"first":2,"last":6}'
expect_eq "json: dentistry clawback" "$(jq -c '.clawback | [.formula, .factor, .annual_interest, .rounding, .unit]' <<<"$OUT")" \
  '["multiplier","1","3/100","half-up",null]'
expect_eq "json: dentistry payment day" "$(jq '.payment.day_of_month' <<<"$OUT")" 10

# The CESP formula's three sums.
run --format json rules show vienne/medicine-study-aid --on 2024-10-15
expect_eq "json: cesp clawback" "$(jq -c '.clawback | [.formula, .cesp_per_month, .cesp_minimum, .cesp_flat_after_diploma, .decreasing]' <<<"$OUT")" \
  '["cesp","200.00","2000.00","20000.00",null]'

# A list the file leaves out is empty: [] in JSON, one empty field in CSV.
mkdir -p "$WORK/lump"
cat >"$WORK/lump/cher.toml" <<'TOML'
departement = "Cher"
code = "18"
reference = "Test"
[schemes.start-aid]
name = "Aide"
kind = "allowance"
beneficiary = "person"
[[schemes.start-aid.periods]]
from = 2024-01-01
reference = "R1"
professions = ["nurse"]
amount = { type = "lump-sum", lump_sum = "3000", shares = [{ fraction = "2/3" }, { fraction = "1/3", after_months = 6 }] }
obligation = { years = 2, trigger = "installation" }
clawback = { formula = "all-sums" }
accounts = { expense = "6513", payable = "4671", receivable = "4641" }
TOML
run --rules "$WORK/lump" --format json rules show cher/start-aid --on 2024-06-01
expect_eq "json: a lump sum" "$(jq -c '[.documents, .clawback.waiver_reasons, .accounts.recovery, .amount.lump_sum, .amount.award, .amount.shares]' <<<"$OUT")" \
  '[[],[],null,"3000.00","3000.00",[{"after_months":0,"fraction":"2/3"},{"after_months":6,"fraction":"1/3"}]]'
run --rules "$WORK/lump" --format csv rules show cher/start-aid --on 2024-06-01
expect_eq "csv: a lump sum" "$(grep -E '^(documents|clawback\.waiver_reasons|accounts\.recovery|amount\.(lump_sum|award|shares))' <<<"$OUT" | tr -d '\r')" \
  "documents,
amount.lump_sum,3000.00
amount.shares[0].fraction,2/3
amount.shares[0].after_months,0
amount.shares[1].fraction,1/3
amount.shares[1].after_months,6
amount.award,3000.00
clawback.waiver_reasons,
accounts.recovery,"

# The table gives the same period in sentences, as it always has.
run rules show loir-et-cher/equipment-aid --on 2024-10-15
expect_eq "table: equipment aid amount" "$(grep '^  amount:' <<<"$OUT")" \
  "  amount:      80 % of eligible expenses excluding VAT, paid 100 % at start; cap per profession: dentist 15 000,00 €, doctor 7 500,00 €, general-practitioner 7 500,00 €, nurse 5 000,00 €, physiotherapist 10 000,00 €, speech-therapist 7 500,00 €"

# A scheme typed wrong is told which ones exist.
expect_error "unknown scheme" 3 \
  'unknown scheme "loir-et-cher/intern-bursery"; known schemes: loir-et-cher/equipment-aid, loir-et-cher/intern-bursary, loir-et-cher/intern-bursary-supplement, loir-et-cher/investment-aid, loir-et-cher/long-internship-allowance, loir-et-cher/paramedical-bursary, vienne/dentistry-study-aid, vienne/medicine-study-aid, vienne/physiotherapy-study-aid, vienne/speech-therapy-study-aid' \
  rules show loir-et-cher/intern-bursery

# A date outside the scheme's periods says where they begin.
expect_error "before the scheme" 4 \
  'scheme "loir-et-cher/intern-bursary" has no parameters in force on 2002-07-01, before the scheme starts on 2022-07-01' \
  rules show loir-et-cher/intern-bursary --on 2002-07-01

finish
