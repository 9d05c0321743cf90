# Two officers start the same month's batch at the same moment: exactly one
# batch is written, the other command exits with a conflict naming it, and
# no instalment ever has two live payments. Repeated trials; each ends by
# cancelling the batch, which frees the month for the next (the same day:
# the ledger is kept in date order).
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-6}

load_examples

run_month() { timeout 300 "$GRANTS" batch run --month 2024-11 --by "Officer $1" --on 2024-11-02; }

for trial in $(seq 1 "$TRIALS"); do
  together run_month
  case "$RC_A $RC_B" in
    "0 5" | "5 0") pass ;;
    *) fail "trial $trial: exit codes $RC_A and $RC_B, expected one 0 and one 5" "$(cat err.A err.B)" ;;
  esac
  loser=A
  [ "$RC_A" -eq 0 ] && loser=B
  expect_contains "trial $trial: the loser says why" "$(cat "err.$loser")" "2024-11 already has batch"
  expect_eq "trial $trial: one live batch" \
    "$(sql "SELECT count(*) FROM batches WHERE month = '2024-11' AND state <> 'cancelled'")" 1
  expect_eq "trial $trial: no instalment paid twice" \
    "$(sql "SELECT count(*) FROM (SELECT agreement_id, instalment FROM payments WHERE state IN ('pending', 'paid') GROUP BY agreement_id, instalment HAVING count(*) > 1) d")" 0
  expect_eq "trial $trial: one payment order per live payment" \
    "$(sql "SELECT count(*) FROM payments WHERE state = 'pending'")" \
    "$(sql "SELECT count(*) FROM ledger l JOIN payments p ON p.id = l.payment_id WHERE l.kind = 'payment' AND p.state = 'pending'")"
  id=$(sql "SELECT id FROM batches WHERE month = '2024-11' AND state <> 'cancelled'")
  run batch cancel "$id" --by "Claire Martin" --on 2024-11-02
  expect_rc "trial $trial: cancel frees the month" 0
done

expect_eq "every trial made one batch" "$(sql "SELECT count(*) FROM batches")" "$TRIALS"
run ledger verify
expect_rc "ledger verifies after the trials" 0

finish
