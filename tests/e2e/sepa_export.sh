# The SEPA file of a real batch, checked for what the ISO 20022 schema does
# not check: NbOfTxs and CtrlSum equal to the batch, texts reduced to the
# SEPA character set, the debtor from the rule files' [payer], a re-export
# byte for byte the same, and refusals with a clear message. (The schema
# validation itself is sepa_schema.sh.)
source "$(dirname "$0")/lib.bash"
need xmllint libxml2-utils
load_examples

november_to approve
copy_db approved

# xpath FILE EXPR: the value of an XPath expression over the file, with
# elements named without their namespace: x('GrpHdr') is *[local-name()='GrpHdr'].
xpath() {
  local expr
  expr=$(sed -E "s/x\('([A-Za-z]+)'\)/*[local-name()='\1']/g" <<<"$2")
  xmllint --xpath "$expr" "$1"
}

FILE="$WORK/2024-11.xml"
run batch export 1 --sepa "$FILE" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "export" 0
expect_out "export" "wrote $FILE: batch 1, MsgId GRANTS-B000001-20241104093000, 15 payments, 7 250,00 €, execution date 2024-11-06"
expect_sql "the batch keeps what the file says" \
  "SELECT state, msg_id, pain_version, execution_date FROM batches WHERE id = 1" \
  "exported|GRANTS-B000001-20241104093000|001.001.03|2024-11-06"

