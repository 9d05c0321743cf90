# Two officers export the same approved batch to the same SEPA file at the
# same moment (the shared folder's usual name for the month): both get the
# one file, with one MsgId, whole; the batch is recorded exported once and
# the ledger takes nothing. Writers of one path used to share its PATH.tmp:
# the second truncated the first's file and then found it renamed away
# ("cannot write ...: No such file or directory"). Repeated trials, each on
# a copy of the approved batch.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-4}

load_examples
november_to approve
copy_db approved
export_november() {
  timeout 300 "$GRANTS" batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 \
    --execution-date 2024-11-06
}

ledger_before=$(sql "SELECT count(*) FROM ledger")

for trial in $(seq 1 "$TRIALS"); do
  use_copy approved "trial$trial"
  rm -f 2024-11.xml
  together export_november
  expect_eq "trial $trial: both exports write the file" "$RC_A $RC_B" "0 0"
  [ "$RC_A $RC_B" == "0 0" ] || cat err.A err.B >&2
  for who in A B; do
    expect_eq "trial $trial: officer $who names the file and its MsgId" "$(cat "out.$who")" \
      "wrote $WORK/2024-11.xml: batch 1, MsgId GRANTS-B000001-20241104093000, 15 payments, 7 250,00 €, execution date 2024-11-06"
  done
  expect_eq "trial $trial: one MsgId in the file" \
    "$(grep -c '<MsgId>GRANTS-B000001-20241104093000</MsgId>' 2024-11.xml)" 1
  expect_eq "trial $trial: the file is whole" "$(tail -n 1 2024-11.xml)" "</Document>"
  expect_eq "trial $trial: no temporary file left" "$(ls 2024-11.xml.* 2>/dev/null)" ""
  expect_sql "trial $trial: exported once" "SELECT state, msg_id FROM batches" "exported|GRANTS-B000001-20241104093000"
  expect_sql "trial $trial: the ledger takes nothing" "SELECT count(*) FROM ledger" "$ledger_before"
  run ledger verify
  expect_rc "trial $trial: ledger verifies" 0
done

# The file is the one a lone export writes.
use_copy approved alone
run batch export 1 --sepa "$WORK/alone.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "a lone export" 0
if cmp -s alone.xml 2024-11.xml; then pass; else fail "the raced file differs from a lone export" "$(diff alone.xml 2024-11.xml | head)"; fi

finish
