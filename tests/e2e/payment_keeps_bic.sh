# A payment goes to the bank account it was prepared with, IBAN and BIC
# both, stored on the payment: a later `beneficiary set-iban` is for the
# next batch, never for one already prepared, and exporting a batch again
# writes the file that was sent.
#
# Before: the payment kept its IBAN but the SEPA file took the BIC from the
# beneficiary at export time, and only while the beneficiary's IBAN was
# still the payment's. After a set-iban, a batch exported again wrote
# another file under the same MsgId (the BIC dropped, or a corrected BIC
# beside the IBAN it was not sent with), and so did a draft exported later.
source "$(dirname "$0")/lib.bash"
need xmllint libxml2-utils
load_examples

# new_accounts: B-0001 moves to a German bank with its BIC, B-0007 to
# another account without BIC, B-0005 corrects the BIC of the same IBAN,
# and B-0014, held for want of an IBAN, gives one.
new_accounts() {
  run beneficiary set-iban B-0001 "DE89 3704 0044 0532 0130 00" --bic COBADEFFXXX
  expect_rc "B-0001 changes bank" 0
  run beneficiary set-iban B-0007 "FR76 1027 8948 3274 1535 6013 266"
  expect_rc "B-0007 changes account, no BIC" 0
  run beneficiary set-iban B-0005 "FR76 1450 5464 2270 5056 3379 831" --bic CEPAFRPP
  expect_rc "B-0005 corrects the BIC" 0
  run beneficiary set-iban B-0014 "FR76 3000 6000 0112 3456 7890 189" --bic AGRIFRPPXXX
  expect_rc "B-0014 gives an IBAN" 0
}

# approve_and_export FILE: November's batch approved and exported to FILE,
# as november_to does.
approve_and_export() {
  run batch approve 1 --by "Claire Martin" --on 2024-11-03
  expect_rc "approve" 0
  run batch export 1 --sepa "$1" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
  expect_rc "export" 0
}
# holds_of TEXT: the holds `batch show` printed in TEXT.
holds_of() { sed -n '/^holds:/,/^$/p' <<<"$1"; }

november_to run
copy_db prepared
PAYMENTS=$(batch_payments 1)
run batch show 1
SHOWN=$OUT

# --- a draft: the accounts change between preparation and export
new_accounts
approve_and_export "$WORK/draft.xml"
expect_sql "the payments keep the BICs they were prepared with" \
  "SELECT agreement_id, bic FROM payments WHERE agreement_id IN (1, 8, 11) AND instalment = 1 ORDER BY agreement_id" \
  "1|BNPAFRPPXXX
8|CEPAFRPP450
11|BNPAFRPPXXX"

use_copy prepared straight
approve_and_export "$WORK/sent.xml"
expect_eq "B-0001's payment keeps its bank" "$(xml_bic "$WORK/draft.xml" G41-A000001-I01-R0)" "BNPAFRPPXXX"
if cmp -s "$WORK/sent.xml" "$WORK/draft.xml"; then pass; else
  fail "the draft exported after set-iban differs" "$(diff "$WORK/sent.xml" "$WORK/draft.xml")"; fi

# --- exported: the accounts change, then the file is written again
new_accounts
run batch export 1 --sepa "$WORK/again.xml"
expect_out "export again" "wrote $WORK/again.xml: batch 1, MsgId GRANTS-B000001-20241104093000, 15 payments, 7 250,00 €, execution date 2024-11-06"
if cmp -s "$WORK/sent.xml" "$WORK/again.xml"; then pass; else
  fail "the file exported again after set-iban differs" "$(diff "$WORK/sent.xml" "$WORK/again.xml")"; fi
expect_eq "the payments stay as prepared" "$(batch_payments 1)" "$PAYMENTS"
expect_eq "batch payments lists the account each payment goes to" \
  "$(batch_payments 1 | awk -F, '$2 == 1 || $2 == 11 { print $2, $3, $8, $11 }')" \
  "11 1 FR76 3000 4712 8145 9735 8671 216 BNPAFRPPXXX
1 1 FR76 3000 4616 1599 5646 6929 456 BNPAFRPPXXX
11 2 FR76 3000 4712 8145 9735 8671 216 BNPAFRPPXXX"
run batch show 1
expect_eq "the holds stay as recorded" "$(holds_of "$OUT")" "$(holds_of "$SHOWN")"
expect_contains "B-0014 is still held for want of an IBAN" "$(holds_of "$OUT")" "B-0014       loir-et-cher/intern-bursary  no IBAN"

# --- a return, then the next batch: the account as it is then
run batch settle 1 --on 2024-11-06
expect_rc "settle" 0
run batch return 1 --payment "$(payment_id 1 1 1)" --reason AC04 --on 2024-11-12
expect_rc "B-0001's transfer comes back" 0
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "December" 0
run batch approve 2 --by "Claire Martin" --on 2024-12-03
run batch export 2 --sepa "$WORK/2024-12.xml" --created-at 2024-12-04T09:30:00 --execution-date 2024-12-05
expect_rc "December's file" 0
expect_eq "November's instalment again, to the new bank" "$(xml_bic "$WORK/2024-12.xml" G41-A000001-I01-R1)" "COBADEFFXXX"
expect_eq "B-0007's next payment without BIC" "$(xml_bic "$WORK/2024-12.xml" G86-A000011-I03-R0)" ""
expect_eq "B-0005's next payment with the corrected BIC" "$(xml_bic "$WORK/2024-12.xml" G41-A000008-I02-R0)" "CEPAFRPP"
expect_sql "stored on December's payments" \
  "SELECT agreement_id, instalment, iban, bic FROM payments WHERE batch_id = 2 AND agreement_id IN (1, 8, 11) ORDER BY agreement_id, instalment" \
  "1|1|DE89370400440532013000|COBADEFFXXX
1|2|DE89370400440532013000|COBADEFFXXX
8|2|FR7614505464227050563379831|CEPAFRPP
11|3|FR7610278948327415356013266|"

# --- a database upgraded from before payments kept their BIC: each payment
# takes its beneficiary's BIC when it goes with the payment's IBAN, as the
# file took it until then, and none beside an IBAN since replaced.
use_copy prepared upgraded
run beneficiary set-iban B-0007 "FR76 1027 8948 3274 1535 6013 266"
run beneficiary set-iban B-0005 "FR76 1450 5464 2270 5056 3379 831" --bic CEPAFRPP
sql "ALTER TABLE payments DROP COLUMN bic; DELETE FROM schema_migrations WHERE name = '005_payment_bic.sql'"
run init
expect_rc "init" 0
expect_contains "init applies the migration" "$OUT" "applied 005_payment_bic.sql"
expect_sql "the BICs the file took" \
  "SELECT agreement_id, bic FROM payments WHERE agreement_id IN (1, 8, 11) AND instalment = 1 ORDER BY agreement_id" \
  "1|BNPAFRPPXXX
8|CEPAFRPP
11|"

finish
