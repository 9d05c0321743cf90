# Four eyes: whoever prepared a batch cannot approve it, someone else can,
# and only an approved batch goes to the bank. A batch can be cancelled
# until it is exported, which frees its month.
source "$(dirname "$0")/lib.bash"
load_examples

november_to run

expect_error "the preparer approves" 5 "batch 1 was prepared by Marc Petit: a second person must approve it" \
  batch approve 1 --by "Marc Petit" --on 2024-11-03
expect_sql "batch 1 is still a draft" "SELECT state, CASE WHEN approved_by IS NULL THEN 1 ELSE 0 END FROM batches WHERE id = 1" "draft|1"
# The database refuses it too, whatever program writes.
expect_refused "the database refuses the preparer as approver" \
  "UPDATE batches SET state = 'approved', approved_by = prepared_by, approved_on = '2024-11-03' WHERE id = 1" \
  "CHECK constraint failed: approved_by IS NULL OR approved_by <> prepared_by" \
  'violates check constraint "batches_check"'
# A refusal names the batch, its month, where it stands since when, and
# what can be done with it now.
DRAFT_NEXT='approve it with `batch approve 1 --by NAME` (someone other than Marc Petit), or cancel it with `batch cancel 1 --by NAME`'
expect_error "a draft cannot be exported" 5 "batch 1 (2024-11) is a draft, prepared by Marc Petit on 2024-11-02: only an approved batch can be exported, or an exported one again; $DRAFT_NEXT" \
  batch export 1 --sepa "$WORK/draft.xml"
expect_no_file "no file for a draft batch" "$WORK/draft.xml"
expect_error "a draft cannot be settled" 5 "batch 1 (2024-11) is a draft, prepared by Marc Petit on 2024-11-02: only an exported batch can be settled; $DRAFT_NEXT" \
  batch settle 1 --on 2024-11-03
expect_error "nothing of a draft can be returned" 5 "batch 1 (2024-11) is a draft, prepared by Marc Petit on 2024-11-02: only payments sent to the bank can be returned; $DRAFT_NEXT" \
  batch return 1 --payment "$(payment_id 1 1 1)" --reason AC04 --on 2024-11-03

# --- a draft is cancelled: its payment orders are withdrawn in the ledger
# and the month is free again.
# The name typed with stray spaces is stored, shown and written in the
# ledger's labels in one form.
run batch cancel 1 --by "  Marc   Petit " --on 2024-11-03
expect_rc "cancel a draft" 0
expect_eq "cancel a draft" "$(head -n 1 <<<"$OUT")" "Batch 1 cancelled by Marc Petit"
expect_sql "cancelled batch" "SELECT state, cancelled_by, cancelled_on FROM batches WHERE id = 1" \
  "cancelled|Marc Petit|2024-11-03"
expect_sql "the ledger's labels name the canceller as stored" \
  "SELECT count(*) FROM ledger WHERE kind = 'cancellation' AND batch_id = 1 AND label LIKE '%: lot 1 annulé par Marc Petit'" 15
expect_sql "its payments are cancelled" "SELECT state, count(*) FROM payments WHERE batch_id = 1 GROUP BY state" "cancelled|15"
expect_error "a cancelled batch is not approved" 5 "batch 1 (2024-11) was cancelled by Marc Petit on 2024-11-03: only a draft can be approved; its payments are cancelled: prepare 2024-11 again with \`batch run --month 2024-11\`" \
  batch approve 1 --by "Claire Martin" --on 2024-11-03
expect_sql "one cancellation entry per payment order, expense credited back" \
  "SELECT debit, credit, count(*), sum(amount_cents), min(entry_date) FROM ledger WHERE kind = 'cancellation' AND batch_id = 1 GROUP BY debit, credit" \
  "4671|6513|15|725000|2024-11-03"

