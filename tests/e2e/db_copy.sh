# grants db copy moves a whole database between backends, either way: the
# copy holds the same rows, and its ledger verifies with the same hashes.
# Both runs need both backends: SQLite → PostgreSQL → SQLite, and
# PostgreSQL → SQLite → PostgreSQL.
source "$(dirname "$0")/lib.bash"
need_postgresql  # both backends, on either run
cd "$WORK"

load_examples
run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
run batch approve 1 --by "Claire Martin" --on 2024-11-03
run batch export 1 --sepa 2024-11.xml --created-at 2024-11-03T10:00:00 --execution-date 2024-11-05
run batch settle 1 --on 2024-11-05
run batch return 1 --payment 2 --reason AC04 --on 2024-11-20
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
expect_rc "a second batch" 0
run batch cancel 2 --by "Marc Petit" --on 2024-12-03
expect_rc "cancelled" 0
# Obligations, recovery orders, receipts and their ledger entries, and a
# voided event.
load_obligation_examples
GRANTS_TODAY=2030-01-15 run obligation stop 4 --on 2030-01-15
expect_rc "a stop recorded by mistake" 0
run obligation void "$(sql "SELECT id FROM obligation_events WHERE agreement_id = 4 AND kind = 'stopped'")" \
  --reason "wrong convention" --by "Claire Martin" --on 2030-02-01
expect_rc "and voided" 0

# What must be the same in every copy: the chain, the whole ledger (IBANs
# shown), conventions, schedules, batches, obligations and recovery orders.
snapshot() {
  local db=$1
  "$GRANTS" --db "$db" ledger verify
  "$GRANTS" --db "$db" ledger export --from 2000-01-01 --to 2100-12-31 --format json --reveal-iban
  "$GRANTS" --db "$db" --format csv beneficiary list
  "$GRANTS" --db "$db" --format csv agreement list
  "$GRANTS" --db "$db" --format csv schedule show 11
  "$GRANTS" --db "$db" --format json batch show 1
  "$GRANTS" --db "$db" --format csv batch payments 2
  "$GRANTS" --db "$db" --format csv compliance check --as-of 2030-06-30
  "$GRANTS" --db "$db" obligation show 4 --as-of 2030-06-30
  "$GRANTS" --db "$db" --format csv recovery list --as-of 2030-06-30
}
snapshot "$DB_URL" >original.txt 2>&1
expect_contains "the original verifies" "$(cat original.txt)" "ledger OK"
ledger_ok=$("$GRANTS" ledger verify)
entries=$(sql "SELECT count(*) FROM ledger")
last_hash=$(sql "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1")

pg_database pg_copy
if [ "$BACKEND" = sqlite ]; then
  copies=("$pg_copy" "sqlite:$WORK/copy.db")
else
  copies=("sqlite:$WORK/copy.db" "$pg_copy")
fi
from=$DB_URL
for to in "${copies[@]}"; do
  run db copy --from "$from" --to "$to"
  expect_rc "copy ${from%%:*} to ${to%%:*}" 0
  expect_contains "copy ${from%%:*} to ${to%%:*} reports its rows" "$OUT" "copied "
  [ "$from" = "$DB_URL" ] && first_copy=$OUT
  snapshot "$to" >copy.txt 2>&1
  if cmp -s original.txt copy.txt; then pass; else fail "copy ${from%%:*} to ${to%%:*} differs" "$(diff original.txt copy.txt | head -20)"; fi
  from=$to
done
# New rows continue after the copied ids. (The next batch is dated on the
# day of the ledger's last entry, a receipt of the examples: the ledger is
# kept in date order.)
last_entry=$(sql "SELECT max(entry_date) FROM ledger")
for to in "${copies[@]}"; do
  run --db "$to" beneficiary add --ref B-0950 --name Dupont --first-name Jean --profession nurse --commune 41018
  expect_rc "the copy in ${to%%:*} takes new rows" 0
  run --db "$to" batch run --month 2026-11 --by "Marc Petit" --on "$last_entry"
  expect_rc "the copy in ${to%%:*} runs the next batch" 0
  run --db "$to" ledger verify
  expect_rc "the copy in ${to%%:*} still verifies" 0
done

# What a copy reports: a line for each table as it is copied, then the
# total; for a script, the same in JSON or CSV. Each table's rows are those
# of the original.
tables=() rows=() total=0
while read -r name count _; do
  [ "$name" = copied ] && continue
  [ "$name" = ledger ] && [ "$count" = of ] && continue
  tables+=("$name") rows+=("$count")
  total=$((total + count))
