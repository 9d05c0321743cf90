# What an auditor of the examples' whole story (payments, settlements, a
# recovery order, its receipts and its cancellation) gets from `ledger
# export`: no IBAN in any field of a masked export, even one typed into the
# free text of a receipt's bank reference or a cancellation's reason; a
# journal that hledger takes whatever that text holds; typed XLSX cells; no
# rule files needed; a FEC and its chain written both or neither.
source "$(dirname "$0")/lib.bash"
need python3 python3
need hledger hledger
load_examples
november_to settle
load_obligation_examples

# B-0001's IBAN, typed into the receipt's bank reference in groups of four,
# and into the write-off's reason in one piece.
run recovery receive TR-2028-00001 --amount 1000.00 --on 2028-08-14 \
  --ref "VIR SEPA FR76 3000 4616 1599 5646 6929 456 LEFEVRE"
expect_rc "a receipt whose reference holds an IBAN" 0
run recovery cancel TR-2028-00001 --on 2029-01-10 \
  --reason "non-valeur, compte FR7630004616159956466929456 clos; PV n° 3 | CP  (séance) @ 10h * ! voir"
expect_rc "a write-off whose reason holds an IBAN" 0
expect_sql "the ledger keeps the texts as typed" "SELECT label FROM ledger WHERE seq > 287 ORDER BY seq" \
  "Encaissement du titre TR-2028-00001 : VIR SEPA FR76 3000 4616 1599 5646 6929 456 LEFEVRE
Annulation du titre TR-2028-00001 : non-valeur, compte FR7630004616159956466929456 clos; PV n° 3 | CP  (séance) @ 10h * ! voir"

# export FORMAT FILE [OPTIONS]: the story's last two entries.
export_end() {
  run ledger export --from 2028-08-01 --to 2029-12-31 --format "$1" --out "$2" "${@:3}"
  expect_rc "export $1 ${3:-}" 0
}
# The text of FILE, an XLSX workbook's worksheets included.
text_of() {
  case $1 in
    *.xlsx) python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()): print(z.read(n).decode())' "$1" ;;
    *) cat "$1" ;;
  esac
}

# --- masked (the default): every format, every field
for format in csv json xlsx fec hledger; do
  export_end "$format" "$WORK/masked.$format"
  text=$(text_of "$WORK/masked.$format")
  expect_eq "$format: no IBAN in a label" "$(grep -c -e '3000 4616' -e '30004616' <<<"$text")" 0
  expect_contains "$format: the reference's IBAN masked" "$text" \
    "Encaissement du titre TR-2028-00001 : VIR SEPA FR76 **** **** 9456 LEFEVRE"
  expect_contains "$format: the reason's IBAN masked" "$text" \
    "Annulation du titre TR-2028-00001 : non-valeur, compte FR76 **** **** 9456 clos"
done

# hledger reads what it treats specially (';', '|', two spaces, '@', '*',
# '!', '(') in a description as text
if hledger check --strict -f "$WORK/masked.hledger" >"$WORK/hledger.out" 2>&1; then pass; else
  fail "hledger check --strict" "$(cat "$WORK/hledger.out")"; fi
expect_eq "hledger reads the reason as the description" \
  "$(hledger print -f "$WORK/masked.hledger" | grep '^2029-01-10')" \
  "2029-01-10 * (289) Annulation du titre TR-2028-00001 : non-valeur, compte FR76 **** **** 9456 clos, PV n° 3 | CP  (séance) @ 10h * ! voir"
expect_eq "receivable 4641: the order's balance of 2 666,66 €, received and written off in the period" \
  "$(hledger balance -f "$WORK/masked.hledger" 4641 -N | awk '{ print $1 }')" "-2666.66"

# --- revealed: the labels as the ledger holds them
for format in csv json xlsx fec hledger; do
  export_end "$format" "$WORK/revealed.$format" --reveal-iban
  text=$(text_of "$WORK/revealed.$format")
  expect_contains "$format --reveal-iban: the reference whole" "$text" \
    "VIR SEPA FR76 3000 4616 1599 5646 6929 456 LEFEVRE"
  expect_contains "$format --reveal-iban: the reason whole" "$text" "compte FR7630004616159956466929456 clos"
done

# --- an auditor needs no rule files: the exports name the départements of
# the rule files the exported entries were computed under, as the database
# keeps them, whatever rule files are (or are not) at hand
departement_of() { python3 -c 'import json, sys; print(json.load(sys.stdin)["departement"])' <<<"$OUT"; }
GRANTS_RULES="$WORK/no-rules" run ledger export --from 2024-01-01 --to 2029-12-31 --format json
expect_rc "export without rule files" 0
expect_eq "the ledger's départements" "$(departement_of)" "Loir-et-Cher / Vienne"
run --rules "$GRANTS_SOURCE_DIR/rules/vienne.toml" ledger export --from 2028-08-01 --to 2029-12-31 --format json
expect_rc "export with another département's rules" 0
expect_eq "the recovery's département, not the rule file given" "$(departement_of)" "Loir-et-Cher"
GRANTS_RULES="$WORK/no-rules" run ledger export --from 2030-01-01 --to 2030-12-31 --format hledger
expect_rc "export of a period without entries" 0
expect_eq "no entry, no département" "$(head -n 1 <<<"$OUT")" "; Grants disbursement ledger, 2030-01-01 to 2030-12-31"

# --- FEC: the file and its chain beside it are written both or neither
printf 'an earlier export\n' >"$WORK/blocked.fec"
mkdir "$WORK/blocked.fec.chain"
expect_error "FEC whose chain file cannot be written" 3 "cannot write $WORK/blocked.fec.chain: Is a directory" \
  ledger export --from 2024-01-01 --to 2029-12-31 --format fec --out "$WORK/blocked.fec"
expect_eq "the earlier FEC is left as it was" "$(cat "$WORK/blocked.fec")" "an earlier export"
expect_no_file "no temporary FEC" "$WORK/blocked.fec.tmp"
expect_no_file "no temporary chain" "$WORK/blocked.fec.chain.tmp"
mkdir "$WORK/dir.fec"
expect_error "FEC that cannot take its name" 3 "cannot write $WORK/dir.fec: Is a directory" \
  ledger export --from 2024-01-01 --to 2029-12-31 --format fec --out "$WORK/dir.fec"
expect_no_file "no chain for a FEC not written" "$WORK/dir.fec.chain"
expect_no_file "no temporary FEC" "$WORK/dir.fec.tmp"

finish
