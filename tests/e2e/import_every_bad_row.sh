# Bad input is reported in full. Before, a misplaced quote stopped an
# import at its line (the bad rows after it waited for the next try), a
# file of its header alone "imported 0 beneficiaries" with exit 0, `Person`
# and `Nurse` were refused though `Ref` was taken for `ref`, and a TOML
# syntax error gave its line and not its column. Every refusal writes
# nothing.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
run init
expect_rc "init" 0
H='ref,kind,name,first_name,profession,commune,iban'

# A misplaced quote on line 2, a bad kind on line 3: both named.
printf '%s\n' "$H" 'B-0001,person,Dupont "Jo",Jean,nurse,41018,' 'B-0002,persn,Durand,Paul,nurse,41018,' >q.csv
expect_error_unchanged "a misplaced quote and a bad kind" 3 'q.csv: 2 bad rows, nothing imported
  q.csv:2: malformed CSV: misplaced quote at column 22 (within a field, a quote is written "" and the field put between quotes); reading goes on at line 3
  q.csv:3: field '"'kind'"': value "persn": must be "person" or "structure"' \
  beneficiary import q.csv

# A quote never closed: the rows before it are checked, and the message
# says from which line on the file could not be read. Line numbers after a
# name over two lines are the file's.
printf '%s\r\n' "$H" 'B-0001,person,"Roux' 'Durand",Anne,nurse,41018,' 'B-0002,person,Dupont,Jean,nurse,4101,' \
  'B-0003,person,"Durand,Paul,nurse,41018,' 'B-0004,persn,Roux,Anne,nurse,41018,' >open.csv
expect_error_unchanged "a quote never closed" 3 'open.csv: 3 bad rows, nothing imported
  open.csv:2: field '"'name'"': value "Roux\r\nDurand": contains a control character (\r)
  open.csv:4: field '"'commune'"': value "4101": is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)
  open.csv:5: malformed CSV: unterminated quoted field: the quote opened on line 5 is never closed, so from line 6 on, the file cannot be read' \
  beneficiary import open.csv

# A header alone (after a BOM, before an empty line) is a wrong file.
printf '\xef\xbb\xbf%s\r\n\r\n' "$H" >header.csv
expect_error_unchanged "a header alone" 3 'header.csv: the file has a header line and no row: nothing to import' \
  beneficiary import header.csv

# Kind and profession in any case, with blanks around: stored as the
# vocabulary spells them.
{
  printf '\xef\xbb\xbf'
  printf '%s\r\n' "$H" 'B-0001, Person ,Lefèvre,Hélène,Nurse,41018,' \
    'B-0002,STRUCTURE,MSP Salbris,, Maison-De-Sante,41232,' ''
} >case.csv
run beneficiary import case.csv
expect_rc "kind and profession in any case" 0
expect_out "kind and profession in any case" "imported 2 beneficiaries from case.csv"
run beneficiary add --ref B-0003 --kind " Structure" --name "Centre de santé" --profession Centre-De-Sante --commune 41018
expect_rc "--kind in any case" 0
expect_sql "stored as the vocabulary spells them" "SELECT ref, kind, profession FROM beneficiaries ORDER BY ref" \
  "B-0001|person|nurse
B-0002|structure|maison-de-sante
B-0003|structure|centre-de-sante"
expect_error_unchanged "an unknown --kind" 3 'option --kind: "persons": expected person or structure' \
  beneficiary add --ref B-0004 --kind persons --name Roux --first-name Anne --profession nurse --commune 41018
expect_error_unchanged "an unknown profession lists the kind's" 3 'beneficiary "B-0004" is not valid, nothing written
  field '"'profession'"': value "hospital": is not a known structure type (one of association, centre-de-sante, commune, intercommunality, maison-de-sante)' \
  beneficiary add --ref B-0004 --kind structure --name Roux --profession hospital --commune 41018

# A TOML syntax error gives its column, in characters.
mkdir rules
printf 'departement = "Loir-et-Cher"\ncode = "41"\nreference = "Plan santé" 2024\n' >rules/bad.toml
expect_error_unchanged "a TOML syntax error" 3 "rules/bad.toml: 1 problem in the rule file
  rules/bad.toml:3:26: TOML syntax: Error while parsing key-value pair: expected a comment or whitespace, saw '2'" \
  rules check rules/bad.toml

finish
