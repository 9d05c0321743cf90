# The monthly batch on the examples: every instalment due by the end of the
# month that no batch has paid, earlier months caught up; holds with their
# reasons; a held instalment paid by the first batch after its release; a dry
# run that writes nothing.
source "$(dirname "$0")/lib.bash"
load_examples

# The first batch, 2024-11, catches up September (paramedical bursary,
# convention 6, signed in July) and October (the five Vienne study aids,
# started 2024-10-01, paid on the 10th). B-0002 (convention 2) has no
# enrolment certificate and B-0014 (convention 3) no IBAN: held.
NOV_HOLDS="holds:
  convention  instalment  due           amount  beneficiary  scheme                       reason
           2           1  2024-11-05  500,00 €  B-0002       loir-et-cher/intern-bursary  missing enrolment-certificate covering 2024-11-05
           3           1  2024-11-05  500,00 €  B-0014       loir-et-cher/intern-bursary  no IBAN

15 payments, 7 250,00 €; 2 instalments held (1 000,00 €)"
# nov_csv ID: the batch as CSV, whole: its fields (ID empty for the dry
# run), then per scheme and the holds. Paid and returned stay empty until
# the batch goes to the bank.
nov_csv() {
  printf '%s\r\n' 'field,value' "id,$1" 'month,2024-11' "state,${1:+draft}" 'prepared_by,Marc Petit' \
    'prepared_on,2024-11-02' 'approved_by,' 'approved_on,' 'msg_id,' 'pain_version,' 'execution_date,' 'settled_on,' \
    'cancelled_by,' 'cancelled_on,' 'payments,15' 'total,7250.00' 'paid,' 'paid_total,' 'returned,' \
    'returned_total,' 'held,2' 'held_total,1000.00' 'pending,' 'pending_total,' \
    '' 'per_scheme' \
    'scheme,payments,total,paid,paid_total,returned,returned_total,pending,pending_total' \
    'loir-et-cher/intern-bursary,1,500.00,,,,,,' \
    'loir-et-cher/long-internship-allowance,1,250.00,,,,,,' \
    'loir-et-cher/paramedical-bursary,3,1500.00,,,,,,' \
    'vienne/dentistry-study-aid,2,1000.00,,,,,,' \
    'vienne/medicine-study-aid,4,2000.00,,,,,,' \
    'vienne/physiotherapy-study-aid,2,1000.00,,,,,,' \
    'vienne/speech-therapy-study-aid,2,1000.00,,,,,,' \
    '' 'holds' \
    'convention,instalment,due,amount,beneficiary,scheme,reason' \
    '2,1,2024-11-05,500.00,B-0002,loir-et-cher/intern-bursary,missing enrolment-certificate covering 2024-11-05' \
    '3,1,2024-11-05,500.00,B-0014,loir-et-cher/intern-bursary,no IBAN'
}

# --- the dry run writes nothing
before=$(table_counts)
run batch run --month 2024-11 --dry-run --by "Marc Petit" --on 2024-11-02
expect_rc "dry run" 0
expect_eq "dry run title" "$(head -n 1 <<<"$OUT")" "Dry run for 2024-11: nothing written"
expect_holds "dry run holds and totals" "$NOV_HOLDS"
expect_eq "dry run writes no row" "$(table_counts)" "$before"
run --format csv batch run --month 2024-11 --dry-run --by "Marc Petit" --on 2024-11-02
expect_out "dry run as CSV: fields, per scheme, holds" "$(nov_csv "")"
expect_eq "csv dry run writes no row" "$(table_counts)" "$before"

# --- the batch itself, identical to its preview
november_to run
expect_eq "batch title" "$(head -n 1 <<<"$OUT")" "Batch 1 — 2024-11 — draft, to be approved by a second person"
expect_holds "batch holds and totals" "$NOV_HOLDS"
expect_err "no progress indicator when stderr is not a terminal" ""
run --format csv batch show 1
expect_out "stored batch as CSV: fields, per scheme, holds" "$(nov_csv 1)"
run batch show 1
expect_holds "stored holds" "$NOV_HOLDS"
expect_sql "stored batch" "SELECT month, state, prepared_by, prepared_on, payment_count, total_cents FROM batches" \
  "2024-11|draft|Marc Petit|2024-11-02|15|725000"

expect_eq "2024-11 pays September and October late, then November" "$(payments_of 1)" "6/1 2024-09-05 500.00
6/2 2024-10-05 500.00
11/1 2024-10-10 500.00
12/1 2024-10-10 500.00
13/1 2024-10-10 500.00
14/1 2024-10-10 500.00
15/1 2024-10-10 500.00
1/1 2024-11-05 500.00
6/3 2024-11-05 500.00
8/1 2024-11-05 250.00
11/2 2024-11-10 500.00
12/2 2024-11-10 500.00
13/2 2024-11-10 500.00
14/2 2024-11-10 500.00
15/2 2024-11-10 500.00"
expect_sql "each payment has its payment order in the ledger" \
  "SELECT count(*), sum(amount_cents), min(entry_date), max(entry_date) FROM ledger WHERE kind = 'payment' AND batch_id = 1" \
  "15|725000|2024-11-02|2024-11-02"
