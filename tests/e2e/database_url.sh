# What a user can get wrong about the database: every mistake is a message
# naming the URL (its password masked) and an exit code, never a crash.
source "$(dirname "$0")/lib.bash"
# The latest migration this build knows.
LAST=$(ls "$GRANTS_SOURCE_DIR/schemas/$BACKEND" | sort | tail -n 1)
cd "$WORK"

run --db "postgresql://officer:s3cret@127.0.0.1:1/grants" init
expect_rc "unreachable server" 6
expect_err "unreachable server, password masked" \
  'grants: error: cannot open database "postgresql://officer:***@127.0.0.1:1/grants": connection to server at "127.0.0.1", port 1 failed: Connection refused'
run --db "postgresql://officer@127.0.0.1:5432/grants?colour=blue" init
expect_rc "unknown URL parameter" 3
expect_err "unknown URL parameter" \
  'grants: error: database URL "postgresql://officer@127.0.0.1:5432/grants?colour=blue": invalid URI query parameter: "colour"'
# A password given as a URL parameter, or in a URL whose scheme is
# mistyped, is masked too. Before, both messages printed it.
run --db "postgresql://officer@127.0.0.1:1/grants?sslmode=disable&password=s3cret" init
expect_rc "password as a URL parameter" 6
expect_err "password as a URL parameter, masked" \
  'grants: error: cannot open database "postgresql://officer@127.0.0.1:1/grants?sslmode=disable&password=***": connection to server at "127.0.0.1", port 1 failed: Connection refused'
run --db "postgresql://officer@127.0.0.1:1/grants?password=s3cret&colour=blue" init
expect_rc "password as a URL parameter, unknown parameter" 3
expect_err "password as a URL parameter, unknown parameter, masked" \
  'grants: error: database URL "postgresql://officer@127.0.0.1:1/grants?password=***&colour=blue": invalid URI query parameter: "colour"'
run --db "postgressql://officer:s3cret@127.0.0.1/grants" init
expect_rc "mistyped scheme" 3
expect_err "mistyped scheme, password masked" \
  'grants: error: database URL "postgressql://officer:***@127.0.0.1/grants": unknown scheme, expected sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME'
# libpq quotes the part of a URL it cannot parse, a password included:
# that is masked too.
run --db "postgresql://officer:s3%zzcret@127.0.0.1:1/grants" init
expect_rc "badly encoded password" 3
expect_err "badly encoded password, masked" \
  'grants: error: database URL "postgresql://officer:***@127.0.0.1:1/grants": invalid percent-encoded token: "***"'
# libpq's key=value settings are not a file name: before, init created a
# SQLite file of that name here and reported it initialised (its password
# printed).
run --db "host=127.0.0.1 dbname=grants41 user=grants password=s3cret" init
expect_rc "key=value settings" 3
expect_err "key=value settings, password masked" \
  'grants: error: database URL "host=127.0.0.1 dbname=grants41 user=grants password=***": libpq'"'"'s key=value settings are not taken here, give a URL: postgresql://USER@HOST:PORT/DBNAME (a file of that name is given as sqlite:PATH)'
expect_no_file "key=value settings: no SQLite file" "host=127.0.0.1 dbname=grants41 user=grants password=s3cret"
run --db "mysql://officer@127.0.0.1/grants" init
expect_rc "unknown scheme" 3
expect_err "unknown scheme" \
  'grants: error: database URL "mysql://officer@127.0.0.1/grants": unknown scheme, expected sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME'
run --db "sqlite:$WORK/missing/grants.db" init
expect_rc "SQLite file in a missing directory" 6
expect_contains "SQLite file in a missing directory" "$ERR" "cannot open database \"$WORK/missing/grants.db\""

# A SQLite file that does not exist is not created by a command that would
# only fail on it: init creates the database.
run --db "sqlite:$WORK/typo.db" beneficiary list
expect_rc "a SQLite file that does not exist" 6
expect_err "a SQLite file that does not exist" \
  "grants: error: database \"$WORK/typo.db\" does not exist: run grants init to create it; nothing done"
