# What a user can get wrong about the database: every mistake is a message
# naming the URL (its password masked) and an exit code, never a crash.
source "$(dirname "$0")/lib.bash"

run --db "postgresql://officer:s3cret@127.0.0.1:1/grants" init
expect_rc "unreachable server" 6
expect_err "unreachable server, password masked" \
  'grants: error: cannot open database "postgresql://officer:***@127.0.0.1:1/grants": connection to server at "127.0.0.1", port 1 failed: Connection refused'
run --db "postgresql://officer@127.0.0.1:5432/grants?colour=blue" init
expect_rc "unknown URL parameter" 3
expect_err "unknown URL parameter" \
  'grants: error: database URL "postgresql://officer@127.0.0.1:5432/grants?colour=blue": invalid URI query parameter: "colour"'
run --db "mysql://officer@127.0.0.1/grants" init
expect_rc "unknown scheme" 3
expect_err "unknown scheme" \
  'grants: error: database URL "mysql://officer@127.0.0.1/grants": unknown scheme, expected sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME'
run --db "sqlite:$WORK/missing/grants.db" init
expect_rc "SQLite file in a missing directory" 6
expect_contains "SQLite file in a missing directory" "$ERR" "cannot open database \"$WORK/missing/grants.db\""

# The database of this run, before and after init.
run beneficiary list
expect_rc "a database without tables" 6
run init
expect_rc "init" 0
expect_contains "init applies both migrations" "$OUT" "applied 002_batches_ledger.sql"
run init
expect_contains "init twice applies nothing" "$OUT" "(0 applied now)"
if [ "$BACKEND" = postgresql ]; then
  run --db "${DB_URL%/*}/grants_no_such_database" beneficiary list
  expect_rc "a database that does not exist" 6
  expect_contains "a database that does not exist" "$ERR" 'database "grants_no_such_database" does not exist'
fi

finish
