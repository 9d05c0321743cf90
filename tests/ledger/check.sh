#!/usr/bin/env bash
# Checks a sample ledger export with an outside tool.
# Usage: check.sh WRITE_SAMPLE WORKDIR CHECK
#   hledger_check       the hledger export passes `hledger check --strict`
#   hledger_undeclared  a journal missing an account directive FAILS it,
#                       naming the account (proves the check is real)
#   fec_columns         every line of the FEC export has 18 tab-separated fields
# A missing hledger is a failure, never a skip: scripts/test installs it.
set -euo pipefail
# hledger reads the journal's UTF-8 only under a UTF-8 locale, which a bare
# Debian does not set.
export LC_ALL=C.UTF-8
write_sample=$1 workdir=$2 check=$3
mkdir -p "$workdir"

need_hledger() {
  command -v hledger >/dev/null || { echo "FAIL: hledger is not installed" >&2; exit 1; }
}

case $check in
  hledger_check)
    need_hledger
    "$write_sample" hledger "$workdir/ledger.journal"
    hledger check --strict -f "$workdir/ledger.journal"
    # The journal must also balance to zero and hold every entry.
    hledger print -f "$workdir/ledger.journal" | grep -c '^20' | grep -qx 5
    ;;
  hledger_undeclared)
    need_hledger
    "$write_sample" hledger-undeclared "$workdir/undeclared.journal"
    if hledger check --strict -f "$workdir/undeclared.journal" 2>"$workdir/undeclared.err"; then
      echo "FAIL: hledger check --strict accepted an undeclared account" >&2
      exit 1
    fi
    cat "$workdir/undeclared.err"
    grep -q '4041' "$workdir/undeclared.err" ||
      { echo "FAIL: hledger failed for another reason than account 4041" >&2; exit 1; }
    ;;
  fec_columns)
    "$write_sample" fec "$workdir/ledger.fec"
    awk -F'\t' 'NF != 18 { printf "line %d has %d fields\n", NR, NF; bad = 1 }
                END { if (NR != 11) { printf "%d lines, expected 11\n", NR; bad = 1 }
                      exit bad }' "$workdir/ledger.fec"
    ;;
  *)
    echo "unknown check $check" >&2
    exit 2
    ;;
esac
