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

# A scheme typed wrong is told which ones exist.
expect_error "unknown scheme" 3 \
  'unknown scheme "loir-et-cher/intern-bursery"; known schemes: loir-et-cher/equipment-aid, loir-et-cher/intern-bursary, loir-et-cher/intern-bursary-supplement, loir-et-cher/investment-aid, loir-et-cher/long-internship-allowance, loir-et-cher/paramedical-bursary, vienne/dentistry-study-aid, vienne/medicine-study-aid, vienne/physiotherapy-study-aid, vienne/speech-therapy-study-aid' \
  rules show loir-et-cher/intern-bursery

# A date outside the scheme's periods says where they begin.
expect_error "before the scheme" 4 \
  'scheme "loir-et-cher/intern-bursary" has no parameters in force on 2002-07-01, before the scheme starts on 2022-07-01' \
  rules show loir-et-cher/intern-bursary --on 2002-07-01

finish