expect_sql "holds recorded with the batch" \
  "SELECT agreement_id || '/' || instalment || ' ' || reason FROM batch_holds WHERE batch_id = 1 ORDER BY agreement_id" \
  "2/1 missing enrolment-certificate covering 2024-11-05
3/1 no IBAN"

# --- a dry run beside a stored batch writes nothing either
before=$(table_counts)
run batch run --month 2024-12 --dry-run --on 2024-12-02
expect_rc "dry run of the next month" 0
expect_eq "dry run of the next month writes no row" "$(table_counts)" "$before"

# --- release one hold: B-0002's certificate arrives. December catches up
# her November instalment; B-0014 is still held for November and December.
run agreement document 2 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 \
  --ref "Faculté de médecine de Tours 2024-2025" --on 2024-11-20
expect_out "certificate recorded" \
  "convention 2: enrolment-certificate recorded, allowing instalments due from 2024-11-01 to 2025-10-31: open 12 (6 000,00 €)"
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "batch 2024-12" 0
expect_holds "2024-12 holds only B-0014" "holds:
  convention  instalment  due           amount  beneficiary  scheme                       reason
           3           1  2024-11-05  500,00 €  B-0014       loir-et-cher/intern-bursary  no IBAN
           3           2  2024-12-05  500,00 €  B-0014       loir-et-cher/intern-bursary  no IBAN

10 payments, 4 750,00 €; 2 instalments held (1 000,00 €)"
expect_eq "2024-12 catches up convention 2's November instalment" "$(payments_of 2)" "2/1 2024-11-05 500.00
1/2 2024-12-05 500.00
2/2 2024-12-05 500.00
6/4 2024-12-05 500.00
8/2 2024-12-05 250.00
11/3 2024-12-10 500.00
12/3 2024-12-10 500.00
13/3 2024-12-10 500.00
14/3 2024-12-10 500.00
15/3 2024-12-10 500.00"

# --- release the other: B-0014 gives an IBAN. January pays her November,
# December and January instalments, and the investment aid's first half.
run beneficiary set-iban B-0014 "FR76 1027 8948 3274 1535 6013 266"
expect_rc "set-iban" 0
run batch run --month 2025-01 --by "Marc Petit" --on 2025-01-02
expect_rc "batch 2025-01" 0
expect_holds "2025-01 holds nothing" "holds:
  convention  instalment  due  amount  beneficiary  scheme  reason

13 payments, 55 750,00 €; 0 instalments held (0,00 €)"
expect_eq "2025-01 catches up B-0014 from November" "$(payments_of 3)" "3/1 2024-11-05 500.00
3/2 2024-12-05 500.00
1/3 2025-01-05 500.00
2/3 2025-01-05 500.00
3/3 2025-01-05 500.00
6/5 2025-01-05 500.00
8/3 2025-01-05 250.00
10/1 2025-01-06 50000.00
11/4 2025-01-10 500.00
12/4 2025-01-10 500.00
13/4 2025-01-10 500.00
14/4 2025-01-10 500.00
15/4 2025-01-10 500.00"
expect_sql "B-0014 is paid in her own IBAN" \
  "SELECT DISTINCT iban FROM payments WHERE agreement_id = 3" "FR7610278948327415356013266"

# --- across the three batches, every instalment due by 2025-01-31 is paid
# exactly once, and nothing else is.
expect_sql "no instalment due by January is left unpaid" \
  "SELECT count(*) FROM instalments i JOIN agreements g ON g.id = i.agreement_id
   WHERE i.due_on <= '2025-01-31' AND NOT EXISTS (SELECT 1 FROM payments p
     WHERE p.agreement_id = i.agreement_id AND p.instalment = i.number)" 0
expect_sql "no instalment paid twice" \
  "SELECT count(*) FROM (SELECT agreement_id, instalment FROM payments GROUP BY agreement_id, instalment HAVING count(*) > 1) t" 0
expect_sql "nothing due later is paid" "SELECT count(*) FROM payments p JOIN instalments i
   ON i.agreement_id = p.agreement_id AND i.number = p.instalment WHERE i.due_on > '2025-01-31'" 0
expect_sql "batches" "SELECT id || ' ' || month || ' ' || payment_count || ' ' || total_cents FROM batches ORDER BY id" \
  "1 2024-11 15 725000
2 2024-12 10 475000
3 2025-01 13 5575000"

finish
