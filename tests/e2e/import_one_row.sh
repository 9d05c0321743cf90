# A file of one beneficiary was "imported 1 beneficiaries".
source "$(dirname "$0")/lib.bash"
run init

CSV="$WORK/one.csv"
printf '%s\n' 'ref,kind,name,first_name,profession,commune,iban' \
  'B-0001,person,Lefèvre,Hélène,general-medicine-intern,41018,' >"$CSV"
run beneficiary import "$CSV"
expect_rc "import" 0
expect_out "one beneficiary" "imported 1 beneficiary from $CSV"

finish
