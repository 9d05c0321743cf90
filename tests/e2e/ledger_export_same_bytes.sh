# An export is a function of the ledger and the period asked for, never of
# the clock or the backend: an auditor who exports a period again, or from
# the database copied to the other backend, gets the same bytes in every
# format (and can compare files by their SHA-256). Before, the XLSX
# workbook carried the time it was written (docProps/core.xml): two exports
# a second apart differed.
source "$(dirname "$0")/lib.bash"
need_postgresql  # both backends, on either run
need cmp diffutils
load_examples
november_to settle
load_obligation_examples
run recovery cancel TR-2028-00001 --on 2029-01-10 --reason "admission en non-valeur"
expect_rc "the order's balance written off" 0
expect_sql "the story's ledger" "SELECT count(*) || ' ' || sum(amount_cents) FROM ledger" "288 36240000"

FORMATS=(csv json xlsx fec hledger)
# export_all DB DIR: the whole story and November 2024 in every format.
export_all() {
  local format
  mkdir -p "$2"
  for format in "${FORMATS[@]}"; do
    "$GRANTS" --db "$1" ledger export --from 2024-01-01 --to 2029-12-31 --format "$format" \
      --out "$2/all.$format" 2>/dev/null || fail "export $format from $1"
    "$GRANTS" --db "$1" ledger export --from 2024-11-01 --to 2024-11-30 --format "$format" \
      --out "$2/november.$format" 2>/dev/null || fail "export November as $format from $1"
  done
}
# same_files NAME DIR_A DIR_B: every file of DIR_A is in DIR_B, byte for byte.
same_files() {
  local file
  for file in "$2"/*; do
    if cmp -s "$file" "$3/${file##*/}"; then pass; else fail "$1: ${file##*/} differs"; fi
  done
}

export_all "$DB_URL" "$WORK/first"
expect_eq "ten files and the FEC chains" "$(ls "$WORK/first" | wc -l)" 12
# A second later, the same ledger: the same files.
sleep 1.1
export_all "$DB_URL" "$WORK/again"
same_files "exported again a second later" "$WORK/first" "$WORK/again"

# The same story on the other backend (grants db copy): the same files.
if [ "$BACKEND" = sqlite ]; then pg_database other; else other="sqlite:$WORK/copy.db"; fi
run db copy --from "$DB_URL" --to "$other"
expect_rc "copy to ${other%%:*}" 0
export_all "$other" "$WORK/other"
same_files "exported from ${other%%:*}" "$WORK/first" "$WORK/other"

finish
