# Creditor names as people type them reach the bank in the SEPA character
# set with their letters: accents decomposed (as macOS saves a file),
# Romanian and Vietnamese letters, typographic apostrophes, a name longer
# than the 70 characters of Nm, a name with "&". Before, a decomposed
# accent or a Latin letter after U+017F became a space: "He le ne Le fe vre",
# "Th H ng Nguy n" (which a payee name check at the bank does not match).
source "$(dirname "$0")/lib.bash"
need xmllint libxml2-utils

run init
CSV="$WORK/names.csv"
{
  echo "ref,kind,name,first_name,profession,commune,iban,bic,email"
  printf 'N-1,person,Le\xcc\x81fe\xcc\x80vre,He\xcc\x81le\xcc\x80ne,general-medicine-intern,41018,FR76 3000 4616 1599 5646 6929 456,,\n'
  echo "N-2,person,Nguyễn,Thị Hương,general-medicine-intern,41018,DE89 3704 0044 0532 0130 00,,"
  echo "N-3,person,Țurcanu,Ștefan,general-medicine-intern,41018,BE68 5390 0754 7034,,"
  echo "N-4,person,de La Rochefoucauld-Montbel d’Aubigné,Marie-Ségolène Anne-Sophie Éléonore,general-medicine-intern,41018,FR76 3000 6000 0112 3456 7890 189,,"
  echo "N-5,person,Dupont & Fils <SARL>,Jean,general-medicine-intern,41018,ES91 2100 0418 4502 0005 1332,,"
} >"$CSV"
run beneficiary import "$CSV"
expect_out "import" "imported 5 beneficiaries from $CSV"
for n in 1 2 3 4 5; do
  run application submit --beneficiary "N-$n" --scheme loir-et-cher/intern-bursary --on 2024-10-01 --start 2024-11-01
  run application decide "$n" --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
  run agreement sign "$n" --on 2024-10-20
  run agreement document "$n" --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --ref "Tours" --on 2024-10-20
  expect_rc "convention $n" 0
done
november_to export

FILE="$WORK/2024-11.xml"
names=$(xmllint --xpath "//*[local-name()='Cdtr']/*[local-name()='Nm']/text()" "$FILE")
expect_eq "creditor names keep their letters" "$names" "Helene Lefevre
Thi Huong Nguyen
Stefan Turcanu
Marie-Segolene Anne-Sophie Eleonore de La Rochefoucauld-Montbel d'Aubi
Jean Dupont Fils SARL"
expect_eq "a long name is cut to the 70 characters of Nm" \
  "$(sed -n 4p <<<"$names" | tr -d '\n' | wc -c)" 70
expect_eq "the file is ASCII" "$(LC_ALL=C grep -c -P '[^\x00-\x7F]' "$FILE")" 0
XSD="${GRANTS_SHARED:-}/xsd"
if [ -d "$XSD" ]; then
  if xmllint --noout --schema "$XSD/pain.001.001.03.xsd" "$FILE" >"$WORK/xmllint.out" 2>&1; then pass; else
    fail "the file does not validate" "$(cat "$WORK/xmllint.out")"; fi
fi

finish
