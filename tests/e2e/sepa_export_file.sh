# The SEPA file goes to PATH.tmp and takes its name only once whole, and the
# batch is recorded exported only once the file was written: a path that
# cannot be opened or a file the bank cannot take leaves the batch approved
# and nothing at PATH; a file written but not renamed into place leaves the
# batch exported, and exporting again writes the same file.
source "$(dirname "$0")/lib.bash"
load_examples

november_to approve
copy_db approved

# --- a directory that does not exist: refused before anything is recorded
expect_error "export into a missing directory" 3 \
  "cannot write $WORK/missing/2024-11.xml: No such file or directory" \
  batch export 1 --sepa "$WORK/missing/2024-11.xml" --created-at 2024-11-04T09:30:00
expect_sql "the batch stays approved, no MsgId taken" \
  "SELECT state, CASE WHEN msg_id IS NULL THEN 1 ELSE 0 END FROM batches WHERE id = 1" "approved|1"

# --- the database itself as the SEPA file (grants.db for 2024-11.xml): it
# would be replaced by the XML once the batch is recorded exported; refused
# before anything is recorded
if [ "$BACKEND" = sqlite ]; then
  expect_error "export over the database" 3 \
    "option --sepa: \"$DB\" is the database's file $DB: writing there would replace the database (give another file)" \
    batch export 1 --sepa "$DB" --created-at 2024-11-04T09:30:00
  expect_sql "the database is whole, the batch still approved" "SELECT state FROM batches WHERE id = 1" "approved"
fi

# --- a payment that cannot go into the file: no file, no temporary file
sql "UPDATE payments SET iban = 'FR7630004616159956466929457' WHERE agreement_id = 1 AND instalment = 1"
run batch export 1 --sepa "$WORK/bad.xml" --created-at 2024-11-04T09:30:00
expect_rc "export with a bad IBAN" 3
expect_no_file "no file with a bad IBAN" "$WORK/bad.xml"
expect_no_file "no temporary file with a bad IBAN" "$WORK/bad.xml.tmp"
expect_sql "the batch stays approved" "SELECT state FROM batches WHERE id = 1" "approved"

# --- PATH is a directory: the file is written, the batch recorded exported,
# then the rename fails; the temporary file goes and the export is redone.
use_copy approved blocked
mkdir "$WORK/blocked.xml"
expect_error "the file cannot take its name" 3 \
  "cannot write $WORK/blocked.xml: Is a directory; batch 1 is exported: run the export again to write the same file" \
  batch export 1 --sepa "$WORK/blocked.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_no_file "no temporary file left" "$WORK/blocked.xml.tmp"
expect_sql "the batch is exported with its MsgId" "SELECT state, msg_id FROM batches WHERE id = 1" \
  "exported|GRANTS-B000001-20241104093000"
run batch export 1 --sepa "$WORK/again.xml"
expect_rc "export again" 0
expect_out "export again" "wrote $WORK/again.xml: batch 1, MsgId GRANTS-B000001-20241104093000, 15 payments, 7 250,00 €, execution date 2024-11-06"
expect_no_file "no temporary file after a good export" "$WORK/again.xml.tmp"

# --- the same bytes as a first export that went through
use_copy approved straight
run batch export 1 --sepa "$WORK/straight.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "export straight" 0
if cmp -s "$WORK/straight.xml" "$WORK/again.xml"; then pass; else
  fail "the export redone differs" "$(diff "$WORK/straight.xml" "$WORK/again.xml")"; fi

# --- once settled, no file is written again: the one sent is the record
run batch settle 1 --on 2024-11-06
expect_rc "settle" 0
expect_error "a settled batch" 5 "batch 1 (2024-11) was settled on 2024-11-06: only an approved batch can be exported, or an exported one again; the bank has paid it: record a transfer that comes back with \`batch return 1 --payment ID --reason CODE\`" \
  batch export 1 --sepa "$WORK/settled.xml"
expect_no_file "no file once settled" "$WORK/settled.xml"

finish
