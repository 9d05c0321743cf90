# Four conventions paid to their last instalment across a year end, as the
# finance office does it month after month (year_of_batches.sh follows the
# examples through one year, halfway through their schedules): then each
# convention has been paid exactly its award, or what fell due up to its
# termination, once; and the books of the two calendar years, exported
# apart, are the whole ledger, each year balanced, with an entry on 31
# December and one on 1 January each in its own year, and the 2024 export's
# last entry still anchors the ledger after the 2025 batches.
#
# With a rule copy of short schedules (4 × 500 € bursaries), the months
# 2024-11 to 2025-04:
#   1 B-0001 intern bursary: December's transfer comes back on 2024-12-31,
#     a new IBAN is given that day, January's batch (prepared on 1 January)
#     pays December again with January;
#   2 B-0002 intern bursary: her enrolment certificate comes in January,
#     February's batch pays her four months at once;
#   3 B-0004 paramedical bursary: suspended from December, resumed on
#     2025-02-10, her last three instalments move two months later;
#   4 B-0005 long-internship allowance (6 × 250 €): terminated on
#     2025-01-31 after three months paid;
# and March's batch is cancelled before export and run again.
source "$(dirname "$0")/lib.bash"
need jq jq
copy_rules
sed -i 's/^months = 24$/months = 4/; s/^months = 12$/months = 4/' "$RULES/loir-et-cher.toml"
export GRANTS_TODAY=2025-04-30

run init
expect_rc "init" 0
run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0
# convention ID REF SCHEME: application ID of REF, approved and signed
# (convention ID), from 2024-11 (the allowance from the 4th).
convention() {
  local start=2024-11-01
  [ "$3" = long-internship-allowance ] && start=2024-11-04
  run application submit --beneficiary "$2" --scheme "loir-et-cher/$3" --on 2024-10-01 --start "$start"
  expect_rc "submit $1" 0
  run application decide "$1" --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
  expect_rc "decide $1" 0
  run agreement sign "$1" --on 2024-10-20
  expect_rc "sign $1" 0
}
convention 1 B-0001 intern-bursary
convention 2 B-0002 intern-bursary
convention 3 B-0004 paramedical-bursary
convention 4 B-0005 long-internship-allowance
for c in 1 3; do
  run agreement document "$c" --kind enrolment-certificate --from 2024-09-01 --to 2025-08-31 --ref "2024-2025" --on 2024-10-20
  expect_rc "certificate of $c" 0
done
expect_sql "the awards" "SELECT id || ' ' || award_cents FROM agreements ORDER BY id" "1 200000
2 200000
3 200000
4 150000"

# paid BATCH: "convention/instalment amount" of each payment of BATCH.
paid() {
  sql "SELECT agreement_id || '/' || instalment || ' ' || amount_cents FROM payments
       WHERE batch_id = $1 ORDER BY agreement_id, instalment" | paste -sd ' '
}

paid_batch 2024-11 1 2024-11-04 2024-11-04 2024-11-05
expect_eq "2024-11: paid" "$(paid 1)" "1/1 50000 3/1 50000 4/1 25000"
run agreement suspend 3 --from 2024-12-01 --reason "congé maladie"
expect_out "suspend 3" "convention 3 suspended from 2024-12-01"

paid_batch 2024-12 2 2024-12-02 2024-12-02 2024-12-03
expect_eq "2024-12: paid" "$(paid 2)" "1/2 50000 4/2 25000"
run batch return 2 --payment "$(payment_id 2 1 2)" --reason AC04 --on 2024-12-31
expect_rc "2024-12-31: return" 0
run beneficiary set-iban B-0001 "FR76 3000 4001 2300 0456 7890 102"
expect_rc "2024-12-31: set-iban" 0

paid_batch 2025-01 3 2025-01-01 2025-01-01 2025-01-02
expect_eq "2025-01: December again, and January" "$(paid 3)" "1/2 50000 1/3 50000 4/3 25000"
# The auditor exports 2024 and keeps its last entry.
run ledger export --from 2024-01-01 --to 2024-12-31 --format json
expect_rc "January: export 2024" 0
Y2024_JANUARY=$OUT
run agreement document 2 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --ref "2024-2025" --on 2025-01-15
expect_rc "certificate of 2" 0
run agreement terminate 4 --on 2025-01-31 --reason "fin du stage"
expect_out "terminate 4" "convention 4 terminated on 2025-01-31; 3 instalments cancelled"
run agreement resume 3 --on 2025-02-10 --reason "reprise des études"
expect_out "resume 3" "convention 3 resumed on 2025-02-10; 3 unpaid instalments moved by 2 months"

paid_batch 2025-02 4 2025-02-03 2025-02-03 2025-02-04
expect_eq "2025-02: convention 2 caught up, 3 resumed" "$(paid 4)" \
  "1/4 50000 2/1 50000 2/2 50000 2/3 50000 2/4 50000 3/2 50000"

run batch run --month 2025-03 --by "Marc Petit" --on 2025-03-03
expect_rc "2025-03: run" 0
run batch cancel 5 --by "Marc Petit" --on 2025-03-03
expect_rc "2025-03: cancel" 0
paid_batch 2025-03 6 2025-03-03 2025-03-03 2025-03-04
expect_eq "2025-03: run again" "$(paid 6)" "3/3 50000"
paid_batch 2025-04 7 2025-04-01 2025-04-01 2025-04-02
expect_eq "2025-04: the last instalment" "$(paid 7)" "3/4 50000"
run batch run --month 2025-05 --by "Marc Petit" --on 2025-04-30
expect_eq "2025-05: nothing left" "$(head -n 1 <<<"$OUT") $(tail -n 1 <<<"$OUT")" \
  "Nothing to pay for 2025-05: no batch created 0 payments, 0,00 €; 0 instalments held (0,00 €)"

