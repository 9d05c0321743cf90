# The auditor's exports of a ledger that went through every kind of entry
# (run, approve, export, settle, bank return, cancel): the hledger journal
# passes `hledger check --strict`; the FEC has the 18 columns of article
# A47 A-1 LPF in their order, YYYYMMDD dates and decimal commas, with the
# chain beside it; JSON and XLSX carry the chain hash; IBANs are masked.
source "$(dirname "$0")/lib.bash"
need hledger hledger
need python3 python3
load_examples

november_to return
run beneficiary set-iban B-0001 "FR76 3000 4008 2100 0123 4567 849"
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-02
run batch cancel 2 --by "Marc Petit" --on 2024-12-03
run batch run --month 2024-12 --by "Marc Petit" --on 2024-12-04
expect_rc "the last step" 0
# 15 orders, 15 settlements, a return and its cancellation; then 9 orders
# for December, cancelled, and 9 again.
expect_sql "entries by kind" "SELECT kind || ' ' || count(*) FROM ledger GROUP BY kind ORDER BY kind" \
  "cancellation 10
payment 33
return 1
settlement 15"
run ledger verify
CHAIN=$(sql "SELECT count(*) || ' ' || (SELECT hash FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)) FROM ledger")
expect_out "verify" "ledger OK: ${CHAIN% *} entries, last hash ${CHAIN#* }"
expect_eq "59 entries" "${CHAIN% *}" 59

# export FORMAT FILE [OPTIONS]: the whole of 2024.
export_2024() {
  run ledger export --from 2024-01-01 --to 2024-12-31 --format "$1" --out "$2" "${@:3}"
  expect_rc "export $1" 0
  expect_err "export $1 reports the chain" \
    "ledger 2024-01-01 to 2024-12-31 exported; the chain has ${CHAIN% *} entries, last hash ${CHAIN#* }"
}

# --- hledger
export_2024 hledger "$WORK/2024.journal"
if hledger check --strict -f "$WORK/2024.journal" >"$WORK/hledger.out" 2>&1; then pass; else
  fail "hledger check --strict" "$(cat "$WORK/hledger.out")"; fi
expect_eq "one transaction per entry" "$(hledger print -f "$WORK/2024.journal" | grep -c '^2024-')" 59
expect_eq "the journal names the chain" "$(grep '^; chain:' "$WORK/2024.journal")" \
  "; chain: length ${CHAIN% *}, last hash ${CHAIN#* }"
expect_eq "payable 4671 holds what is ordered and not yet paid" \
  "$(hledger balance -f "$WORK/2024.journal" 4671 -N | awk '{ print $1 }')" \
  "-$(sql "SELECT (CAST(sum(amount_cents) AS BIGINT) / 100) || '.' || substr(CAST(100 + CAST(sum(amount_cents) AS BIGINT) % 100 AS TEXT), 2) FROM payments WHERE state = 'pending'")"

# --- FEC
FEC_HEADER="JournalCode	JournalLib	EcritureNum	EcritureDate	CompteNum	CompteLib	CompAuxNum	CompAuxLib	PieceRef	PieceDate	EcritureLib	Debit	Credit	EcritureLet	DateLet	ValidDate	Montantdevise	Idevise"
export_2024 fec "$WORK/2024.fec"
expect_eq "FEC header: the 18 columns of A47 A-1, in order" "$(head -n 1 "$WORK/2024.fec")" "$FEC_HEADER"
expect_eq "every line has 18 tab-separated fields" "$(awk -F'\t' 'NF != 18 { print NR ": " NF }' "$WORK/2024.fec")" ""
expect_eq "two lines per entry" "$(wc -l <"$WORK/2024.fec")" $((1 + 2 * 59))
expect_eq "EcritureDate, PieceDate and ValidDate are YYYYMMDD in 2024, DateLet empty" \
  "$(awk -F'\t' 'NR > 1 && !($4 ~ /^2024[01][0-9][0-3][0-9]$/ && $10 ~ /^2024[01][0-9][0-3][0-9]$/ &&
                            $16 ~ /^2024[01][0-9][0-3][0-9]$/ && $15 == "") { print NR ": " $0 }' "$WORK/2024.fec")" ""
