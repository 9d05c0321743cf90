# What init, rules check and beneficiary add|set-iban|cesp did, in the
# format asked for: the same sentence as ever in table format, their fields
# in JSON and CSV, so that a script driving `grants --format json
# beneficiary add ...` reads the new beneficiary's id.
#
# Before: each of them printed its sentence whatever --format said.
source "$(dirname "$0")/lib.bash"
cd "$WORK"

# crlf LINE...: the lines as CSV ends them (the last \r stays: $(...) only
# drops the newline).
crlf() { printf '%s\r\n' "$@"; }

# --- init: where the database is, and the migrations applied now
MIGRATIONS=($(cd "$GRANTS_SOURCE_DIR/schemas/$BACKEND" && ls ./*.sql | sed 's|^\./||'))
LAST=${MIGRATIONS[-1]}
# fresh_db VAR: the URL of a new, empty database of this backend.
fresh_db() {
  if [ "$BACKEND" = postgresql ]; then pg_database "$1"; else printf -v "$1" '%s' "sqlite:$(mktemp -u "$WORK/fresh.XXXXXX").db"; fi
}

run init
expect_rc "init" 0
expect_out "init, the sentence as ever" "$(printf 'applied %s\n' "${MIGRATIONS[@]}")
database $DB_URL is at migration $LAST (${#MIGRATIONS[@]} applied now)"

# A password in the URL is masked in what init prints, as in its errors
# (the test server trusts 127.0.0.1, so any password connects).
if [ "$BACKEND" = postgresql ]; then
  fresh_db pw_db
  run --db "${pw_db/postgres@/postgres:s3cret@}" init
  expect_rc "init, URL with a password" 0
  expect_contains "init, password masked" "$OUT" "database ${pw_db/postgres@/postgres:***@} is at migration $LAST"
  expect_eq "init, password not printed" "$(grep -c s3cret <<<"$OUT")" 0
fi

fresh_db json_db
run --db "$json_db" --format json init
expect_rc "init, json" 0
applied=""
for m in "${MIGRATIONS[@]}"; do applied+="${applied:+,
}    {
      \"migration\": \"$m\"
    }"; done
expect_out "init, json" "{
  \"applied\": [
$applied
  ],
  \"applied_now\": ${#MIGRATIONS[@]},
  \"migration\": \"$LAST\"
}"
run --db "$json_db" --format json init
expect_out "init again, json: nothing applied" "{
  \"applied\": [],
  \"applied_now\": 0,
  \"migration\": \"$LAST\"
}"
fresh_db csv_db
run --db "$csv_db" --format csv init
expect_rc "init, csv" 0
expect_out "init, csv: the fields, then the migrations" \
  "$(crlf field,value "migration,$LAST" "applied_now,${#MIGRATIONS[@]}" "" applied migration "${MIGRATIONS[@]}")"
run --db "$csv_db" --format csv init
expect_out "init again, csv" "$(crlf field,value "migration,$LAST" applied_now,0 "" applied migration)"

# --- rules check: each file with its département, counts and hash
LC="$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" VI="$GRANTS_SOURCE_DIR/rules/vienne.toml"
sha() { sha256sum "$1" | cut -d' ' -f1; }
schemes() { grep -c '^\[schemes\.[a-z-]*\]$' "$1"; }
periods() { grep -c '^\[\[schemes\.[a-z-]*\.periods\]\]$' "$1"; }
run rules check "$LC" "$VI"
expect_rc "rules check" 0
expect_out "rules check, the lines as ever" \
  "$LC: OK, $(schemes "$LC") schemes, $(periods "$LC") periods, sha256 $(sha "$LC")
$VI: OK, $(schemes "$VI") schemes, $(periods "$VI") periods, sha256 $(sha "$VI")"
run --format json rules check "$LC" "$VI"
expect_rc "rules check, json" 0
expect_out "rules check, json" "[
  {
    \"code\": \"41\",
    \"departement\": \"Loir-et-Cher\",
    \"file\": \"$LC\",
    \"periods\": $(periods "$LC"),
    \"schemes\": $(schemes "$LC"),
    \"sha256\": \"$(sha "$LC")\"
  },
  {
    \"code\": \"86\",
    \"departement\": \"Vienne\",
    \"file\": \"$VI\",
    \"periods\": $(periods "$VI"),
    \"schemes\": $(schemes "$VI"),
    \"sha256\": \"$(sha "$VI")\"
  }
]"
run --format csv rules check "$LC" "$VI"
expect_rc "rules check, csv" 0
expect_out "rules check, csv" "$(crlf file,departement,code,schemes,periods,sha256 \
  "$LC,Loir-et-Cher,41,$(schemes "$LC"),$(periods "$LC"),$(sha "$LC")" \
  "$VI,Vienne,86,$(schemes "$VI"),$(periods "$VI"),$(sha "$VI")")"
# A bad file: the error alone, no listing of the others for a script.
sed 's/^code = "41"$/code = 41/' "$LC" >bad.toml
run --format json rules check "$VI" bad.toml
expect_rc "rules check of a bad file, json" 3
expect_out "rules check of a bad file, json: nothing on stdout" ""
expect_contains "rules check of a bad file, json: the error" "$ERR" "bad.toml"
# An unknown format is a usage error (exit code 2), as README says of a
# command line that is wrong, whatever the command; before, exit code 3.
# expect_usage NAME MESSAGE ARGS...: grants ARGS exits with 2, prints
# nothing on stdout and MESSAGE as CLI11 gives a usage error.
expect_usage() {
  local name=$1 message=$2
  shift 2
  run "$@"
  expect_rc "$name" 2
  expect_out "$name: nothing on stdout" ""
  expect_err "$name" "$message
Run with --help for more information."
}
expect_usage "rules check, unknown format" '--format: "yaml": expected table, json or csv' \
  --format yaml rules check "$LC"
expect_usage "batch list, unknown format" '--format: "xml": expected table, json or csv' --format xml batch list
expect_usage "ledger verify, unknown format" '--format: "XML": expected table, json or csv' --format XML ledger verify
expect_usage "an export's unknown format" '--format: "pdf": expected csv, json, xlsx, fec or hledger' \
  ledger export --from 2024-01-01 --to 2024-12-31 --format pdf

# --- beneficiary add: the new id, and the beneficiary as `show` gives it
add() { # REF FIRST_NAME [OPTION...]
  local ref=$1 first=$2
  shift 2
  run "$@" beneficiary add --ref "$ref" --name Dupont --first-name "$first" --profession nurse --commune 41018
}
id_of() { sql "SELECT id FROM beneficiaries WHERE ref = '$1'"; }
add B-0100 Jean
expect_rc "add" 0
expect_out "add, the sentence as ever" "added beneficiary B-0100 (Jean Dupont)"
add B-0101 Anne --format json
expect_rc "add, json" 0
# What was not given is null, not an empty string.
expect_out "add, json" "{
  \"bic\": null,
  \"commune\": \"41018\",
  \"email\": null,
  \"first_name\": \"Anne\",
  \"iban\": null,
  \"id\": $(id_of B-0101),
  \"kind\": \"person\",
  \"name\": \"Dupont\",
  \"profession\": \"nurse\",
  \"ref\": \"B-0101\",
  \"returned_reason\": null
}"
run --format csv beneficiary add --ref B-0102 --kind structure --name "Maison de santé, Blois" \
  --profession maison-de-sante --commune 41018 --iban "fr76 3000 4616 1599 5646 6929 456" --bic BNPAFRPPXXX \
  --email msp@example.fr
expect_rc "add, csv" 0
expect_out "add, csv" "$(crlf field,value "id,$(id_of B-0102)" ref,B-0102 kind,structure \
  'name,"Maison de santé, Blois"' first_name, profession,maison-de-sante commune,41018 \
  "iban,FR76 3000 4616 1599 5646 6929 456" bic,BNPAFRPPXXX email,msp@example.fr returned_reason,)"
run --format json beneficiary list
expect_eq "list, json: a missing IBAN is null" \
  "$(python3 -c 'import json,sys; print([(b["ref"], b["iban"]) for b in json.load(sys.stdin)])' <<<"$OUT")" \
  "[('B-0100', None), ('B-0101', None), ('B-0102', 'FR76 3000 4616 1599 5646 6929 456')]"
run --format json beneficiary show B-0102
expect_eq "show, json: a structure's first name is null" \
  "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["first_name"], d["bic"], d["email"])' <<<"$OUT")" \
  "None BNPAFRPPXXX msp@example.fr"
expect_eq "three ids, in order" "$(id_of B-0100) $(id_of B-0101) $(id_of B-0102)" "1 2 3"

# --- set-iban: the account before and after, IBANs masked
run --format json beneficiary set-iban B-0102 "DE89 3704 0044 0532 0130 00"
expect_rc "set-iban, json" 0
expect_out "set-iban, json: the old account and the new, masked" '{
  "bic": null,
  "bic_before": "BNPAFRPPXXX",
  "iban": "DE89 **** **** 3000",
  "iban_before": "FR76 **** **** 9456",
  "ref": "B-0102",
  "returned_reason": null
}'
run --format csv beneficiary set-iban B-0101 "FR76 1027 8948 3274 1535 6013 266" --bic "cmci fr 2a"
expect_rc "set-iban, csv" 0
expect_out "set-iban, csv: an account where there was none" \
  "$(crlf field,value ref,B-0101 iban_before, bic_before, "iban,FR76 **** **** 3266" bic,CMCIFR2A returned_reason,)"
run beneficiary set-iban B-0100 "FR76 3000 6000 0112 3456 7890 189" --bic AGRIFRPPXXX
expect_out "set-iban, the sentence as ever" "beneficiary B-0100: IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPPXXX"
expect_sql "the accounts stored" "SELECT ref, iban, bic FROM beneficiaries ORDER BY ref" \
  "B-0100|FR7630006000011234567890189|AGRIFRPPXXX
B-0101|FR7610278948327415356013266|CMCIFR2A
B-0102|DE89370400440532013000|"

# --- cesp: the declaration recorded
run beneficiary cesp B-0100 --requested 2026-02-10 --on 2026-02-12
expect_out "cesp, the sentence as ever" "beneficiary B-0100: CESP requested on 2026-02-10 recorded"
run --format json beneficiary cesp B-0101 --signed 2026-01-20 --ref "ARS CVL 2026-118" --on 2026-02-12
expect_rc "cesp, json" 0
expect_out "cesp, json" '{
  "beneficiary": "B-0101",
  "on": "2026-01-20",
  "recorded_on": "2026-02-12",
  "reference": "ARS CVL 2026-118",
  "status": "signed"
}'
run --format csv beneficiary cesp B-0102 --requested 2026-03-01 --on 2026-03-02
expect_rc "cesp, csv" 0
expect_out "cesp, csv: no reference is an empty field" \
  "$(crlf field,value beneficiary,B-0102 status,requested on,2026-03-01 reference, recorded_on,2026-03-02)"
expect_sql "the declarations stored" \
  "SELECT b.ref, c.status, c.on_date, c.reference, c.recorded_on FROM cesp_declarations c JOIN beneficiaries b ON b.id = c.beneficiary_id ORDER BY b.ref" \
  "B-0100|requested|2026-02-10||2026-02-12
B-0101|signed|2026-01-20|ARS CVL 2026-118|2026-02-12
B-0102|requested|2026-03-01||2026-03-02"

finish
