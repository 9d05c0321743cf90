# An application signed again is refused as signed already, naming its
# convention, and writes nothing.
#
# Before: the refusal gave the convention signed from it as another
# convention covering the same months ("application 1 cannot be signed:
# convention 1 of B-0001, active, covers 2024-11-01 to 2026-10-31, and this
# one would cover ...: the same months would be paid twice"), which sends
# the officer looking for a second aid; once that convention was
# terminated, the message was the store's, without the date.
source "$(dirname "$0")/lib.bash"
load_examples
export GRANTS_TODAY=2025-01-10

expect_error_unchanged "convention 1 signed again" 5 \
  "application 1 already has convention 1, signed on 2024-10-20" agreement sign 1 --on 2024-10-21
run agreement terminate 1 --on 2024-12-31 --reason "abandon"
expect_rc "convention 1 terminated" 0
expect_error_unchanged "a terminated convention signed again" 5 \
  "application 1 already has convention 1, signed on 2024-10-20" agreement sign 1 --on 2025-01-10
finish
