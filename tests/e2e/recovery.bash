# Helpers for the recovery tests, sourced after lib.bash: one order's
# fields in each format, convention 4's ledger entries, the ledger check.

# csv_fields ARGS...: grants --format csv ARGS, its field,value rows (up to
# the first table) for the fields named in FIELDS (set by the test, e.g.
# 'number|balance|state').
csv_fields() { "$GRANTS" --format csv "$@" | tr -d '\r' | sed '/^$/q' | grep -E "^($FIELDS),"; }
# json_fields ARGS...: the same fields of the JSON object, as field,value.
json_fields() {
  "$GRANTS" --format json "$@" | grep -E "^  \"($FIELDS)\": " | sed -E 's/^  "([a-z_]+)": "?([^",]*)"?,?$/\1,\2/'
}
# text_fields ARGS...: the same fields of the table format, as field,value
# with the values written as CSV writes them (6000.00, not 6 000,00 €;
# true and false, not yes and no), to be compared with csv_fields.
text_fields() {
  "$GRANTS" "$@" | sed '/^$/q' | grep -E "^  ($FIELDS): " |
    sed -E 's/^  ([a-z_]+): +/\1,/; s/,no$/,false/; s/,yes$/,true/; s/ €$//; s/ //g; s/,([0-9]+),([0-9]{2})$/,\1.\2/'
}
# ledger_of KIND: "date debit credit amount label" of convention 4's entries
# of that kind outside the batches.
ledger_of() {
  "$GRANTS" ledger export --from 2026-10-06 --to 2035-12-31 --format csv 2>/dev/null | tr -d '\r' |
    awk -F, -v kind="$1" '$3 == kind && $9 == 4 && $10 == 0 { print $2, $4, $5, $6, $14 }'
}
# verify WHAT: the ledger's hash chain still holds after WHAT.
verify() {
  run ledger verify
  expect_rc "ledger verify after $1" 0
}