expect_eq "the file is not created" "$(ls "$WORK/typo.db" 2>&1 >/dev/null | wc -l)" 1
run db copy --from "sqlite:$WORK/typo.db" --to "sqlite:$WORK/copy.db"
expect_rc "a copy from a SQLite file that does not exist" 6
expect_eq "neither file is created" "$(ls "$WORK/typo.db" "$WORK/copy.db" 2>/dev/null | wc -l)" 0

# Another application's database, given by mistake: init does not add
# grants's tables among its own, nor does a copy. Before, both did (exit
# code 0).
if [ "$BACKEND" = postgresql ]; then
  pg_database other_url
  other_sql() { psql "$other_url" -qXAt -v ON_ERROR_STOP=1 -c "$1"; }
  other_shown=$other_url
else
  other_url="sqlite:$WORK/other.db" other_shown="$WORK/other.db"
  other_sql() { sqlite3 "$WORK/other.db" "$1"; }
fi
other_sql "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Dupont');
  CREATE TABLE invoices (id INTEGER); CREATE TABLE products (id INTEGER); CREATE TABLE vendors (id INTEGER)"
not_ours="database \"$other_shown\" is not a grants database: it holds tables (customers, invoices, products and 1 more) and no grants migrations; grants creates its tables only in an empty database; nothing done"
expect_error "init on another application's database" 6 "$not_ours" --db "$other_url" init
"$GRANTS" --db "sqlite:$WORK/source.db" init >/dev/null
expect_error "copy into another application's database" 6 "$not_ours" db copy --from "sqlite:$WORK/source.db" --to "$other_url"
expect_eq "its tables alone" "$(other_sql "SELECT count(*) FROM customers")" 1
if [ "$BACKEND" = postgresql ]; then
  expect_eq "no table added" "$(other_sql "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")" "customers invoices products vendors"
else
  expect_eq "no table added" "$(other_sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)")" "customers invoices products vendors"
fi

# The database of this run, before and after init (an empty file for
# SQLite: a database without tables).
[ "$BACKEND" = sqlite ] && : >"$DB"
run beneficiary list
expect_rc "a database without tables" 6
expect_contains "a database without tables" "$ERR" "is at migration none, this build of grants needs 008_payment_returned.sql: run grants init; nothing done"
run init
expect_rc "init" 0
expect_contains "init applies both migrations" "$OUT" "applied 002_batches_ledger.sql"
run init
expect_contains "init twice applies nothing" "$OUT" "(0 applied now)"

# A database a newer build migrated: this one would write rows without what
# that migration added. Before, every command ran on it and init said it was
# "at migration 999_future.sql (0 applied now)".
sql "INSERT INTO schema_migrations (name) VALUES ('999_future.sql')"
BEFORE=$(table_counts)
for args in init "beneficiary list" "beneficiary add --ref B-0001 --name Dupont --first-name Jean --profession nurse --commune 41018"; do
  run $args
  expect_rc "$args on a newer database" 6
  expect_contains "$args on a newer database" "$ERR" "has migration 999_future.sql, which this build of grants does not know"
done
expect_eq "nothing written on a newer database" "$(table_counts)" "$BEFORE"
# Nor is it copied: init would not help, the newer grants would. Before,
# the copy said "run grants init on it first" (exit code 5) and created
# the target's file.
shown=$DB_URL
[ "$BACKEND" = sqlite ] && shown=$DB
run db copy --from "$DB_URL" --to "sqlite:$WORK/from-newer.db"
expect_rc "copy from a newer database" 6
expect_err "copy from a newer database" \
  "grants: error: database \"$shown\" has migration 999_future.sql, which this build of grants does not know (it knows up to $LAST): a newer grants migrated it, use that one; nothing done"
expect_no_file "copy from a newer database: no target created" "$WORK/from-newer.db"

if [ "$BACKEND" = postgresql ]; then
  run --db "${DB_URL%/*}/grants_no_such_database" beneficiary list
  expect_rc "a database that does not exist" 6
  expect_contains "a database that does not exist" "$ERR" 'database "grants_no_such_database" does not exist'
fi

finish
