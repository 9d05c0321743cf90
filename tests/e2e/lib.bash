# Helpers for the end-to-end tests: each test script sources this file, runs
# the real `grants` binary on a fresh database and ends with `finish`, which
# prints "N passed, N failed".
#
# GRANTS_TEST_BACKEND picks the database: `sqlite` (the default) is a file
# in a temporary directory; `postgresql` is a new database on the server
# whose URL is GRANTS_TEST_POSTGRESQL (a user who may create databases and
# roles; scripts/test starts such a server), dropped at the end. Without
# that URL a PostgreSQL run fails: it never passes by skipping.
set -uo pipefail
: "${GRANTS:?set GRANTS to the grants binary}" "${GRANTS_SOURCE_DIR:?set GRANTS_SOURCE_DIR}"
BACKEND=${GRANTS_TEST_BACKEND:-sqlite}

WORK=$(mktemp -d)
PG_DATABASES=()  # dropped at exit, then PG_ROLES
PG_ROLES=()
cleanup() {
  local name
  for name in "${PG_DATABASES[@]}"; do
    psql "$GRANTS_TEST_POSTGRESQL" -qX -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
  done
  for name in "${PG_ROLES[@]}"; do
    psql "$GRANTS_TEST_POSTGRESQL" -qX -c "DROP ROLE IF EXISTS $name" >/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# need_postgresql: fails the test unless the server is given.
need_postgresql() {
  if [ -z "${GRANTS_TEST_POSTGRESQL:-}" ]; then
    echo "FAIL: GRANTS_TEST_POSTGRESQL is not set (run the tests through scripts/test)" >&2
    exit 1
  fi
}
# pg_database VAR: sets VAR to the URL of a new, empty database on the test
# server, dropped at exit.
pg_database() {
  need_postgresql
  local name="grants_e2e_$$_$((${#PG_DATABASES[@]} + 1))"
  psql "$GRANTS_TEST_POSTGRESQL" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null || exit 1
  PG_DATABASES+=("$name")
  printf -v "$1" '%s' "${GRANTS_TEST_POSTGRESQL%/*}/$name"
}

case "$BACKEND" in
  sqlite)
    DB="$WORK/grants.db"
    DB_URL="sqlite:$DB"
    ;;
  postgresql)
    pg_database DB_URL
    ;;
  *)
    echo "FAIL: GRANTS_TEST_BACKEND=$BACKEND: expected sqlite or postgresql" >&2
    exit 1
    ;;
esac
export GRANTS_DB="$DB_URL"
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
# sql QUERY: the result, one row a line and columns separated by '|', read
# with the sqlite3 shell or psql (which print values alike: NULL as empty).
if [ "$BACKEND" = postgresql ]; then
  sql() { psql "$DB_URL" -qXAt -F '|' -v ON_ERROR_STOP=1 -c "$1"; }
else
  sql() { sqlite3 "$DB" "$1"; }
fi

# only_on BACKEND REASON: the rest of the test is about that backend alone
# (e.g. the SQLite file itself); on the other it says so and stops there.
only_on() {
  if [ "$BACKEND" != "$1" ]; then
    echo "only on $1: $2"
    finish
    exit $?
  fi
}

# load_examples: init, the example beneficiaries, and their applications
# and conventions (examples/applications.sh), each checked.
load_examples() {
  run init
  expect_rc "init" 0
  run beneficiary import "$EXAMPLES/beneficiaries.csv"
  expect_rc "import the examples" 0
  GRANTS="$GRANTS" bash "$EXAMPLES/applications.sh" >"$WORK/load.out" 2>&1
  RC=$?
  expect_rc "examples/applications.sh" 0
  [ "$RC" -eq 0 ] || cat "$WORK/load.out" >&2
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
