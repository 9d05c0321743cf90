# A scheme requiring two documents: an instalment that has neither is held
# naming both, by kind, in every format, as stored and as shown later.
# Before, the hold named the first missing kind alone, and the officer who
# recorded it learnt of the second only at the next month's batch.
source "$(dirname "$0")/lib.bash"

RULES="$WORK/rules"
mkdir -p "$RULES"
cp "$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" "$GRANTS_SOURCE_DIR/rules/vienne.toml" "$RULES/"
# The intern bursary also requires the internship agreement, listed first:
# holds name the kinds in their own order, not the file's.
sed -i 's/^documents = \["enrolment-certificate"\]  # yearly; payments are held without it$/documents = ["internship-agreement", "enrolment-certificate"]/' \
  "$RULES/loir-et-cher.toml"
expect_eq "the rule file requires two documents" \
  "$(grep -c '^documents = \["internship-agreement", "enrolment-certificate"\]$' "$RULES/loir-et-cher.toml")" 1
export GRANTS_RULES="$RULES"
load_examples

# Convention 1 has its enrolment certificate, convention 2 neither
# document, convention 3 (B-0014) its certificate and no IBAN.
NOV_HOLDS="holds:
  convention  instalment  due           amount  beneficiary  scheme                       reason
           1           1  2024-11-05  500,00 €  B-0001       loir-et-cher/intern-bursary  missing internship-agreement covering 2024-11-05
           2           1  2024-11-05  500,00 €  B-0002       loir-et-cher/intern-bursary  missing enrolment-certificate, internship-agreement covering 2024-11-05
           3           1  2024-11-05  500,00 €  B-0014       loir-et-cher/intern-bursary  no IBAN; missing internship-agreement covering 2024-11-05

14 payments, 6 750,00 €; 3 instalments held (1 500,00 €)"
TWO="missing enrolment-certificate, internship-agreement covering 2024-11-05"

run batch run --month 2024-11 --dry-run --by "Marc Petit" --on 2024-11-02
expect_rc "dry run" 0
expect_holds "dry run: both documents named" "$NOV_HOLDS"
run --format json batch run --month 2024-11 --dry-run --by "Marc Petit" --on 2024-11-02
expect_rc "dry run, json" 0
expect_contains "dry run, json: both documents named" "$OUT" "\"reason\": \"$TWO\""
run --format csv batch run --month 2024-11 --dry-run --by "Marc Petit" --on 2024-11-02
expect_rc "dry run, csv" 0
expect_contains "dry run, csv: both documents named" "$OUT" \
  "2,1,2024-11-05,500.00,B-0002,loir-et-cher/intern-bursary,\"$TWO\""

november_to run
expect_holds "the batch: both documents named" "$NOV_HOLDS"
expect_sql "the hold as stored" "SELECT reason FROM batch_holds WHERE batch_id = 1 AND agreement_id = 2" "$TWO"
run batch show 1
expect_holds "the stored batch shows both" "$NOV_HOLDS"
run --format csv agreement show 2
expect_contains "agreement show: what a batch today would hold, both named" "$OUT" "$TWO"

# The certificate received, the agreement is still missing: named alone,
# for both months.
run agreement document 2 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --ref "Tours 2024-2025" \
  --on 2024-11-20
expect_rc "the certificate recorded" 0
run batch run --month 2024-12 --dry-run --by "Marc Petit" --on 2024-12-02
expect_contains "November's instalment: the agreement alone" "$OUT" \
  "2           1  2024-11-05  500,00 €  B-0002       loir-et-cher/intern-bursary  missing internship-agreement covering 2024-11-05"
expect_contains "December's instalment: the agreement alone" "$OUT" \
  "2           2  2024-12-05  500,00 €  B-0002       loir-et-cher/intern-bursary  missing internship-agreement covering 2024-12-05"

finish
