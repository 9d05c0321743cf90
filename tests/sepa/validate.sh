#!/usr/bin/env bash
# Writes a sample pain.001 file and checks it with xmllint against an official
# ISO 20022 schema from $GRANTS_SHARED/xsd (kept beside the repository, not
# shipped with the project).
#
# Usage: validate.sh PROGRAM VERSION XSD OUT [MODE]
#   PROGRAM  the grants_sepa_sample binary
#   VERSION  001.001.03 | 001.001.09
#   XSD      schema file name in $GRANTS_SHARED/xsd
#   OUT      where to write the sample (kept for inspection)
#   MODE     --as-profile: the schema is a national SEPA profile with its own
#                namespace (pain.001.003.03); the document's namespace is
#                rewritten to the profile's, so its stricter types check our
#                elements.
#            --broken: remove <MsgId> and require xmllint to REJECT the file,
#                proving that the validation can fail.
# Exit: 0 passed, 1 failed, 77 skipped (no schemas or no xmllint).
set -euo pipefail

program=$1 version=$2 xsd_name=$3 out=$4 mode=${5:-}
xsd_dir="${GRANTS_SHARED:-}/xsd"

if [[ -z "${GRANTS_SHARED:-}" || ! -d "$xsd_dir" ]]; then
  echo "SKIPPED: ../shared/xsd not found beside the repository (the official ISO 20022 schemas are not shipped with the project)"
  exit 77
fi
if ! command -v xmllint >/dev/null; then
  echo "SKIPPED: xmllint not found (Debian package libxml2-utils)"
  exit 77
fi
xsd="$xsd_dir/$xsd_name"

"$program" "$version" "$out"

case "$mode" in
  "")
    ;;
  --as-profile)
    namespace=$(grep -o 'targetNamespace="[^"]*"' "$xsd" | head -n 1 | cut -d '"' -f 2)
    sed -i "s|<Document xmlns=\"[^\"]*\"|<Document xmlns=\"$namespace\"|" "$out"
    ;;
  --broken)
    grep -q '<MsgId>' "$out"
    sed -i '/<MsgId>/d' "$out"
    if xmllint --noout --schema "$xsd" "$out" 2>"$out.log"; then
      echo "FAILED: xmllint accepted $out without its MsgId"
      exit 1
    fi
    cat "$out.log"
    # The refusal must be about the removed element, not some other fault.
    grep -q "Expected is ( {[^}]*}MsgId )" "$out.log"
    echo "OK: xmllint rejected the broken file"
    exit 0
    ;;
  *)
    echo "unknown mode: $mode" >&2
    exit 2
    ;;
esac

xmllint --noout --schema "$xsd" "$out"
