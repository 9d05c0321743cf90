# Bad input of every kind: the exact message (naming file, line, field and
# value), the exit code, and a database left exactly as it was.
source "$(dirname "$0")/lib.bash"
cd "$WORK"

run init
expect_rc "init" 0
count() { sql "SELECT (SELECT count(*) FROM beneficiaries) || '/' || (SELECT count(*) FROM applications) || '/' || (SELECT count(*) FROM agreements) || '/' || (SELECT count(*) FROM instalments)"; }

# An empty file is said to be empty.
: >empty.csv
expect_error "an empty file" 3 "empty.csv: the file is empty: expected a header line (ref, kind, name, first_name, profession, commune, iban, and optionally bic, email)" \
  beneficiary import empty.csv

# A file saved as "Unicode text" (UTF-16) is said to be so, not read as a
# header of NULs between letters.
printf '\xff\xfer\0e\0f\0,\0k\0i\0n\0d\0\n\0' >utf16.csv
expect_error "a UTF-16 file" 3 "utf16.csv: the file is UTF-16 text (it starts with a UTF-16 byte order mark): save it as CSV UTF-8" \
  beneficiary import utf16.csv

# A CSV import with bad rows imports nothing and lists every bad row.
cp "$EXAMPLES/bad-beneficiaries.csv" bad.csv
run beneficiary import bad.csv
expect_rc "bad CSV" 3
expect_err "bad CSV lists every bad row" 'grants: error: bad.csv: 3 bad rows, nothing imported
  bad.csv:3: field '"'iban'"': value "FR76 2004 1010 0700 0123 4567 806": mod-97 check failed
  bad.csv:4: field '"'profession'"': value "plumber": is not a known profession (a person'"'"'s is one of dental-student, dentist, doctor, general-medicine-intern, general-practitioner, medical-intern, medical-student, midwife, midwifery-student, nurse, nursing-student, orthoptist, paramedical-student, physiotherapist, physiotherapy-student, speech-therapist, speech-therapy-student)
  bad.csv:5: field '"'commune'"': value "8619": is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)'
expect_eq "bad CSV wrote nothing" "$(count)" "0/0/0/0"

# Malformed CSV quoting is refused with its line.
printf 'ref,kind,name,first_name,profession,commune,iban\nB-1,person,"Dupont,Jean,nurse,41018,\n' > quote.csv
run beneficiary import quote.csv
expect_rc "malformed CSV" 3
expect_err "malformed CSV" 'grants: error: quote.csv: 1 bad row, nothing imported
  quote.csv:2: malformed CSV: unterminated quoted field: the quote opened on line 2 is never closed'
expect_eq "malformed CSV wrote nothing" "$(count)" "0/0/0/0"

# An IBAN with a wrong check, then one that passes mod-97 with a wrong RIB key.
run beneficiary add --ref B-0100 --name Dupont --first-name Jean --profession nurse --commune 41018 \
  --iban "FR76 3000 4616 1599 5646 6929 457"
expect_rc "bad IBAN" 3
expect_err "bad IBAN" 'grants: error: beneficiary "B-0100" is not valid, nothing written
  field '"'iban'"': value "FR76 3000 4616 1599 5646 6929 457": mod-97 check failed'
run beneficiary add --ref B-0100 --name Dupont --first-name Jean --profession nurse --commune 41018 \
  --iban "FR60 3000 6000 0112 3456 7890 089"
expect_rc "bad RIB key" 3
expect_err "bad RIB key" 'grants: error: beneficiary "B-0100" is not valid, nothing written
  field '"'iban'"': value "FR60 3000 6000 0112 3456 7890 089": RIB key 89 is wrong, expected 92'
expect_eq "bad IBAN wrote nothing" "$(count)" "0/0/0/0"

# An import clashing with a stored ref writes none of its rows.
run --format json beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0
expect_out "import, json" "{
  \"file\": \"$EXAMPLES/beneficiaries.csv\",
  \"imported\": 14
}"
printf 'ref,kind,name,first_name,profession,commune,iban\nB-0200,person,Petit,Jules,nurse,41018,\nB-0001,person,Petit,Anne,nurse,41018,\n' > dup.csv
run beneficiary import dup.csv
expect_rc "duplicate ref" 5
expect_err "duplicate ref" 'grants: error: dup.csv: 1 row clashes with stored beneficiaries, nothing imported
  dup.csv:3: field '"'ref'"': value "B-0001": already exists in the database'
expect_eq "duplicate ref wrote nothing" "$(count)" "14/0/0/0"

# A clash with a stored ref is listed with the other bad rows, in one go.
printf 'ref,kind,name,first_name,profession,commune,iban\nB-0001,person,Petit,Anne,nurse,41018,\nB-0200,person,Petit,Jules,nurse,4101,\n' > mixed.csv
run beneficiary import mixed.csv
expect_rc "clash and bad field" 3
expect_err "clash and bad field" 'grants: error: mixed.csv: 2 bad rows, nothing imported
  mixed.csv:2: field '"'ref'"': value "B-0001": already exists in the database
  mixed.csv:3: field '"'commune'"': value "4101": is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)'

