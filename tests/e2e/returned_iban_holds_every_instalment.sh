# A transfer the bank sent back from an IBAN (account closed) holds every
# instalment of that beneficiary while the IBAN is still theirs, not only
# the returned one: December's instalment must not go to the closed account.
source "$(dirname "$0")/lib.bash"
load_examples
november_to export
run batch settle 1 --on 2024-11-06
P=$(payment_id 1 1 1)
run batch return 1 --payment "$P" --reason AC04 --on 2024-11-12
expect_rc "return" 0

run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "batch 2024-12" 0
expect_eq "B-0001's November and December are both held" \
  "$(sed -n '/^holds:/,$p' <<<"$OUT" | grep B-0001)" \
  "           1           1  2024-11-05  500,00 €  B-0001       loir-et-cher/intern-bursary  IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN
           1           2  2024-12-05  500,00 €  B-0001       loir-et-cher/intern-bursary  IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN"
expect_sql "nothing paid to the closed account" \
  "SELECT count(*) FROM payments WHERE batch_id = 2 AND iban = 'FR7630004616159956466929456'" 0

# A recorded hold keeps its due date even after the schedule moves.
run agreement suspend 1 --from 2025-01-01 --reason "congé parental"
run agreement resume 1 --on 2025-03-01 --reason "reprise"
expect_sql "instalment 2 is still where it was (due before the suspension)" \
  "SELECT due_on FROM instalments WHERE agreement_id = 1 AND number = 2" 2024-12-05
expect_sql "instalment 3 moved, but batch 2 recorded nothing for it" \
  "SELECT count(*) FROM batch_holds WHERE batch_id = 2 AND agreement_id = 1 AND instalment = 3" 0
expect_sql "the holds of batch 2 keep their own due dates and amounts" \
  "SELECT instalment || ' ' || due_on || ' ' || amount_cents FROM batch_holds WHERE batch_id = 2 AND agreement_id = 1 ORDER BY instalment" \
  "1 2024-11-05 50000
2 2024-12-05 50000"

run beneficiary set-iban B-0001 "FR76 3000 6000 0112 3456 7890 189"
expect_rc "new IBAN" 0
run batch cancel 2 --by "Marc Petit" --on 2024-12-03
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-03
# Instalment 1 had a payment returned (R1); instalment 2 was only held (R0).
expect_eq "both paid to the new IBAN" \
  "$(batch_payments 3 | awk -F, '$2 == 1 { print $3, $8, $9 }')" \
  "1 FR76 3000 6000 0112 3456 7890 189 G41-A000001-I01-R1
2 FR76 3000 6000 0112 3456 7890 189 G41-A000001-I02-R0"
finish
