# The recovery flow end to end on the examples: the bank pays the bursaries,
# an obligation is broken, the clawback is computed and explained, the
# recovery order issued after the contradictory procedure, paid in part,
# then written off, then issued again for what remains; a beneficiary still
# being paid at the breach; a waiver.
# Every step is a ledger entry in the same hash chain, which still verifies.
source "$(dirname "$0")/lib.bash"
# The story runs to 2029: the clock is set after its end (money does not
# move on a day to come).
export GRANTS_TODAY=2030-06-30
load_examples

# The bank pays everything due until October 2026 (held instalments aside).
run batch run --month 2026-10 --by "Marc Petit" --on 2026-10-01
expect_rc "catch-up batch" 0
run batch approve 1 --by "Claire Martin" --on 2026-10-02
run batch export 1 --sepa "$WORK/2026-10.xml" --execution-date 2026-10-05 --created-at 2026-10-02T10:00:00
run batch settle 1 --on 2026-10-05
expect_rc "settled" 0
expect_sql "Hélène Lefèvre received her 24 instalments" \
  "SELECT count(*), sum(amount_cents) FROM payments WHERE agreement_id = 1 AND state = 'paid'" "24|1200000"

issue() { run clawback issue "$@" --by "Claire Martin"; }

# --- convention 4: Gaëlle Pérez quits medicine while her bursary is paid.
# (Told first: the ledger is kept in date order, and this story ends in
# 2027, before convention 1's order of 2028.)
# 12 instalments were paid (May 2025 to April 2026); the next are held for
# want of the 2026 certificate. Once it comes, a batch takes 7 of them.
run --format json agreement document 4 --kind enrolment-certificate --from 2026-05-01 --to 2027-04-30 --ref "Tours 2026-2027" --on 2026-10-20
expect_out "the certificate recorded, for a script" '{
  "cancelled_instalments": 0,
  "cancelled_total": "0.00",
  "convention": 4,
  "document": "enrolment-certificate",
  "from": "2026-05-01",
  "open_instalments": 12,
  "open_total": "6000.00",
  "paid_instalments": 0,
  "paid_total": "0.00",
  "pending_instalments": 0,
  "pending_total": "0.00",
  "recorded_on": "2026-10-20",
  "reference": "Tours 2026-2027",
  "to": "2027-04-30"
}'
run batch run --month 2026-11 --by "Marc Petit" --on 2026-11-02
run batch approve 2 --by "Claire Martin" --on 2026-11-03
expect_sql "7 pending" "SELECT count(*), sum(amount_cents) FROM payments WHERE agreement_id = 4 AND state = 'pending'" "7|350000"
run clawback compute 4 --breach-date 2026-11-15
expect_contains "compute warns of the pending payments" "$OUT" \
  "7 payments of 3 500,00 € are in batches not yet settled: settle or cancel them before issuing the order"
expect_error_unchanged "not with payments on their way" 5 \
  "convention 4: 7 payments of 3 500,00 € are in batches not yet settled: settle or cancel them before issuing the order" \
  clawback issue 4 --breach-date 2026-11-15 --notice 2026-11-20 --answer-by 2026-12-20 --decision 2027-01-08
run batch cancel 2 --by "Claire Martin" --on 2026-11-04
run clawback compute 4 --breach-date 2026-11-15 --explain
expect_contains "only what was received; the rest is cancelled" "$OUT" "  formula:         A = P × (owed − served) / owed = P, nothing served
  amount:          6 000,00 € (rounding half-even)
  not clawed back: 12 instalments not paid, 6 000,00 €, cancelled"
issue 4 --breach-date 2026-11-15 --notice 2026-11-20 --answer-by 2026-12-20 --decision 2027-01-08
expect_eq "issued in 2027" "$(head -n 1 <<<"$OUT")" "Recovery order TR-2027-00001 issued — convention 4 — 6 000,00 €"
expect_contains "the unpaid instalments cancelled" "$OUT" "Convention 4 terminated; 12 unpaid instalments cancelled, not clawed back"
expect_sql "none of them left to pay" \
  "SELECT state, count(*) FROM instalments WHERE agreement_id = 4 GROUP BY state ORDER BY state" "cancelled|12
