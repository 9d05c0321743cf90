# Numbers on the command line (ids, --payment, --study-year, --instalments)
# are decimal digits. CLI11 alone read them as strtoll does in base 0:
# `application show 010` showed application 8 (octal), `0x10` was 16, and a
# number past 64 bits became 9223372036854775807, each with no word said.
source "$(dirname "$0")/lib.bash"
load_examples

# A leading zero is decimal: 010 is 10, never 8.
run --format json application show 010
expect_rc "a leading zero" 0
expect_contains "010 is application 10" "$OUT" '"id": 10,'
run --format json application show 0008
expect_rc "leading zeros" 0
expect_contains "0008 is application 8" "$OUT" '"id": 8,'

# Anything but decimal digits is a usage error naming the value.
for value in 0x10 "" -1 1e3 " 5" +5 1_000; do
  run application show "$value"
  expect_rc "id \"$value\"" 2
  expect_contains "id \"$value\" is named" "$ERR" "ID: \"$value\": expected a number in decimal digits, e.g. 12"
done
run batch return 1 --payment 0x3 --reason AC04
expect_rc "an option's number" 2
expect_contains "an option's number is named" "$ERR" '--payment: "0x3": expected a number in decimal digits, e.g. 12'
run batch show 99999999999999999999
expect_rc "past 64 bits" 2
expect_contains "past 64 bits" "$ERR" 'ID: "99999999999999999999": too large, at most 9223372036854775807'
expect_error "the largest id" 4 "batch 9223372036854775807 does not exist" batch show 9223372036854775807

# --study-year 010 was recorded as 8; a study year is 1 to 15, or nothing
# is recorded.
BEFORE=$(table_counts)
for year in 0 16; do
  expect_error "study year $year" 3 "study year $year is outside 1-15: nothing recorded" \
    application submit --beneficiary B-0007 --scheme vienne/medicine-study-aid --on 2026-09-01 --start 2026-10-01 \
    --study-year "$year"
done
expect_eq "a refused study year wrote nothing" "$(table_counts)" "$BEFORE"
run --format json application submit --beneficiary B-0007 --scheme vienne/medicine-study-aid --on 2026-09-01 \
  --start 2026-10-01 --study-year 06
expect_rc "study year 06" 0
expect_contains "study year 06 is 6" "$OUT" '"study_year": 6,'

finish
