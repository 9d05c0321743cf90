# The example scripts run `grants` from the PATH when GRANTS is not set, as
# their headers and the README's quick start have it. Before, their helper
# function `grants` called "${GRANTS:-grants}", that is itself: with GRANTS
# unset, applications.sh recursed until bash crashed (exit code 139) and
# loaded nothing.
source "$(dirname "$0")/lib.bash"

BIN="$WORK/bin"
mkdir -p "$BIN"
ln -s "$GRANTS" "$BIN/grants"
# examples ARGS...: runs an example script with only the PATH to find grants.
examples() {
  env -u GRANTS PATH="$BIN:$PATH" bash "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

run init
expect_rc "init" 0
run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0

examples "$EXAMPLES/applications.sh"
expect_rc "applications.sh with grants on the PATH" 0
expect_err "applications.sh: no error" ""
expect_sql "16 applications, 15 conventions" \
  "SELECT (SELECT count(*) FROM applications) || ' ' || (SELECT count(*) FROM agreements)" "16 15"
expect_sql "documents received" "SELECT count(*) FROM agreement_documents" "14"

examples "$EXAMPLES/obligations.sh"
expect_rc "obligations.sh with grants on the PATH" 0
expect_err "obligations.sh: no error" ""
# Its batch of 2026-10 found by `batch list`, approved, exported and settled.
expect_sql "the story's batch" "SELECT id || ' ' || month || ' ' || state FROM batches" "1 2026-10 settled"
expect_sql "recovery order and receipts" \
  "SELECT number || ' ' || (SELECT count(*) FROM receipts) FROM recovery_orders" "TR-2028-00001 2"

finish
