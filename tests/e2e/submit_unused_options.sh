# A start date or expenses the scheme does not use are refused, naming the
# option and what the scheme pays, and nothing is recorded.
#
# Before: they were recorded and shown with the application ("start:
# 2026-06-01"), while the investment aid was paid from the signature and
# the intern bursary 500,00 € a month whatever the expenses.
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-11-20
run beneficiary add --ref S-0001 --kind structure --name "MSP de Mer" --profession maison-de-sante --commune 41136
expect_rc "a structure" 0

expect_error_unchanged "a start for an aid paid at signature" 3 \
  "option --start: loir-et-cher/investment-aid is paid from the convention's signature, not from a start date: leave --start out; nothing recorded" \
  application submit --beneficiary S-0001 --scheme loir-et-cher/investment-aid --on 2025-11-03 --expenses "40 000,00" --start 2026-06-01
expect_error_unchanged "expenses for a monthly bursary" 3 \
  "option --expenses: loir-et-cher/intern-bursary pays a monthly amount, not a share of expenses: leave --expenses out; nothing recorded" \
  application submit --beneficiary B-0014 --scheme loir-et-cher/intern-bursary --on 2025-11-03 --start 2025-12-01 --expenses "500,00"

run application submit --beneficiary S-0001 --scheme loir-et-cher/investment-aid --on 2025-11-03 --expenses "40 000,00"
expect_rc "the investment aid without a start" 0
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2025-11-03 --start 2025-12-01 --expenses "8 000,00"
expect_rc "the equipment aid with both" 0
expect_sql "what was recorded" \
  "SELECT a.scheme_id, a.start_on, a.expenses_cents FROM applications a JOIN beneficiaries b ON b.id = a.beneficiary_id WHERE b.ref IN ('S-0001', 'B-0012') AND a.submitted_on = '2025-11-03' ORDER BY a.id" \
  "loir-et-cher/investment-aid||4000000
loir-et-cher/equipment-aid|2025-12-01|800000"
finish
