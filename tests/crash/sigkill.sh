#!/usr/bin/env bash
# The batch, its payments and its ledger entries are one transaction: a
# `grants batch run` killed with SIGKILL at any moment leaves either the
# whole batch or nothing, and a re-run then gives exactly the batch a clean
# run gives.
#
# One database of N synthetic conventions (grants_synth) is generated once;
# each trial copies it, starts `grants batch run --month 2025-01` and kills
# it after a random delay. The delays are spread over 1.2 times the time a
# clean run takes, one in each slice of that span, so that kills land
# before, during and after the transaction (when no run got to its commit,
# a machine slower than at the clean run, more trials follow with longer
# delays). Each trial then checks:
#   - PRAGMA integrity_check is ok;
#   - either no batch, no payment, no hold and no ledger entry, or exactly
#     one draft batch whose payments, holds and payment orders are those of
#     a clean run (whose count and total are those of the schedules);
#   - `grants ledger verify` passes;
#   - a re-run creates the batch if there was none (or refuses a second
#     one), after which the database is exactly that of a clean run: one
#     batch, its totals, no instalment paid twice, the same ledger hash.
#
# Usage: sigkill.sh [TRIALS] [N]   (default 20 trials of 20000 conventions)
# Environment: GRANTS and GRANTS_SYNTH (the binaries), GRANTS_SOURCE_DIR;
# CRASH_SEED to replay the delays of an earlier run (it is printed).
# Exit: 0 when every trial passes, 1 otherwise.
set -uo pipefail
TRIALS=${1:-20}
N=${2:-20000}
MONTH=2025-01
SEED=${CRASH_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The command under test, after --db. Each trial starts it in the background
# itself (not through a function, which would run in a subshell): $! is then
# the pid of grants.
RUN=(--rules "$GRANTS_SOURCE_DIR/rules" batch run --month "$MONTH" --by bench --on 2025-01-02)
batch_run() { "$GRANTS" --db "sqlite:$1" "${RUN[@]}" >/dev/null 2>"$WORK/stderr"; }

# state DB: batches, payments and their sum, holds, ledger entries, payment
# orders and their sum, the batch (month/state/count/total), instalments
# paid twice; on one line.
state() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM batches) || ' ' || (SELECT count(*) FROM payments) || ' ' ||
    (SELECT coalesce(sum(amount_cents), 0) FROM payments) || ' ' || (SELECT count(*) FROM batch_holds) || ' ' ||
    (SELECT count(*) FROM ledger) || ' ' || (SELECT count(*) FROM ledger WHERE kind = 'payment') || ' ' ||
    (SELECT coalesce(sum(amount_cents), 0) FROM ledger WHERE kind = 'payment') || ' ' ||
    coalesce((SELECT group_concat(month || '/' || state || '/' || payment_count || '/' || total_cents) FROM batches), '-') || ' ' ||
    (SELECT count(*) FROM (SELECT 1 FROM payments WHERE state IN ('pending', 'paid')
                           GROUP BY agreement_id, instalment HAVING count(*) > 1) t)"
}

# --- one database for every trial
"$GRANTS_SYNTH" "$N" "sqlite:$WORK/base.db" "$GRANTS_SOURCE_DIR/rules" "$MONTH" >"$WORK/synth.out" 2>&1 ||
  { cat "$WORK/synth.out" >&2; echo "FAIL: grants_synth" >&2; exit 1; }
checkpoint "$WORK/base.db"

