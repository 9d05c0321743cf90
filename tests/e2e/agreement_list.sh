# `grants agreement list`: what each convention has paid and has left to
# pay, and the filters an officer answering a beneficiary uses
# (--beneficiary, --scheme, --state), each checked against what it names.
#
# Before: every convention of the database, with neither column; a
# beneficiary's conventions could be found only by reading the whole list.
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-11-20

# November 2024 paid; December's batch prepared, not yet approved. Then
# convention 12 is terminated in December (its December instalment is in
# that batch) and convention 13 suspended from January.
november_to settle
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "2024-12: run" 0
run agreement terminate 12 --on 2024-12-15 --reason "abandon des études"
expect_out "terminated" "convention 12 terminated on 2024-12-15; 21 instalments cancelled"
run agreement suspend 13 --from 2025-01-01 --reason "césure"
expect_rc "suspended" 0

# Paid: settled by the bank. Unpaid: open, or in a batch not yet settled;
# a cancelled instalment is neither (convention 12: 2 paid, 1 in December's
# batch, 21 cancelled).
run --format csv agreement list
expect_rc "list" 0
expect_eq "list: header" "$(head -1 <<<"$OUT" | tr -d '\r')" "id,beneficiary,scheme,signed_on,state,award,instalments,paid,unpaid"
expect_eq "list: some rows" "$(grep -E '^(1|6|8|12|13),' <<<"$OUT" | tr -d '\r')" \
  "1,B-0001,loir-et-cher/intern-bursary,2024-10-20,active,12000.00,24,500.00,11500.00
6,B-0004,loir-et-cher/paramedical-bursary,2024-07-15,active,6000.00,12,1500.00,4500.00
8,B-0005,loir-et-cher/long-internship-allowance,2024-10-25,active,1500.00,6,250.00,1250.00
12,B-0008,vienne/medicine-study-aid,2024-09-27,terminated,12000.00,24,1000.00,500.00
13,B-0009,vienne/dentistry-study-aid,2024-09-30,suspended,12000.00,24,1000.00,11000.00"
# The paid column sums to what the bank paid.
expect_eq "list: paid is what the bank paid" \
  "$(tail -n +2 <<<"$OUT" | tr -d '\r' | awk -F, '{ split($8, a, "."); c += a[1] * 100 + a[2] } END { print c }')" \
  "$(sql "SELECT sum(amount_cents) FROM payments WHERE state = 'paid'")"

run agreement list --beneficiary B-0003
expect_rc "one beneficiary" 0
expect_out "one beneficiary: both conventions" \
  "id  beneficiary  scheme                                  signed_on   state         award  instalments    paid       unpaid
 4  B-0003       loir-et-cher/intern-bursary             2025-04-18  active  12 000,00 €           24  0,00 €  12 000,00 €
 5  B-0003       loir-et-cher/intern-bursary-supplement  2025-04-18  active   2 400,00 €           24  0,00 €   2 400,00 €"

run --format json agreement list --scheme vienne/medicine-study-aid
expect_eq "one scheme" "$(jq -c '[.[] | [.id, .state, .paid, .unpaid]]' <<<"$OUT")" \
  '[[11,"active","1000.00","41000.00"],[12,"terminated","1000.00","500.00"]]'
run --format json agreement list --state suspended
expect_eq "one state" "$(jq -c '[.[] | [.id, .beneficiary, .scheme]]' <<<"$OUT")" '[[13,"B-0009","vienne/dentistry-study-aid"]]'
run --format json agreement list --state terminated --scheme vienne/medicine-study-aid --beneficiary B-0008
expect_eq "all three filters" "$(jq -c '[.[] | .id]' <<<"$OUT")" '[12]'
# Filters no convention meets: an empty list, not an error.
run --format json agreement list --beneficiary B-0003 --scheme vienne/medicine-study-aid
expect_rc "no convention meets them" 0
expect_out "no convention meets them: empty" "[]"

# What a filter names is checked: a reference or a scheme typed wrong is
# told so, not shown an empty list.
expect_error "an unknown beneficiary" 4 'option --beneficiary: beneficiary "B-9999" does not exist' \
  agreement list --beneficiary B-9999
expect_error "an unknown scheme" 3 \
  'unknown scheme "vienne/medecine-study-aid"; known schemes: loir-et-cher/equipment-aid, loir-et-cher/intern-bursary, loir-et-cher/intern-bursary-supplement, loir-et-cher/investment-aid, loir-et-cher/long-internship-allowance, loir-et-cher/paramedical-bursary, vienne/dentistry-study-aid, vienne/medicine-study-aid, vienne/physiotherapy-study-aid, vienne/speech-therapy-study-aid' \
  agreement list --scheme vienne/medecine-study-aid
run agreement list --state completed
expect_rc "a state no convention can be in" 2
expect_contains "a state no convention can be in: the states" "$ERR" "--state: completed not in {active,suspended,terminated}"
finish
