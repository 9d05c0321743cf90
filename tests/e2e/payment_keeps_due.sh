# A payment keeps the due date it was prepared with, as it keeps its IBAN
# and BIC: the SEPA file's remittance text names it, and exporting a batch
# again writes the file that was sent.
#
# Before: the date was read from the instalment. A returned payment's
# instalment is open again, and a resumption moves the dates of open
# instalments: after B-0001's November transfer came back and its
# convention was suspended then resumed, `batch payments 1` gave that
# payment as due on 2024-12-05 and November's file exported again said
# "echeance 1 du 2024-12-05" under the same MsgId and EndToEndId.
source "$(dirname "$0")/lib.bash"
load_examples

november_to export
SENT=$(batch_payments 1)
P=$(payment_id 1 1 1)
expect_eq "B-0001's payment, due on 2024-11-05" "$(awk -F, -v p="$P" '$1 == p { print $2, $3, $4, $10 }' <<<"$SENT")" \
  "1 1 2024-11-05 pending"
run batch return 1 --payment "$P" --reason AC04 --on 2024-11-05
expect_rc "the transfer comes back" 0
run agreement suspend 1 --from 2024-11-01 --reason "congé maladie"
expect_rc "suspend" 0
run agreement resume 1 --on 2024-12-15 --reason "reprise des études"
expect_out "resume" "convention 1 resumed on 2024-12-15; 24 unpaid instalments moved by 1 month"
expect_sql "the instalment, open again, moved" \
  "SELECT due_on FROM instalments WHERE agreement_id = 1 AND number = 1" "2024-12-05"

expect_eq "batch payments: the payment as sent, now returned" "$(batch_payments 1)" \
  "$(sed "/^$P,/s/,pending,/,returned,/" <<<"$SENT")"
run batch export 1 --sepa "$WORK/again.xml"
expect_rc "export again" 0
if cmp -s "$WORK/2024-11.xml" "$WORK/again.xml"; then pass; else
  fail "the file exported again differs" "$(diff "$WORK/2024-11.xml" "$WORK/again.xml")"; fi
expect_contains "the remittance names the date paid for" "$(cat "$WORK/again.xml")" \
  "<Ustrd>Convention 1 echeance 1 du 2024-11-05 loir-et-cher/intern-bursary</Ustrd>"

# The instalment is paid again, once another IBAN is given, on its new date.
run beneficiary set-iban B-0001 "DE89 3704 0044 0532 0130 00" --bic COBADEFFXXX
expect_rc "B-0001 changes bank" 0
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-16
expect_rc "December" 0
expect_eq "December pays it again, due on its new date" \
  "$(batch_payments 2 | awk -F, '$2 == 1 && $3 == 1 { print $4, $9 }')" "2024-12-05 G41-A000001-I01-R1"
expect_sql "each payment with its own date" \
  "SELECT batch_id, due_on, state FROM payments WHERE agreement_id = 1 AND instalment = 1 ORDER BY id" \
  "1|2024-11-05|returned
2|2024-12-05|pending"

# A database from before payments kept their date: each takes its
# instalment's date, which is what the file took until then.
sql "ALTER TABLE payments DROP COLUMN due_on; DELETE FROM schema_migrations WHERE name = '006_payment_due.sql'"
run init
expect_rc "init" 0
expect_contains "init applies the migration" "$OUT" "applied 006_payment_due.sql"
expect_sql "the dates the file took until then" \
  "SELECT batch_id, due_on FROM payments WHERE agreement_id = 1 ORDER BY id" \
  "1|2024-12-05
2|2024-12-05"
expect_sql "no payment without a date" "SELECT count(*) FROM payments WHERE due_on IS NULL" "0"

finish
