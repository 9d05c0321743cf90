# The execution date a SEPA file asks for is a TARGET2 business day. Before,
# a file could ask for a Saturday or Christmas Day (the default was today,
# whatever day it was), which a bank rejects or moves, while the batch
# recorded it as the day the money left.
source "$(dirname "$0")/lib.bash"
load_examples
november_to approve
BEFORE=$(table_counts)

refused() { # NAME MESSAGE ARGS...: exit 3, that message, nothing written
  local name=$1 message=$2
  shift 2
  expect_error "$name" 3 "$message" "$@"
  expect_eq "$name: nothing written" "$(table_counts)" "$BEFORE"
  expect_sql "$name: the batch stays approved" "SELECT state FROM batches WHERE id = 1" approved
  expect_no_file "$name: no file" "$WORK/2024-11.xml"
}
refused "a Saturday" \
  "option --execution-date: 2024-11-09 is a TARGET2 closing day (Saturday), when no bank executes a SEPA transfer; the next business day is 2024-11-11" \
  batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-09
refused "Christmas Day, then 26 December" \
  "option --execution-date: 2024-12-25 is a TARGET2 closing day (Christmas Day), when no bank executes a SEPA transfer; the next business day is 2024-12-27" \
  batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-12-25
refused "Easter Monday" \
  "option --execution-date: 2025-04-21 is a TARGET2 closing day (Easter Monday), when no bank executes a SEPA transfer; the next business day is 2025-04-22" \
  batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2025-04-21

# Nor years ahead (2052 typed for 2024): before, the batch was exported and
# then locked, as an exported batch cannot be cancelled, a re-export cannot
# change the date, and settlement waits for the execution date. A date is
# taken up to the end of the month after today's.
GRANTS_TODAY=2024-11-04 refused "an execution date years ahead" \
  "option --execution-date: 2052-11-05 is more than a month ahead: today is 2024-11-04, and the bank would hold or refuse the file, while an exported batch can be neither cancelled nor exported again with another date, nor settled before that date; ask for a date until 2024-12-31" \
  batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2052-11-05
GRANTS_TODAY=2024-11-04 refused "a weekend years ahead: the year is said" \
  "option --execution-date: 2052-11-09 is more than a month ahead: today is 2024-11-04, and the bank would hold or refuse the file, while an exported batch can be neither cancelled nor exported again with another date, nor settled before that date; ask for a date until 2024-12-31" \
  batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2052-11-09

# Exported on a Saturday without --execution-date: the file asks for Monday.
GRANTS_TODAY=2024-11-09 run batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-09T10:00:00
expect_rc "exported on a Saturday" 0
expect_eq "the file asks for Monday" \
  "$(xmllint --xpath "string(//*[local-name()='ReqdExctnDt'][1])" "$WORK/2024-11.xml")" 2024-11-11
expect_sql "the batch records Monday" "SELECT execution_date FROM batches WHERE id = 1" 2024-11-11
expect_error "settled on the Saturday: the bank pays on Monday" 3 \
  "option --on: 2024-11-09 is before the execution date of batch 1, 2024-11-11: the bank pays on that date" \
  batch settle 1 --on 2024-11-09
run batch settle 1 --on 2024-11-11
expect_rc "settled on Monday" 0

finish
