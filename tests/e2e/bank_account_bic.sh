# A beneficiary's BIC: checked alike where it comes in and where it goes
# out, and never left behind by a change of bank account.
#
# Before: the import took "BNPAFR1P" (a location code starting with 1),
# which the SEPA file refuses, so the whole batch could not be exported and
# no command could correct the BIC; and `set-iban` kept the old account's
# BIC, sent to the bank beside the new IBAN.
source "$(dirname "$0")/lib.bash"
load_examples

need xmllint libxml2-utils

# --- the import refuses what the SEPA file would refuse, naming the part
CSV="$WORK/bic.csv"
printf '%s\n' "ref,kind,name,first_name,profession,commune,iban,bic,email" \
  "B-0100,person,Roux,Anne,general-medicine-intern,41018,,bnpa fr 1p," \
  "B-0101,person,Roux,Paul,general-medicine-intern,41018,,BNPAFRPO," \
  "B-0102,person,Roux,Marc,general-medicine-intern,41018,,cmcifr2a," >"$CSV"
BEFORE=$(table_counts)
expect_error "import: BICs the SEPA schema refuses" 3 "$CSV: 2 bad rows, nothing imported
  $CSV:2: field 'bic': value \"BNPAFR1P\": is not a BIC: location code \"1P\" must start with a capital letter or a digit from 2 to 9
  $CSV:3: field 'bic': value \"BNPAFRPO\": is not a BIC: location code \"PO\" must end with a capital letter other than O or a digit" \
  beneficiary import "$CSV"
expect_eq "import: nothing written" "$(table_counts)" "$BEFORE"

# --- set-iban: the BIC goes with the account
run beneficiary set-iban B-0001 "fr76 3000 4616 1599 5646 6929 456"
expect_out "the same IBAN keeps its BIC" "beneficiary B-0001: IBAN FR76 3000 4616 1599 5646 6929 456, BIC BNPAFRPPXXX"
run beneficiary set-iban B-0001 "DE89 3704 0044 0532 0130 00"
expect_out "a new IBAN drops the old account's BIC" \
  "beneficiary B-0001: IBAN DE89 3704 0044 0532 0130 00, no BIC (was BNPAFRPPXXX)"
expect_sql "stored without BIC" "SELECT iban, bic FROM beneficiaries WHERE ref = 'B-0001'" "DE89370400440532013000|"
run beneficiary set-iban B-0007 "FR76 1027 8948 3274 1535 6013 266" --bic "cmci fr 2a"
expect_out "a new IBAN with its BIC" "beneficiary B-0007: IBAN FR76 1027 8948 3274 1535 6013 266, BIC CMCIFR2A (was BNPAFRPPXXX)"
BEFORE=$(table_counts)
expect_error "a BIC too short" 3 "option --bic: \"COBADE\" is not a BIC: has 6 characters, not 8 or 11" \
  beneficiary set-iban B-0001 "DE89 3704 0044 0532 0130 00" --bic COBADE
expect_error "a bank code with a digit" 3 "option --bic: \"C0BADEFF\" is not a BIC: bank code \"C0BA\" is not 4 capital letters" \
  beneficiary set-iban B-0001 "FR76 3000 4616 1599 5646 6929 456" --bic C0BADEFF
expect_sql "refused: the account is unchanged" "SELECT iban, bic FROM beneficiaries WHERE ref = 'B-0001'" \
  "DE89370400440532013000|"
expect_eq "refused: nothing written" "$(table_counts)" "$BEFORE"
expect_error "an unknown beneficiary" 4 "beneficiary \"B-0999\" does not exist" \
  beneficiary set-iban B-0999 "DE89 3704 0044 0532 0130 00"

# --- an IBAN copied from a PDF: no-break spaces between its groups
run beneficiary set-iban B-0008 "$(printf 'FR76\xc2\xa03000\xc2\xa06000\xe2\x80\xaf0112\xc2\xa03456\xc2\xa07890\xc2\xa0189')" --bic AGRIFRPPXXX
expect_out "no-break spaces are spaces" "beneficiary B-0008: IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPPXXX"
expect_error "a dash is named" 3 \
  "IBAN \"FR76-3000-6000-0112-3456-7890-189\": only letters, digits and spaces are allowed, not \"-\"" \
  beneficiary set-iban B-0008 "FR76-3000-6000-0112-3456-7890-189"

# --- a BIC stored before it was checked holds its instalments, as an
# invalid IBAN does: the rest of the month still reaches the bank
sql "UPDATE beneficiaries SET bic = 'BNPAFR1P' WHERE ref = 'B-0004'"
november_to export
run batch show 1
expect_contains "B-0004's three instalments are held" "$OUT" \
  "           6           1  2024-09-05  500,00 €  B-0004       loir-et-cher/paramedical-bursary  BIC \"BNPAFR1P\" is not valid: location code \"1P\" must start with a capital letter or a digit from 2 to 9"
expect_sql "no payment to B-0004" "SELECT count(*) FROM payments WHERE agreement_id = 6" 0
expect_eq "B-0001 is paid without BIC" "$(xml_bic "$WORK/2024-11.xml" G41-A000001-I01-R0)" ""
expect_eq "B-0007's new BIC goes to the bank" "$(xml_bic "$WORK/2024-11.xml" G86-A000011-I01-R0)" "CMCIFR2A"
expect_eq "B-0005 keeps hers" "$(xml_bic "$WORK/2024-11.xml" G41-A000008-I01-R0)" "CEPAFRPP450"

finish
