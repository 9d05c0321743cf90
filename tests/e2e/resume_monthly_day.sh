# A monthly schedule paid on the 31st, suspended and resumed: each moved
# instalment falls due on the 31st of its new month, clamped to the month's
# last day, as the schedule set every instalment at signature. Before, a
# moved instalment kept the day of its scheduled date: the one due on
# 2025-02-28 went to 2025-03-28 and the one due on 2025-04-30 to
# 2025-05-30.
source "$(dirname "$0")/lib.bash"

copy_rules
# The long-internship allowance (6 × 250 €) paid on the 31st.
sed -i '/^\[schemes\.long-internship-allowance\.periods\.payment\]$/,/^\[/ s/^day_of_month = 5$/day_of_month = 31/' \
  "$RULES/loir-et-cher.toml"
run rules check "$RULES/loir-et-cher.toml"
expect_rc "the rules paying on the 31st are valid" 0

run init
run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0

# due ID: "number due covers_from covers_to" of each instalment.
due() {
  sql "SELECT number || ' ' || due_on || ' ' || covers_from || ' ' || covers_to
       FROM instalments WHERE agreement_id = $1 ORDER BY number"
}

export GRANTS_TODAY=2025-01-10
run application submit --beneficiary B-0005 --scheme loir-et-cher/long-internship-allowance --on 2025-01-06 \
  --start 2025-01-06
expect_rc "submit" 0
run application decide 1 --approve --deliberation CP-2025-01-08-01 --date 2025-01-08
expect_rc "approve" 0
run agreement sign 1 --on 2025-01-10
expect_rc "sign" 0
expect_eq "as signed: the 31st, clamped to each month's last day" "$(due 1)" "1 2025-01-31 2025-01-06 2025-01-31
2 2025-02-28 2025-02-01 2025-02-28
3 2025-03-31 2025-03-01 2025-03-31
4 2025-04-30 2025-04-01 2025-04-30
5 2025-05-31 2025-05-01 2025-05-31
6 2025-06-30 2025-06-01 2025-06-30"

# hold FROM ON N: suspended from FROM and resumed on ON, one month later,
# moving its N unpaid instalments.
hold() {
  run agreement suspend 1 --from "$1" --reason "arrêt maladie"
  expect_out "suspend from $1" "convention 1 suspended from $1"
  run agreement resume 1 --on "$2" --reason "reprise du stage"
  expect_out "resume on $2" "convention 1 resumed on $2; $3 unpaid instalments moved by 1 month"
}

export GRANTS_TODAY=2025-02-10
hold 2025-02-01 2025-03-03 5
expect_eq "moved one month: each on the 31st of its new month, or its last day" "$(due 1)" \
  "1 2025-01-31 2025-01-06 2025-01-31
2 2025-03-31 2025-03-01 2025-03-31
3 2025-04-30 2025-04-01 2025-04-30
4 2025-05-31 2025-05-01 2025-05-31
5 2025-06-30 2025-06-01 2025-06-30
6 2025-07-31 2025-07-01 2025-07-31"

# A second suspension, over April: one month more, counted from signature.
export GRANTS_TODAY=2025-04-10
hold 2025-04-01 2025-05-02 4
expect_eq "moved two months in all: the 31st kept" "$(due 1)" \
  "1 2025-01-31 2025-01-06 2025-01-31
2 2025-03-31 2025-03-01 2025-03-31
3 2025-05-31 2025-05-01 2025-05-31
4 2025-06-30 2025-06-01 2025-06-30
5 2025-07-31 2025-07-01 2025-07-31
6 2025-08-31 2025-08-01 2025-08-31"
run schedule show 1
expect_contains "the total is the award, to the cent" "$OUT" "Total: 1 500,00 € in 6 instalments; award 1 500,00 €"

finish
