# An instalment whose beneficiary has no *valid* IBAN is held by the batch
# run, with the reason listed, like one with no IBAN at all: it must not go
# into a batch whose SEPA export would then fail for every payment.
#
# The IBAN below passes ISO 13616 mod-97 but has a wrong RIB key, so
# `grants beneficiary set-iban` refuses it; it can still be in the database,
# stored before the RIB key was checked or by another tool.
source "$(dirname "$0")/lib.bash"
load_examples

BAD_IBAN=FR0630004616159956466929455
expect_error "set-iban refuses a wrong RIB key" 3 "IBAN \"$BAD_IBAN\": RIB key 55 is wrong, expected 56" \
  beneficiary set-iban B-0001 "$BAD_IBAN"
sql "UPDATE beneficiaries SET iban = '$BAD_IBAN' WHERE ref = 'B-0001'"

# The batch holds B-0001's instalment, and the rest of the month reaches
# the bank.
november_to export
run batch show 1
expect_contains "B-0001 is held, not paid" "$OUT" "14 payments sent, 6 750,00 €: 14 pending (6 750,00 €); 3 instalments held (1 500,00 €)"
expect_sql "no payment to the invalid IBAN" "SELECT count(*) FROM payments WHERE iban = '$BAD_IBAN'" 0
expect_sql "the hold names the IBAN as the reason" \
  "SELECT count(*) FROM batch_holds WHERE agreement_id = 1 AND instalment = 1 AND reason LIKE '%IBAN%'" 1

finish
