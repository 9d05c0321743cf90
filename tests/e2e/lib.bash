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
# The same locale whatever the caller's (a bare Debian sets none, so C):
# bash's $'\u...' quoting and hledger, which refuses the journal's UTF-8
# under C ("invalid byte sequence"), need a UTF-8 one. C.UTF-8 is built
# into Debian's libc.
export LC_ALL=C.UTF-8
BACKEND=${GRANTS_TEST_BACKEND:-sqlite}

WORK=$(mktemp -d)
PG_DATABASES=()  # dropped at exit, then PG_ROLES
PG_ROLES=()
cleanup() {
  local rc=$? name
  for name in "${PG_DATABASES[@]}"; do
    psql "$GRANTS_TEST_POSTGRESQL" -qX -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
  done
  for name in "${PG_ROLES[@]}"; do
    psql "$GRANTS_TEST_POSTGRESQL" -qX -c "DROP ROLE IF EXISTS $name" >/dev/null
  done
  rm -rf "$WORK"
  # A script that ends without `finish` would pass whatever its checks
  # found: it fails instead.
  if [ "$rc" -eq 0 ] && [ -z "${FINISHED:-}" ]; then
    echo "FAIL: $(basename "$0") ended without calling finish: its checks were not counted" >&2
    exit 1
  fi
}
trap cleanup EXIT

