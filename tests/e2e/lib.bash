# Helpers for the end-to-end tests: each test script sources this file, runs
# the real `grants` binary on a fresh SQLite database in a temporary
# directory, and ends with `finish`, which prints "N passed, N failed".
set -uo pipefail
: "${GRANTS:?set GRANTS to the grants binary}" "${GRANTS_SOURCE_DIR:?set GRANTS_SOURCE_DIR}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/grants.db"
export GRANTS_DB="sqlite:$DB"
export GRANTS_RULES="$GRANTS_SOURCE_DIR/rules"
EXAMPLES="$GRANTS_SOURCE_DIR/examples"
PASSED=0
FAILED=0

# run ARGS...: runs grants; sets RC, OUT and ERR.
run() {
  "$GRANTS" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

pass() { PASSED=$((PASSED + 1)); }
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $1" >&2
  [ $# -gt 1 ] && printf '%s\n' "$2" >&2
}

# expect NAME RC: the last run exited with RC.
expect_rc() {
  if [ "$RC" -eq "$2" ]; then pass; else fail "$1: exit code $RC, expected $2" "stdout: $OUT
stderr: $ERR"; fi
}
# expect_out NAME TEXT: stdout is exactly TEXT.
expect_out() {
  if [ "$OUT" == "$2" ]; then pass; else fail "$1: stdout differs" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$OUT"))"; fi
}
# expect_err NAME TEXT: stderr is exactly TEXT.
expect_err() {
  if [ "$ERR" == "$2" ]; then pass; else fail "$1: stderr differs" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$ERR"))"; fi
}
# expect_out_file NAME FILE: stdout equals the golden file tests/e2e/expected/FILE.
expect_out_file() {
  local golden="$GRANTS_SOURCE_DIR/tests/e2e/expected/$2"
  if [ "$OUT" == "$(cat "$golden")" ]; then pass; else fail "$1: stdout differs from $2" "$(diff "$golden" <(printf '%s\n' "$OUT"))"; fi
}
# expect_contains NAME HAYSTACK NEEDLE
expect_contains() {
  if [[ "$2" == *"$3"* ]]; then pass; else fail "$1: does not contain: $3" "$2"; fi
}
# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
  if [ "$2" == "$3" ]; then pass; else fail "$1: got '$2', expected '$3'"; fi
}
# sql QUERY: one value from the database, read with the sqlite3 shell.
sql() { sqlite3 "$DB" "$1"; }

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
