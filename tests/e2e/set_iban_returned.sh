# `beneficiary set-iban` given the very IBAN the bank sent back: batches go
# on holding the beneficiary's instalments ("waiting for a new IBAN"), and
# set-iban says so. Before, it answered as for any change of account
# ("beneficiary B-0001: IBAN FR76 3000 4616 1599 5646 6929 456, BIC
# BNPAFRPPXXX"), and the officer who had typed the account the beneficiary
# gave again believed the hold released until next month's batch held it
# once more.
source "$(dirname "$0")/lib.bash"
load_examples

november_to return
RETURNED="FR76 3000 4616 1599 5646 6929 456"

run beneficiary set-iban B-0001 "$RETURNED"
expect_rc "the returned IBAN given again" 0
expect_out "the returned IBAN given again: said" \
  "beneficiary B-0001: IBAN $RETURNED, BIC BNPAFRPPXXX; the bank sent this IBAN back (AC04): batches hold the instalments of B-0001 until another IBAN is given"
run --format json beneficiary set-iban B-0001 "$RETURNED"
expect_contains "JSON: the return code" "$OUT" '"returned_reason": "AC04"'
run --format csv beneficiary set-iban B-0001 "$RETURNED"
expect_contains "CSV: the return code" "$(tr -d '\r' <<<"$OUT")" "returned_reason,AC04"
run batch run --month 2024-12 --dry-run --on 2024-12-02
expect_contains "still held" "$OUT" "IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN"
# `beneficiary show`, where "why was I not paid?" starts, says it too.
run beneficiary show B-0001
expect_contains "show: the note" "$OUT" \
  "The bank sent this IBAN back (AC04): batches hold the instalments of B-0001 until another IBAN is given (grants beneficiary set-iban B-0001 IBAN)"
run --format json beneficiary show B-0001
expect_eq "show, JSON: the return code" "$(jq -r '.returned_reason' <<<"$OUT")" "AC04"

# Another IBAN releases the hold, and nothing more is said.
run beneficiary set-iban B-0001 "FR7630006000011234567890189"
expect_rc "another IBAN" 0
expect_out "another IBAN: said" "beneficiary B-0001: IBAN FR76 3000 6000 0112 3456 7890 189, no BIC (was BNPAFRPPXXX)"
run --format json beneficiary set-iban B-0001 "FR7630006000011234567890189"
expect_contains "JSON: no return code" "$OUT" '"returned_reason": null'
run batch run --month 2024-12 --dry-run --on 2024-12-02
expect_eq "paid again" "$(grep -c 'returned by the bank' <<<"$OUT")" 0
run --format json beneficiary show B-0001
expect_eq "show, JSON: nothing sent back" "$(jq -c '.returned_reason' <<<"$OUT")" "null"
run beneficiary show B-0001
expect_eq "show: no note" "$(grep -c 'sent this IBAN back' <<<"$OUT")" 0

finish
