# A recovery order seen on the days before, of and after each receipt and
# the limitation, in every format; a receipt after the limitation.
# `recovery show --as-of` lists the receipts on or before the date, which
# add up to its `received`, and counts the later ones (before: it listed
# them all, a receipt of 2031 beside a balance of 2026). A receipt once the
# order is time-barred is kept (a debtor may pay a prescribed debt) and the
# officer is told, but it starts no new delay: `recovery list` keeps the
# order time-barred with its lower balance (before: the receipt was taken
# silently and started four more years, the balance no longer time-barred).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/recovery.bash"
export GRANTS_TODAY=2031-06-30
load_examples
paid_batch 2026-10 1 2026-10-01 2026-10-02 2026-10-05

FIELDS='number|state|received|balance|limitation|time_barred|later_receipts'
# show_receipts DATE: the receipts `recovery show --as-of DATE` lists, as CSV.
show_receipts() {
  "$GRANTS" --format csv recovery show TR-2026-00001 --as-of "$1" | tr -d '\r' | sed -n '/^receipts$/,/^$/p' | sed '/^$/d'
}
# in_every_format NAME DATE EXPECTED: the order's fields as of DATE, the
# same in CSV, JSON and text.
in_every_format() {
  expect_eq "$1, csv" "$(csv_fields recovery show TR-2026-00001 --as-of "$2")" "$3"
  expect_eq "$1, json" "$(json_fields recovery show TR-2026-00001 --as-of "$2" | sort)" "$(sort <<<"$3")"
  expect_eq "$1, text" "$(text_fields recovery show TR-2026-00001 --as-of "$2" | sort)" "$(sort <<<"$3")"
}
# position STATE RECEIVED BALANCE LIMITATION TIME_BARRED LATER_RECEIPTS:
# the order's fields as CSV gives them.
position() {
  printf 'number,TR-2026-00001\nstate,%s\nreceived,%s\nbalance,%s\nlimitation,%s\ntime_barred,%s\nlater_receipts,%s' "$@"
}
# listed DATE: the order's line in `recovery list --as-of DATE`, as CSV.
listed() { "$GRANTS" --format csv recovery list --as-of "$1" | tr -d '\r' | tail -n +2; }

run clawback issue 4 --breach-date 2026-09-15 --notice 2026-09-16 --answer-by 2026-09-30 --decision 2026-10-07 \
  --by "Claire Martin"
expect_rc "issued" 0
run recovery receive TR-2026-00001 --amount 1000 --on 2026-12-01 --ref "VIR PEREZ 1"
expect_out "a receipt within the delay" "order TR-2026-00001: 1 000,00 € received on 2026-12-01; balance 5 000,00 €"
verify "the first receipt"

# --- around the first receipt: it starts the delay again
in_every_format "the day before the receipt" 2026-11-30 "$(position open 0.00 6000.00 2030-10-07 false 1)"
expect_eq "the day before the receipt: none listed" "$(show_receipts 2026-11-30)" "receipts
id,on,amount,reference,after_limitation"
run recovery show TR-2026-00001 --as-of 2026-11-30
expect_contains "the day before the receipt: the later one counted" "$OUT" "Dated after 2026-11-30, not shown: 1 receipt"
in_every_format "the day of the receipt" 2026-12-01 "$(position open 1000.00 5000.00 2030-12-01 false 0)"
R1=$(sql "SELECT max(id) FROM receipts")
expect_eq "the day of the receipt: listed" "$(show_receipts 2026-12-01)" "receipts
id,on,amount,reference,after_limitation
$R1,2026-12-01,1000.00,VIR PEREZ 1,false"
run recovery show TR-2026-00001 --as-of 2026-12-01
expect_eq "nothing later: no note" "$(grep -c 'not shown' <<<"$OUT")" 0
expect_eq "listed the day before" "$(listed 2026-11-30)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,0.00,6000.00,6000.00,2026-11-07,open,2030-10-07,"
expect_eq "listed the day of" "$(listed 2026-12-01)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1000.00,5000.00,5000.00,2026-11-07,open,2030-12-01,"

# --- around the limitation, four years after the receipt
in_every_format "the limitation's last day" 2030-12-01 "$(position open 1000.00 5000.00 2030-12-01 false 0)"
in_every_format "the day after: time-barred" 2030-12-02 "$(position open 1000.00 5000.00 2030-12-01 true 0)"

# --- a receipt on the time-barred order: kept, the officer told
expect_error_unchanged "a receipt after today" 3 \
  "option --on: 2031-07-01 is after today, 2031-06-30: money does not move on a day to come, and the ledger, kept in date order, would take nothing dated before it from then on" \
  recovery receive TR-2026-00001 --amount 500 --on 2031-07-01
run --format json recovery receive TR-2026-00001 --amount 500 --on 2031-01-15 --ref "VIR PEREZ 2"
expect_out "a receipt after the limitation, for a script" '{
  "after_limitation": true,
  "amount": "500.00",
  "balance": "4500.00",
  "limitation": "2030-12-01",
  "number": "TR-2026-00001",
  "on": "2031-01-15",
  "received": "1500.00",
  "reference": "VIR PEREZ 2",
  "state": "open",
  "time_barred": true
}'
R2=$(sql "SELECT max(id) FROM receipts")
expect_eq "the receipt recorded, with its ledger entry" "$(ledger_of receipt)" \
  "2026-12-01 515 4641 1000.00 Encaissement du titre TR-2026-00001 : VIR PEREZ 1
