# What init and rules check did, in the format asked for: the same
# sentences as ever in table format, their fields in JSON and CSV.
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
expect_error "rules check, unknown format" 3 'format "yaml": expected table, json or csv' \
  --format yaml rules check "$LC"

finish
