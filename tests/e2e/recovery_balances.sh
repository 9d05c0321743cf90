# A recovery order seen by the finance officer, step by step: an instalment
# plan that does not divide evenly, receipts, the balances on the dates
# between them in every format, the four-year limitation on the day before,
# of and after, the refusals that write nothing, and the ledger entry of each
# step. `recovery show --as-of` a date before the order was issued is
# refused, as `recovery list` leaves the order out then (before: it showed
# an open balance of 6 000,00 € owed on a day the order did not exist).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/recovery.bash"
export GRANTS_TODAY=2030-06-30
load_examples
paid_batch 2026-10 1 2026-10-01 2026-10-02 2026-10-05

FIELDS='number|received|balance|overdue|next_due|state|limitation|time_barred'

# --- 6 000,00 € in 7 monthly instalments: six of 857,14 €, the last 857,16 €
run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
  --instalments 7 --by "Claire Martin"
expect_rc "issued" 0
expect_sql "the plan, to the cent" \
  "SELECT ri.number, ri.due_on, ri.amount_cents FROM recovery_instalments ri JOIN recovery_orders o ON o.id = ri.order_id ORDER BY ri.number" \
  "1|2026-11-07|85714
2|2026-12-07|85714
3|2027-01-07|85714
4|2027-02-07|85714
5|2027-03-07|85714
6|2027-04-07|85714
7|2027-05-07|85716"
expect_sql "sums to the order" \
  "SELECT sum(ri.amount_cents), o.amount_cents FROM recovery_instalments ri JOIN recovery_orders o ON o.id = ri.order_id GROUP BY o.amount_cents" \
  "600000|600000"
expect_eq "its ledger entry: receivable debited, recovery account credited" "$(ledger_of clawback)" \
  "2026-10-07 4641 773 6000.00 Titre de recette TR-2026-00001 : obligation rompue le 2026-09-15 (pro-rata by month)"
verify "the order"

expect_error_unchanged "shown before it was issued" 3 \
  "option --as-of: 2026-10-06 is before order TR-2026-00001 was issued, on 2026-10-07" \
  recovery show TR-2026-00001 --as-of 2026-10-06
run --format csv recovery list --as-of 2026-10-06
expect_eq "nor listed" "$(tr -d '\r' <<<"$OUT" | tail -n +2)" ""

# --- receipts, and the refusals
expect_error_unchanged "a receipt after today" 3 \
  "option --on: 2030-07-01 is after today, 2030-06-30: money does not move on a day to come, and the ledger, kept in date order, would take nothing dated before it from then on" \
  recovery receive TR-2026-00001 --amount 100 --on 2030-07-01
expect_error_unchanged "a receipt before the order" 3 \
  "option --on: 2026-10-06 is before order TR-2026-00001 was issued, on 2026-10-07" \
  recovery receive TR-2026-00001 --amount 100 --on 2026-10-06
run recovery receive TR-2026-00001 --amount 1000 --on 2026-12-01 --ref "VIR PEREZ 1"
expect_out "first receipt" "order TR-2026-00001: 1 000,00 € received on 2026-12-01; balance 5 000,00 €"
expect_eq "its ledger entry: treasury debited, receivable credited" "$(ledger_of receipt)" \
  "2026-12-01 515 4641 1000.00 Encaissement du titre TR-2026-00001 : VIR PEREZ 1"
verify "a receipt"
expect_error_unchanged "a receipt dated before the last ledger entry" 3 \
  "the receipt entry of convention 4, dated 2026-11-01, is before entry 286 of the ledger, dated 2026-12-01: the ledger is kept in date order, so date it on or after 2026-12-01; nothing written" \
  recovery receive TR-2026-00001 --amount 500 --on 2026-11-01
expect_error_unchanged "more than the balance" 5 \
  "5 000,01 € received is more than the balance of order TR-2026-00001, 5 000,00 €: nothing recorded" \
  recovery receive TR-2026-00001 --amount 5000.01 --on 2027-01-04

