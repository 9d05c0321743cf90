# Regression: a payment returned before settlement is not paid. `batch
# settle`, `show` and `list` give what the bank paid and what came back
# beside what was sent, in every format, as the bank statement and the
# ledger have them.
source "$(dirname "$0")/lib.bash"
load_examples

november_to export
P=$(payment_id 1 11 1)
expect_eq "payment 3 is convention 11's first instalment" "$P" 3
run batch return 1 --payment 3 --reason AC04 --on 2024-11-05
expect_rc "return before settlement" 0

# The file asked the bank to pay on 2024-11-06: not settled before.
before=$(table_counts)
expect_error "settled before the execution date" 3 \
  "option --on: 2024-11-05 is before the execution date of batch 1, 2024-11-06: the bank pays on that date" \
  batch settle 1 --on 2024-11-05
expect_eq "the refused settlement wrote nothing" "$(table_counts)" "$before"

run batch settle 1 --on 2024-11-06
expect_rc "settle" 0
SETTLED=$OUT
expect_eq "settle: title" "$(head -n 1 <<<"$SETTLED")" "Batch 1 settled on 2024-11-06"
expect_eq "settle: what was sent, paid and returned" "$(tail -n 1 <<<"$SETTLED")" \
  "15 payments sent, 7 250,00 €: 14 paid (6 750,00 €), 1 returned (500,00 €); 2 instalments held (1 000,00 €)"
expect_eq "the ledger agrees: 14 settlements, 6 750 €" \
  "$(sql "SELECT count(*) || ' ' || sum(amount_cents) FROM ledger WHERE kind = 'settlement' AND batch_id = 1")" \
  "14 675000"

run batch show 1
expect_eq "show: as settle said" "$OUT" "${SETTLED/Batch 1 settled on 2024-11-06/Batch 1 — 2024-11 — settled}"
expect_contains "show: fields" "$OUT" "  payments:       15
  total:          7 250,00 €
  paid:           14
  paid_total:     6 750,00 €
  returned:       1
  returned_total: 500,00 €"
run --format json batch show 1
expect_contains "show json" "$OUT" '"paid": 14,
  "paid_total": "6750.00",'
expect_contains "show json" "$OUT" '"payments": 15,'
# The sum held, which the last line of the table gives: before, JSON and
# CSV gave the count alone.
expect_contains "show json: held and its sum" "$OUT" '"held": 2,
  "held_total": "1000.00",'
expect_contains "show json" "$OUT" '"returned": 1,
  "returned_total": "500.00",'
run --format csv batch show 1
expect_out "show csv: the batch's fields, per scheme, holds" "$(printf '%s\r\n' 'field,value' 'id,1' 'month,2024-11' \
  'state,settled' 'prepared_by,Marc Petit' 'prepared_on,2024-11-02' 'approved_by,Claire Martin' 'approved_on,2024-11-03' \
  'msg_id,GRANTS-B000001-20241104093000' 'pain_version,001.001.03' 'execution_date,2024-11-06' \
  'settled_on,2024-11-06' 'cancelled_by,' 'cancelled_on,' 'payments,15' 'total,7250.00' 'paid,14' \
  'paid_total,6750.00' 'returned,1' 'returned_total,500.00' 'held,2' 'held_total,1000.00' \
  'pending,0' 'pending_total,0.00' \
  '' 'per_scheme' 'scheme,payments,total,paid,paid_total,returned,returned_total,pending,pending_total' \
  'loir-et-cher/intern-bursary,1,500.00,1,500.00,0,0.00,0,0.00' \
  'loir-et-cher/long-internship-allowance,1,250.00,1,250.00,0,0.00,0,0.00' \
  'loir-et-cher/paramedical-bursary,3,1500.00,3,1500.00,0,0.00,0,0.00' \
  'vienne/dentistry-study-aid,2,1000.00,2,1000.00,0,0.00,0,0.00' \
  'vienne/medicine-study-aid,4,2000.00,3,1500.00,1,500.00,0,0.00' \
  'vienne/physiotherapy-study-aid,2,1000.00,2,1000.00,0,0.00,0,0.00' \
  'vienne/speech-therapy-study-aid,2,1000.00,2,1000.00,0,0.00,0,0.00' \
  '' 'holds' 'convention,instalment,due,amount,beneficiary,scheme,reason' \
  '2,1,2024-11-05,500.00,B-0002,loir-et-cher/intern-bursary,missing enrolment-certificate covering 2024-11-05' \
  '3,1,2024-11-05,500.00,B-0014,loir-et-cher/intern-bursary,no IBAN')"

