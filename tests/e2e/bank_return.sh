# Settlement, a bank return and the IBAN fix: a transfer the bank sends back
# makes its instalment due again, held until the beneficiary gives another
# IBAN; the next batch pays it as a second attempt. Every step is a ledger
# entry with the right accounts and amount.
source "$(dirname "$0")/lib.bash"
load_examples

november_to export

# --- settle: the 15 payments are paid
run batch settle 1 --on 2024-11-06
expect_rc "settle" 0
expect_eq "settle" "$(head -n 1 <<<"$OUT")" "Batch 1 settled on 2024-11-06"
expect_sql "settled batch" "SELECT state, settled_on FROM batches WHERE id = 1" "settled|2024-11-06"
expect_sql "payments paid" "SELECT state, count(*) FROM payments GROUP BY state" "paid|15"
expect_sql "instalments paid" "SELECT count(*) FROM instalments WHERE state = 'paid'" 15

# entries KIND: "date kind debit credit amount beneficiary convention batch
# payment" of the ledger's entries of that kind, from the auditor's CSV.
entries() {
  "$GRANTS" ledger export --from 2024-01-01 --to 2025-12-31 --format csv 2>/dev/null | tr -d '\r' |
    awk -F, -v kind="$1" '$3 == kind { print $2, $3, $4, $5, $6, $7, $9, $10, $11 }'
}
expect_eq "one settlement per payment: payable debited, treasury credited" \
  "$(entries settlement | awk '{ n++; s += $5; k[$2 " " $3 " " $4 " " $1 " " $8] = 1 } END { for (x in k) print x; print n, s }')" \
  "settlement 4671 515 2024-11-06 1
15 7250"

# --- the bank sends back Hélène Lefèvre's transfer: account closed
P=$(payment_id 1 1 1)
run batch return 1 --payment "$P" --reason AC04 --on 2024-11-12
expect_rc "return" 0
# What to do next is said: before, only "its instalment is due again", and
# the officer learnt at the next batch that it waits for another IBAN.
expect_out "return" "payment $P of batch 1 returned (AC04); its instalment is due again; batches hold the instalments of B-0001 until another IBAN is given (grants beneficiary set-iban B-0001 IBAN)"
expect_eq "the money comes back to the treasury and the payment order is withdrawn" \
  "$(entries return; entries cancellation)" \
  "2024-11-12 return 515 4671 500.00 B-0001 1 1 $P
2024-11-12 cancellation 4671 6513 500.00 B-0001 1 1 $P"
expect_sql "payment returned" "SELECT state, return_reason FROM payments WHERE id = $P" "returned|AC04"
expect_sql "instalment due again, one more attempt" \
  "SELECT state, attempts FROM instalments WHERE agreement_id = 1 AND number = 1" "open|1"
expect_sql "the beneficiary's IBAN sent back is remembered" \
  "SELECT returned_iban, return_reason FROM beneficiaries WHERE ref = 'B-0001'" "FR7630004616159956466929456|AC04"

expect_error "returned twice" 5 "payment $P of batch 1 (B-0001, 500,00 €, instalment 1 of convention 1) is returned (AC04, on 2024-11-12): only a pending or paid payment can be returned, once: nothing written; \`batch payments 1\` lists the batch's payments with their ids and states" \
  batch return 1 --payment "$P" --reason AC04 --on 2024-11-13
expect_error "not a return code" 3 \
  "option --reason: \"closed\" is not an ISO 20022 return code such as AC04 or MD07" \
  batch return 1 --payment 2 --reason closed

# --- held while the IBAN is the one sent back, even typed again
HELD="           1           1  2024-11-05  500,00 €  B-0001       loir-et-cher/intern-bursary  IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN"
run batch run --month 2024-12 --dry-run --on 2024-12-02
expect_contains "held after the return" "$OUT" "$HELD"
run beneficiary set-iban B-0001 "fr76 3000 4616 1599 5646 6929 456"
expect_rc "the same IBAN again" 0
run batch run --month 2024-12 --dry-run --on 2024-12-02
expect_contains "still held with the same IBAN" "$OUT" "$HELD"

