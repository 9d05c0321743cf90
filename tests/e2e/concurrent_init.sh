# Two administrators run `grants init` on the same new database at the same
# moment: each migration is applied once, by one of them, and both end with
# the database at the latest migration; neither fails because the other
# created the tables first. Repeated trials, each on a new database.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-4}

init_db() { timeout 300 "$GRANTS" init; }
LAST=$(ls "$GRANTS_SOURCE_DIR/schemas/$BACKEND" | sort | tail -n 1)

for trial in $(seq 1 "$TRIALS"); do
  if [ "$BACKEND" = postgresql ]; then
    pg_database DB_URL
    export GRANTS_DB="$DB_URL"
  else
    use_db "$WORK/trial-$trial.db"
  fi
  together init_db
  if [ "$RC_A $RC_B" = "0 0" ]; then pass; else fail "trial $trial: exit codes $RC_A and $RC_B, expected 0 and 0" "$(cat err.A err.B)"; fi
  expect_eq "trial $trial: each migration applied once, by one of them" \
    "$(cat out.A out.B | grep '^applied ' | sort | tr '\n' ' ')" \
    "$(ls "$GRANTS_SOURCE_DIR/schemas/$BACKEND" | sed 's/^/applied /' | tr '\n' ' ')"
  expect_eq "trial $trial: recorded once each" \
    "$(sql "SELECT count(*) || ' ' || count(DISTINCT name) || ' ' || max(name) FROM schema_migrations")" \
    "$(ls "$GRANTS_SOURCE_DIR/schemas/$BACKEND" | wc -l) $(ls "$GRANTS_SOURCE_DIR/schemas/$BACKEND" | wc -l) $LAST"
done

finish
