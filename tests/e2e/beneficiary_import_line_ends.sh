# A beneficiary file whose lines end with a CR alone, as a spreadsheet's
# "CSV (Macintosh)" writes them. Before, every bad row after the first
# was said to be on line 1, and a semicolon-separated file with a comma in
# a quoted name was refused as "line 1: misplaced quote" (the separator was
# guessed from the whole file as if it were one line).
source "$(dirname "$0")/lib.bash"
run init

printf '%s\r' 'ref,kind,name,first_name,profession,commune,iban' \
  'B-0001,person,Lefèvre,Hélène,nurse,4101,' '' \
  'B-0002,person,"Roux' 'Durand",Anne,nurse,41018,' \
  'B-0003,person,Petit,Jules,plumber,41018,' >"$WORK/mac.csv"
BEFORE=$(table_counts)
expect_error "every bad row on its own line" 3 "$WORK/mac.csv: 3 bad rows, nothing imported
  $WORK/mac.csv:2: field 'commune': value \"4101\": is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)
  $WORK/mac.csv:4: field 'name': value \"Roux\\rDurand\": contains a control character (\\r)
  $WORK/mac.csv:6: field 'profession': value \"plumber\": is not a known profession (a person's is one of dental-student, dentist, doctor, general-medicine-intern, general-practitioner, medical-intern, medical-student, midwife, midwifery-student, nurse, nursing-student, orthoptist, paramedical-student, physiotherapist, physiotherapy-student, speech-therapist, speech-therapy-student)" \
  beneficiary import "$WORK/mac.csv"
expect_eq "nothing written" "$(table_counts)" "$BEFORE"

printf '%s\r' 'ref;kind;name;first_name;profession;commune;iban' \
  'B-0001;structure;"MSP Salbris, Sologne";;maison-de-sante;41232;FR76 3000 6000 0112 3456 7890 189' \
  'B-0002;person;Lefèvre;Hélène;nurse;41018;' >"$WORK/mac-semicolons.csv"
run beneficiary import "$WORK/mac-semicolons.csv"
expect_rc "semicolons and CR line ends" 0
expect_out "semicolons and CR line ends" "imported 2 beneficiaries from $WORK/mac-semicolons.csv"
expect_sql "every field in its column" "SELECT ref, kind, name, first_name, commune, iban FROM beneficiaries ORDER BY ref" \
  "B-0001|structure|MSP Salbris, Sologne||41232|FR7630006000011234567890189
B-0002|person|Lefèvre|Hélène|41018|"

finish