done <<<"$first_copy"
expect_eq "the copy's lines" "$first_copy" "$(for i in "${!tables[@]}"; do
  printf '%-30s %10s rows\n' "${tables[$i]}" "$(sql "SELECT count(*) FROM ${tables[$i]}")"; done)
copied $total rows in ${#tables[@]} tables
${ledger_ok/ledger OK/ledger of the copy OK}"
copied_json="" copied_csv=()
for i in "${!tables[@]}"; do
  copied_json+="${copied_json:+,
}    {
      \"rows\": ${rows[$i]},
      \"table\": \"${tables[$i]}\"
    }"
  copied_csv+=("${tables[$i]},${rows[$i]}")
done
run --format json db copy --from "$DB_URL" --to "sqlite:$WORK/json.db"
expect_rc "copy, json" 0
expect_out "copy, json" "{
  \"copied\": [
$copied_json
  ],
  \"ledger_entries\": $entries,
  \"ledger_last_hash\": \"$last_hash\",
  \"ledger_ok\": true,
  \"rows\": $total,
  \"tables\": ${#tables[@]}
}"
run --format csv db copy --from "$DB_URL" --to "sqlite:$WORK/csv.db"
expect_rc "copy, csv" 0
expect_out "copy, csv" "$(printf '%s\r\n' field,value "tables,${#tables[@]}" "rows,$total" ledger_ok,true \
  "ledger_entries,$entries" "ledger_last_hash,$last_hash" "" copied table,rows "${copied_csv[@]}")"

# A copy never lands on a database that holds rows.
run db copy --from "$DB_URL" --to "$pg_copy"
expect_rc "copy into a database with rows" 5
expect_contains "copy into a database with rows says why" "$ERR" "already holds rows"

# A source whose ledger was edited is copied as it is, evidence kept, and
# the copy says that its ledger does not verify.
sqlite3 "$WORK/copy.db" "DROP TRIGGER ledger_no_update; UPDATE ledger SET amount_cents = 50001 WHERE seq = 3"
run db copy --from "sqlite:$WORK/copy.db" --to "sqlite:$WORK/tampered.db"
expect_rc "copy of a tampered ledger" 7
expect_err "copy of a tampered ledger" "grants: error: the copy is complete, but its ledger, copied as the source holds it, does not verify: entry 3: hash does not match its content (changed); run grants ledger verify on the source"
expect_eq "copy of a tampered ledger: the amount as it was edited" \
  "$(sqlite3 "$WORK/tampered.db" 'SELECT amount_cents FROM ledger WHERE seq = 3')" 50001

# Nor is a database at an older migration that holds rows migrated before
# it is refused: given as the target by mistake, it is left as it was.
GRANTS_DB="sqlite:$WORK/old.db" "$GRANTS" init >/dev/null
GRANTS_DB="sqlite:$WORK/old.db" "$GRANTS" beneficiary import "$EXAMPLES/beneficiaries.csv" >/dev/null
sqlite3 "$WORK/old.db" "ALTER TABLE instalments DROP COLUMN scheduled_due_on; ALTER TABLE instalments DROP COLUMN scheduled_covers_from;
  ALTER TABLE instalments DROP COLUMN scheduled_covers_to; ALTER TABLE instalments DROP COLUMN months_moved;
  DELETE FROM schema_migrations WHERE name = '007_instalment_scheduled.sql';
  DROP INDEX payments_returned; DELETE FROM schema_migrations WHERE name = '008_payment_returned.sql';
  ALTER TABLE payments DROP COLUMN due_on; DELETE FROM schema_migrations WHERE name = '006_payment_due.sql'"
run db copy --from "$DB_URL" --to "sqlite:$WORK/old.db"
expect_rc "copy into an older database with rows" 5
expect_err "copy into an older database with rows" \
  "grants: error: the target database already holds rows (table beneficiaries): copy into an empty database, nothing copied"
expect_eq "the older database is not migrated" "$(sqlite3 "$WORK/old.db" 'SELECT max(name) FROM schema_migrations')" \
  005_payment_bic.sql
expect_eq "the older database keeps its payments table" \
  "$(sqlite3 "$WORK/old.db" "SELECT count(*) FROM pragma_table_info('payments') WHERE name = 'due_on'")" 0

finish