paid|12"
run batch run --month 2027-04 --by "Marc Petit" --on 2027-04-01
expect_rc "a later batch" 0
expect_sql "pays none of them" "SELECT count(*) FROM payments WHERE agreement_id = 4 AND batch_id = 3" 0
expect_sql "the breach before the start, recorded with the order" \
  "SELECT kind, on_date, reason FROM obligation_events WHERE agreement_id = 4" "breach|2026-11-15|recovery order TR-2027-00001"

# --- convention 1: graduates, settles, moves to Tours after 16 months
run obligation diploma 1 --on 2026-10-15
run obligation start 1 --on 2026-11-02 --commune 41018
run obligation move 1 --on 2028-03-14 --commune 37261
expect_rc "move out" 0

run --format csv clawback compute 1 --breach-date 2028-03-14
expect_rc "compute" 0
expect_eq "12 000,00 × (36 − 16) / 36" "$(tr -d '\r' <<<"$OUT" | grep -E '^(formula|received|payments|amount),')" \
  "formula,pro-rata by month
received,12000.00
payments,24
amount,6666.67"
# No order yet, nothing in a batch: the same fields as later, none left out
# (before: earlier_orders, recovered, to_recover and pending were missing).
expect_eq "no earlier order: every field" \
  "$(tr -d '\r' <<<"$OUT" | grep -E '^(amount|earlier_orders|recovered|to_recover|pending),')" \
  "amount,6666.67
earlier_orders,
recovered,0.00
to_recover,6666.67
pending,0.00"
# Explained, in CSV: the same fields, then the explanation (before: the
# explanation alone, without the amount).
run --format csv clawback compute 1 --breach-date 2028-03-14 --explain
expect_eq "explained in CSV: the amount kept" \
  "$(tr -d '\r' <<<"$OUT" | sed '/^$/q' | grep -E '^(formula|received|payments|amount),')" \
  "formula,pro-rata by month
received,12000.00
payments,24
amount,6666.67"
expect_contains "explained in CSV: then the explanation" "$(tr -d '\r' <<<"$OUT")" "
explanation
label,text
breach,\"2028-03-14, the first day not served\""
run clawback compute 1 --breach-date 2028-03-14 --explain
expect_eq "explained" "$(sed -n '/^Explanation:/,$p' <<<"$OUT")" "Explanation:
  breach:     2028-03-14, the first day not served
  received:   24 payments, 12 000,00 €
  obligation: 3 years = 36 months = 1096 days from 2026-11-02; suspensions extend it
  served:     2026-11-02 to 2028-03-14: 498 days = 16 whole months
  formula:    A = P × (owed − served) / owed = 12 000,00 € × (36 − 16) / 36 months
  exact:      6 666,666666… €
  amount:     6 666,67 € (rounding half-even)"

# Refusals before anything is written.
before=$(table_counts)
expect_error_unchanged "notice before the breach" 3 "option --notice: 2028-03-01 is before the breach (2028-03-14)" \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-03-01 --answer-by 2028-05-03 --decision 2028-05-15
expect_error_unchanged "a decision before the answer deadline" 3 \
  "option --decision: 2028-05-01 is before the answer deadline: the beneficiary must have had the time to answer (2028-05-03)" \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-01
expect_error_unchanged "no instalment" 3 "option --instalments: 0: expected 1 to 60 monthly instalments" \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-15 --instalments 0
expect_error_unchanged "another breach date than the one recorded" 5 \
  "the obligation of convention 1 was broken on 2028-03-14 (moved-out): give that date as --breach-date" \
  clawback issue 1 --breach-date 2028-04-01 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-15
expect_error_unchanged "a waiver the scheme does not list" 3 \
  'convention 1: waiver "bankruptcy": the scheme waives the clawback only for death, disability, force-majeure' \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-15 --waiver bankruptcy