# --- balances between receipts, the same in every format
# position STATE RECEIVED BALANCE OVERDUE NEXT_DUE LIMITATION TIME_BARRED:
# the order's fields as CSV gives them.
position() {
  printf 'number,TR-2026-00001\nstate,%s\nreceived,%s\nbalance,%s\noverdue,%s\nnext_due,%s\nlimitation,%s\ntime_barred,%s' "$@"
}
expect_eq "before the first due date" "$(csv_fields recovery show TR-2026-00001 --as-of 2026-11-07)" \
  "$(position open 0.00 6000.00 0.00 2026-11-07 2030-10-07 false)"
AS_OF_NOV=$(position open 0.00 6000.00 857.14 2026-11-07 2030-10-07 false)
expect_eq "the first instalment overdue, csv" "$(csv_fields recovery show TR-2026-00001 --as-of 2026-11-30)" "$AS_OF_NOV"
expect_eq "json" "$(json_fields recovery show TR-2026-00001 --as-of 2026-11-30 | sort)" "$(sort <<<"$AS_OF_NOV")"
expect_eq "text" "$(text_fields recovery show TR-2026-00001 --as-of 2026-11-30)" "$AS_OF_NOV"
expect_eq "the day of the receipt" "$(csv_fields recovery show TR-2026-00001 --as-of 2026-12-01)" \
  "$(position open 1000.00 5000.00 0.00 2026-12-07 2030-12-01 false)"
run --format csv recovery list --as-of 2027-01-10
expect_eq "listed after the third due date" "$(tr -d '\r' <<<"$OUT" | tail -n +2)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1000.00,5000.00,1571.42,2026-12-07,open,2030-12-01,"

# --- the limitation: four years after the last receipt
run --format csv recovery list --as-of 2030-11-30
expect_eq "the day before" "$(tr -d '\r' <<<"$OUT" | tail -n 1 | cut -d, -f7,10-)" "5000.00,open,2030-12-01,"
run --format csv recovery list --as-of 2030-12-01
expect_eq "the day itself" "$(tr -d '\r' <<<"$OUT" | tail -n 1 | cut -d, -f7,10-)" "5000.00,open,2030-12-01,"
run --format csv recovery list --as-of 2030-12-02
expect_eq "the day after: time-barred" "$(tr -d '\r' <<<"$OUT" | tail -n 1 | cut -d, -f7,10-)" \
  "5000.00,open,2030-12-01,time-barred"
# In JSON a flag not raised is null, as every missing value (before: "").
run --format json recovery list --as-of 2030-12-01
expect_contains "no flag: null" "$OUT" '"flag": null'
run --format json recovery list --as-of 2030-12-02
expect_contains "the flag" "$OUT" '"flag": "time-barred"'

# --- settled, then nothing more
run recovery receive TR-2026-00001 --amount 5000 --on 2027-01-04
expect_out "settled" "order TR-2026-00001: 5 000,00 € received on 2027-01-04; balance 0,00 €, settled"
verify "the last receipt"
expect_error_unchanged "a receipt on a settled order" 5 "recovery order TR-2026-00001 of B-0003 (convention 4) was settled on 2027-01-04, 6 000,00 € received: nothing is left to receive or write off; \`recovery show TR-2026-00001\` lists its receipts" \
  recovery receive TR-2026-00001 --amount 1 --on 2027-01-05
expect_error_unchanged "a settled order is not written off" 5 "recovery order TR-2026-00001 of B-0003 (convention 4) was settled on 2027-01-04, 6 000,00 € received: nothing is left to receive or write off; \`recovery show TR-2026-00001\` lists its receipts" \
  recovery cancel TR-2026-00001 --on 2027-01-05 --reason "remise gracieuse"
expect_error_unchanged "no second order once settled" 5 "convention 4 already has recovery order TR-2026-00001 of 6 000,00 € (settled on 2027-01-04, 6 000,00 € received): a convention has one live order; the clawback is recovered, nothing more is issued" \
  clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2027-01-05 --by "Claire Martin"
run --format csv recovery list --as-of 2035-01-01
expect_eq "settled: never time-barred" "$(tr -d '\r' <<<"$OUT" | tail -n 1)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,6000.00,0.00,0.00,,settled,2031-01-04,"
expect_eq "the ledger: the order and its two receipts" \
  "$(ledger_of clawback | cut -d' ' -f1-4; ledger_of receipt | cut -d' ' -f1-4; ledger_of cancellation)" \
  "2026-10-07 4641 773 6000.00
2026-12-01 515 4641 1000.00
2027-01-04 515 4641 5000.00"

finish