expect_eq "Debit and Credit use a decimal comma, one of them zero" \
  "$(awk -F'\t' 'NR > 1 && !($12 ~ /^[0-9]+,[0-9][0-9]$/ && $13 ~ /^[0-9]+,[0-9][0-9]$/ &&
                            ($12 == "0,00") != ($13 == "0,00")) { print NR ": " $0 }' "$WORK/2024.fec")" ""
expect_eq "debits equal credits" \
  "$(awk -F'\t' 'NR > 1 { d = $12; c = $13; sub(/,/, "", d); sub(/,/, "", c); D += d; C += c } END { print D, C }' "$WORK/2024.fec")" \
  "$(sql "SELECT sum(amount_cents) || ' ' || sum(amount_cents) FROM ledger")"
expect_eq "the first entry" "$(sed -n 2,3p "$WORK/2024.fec" | cut -f 3,4,5,12,13 | tr '\t\n' ' ')" \
  "1 20241102 6513 500,00 0,00 1 20241102 4671 0,00 500,00 "
expect_eq "the chain beside the FEC" "$(cat "$WORK/2024.fec.chain")" "chain $CHAIN"

# --- JSON
export_2024 json "$WORK/2024.json"
if python3 -m json.tool "$WORK/2024.json" >/dev/null 2>"$WORK/json.err"; then pass; else
  fail "the JSON export parses" "$(cat "$WORK/json.err")"; fi
expect_eq "JSON carries the chain and every entry" \
  "$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["chain"]["length"], d["chain"]["last_hash"], len(d["entries"]))' "$WORK/2024.json")" \
  "$CHAIN 59"

# --- XLSX: an Office Open XML workbook; sheet "ledger" has a row per entry
# under its header, sheet "chain" the chain hash (strings are inline: the
# workbook is written in libxlsxwriter's constant-memory mode)
export_2024 xlsx "$WORK/2024.xlsx"
expect_eq "XLSX workbook: rows of sheet ledger, chain hash in sheet chain" "$(python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print("xl/workbook.xml" in z.namelist(), z.read("xl/worksheets/sheet1.xml").decode().count("<row "),
      sys.argv[2] in z.read("xl/worksheets/sheet2.xml").decode())' "$WORK/2024.xlsx" "${CHAIN#* }")" \
  "True 60 True"
run ledger export --from 2024-01-01 --to 2024-12-31 --format xlsx
expect_rc "XLSX needs --out" 3

# --- CSV: masked IBANs unless revealed; a period keeps the whole chain's hash
export_2024 csv "$WORK/2024.csv"
expect_eq "CSV ends with the chain" "$(tail -n 1 "$WORK/2024.csv" | tr -d '\r')" "# chain $CHAIN"
expect_eq "IBANs masked" "$(tr -d '\r' <"$WORK/2024.csv" | awk -F, '$1 == 1 { print $8 }')" "FR76 **** **** 9067"
export_2024 csv "$WORK/revealed.csv" --reveal-iban
expect_eq "IBANs revealed" "$(tr -d '\r' <"$WORK/revealed.csv" | awk -F, '$1 == 1 { print $8 }')" "FR76 2004 1321 3467 5823 5119 067"
run ledger export --from 2024-12-01 --to 2024-12-31 --format csv
expect_eq "December only" "$(tr -d '\r' <<<"$OUT" | awk -F, 'NR > 1 && $1 !~ /^#/ { print substr($2, 1, 7) }' | sort | uniq -c | tr -s ' ')" " 27 2024-12"
expect_eq "with the whole chain's hash" "$(tail -n 1 <<<"$OUT" | tr -d '\r')" "# chain $CHAIN"