mkdir -p "$WORK/rules"
grep -v '^recovery = ' "$GRANTS_SOURCE_DIR/rules/loir-et-cher.toml" >"$WORK/rules/loir-et-cher.toml"
expect_error_unchanged "no recovery account in the current rules" 3 \
  "$WORK/rules/loir-et-cher.toml: scheme loir-et-cher/intern-bursary, period from 2022-07-01: accounts.recovery is not given, so a recovery order cannot be booked" \
  --rules "$WORK/rules" clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-15
expect_eq "refusals wrote nothing" "$(table_counts)" "$before"

# --- the recovery order, in three monthly instalments
issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-15 --instalments 3
expect_rc "issue" 0
expect_eq "issued" "$(head -n 1 <<<"$OUT")" "Recovery order TR-2028-00001 issued — convention 1 — 6 666,67 €"
expect_contains "plan" "$OUT" "plan:
  instalment  due             amount
           1  2028-06-15  2 222,22 €
           2  2028-07-15  2 222,22 €
           3  2028-08-15  2 222,23 €"
expect_contains "convention terminated" "$OUT" "Convention 1 terminated; 0 unpaid instalments cancelled, not clawed back"
expect_sql "the order and its procedure" \
  "SELECT number, breach_date, formula, amount_cents, notice_on, answer_by, decided_on, issued_by, due_on, state FROM recovery_orders WHERE agreement_id = 1" \
  "TR-2028-00001|2028-03-14|pro-rata by month|666667|2028-04-03|2028-05-03|2028-05-15|Claire Martin|2028-06-15|open"
expect_sql "the decision on the obligation" \
  "SELECT kind, on_date, reason, recorded_on FROM obligation_events WHERE agreement_id = 1 AND kind = 'breach'" \
  "breach|2028-03-14|recovery order TR-2028-00001|2028-05-15"
expect_sql "the convention terminated" \
  "SELECT g.state, e.effective_on, e.reason FROM agreements g JOIN agreement_events e ON e.agreement_id = g.id WHERE g.id = 1" \
  "terminated|2028-05-15|obligation broken on 2028-03-14: recovery order TR-2028-00001"
expect_error_unchanged "a second order" 5 "convention 1 already has recovery order TR-2028-00001 of 6 666,67 € (open since 2028-05-15, balance 6 666,67 €): a convention has one live order; to issue another, cancel it first with \`recovery cancel TR-2028-00001 --on DATE --reason TEXT\`" \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-05-20

# entries KIND: "date kind debit credit amount beneficiary convention batch
# payment label" of convention 1's ledger entries of that kind.
entries() {
  "$GRANTS" ledger export --from 2024-01-01 --to 2035-12-31 --format csv 2>/dev/null | tr -d '\r' |
    awk -F, -v kind="$1" '$3 == kind && $9 == 1 && $10 == 0 { print $2, $3, $4, $5, $6, $7, $9, $10, $11 "," $14 }'
}
expect_eq "the order in the ledger: receivable debited, recovery account credited" "$(entries clawback)" \
  "2028-05-15 clawback 4641 773 6666.67 B-0001 1 0 0,Titre de recette TR-2028-00001 : obligation rompue le 2028-03-14 (pro-rata by month)"

# --- receipts
expect_error_unchanged "no amount" 3 "option --amount: 0.00 is not a positive amount" \
  recovery receive TR-2028-00001 --amount 0 --on 2028-06-14
expect_error_unchanged "more than the balance" 5 \
  "7 000,00 € received is more than the balance of order TR-2028-00001, 6 666,67 €: nothing recorded" \
  recovery receive TR-2028-00001 --amount 7000 --on 2028-06-14
expect_error_unchanged "before the order" 3 "option --on: 2028-05-14 is before order TR-2028-00001 was issued, on 2028-05-15" \
  recovery receive TR-2028-00001 --amount 100 --on 2028-05-14
