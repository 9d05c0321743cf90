# Two returns of one beneficiary recorded out of order: B-0001's November
# payment went to the IBAN ending 9456, the beneficiary then gave another
# (ending 0189), December's payment to it came back first (AC01), and the
# bank's return of November's reached the officer after. The account that
# batches must not pay again is the one still on file, 0189. Before,
# recording the late return replaced the beneficiary's returned IBAN with
# 9456, an account no longer on file: the hold on 0189 was lifted and
# January's batch paid the account the bank had just refused.
source "$(dirname "$0")/lib.bash"
# After the examples, which sign conventions up to 2025-09-29: none is
# signed on a day to come.
load_examples
export GRANTS_TODAY=2025-01-02

november_to settle
run beneficiary set-iban B-0001 "FR76 3000 6000 0112 3456 7890 189"
expect_rc "B-0001 gives another IBAN" 0
paid_batch 2024-12 2 2024-12-02 2024-12-03 2024-12-05

run batch return 2 --payment "$(payment_id 2 1 2)" --reason AC01 --on 2024-12-10
expect_rc "December's payment to 0189 comes back" 0
run batch run --month 2025-01 --dry-run --on 2025-01-02
expect_contains "0189 held" "$OUT" "IBAN FR76 **** **** 0189 returned by the bank (AC01): waiting for a new IBAN"

run batch return 1 --payment "$(payment_id 1 1 1)" --reason AC04 --on 2024-12-12
expect_rc "November's payment to 9456 comes back, late" 0
expect_out "the late return: due again, nothing to wait for on 9456" \
  "payment $(payment_id 1 1 1) of batch 1 returned (AC04); its instalment is due again"
expect_sql "the account on file is still the one refused" \
  "SELECT iban, returned_iban, return_reason FROM beneficiaries WHERE ref = 'B-0001'" \
  "FR7630006000011234567890189|FR7630006000011234567890189|AC01"

run batch run --month 2025-01 --dry-run --on 2025-01-02
expect_rc "January's dry run" 0
expect_contains "0189 still held" "$OUT" "IBAN FR76 **** **** 0189 returned by the bank (AC01): waiting for a new IBAN"
run --format json batch run --month 2025-01 --dry-run --on 2025-01-02
expect_eq "its three instalments held" \
  "$(jq -c '[.holds[] | select(.convention == 1) | .instalment]' <<<"$OUT")" "[1,2,3]"
run --format json agreement show 1
expect_eq "nothing of convention 1 paid in January" \
  "$(jq -c '[.schedule[] | select(.batch_today != null) | [.number, .batch_today]]' <<<"$OUT")" \
  '[[1,"holds"],[2,"holds"],[3,"holds"]]'

# Another IBAN releases both instalments that came back, and the next.
run beneficiary set-iban B-0001 "FR76 3000 4008 2100 0123 4567 849"
expect_rc "a third IBAN" 0
run --format json agreement show 1
expect_eq "January pays convention 1's three instalments" \
  "$(jq -c '[.schedule[] | select(.batch_today != null) | [.number, .batch_today]]' <<<"$OUT")" \
  '[[1,"pays"],[2,"pays"],[3,"pays"]]'

# Every account the bank sent back stays refused, not only the last: 9456,
# typed in again, is held as 0189 is. Before, set-iban said nothing of it
# (the beneficiary remembered 0189 alone) and January paid 9456 again.
run beneficiary set-iban B-0001 "FR76 3000 4616 1599 5646 6929 456"
expect_out "9456 again: the officer is told" "beneficiary B-0001: IBAN FR76 3000 4616 1599 5646 6929 456, no BIC; the bank sent \
this IBAN back (AC04): batches hold the instalments of B-0001 until another IBAN is given"
run --format json agreement show 1
expect_eq "January holds convention 1's three instalments" \
  "$(jq -c '[.schedule[] | select(.batch_today != null) | [.number, .batch_today]]' <<<"$OUT")" \
  '[[1,"holds"],[2,"holds"],[3,"holds"]]'
run batch run --month 2025-01 --dry-run --on 2025-01-02
expect_contains "the hold names 9456 and its reason" "$OUT" \
  "IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN"
run beneficiary show B-0001
expect_contains "show says it" "$OUT" "The bank sent this IBAN back (AC04)"

finish
