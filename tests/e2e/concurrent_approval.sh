# Two officers approve the same draft at the same moment: one approval is
# recorded, the other is refused with the message a late approval gets,
# "batch 1 (2024-11) was approved by ... on 2024-11-03: only a draft can
# be approved; ...", naming the one who approved, however the two
# met. Approval used to read the batch outside the write lock: the one
# that read it before the other wrote was refused by the store's guard in
# other words ("batch 1 is approved, not draft"). Repeated trials, each on
# a copy of the draft.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-6}

load_examples
november_to run
copy_db draft
approve_november() {
  local by
  case $1 in A) by="Claire Martin" ;; B) by="Paul Girard" ;; esac
  timeout 300 "$GRANTS" batch approve 1 --by "$by" --on 2024-11-03
}
ledger_before=$(sql "SELECT count(*) FROM ledger")

for trial in $(seq 1 "$TRIALS"); do
  use_copy draft "trial$trial"
  together approve_november
  case "$RC_A $RC_B" in
    "0 5") won=A lost=B ;;
    "5 0") won=B lost=A ;;
    *) fail "trial $trial: one approval passes, the other is refused (exit 5)" \
         "exit codes $RC_A $RC_B; $(cat err.A err.B)"; continue ;;
  esac
  pass
  winner=$([ "$won" = A ] && echo "Claire Martin" || echo "Paul Girard")
  expect_eq "trial $trial: the refusal" "$(cat "err.$lost")" \
    "grants: error: batch 1 (2024-11) was approved by $winner on 2024-11-03: only a draft can be approved; export it with \`batch export 1 --sepa FILE\`, or cancel it with \`batch cancel 1 --by NAME\`"
  expect_eq "trial $trial: the loser prints nothing on stdout" "$(cat "out.$lost")" ""
  expect_sql "trial $trial: approved once, by the winner" "SELECT state, approved_by, approved_on FROM batches" \
    "approved|$winner|2024-11-03"
  expect_sql "trial $trial: the ledger takes nothing" "SELECT count(*) FROM ledger" "$ledger_before"
done

finish
