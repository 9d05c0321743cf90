# A commune code of a département that does not exist (96123, 00000), or
# numbered 000, was taken for a commune: the beneficiary was stored with
# it, and eligibility's "commune in the département" then judged on it. It
# is refused wherever a commune comes in, saying why; so is a rule file
# whose département code is none. A byte-order mark in the middle of a
# value (two exports pasted together) is shown in the message, where it
# made a right-looking code seem refused for nothing. Nothing is written.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
load_examples
export GRANTS_TODAY=2030-06-30
DEPS='(a département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)'

# The import names each bad row by file, line and field.
printf '%s\n' 'ref,kind,name,first_name,profession,commune,iban' \
  'B-0901,person,Roux,Anne,nurse,96123,' \
  'B-0902,person,Roux,Paul,nurse,41018,' \
  'B-0903,person,Durand,Léa,nurse,00000,' \
  'B-0904,person,Durand,Jean,nurse,41000,' \
  'B-0905,person,Petit,Marc,nurse,20004,' \
  'B-0906,person,Petit,Anne,nurse,97701,' \
  $'B-0907,person,Lebrun,Zoé,nurse,\xef\xbb\xbf41018,' >communes.csv
expect_error_unchanged "impossible communes in an import" 3 "communes.csv: 6 bad rows, nothing imported
  communes.csv:2: field 'commune': value \"96123\": is not an INSEE commune code: no département 96 $DEPS
  communes.csv:4: field 'commune': value \"00000\": is not an INSEE commune code: no département 00 $DEPS
  communes.csv:5: field 'commune': value \"41000\": is not an INSEE commune code: no commune 000 in département 41
  communes.csv:6: field 'commune': value \"20004\": is not an INSEE commune code: no département 20 (Corsica is 2A or 2B)
  communes.csv:7: field 'commune': value \"97701\": is not an INSEE commune code: no département 977 $DEPS
  communes.csv:8: field 'commune': value \"\\u{feff}41018\": is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)" \
  beneficiary import communes.csv

# The same rows with possible codes, Corsican and overseas ones included.
printf '%s\n' 'ref,kind,name,first_name,profession,commune,iban' \
  'B-0901,person,Roux,Anne,nurse,2A004,' 'B-0902,person,Roux,Paul,nurse,97411,' >possible.csv
run beneficiary import possible.csv
expect_rc "possible communes are imported" 0
expect_sql "possible communes are stored" "SELECT ref, commune FROM beneficiaries WHERE ref LIKE 'B-09%' ORDER BY ref" \
  "B-0901|2A004
B-0902|97411"

expect_error_unchanged "beneficiary add --commune 96123" 3 "beneficiary \"B-0903\" is not valid, nothing written
  field 'commune': value \"96123\": is not an INSEE commune code: no département 96 $DEPS" \
  beneficiary add --ref B-0903 --kind person --name Durand --first-name Léa --profession nurse --commune 96123

# Practice events take a commune through the same check: a start in
# "41000" would pass for one in the département, a move to "96123" for one
# out of it.
run obligation diploma 1 --on 2026-10-15
expect_rc "the diploma" 0
expect_error_unchanged "obligation start --commune 41000" 3 \
  'option --commune: "41000" is not an INSEE commune code: no commune 000 in département 41' \
  obligation start 1 --on 2026-11-02 --commune 41000
run obligation start 1 --on 2026-11-02 --commune 41018
expect_rc "a start in 41018" 0
expect_error_unchanged "obligation move --commune 96123" 3 \
  "option --commune: \"96123\" is not an INSEE commune code: no département 96 $DEPS" \
  obligation move 1 --on 2028-03-14 --commune 96123

# A rule file's département code must be one: communes are matched on it.
mkdir rules
sed 's/^code = "41"$/code = "96"/' "$GRANTS_RULES/loir-et-cher.toml" >rules/loir-et-cher.toml
expect_error_unchanged "a rule file for département 96" 3 "rules/loir-et-cher.toml: 1 problem in the rule file
  rules/loir-et-cher.toml:17: code: \"96\" is not a département code: no département 96 $DEPS" \
  rules check rules/loir-et-cher.toml

finish