2031-01-15 515 4641 500.00 Encaissement du titre TR-2026-00001 : VIR PEREZ 2"
verify "a receipt after the limitation"
expect_error_unchanged "a receipt dated before it" 3 \
  "the receipt entry of convention 4, dated 2031-01-14, is before entry 287 of the ledger, dated 2031-01-15: the ledger is kept in date order, so date it on or after 2031-01-15; nothing written" \
  recovery receive TR-2026-00001 --amount 100 --on 2031-01-14

in_every_format "the day before the late receipt" 2031-01-14 "$(position open 1000.00 5000.00 2030-12-01 true 1)"
in_every_format "the day of the late receipt: still time-barred" 2031-01-15 \
  "$(position open 1500.00 4500.00 2030-12-01 true 0)"
in_every_format "the day after" 2031-01-16 "$(position open 1500.00 4500.00 2030-12-01 true 0)"
expect_eq "the receipts, the late one marked" "$(show_receipts 2031-01-16)" "receipts
id,on,amount,reference,after_limitation
$R1,2026-12-01,1000.00,VIR PEREZ 1,false
$R2,2031-01-15,500.00,VIR PEREZ 2,true"
run recovery show TR-2026-00001 --as-of 2030-12-02
expect_contains "the late receipt not shown before its day" "$OUT" "Dated after 2030-12-02, not shown: 1 receipt"
expect_eq "listed the day before the late receipt" "$(listed 2031-01-14)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1000.00,5000.00,5000.00,2026-11-07,open,2030-12-01,time-barred"
expect_eq "listed the day of: received, still time-barred" "$(listed 2031-01-15)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1500.00,4500.00,4500.00,2026-11-07,open,2030-12-01,time-barred"
expect_eq "and four years later" "$(listed 2035-01-16)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1500.00,4500.00,4500.00,2026-11-07,open,2030-12-01,time-barred"
copy_db late_receipt

# --- paid off after the limitation: settled, nothing time-barred
run recovery receive TR-2026-00001 --amount 4500 --on 2031-02-03 --ref "VIR PEREZ 3"
expect_out "the rest paid after the limitation" "order TR-2026-00001: 4 500,00 € received on 2031-02-03; balance 0,00 €, settled
received after the limitation, which ran out on 2030-12-01 (4 years without a receipt, CGCT art. L1617-5): paid of the debtor's own will, it is kept, but starts no new delay"
verify "the last receipt"
expect_eq "listed the day before" "$(listed 2031-02-02)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1500.00,4500.00,4500.00,2026-11-07,open,2030-12-01,time-barred"
expect_eq "listed the day of: settled" "$(listed 2031-02-03)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,6000.00,0.00,0.00,,settled,2030-12-01,"
in_every_format "settled" 2031-02-04 "$(position settled 6000.00 0.00 2030-12-01 false 0)"

# --- written off instead: the cancellation shows from its day on
use_copy late_receipt cancelled
run recovery receive TR-2026-00001 --amount 100 --on 2031-02-01 --ref "VIR PEREZ 3"
expect_out "a part paid after the limitation" "order TR-2026-00001: 100,00 € received on 2031-02-01; balance 4 400,00 €
received after the limitation, which ran out on 2030-12-01 (4 years without a receipt, CGCT art. L1617-5): paid of the debtor's own will, it is kept, but starts no new delay; the balance of 4 400,00 € stays time-barred"
run recovery cancel TR-2026-00001 --on 2031-03-02 --reason "admission en non-valeur"
expect_out "written off" "order TR-2026-00001 cancelled on 2031-03-02: 4 400,00 € written off; 1 600,00 € received is kept"
run recovery show TR-2026-00001 --as-of 2031-01-20
expect_contains "before: the later receipt and the cancellation counted" "$OUT" \
  "Dated after 2031-01-20, not shown: 1 receipt and the cancellation on 2031-03-02"
run --format json recovery show TR-2026-00001 --as-of 2031-03-01
# Not yet cancelled, the fields are there, null (before: left out, so a
# script reading `cancelled_on` of an open order found no such field, and
# the CSV's field,value rows had two lines fewer).
expect_eq "the day before the cancellation: open, no cancellation" \
  "$(grep -E '^  "(state|cancelled_on|cancel_reason|written_off)"' <<<"$OUT")" '  "cancel_reason": null,
  "cancelled_on": null,
  "state": "open",
  "written_off": "0.00"'
expect_eq "the day before the cancellation, csv" \
  "$("$GRANTS" --format csv recovery show TR-2026-00001 --as-of 2031-03-01 | tr -d '\r' | grep -E '^(state|cancelled_on|cancel_reason),')" \
  'state,open
cancelled_on,
cancel_reason,'
run --format json recovery show TR-2026-00001 --as-of 2031-03-02
expect_eq "the day of the cancellation" "$(grep -E '^  "(state|cancelled_on|cancel_reason|written_off)"' <<<"$OUT")" \
  '  "cancel_reason": "admission en non-valeur",
  "cancelled_on": "2031-03-02",
  "state": "cancelled",
  "written_off": "4400.00"'
expect_eq "listed once cancelled: nothing left, not time-barred" "$(listed 2031-03-02)" \
  "TR-2026-00001,4,B-0003,2026-10-07,6000.00,1600.00,0.00,0.00,,cancelled,2030-12-01,"
expect_eq "the ledger: the order, three receipts, the write-off" \
  "$(for k in clawback receipt cancellation; do ledger_of $k | cut -d' ' -f1-4; done)" \
  "2026-10-07 4641 773 6000.00
2026-12-01 515 4641 1000.00
2031-01-15 515 4641 500.00
2031-02-01 515 4641 100.00
2031-03-02 773 4641 4400.00"
verify "the write-off"

finish