# --- each convention: its payments the bank kept, its instalments, and what
# schedule show says
expect_sql "paid once each, to the award or the termination" \
  "SELECT agreement_id || ' ' || count(*) || ' ' || sum(amount_cents) || ' ' || count(DISTINCT instalment)
   FROM payments WHERE state = 'paid' GROUP BY agreement_id ORDER BY agreement_id" "1 4 200000 4
2 4 200000 4
3 4 200000 4
4 3 75000 3"
expect_sql "instalments by state" \
  "SELECT agreement_id || ' ' || state || ' ' || count(*) || ' ' || sum(amount_cents) FROM instalments
   GROUP BY agreement_id, state ORDER BY agreement_id, state" "1 paid 4 200000
2 paid 4 200000
3 paid 4 200000
4 cancelled 3 75000
4 paid 3 75000"
totals=()
for c in 1 2 3 4; do
  run --format json schedule show "$c"
  totals+=("$c $(jq -r '[.paid_total, .open_total, .pending_total] | join(" ")' <<<"$OUT")")
done
expect_eq "schedule show: paid, open, pending" "${totals[*]}" \
  "1 2000.00 0.00 0.00 2 2000.00 0.00 0.00 3 2000.00 0.00 0.00 4 750.00 0.00 0.00"
expect_sql "December again, to the new IBAN" \
  "SELECT batch_id || ' ' || attempt || ' ' || state || ' ' || iban FROM payments WHERE agreement_id = 1 AND instalment = 2
   ORDER BY id" "2 0 returned FR7630004616159956466929456
3 1 paid FR7630004001230004567890102"
expect_sql "convention 3's months after the suspension, paid when they fell due" \
  "SELECT p.batch_id || ' ' || p.instalment || ' ' || p.due_on FROM payments p
   WHERE p.agreement_id = 3 AND p.state = 'paid' ORDER BY p.instalment" "1 1 2024-11-05
4 2 2025-02-05
6 3 2025-03-05
7 4 2025-04-05"

# --- the books: 2024 and 2025 exported apart are the whole ledger
run ledger export --from 2024-01-01 --to 2024-12-31 --format json
Y2024=$OUT
expect_eq "2024 exported again: the same entries" "$(jq -c .entries <<<"$Y2024")" "$(jq -c .entries <<<"$Y2024_JANUARY")"
run ledger export --from 2025-01-01 --to 2025-12-31 --format json
Y2025=$OUT
run ledger export --from 2000-01-01 --to 2099-12-31 --format json
ALL=$OUT
expect_eq "2024 then 2025 are the whole ledger" \
  "$(jq -c '[.entries[].seq]' <<<"$Y2024") $(jq -c '[.entries[].seq]' <<<"$Y2025")" \
  "$(jq -c '[.entries[] | select(.date < "2025-01-01") | .seq]' <<<"$ALL") $(jq -c '[.entries[] | select(.date >= "2025-01-01") | .seq]' <<<"$ALL")"
expect_eq "36 entries, numbered 1 to 36" "$(jq -c '[.entries[].seq] | [length, min, max, (. == ([range(1; 37)]))]' <<<"$ALL")" "[36,1,36,true]"
expect_eq "the last of 2024 and the first of 2025" \
  "$(jq -r '.entries[-1] | "\(.seq) \(.date) \(.kind)"' <<<"$Y2024") / $(jq -r '.entries[0] | "\(.seq) \(.date) \(.kind)"' <<<"$Y2025")" \
  "12 2024-12-31 cancellation / 13 2025-01-01 payment"
# Net movement of each account in a year, in cents: debits less credits.
accounts() {
  jq -r '[.entries[] | (.amount | sub("\\."; "") | tonumber) as $a | {k: .debit, v: $a}, {k: .credit, v: (0 - $a)}]
         | group_by(.k) | map("\(.[0].k) \(map(.v) | add)") | join(", ")' <<<"$1"
}
expect_eq "2024: 2 000 € ordered, 500 € back and cancelled" "$(accounts "$Y2024")" "4671 0, 515 -150000, 6513 150000"
expect_eq "2025: 5 750 € ordered, March's first 500 € cancelled" "$(accounts "$Y2025")" "4671 0, 515 -525000, 6513 525000"
expect_eq "the treasury paid what the conventions were paid" "$(accounts "$ALL")" "4671 0, 515 -675000, 6513 675000"
# Debits and credits of each year's FEC, in cents: every entry's amount once
# on each side.
for year_sums in "2024 500000" "2025 1150000"; do
  year=${year_sums% *}
  run ledger export --from "$year-01-01" --to "$year-12-31" --format fec
  expect_eq "$year: the FEC balances" \
    "$(awk -F'\t' 'NR > 1 { sub(",", "", $12); sub(",", "", $13); d += $12; c += $13 } END { print d " " c }' <<<"$OUT")" \
    "${year_sums#* } ${year_sums#* }"
done
ANCHOR=$(jq -r '.entries[-1] | "\(.seq):\(.hash)"' <<<"$Y2024_JANUARY")
run ledger verify --anchor "$ANCHOR"
expect_rc "2024's export still anchors the ledger" 0
expect_contains "verify" "$OUT" "ledger OK: 36 entries"

finish
