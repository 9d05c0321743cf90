# A full disk is an error that says so, never a success with half a file:
# what goes to standard output, to a ledger export or to a SEPA file fails
# with the system's reason and a non-zero exit code, the batch is not
# recorded as exported, and an earlier file of the same name is left as it
# was. /dev/full stands for the full disk: standard output is sent there,
# and a file's PATH.tmp is made a link to it.
source "$(dirname "$0")/lib.bash"
load_examples
november_to approve

# --- listings on standard output
run_full batch list
expect_rc "a listing to a full disk" 3
expect_err "a listing to a full disk" "grants: error: cannot write standard output: No space left on device"
# More than fills a buffer: the write fails before the end.
run_full --format json batch payments 1
expect_rc "payments to a full disk" 3
expect_err "payments to a full disk" "grants: error: cannot write standard output: No space left on device"

# --- a ledger export on standard output: no "exported" line
run_full ledger export --from 2024-01-01 --to 2024-12-31 --format csv
expect_rc "an export to a full disk" 3
expect_err "an export to a full disk" "grants: error: ledger export from 2024-01-01 to 2024-12-31 not written: \
writing it out failed (cannot write standard output: No space left on device)"

# --- a ledger export to a file: the earlier file stays
run ledger export --from 2024-01-01 --to 2024-12-31 --format xlsx --out "$WORK/ledger.xlsx"
expect_rc "a first export" 0
cp "$WORK/ledger.xlsx" "$WORK/first.xlsx"
ln -s /dev/full "$WORK/ledger.xlsx.tmp"
expect_error "an export to a file on a full disk" 3 "ledger export from 2024-01-01 to 2024-12-31 not written: \
writing it out failed (cannot write $WORK/ledger.xlsx: No space left on device)" \
  ledger export --from 2024-01-01 --to 2024-12-31 --format xlsx --out "$WORK/ledger.xlsx"
expect_no_file "the temporary file goes" "$WORK/ledger.xlsx.tmp"
if cmp -s "$WORK/ledger.xlsx" "$WORK/first.xlsx"; then pass; else fail "the earlier export was changed"; fi

# --- the SEPA file: the batch stays approved, no MsgId taken
ln -s /dev/full "$WORK/2024-11.xml.tmp"
expect_error "a SEPA file on a full disk" 3 "batch 1 cannot be exported: cannot write SEPA file \
\"GRANTS-B000001-20241104093000\": writing it out failed (cannot write $WORK/2024-11.xml: No space left on device)" \
  batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_no_file "no SEPA file" "$WORK/2024-11.xml"
expect_no_file "no temporary SEPA file" "$WORK/2024-11.xml.tmp"
expect_sql "the batch stays approved, no MsgId taken" \
  "SELECT state, CASE WHEN msg_id IS NULL THEN 1 ELSE 0 END FROM batches WHERE id = 1" "approved|1"
# Room again: the same export goes through.
run batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "the export once there is room" 0
expect_out "the export once there is room" \
  "wrote $WORK/2024-11.xml: batch 1, MsgId GRANTS-B000001-20241104093000, 15 payments, 7 250,00 €, execution date 2024-11-06"

finish