expect_error_unchanged "unknown order" 4 "recovery order TR-2028-00009 does not exist" \
  recovery receive TR-2028-00009 --amount 100 --on 2028-06-14
expect_error_unchanged "an amount with three decimals" 3 'option --amount: amount "10.005": more than two decimals' \
  recovery receive TR-2028-00001 --amount 10.005 --on 2028-06-14
run recovery receive TR-2028-00001 --amount 2222.22 --on 2028-06-14 --ref "VIR LEFEVRE 06"
expect_out "first receipt" "order TR-2028-00001: 2 222,22 € received on 2028-06-14; balance 4 444,45 €"
expect_error_unchanged "the same transfer twice" 5 \
  'order TR-2028-00001: a receipt with reference "VIR LEFEVRE 06" was already recorded on 2028-06-14' \
  recovery receive TR-2028-00001 --amount 2222.22 --on 2028-06-20 --ref "VIR LEFEVRE 06"
expect_eq "the receipt in the ledger: treasury debited, receivable credited" "$(entries receipt)" \
  "2028-06-14 receipt 515 4641 2222.22 B-0001 1 0 0,Encaissement du titre TR-2028-00001 : VIR LEFEVRE 06"

expect_refused "a receipt is never edited" "UPDATE receipts SET amount_cents = 1" \
  "receipts are append-only: corrections are new ledger entries"
expect_refused "nor deleted" "DELETE FROM receipts" "receipts are append-only: receipts are never deleted"
expect_sql "the receipt is intact" "SELECT count(*), sum(amount_cents) FROM receipts" "1|222222"

run --format csv recovery list --as-of 2028-08-20
expect_eq "balance and overdue instalments (convention 4's order unpaid since February 2027)" \
  "$(tr -d '\r' <<<"$OUT")" \
  "number,convention,beneficiary,decided_on,amount,received,balance,overdue,next_due,state,limitation,flag
TR-2027-00001,4,B-0003,2027-01-08,6000.00,0.00,6000.00,6000.00,2027-02-08,open,2031-01-08,
TR-2028-00001,1,B-0001,2028-05-15,6666.67,2222.22,4444.45,4444.45,2028-07-15,open,2032-06-14,"
# One order in CSV, for a script: its fields (balance, state) before its
# plan and receipts (before: the plan alone).
run --format csv recovery show TR-2028-00001 --as-of 2028-08-20
expect_rc "show csv" 0
expect_eq "show csv: the fields first" \
  "$(tr -d '\r' <<<"$OUT" | sed '/^$/q' | grep -E '^(field|number|amount|state|received|balance),')" \
  "field,value
number,TR-2028-00001
amount,6666.67
state,open
received,2222.22
balance,4444.45"
expect_eq "show csv: then each table under its name" \
  "$(tr -d '\r' <<<"$OUT" | awk 'blank { print } { blank = ($0 == "") }')" "plan
receipts
explanation"
run --format csv recovery list --as-of 2028-06-01
expect_eq "before the receipt and the first due date" "$(tr -d '\r' <<<"$OUT" | tail -n 1)" \
  "TR-2028-00001,1,B-0001,2028-05-15,6666.67,0.00,6666.67,0.00,2028-06-15,open,2032-05-15,"
run --format csv recovery list --as-of 2032-06-15
expect_eq "four years after the last receipt: time-barred" "$(tr -d '\r' <<<"$OUT" | tail -n 1)" \
  "TR-2028-00001,1,B-0001,2028-05-15,6666.67,2222.22,4444.45,4444.45,2028-07-15,open,2032-06-14,time-barred"

# --- the balance written off
expect_error_unchanged "a write-off before the receipt it deducts" 3 \
  "option --on: 2028-06-13 is before the last receipt of order TR-2028-00001, on 2028-06-14" \
  recovery cancel TR-2028-00001 --on 2028-06-13 --reason "admission en non-valeur"
