# The example data set loads on a fresh database, and every convention's
# schedule sums to its award (the figures are hand-checked in the comments
# of examples/applications.sh).
source "$(dirname "$0")/lib.bash"

load_examples

run --format csv application list
expect_eq "applications" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1,5,6 | tr '\r\n' ' ')" \
  "1,true,approved 2,true,approved 3,true,approved 4,true,approved 5,true,approved 6,true,approved 7,true,approved 8,true,approved 9,false,rejected 10,true,approved 11,true,approved 12,true,approved 13,true,approved 14,true,approved 15,true,approved 16,true,approved "

run --format csv agreement list
expect_rc "agreement list" 0
expect_out "conventions and awards" "$(printf '%s\r\n' \
  'id,beneficiary,scheme,signed_on,state,award,instalments,paid,unpaid' \
  '1,B-0001,loir-et-cher/intern-bursary,2024-10-20,active,12000.00,24,0.00,12000.00' \
  '2,B-0002,loir-et-cher/intern-bursary,2024-10-21,active,12000.00,24,0.00,12000.00' \
  '3,B-0014,loir-et-cher/intern-bursary,2024-10-22,active,12000.00,24,0.00,12000.00' \
  '4,B-0003,loir-et-cher/intern-bursary,2025-04-18,active,12000.00,24,0.00,12000.00' \
  '5,B-0003,loir-et-cher/intern-bursary-supplement,2025-04-18,active,2400.00,24,0.00,2400.00' \
  '6,B-0004,loir-et-cher/paramedical-bursary,2024-07-15,active,6000.00,12,0.00,6000.00' \
  '7,B-0006,loir-et-cher/paramedical-bursary,2025-09-29,active,7000.00,14,0.00,7000.00' \
  '8,B-0005,loir-et-cher/long-internship-allowance,2024-10-25,active,1500.00,6,0.00,1500.00' \
  '9,B-0012,loir-et-cher/equipment-aid,2025-02-24,active,10000.00,1,0.00,10000.00' \
  '10,B-0013,loir-et-cher/investment-aid,2025-01-06,active,100000.00,2,0.00,100000.00' \
  '11,B-0007,vienne/medicine-study-aid,2024-09-27,active,42000.00,84,0.00,42000.00' \
  '12,B-0008,vienne/medicine-study-aid,2024-09-27,active,12000.00,24,0.00,12000.00' \
  '13,B-0009,vienne/dentistry-study-aid,2024-09-30,active,12000.00,24,0.00,12000.00' \
  '14,B-0010,vienne/physiotherapy-study-aid,2024-09-30,active,12000.00,24,0.00,12000.00' \
  '15,B-0011,vienne/speech-therapy-study-aid,2024-09-30,active,12000.00,24,0.00,12000.00')"

expect_eq "every schedule sums to its award" \
  "$(sql 'SELECT count(*) FROM agreements g WHERE award_cents <> (SELECT sum(amount_cents) FROM instalments i WHERE i.agreement_id = g.id)')" 0
# On its signature day, a batch of the month would pay the first half.
GRANTS_TODAY=2025-01-06 run --format csv schedule show 10
expect_out "investment aid in two halves" "$(printf '%s\r\n' 'number,due,amount,covers_from,covers_to,state,batch_today,hold_reason' \
  '1,2025-01-06,50000.00,2025-01-06,2025-01-06,open,pays,' '2,2026-01-06,50000.00,2026-01-06,2026-01-06,open,,')"
run agreement show 9
expect_contains "equipment aid in one instalment" "$OUT" "Total: 10 000,00 € in 1 instalment; award 10 000,00 €"

finish
