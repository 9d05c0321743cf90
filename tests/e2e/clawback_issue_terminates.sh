# The clawback decision terminates the convention and cancels its unpaid
# instalments: every format says so. Before, only the table format of an
# order said it (in a note), and the decision that recovers nothing (a
# waiver, a clawback of zero) did not say it at all: its JSON and CSV gave
# `instalments_cancelled` but nothing of the termination, and an order's
# JSON and CSV gave neither.
#
# Convention 4, Gaëlle Pérez, stops practising on 2029-10-01 (12 instalments
# left unpaid, 6 000,00 €); convention 2, Loïc Bénard, paid nothing (no
# enrolment certificate), stops on 2028-01-15; convention 1's order
# (examples/obligations.sh) is cancelled and issued again on a convention
# already terminated.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

run obligation stop 4 --on 2029-10-01
expect_rc "convention 4 stops" 0
copy_db stopped
# decide CONVENTION BREACH NOTICE ANSWER_BY DECISION [GLOBAL OPTIONS...]: the
# clawback issued by Claire Martin, which must succeed.
decide() {
  run "${@:6}" clawback issue "$1" --breach-date "$2" --notice "$3" --answer-by "$4" --decision "$5" \
    --by "Claire Martin"
  expect_rc "convention $1's decision (${*:6})" 0
}
issue4() { decide 4 2029-10-01 2029-10-02 2029-10-03 2029-10-04 "$@"; }
issue4
expect_contains "the table says it" "$OUT" "Convention 4 terminated; 12 unpaid instalments cancelled, not clawed back"
expect_contains "the table gives the fields" "$OUT" "  instalments_cancelled: 12
  terminated:            yes"
use_copy stopped json
issue4 --format json
expect_contains "json: the instalments cancelled" "$OUT" '"instalments_cancelled": 12,'
expect_contains "json: the convention terminated" "$OUT" '"terminated": true'
use_copy stopped csv
issue4 --format csv
expect_contains "csv: the instalments cancelled" "$(tr -d '\r' <<<"$OUT")" "instalments_cancelled,12"
expect_contains "csv: the convention terminated" "$(tr -d '\r' <<<"$OUT")" "terminated,true"
expect_sql "terminated indeed" "SELECT state FROM agreements WHERE id = 4" "terminated"

# An order on a convention already terminated terminates nothing.
run recovery cancel TR-2028-00001 --on 2029-11-01 --reason "remise partielle"
decide 1 2028-03-14 2029-11-02 2029-11-03 2029-11-04 --format json
expect_contains "json: nothing cancelled" "$OUT" '"instalments_cancelled": 0,'
expect_contains "json: already terminated" "$OUT" '"terminated": false'

# A decision that recovers nothing says it too.
run obligation stop 2 --on 2028-01-15
copy_db nothing
issue2() { decide 2 2028-01-15 2028-02-01 2028-03-01 2029-12-01 "$@"; }
issue2
expect_out "nothing to recover, the convention terminated" \
  "convention 2: breach on 2028-01-15 recorded, clawback pro-rata by month: nothing to recover; convention 2 terminated; 24 unpaid instalments cancelled"
expect_sql "terminated indeed" "SELECT state FROM agreements WHERE id = 2" "terminated"
use_copy nothing nothing_json
issue2 --format json
expect_out "json: nothing to recover" '{
  "amount": "0.00",
  "breach": "2028-01-15",
  "convention": 2,
  "formula": "pro-rata by month",
  "instalments_cancelled": 24,
  "number": null,
  "recovered_earlier": "0.00",
  "terminated": true
}'

finish