run recovery cancel TR-2028-00001 --on 2029-01-10 --reason "admission en non-valeur"
expect_out "cancel" "order TR-2028-00001 cancelled on 2029-01-10: 4 444,45 € written off; 2 222,22 € received is kept"
CANCELLED="recovery order TR-2028-00001 of B-0001 (convention 1) was cancelled on 2029-01-10 (admission en non-valeur), 4 444,45 € written off"
AGAIN="to ask for the clawback again, issue a new order with \`clawback issue 1\`"
expect_error_unchanged "cancelled twice" 5 \
  "$CANCELLED: it is not cancelled twice, and nothing can be received on it; $AGAIN" \
  recovery cancel TR-2028-00001 --on 2029-01-11 --reason "again"
expect_error_unchanged "nothing received once cancelled" 5 \
  "$CANCELLED: nothing can be received on it; $AGAIN" \
  recovery receive TR-2028-00001 --amount 10 --on 2029-02-01
expect_eq "the write-off reverses the order" "$(entries cancellation)" \
  "2029-01-10 cancellation 773 4641 4444.45 B-0001 1 0 0,Annulation du titre TR-2028-00001 : admission en non-valeur"
run --format csv recovery list --as-of 2033-01-01
expect_eq "written off: nothing left, not time-barred" "$(tr -d '\r' <<<"$OUT" | tail -n 1)" \
  "TR-2028-00001,1,B-0001,2028-05-15,6666.67,2222.22,0.00,0.00,,cancelled,2032-06-14,"

# --- convention 8: a stop, and the clawback waived
run obligation diploma 8 --on 2025-06-30
run obligation start 8 --on 2025-09-01 --commune 41018
run obligation stop 8 --on 2026-06-30 --note "inaptitude médicale"
entries_before=$(sql "SELECT count(*) FROM ledger")
copy_db before_waiver
issue 8 --breach-date 2026-06-30 --notice 2026-07-06 --answer-by 2026-08-06 --decision 2026-09-14 --waiver disability
expect_out "waived" "convention 8: breach on 2026-06-30 recorded, clawback waived (disability): nothing to recover; convention 8 terminated; 0 unpaid instalments cancelled"
expect_sql "no order, no ledger entry" "SELECT count(*) FROM recovery_orders WHERE agreement_id = 8" 0
expect_sql "no ledger entry" "SELECT count(*) FROM ledger" "$entries_before"
expect_sql "the waiver recorded with its reason" \
  "SELECT reason FROM obligation_events WHERE agreement_id = 8 AND kind = 'breach'" "waived (disability)"
expect_error_unchanged "waived once" 5 "the clawback of convention 8 was already waived (disability), decided on 2026-09-14" \
  clawback issue 8 --breach-date 2026-06-30 --notice 2026-07-06 --answer-by 2026-08-06 --decision 2026-09-15
run --format csv compliance check --as-of 2026-12-31
expect_eq "the waiver shows in the compliance check" "$(tr -d '\r' <<<"$OUT" | awk -F, '$1 == 8 { print $5 ", " $12 }')" \
  "breached, stopped practice on 2026-06-30; waived (disability)"

# --- an equipment aid fulfilled: nothing to claw back
run obligation start 9 --on 2025-03-01 --commune 41269
expect_error_unchanged "fulfilled" 5 \
  "convention 9: the obligation was fulfilled: its last day owed was 2028-02-29, before the breach on 2028-03-01" \
  clawback compute 9 --breach-date 2028-03-01

# --- the ledger still verifies, and its exports keep the journals apart
run ledger verify
expect_rc "ledger verify after clawbacks, receipts and a write-off" 0
expect_contains "ledger verify" "$OUT" "ledger OK: "
run ledger export --from 2024-01-01 --to 2035-12-31 --format fec --out "$WORK/all.fec"
expect_rc "fec" 0
expect_eq "journals of the recovery entries" \
  "$(awk -F'\t' '$11 ~ /[Tt]itre/ && $12 != "0,00" { print $1, $5, $12, $11 }' "$WORK/all.fec")" \
  "TR 4641 6000,00 Titre de recette TR-2027-00001 : obligation rompue le 2026-11-15 (pro-rata by month)
