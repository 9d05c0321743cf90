# A suspension dated before the day the convention last resumed is
# refused, naming both dates, and writes nothing. Before, convention 1
# (24 × 500 € due on the 5th from 2024-11-05), suspended from 2025-02-01
# and resumed on 2025-06-01 (its unpaid instalments moved 4 months), could
# be suspended again from 2025-03-01: resumed on 2025-07-01, its
# instalments moved 4 months more, March to May counted twice (instalment
# 4, due in February as signed, came due in October instead of July).
source "$(dirname "$0")/lib.bash"
load_examples

# dues ID: the due dates of a convention's first instalments, 1 to 5.
dues() { sql "SELECT number || ' ' || due_on FROM instalments WHERE agreement_id = $1 AND number <= 5 ORDER BY number"; }

run agreement suspend 1 --from 2025-02-01 --reason "congé parental"
expect_out "suspend" "convention 1 suspended from 2025-02-01"
run agreement resume 1 --on 2025-06-01 --reason "reprise des études"
expect_out "resume" "convention 1 resumed on 2025-06-01; 21 unpaid instalments moved by 4 months"
DUES=$(dues 1)
expect_eq "instalment 4 moved from February to June" "$DUES" "1 2024-11-05
2 2024-12-05
3 2025-01-05
4 2025-06-05
5 2025-07-05"

expect_error_unchanged "a suspension from before the resumption" 3 \
  "option --from: 2025-03-01 is before convention 1 resumed, on 2025-06-01" \
  agreement suspend 1 --from 2025-03-01 --reason "congé parental"
expect_sql "still active" "SELECT state FROM agreements WHERE id = 1" active

# From the day it resumed is allowed: one more month.
run agreement suspend 1 --from 2025-06-01 --reason "rechute"
expect_out "a suspension from the day it resumed" "convention 1 suspended from 2025-06-01"
run agreement resume 1 --on 2025-07-01 --reason "reprise des études"
expect_out "resumed a month later" "convention 1 resumed on 2025-07-01; 21 unpaid instalments moved by 1 month"
expect_eq "instalment 4 now due in July" "$(dues 1)" "1 2024-11-05
2 2024-12-05
3 2025-01-05
4 2025-07-05
5 2025-08-05"
expect_sql "the last instalment five months later, the total unchanged" \
  "SELECT max(due_on), count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1" "2027-03-05|24|1200000"

finish
