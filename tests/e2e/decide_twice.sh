# An application decided already is refused as such, whatever else is
# wrong with the second decision, and nothing is written.
#
# Before: a second decision without a reason, or dated before the
# submission, was refused for that ("a rejection needs a reason
# (--reason)"); the officer gave one, and only then learnt that the
# application had been approved.
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-11-20
ALREADY="application 1 was already approved (CP-2024-10-14-07 of 2024-10-14)"

expect_error_unchanged "a rejection without its reason" 5 "$ALREADY" \
  application decide 1 --reject --deliberation CP-2024-11-04-01 --date 2024-11-04
expect_error_unchanged "a decision dated before the submission" 5 "$ALREADY" \
  application decide 1 --approve --deliberation CP-2024-09-02-01 --date 2024-09-02
expect_error_unchanged "the same decision again" 5 "$ALREADY" \
  application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14

# On an application not decided, the same mistakes are said as before.
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2025-11-03 --start 2025-12-01 --expenses "8 000,00"
expect_rc "a new application" 0
expect_error_unchanged "a rejection without its reason" 3 "a rejection needs a reason (--reason)" \
  application decide 17 --reject --deliberation CP-2025-11-10-01 --date 2025-11-10
expect_error_unchanged "a decision dated before the submission" 3 \
  "decision date 2025-11-02 is before the submission on 2025-11-03" \
  application decide 17 --reject --deliberation CP-2025-11-10-01 --date 2025-11-02 --reason "aide déjà perçue"
finish