TR 4641 6666,67 Titre de recette TR-2028-00001 : obligation rompue le 2028-03-14 (pro-rata by month)
BQ 515 2222,22 Encaissement du titre TR-2028-00001 : VIR LEFEVRE 06
TR 773 4444,45 Annulation du titre TR-2028-00001 : admission en non-valeur"
need hledger hledger
run ledger export --from 2024-01-01 --to 2035-12-31 --format hledger --out "$WORK/all.journal"
hledger check --strict -f "$WORK/all.journal" >"$WORK/hledger.out" 2>&1
RC=$?
expect_rc "hledger check --strict" 0
[ "$RC" -eq 0 ] || cat "$WORK/hledger.out" >&2

# --- convention 1 again: issued anew after the write-off, an order asks
# for what the earlier ones did not receive; once the bank sends back two
# of the bursary's transfers, the clawback is less than what was recovered.
issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2029-02-01
expect_eq "issued again: 6 666,67 − 2 222,22" "$(head -n 1 <<<"$OUT")" \
  "Recovery order TR-2029-00001 issued — convention 1 — 4 444,45 €"
expect_contains "the first order terminated the convention" "$OUT" \
  "Convention 1 was already terminated; 0 unpaid instalments cancelled, not clawed back"
expect_sql "terminated once" "SELECT count(*) FROM agreement_events WHERE agreement_id = 1 AND kind = 'terminate'" "1"
# (what a receipt and a write-off leave, for a script)
run --format json recovery receive TR-2029-00001 --amount 4000 --on 2029-03-01
expect_out "receipt as JSON" '{
  "after_limitation": false,
  "amount": "4000.00",
  "balance": "444.45",
  "limitation": "2033-03-01",
  "number": "TR-2029-00001",
  "on": "2029-03-01",
  "received": "4000.00",
  "reference": null,
  "state": "open",
  "time_barred": false
}'
run recovery cancel TR-2029-00001 --on 2029-03-01 --reason "remise gracieuse"
expect_out "cancelled on the day of the last receipt" "order TR-2029-00001 cancelled on 2029-03-01: 444,45 € written off; 4 000,00 € received is kept"
P23=$(payment_id 1 1 23)
run batch return 1 --payment "$P23" --reason AC04 --on 2029-04-02
expect_out "a transfer sent back: the instalment is not owed after the clawback" \
  "payment $P23 of batch 1 returned (AC04); the clawback of convention 1 was decided on 2028-05-15 (recovery order TR-2028-00001): instalment 23, due 2026-09-05, is cancelled, not paid again"
run batch return 1 --payment "$(payment_id 1 1 24)" --reason AC04 --on 2029-04-02
expect_rc "two transfers sent back" 0
expect_sql "both instalments cancelled, never paid again" \
  "SELECT number, state FROM instalments WHERE agreement_id = 1 AND number >= 23 ORDER BY number" "23|cancelled
24|cancelled"
run clawback compute 1 --breach-date 2028-03-14 --explain
expect_contains "11 000,00 × 20 / 36, less what both orders received" "$OUT" \
  "  amount:        6 111,11 € (rounding half-even)
  earlier order: TR-2028-00001 of 6 666,67 €, cancelled on 2029-01-10: 2 222,22 € recovered, 4 444,45 € written off
  earlier order: TR-2029-00001 of 4 444,45 €, cancelled on 2029-03-01: 4 000,00 € recovered, 444,45 € written off
  to recover:    nothing: 6 111,11 € owed, 6 222,22 € recovered on earlier orders"
before=$(table_counts)
expect_error_unchanged "nothing left to recover" 5 \
  "the clawback of convention 1, 6 111,11 €, is covered by 6 222,22 € recovered on earlier orders (TR-2028-00001, TR-2029-00001): no recovery order is issued" \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2029-05-02
expect_eq "refused: nothing written" "$(table_counts)" "$before"

