# A suspension that would hold nothing is refused, and a resumption says
# how many instalments it moved.
#
# A convention suspends its payments: a batch holds its unpaid instalments
# due from the suspension's first day until it resumes. Before, a
# suspension was recorded on a convention with no unpaid instalment due
# from that day (paid to its last one): the convention showed `suspended`
# though nothing was held, and its resumption then said "unpaid
# instalments moved by 1 month" with none moved. Now the suspension is
# refused (exit code 5), naming the convention, its beneficiary, the date
# and its last unpaid instalment, with the command a practice obligation
# is suspended with; and the resumption says how many it moved.
#
# The examples paid by March 2025's batch: the equipment aid (convention 9,
# B-0012, one instalment due 2025-03-01) is paid; the long-internship
# allowance (convention 8, B-0005) has one instalment left, due 2025-04-05;
# the medicine aid (convention 11, B-0007) 78 of its 84.
source "$(dirname "$0")/lib.bash"
export GRANTS_TODAY=2025-10-20
load_examples
paid_batch 2025-03 1 2025-03-02 2025-03-03 2025-03-05

# state_and_events ID: "state events" of convention ID.
state_and_events() {
  sql "SELECT state || ' ' || (SELECT count(*) FROM agreement_events e WHERE e.agreement_id = a.id)
       FROM agreements a WHERE id = $1"
}

expect_error "paid to its last instalment" 5 \
  "convention 9 of B-0012 has no unpaid instalment due from 2025-03-15 (every instalment is paid): a suspension would hold nothing; a practice obligation is suspended with \`obligation suspend\`" \
  agreement suspend 9 --from 2025-03-15 --reason "travaux interrompus"
expect_eq "nothing written" "$(state_and_events 9)" "active 0"

expect_error "its last instalment due before the suspension" 5 \
  "convention 8 of B-0005 has no unpaid instalment due from 2025-04-10 (its last unpaid instalment is due on 2025-04-05): a suspension would hold nothing; a practice obligation is suspended with \`obligation suspend\`" \
  agreement suspend 8 --from 2025-04-10 --reason "arrêt maladie"
expect_eq "nothing written" "$(state_and_events 8)" "active 0"

# From its last instalment's due date, it holds that one.
run agreement suspend 8 --from 2025-04-05 --reason "arrêt maladie"
expect_out "from the last due date" "convention 8 suspended from 2025-04-05"
run --format json agreement resume 8 --on 2025-04-25 --reason "reprise du stage"
expect_eq "resumed in the same month: moved nothing" \
  "$(jq -c '[.months_moved, .instalments_moved]' "$WORK/stdout")" "[0,0]"
# The investment aid (convention 10, B-0013): its second instalment is due
# on 2026-01-06.
run agreement suspend 10 --from 2025-09-01 --reason "travaux interrompus"
expect_rc "suspend 10" 0
run agreement resume 10 --on 2025-09-20 --reason "reprise des travaux"
expect_out "says so" "convention 10 resumed on 2025-09-20; no instalment moved: it resumes in the month it was suspended"

run agreement suspend 11 --from 2025-04-01 --reason "césure"
expect_rc "suspend 11" 0
run agreement resume 11 --on 2025-05-02 --reason "retour en faculté"
expect_out "how many moved" "convention 11 resumed on 2025-05-02; 78 unpaid instalments moved by 1 month"
expect_sql "they moved" "SELECT count(*) FROM instalments WHERE agreement_id = 11 AND months_moved = 1" "78"
run agreement suspend 11 --from 2025-05-10 --reason "césure"
run --format csv agreement resume 11 --on 2025-06-02 --reason "retour en faculté"
expect_eq "csv" "$(tr -d '\r' <<<"$OUT" | grep '_moved,')" "months_moved,1
instalments_moved,78"

# A suspension recorded before the refusal existed, holding nothing: its
# resumption says it had nothing left to move.
sql "UPDATE agreements SET state = 'suspended' WHERE id = 9" >/dev/null
sql "INSERT INTO agreement_events (agreement_id, kind, effective_on, reason) VALUES (9, 'suspend', '2025-03-15', 'travaux')" >/dev/null
run agreement resume 9 --on 2025-04-16 --reason "reprise des travaux"
expect_out "an old suspension holding nothing" "convention 9 resumed on 2025-04-16; no unpaid instalment left to move by 1 month"
finish
