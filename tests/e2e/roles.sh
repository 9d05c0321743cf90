# The roles of a shared PostgreSQL deployment: an officer reads and writes
# (the ledger only by appending), an auditor reads and exports; PostgreSQL
# itself refuses the auditor's writes. SQLite has no roles: the command
# says so.
source "$(dirname "$0")/lib.bash"
# The latest migration this build knows.
LAST=$(ls "$GRANTS_SOURCE_DIR/schemas/$BACKEND" | sort | tail -n 1)
cd "$WORK"
# The obligation events below run to 2027: today is after them (an event
# is recorded once it has happened).
export GRANTS_TODAY=2027-12-31

load_examples

run db roles
if [ "$BACKEND" = sqlite ]; then
  expect_rc "roles on SQLite" 3
  expect_contains "roles on SQLite say why" "$ERR" "roles need a PostgreSQL database"
fi
only_on postgresql "roles are PostgreSQL's; a SQLite file's access is its file permissions"

# Roles are the server's, not the database's: names of this test alone.
officer="officer_$$" auditor="auditor_$$" marc="marc_$$" alice="alice_$$"
PG_ROLES+=("$marc" "$alice" "$officer" "$auditor")
run db roles --officer "$officer" --auditor "$auditor"
expect_rc "db roles" 0
expect_out "db roles" "roles $officer (read and write; the ledger append-only) and $auditor (read only) granted on every table; make people members: GRANT $auditor TO alice"
run --format json db roles --officer "$officer" --auditor "$auditor"
expect_rc "db roles again (after a migration)" 0
expect_out "db roles, json" "{
  \"auditor\": \"$auditor\",
  \"officer\": \"$officer\"
}"
run --format csv db roles --officer "$officer" --auditor "$auditor"
expect_rc "db roles, csv" 0
expect_out "db roles, csv" "$(printf '%s\r\n' field,value "officer,$officer" "auditor,$auditor")"
# Before init there is no table to grant: the command says what to run
# first and creates no role. Before, it said 'relation "schema_migrations"
# does not exist'.
pg_database empty_url
PG_ROLES+=("early_$officer" "early_$auditor")
expect_error "roles before init" 6 \
  "database \"$empty_url\" is at migration none, this build of grants needs $LAST: run grants init; nothing done" \
  --db "$empty_url" db roles --officer "early_$officer" --auditor "early_$auditor"
expect_sql "no role created before init" \
  "SELECT count(*) FROM pg_roles WHERE rolname IN ('early_$officer', 'early_$auditor')" 0
