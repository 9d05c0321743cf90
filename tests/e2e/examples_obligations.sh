# The example story of obligations (examples/obligations.sh) loads after the
# applications, and the compliance report as of 2030-06-30 is the one
# hand-checked in tests/e2e/expected/compliance-2030-06-30.csv: a breached
# obligation with its recovery order, one waived, a running one, three
# fulfilled, a start overdue and a yearly certificate overdue. The ledger
# still verifies.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

run --format csv compliance check --as-of 2030-06-30
expect_rc "obligations to act on: exit 8" 8
expect_eq "compliance as of 2030-06-30" "$(tr -d '\r' <<<"$OUT")" \
  "$(cat "$GRANTS_SOURCE_DIR/tests/e2e/expected/compliance-2030-06-30.csv")"
run compliance check --as-of 2030-06-30 --summary
expect_contains "counts" "$OUT" "total                                                7              1        1                 1          3         2     15"

run --format csv recovery list --as-of 2030-06-30
expect_eq "8 000,00 € in three instalments, two received" "$(tr -d '\r' <<<"$OUT")" \
  "number,convention,beneficiary,decided_on,amount,received,balance,overdue,next_due,state,limitation,flag
TR-2028-00001,1,B-0001,2028-05-15,8000.00,5333.34,2666.66,2666.66,2028-08-15,open,2032-07-16,"
run --format csv application show 17
expect_contains "the second installation aid refused for anti-cumul" "$(tr -d '\r' <<<"$OUT")" \
  'anti-cumul,false,"convention 9 (loir-et-cher/equipment-aid) signed on 2025-02-24: no new equipment-aid within 10 years of it, that is before 2035-02-24"'
run ledger verify
expect_rc "ledger verify" 0

finish
