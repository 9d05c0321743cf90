# An application, its decision, its convention, a document and a CESP (and
# the day the département learnt of it) are recorded once they happened: one dated after today (2052 typed for 2024) is refused,
# naming the option, both dates and what it would block, and writes
# nothing.
#
# Before: each was recorded. A convention signed on 2052-10-20 took the
# rules in force that day, its instalments were paid from 2024-11, and no
# suspension or termination could be recorded ("is before convention 1 was
# signed, on 2052-10-20"); a decision dated 2052 left an application no
# convention could be signed for until then, and cannot be recorded again.
source "$(dirname "$0")/lib.bash"
cd "$WORK"
run init
run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0
export GRANTS_TODAY=2024-11-20
AFTER="is after today, 2024-11-20"

expect_error_unchanged "submitted on a day to come" 3 \
  "option --on: 2052-10-01 $AFTER: an application is recorded once received: dated ahead, it would be checked against the rules of that day, and no decision could be dated before it" \
  application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2052-10-01 --start 2024-11-01
run application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2024-10-01 --start 2024-11-01
expect_rc "submitted on a day past" 0

expect_error_unchanged "decided on a day to come" 3 \
  "option --date: 2052-10-14 $AFTER: a decision is recorded once taken: dated ahead, no convention could be signed before that day" \
  application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2052-10-14
expect_sql "still submitted" "SELECT state FROM applications WHERE id = 1" submitted
run application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
expect_rc "decided on a day past" 0

expect_error_unchanged "signed on a day to come" 3 \
  "option --on: 2052-10-20 $AFTER: a convention is recorded once signed: dated ahead, it would take the rules in force that day, and no suspension or termination could be dated before it" \
  agreement sign 1 --on 2052-10-20
# Today itself is no day to come.
run agreement sign 1 --on 2024-11-20
expect_rc "signed today" 0
expect_sql "the convention" "SELECT id, signed_on FROM agreements" "1|2024-11-20"
# A document is recorded once received (before: its date received was
# recorded as 2052-11-21).
expect_error_unchanged "a document received on a day to come" 3 \
  "option --on: 2052-11-21 $AFTER: a document is recorded once received: dated ahead, the convention's record would hold a document that has not come" \
  agreement document 1 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --on 2052-11-21
run agreement document 1 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --on 2024-11-20
expect_rc "a document received today" 0
run agreement terminate 1 --on 2024-11-30 --reason "abandon"
expect_rc "terminated after its signature" 0

expect_error_unchanged "a CESP requested on a day to come" 3 \
  "option --requested: 2052-01-20 $AFTER: a CESP is recorded once requested or signed: dated ahead, it would refuse the beneficiary's applications as combined with a CESP of that day" \
  beneficiary cesp B-0002 --requested 2052-01-20
expect_error_unchanged "a CESP signed on a day to come" 3 \
  "option --signed: 2024-11-21 $AFTER: a CESP is recorded once requested or signed: dated ahead, it would refuse the beneficiary's applications as combined with a CESP of that day" \
  beneficiary cesp B-0002 --signed 2024-11-21
# Nor is the day the département learnt of it after today (before: it was
# recorded as 2024-11-21).
expect_error_unchanged "a CESP learnt of on a day to come" 3 \
  "option --on: 2024-11-21 $AFTER: the département records a CESP once it learns of it: dated ahead, the record would say it knew of it on a day that has not come" \
  beneficiary cesp B-0002 --signed 2024-11-20 --on 2024-11-21
run beneficiary cesp B-0002 --signed 2024-11-20
expect_rc "a CESP signed today" 0
finish
