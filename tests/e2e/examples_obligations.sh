# The example story of obligations (examples/obligations.sh) loads after the
# applications, and the compliance report as of 2030-06-30 is the one
# hand-checked in tests/e2e/expected/compliance-2030-06-30.csv: a breached
# obligation with its recovery order, one waived, a running one, three
# fulfilled, a start overdue and a yearly certificate overdue. The ledger
# still verifies. Then the recovery order is cancelled and issued again: the
# new one asks only for what the first did not receive.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

run --format csv compliance check --as-of 2030-06-30
expect_rc "obligations to act on: exit 8" 8
expect_eq "compliance as of 2030-06-30" "$(tr -d '\r' <<<"$OUT")" \
  "$(cat "$GRANTS_SOURCE_DIR/tests/e2e/expected/compliance-2030-06-30.csv")"
run compliance check --as-of 2030-06-30 --summary
expect_contains "counts" "$OUT" "total                                                7              1             0        1                 1          3         2     15"

run --format csv recovery list --as-of 2030-06-30
expect_eq "8 000,00 € in three instalments, two received" "$(tr -d '\r' <<<"$OUT")" \
  "number,convention,beneficiary,decided_on,amount,received,balance,overdue,next_due,state,limitation,flag
TR-2028-00001,1,B-0001,2028-05-15,8000.00,5333.34,2666.66,2666.66,2028-08-15,open,2032-07-16,"
run --format csv application show 17
expect_contains "the second installation aid refused for anti-cumul" "$(tr -d '\r' <<<"$OUT")" \
  'anti-cumul,false,"convention 9 (loir-et-cher/equipment-aid) signed on 2025-02-24: no new equipment-aid within 10 years of it, that is before 2035-02-24"'
run ledger verify
expect_rc "ledger verify" 0

# --- TR-2028-00001 cancelled after its two receipts, then issued again for
# the same breach: the clawback owed is still 8 000,00 €; the new order asks
# for what was not received on the first, 8 000,00 − 2 × 2 666,67.
# A write-off is never dated before a receipt it deducts.
before=$(table_counts)
expect_error "a cancellation before the last receipt" 3 \
  "option --on: 2028-06-01 is before the last receipt of order TR-2028-00001, on 2028-07-16" \
  recovery cancel TR-2028-00001 --on 2028-06-01 --reason "erreur sur l'échéancier"
expect_error "a cancellation between the receipts" 3 \
  "option --on: 2028-07-15 is before the last receipt of order TR-2028-00001, on 2028-07-16" \
  recovery cancel TR-2028-00001 --on 2028-07-15 --reason "erreur sur l'échéancier"
expect_eq "refused: nothing written" "$(table_counts)" "$before"
run recovery cancel TR-2028-00001 --on 2028-08-01 --reason "erreur sur l'échéancier"
expect_out "cancelled" "order TR-2028-00001 cancelled on 2028-08-01: 2 666,66 € written off; 5 333,34 € received is kept"
run --format csv clawback compute 1 --breach-date 2028-03-14
expect_eq "compute deducts what the earlier order received" \
  "$(tr -d '\r' <<<"$OUT" | grep -E '^(amount|earlier_orders|recovered|to_recover),')" \
  "amount,8000.00
earlier_orders,TR-2028-00001
recovered,5333.34
to_recover,2666.66"
before=$(table_counts)
expect_error "a decision before the earlier order's cancellation" 3 \
  "option --decision: 2028-07-31 is before order TR-2028-00001 was cancelled, on 2028-08-01" \
  clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-07-31 \
  --by "Claire Martin"
expect_eq "refused: nothing written" "$(table_counts)" "$before"
run clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-09-15 \
  --by "Claire Martin"
expect_rc "issued again" 0
expect_eq "the new order asks for what remains" "$(head -n 1 <<<"$OUT")" \
  "Recovery order TR-2028-00002 issued — convention 1 — 2 666,66 €"
expect_contains "its explanation names the earlier order and what it received" "$OUT" \
  "  amount:        8 000,00 € (rounding half-even)
  earlier order: TR-2028-00001 of 8 000,00 €, cancelled on 2028-08-01: 5 333,34 € recovered, 2 666,66 € written off
  to recover:    8 000,00 € owed − 5 333,34 € recovered on earlier orders = 2 666,66 €"
expect_error_unchanged "a receipt on the cancelled order names the one that asks now" 5 \
  "recovery order TR-2028-00001 of B-0001 (convention 1) was cancelled on 2028-08-01 (erreur sur l'échéancier), 2 666,66 € written off: nothing can be received on it; the clawback is now asked for by order TR-2028-00002 (open), issued on 2028-09-15" \
  recovery receive TR-2028-00001 --amount 100 --on 2028-10-01
run --format csv recovery list --as-of 2030-06-30
expect_eq "the beneficiary owes 8 000,00 € in all" "$(tr -d '\r' <<<"$OUT" | tail -n +2)" \
  "TR-2028-00001,1,B-0001,2028-05-15,8000.00,5333.34,0.00,0.00,,cancelled,2032-07-16,
TR-2028-00002,1,B-0001,2028-09-15,2666.66,0.00,2666.66,2666.66,2028-10-15,open,2032-09-15,"
# The order, its receipts, its write-off and the new order: the receivable
# holds what is still owed, the recovery account the 8 000,00 € clawed back.
expect_eq "convention 1's recovery entries balance" \
  "$("$GRANTS" ledger export --from 2024-01-01 --to 2035-12-31 --format csv 2>/dev/null | tr -d '\r' |
     awk -F, '$9 == 1 && $10 == 0 { c = $6; sub(/\./, "", c); print $2, $3, $4, $5, $6; b[$4] += c; b[$5] -= c }
              END { printf "4641 %d, 773 %d, 515 %d\n", b["4641"], b["773"], b["515"] }')" \
  "2028-05-15 clawback 4641 773 8000.00
2028-06-14 receipt 515 4641 2666.67
2028-07-16 receipt 515 4641 2666.67
2028-08-01 cancellation 773 4641 2666.66
2028-09-15 clawback 4641 773 2666.66
4641 266666, 773 -800000, 515 533334"
# Each order is a decision on the breach: the obligation keeps both, and
# names the one in force.
expect_sql "both decisions on the obligation" \
  "SELECT on_date, reason, recorded_on FROM obligation_events WHERE agreement_id = 1 AND kind = 'breach' ORDER BY id" \
  "2028-03-14|recovery order TR-2028-00001|2028-05-15
2028-03-14|recovery order TR-2028-00002|2028-09-15"
run --format csv compliance check --as-of 2030-06-30
expect_eq "the compliance check names the order in force" "$(tr -d '\r' <<<"$OUT" | awk -F, '$1 == 1 { print $12 }')" \
  "moved out of the département on 2028-03-14 (37261); recovery order TR-2028-00002"
run ledger verify
expect_rc "ledger verify after the new order" 0

finish