# --- a receipt typed twice: without a reference, a receipt of the amount
# and date of one already recorded is that transfer again (an officer
# running the command again after a timeout, a script run twice), refused;
# a second transfer that day is recorded with its reference. (Before: it
# was recorded twice, the balance lowered twice, with a second ledger entry.)
# Convention 4's order, nothing received yet.
order_4() {
  "$GRANTS" --format csv recovery show TR-2027-00001 --as-of 2029-06-30 | tr -d '\r' |
    sed '/^$/q' | grep -E '^(received|balance|state),'
}
ledger_entries() { "$GRANTS" ledger verify | sed -E 's/^ledger OK: ([0-9]+) entr.*/\1/'; }
run recovery receive TR-2027-00001 --amount 1000 --on 2029-06-04
expect_out "a receipt without reference" "order TR-2027-00001: 1 000,00 € received on 2029-06-04; balance 5 000,00 €"
R1=$(sql "SELECT max(id) FROM receipts")
ledger_before=$(ledger_entries)
before=$(table_counts)
expect_error_unchanged "the same receipt again" 5 \
  "order TR-2027-00001 already has a receipt of 1 000,00 € on 2029-06-04 (receipt $R1): nothing recorded; if a second transfer of this amount came that day, give its reference with --ref" \
  recovery receive TR-2027-00001 --amount 1000 --on 2029-06-04
expect_eq "refused: the balance lowered once" "$(order_4)" "state,open
received,1000.00
balance,5000.00"
expect_eq "refused: no second ledger entry" "$(ledger_entries)" "$ledger_before"
expect_eq "refused: nothing written" "$(table_counts)" "$before"
run recovery receive TR-2027-00001 --amount 1000 --on 2029-06-04 --ref "VIR PEREZ 2029-06-04 B"
expect_out "a second transfer that day, with its reference" \
  "order TR-2027-00001: 1 000,00 € received on 2029-06-04; balance 4 000,00 €"
expect_eq "its ledger entry" "$(ledger_entries)" "$((ledger_before + 1))"
run recovery receive TR-2027-00001 --amount 500 --on 2029-06-05 --ref "VIR PEREZ 2029-06-05"
expect_rc "a receipt with a reference" 0
R3=$(sql "SELECT max(id) FROM receipts")
expect_error_unchanged "it again without its reference" 5 \
  "order TR-2027-00001 already has a receipt of 500,00 € on 2029-06-05 (receipt $R3, reference \"VIR PEREZ 2029-06-05\"): nothing recorded; if a second transfer of this amount came that day, give its reference with --ref" \
  recovery receive TR-2027-00001 --amount 500 --on 2029-06-05
run recovery receive TR-2027-00001 --amount 500 --on 2029-06-06
expect_out "the same amount another day" "order TR-2027-00001: 500,00 € received on 2029-06-06; balance 3 000,00 €"
expect_eq "four receipts, each with its ledger entry" "$(order_4)
$(ledger_entries)" "state,open
received,3000.00
balance,3000.00
$((ledger_before + 3))"

# --- what the waiver and a write-off say, for a script (on copies)
use_copy before_waiver waiver_json
run --format json clawback issue 8 --breach-date 2026-06-30 --notice 2026-07-06 --answer-by 2026-08-06 \
  --decision 2026-09-14 --waiver disability --by "Claire Martin"
expect_rc "waived, json" 0
expect_out "waived, json" '{
  "amount": "0.00",
  "breach": "2026-06-30",
  "convention": 8,
  "formula": "waived (disability)",
  "instalments_cancelled": 0,
  "number": null,
  "recovered_earlier": "0.00",
  "terminated": true
}'
run --format csv recovery cancel TR-2027-00001 --on 2029-01-10 --reason "remise gracieuse"
expect_rc "write-off, csv" 0
expect_out "write-off, csv: convention 4's order, nothing received" "$(printf '%s\r\n' field,value \
  number,TR-2027-00001 cancelled_on,2029-01-10 'cancel_reason,remise gracieuse' written_off,6000.00 received,0.00 state,cancelled)"

finish