run db roles --officer "Bad-Name" --auditor "$auditor"
expect_rc "a bad role name" 3
psql "$GRANTS_TEST_POSTGRESQL" -qX -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE $marc LOGIN IN ROLE $officer" -c "CREATE ROLE $alice LOGIN IN ROLE $auditor" >/dev/null
host_db=${DB_URL#*@}
as_officer="postgresql://$marc@$host_db"
as_auditor="postgresql://$alice@$host_db"

# Granting is the owner's: an officer running `db roles` (after a
# migration, say) is refused, not told that every table was granted while
# PostgreSQL granted nothing (a non-owner's GRANT is only a warning). An
# auditor is refused as for any write (below).
expect_error "officer cannot grant the tables" 6 \
  "creating the roles $officer and $auditor: only the owner of the tables, postgres, can grant them: $marc does not own table agreement_documents; nothing granted" \
  --db "$as_officer" db roles --officer "$officer" --auditor "$auditor"

# The officer prepares a batch; the ledger takes its payment orders.
run --db "$as_officer" batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_rc "officer runs a batch" 0
run --db "$as_officer" batch approve 1 --by "Claire Martin" --on 2024-11-03
expect_rc "officer approves" 0
psql "$as_officer" -qXAt -c "UPDATE ledger SET amount_cents = 1 WHERE seq = 1" >officer.out 2>&1
expect_eq "officer cannot update the ledger" "$?" 1
expect_contains "officer update refused by PostgreSQL" "$(cat officer.out)" "permission denied for table ledger"
psql "$as_officer" -qXAt -c "DELETE FROM batches" >officer.out 2>&1
expect_eq "officer cannot delete" "$?" 1
# Obligations, recovery orders and receipts are the officer's too; receipts,
# like the ledger, only take new rows.
run --db "$as_officer" obligation diploma 1 --on 2026-10-15
expect_rc "officer records a diploma" 0
run --db "$as_officer" obligation start 1 --on 2026-11-02 --commune 41018
expect_rc "officer records a start" 0
psql "$as_officer" -qXAt -c "UPDATE receipts SET amount_cents = 1" >officer.out 2>&1
expect_eq "officer cannot update receipts" "$?" 1
expect_contains "receipts update refused by PostgreSQL" "$(cat officer.out)" "permission denied for table receipts"
# A mistaken event is voided by the officer, never changed: obligation
# events and their voids only take new rows.
GRANTS_TODAY=2027-01-04 run --db "$as_officer" obligation stop 1 --on 2027-01-04
expect_rc "officer records a stop" 0
stop=$(sql "SELECT id FROM obligation_events WHERE kind = 'stopped'")
run --db "$as_officer" obligation void "$stop" --reason "wrong convention" --by "Marc Petit" --on 2027-01-05
expect_rc "officer voids the stop" 0
for table in obligation_events obligation_event_voids; do
  psql "$as_officer" -qXAt -c "UPDATE $table SET recorded_on = '2027-01-06'" >officer.out 2>&1
  expect_eq "officer cannot update $table" "$?" 1
  expect_contains "$table update refused by PostgreSQL" "$(cat officer.out)" "permission denied for table $table"
done

# The auditor reads, verifies and exports.
run --db "$as_auditor" ledger verify
expect_rc "auditor verifies the ledger" 0
expect_contains "auditor verifies the ledger" "$OUT" "ledger OK"
run --db "$as_auditor" ledger export --from 2024-01-01 --to 2024-12-31 --format fec --out 2024.fec
expect_rc "auditor exports the ledger" 0
run --db "$as_auditor" --format csv batch list
expect_rc "auditor lists batches" 0
run --db "$as_auditor" --format csv compliance check --as-of 2026-12-31
expect_contains "auditor checks compliance" "$OUT" "1,active,B-0001,loir-et-cher/intern-bursary,running,2026-11-02,"
run --db "$as_auditor" recovery list
expect_rc "auditor lists recovery orders" 0
# Every write the auditor attempts is refused before anything is written,
# by a message that says who may do what. Before, PostgreSQL's own
# "permission denied for table beneficiaries" (or batches, or
# obligation_events: whichever the command wrote first) was all it said.
refused="database user $alice may not write to this database (no INSERT on table ledger): an auditor reads, verifies and exports; writing needs the officers' role (grants db roles); nothing written"
count_before=$(table_counts)
start=$(sql "SELECT id FROM obligation_events WHERE kind = 'start'")
while IFS='|' read -r name what args; do
  eval "set -- $args"
  run --db "$as_auditor" "$@"
  expect_rc "auditor cannot $name" 6
  expect_err "auditor cannot $name: says who may" "grants: error: $what: $refused"
done <<'COMMANDS'
add a beneficiary|adding 1 beneficiaries|beneficiary add --ref B-0900 --name Dupont --first-name Jean --profession nurse --commune 41018
set an IBAN|beginning a write transaction|beneficiary set-iban B-0001 "FR76 3000 6758 0527 0744 0592 765"
run a batch|beginning a write transaction|batch run --month 2024-12 --by Alice --on 2024-12-02
export a batch|beginning a write transaction|batch export 1 --sepa auditor.xml --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
cancel a batch|beginning a write transaction|batch cancel 1 --by Alice
suspend a convention|beginning a write transaction|agreement suspend 2 --from 2025-02-01 --reason audit
grant the tables|beginning a write transaction|db roles --officer $officer --auditor $auditor
record evidence|beginning a write transaction|obligation evidence 1 --kind yearly-certificate --on 2027-10-20
void an event|beginning a write transaction|obligation void $start --reason audit --by Alice --on 2027-12-31
COMMANDS
expect_no_file "the auditor's refused export writes no file" auditor.xml
expect_eq "the auditor changed nothing" "$(table_counts)" "$count_before"

psql "$as_auditor" -qXAt -c "INSERT INTO ledger SELECT seq + 1000, entry_date, kind, debit, credit, amount_cents, beneficiary_ref, agreement_id, batch_id, payment_id, scheme_id, rule_sha256, label, prev_hash, hash FROM ledger WHERE seq = 1" >auditor.out 2>&1
expect_eq "auditor cannot insert into the ledger" "$?" 1
expect_contains "auditor insert refused by PostgreSQL" "$(cat auditor.out)" "permission denied for table ledger"
expect_eq "nor by SQL" "$(table_counts)" "$count_before"

finish
