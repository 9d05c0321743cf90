# Two officers record the same new account of a beneficiary at the same
# moment, one with its BIC, one without (the form she sent, typed twice):
# the one without keeps the BIC when the account it replaces is already the
# new one. The account replaced is read under the write lock, so the BIC
# given is never dropped by the other change committing after it (before,
# each read the old account first and the second to commit cleared the BIC).
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-6}

load_examples
NEW="DE89 3704 0044 0532 0130 00"
set_account() {
  if [ "$1" = A ]; then
    timeout 300 "$GRANTS" beneficiary set-iban B-0007 "$NEW" --bic COBADEFFXXX
  else
    timeout 300 "$GRANTS" beneficiary set-iban B-0007 "$NEW"
  fi
}

for trial in $(seq 1 "$TRIALS"); do
  run beneficiary set-iban B-0007 "FR76 3000 4712 8145 9735 8671 216" --bic BNPAFRPPXXX
  expect_rc "trial $trial: the old account back" 0
  together set_account
  if [ "$RC_A $RC_B" = "0 0" ]; then pass; else fail "trial $trial: exit codes $RC_A and $RC_B" "$(cat err.A err.B)"; fi
  expect_sql "trial $trial: the new account with its BIC" \
    "SELECT iban, bic FROM beneficiaries WHERE ref = 'B-0007'" "DE89370400440532013000|COBADEFFXXX"
done

finish
