# A breach date typed before the obligation's recorded start, with no
# breach recorded, counts no day served and claws back every sum received:
# `clawback compute` and `clawback issue` refuse it, writing nothing,
# naming both dates, unless --before-start confirms it (before: a date typed
# a year early computed, and issued, an order for the whole aid). With a
# breach recorded, its date is taken, as before. A breach before the
# signature names the option --breach-date (before: "breach date ... is
# before the signature of the convention on ...").
#
# Convention 4, B-0003 (intern bursary, 12 × 500,00 € paid): diploma on
# 2026-10-15, practice started on 2026-11-02.
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2030-06-30
load_examples
paid_batch 2026-10 1 2026-10-01 2026-10-02 2026-10-05
run obligation diploma 4 --on 2026-10-15
expect_rc "diploma" 0
run obligation start 4 --on 2026-11-02 --commune 41018
expect_rc "start" 0
START=$(event_id 4 start)

TYPED="convention 4: option --breach-date: 2025-11-02 is before the obligation's start, recorded on 2026-11-02 (event $START): the clawback would count no day served and ask for every sum received; check the date, or give --before-start if the practice was broken before it started"
expect_error_unchanged "compute: a year early" 3 "$TYPED" clawback compute 4 --breach-date 2025-11-02
ISSUE=(clawback issue 4 --breach-date 2025-11-02 --notice 2027-11-10 --answer-by 2027-12-10 --decision 2027-12-20
       --by "Claire Martin")
expect_error_unchanged "issue: a year early" 3 "$TYPED" "${ISSUE[@]}"
expect_error_unchanged "before the signature, named by its option" 3 \
  "convention 4: option --breach-date: 2025-04-01 is before the convention was signed, on 2025-04-18" \
  clawback compute 4 --breach-date 2025-04-01

# The date meant: a year served of three.
run clawback compute 4 --breach-date 2027-11-02
expect_rc "the date meant" 0
expect_contains "the date meant: a year served" "$OUT" "  amount:           4 000,00 €"
expect_error_unchanged "the confirmation where the breach is after the start" 3 \
  "convention 4: option --before-start: the breach on 2027-11-02 is not before the obligation's start, recorded on 2026-11-02: leave --before-start out" \
  clawback compute 4 --breach-date 2027-11-02 --before-start

# Confirmed: the practice was broken before it started.
run clawback compute 4 --breach-date 2025-11-02 --before-start
expect_rc "compute, confirmed" 0
expect_contains "compute, confirmed: every sum received" "$OUT" "  received:         6 000,00 €
  payments:         12
  amount:           6 000,00 €"
run "${ISSUE[@]}" --before-start
expect_rc "issue, confirmed" 0
expect_eq "issue, confirmed: the order" "$(head -n 1 <<<"$OUT")" \
  "Recovery order TR-2027-00001 issued — convention 4 — 6 000,00 €"
expect_sql "its amount and breach" "SELECT amount_cents, breach_date FROM recovery_orders WHERE number = 'TR-2027-00001'" \
  "600000|2025-11-02"

# The breach now recorded, its date is taken without the option, which is
# refused.
expect_error_unchanged "the confirmation once a breach is recorded" 3 \
  "convention 4: option --before-start: the obligation was broken on 2025-11-02 (breach), recorded: leave --before-start out" \
  clawback compute 4 --breach-date 2025-11-02 --before-start
run clawback compute 4 --breach-date 2025-11-02
expect_rc "the recorded breach, before the start" 0
expect_contains "the recorded breach: every sum received" "$OUT" "  amount:           6 000,00 €"
verify() { run ledger verify; expect_rc "ledger verify" 0; }
verify
finish
