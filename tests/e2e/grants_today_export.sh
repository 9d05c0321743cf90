# A batch exported with GRANTS_TODAY set and without --created-at: the file
# is created "now" on the day GRANTS_TODAY names (README: "Dates default to
# today (the file's --created-at to now)"; "GRANTS_TODAY=YYYY-MM-DD sets
# today"). Before, "now" was the machine's clock, another day: the export
# was refused, naming an option not given ("option --execution-date:
# 2024-11-04 is before the file was created, at <the machine's time>"; told
# ahead of the calendar, "option --created-at: ... is before batch 1 was
# approved").
source "$(dirname "$0")/lib.bash"

load_examples
export GRANTS_TODAY=2024-11-04
november_to approve

run --format csv batch export 1 --sepa "$WORK/2024-11.xml"
expect_rc "export with neither --created-at nor --execution-date" 0
expect_eq "executed today" "$(grep '^execution_date,' <<<"$OUT" | tr -d '\r')" "execution_date,2024-11-04"
expect_contains "the MsgId carries today's date" "$(grep '^msg_id,' <<<"$OUT")" "msg_id,GRANTS-B000001-20241104"
expect_contains "created today" "$(grep -o '<CreDtTm>[^<]*' "$WORK/2024-11.xml" | head -n 1)" "<CreDtTm>2024-11-04T"

# Ahead of the calendar, as examples/obligations.sh tells its story.
export GRANTS_TODAY=2030-06-30
run batch settle 1 --on 2024-11-04
expect_rc "settle" 0
run batch run --month 2024-12 --by "Marc Petit" --on 2030-06-30
expect_rc "a batch prepared in 2030" 0
run batch approve 2 --by "Claire Martin"
expect_rc "approved in 2030" 0
run batch export 2 --sepa "$WORK/2024-12.xml"
expect_rc "exported in 2030, without --created-at" 0
expect_contains "created in 2030" "$(grep -o '<CreDtTm>[^<]*' "$WORK/2024-12.xml" | head -n 1)" "<CreDtTm>2030-06-30T"

finish
