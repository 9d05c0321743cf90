# The SEPA files of a real batch, exported through the CLI in both pain.001
# versions, validate against the official ISO 20022 schemas in
# $GRANTS_SHARED/xsd (kept beside the repository, not shipped with it:
# without them the test is skipped).
source "$(dirname "$0")/lib.bash"
XSD="${GRANTS_SHARED:-}/xsd"
if [ -z "${GRANTS_SHARED:-}" ] || [ ! -d "$XSD" ]; then
  skip "SEPA schema validation: ${XSD} absent (the official ISO 20022 schemas are not shipped with the project)"
fi
need xmllint libxml2-utils
load_examples

november_to approve
copy_db approved

# validate NAME FILE XSD: xmllint accepts FILE against the schema.
validate() {
  if xmllint --noout --schema "$XSD/$3" "$2" >"$WORK/xmllint.out" 2>&1; then pass; else
    fail "$1: $2 does not validate against $3" "$(cat "$WORK/xmllint.out")"; fi
}

for version in 001.001.03 001.001.09; do
  use_copy approved "v$version"
  run batch export 1 --sepa "$WORK/$version.xml" --pain "$version" \
    --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
  expect_rc "export pain.$version" 0
  validate "pain.$version" "$WORK/$version.xml" "pain.$version.xsd"
done

# pain.001.003.03 is the stricter SEPA profile of 001.001.03 (EUR only, two
# decimals, the SEPA identifier pattern), under its own namespace.
namespace=$(grep -o 'targetNamespace="[^"]*"' "$XSD/pain.001.003.03.xsd" | head -n 1 | cut -d '"' -f 2)
sed "s|<Document xmlns=\"[^\"]*\"|<Document xmlns=\"$namespace\"|" "$WORK/001.001.03.xml" >"$WORK/profile.xml"
validate "SEPA profile pain.001.003.03" "$WORK/profile.xml" pain.001.003.03.xsd

# The validation can fail: each file is refused by the other version's schema.
if xmllint --noout --schema "$XSD/pain.001.001.09.xsd" "$WORK/001.001.03.xml" >/dev/null 2>&1; then
  fail "the 001.001.09 schema accepted a 001.001.03 file"
else pass; fi

finish