# An auditor re-checks a period's export with nothing but the README: each
# hash is the SHA-256 of prev_hash, a newline and the fields joined by '|'
# (the columns less iban and the hashes), each prev_hash the hash before it;
# then `verify --anchor` with its last entry ties it to the database.
run ledger export --from 2024-11-01 --to 2024-11-30 --format csv
expect_eq "November's hashes recomputed from its CSV, as the README says" "$(python3 -c '
import csv, hashlib, sys
rows = [r for r in csv.DictReader(sys.stdin) if not r["seq"].startswith("#")]
fields = ("seq", "date", "kind", "debit", "credit", "amount", "beneficiary_ref", "agreement_id", "batch_id",
          "payment_id", "scheme_id", "rule_sha256", "label")
escape = lambda t: t.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")
text = lambda r: "|".join(escape(r[f]) for f in fields)
bad = [r["seq"] for r in rows if hashlib.sha256((r["prev_hash"] + "\n" + text(r)).encode()).hexdigest() != r["hash"]]
bad += [b["seq"] for a, b in zip(rows, rows[1:]) if b["prev_hash"] != a["hash"]]
print(len(rows), "entries, bad:", bad, "last:", rows[-1]["seq"] + ":" + rows[-1]["hash"])' <<<"$OUT")" \
  "32 entries, bad: [] last: 32:$(sql "SELECT hash FROM ledger WHERE seq = 32")"
run ledger verify --anchor "32:$(sql "SELECT hash FROM ledger WHERE seq = 32")"
expect_rc "the export's last entry anchors a later verify" 0

# --- the global --format (how listings print) is not the file's format:
# refused as a usage error while the command line is parsed, rather than a
# CSV written when JSON was asked for
run --format json ledger export --from 2024-01-01 --to 2024-12-31
expect_rc "global --format json" 2
expect_out "global --format json: nothing on stdout" ""
expect_err "global --format json" '--format: before "ledger export" it sets how listings print, not the file'"'"'s format: give "ledger export --format json" (csv, json, xlsx, fec or hledger)
Run with --help for more information.'
run --format table ledger export --from 2024-01-01 --to 2024-12-31 --format csv --out "$WORK/table.csv"
expect_rc "global --format table" 2
expect_err "global --format table" '--format: before "ledger export" it sets how listings print, not the file'"'"'s format: give "ledger export --format FORMAT" (csv, json, xlsx, fec or hledger)
Run with --help for more information.'
expect_no_file "no file with the global --format" "$WORK/table.csv"

# --- an empty --out (a script's unset variable) is no file name: refused,
# rather than the ledger written to standard output as if --out were absent
for format in csv xlsx; do
  expect_error "an empty --out, $format" 3 \
    'option --out: "" is empty: give a value, or leave the option out for its default' \
    ledger export --from 2024-01-01 --to 2024-12-31 --format $format --out ""
done

# --- the database itself as --out (a slip: grants.db for grants.csv) would
# be replaced, conventions, payments and ledger, by the export: refused,
# however the path is spelt, and the database is left whole
if [ "$BACKEND" = sqlite ]; then
  for out in "$DB" "$(dirname "$DB")/./$(basename "$DB")"; do
    expect_error "--out the database ($out)" 3 \
      "option --out: \"$out\" is the database's file $DB: writing there would replace the database (give another file)" \
      ledger export --from 2024-01-01 --to 2024-12-31 --format csv --out "$out"
  done
  run ledger verify
  expect_out "the database is whole" "ledger OK: ${CHAIN% *} entries, last hash ${CHAIN#* }"
  # nor by the chain file a FEC writes beside it
  sqlite3 "$DB" ".backup '$WORK/books.chain'"
  use_db "$WORK/books.chain"
  expect_error "a FEC whose chain file would be the database" 3 \
    "option --out: \"$WORK/books.chain\" is the database's file $WORK/books.chain: writing there would replace the database (give another file)" \
    ledger export --from 2024-01-01 --to 2024-12-31 --format fec --out "$WORK/books"
  expect_no_file "no FEC beside it" "$WORK/books"
  run ledger verify
  expect_out "that database is whole" "ledger OK: ${CHAIN% *} entries, last hash ${CHAIN#* }"
fi

finish