# What the schedules say the batch pays (due by the end of the month, the
# beneficiary has an IBAN) and holds (no IBAN).
read -r PAY_COUNT PAY_TOTAL HOLD_COUNT < <(sqlite3 -separator ' ' "$WORK/base.db" \
  "SELECT sum(b.iban <> ''), sum(CASE WHEN b.iban <> '' THEN i.amount_cents ELSE 0 END), sum(b.iban = '')
   FROM instalments i JOIN agreements g ON g.id = i.agreement_id JOIN beneficiaries b ON b.id = g.beneficiary_id
   WHERE i.due_on <= '$MONTH-31'")
NONE="0 0 0 0 0 0 0 - 0"
COMPLETE="1 $PAY_COUNT $PAY_TOTAL $HOLD_COUNT $PAY_COUNT $PAY_COUNT $PAY_TOTAL $MONTH/draft/$PAY_COUNT/$PAY_TOTAL 0"

# --- a clean run: its time sets the span of the delays, its ledger the
# hash every re-run must reach
cp "$WORK/base.db" "$WORK/clean.db"
start=$(now_ms)
batch_run "$WORK/clean.db" || { cat "$WORK/stderr" >&2; echo "FAIL: the clean run" >&2; exit 1; }
RUN_MS=$(( $(now_ms) - start ))
clean_state=$(state "$WORK/clean.db")
[ "$clean_state" == "$COMPLETE" ] || fail "clean run: state '$clean_state', expected '$COMPLETE' from the schedules"
CLEAN_VERIFY=$("$GRANTS" --db "sqlite:$WORK/clean.db" ledger verify)
SPAN_MS=$(( RUN_MS * 12 / 10 ))
echo "$N conventions: the batch pays $PAY_COUNT instalments ($PAY_TOTAL cents) and holds $HOLD_COUNT;" \
     "a clean run takes $RUN_MS ms; $TRIALS trials, kills within ${SPAN_MS} ms, seed $SEED"

before=0 during=0 after=0 finished=0
# run_trial T DELAY_MS: trial T, killed after DELAY_MS, and its checks.
run_trial() {
  local t=$1 delay=$2
  local db="$WORK/trial.db" pid rc wal s what verify rerun expected_rc
  fresh_db "$WORK/base.db" "$db"

  "$GRANTS" --db "sqlite:$db" "${RUN[@]}" >/dev/null 2>"$WORK/stderr" &
  pid=$!
  sleep_ms "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rc=$?
  wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)

  check_integrity "trial $t" "$db"
  s=$(state "$db")
  if [ "$rc" -eq 0 ]; then
    what="finished before the kill"
    finished=$((finished + 1))
    [ "$s" == "$COMPLETE" ] || fail "trial $t: finished, state '$s', expected '$COMPLETE'"
  elif [ "$rc" -ne 137 ]; then
    what="exited with $rc"
    fail "trial $t: grants exited with $rc before the kill: $(cat "$WORK/stderr")"
  elif [ "$s" == "$NONE" ]; then
    if [ "$wal" -gt 0 ]; then
      what="killed during the transaction ($wal bytes in the WAL), nothing left"
      during=$((during + 1))
    else
      what="killed before writing, nothing left"
      before=$((before + 1))
    fi
  elif [ "$s" == "$COMPLETE" ]; then
    what="killed after the commit, the whole batch left"
    after=$((after + 1))
  else
    what="killed, PARTIAL state"
    fail "trial $t: after the kill: '$s'; expected '$NONE' or '$COMPLETE'"
  fi

  verify=$("$GRANTS" --db "sqlite:$db" ledger verify 2>&1) || fail "trial $t: ledger verify after the kill: $verify"

  # The re-run: creates the batch if there was none, refuses a second one.
  batch_run "$db"
  rerun=$?
  if [ "$s" == "$NONE" ]; then expected_rc=0; else expected_rc=5; fi
  [ "$rerun" -eq "$expected_rc" ] || fail "trial $t: re-run exited with $rerun, expected $expected_rc: $(cat "$WORK/stderr")"
  s=$(state "$db")
  [ "$s" == "$COMPLETE" ] || fail "trial $t: after the re-run: '$s', expected '$COMPLETE'"
  verify=$("$GRANTS" --db "sqlite:$db" ledger verify 2>&1)
  [ "$verify" == "$CLEAN_VERIFY" ] || fail "trial $t: after the re-run: '$verify', expected the clean run's '$CLEAN_VERIFY'"

  echo "trial $t: kill after ${delay} ms: $what; re-run exit $rerun"
}

for ((t = 1; t <= TRIALS; t++)); do
  # One delay in each of TRIALS equal slices of the span, at random within it.
  run_trial "$t" $(( ((t - 1) * 1000 + RANDOM % 1000) * SPAN_MS / (TRIALS * 1000) ))
done
# A loaded machine (ctest runs other tests beside this one) can make every
# run slower than the clean one was: then more trials, each with twice the
# delay of the one before, until a run gets to its commit (at most 6).
for ((k = 1; TRIALS >= 10 && after + finished == 0 && k <= 6; k++)); do
  run_trial $((TRIALS + k)) $(( SPAN_MS << k ))
done

echo "$before killed before writing, $during during the transaction, $after after the commit, $finished finished first"
# Both outcomes must have been seen, or the trials proved little.
if [ "$TRIALS" -ge 10 ]; then
  [ $((before + during)) -gt 0 ] || fail "no kill landed before the commit"
  [ $((after + finished)) -gt 0 ] || fail "no run got to its commit"
fi
echo "$TRIALS trials, $FAILED failures (seed $SEED)"
[ "$FAILED" -eq 0 ]