# --- a new IBAN: December pays November's instalment again, second attempt
run beneficiary set-iban B-0001 "FR76 3000 4008 2100 0123 4567 849"
expect_out "new IBAN, without the BIC of the old account" \
  "beneficiary B-0001: IBAN FR76 3000 4008 2100 0123 4567 849, no BIC (was BNPAFRPPXXX)"
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "batch 2024-12" 0
expect_eq "December pays both of B-0001's instalments to the new IBAN" \
  "$(batch_payments 2 | awk -F, '$5 == "B-0001" { print $2, $3, $4, $7, $8, $9, $10 }')" \
  "1 1 2024-11-05 500.00 FR76 3000 4008 2100 0123 4567 849 G41-A000001-I01-R1 pending
1 2 2024-12-05 500.00 FR76 3000 4008 2100 0123 4567 849 G41-A000001-I02-R0 pending"
P2=$(payment_id 2 1 1)
expect_eq "a new payment order for the second attempt" "$(entries payment | awk -v p="$P2" '$9 == p')" \
  "2024-12-02 payment 6513 4671 500.00 B-0001 1 2 $P2"

# --- a return before settlement: the money never left, only the order is withdrawn
run batch approve 2 --by "Claire Martin" --on 2024-12-03
# (a script reads what the export and the return say as JSON or CSV)
run --format json batch export 2 --sepa "$WORK/2024-12.xml" --created-at 2024-12-04T09:30:00 --execution-date 2024-12-06
expect_rc "export 2024-12" 0
expect_out "export 2024-12 as JSON" "{
  \"batch\": 2,
  \"execution_date\": \"2024-12-06\",
  \"file\": \"$WORK/2024-12.xml\",
  \"msg_id\": \"GRANTS-B000002-20241204093000\",
  \"pain_version\": \"001.001.03\",
  \"payments\": 9,
  \"total\": \"4250.00\"
}"
P3=$(payment_id 2 6 4)
# B-0004 gave another account after the batch was prepared: nothing waits.
run beneficiary set-iban B-0004 "FR76 3000 6000 0112 3456 7890 189"
expect_rc "B-0004's new IBAN" 0
run --format csv batch return 2 --payment "$P3" --reason AM04 --on 2024-12-05
expect_rc "return of an unsettled payment" 0
expect_out "return as CSV" "$(printf '%s\r\n' field,value batch,2 "payment,$P3" reason,AM04 returned_on,2024-12-05 \
  convention,6 instalment,4 due,2024-12-05 instalment_state,open not_owed, counted_by_order, overpaid, breach, \
  waiting_for_iban,false)"
expect_eq "no return entry, one cancellation" "$(entries return | wc -l) $(entries cancellation | tail -n 1)" \
  "1 2024-12-05 cancellation 4671 6513 500.00 B-0004 6 2 $P3"
expect_error "return from the wrong batch" 4 "batch 1 has no payment $P3" \
  batch return 1 --payment "$P3" --reason AM04
# The file sent is written again the same, the returned transfer in it
# (before: left out, a file of 8 payments under the same MsgId, while the
# command said 9).
run batch export 2 --sepa "$WORK/2024-12-again.xml"
expect_out "export again after a return" \
  "wrote $WORK/2024-12-again.xml: batch 2, MsgId GRANTS-B000002-20241204093000, 9 payments, 4 250,00 €, execution date 2024-12-06"
if cmp -s "$WORK/2024-12.xml" "$WORK/2024-12-again.xml"; then pass; else
  fail "the file exported again after a return differs" "$(diff "$WORK/2024-12.xml" "$WORK/2024-12-again.xml")"; fi
run batch settle 2 --on 2024-12-06
expect_rc "settle 2024-12" 0
expect_sql "the returned payment is not settled" \
  "SELECT (SELECT state FROM payments WHERE id = $P3), (SELECT count(*) FROM ledger WHERE kind = 'settlement' AND payment_id = $P3)" \
  "returned|0"

# --- the books: nothing left payable, the expense is what the bank paid
expect_eq "balances of 4671, 515 and 6513 (debit minus credit)" \
  "$("$GRANTS" ledger export --from 2024-01-01 --to 2025-12-31 --format csv 2>/dev/null | tr -d '\r' |
     awk -F, 'NR > 1 && $1 !~ /^#/ { c = $6; sub(/\./, "", c); b[$4] += c; b[$5] -= c }
              END { printf "%d %d %d", b["4671"], b["515"], b["6513"] }')" \
  "0 -$(sql "SELECT sum(amount_cents) FROM payments WHERE state = 'paid'") $(sql "SELECT sum(amount_cents) FROM payments WHERE state = 'paid'")"
run ledger verify
expect_rc "ledger verifies" 0

finish
