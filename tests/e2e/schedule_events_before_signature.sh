# A suspension, resumption or termination dated before the convention was
# signed is refused, naming the option and both dates, and writes nothing
# (before: a suspension from 2023-11-01 of a convention signed 2024-10-25,
# resumed on 2024-11-04, moved every instalment 12 months). So is a
# resumption before the suspension it ends.
source "$(dirname "$0")/lib.bash"
load_examples

# dues ID: the due dates of a convention's instalments, on one line.
dues() { sql "SELECT group_concat(due_on, ' ') FROM (SELECT due_on FROM instalments WHERE agreement_id = $1 ORDER BY number) d"; }
if [ "$BACKEND" = postgresql ]; then
  dues() { sql "SELECT string_agg(due_on, ' ' ORDER BY number) FROM instalments WHERE agreement_id = $1"; }
fi
DUES_8=$(dues 8)
expect_eq "convention 8 as signed" "$DUES_8" "2024-11-05 2024-12-05 2025-01-05 2025-02-05 2025-03-05 2025-04-05"
COUNTS=$(table_counts)

expect_error "a suspension before the signature" 3 \
  "option --from: 2023-11-01 is before convention 8 was signed, on 2024-10-25" \
  agreement suspend 8 --from 2023-11-01 --reason "congé"
expect_error "a termination before the signature" 3 \
  "option --on: 2020-01-01 is before convention 7 was signed, on 2025-09-29" \
  agreement terminate 7 --on 2020-01-01 --reason abandon
expect_eq "nothing written" "$(table_counts)" "$COUNTS"
expect_sql "both still active" "SELECT state FROM agreements WHERE id IN (7, 8) ORDER BY id" "active
active"

# On the day of the signature is allowed.
run agreement suspend 8 --from 2024-10-25 --reason "congé"
expect_out "a suspension from the signature day" "convention 8 suspended from 2024-10-25"
expect_error_unchanged "a resumption before the signature" 3 \
  "option --on: 2024-10-24 is before convention 8 was signed, on 2024-10-25" \
  agreement resume 8 --on 2024-10-24 --reason "reprise"
expect_eq "nothing moved" "$(dues 8)" "$DUES_8"
run agreement resume 8 --on 2024-11-04 --reason "reprise"
expect_out "resumed a month later" "convention 8 resumed on 2024-11-04; 6 unpaid instalments moved by 1 month"
expect_eq "moved by one month" "$(dues 8)" "2024-12-05 2025-01-05 2025-02-05 2025-03-05 2025-04-05 2025-05-05"

run agreement suspend 2 --from 2025-02-01 --reason "congé"
expect_rc "suspend convention 2" 0
expect_error_unchanged "a resumption before its suspension" 3 \
  "option --on: 2025-01-31 is before convention 2 was suspended, from 2025-02-01" \
  agreement resume 2 --on 2025-01-31 --reason "reprise"
expect_sql "still suspended" "SELECT state FROM agreements WHERE id = 2" suspended

finish
