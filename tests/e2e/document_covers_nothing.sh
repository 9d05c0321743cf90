# A document that allows none of the convention's instalments (2030 typed
# for 2025) is refused, naming the dates they are due on, and writes
# nothing; one that allows some is recorded.
#
# Before: it was recorded ("convention 1: enrolment-certificate recorded,
# allowing instalments due from 2030-11-01 to 2031-10-31"), the officer
# believed the held instalments released, and batches went on holding them.
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-11-20

expect_error_unchanged "a certificate for years after the schedule" 3 \
  "options --from and --to: 2030-11-01 to 2031-10-31 covers no instalment of convention 1, which are due from 2024-11-05 to 2026-10-05" \
  agreement document 1 --kind enrolment-certificate --from 2030-11-01 --to 2031-10-31 --ref "Tours 2030-2031"
expect_error_unchanged "a certificate between two due dates" 3 \
  "options --from and --to: 2025-11-06 to 2025-12-04 covers no instalment of convention 1, which are due from 2024-11-05 to 2026-10-05" \
  agreement document 1 --kind enrolment-certificate --from 2025-11-06 --to 2025-12-04
run agreement document 1 --kind enrolment-certificate --from 2025-11-01 --to 2026-10-31 --ref "Tours 2025-2026"
expect_rc "the next year's certificate" 0
expect_out "recorded" \
  "convention 1: enrolment-certificate recorded, allowing instalments due from 2025-11-01 to 2026-10-31: open 12 (6 000,00 €)"
# The last day it allows is the due date itself.
run agreement document 2 --kind enrolment-certificate --from 2026-10-05 --to 2026-10-05
expect_rc "a certificate for the last instalment's day" 0

# On a terminated convention, a certificate for the months after the
# termination is recorded (the paperwork may come late) but says that it
# releases nothing: every instalment it covers is cancelled.
#
# Before: "convention 3: enrolment-certificate recorded, allowing
# instalments due from 2025-11-01 to 2026-10-31", and the officer believed
# the year's instalments released.
run agreement terminate 3 --on 2025-10-15 --reason "abandon des études"
expect_out "terminated" "convention 3 terminated on 2025-10-15; 12 instalments cancelled"
run agreement document 3 --kind enrolment-certificate --from 2025-11-01 --to 2026-10-31 --ref "Tours 2025-2026"
expect_rc "a certificate for cancelled months" 0
expect_out "it releases nothing" \
  "convention 3: enrolment-certificate recorded, allowing instalments due from 2025-11-01 to 2026-10-31: cancelled 12 (6 000,00 €); none is open: it releases nothing"
# One over the termination releases the months before it, which stay due.
run --format json agreement document 3 --kind enrolment-certificate --from 2025-09-01 --to 2026-08-31
expect_rc "a certificate over the termination" 0
expect_eq "over the termination: by state" \
  "$(jq -c '[.open_instalments, .open_total, .cancelled_instalments, .cancelled_total, .paid_instalments]' <<<"$OUT")" \
  '[2,"1000.00",10,"5000.00",0]'

# The same document typed again (a command run twice) is refused, naming
# the first; another reference is another paper, recorded.
#
# Before: recorded twice, and listed twice by `agreement show`.
expect_error_unchanged "the same certificate again" 5 \
  'convention 1: enrolment-certificate allowing instalments due from 2025-11-01 to 2026-10-31, reference "Tours 2025-2026", is already recorded (received on 2025-11-20): nothing recorded' \
  agreement document 1 --kind enrolment-certificate --from 2025-11-01 --to 2026-10-31 --ref "Tours 2025-2026"
expect_error_unchanged "the same certificate again, without reference" 5 \
  'convention 3: enrolment-certificate allowing instalments due from 2025-09-01 to 2026-08-31, without reference, is already recorded (received on 2025-11-20): nothing recorded' \
  agreement document 3 --kind enrolment-certificate --from 2025-09-01 --to 2026-08-31
run agreement document 1 --kind enrolment-certificate --from 2025-11-01 --to 2026-10-31 --ref "Tours 2025-2026 (duplicata)"
expect_rc "the same months, another reference" 0
expect_sql "both listed" "SELECT count(*) FROM agreement_documents WHERE agreement_id = 1 AND reference LIKE 'Tours 2025-2026%'" 2
finish
