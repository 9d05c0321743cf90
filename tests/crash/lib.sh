# What the SIGKILL crash tests share (sigkill.sh, commands.sh). Sourced,
# not run: checks the binaries and tools, makes the scratch folder $WORK
# (removed on exit), counts failures in $FAILED.
: "${GRANTS:?set GRANTS to the grants binary}" "${GRANTS_SYNTH:?set GRANTS_SYNTH to the grants_synth binary}"
: "${GRANTS_SOURCE_DIR:?set GRANTS_SOURCE_DIR}"

command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed (Debian package sqlite3)" >&2; exit 1; }
# In memory when possible: a SIGKILL leaves the written pages to the kernel
# whatever the file system (only a power cut needs the disk), and the trials
# copy and re-read tens of megabytes.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d -p /dev/shm); else WORK=$(mktemp -d); fi
trap 'rm -rf "$WORK"' EXIT
FAILED=0

fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $*" >&2
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# sleep_ms MS
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# fresh_db FROM TO: TO a copy of the SQLite database FROM, without WAL.
fresh_db() {
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
}

# checkpoint DB: the WAL folded into DB and removed, so that DB alone is the
# database (to copy it).
checkpoint() {
  sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  rm -f "$1-wal" "$1-shm"
}

# check_integrity WHAT DB: a failure, named WHAT, unless DB's PRAGMA
# integrity_check is ok.
check_integrity() {
  local integrity
  integrity=$(sqlite3 "$2" "PRAGMA integrity_check")
  [ "$integrity" == ok ] || fail "$1: integrity_check: $integrity"
}