# Text that is not UTF-8 (a CSV saved from a spreadsheet in Latin-1), a
# line break inside a name, a name no SEPA transfer can carry: every row
# named, nothing imported.
{
  printf 'ref,kind,name,first_name,profession,commune,iban\n'
  printf 'B-0300,person,Lef\xe8vre,H\xe9l\xe8ne,nurse,41018,\n'
  printf 'B-0301,person,"Roux\r\nMarie",Anne,nurse,41018,\n'
  printf 'B-0302,person,\xe7\x8e\x8b,\xe5\xb0\x8f\xe6\x98\x8e,nurse,41018,\n'
} > latin1.csv
run beneficiary import latin1.csv
expect_rc "text that cannot be stored" 3
expect_err "text that cannot be stored" 'grants: error: latin1.csv: 3 bad rows, nothing imported
  latin1.csv:2: field '"'name'"': value "Lef\xE8vre": is not valid UTF-8 (save the file as UTF-8)
  latin1.csv:2: field '"'first_name'"': value "H\xE9l\xE8ne": is not valid UTF-8 (save the file as UTF-8)
  latin1.csv:3: field '"'name'"': value "Roux\r\nMarie": contains a control character (\r)
  latin1.csv:5: field '"'name'"': value "王": has no letter or digit a SEPA transfer can carry (Latin letters, with or without accents, and digits): give the name in Latin letters'
expect_eq "text that cannot be stored wrote nothing" "$(count)" "14/0/0/0"
# Punctuation alone ("?" for a name not known yet) names no creditor either.
expect_error "a name of punctuation alone" 3 'beneficiary "B-0303" is not valid, nothing written
  field '"'name'"': value "?": has no letter or digit a SEPA transfer can carry (Latin letters, with or without accents, and digits): give the name in Latin letters' \
  beneficiary add --ref B-0303 --name "?" --first-name "-" --profession nurse --commune 41018
expect_eq "a name of punctuation alone wrote nothing" "$(count)" "14/0/0/0"

# Command-line values are text too: not UTF-8, or with a control character,
# they are refused before anything is read.
expect_error "an option value that is not UTF-8" 3 'option --reason: "abandon d\xE9finitif" is not valid UTF-8' \
  agreement terminate 1 --on 2024-12-01 --reason "$(printf 'abandon d\xe9finitif')"
expect_error "an argument with a control character" 3 'argument REF: "B-0001\n" contains a control character (\n)' \
  beneficiary show $'B-0001\n'
# Nor a character that shows nothing: a zero-width space makes another
# spelling of a reference, a direction override reverses a name as an
# auditor reads it in an export.
expect_error "an argument with an invisible character" 3 'argument REF: "B-\u{200b}0001" contains an invisible character (\u{200b})' \
  beneficiary show $'B-\u200b0001'
printf 'ref,kind,name,first_name,profession,commune,iban\nB-0304,person,\xe2\x80\xaeRoux,Anne\xc2\xad,nurse,41018,\n' >bidi.csv
expect_error "names with invisible characters" 3 'bidi.csv: 1 bad row, nothing imported
  bidi.csv:2: field '"'name'"': value "\u{202e}Roux": contains an invisible character (\u{202e})
  bidi.csv:2: field '"'first_name'"': value "Anne\u{ad}": contains an invisible character (\u{ad})' \
  beneficiary import bidi.csv
expect_eq "names with invisible characters wrote nothing" "$(count)" "14/0/0/0"

# A value pasted whole (a file's content for a reason) is refused, shown by
# its start and its length; a name longer than a SEPA party's is refused at
# import, though the bank would only get its first 70 characters.
long=$(printf 'abandon %.0s' $(seq 600))
expect_error "a pasted reason" 3 "option --reason: \"$(printf 'abandon %.0s' $(seq 7))aban… (4800 characters)\" is 4800 characters long, more than the 4096 it may have" \
  agreement terminate 1 --on 2024-12-01 --reason "$long"
{
  printf 'ref,kind,name,first_name,profession,commune,iban\n'
  printf 'B-0400,person,%s,Anne,nurse,41018,\n' "$(printf 'Lefèvre-%.0s' $(seq 18))"
} >long.csv
run beneficiary import long.csv
expect_rc "a name longer than a SEPA party's" 3
expect_err "a name longer than a SEPA party's" "grants: error: long.csv: 1 bad row, nothing imported
  long.csv:2: field 'name': value \"$(printf 'Lefèvre-%.0s' $(seq 18))\": is 144 characters long, more than the 140 it may have"
expect_eq "long names wrote nothing" "$(count)" "14/0/0/0"

