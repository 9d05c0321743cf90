#!/usr/bin/env bash
# Every command that moves money or writes the ledger, `batch run` apart
# (sigkill.sh), killed with SIGKILL at any moment, leaves either its whole
# change or nothing, and running it again then gives what a clean run gives:
# batch export, settle, return (of a pending and of a paid payment) and
# cancel; clawback issue; recovery receive and cancel; agreement terminate;
# ledger export --out (a FEC and its FILE.chain, over an earlier pair).
#
# These commands take milliseconds, too short to aim a timer at, so each
# trial kills at a write: strace runs the command and sends it SIGKILL on
# entering its k-th call of one of the syscalls that change a file
# (pwrite64, write, fsync, rename, unlink, ...; that call is not made). A
# clean run, traced, lists those calls in order; the trials of a command
# take its first and its last, every rename (an output file taking its
# name), and the others one at random in each equal slice of the list
# between (all of them when TRIALS is at least their number), so that kills
# land before the transaction, while SQLite writes its WAL frames (the
# commit frame last), and between the commit and the output files taking
# their names. Each trial then checks:
#   - PRAGMA integrity_check is ok;
#   - the database, dumped whole (`sqlite3 .dump`), is either the one before
#     the command or the one a clean run leaves: no batch exported without
#     its MsgId, no payment paid without its ledger entry, no receipt
#     without its entry, nothing half done;
#   - `grants ledger verify` passes;
#   - each output file at its final name is the one before the command or
#     the clean run's, never half written, and never some files of one with
#     some of the other (a FEC beside the chain of another export); a
#     FILE.tmp may be left over;
#   - the command run again (when the database is the one before it, or
#     when the command may be repeated: exports; a receipt is not run twice)
#     exits as a clean run or a repeated one does, after which the database,
#     the ledger's last hash and the output files are exactly the clean
#     run's, with no FILE.tmp left.
#
# Usage: commands.sh [TRIALS] [N]   (default 5 trials of each command, the
# batch commands on a batch of N = 500 synthetic conventions; the others
# on the examples' database)
# Environment: GRANTS and GRANTS_SYNTH (the binaries), GRANTS_SOURCE_DIR;
# CRASH_SEED to replay the kill points of an earlier run (it is printed).
# Exit: 0 when every trial passes, 1 otherwise.
set -uo pipefail
TRIALS=${1:-5}
N=${2:-500}
SEED=${CRASH_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v strace >/dev/null || { echo "FAIL: strace is not installed (Debian package strace)" >&2; exit 1; }

# Every date is explicit: the clock is set after the examples' story ends.
export GRANTS_TODAY=2030-06-30 GRANTS_RULES="$GRANTS_SOURCE_DIR/rules"
unset GRANTS_DB
# The syscalls that change a file; a kill point is the k-th call of one.
WRITES=pwrite64,pwritev,pwritev2,write,writev,fsync,fdatasync,ftruncate,rename,renameat,renameat2,unlink,unlinkat
OUT="$WORK/out"  # the output files, at the same names in every run

# --- the databases before the commands
echo "setting up: $N synthetic conventions and their batch; the examples"
setup() { "$@" 2>"$WORK/setup.err" >/dev/null || { cat "$WORK/setup.err" >&2; echo "FAIL: setup: $*" >&2; exit 1; }; }
B="$WORK/batch"
setup "$GRANTS_SYNTH" "$N" "sqlite:$B-draft.db" "$GRANTS_RULES" 2025-01
setup "$GRANTS" --db "sqlite:$B-draft.db" batch run --month 2025-01 --by bench --on 2025-01-02
checkpoint "$B-draft.db"
# approved, exported, settled: each a copy of the step before, one step on
fresh_db "$B-draft.db" "$B-approved.db"
setup "$GRANTS" --db "sqlite:$B-approved.db" batch approve 1 --by "Claire Martin" --on 2025-01-03
checkpoint "$B-approved.db"
fresh_db "$B-approved.db" "$B-exported.db"
EXPORT=(batch export 1 --created-at 2025-01-03T10:00:00 --execution-date 2025-01-06)
setup "$GRANTS" --db "sqlite:$B-exported.db" "${EXPORT[@]}" --sepa "$WORK/setup.xml"
checkpoint "$B-exported.db"
fresh_db "$B-exported.db" "$B-settled.db"
setup "$GRANTS" --db "sqlite:$B-settled.db" batch settle 1 --on 2025-01-06
checkpoint "$B-settled.db"
# The examples' story: conventions, a settled batch, obligations, a
# recovery order TR-2028-00001 partly received; in the middle, a FEC of the
# ledger as it was then, and its chain, at the name the ledger export
# writes (an earlier export that the trials' replaces).
E="$WORK/examples.db"
LEDGER_EXPORT=(ledger export --from 2024-01-01 --to 2030-12-31 --format fec)
mkdir -p "$WORK/pre-fec"
(
  export GRANTS_DB="sqlite:$E" GRANTS="$GRANTS"
  cd "$GRANTS_SOURCE_DIR" || exit 1
  setup "$GRANTS" init
  setup "$GRANTS" beneficiary import examples/beneficiaries.csv
  setup bash examples/applications.sh
  setup "$GRANTS" "${LEDGER_EXPORT[@]}" --out "$WORK/pre-fec/ledger.fec"
  setup bash examples/obligations.sh
) || exit 1
checkpoint "$E"

# --- one command's trials

# dump DB: the whole database as SQL, to compare (in $WORK/dump).
dump() { sqlite3 "$1" .dump >"$WORK/dump"; sha256sum <"$WORK/dump" | cut -d' ' -f1; }

# outputs: "NAME SHA" for each file of $OUT, .tmp files apart; "-" for none.
outputs() {
  local f found=
  for f in "$OUT"/*; do
    [ -f "$f" ] || continue
    case $f in *.tmp) continue ;; esac
    found=1
    echo "$(basename "$f") $(sha256sum <"$f" | cut -d' ' -f1)"
  done
  [ -n "$found" ] || echo -
}

# outputs_ok WHAT PRE CLEAN: a failure unless every output file is the one
# before the command (listed in PRE) or the clean run's (CLEAN), all from
# the same one (a file both are alike in goes with either).
outputs_ok() {
  local what=$1 pre=$2 clean=$3 name sha in_pre in_clean from=() bad=
  while read -r name sha; do
    [ "$name" == - ] && continue
    in_pre=0 in_clean=0
    grep -qx "$name $sha" <<<"$pre" && in_pre=1
    grep -qx "$name $sha" <<<"$clean" && in_clean=1
    case $in_pre$in_clean in
      10) from+=(before) ;;
      01) from+=(clean) ;;
      00) bad+=" $name" ;;
    esac
  done < <(outputs)
  [ -z "$bad" ] || fail "$what: output file half written or unknown:$bad"
  if [[ " ${from[*]} " == *" clean "* && " ${from[*]} " == *" before "* ]]; then
    fail "$what: output files of two runs side by side: $(outputs | tr '\n' ';')"
  fi
}

# reset_out PRE_DIR: $OUT holds the files of PRE_DIR (none when empty).
reset_out() {
  rm -rf "$OUT"
  mkdir -p "$OUT"
  [ -z "$1" ] || cp "$1"/* "$OUT"/
}

# crash NAME BASE PRE_DIR REPEAT -- ARGS...: the trials of `grants ARGS` on
# a copy of database BASE, with the files of PRE_DIR (may be "") in $OUT.
# REPEAT is the exit code of the command run again after it committed (5:
# refused, 0: same result), or "no" when it must not be run twice.
crash() {
  local name=$1 base=$2 pre_dir=$3 repeat=$4
  shift 5
  local db="$WORK/trial.db" before clean_dump pre clean_out clean_verify points count start ms began
  began=$(now_ms)
  local t i k sys n rc what s rerun expected
  before=$(dump "$base")
  reset_out "$pre_dir"
  pre=$(outputs)

  # The clean run, traced: its kill points, its result.
  fresh_db "$base" "$db"
  : >"$WORK/stderr"
  start=$(now_ms)
  strace -f -qq -o "$WORK/trace" -e signal=none -e trace="$WRITES" \
    "$GRANTS" --db "sqlite:$db" "$@" >/dev/null 2>>"$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; fail "$name: the clean run"; return; }
  ms=$(( $(now_ms) - start ))
  clean_dump=$(dump "$db")
  cp "$WORK/dump" "$WORK/clean.sql"
  [ "$clean_dump" != "$before" ] || [ "$repeat" == 0 ] || fail "$name: the clean run changed nothing"
  clean_out=$(outputs)
  clean_verify=$("$GRANTS" --db "sqlite:$db" ledger verify 2>&1) || fail "$name: clean run: $clean_verify"
  # "pwrite64:3" for the third pwrite64 call, in the order of the calls.
  mapfile -t points < <(sed -nE 's/^([0-9]+ +)?([a-z0-9_]+)\(.*/\2/p' "$WORK/trace" | awk '{ print $1 ":" ++n[$1] }')
  count=${#points[@]}
  [ "$count" -gt 0 ] || { fail "$name: the clean run made no write"; return; }

  # Which of them: the first, the last, every rename (where an output file
  # takes its name), and one at random in each slice between.
  local trials=$TRIALS chosen=()
  [ "$trials" -le "$count" ] || trials=$count
  for ((t = 0; t < trials; t++)); do
    if [ "$t" -eq 0 ]; then chosen+=(0)
    elif [ "$t" -eq $((trials - 1)) ]; then chosen+=($((count - 1)))
    elif [ "$trials" -eq "$count" ]; then chosen+=("$t")
    else chosen+=($(( (t * count + RANDOM % count) / trials ))); fi
  done
  for ((i = 0; i < count; i++)); do
    [[ ${points[i]} == rename* ]] && chosen+=("$i")
  done
  mapfile -t chosen < <(printf '%s\n' "${chosen[@]}" | sort -n -u)
  local nothing=0 whole=0
  for i in "${chosen[@]}"; do
    sys=${points[i]%%:*} k=${points[i]#*:}
    what="$name, killed at $sys #$k (write $((i + 1)) of $count)"

    fresh_db "$base" "$db"
    reset_out "$pre_dir"
    : >"$WORK/stderr"
    # In a subshell, which keeps the shell's "Killed" message to itself.
    (strace -f -qq -o /dev/null -e signal=none -e trace="$sys" -e inject="$sys:signal=KILL:when=$k" \
      "$GRANTS" --db "sqlite:$db" "$@" >/dev/null 2>>"$WORK/stderr"; exit $?) 2>/dev/null
    rc=$?
    [ "$rc" -eq 137 ] || fail "$what: exit $rc, not killed: $(cat "$WORK/stderr")"

    check_integrity "$what" "$db"
    s=$(dump "$db")
    if [ "$s" == "$before" ]; then
      n=nothing nothing=$((nothing + 1))
    elif [ "$s" == "$clean_dump" ]; then
      n=whole whole=$((whole + 1))
    else
      n=PARTIAL
      fail "$what: the database is neither the one before nor the clean run's:" \
        "$(diff "$WORK/clean.sql" "$WORK/dump" | head -5)"
    fi
    local verify
    verify=$("$GRANTS" --db "sqlite:$db" ledger verify 2>&1) || fail "$what: ledger verify: $verify"
    outputs_ok "$what" "$pre" "$clean_out"

    # Again, unless it committed and must not be repeated.
    rerun=-
    if [ "$n" == nothing ] || [ "$repeat" != no ]; then
      if [ "$n" == nothing ]; then expected=0; else expected=$repeat; fi
      : >"$WORK/stderr"
      "$GRANTS" --db "sqlite:$db" "$@" >/dev/null 2>>"$WORK/stderr"
      rerun=$?
      [ "$rerun" -eq "$expected" ] || fail "$what: run again: exit $rerun, expected $expected: $(cat "$WORK/stderr")"
      [ "$(dump "$db")" == "$clean_dump" ] || fail "$what: run again: the database is not the clean run's"
      verify=$("$GRANTS" --db "sqlite:$db" ledger verify 2>&1)
      [ "$verify" == "$clean_verify" ] || fail "$what: run again: '$verify', expected '$clean_verify'"
      [ "$(outputs)" == "$clean_out" ] || fail "$what: run again: output files $(outputs | tr '\n' ';')"
      ! compgen -G "$OUT/*.tmp" >/dev/null || fail "$what: run again: left $(cd "$OUT" && echo *.tmp)"
    fi
    [ -z "${CRASH_VERBOSE:-}" ] || echo "  $what: $n left; run again: exit $rerun"
  done
  echo "$name: clean run $ms ms (traced), $count writes; ${#chosen[@]} trials: $nothing left nothing," \
    "$whole the whole change ($(( $(now_ms) - began )) ms)"
}

start=$(now_ms)
crash "batch export" "$B-approved.db" "" 0 -- "${EXPORT[@]}" --sepa "$OUT/batch.xml"
crash "batch settle" "$B-exported.db" "" 5 -- batch settle 1 --on 2025-01-06
crash "batch return (pending)" "$B-exported.db" "" 5 -- batch return 1 --payment 7 --reason AC04 --on 2025-01-06
crash "batch return (paid)" "$B-settled.db" "" 5 -- batch return 1 --payment 7 --reason AC04 --on 2025-01-08
crash "batch cancel" "$B-approved.db" "" 5 -- batch cancel 1 --by "Marc Petit" --on 2025-01-04
crash "clawback issue" "$E" "" 5 -- clawback issue 6 --breach-date 2026-07-04 --notice 2028-08-01 \
  --answer-by 2028-09-01 --decision 2028-09-15 --instalments 2 --by "Claire Martin"
crash "recovery receive" "$E" "" no -- recovery receive TR-2028-00001 --amount 2666.66 --on 2028-08-16 \
  --ref "VIR LEFEVRE 2028-08"
crash "recovery cancel" "$E" "" 5 -- recovery cancel TR-2028-00001 --on 2029-01-10 --reason "admission en non-valeur"
crash "agreement terminate" "$E" "" 5 -- agreement terminate 10 --on 2026-11-30 --reason abandon
crash "ledger export" "$E" "$WORK/pre-fec" 0 -- "${LEDGER_EXPORT[@]}" --out "$OUT/ledger.fec"

echo "$(( ($(now_ms) - start) / 1000 )) s of trials, $FAILED failures (seed $SEED)"
[ "$FAILED" -eq 0 ]
