# Regression: a writer that waited past the lock wait for another grants
# command (a colleague's batch run) was told the database's own words,
# "database is locked" (SQLite) or "canceling statement due to lock
# timeout" (PostgreSQL), which do not say that another command holds the
# database. GRANTS_LOCK_WAIT shortens the two minutes' wait for the test.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
load_examples

# hold_lock SECONDS: another session takes the database's write lock as a
# grants writer does (SQLite's BEGIN IMMEDIATE; PostgreSQL's advisory lock
# of grants) and keeps it SECONDS; returns once it holds it.
hold_lock() {
  if [ "$BACKEND" = postgresql ]; then
    psql "$DB_URL" -qX -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT pg_advisory_xact_lock($((0x6772616e7473)))" \
      -c "SELECT pg_sleep($1)" -c "COMMIT" >/dev/null 2>"$WORK/holder.err" &
  else
    { echo "BEGIN IMMEDIATE;"; sleep "$1"; echo "COMMIT;"; } | sqlite3 "$DB" 2>"$WORK/holder.err" &
  fi
  HOLDER=$!
  local tries
  for tries in $(seq 1 100); do
    if [ "$BACKEND" = postgresql ]; then
      [ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && return
    else
      sqlite3 -cmd ".timeout 0" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null || return
    fi
    sleep 0.1
  done
  fail "the other session never took the lock" "$(cat "$WORK/holder.err")"
}

hold_lock 5
counts=$(table_counts)
GRANTS_LOCK_WAIT=1 run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_rc "the second writer gives up" 6
expect_out "the second writer: nothing on stdout" ""
expect_err "the second writer says another command holds the database" \
  "grants: error: another grants command is writing to this database (waited 1 s); try again when it has finished"
expect_eq "the second writer wrote nothing" "$(table_counts)" "$counts"
GRANTS_LOCK_WAIT=1 run beneficiary set-iban B-0001 "FR76 3000 6000 0112 3456 7890 189"
expect_rc "another command waits as long" 6
expect_err "another command: the same message" \
  "grants: error: another grants command is writing to this database (waited 1 s); try again when it has finished"
wait "$HOLDER"
expect_eq "the other session kept the lock to its end" "$?" 0

# Once the other has finished, the same command runs.
run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_rc "after the other has finished" 0
expect_eq "the batch was written" "$(sql "SELECT count(*) FROM batches")" 1

# A wait that is not whole seconds is refused before anything is opened.
for bad in abc 0 -5 1.5 86401 " 2"; do
  GRANTS_LOCK_WAIT=$bad run batch list
  expect_rc "GRANTS_LOCK_WAIT=$bad" 3
  expect_err "GRANTS_LOCK_WAIT=$bad: named" \
    "grants: error: environment variable GRANTS_LOCK_WAIT: \"$bad\": expected whole seconds from 1 to 86400"
done

finish
