# Shared by bench/batch and bench/exports: install, build the Release tools,
# the cache of generated databases, and timing. Sourced, not run.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
grants_install_missing
BUILD="$GRANTS_ROOT/build/bench"
grants_build "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null

# Generated databases are kept here, keyed by what produced them.
DIR=${GRANTS_BENCH_DIR:-/var/tmp/grants-bench}
mkdir -p "$DIR"

# The path of a database of N synthetic conventions (bench/synth.cpp: the
# long-internship allowance, first instalment due in January 2025, one
# beneficiary in a hundred without IBAN), generated on first use and reused
# while the schema, rules and generator that made it are unchanged.
synth_db() {
  local n=$1 key db
  key=$(cat "$GRANTS_ROOT"/schemas/sqlite/*.sql "$GRANTS_ROOT"/rules/loir-et-cher.toml \
          "$GRANTS_ROOT"/bench/synth.cpp | sha256sum | cut -c1-12)
  db="$DIR/synth-$n-$key.db"
  if [ ! -f "$db" ]; then
    rm -f "$DIR"/synth-"$n"-*.db*
    "$BUILD/grants_synth" "$n" "sqlite:$db.tmp" "$GRANTS_ROOT/rules" 2025-01 >&2
    sqlite3 "$db.tmp" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    mv "$db.tmp" "$db"
  fi
  echo "$db"
}

# measure CMD...: wall seconds into WALL and peak RSS (KiB) into PEAK_KIB;
# the command's output in $DIR/last.out, its errors shown when it fails.
measure() {
  /usr/bin/time -o "$DIR/last.time" -f '%e %M' "$@" >"$DIR/last.out" 2>"$DIR/last.err" ||
    { cat "$DIR/last.err" >&2; return 1; }
  read -r WALL PEAK_KIB <"$DIR/last.time"
}

# ratio A B: A / B to two decimals; mib KIB: KiB as MiB to one decimal.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
