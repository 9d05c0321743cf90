# A first due date years away (2126 typed for 2026) is refused: the order
# would lapse, four years after its issue with nothing received, before
# anything is owed (before: the order was issued, due in 2126).
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2030-06-30
load_examples

# The bank pays everything due until October 2026: convention 4, 12 × 500 €.
paid_batch 2026-10 1 2026-10-01 2026-10-02 2026-10-05

# --- the first due date
issue4() {
  run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
    --by "Claire Martin" "$@"
}
expect_error_unchanged "a due date a century away" 3 \
  "option --due: 2126-10-07 is after 2030-10-07, the day the order lapses 4 years after the decision of 2026-10-07 when nothing is received (CGCT art. L1617-5): give a due date on or before it" \
  clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
  --due 2126-10-07
expect_error_unchanged "the day after the limitation" 3 \
  "option --due: 2030-10-08 is after 2030-10-07, the day the order lapses 4 years after the decision of 2026-10-07 when nothing is received (CGCT art. L1617-5): give a due date on or before it" \
  clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
  --due 2030-10-08
copy_db before_order
issue4 --due 2030-10-07
expect_rc "due on the last day of the limitation" 0
expect_sql "its due date" "SELECT due_on FROM recovery_orders WHERE number = 'TR-2026-00001'" "2030-10-07"

finish