# need_postgresql: fails the test unless the server is given.
need_postgresql() {
  if [ -z "${GRANTS_TEST_POSTGRESQL:-}" ]; then
    echo "FAIL: GRANTS_TEST_POSTGRESQL is not set (run the tests through scripts/test)" >&2
    exit 1
  fi
}
# pg_create NAME [TEMPLATE]: a new database on the test server, empty or a
# copy of TEMPLATE, dropped at exit.
PG_BASE="grants_e2e_$$"
pg_create() {
  need_postgresql
  psql "$GRANTS_TEST_POSTGRESQL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$1\"" \
    -c "CREATE DATABASE \"$1\"${2:+ TEMPLATE \"$2\"}" >/dev/null 2>&1 || {
    echo "FAIL: cannot create the PostgreSQL database $1" >&2
    exit 1
  }
  PG_DATABASES+=("$1")
}
# pg_database VAR: sets VAR to the URL of a new, empty database on the test
# server, dropped at exit.
pg_database() {
  local name="${PG_BASE}_$((${#PG_DATABASES[@]} + 1))"
  pg_create "$name"
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

# run_full ARGS...: like run, with standard output on /dev/full, where
# every write fails with "No space left on device".
run_full() {
  [ -c /dev/full ] || { echo "FAIL: /dev/full is missing: the test cannot fill a disk" >&2; exit 1; }
  "$GRANTS" "$@" >/dev/full 2>"$WORK/stderr"
  RC=$?
  OUT=""
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
# expect_error NAME RC MESSAGE ARGS...: grants ARGS exits with RC, prints
# nothing on stdout and "grants: error: MESSAGE" on stderr.
expect_error() {
  local name=$1 rc=$2 message=$3
  shift 3
  run "$@"
  expect_rc "$name" "$rc"
  expect_out "$name: nothing on stdout" ""
  expect_err "$name" "grants: error: $message"
}
# expect_error_unchanged NAME RC MESSAGE ARGS...: as expect_error, and the
# refused command wrote nothing (every table's row count is the same).
expect_error_unchanged() {
  local counts
  counts=$(table_counts)
  expect_error "$@"
  expect_eq "$1: nothing written" "$(table_counts)" "$counts"
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
# expect_no_file NAME FILE: FILE was not written.
expect_no_file() {
  if [ ! -e "$2" ]; then pass; else fail "$1: $2 was written"; fi
}
# sql QUERY: the result, one row a line and columns separated by '|', read
# with the sqlite3 shell or psql (which print values alike: NULL as empty).
if [ "$BACKEND" = postgresql ]; then
  sql() { psql "$DB_URL" -qXAt -F '|' -v ON_ERROR_STOP=1 -c "$1"; }
else
  sql() { sqlite3 "$DB" "$1"; }
fi
# expect_sql NAME QUERY EXPECTED: the query's output is EXPECTED.
expect_sql() { expect_eq "$1" "$(sql "$2")" "$3"; }
# sql_run QUERY: runs a statement with the sqlite3 shell or psql; sets RC,
# OUT and ERR like `run`, for statements the database must refuse.
sql_run() {
  sql "$1" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}
# expect_refused NAME QUERY MESSAGE [POSTGRESQL_MESSAGE]: the database
# refuses the statement (whatever the code calling it would do) with an
# error containing MESSAGE, or on PostgreSQL POSTGRESQL_MESSAGE when given
# (the two word their refusals differently).
expect_refused() {
  local want=$3
  [ "$BACKEND" = postgresql ] && [ $# -ge 4 ] && want=$4
  sql_run "$2"
  if [ "$RC" -ne 0 ] && [[ "$ERR" == *"$want"* ]]; then pass; else
    fail "$1: the database did not refuse it with \"$want\"" "exit code $RC, stderr: $ERR"; fi
}

# The number of rows of every table, on one line: a command that writes
# nothing leaves it unchanged.
TABLES=(schema_migrations beneficiaries rule_files applications application_conditions agreements
        agreement_required_documents instalments agreement_documents agreement_events batches
        payments batch_holds ledger obligation_events cesp_declarations recovery_orders
        recovery_instalments receipts obligation_event_voids)
table_counts() {
  local t q=""
  for t in "${TABLES[@]}"; do q+="${q:+ || ' ' || }'$t=' || (SELECT count(*) FROM $t)"; done
  sql "SELECT $q"
}

# copy_rules: later commands read their rules from $RULES, a copy of
# rules/loir-et-cher.toml in $WORK/rules that the test may edit.
copy_rules() {
  RULES="$WORK/rules"
  mkdir -p "$RULES"
  cp "$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" "$RULES/"
  export GRANTS_RULES="$RULES"
}

# load_examples: a fresh database with the example beneficiaries and the
# conventions and documents of examples/applications.sh; stops the test if
# they do not load (nothing after it would mean anything).
load_examples() {
  if ! "$GRANTS" init >"$WORK/load.out" 2>&1 ||
     ! "$GRANTS" beneficiary import "$EXAMPLES/beneficiaries.csv" >>"$WORK/load.out" 2>&1 ||
     ! GRANTS="$GRANTS" bash "$EXAMPLES/applications.sh" >>"$WORK/load.out" 2>&1; then
    fail "the examples do not load" "$(cat "$WORK/load.out")"
    finish
    exit 1
  fi
}

# load_obligation_examples: examples/obligations.sh on the loaded examples
# (diplomas, starts, proofs, breaches, recovery orders and receipts); stops
# the test if it does not run through.
load_obligation_examples() {
  # The examples' story runs to 2029, so does what the tests add to it: the
  # clock is set after its end (money does not move on a day to come).
  export GRANTS_TODAY=2030-06-30
  if GRANTS="$GRANTS" bash "$EXAMPLES/obligations.sh" >"$WORK/load.out" 2>&1; then pass; else
    fail "examples/obligations.sh" "$(cat "$WORK/load.out")"
    finish
    exit 1
  fi
}

# november_to STEP: the batch of 2024-11 on the examples, taken up to STEP:
# run (by Marc Petit on 2024-11-02), approve (Claire Martin, 2024-11-03),
# export ($WORK/2024-11.xml, created 2024-11-04T09:30:00, executed
# 2024-11-06), settle (2024-11-06) or return (B-0001's payment, AC04,
# 2024-11-12).
november_to() {
  local step
  for step in run approve export settle return; do
    case $step in
      run) run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02 ;;
      approve) run batch approve 1 --by "Claire Martin" --on 2024-11-03 ;;
      export) run batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06 ;;
      settle) run batch settle 1 --on 2024-11-06 ;;
      return) run batch return 1 --payment "$(payment_id 1 1 1)" --reason AC04 --on 2024-11-12 ;;
    esac
    expect_rc "2024-11: $step" 0
    [ "$step" == "$1" ] && return
  done
}

# paid_batch MONTH ID PREPARED APPROVED EXECUTED: the batch of MONTH, ID,
# prepared by Marc Petit on PREPARED, approved by Claire Martin on APPROVED,
# exported to $WORK/MONTH.xml (created at 10:00 on APPROVED, executed on
# EXECUTED) and settled on EXECUTED.
paid_batch() {
  run batch run --month "$1" --by "Marc Petit" --on "$3"
  expect_rc "$1: run" 0
  run batch approve "$2" --by "Claire Martin" --on "$4"
  expect_rc "$1: approve" 0
  run batch export "$2" --sepa "$WORK/$1.xml" --created-at "${4}T10:00:00" --execution-date "$5"
  expect_rc "$1: export" 0
  run batch settle "$2" --on "$5"
  expect_rc "$1: settle" 0
}