run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-04
expect_rc "the month runs again" 0
expect_contains "the same payments" "$OUT" "15 payments, 7 250,00 €; 2 instalments held (1 000,00 €)"
expect_sql "new EndToEndIds: second attempt" \
  "SELECT count(*) FROM payments WHERE batch_id = 2 AND end_to_end_id LIKE '%-R1'" 15

# --- someone else approves
run batch approve 2 --by "Claire Martin" --on 2024-11-05
expect_rc "a second person approves" 0
expect_eq "approval" "$(head -n 1 <<<"$OUT")" "Batch 2 approved by Claire Martin"
expect_sql "approved" "SELECT state, prepared_by, approved_by, approved_on FROM batches WHERE id = 2" \
  "approved|Marc Petit|Claire Martin|2024-11-05"
APPROVED_NEXT='export it with `batch export 2 --sepa FILE`, or cancel it with `batch cancel 2 --by NAME`'
expect_error "approved twice" 5 "batch 2 (2024-11) was approved by Claire Martin on 2024-11-05: only a draft can be approved; $APPROVED_NEXT" \
  batch approve 2 --by "Paul Durand" --on 2024-11-05
expect_error "an approved batch is not settled" 5 "batch 2 (2024-11) was approved by Claire Martin on 2024-11-05: only an exported batch can be settled; $APPROVED_NEXT" \
  batch settle 2 --on 2024-11-05
expect_error "unknown batch" 4 "batch 9 does not exist" \
  batch approve 9 --by "Claire Martin"

# --- an approved batch can still be cancelled
run batch cancel 2 --by "Claire Martin" --on 2024-11-05
expect_rc "cancel an approved batch" 0
expect_sql "batch 2 cancelled" "SELECT state, cancelled_by FROM batches WHERE id = 2" "cancelled|Claire Martin"

# --- an exported one cannot
run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-06
run batch approve 3 --by "Claire Martin" --on 2024-11-06
run batch export 3 --sepa "$WORK/2024-11.xml" --created-at 2024-11-06T10:00:00 --execution-date 2024-11-08
expect_rc "export batch 3" 0
EXPORTED='batch 3 (2024-11) was exported on 2024-11-06 (MsgId GRANTS-B000003-20241106100000) for execution on 2024-11-08'
EXPORTED_NEXT='once the bank has paid, settle it with `batch settle 3`, and record a transfer that comes back with `batch return 3 --payment ID --reason CODE`'
expect_error "cancel an exported batch" 5 "$EXPORTED: only a batch not yet exported can be cancelled; $EXPORTED_NEXT" \
  batch cancel 3 --by "Claire Martin" --on 2024-11-07
expect_error "approve an exported batch" 5 "$EXPORTED: only a draft can be approved; $EXPORTED_NEXT" \
  batch approve 3 --by "Paul Durand"
run batch settle 3 --on 2024-11-08
expect_rc "settle" 0
expect_error "cancel a settled batch" 5 "batch 3 (2024-11) was settled on 2024-11-08: only a batch not yet exported can be cancelled; the bank has paid it: record a transfer that comes back with \`batch return 3 --payment ID --reason CODE\`" \
  batch cancel 3 --by "Claire Martin" --on 2024-11-09
expect_error "settled twice" 5 "batch 3 (2024-11) was settled on 2024-11-08: only an exported batch can be settled; the bank has paid it: record a transfer that comes back with \`batch return 3 --payment ID --reason CODE\`" \
  batch settle 3 --on 2024-11-09

expect_sql "batches" "SELECT id || ' ' || state FROM batches ORDER BY id" "1 cancelled
2 cancelled
3 settled"
expect_sql "no cancellation of batch 3's payments" \
  "SELECT count(*) FROM ledger WHERE kind = 'cancellation' AND batch_id = 3" 0
expect_sql "each instalment has one live payment" \
  "SELECT count(*), count(DISTINCT agreement_id || '/' || instalment) FROM payments WHERE state IN ('pending', 'paid')" "15|15"

finish
