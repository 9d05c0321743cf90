# A beneficiary file saved by a spreadsheet set to French: semicolons
# between fields (the comma is its decimal mark), a BOM, CRLF line ends, a
# quoted name holding a semicolon. Before, the whole header was one unknown
# column ("missing columns ref, kind, ...; unknown columns
# "ref;kind;name;..."") and nothing could be imported without re-saving.
source "$(dirname "$0")/lib.bash"
run init

CSV="$WORK/excel.csv"
printf '\xef\xbb\xbfref;kind;name;first_name;profession;commune;iban;bic;email\r\n%s\r\n%s\r\n' \
  'B-0001;person;Lefèvre;Hélène;general-medicine-intern;41018;FR76 3000 4616 1599 5646 6929 456;BNPAFRPPXXX;helene.lefevre@example.fr' \
  'B-0002;structure;"MSP Salbris; Sologne";;maison-de-sante;41232;FR76 3000 6000 0112 3456 7890 189;;' >"$CSV"
run beneficiary import "$CSV"
expect_rc "import" 0
expect_out "import" "imported 2 beneficiaries from $CSV"
expect_sql "every field in its column" "SELECT ref, kind, name, first_name, commune, iban, bic FROM beneficiaries ORDER BY ref" \
  "B-0001|person|Lefèvre|Hélène|41018|FR7630004616159956466929456|BNPAFRPPXXX
B-0002|structure|MSP Salbris; Sologne||41232|FR7630006000011234567890189|"

# Bad rows are named by line and field, as in a comma-separated file.
printf '%s\r\n' 'ref;kind;name;first_name;profession;commune;iban;bic;email' \
  'B-0003;person;Roux;Anne;general-medicine-intern;4101;;;' >"$WORK/bad.csv"
BEFORE=$(table_counts)
expect_error "a bad row" 3 "$WORK/bad.csv: 1 bad row, nothing imported
  $WORK/bad.csv:2: field 'commune': value \"4101\": is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)" \
  beneficiary import "$WORK/bad.csv"
expect_eq "nothing written" "$(table_counts)" "$BEFORE"

finish