# event_id CONVENTION KIND: the id of the convention's last obligation event
# of that kind.
event_id() { sql "SELECT max(id) FROM obligation_events WHERE agreement_id = $1 AND kind = '$2'"; }
# payment_id BATCH CONVENTION INSTALMENT: the id of that payment.
payment_id() {
  sql "SELECT id FROM payments WHERE batch_id = $1 AND agreement_id = $2 AND instalment = $3"
}
# batch_payments BATCH: `grants batch payments` as CSV lines without header:
# id,convention,instalment,due,beneficiary,creditor,amount,iban,end_to_end_id,state,bic
batch_payments() { "$GRANTS" --format csv batch payments "$1" | tail -n +2 | tr -d '\r'; }
# payments_of BATCH: "convention/instalment due amount" of each payment.
payments_of() { batch_payments "$1" | awk -F, '{ printf "%s/%s %s %s\n", $2, $3, $4, $7 }'; }
# xml_bic FILE END_TO_END_ID: the creditor BIC of that transaction in the
# SEPA file FILE, if any (needs xmllint).
xml_bic() {
  xmllint --xpath "//*[local-name()='CdtTrfTxInf'][*[local-name()='PmtId']/*[local-name()='EndToEndId']='$2']/*[local-name()='CdtrAgt']//*[local-name()='BIC']/text()" \
    "$1" 2>/dev/null
}
# expect_holds NAME TEXT: the last run printed TEXT from its "holds:" line on.
expect_holds() { expect_eq "$1" "$(sed -n '/^holds:/,$p' <<<"$OUT")" "$2"; }

# use_db FILE: later commands and queries use the SQLite database FILE.
use_db() {
  DB=$1
  DB_URL="sqlite:$DB"
  export GRANTS_DB="$DB_URL"
}
# copy_db NAME: a consistent copy of the current database, kept as NAME:
# $WORK/NAME.db (the sqlite3 shell's .backup, which also takes what is still
# in the WAL), or the PostgreSQL database PG_BASE_NAME made from it as a
# template.
copy_db() {
  if [ "$BACKEND" = postgresql ]; then
    pg_create "${PG_BASE}_$1" "${DB_URL##*/}"
  else
    sqlite3 "$DB" ".backup '$WORK/$1.db'"
  fi
}
# use_copy NAME COPY: later commands use a new copy, COPY, of the database
# saved by `copy_db NAME`.
use_copy() {
  if [ "$BACKEND" = postgresql ]; then
    pg_create "${PG_BASE}_$2" "${PG_BASE}_$1"
    DB_URL="${GRANTS_TEST_POSTGRESQL%/*}/${PG_BASE}_$2"
    export GRANTS_DB="$DB_URL"
    return
  fi
  rm -f "$WORK/$2.db" "$WORK/$2.db-wal" "$WORK/$2.db-shm"
  cp "$WORK/$1.db" "$WORK/$2.db"
  use_db "$WORK/$2.db"
}

# together COMMAND: runs `COMMAND A` and `COMMAND B` (a function of the
# test, told which of two officers it runs for) at the same moment, with
# their output in $WORK/out.A, $WORK/err.A, $WORK/out.B and $WORK/err.B;
# sets RC_A and RC_B. Both wait behind a lock this shell holds (they close
# their copy of it) and start when it lets go.
together() {
  local who pid_A pid_B
  exec 9>"$WORK/gate"
  flock 9
  for who in A B; do
    (exec 9>&-; flock -s "$WORK/gate" true; "$1" "$who") >"$WORK/out.$who" 2>"$WORK/err.$who" &
    printf -v "pid_$who" '%s' "$!"
  done
  sleep 0.2
  exec 9>&-
  wait "$pid_A"; RC_A=$?
  wait "$pid_B"; RC_B=$?
}

# only_on BACKEND REASON: the rest of the test is about that backend alone
# (e.g. the SQLite file itself); on the other it says so and stops there.
only_on() {
  if [ "$BACKEND" != "$1" ]; then
    echo "only on $1: $2"
    finish
    exit $?
  fi
}

# need COMMAND PACKAGE: stops the test as failed when a tool scripts/test
# installs is missing.
need() {
  command -v "$1" >/dev/null && return 0
  fail "$1 is not installed (Debian package $2)"
  finish
  exit 1
}
# skip MESSAGE: reports the test as skipped (ctest SKIP_RETURN_CODE 77).
skip() {
  FINISHED=1
  echo "skipped: $1"
  exit 77
}

finish() {
  FINISHED=1
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
