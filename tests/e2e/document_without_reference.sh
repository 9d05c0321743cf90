# A document recorded without --ref has no reference: JSON gives null, as
# for every value not given, and CSV an empty field.
#
# Before: `agreement document` and the documents of `agreement show` gave
# "reference": "".
source "$(dirname "$0")/lib.bash"
cd "$WORK"
load_examples

run --format json agreement document 2 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --on 2024-11-20
expect_rc "document without a reference, json" 0
expect_out "document without a reference, json" '{
  "cancelled_instalments": 0,
  "cancelled_total": "0.00",
  "convention": 2,
  "document": "enrolment-certificate",
  "from": "2024-11-01",
  "open_instalments": 12,
  "open_total": "6000.00",
  "paid_instalments": 0,
  "paid_total": "0.00",
  "pending_instalments": 0,
  "pending_total": "0.00",
  "recorded_on": "2024-11-20",
  "reference": null,
  "to": "2025-10-31"
}'

run --format json agreement show 2
expect_rc "agreement show, json" 0
expect_eq "its documents, json" "$(jq -c '.documents' <<<"$OUT")" \
  '[{"document":"enrolment-certificate","from":"2024-11-01","recorded_on":"2024-11-20","reference":null,"to":"2025-10-31"}]'

run --format csv agreement document 2 --kind enrolment-certificate --from 2025-11-01 --to 2026-10-31 --on 2025-11-20
expect_rc "document without a reference, csv" 0
expect_contains "csv: an empty field" "$OUT" $'reference,\r'

finish
