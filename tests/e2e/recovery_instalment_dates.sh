# A recovery order's monthly instalments fall due 1, 2, 3... months after
# the decision, each counted from it, clamped to the month's last day: a
# decision of 31 January 2028 gives 29 February, 31 March, 30 April, 31 May,
# 30 June (before: the first due date, clamped to the 29th, was the day of
# every later one, 29 March, 29 April...). The same from a --due date.
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2030-06-30
load_examples

# The bank pays everything due until October 2026: convention 4, 12 × 500 €.
paid_batch 2026-10 1 2026-10-01 2026-10-02 2026-10-05

issue4() {
  run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --by "Claire Martin" "$@"
  expect_rc "issue $*" 0
}
plan() {
  sql "SELECT i.number || ' ' || i.due_on || ' ' || i.amount_cents FROM recovery_instalments i
       JOIN recovery_orders o ON o.id = i.order_id WHERE o.number = '$1' ORDER BY i.number"
}
copy_db paid

issue4 --decision 2028-01-31 --instalments 5
expect_eq "from 31 January of a leap year" "$(plan TR-2028-00001)" "1 2028-02-29 120000
2 2028-03-31 120000
3 2028-04-30 120000
4 2028-05-31 120000
5 2028-06-30 120000"
expect_sql "the order's due date is its first instalment's" \
  "SELECT due_on FROM recovery_orders WHERE number = 'TR-2028-00001'" "2028-02-29"
run --format csv recovery show TR-2028-00001 --as-of 2028-04-01
expect_contains "overdue on 1 April: February's and March's" "$(tr -d '\r' <<<"$OUT")" "overdue,2400.00
next_due,2028-02-29"

use_copy paid thirtieth
issue4 --decision 2027-01-30 --instalments 4
expect_eq "from a 30th: 28 February, then the 30th again" "$(plan TR-2027-00001)" "1 2027-02-28 150000
2 2027-03-30 150000
3 2027-04-30 150000
4 2027-05-30 150000"

use_copy paid due
issue4 --decision 2027-12-20 --due 2028-01-31 --instalments 3
expect_eq "from --due, the 31st of January" "$(plan TR-2027-00001)" "1 2028-01-31 200000
2 2028-02-29 200000
3 2028-03-31 200000"
finish
