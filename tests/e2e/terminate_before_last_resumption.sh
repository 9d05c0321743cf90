# A termination dated before the day the convention last resumed is
# refused, naming both dates, and writes nothing, as a suspension from
# before it is. Before, convention 1 (24 × 500 € due on the 5th from
# 2024-11-05), suspended from 2025-02-01 and resumed on 2025-06-20 (its
# unpaid instalments moved 4 months), could be terminated on 2025-06-10:
# ended while suspended, yet February's instalment, moved to 2025-06-05,
# stayed owed and the June batch paid it (a suspended convention that is
# terminated does not owe the months it was suspended), and its events
# read suspend, resume, then a termination before the resumption.
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-07-15

run agreement suspend 1 --from 2025-02-01 --reason "congé parental"
expect_out "suspend" "convention 1 suspended from 2025-02-01"
run agreement resume 1 --on 2025-06-20 --reason "reprise des études"
expect_out "resume" "convention 1 resumed on 2025-06-20; 21 unpaid instalments moved by 4 months"
expect_sql "February's instalment moved to June" \
  "SELECT number || ' ' || due_on || ' ' || state FROM instalments WHERE agreement_id = 1 AND number IN (3, 4, 5) ORDER BY number" \
  "3 2025-01-05 open
4 2025-06-05 open
5 2025-07-05 open"

expect_error_unchanged "a termination before the resumption, in its month" 3 \
  "option --on: 2025-06-10 is before convention 1 resumed, on 2025-06-20" \
  agreement terminate 1 --on 2025-06-10 --reason "abandon des études"
expect_error_unchanged "a termination during the suspension the resumption ended" 3 \
  "option --on: 2025-03-31 is before convention 1 resumed, on 2025-06-20" \
  agreement terminate 1 --on 2025-03-31 --reason "abandon des études"
expect_sql "still active, nothing cancelled" \
  "SELECT state, (SELECT count(*) FROM instalments WHERE agreement_id = 1 AND state = 'cancelled') FROM agreements WHERE id = 1" \
  "active|0"

# On the day it resumed is allowed: the convention ran again from then, and
# the instalment moved to June is owed as any due by the termination's date.
run agreement terminate 1 --on 2025-06-20 --reason "abandon des études"
expect_out "a termination on the day it resumed" "convention 1 terminated on 2025-06-20; 20 instalments cancelled"
run batch run --month 2025-06 --by "Marc Petit" --on 2025-06-21
expect_rc "the June batch" 0
expect_eq "it pays November to January and the instalment moved to June" \
  "$(batch_payments 1 | awk -F, '$2 == 1 { print $3, $4, $7 }')" \
  "1 2024-11-05 500.00
2 2024-12-05 500.00
3 2025-01-05 500.00
4 2025-06-05 500.00"
run schedule show 1
expect_contains "the total is the award, to the cent" "$OUT" "Total: 12 000,00 € in 24 instalments; award 12 000,00 €"
expect_contains "2 000,00 € to pay, the rest cancelled" "$OUT" \
  "By state: pending 4 (2 000,00 €); cancelled 20 (10 000,00 €)"
run agreement show 1
expect_contains "the events in date order" "$OUT" "events:
  event      on          reason              months_moved  instalments_cancelled
  suspend    2025-02-01  congé parental                 0                      0
  resume     2025-06-20  reprise des études             4                      0
  terminate  2025-06-20  abandon des études             0                     20"
run ledger verify
expect_rc "ledger verify" 0

finish