# An unknown scheme, a date that does not exist, an amount with three decimals.
run application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursery --on 2024-10-01 --start 2024-11-01
expect_rc "unknown scheme" 3
expect_err "unknown scheme" 'grants: error: unknown scheme "loir-et-cher/intern-bursery"; known schemes: loir-et-cher/equipment-aid, loir-et-cher/intern-bursary, loir-et-cher/intern-bursary-supplement, loir-et-cher/investment-aid, loir-et-cher/long-internship-allowance, loir-et-cher/paramedical-bursary, vienne/dentistry-study-aid, vienne/medicine-study-aid, vienne/physiotherapy-study-aid, vienne/speech-therapy-study-aid'
run application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2024-02-30 --start 2024-11-01
expect_rc "bad date" 3
expect_err "bad date" 'grants: error: option --on: date "2024-02-30": day 30 does not exist in February 2024'
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2025-02-03 --start 2025-03-01 --expenses 14250.005
expect_rc "bad amount" 3
expect_err "bad amount" 'grants: error: option --expenses: amount "14250.005": more than two decimals'
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2025-02-03 --start 2025-03-01 --expenses -100
expect_rc "negative expenses" 3
expect_err "negative expenses" 'grants: error: option --expenses: "-100" is negative'
expect_eq "bad options wrote nothing" "$(count)" "14/0/0/0"

# A malformed rule file: `rules check` names file, line and key; any command
# that needs the rules refuses to run on it.
mkdir rules
cp "$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" rules/
sed -i 's/^monthly = "500.00"$/monthly = "500,005"/; s/^years = 5$/years = "5"/; s/^day_of_month = 5  # assumption.*$/day_of_mnth = 5/' rules/loir-et-cher.toml
# The lines the sed above broke, as the messages must name them.
lines=($(grep -n -e '^monthly = "500,005"$' -e '^day_of_mnth = 5$' -e '^years = "5"$' rules/loir-et-cher.toml | cut -d: -f1))
expect_eq "four lines broken" "${#lines[@]}" 4
run rules check rules/loir-et-cher.toml
expect_rc "bad rule file" 3
expect_err "bad rule file" "grants: error: rules/loir-et-cher.toml: 4 problems in the rule file
  rules/loir-et-cher.toml:${lines[0]}: schemes.intern-bursary.periods[0].amount.monthly: amount \"500,005\": more than two decimals
  rules/loir-et-cher.toml:${lines[1]}: schemes.intern-bursary.periods[0].payment.day_of_mnth: unknown key (allowed: day_of_month, first, partial, month_end, rounding)
  rules/loir-et-cher.toml:${lines[2]}: schemes.paramedical-bursary.periods[0].amount.monthly: amount \"500,005\": more than two decimals
  rules/loir-et-cher.toml:${lines[3]}: schemes.investment-aid.periods[0].obligation.years: expected an integer, found a string: \"5\""
run --rules rules application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2024-10-01 --start 2024-11-01
expect_rc "command on a bad rule file" 3
expect_contains "command on a bad rule file names it" "$ERR" "rules/loir-et-cher.toml:${lines[3]}: schemes.investment-aid.periods[0].obligation.years: expected an integer, found a string: \"5\""
expect_eq "bad rule file wrote nothing" "$(count)" "14/0/0/0"

# Approving an application that misses a condition, signing one not approved.
run application submit --beneficiary B-0005 --scheme loir-et-cher/intern-bursary --on 2024-10-14 --start 2024-11-01
expect_rc "ineligible submit is recorded" 0
run application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
expect_rc "approve ineligible" 5
expect_err "approve ineligible" 'grants: error: application 1 cannot be approved: profession: nursing-student is not among: general-medicine-intern'
run agreement sign 1 --on 2024-10-20
expect_rc "sign unapproved" 5
expect_err "sign unapproved" 'grants: error: application 1 is submitted, only an approved application can be signed'
expect_eq "refusals wrote nothing more" "$(count)" "14/1/0/0"
expect_eq "application still undecided" "$(sql 'SELECT state FROM applications WHERE id = 1')" "submitted"

# A month out of the years a date may have says so.
expect_error "month of year 9999" 3 'option --month: month "9999-12": year 9999 is outside 1900-2999' \
  batch run --month 9999-12 --by "Marc Petit"
expect_error "month 13" 3 'option --month: month "2024-13": expected YYYY-MM with a month from 01 to 12' \
  batch run --month 2024-13 --by "Marc Petit"

# A usage error is not a data error.
run application submit --beneficiary B-0001
expect_rc "usage error" 2

# A name stored before input was checked, in Latin-1: listings still print,
# JSON with U+FFFD in its place. (PostgreSQL refuses such bytes itself.)
only_on sqlite "PostgreSQL stores no text that is not valid UTF-8"
sql "UPDATE beneficiaries SET name = CAST(X'4C6566E8767265' AS TEXT) WHERE ref = 'B-0001'"
run --format json beneficiary show B-0001
expect_rc "JSON of a stored Latin-1 name" 0
expect_contains "JSON of a stored Latin-1 name" "$OUT" '"name": "Lef�vre"'

finish