# --- counts and sums: the group header is the batch, each PmtInf its département
expect_eq "NbOfTxs is the batch's payment count" \
  "$(xpath "$FILE" "string(//x('GrpHdr')/x('NbOfTxs'))")" "$(sql 'SELECT payment_count FROM batches WHERE id = 1')"
expect_eq "CtrlSum is the batch's total" \
  "$(xpath "$FILE" "string(//x('GrpHdr')/x('CtrlSum'))")" "$(sql "SELECT (total_cents / 100) || '.' || substr('0' || (total_cents % 100), -2) FROM batches WHERE id = 1")"
expect_eq "the figures" "$(xpath "$FILE" "string(//x('GrpHdr')/x('NbOfTxs'))") $(xpath "$FILE" "string(//x('GrpHdr')/x('CtrlSum'))")" "15 7250.00"
pmtinf() { # N: "debtor IBAN NbOfTxs CtrlSum sum-of-InstdAmt" of the Nth PmtInf
  local p="//x('PmtInf')[$1]"
  printf '%s %s %s %s %s\n' "$(xpath "$FILE" "string($p/x('Dbtr')/x('Nm'))" | tr ' ' _)" \
    "$(xpath "$FILE" "string($p/x('DbtrAcct')//x('IBAN'))")" \
    "$(xpath "$FILE" "string($p/x('NbOfTxs'))")" "$(xpath "$FILE" "string($p/x('CtrlSum'))")" \
    "$(xpath "$FILE" "$p//x('InstdAmt')/text()" | awk '{ gsub(/\./, ""); s += $0 } END { printf "%d.%02d", s / 100, s % 100 }')"
}
expect_eq "one PmtInf per département, debtor from its [payer]" "$(pmtinf 1; pmtinf 2)" \
  "Departement_de_Loir-et-Cher FR123000100434C410000000091 5 2250.00 2250.00
Departement_de_la_Vienne FR623000100686C860000000023 10 5000.00 5000.00"
expect_eq "EndToEndIds are the payments'" "$(xpath "$FILE" "//x('EndToEndId')/text()" | sort)" \
  "$(batch_payments 1 | cut -d, -f9 | sort)"

# --- the SEPA character set
expect_eq "creditor names lose their accents" \
  "$(xpath "$FILE" "//x('Cdtr')/x('Nm')/text()" | sort -u)" "Anais Mercier
Helene Lefevre
Jerome Dubois
Lea Chevalier
Mael Fontaine
Melanie Girard
Theo Rousseau
Zoe Moreau"
expect_eq "remittance" "$(xpath "$FILE" "string(//x('CdtTrfTxInf')[1]//x('Ustrd'))")" \
  "Convention 6 echeance 1 du 2024-09-05 loir-et-cher/paramedical-bursary"
expect_eq "every text is in the SEPA set" \
  "$(grep -o '>[^<]*<' "$FILE" | sed 's/^>//; s/<$//' | grep -v -E "^[A-Za-z0-9/?:().,'+ -]*$")" ""
expect_eq "the file is ASCII" "$(LC_ALL=C grep -c -P '[^\x00-\x7F]' "$FILE")" 0

# --- exporting again writes the same bytes, whatever time it is now
run batch export 1 --sepa "$WORK/again.xml"
expect_rc "export again" 0
expect_out "same MsgId" "wrote $WORK/again.xml: batch 1, MsgId GRANTS-B000001-20241104093000, 15 payments, 7 250,00 €, execution date 2024-11-06"
if cmp -s "$FILE" "$WORK/again.xml"; then pass; else fail "re-export differs" "$(diff "$FILE" "$WORK/again.xml")"; fi
run batch export 1 --sepa "$WORK/same.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "export again with the file's values" 0
if cmp -s "$FILE" "$WORK/same.xml"; then pass; else fail "re-export differs" "$(diff "$FILE" "$WORK/same.xml")"; fi
# ... but a date or time asked for that the file does not hold is refused
expect_error "export again at another date and time" 5 \
  "batch 1 was exported (MsgId GRANTS-B000001-20241104093000): exporting it again writes the same file; leave out the options that differ from it
  option --execution-date 2024-11-22: the file's is 2024-11-06
  option --created-at 2024-11-20T17:00:00: the file's is 2024-11-04T09:30:00" \
  batch export 1 --sepa "$WORK/later.xml" --created-at 2024-11-20T17:00:00 --execution-date 2024-11-22
expect_no_file "no file at another date" "$WORK/later.xml"
expect_error "export again at another date" 5 \
  "batch 1 was exported (MsgId GRANTS-B000001-20241104093000): exporting it again writes the same file; leave out the options that differ from it
  option --execution-date 2024-11-07: the file's is 2024-11-06" \
  batch export 1 --sepa "$WORK/later.xml" --execution-date 2024-11-07
expect_error "export again in another version" 5 \
  "batch 1 was exported as pain.001.001.03 (MsgId GRANTS-B000001-20241104093000): export it again in that version" \
  batch export 1 --sepa "$WORK/other.xml" --pain 001.001.09
expect_no_file "no file in another version" "$WORK/other.xml"

# --- a creation time that is not ISO 8601: refused before the database or
# the rules are looked at
expect_error "a creation time with a space" 3 \
  'option --created-at: "2024-11-03 10:00:00" is not an ISO date-time (YYYY-MM-DDTHH:MM:SS)' \
  --db "sqlite:$WORK/none/grants.db" --rules "$WORK/none" batch export 1 --sepa "$WORK/bad-time.xml" \
  --created-at "2024-11-03 10:00:00"
expect_no_file "no file with a bad creation time" "$WORK/bad-time.xml.tmp"

# --- a département without [payer] has no debtor account
mkdir -p "$WORK/rules"
cp "$GRANTS_SOURCE_DIR"/rules/*.toml "$WORK/rules/"
sed -i '/^\[payer\]/,/^$/d' "$WORK/rules/vienne.toml"
expect_eq "the copy has no [payer]" "$(grep -c '^\[payer\]' "$WORK/rules/vienne.toml")" 0

# --- a second batch gets its own MsgId, even exported at the same time (prepared
# and approved ahead, in November)
run batch run --month 2024-12 --by "Marc Petit" --on 2024-11-03
run batch approve 2 --by "Claire Martin" --on 2024-11-04
# Its problems name payments by their ids, those of `batch payments`, not
# by their place in the file.
run --rules "$WORK/rules" batch export 2 --sepa "$WORK/nopayer-2.xml" --created-at 2024-12-04T09:30:00
expect_rc "second batch without [payer]" 3
expect_err "second batch without [payer]" "grants: error: batch 2 cannot be exported: cannot write SEPA file \"GRANTS-B000002-20241204093000\": 5 problems
  payment 19 (B-0007): departement 86 has no debtor account
  payment 20 (B-0008): departement 86 has no debtor account
  payment 21 (B-0009): departement 86 has no debtor account
  payment 22 (B-0010): departement 86 has no debtor account
  payment 23 (B-0011): departement 86 has no debtor account"
run batch export 2 --sepa "$WORK/2024-12.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-12-06
expect_out "second batch" "wrote $WORK/2024-12.xml: batch 2, MsgId GRANTS-B000002-20241104093000, 8 payments, 3 750,00 €, execution date 2024-12-06"

# --- pain.001.001.09 of the same batch (on a copy of the approved database)
use_copy approved v09
FILE="$WORK/2024-11-v09.xml"
run batch export 1 --sepa "$FILE" --pain 001.001.09 --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "export 001.001.09" 0
expect_eq "001.001.09 namespace" "$(xpath "$FILE" "namespace-uri(/*)")" "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
expect_eq "001.001.09 figures" "$(xpath "$FILE" "string(//x('GrpHdr')/x('NbOfTxs'))") $(xpath "$FILE" "string(//x('GrpHdr')/x('CtrlSum'))")" "15 7250.00"
expect_eq "001.001.09 execution date" "$(xpath "$FILE" "string(//x('PmtInf')[1]/x('ReqdExctnDt')/x('Dt'))")" "2024-11-06"
expect_eq "001.001.09 debtor BIC" "$(xpath "$FILE" "string(//x('PmtInf')[1]/x('DbtrAgt')//x('BICFI'))")" "BDFEFRPPCCT"

# --- a département without [payer]: refused, nothing written
use_copy approved nopayer
run --rules "$WORK/rules" batch export 1 --sepa "$WORK/nopayer.xml" --created-at 2024-11-04T09:30:00
expect_rc "export without [payer]" 3
expect_err "export without [payer]" "grants: error: batch 1 cannot be exported: cannot write SEPA file \"GRANTS-B000001-20241104093000\": 10 problems
$(for p in 3:B-0007 4:B-0008 5:B-0009 6:B-0010 7:B-0011 11:B-0007 12:B-0008 13:B-0009 14:B-0010 15:B-0011; do
  echo "  payment ${p%%:*} (${p#*:}): departement 86 has no debtor account"; done)"
expect_no_file "no file without [payer]" "$WORK/nopayer.xml"
expect_sql "the batch stays approved, no MsgId taken" "SELECT state, CASE WHEN msg_id IS NULL THEN 1 ELSE 0 END FROM batches WHERE id = 1" "approved|1"

# --- an IBAN the schema's pattern accepts but mod-97 does not: the stored
# payment was altered after approval; the export refuses it.
use_copy approved badiban
sql "UPDATE payments SET iban = 'FR7630004616159956466929457' WHERE agreement_id = 1 AND instalment = 1"
run batch export 1 --sepa "$WORK/badiban.xml" --created-at 2024-11-04T09:30:00
expect_rc "export with a bad IBAN" 3
expect_err "export with a bad IBAN" "grants: error: batch 1 cannot be exported: cannot write SEPA file \"GRANTS-B000001-20241104093000\": 1 problem
  payment $(payment_id 1 1 1) (B-0001): IBAN \"FR7630004616159956466929457\": mod-97 check failed"
expect_no_file "no file with a bad IBAN" "$WORK/badiban.xml"

finish
