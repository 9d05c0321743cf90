# Two administrators copy the same database into the same new one at the
# same moment: one copies, the other is refused as for any target that
# holds rows, and the copy is whole. The target's emptiness is checked
# under its write lock; before, both found it empty, and the second failed
# on "duplicate key value violates unique constraint" once the first had
# committed. Repeated trials, each into a new database of this run's
# backend.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
TRIALS=${GRANTS_TEST_TRIALS:-4}

load_examples
copy() { timeout 300 "$GRANTS" db copy --from "$DB_URL" --to "$TARGET"; }
first_with_rows=$(for t in $(printf '%s\n' "${TABLES[@]}" | grep -v '^schema_migrations$' | LC_ALL=C sort); do
  [ "$(sql "SELECT count(*) FROM $t")" -gt 0 ] && { echo "$t"; break; }
done)
verified=$("$GRANTS" ledger verify)

for trial in $(seq 1 "$TRIALS"); do
  if [ "$BACKEND" = postgresql ]; then pg_database TARGET; else TARGET="sqlite:$WORK/trial-$trial.db"; fi
  together copy
  if [ "$RC_A $RC_B" = "0 5" ]; then loser=B; elif [ "$RC_A $RC_B" = "5 0" ]; then loser=A; else
    fail "trial $trial: exit codes $RC_A and $RC_B, expected 0 and 5" "$(cat err.A err.B)"
    continue
  fi
  pass
  expect_eq "trial $trial: the second refused" "$(cat "err.$loser")" \
    "grants: error: the target database already holds rows (table $first_with_rows): copy into an empty database, nothing copied"
  expect_eq "trial $trial: the second printed nothing" "$(cat "out.$loser")" ""
  expect_eq "trial $trial: the copy verifies as the original" "$("$GRANTS" --db "$TARGET" ledger verify)" "$verified"
done

finish
