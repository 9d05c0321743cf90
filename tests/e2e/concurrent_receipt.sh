# Two officers record the same transfer on a recovery order at the same
# moment, without its reference: one records it, the other is refused. The
# order's receipts are read under the write lock, so the second to get it
# sees the first's receipt (before, both were recorded: the balance lowered
# twice, two ledger entries for one transfer).
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-4}

load_examples
load_obligation_examples
receive() { timeout 300 "$GRANTS" recovery receive TR-2028-00001 --amount 10 --on "$DAY"; }

for trial in $(seq 1 "$TRIALS"); do
  DAY="2028-08-$((10 + trial))"
  together receive
  if [ "$RC_A $RC_B" = "0 5" ] || [ "$RC_A $RC_B" = "5 0" ]; then pass; else
    fail "trial $trial: exit codes $RC_A and $RC_B, expected 0 and 5" "$(cat out.A err.A out.B err.B)"; fi
  expect_contains "trial $trial: the second refused" "$(cat err.A err.B)" \
    "already has a receipt of 10,00 € on $DAY"
  expect_sql "trial $trial: one receipt, one ledger entry" \
    "SELECT (SELECT count(*) FROM receipts WHERE received_on = '$DAY'), (SELECT count(*) FROM ledger WHERE kind = 'receipt' AND entry_date = '$DAY')" \
    "1|1"
done
left=$((266666 - 1000 * TRIALS))  # cents: 2 666,66 € less 10,00 € a trial
run --format csv recovery show TR-2028-00001 --as-of 2028-12-31
expect_contains "the balance lowered once a trial" "$(tr -d '\r' <<<"$OUT")" \
  "$(printf 'balance,%d.%02d' $((left / 100)) $((left % 100)))"
finish
