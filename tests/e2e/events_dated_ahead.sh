# A suspension, resumption or termination may be dated ahead of today up to
# the end of the month after today's, as far as a batch may be prepared:
# a termination decided on 2025-03-10 and effective on 2025-03-31 leaves
# March's instalment to the March batch and cancels April's; a suspension
# from 2025-04-01 lets March be paid and holds April. A date further ahead
# is refused, writing nothing, with the day from which it can be recorded.
# Before, a year mistyped (2035 for 2025) was taken: the termination
# cancelled nothing while the convention showed terminated, every batch
# still paid it, and no command could take it back (a convention is
# terminated once; a suspension is resumed from its first day at the
# earliest, moving the instalments by ten years).
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-03-10

# --- refused: after 2025-04-30, the end of the month after today's
ahead() {  # ahead OPTION DATE FROM: the message for DATE, recorded from FROM
  echo "option $1: $2 is more than a month ahead: today is 2025-03-10, and a date after 2025-04-30 changes no batch that can be prepared yet (a batch is prepared during the month before its own at the earliest); record it from $3"
}
expect_error_unchanged "a termination with a mistyped year" 3 "$(ahead --on 2035-03-31 2035-02-01)" \
  agreement terminate 1 --on 2035-03-31 --reason "abandon des études"
expect_error_unchanged "a termination the day after the bound" 3 "$(ahead --on 2025-05-01 2025-04-01)" \
  agreement terminate 1 --on 2025-05-01 --reason "abandon des études"
expect_error_unchanged "a suspension with a mistyped year" 3 "$(ahead --from 2035-04-01 2035-03-01)" \
  agreement suspend 2 --from 2035-04-01 --reason "congé maladie"
expect_sql "both still active, nothing cancelled" \
  "SELECT state FROM agreements WHERE id IN (1, 2) ORDER BY id" "active
active"

# --- taken: a termination at the end of this month, a suspension from the
# first day of the next, the last day of the next month
run agreement terminate 1 --on 2025-03-31 --reason "abandon des études au 31 mars"
expect_out "terminated at the end of the month" "convention 1 terminated on 2025-03-31; 19 instalments cancelled"
run agreement suspend 6 --from 2025-04-01 --reason "congé maladie"
expect_out "suspended from next month" "convention 6 suspended from 2025-04-01"
run agreement suspend 2 --from 2025-04-30 --reason "congé maladie"
expect_out "suspended from the last day allowed" "convention 2 suspended from 2025-04-30"
expect_error_unchanged "a resumption with a mistyped year" 3 "$(ahead --on 2035-09-01 2035-08-01)" \
  agreement resume 6 --on 2035-09-01 --reason "reprise des études"
# Convention 8 (6 × 250 € due on the 5th, 2024-11-05 to 2025-04-05),
# suspended ahead, then ended before the suspension begins: March stays
# owed, April is cancelled.
run agreement suspend 8 --from 2025-04-01 --reason "congé maladie"
expect_rc "suspend 8 ahead" 0
run agreement terminate 8 --on 2025-03-20 --reason "réorientation"
expect_out "terminated before the suspension begins" "convention 8 terminated on 2025-03-20; 1 instalment cancelled"

# --- what show says today: terminated, March's instalment still paid
run agreement show 1
expect_contains "state" "$OUT" "  state:                   terminated"
expect_contains "March pays, April cancelled" "$OUT" \
  "       5  2025-03-05  500,00 €  2025-03-01   2025-03-31  open       pays
       6  2025-04-05  500,00 €  2025-04-01   2025-04-30  cancelled"
expect_contains "the note" "$OUT" "Batch for 2025-03 prepared today (2025-03-10): pays 5 instalments (2 500,00 €)"
expect_contains "the totals" "$OUT" "Total: 12 000,00 € in 24 instalments; award 12 000,00 €
By state: open 5 (2 500,00 €); cancelled 19 (9 500,00 €)"
run --format json agreement show 1
json() { sqlite3 :memory: "SELECT json_extract(readfile('$WORK/stdout'), '\$.$1')"; }
expect_eq "json: the same" "$(json state) $(json batch_today_pays) $(json batch_today_pays_total)" "terminated 5 2500.00"
run --format csv agreement show 1
expect_contains "csv: the same" "$(tr -d '\r' <<<"$OUT")" "5,2025-03-05,500.00,2025-03-01,2025-03-31,open,pays,
6,2025-04-05,500.00,2025-04-01,2025-04-30,cancelled,,"
run agreement show 6
expect_contains "suspended ahead: March still paid, April not yet due" "$OUT" \
  "       7  2025-03-05  500,00 €  2025-03-01   2025-03-31  open   pays
       8  2025-04-05  500,00 €  2025-04-01   2025-04-30  open"

# --- the batches of March and April
run batch run --month 2025-03 --by "Marc Petit" --on 2025-03-10
expect_rc "the March batch" 0
expect_eq "March pays convention 1 up to March, 6 up to March, 8 up to March" \
  "$(batch_payments 1 | awk -F, '$2 == 1 || $2 == 6 || $2 == 8 { print $2 "/" $3, $7 }' | sort -t/ -k1,1n -k2,2n | tr '\n' ' ')" \
  "1/1 500.00 1/2 500.00 1/3 500.00 1/4 500.00 1/5 500.00 6/1 500.00 6/2 500.00 6/3 500.00 6/4 500.00 6/5 500.00 6/6 500.00 6/7 500.00 8/1 250.00 8/2 250.00 8/3 250.00 8/4 250.00 8/5 250.00 "
expect_sql "none of them held" "SELECT count(*) FROM batch_holds WHERE agreement_id IN (1, 6, 8)" 0
run batch approve 1 --by "Claire Martin" --on 2025-03-10
expect_rc "approve" 0
run batch export 1 --sepa "$WORK/2025-03.xml" --created-at 2025-03-10T10:00:00 --execution-date 2025-03-10
expect_rc "export" 0
run batch settle 1 --on 2025-03-10
expect_rc "settle" 0

export GRANTS_TODAY=2025-04-02
run batch run --month 2025-04 --by "Marc Petit" --on 2025-04-02
expect_rc "the April batch" 0
expect_sql "April pays nothing of conventions 1, 6 and 8" \
  "SELECT count(*) FROM payments WHERE batch_id = 2 AND agreement_id IN (1, 6, 8)" 0
expect_sql "and holds April's instalment of convention 6" \
  "SELECT agreement_id || '/' || instalment || ' ' || reason FROM batch_holds WHERE batch_id = 2 AND agreement_id IN (1, 6, 8)" \
  "6/8 convention suspended"
run schedule show 1
expect_contains "convention 1: what was paid, the rest cancelled" "$OUT" \
  "By state: paid 5 (2 500,00 €); cancelled 19 (9 500,00 €)"
run ledger verify
expect_rc "ledger verify" 0

finish