run batch list
expect_out "list" "id  month    state    prepared_by  approved_by    payments       total  paid  paid_total  returned  returned_total  msg_id                         pending  pending_total
 1  2024-11  settled  Marc Petit   Claire Martin        15  7 250,00 €    14  6 750,00 €         1        500,00 €  GRANTS-B000001-20241104093000        0         0,00 €"
run --format csv batch list
expect_out "list csv" "$(printf '%s\r\n' 'id,month,state,prepared_by,approved_by,payments,total,paid,paid_total,returned,returned_total,msg_id,pending,pending_total' \
  '1,2024-11,settled,Marc Petit,Claire Martin,15,7250.00,14,6750.00,1,500.00,GRANTS-B000001-20241104093000,0,0.00')"
run --format json batch list
expect_contains "list json" "$OUT" '"paid": 14,
    "paid_total": "6750.00",
    "payments": 15,'
expect_contains "list json" "$OUT" '"returned": 1,
    "returned_total": "500.00",'
expect_contains "list json" "$OUT" '"total": "7250.00"'

# Before the bank acts there is nothing paid or returned to show; once
# exported, what is still pending.
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
run --format csv batch list
expect_eq "a draft: no outcome yet" "$(tail -n 1 <<<"$OUT" | tr -d '\r')" "2,2024-12,draft,Marc Petit,,7,3250.00,,,,,,,"
run batch approve 2 --by "Claire Martin" --on 2024-12-03
run batch export 2 --sepa "$WORK/2024-12.xml" --created-at 2024-12-04T09:30:00 --execution-date 2024-12-06
run batch return 2 --payment "$(payment_id 2 6 4)" --reason AM04 --on 2024-12-05
run batch show 2
expect_eq "exported, one returned" "$(tail -n 1 <<<"$OUT")" \
  "7 payments sent, 3 250,00 €: 6 pending (2 750,00 €), 1 returned (500,00 €); 6 instalments held (3 000,00 €)"
# What the last line says is pending, JSON and CSV give as well: before,
# they had paid and returned only, and a script could not tell what the
# bank had still to execute.
expect_contains "exported: the pending fields" "$OUT" "  pending:        6
  pending_total:  2 750,00 €"
run --format json batch show 2
expect_eq "exported, json: sent, paid, returned, pending" \
  "$(jq -c '[.payments, .total, .paid, .paid_total, .returned, .returned_total, .pending, .pending_total]' <<<"$OUT")" \
  '[7,"3250.00",0,"0.00",1,"500.00",6,"2750.00"]'
# Convention 6, whose payment came back, is a paramedical bursary.
expect_sql "convention 6's scheme" "SELECT scheme_id FROM agreements WHERE id = 6" "loir-et-cher/paramedical-bursary"
expect_eq "exported, json: pending per scheme" \
  "$(jq -c '[.per_scheme[] | [.scheme, .pending, .pending_total, .returned]]' <<<"$OUT")" \
  '[["loir-et-cher/intern-bursary",1,"500.00",0],["loir-et-cher/long-internship-allowance",1,"250.00",0],'\
'["loir-et-cher/paramedical-bursary",0,"0.00",1],["vienne/dentistry-study-aid",1,"500.00",0],'\
'["vienne/medicine-study-aid",1,"500.00",0],["vienne/physiotherapy-study-aid",1,"500.00",0],'\
'["vienne/speech-therapy-study-aid",1,"500.00",0]]'
run --format csv batch show 2
expect_eq "exported, csv: the pending fields" "$(tr -d '\r' <<<"$OUT" | grep -E '^pending(_total)?,')" "pending,6
pending_total,2750.00"
run --format csv batch list
expect_eq "exported, csv list: pending last" "$(tail -n 1 <<<"$OUT" | tr -d '\r')" \
  "2,2024-12,exported,Marc Petit,Claire Martin,7,3250.00,0,0.00,1,500.00,$(sql "SELECT msg_id FROM batches WHERE id = 2"),6,2750.00"
run --format json batch list
expect_eq "exported, json list" "$(jq -c '.[1] | [.pending, .pending_total, .paid, .returned]' <<<"$OUT")" \
  '[6,"2750.00",0,1]'

finish
