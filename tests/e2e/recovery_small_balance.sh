# An order issued anew for a small balance cannot be split into more
# instalments than it has cents: it is refused, naming the option, the
# instalment left empty and the amount, and writes nothing (before: the
# database's CHECK on recovery_instalments refused it, exit code 6, with
# "CHECK constraint failed: amount_cents > 0").
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

# TR-2028-00001 (8 000,00 €) received 5 333,34 €; 2 666,64 € more leaves
# 0,02 €, written off, then asked for again.
run recovery receive TR-2028-00001 --amount 2666.64 --on 2028-08-20
expect_rc "almost all received" 0
run recovery cancel TR-2028-00001 --on 2028-09-01 --reason "remise"
expect_out "the balance written off" "order TR-2028-00001 cancelled on 2028-09-01: 0,02 € written off; 7 999,98 € received is kept"

reissue() {
  run clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 --decision 2028-09-10 \
    --by "Claire Martin" "$@"
}
COUNTS=$(table_counts)
reissue --instalments 3
expect_rc "0,02 € in 3 instalments" 3
expect_err "the option, the empty instalment, the amount" \
  "grants: error: option --instalments: 3 would leave instalment 3 of 0,02 € at 0,00 € (rounding half-even): give fewer instalments"
expect_eq "nothing written" "$(table_counts)" "$COUNTS"

reissue --instalments 2
expect_rc "in 2 instalments" 0
expect_eq "issued" "$(head -n 1 <<<"$OUT")" "Recovery order TR-2028-00002 issued — convention 1 — 0,02 €"
expect_sql "one cent each" \
  "SELECT ri.number, ri.amount_cents FROM recovery_instalments ri JOIN recovery_orders o ON o.id = ri.order_id WHERE o.number = 'TR-2028-00002' ORDER BY ri.number" \
  "1|1
2|1"
run ledger verify
expect_rc "the ledger verifies" 0

finish
