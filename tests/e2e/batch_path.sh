# The monthly batch from run to settlement and bank return, on the real
# binary and a real database (SQLite or PostgreSQL), with the ledger's hash
# chain verified and its append-only triggers tried.
source "$(dirname "$0")/lib.bash"
cd "$WORK"

load_examples

run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_rc "batch run" 0
expect_contains "batch run is a draft" "$OUT" "Batch 1 — 2024-11 — draft"
paid=$(sql "SELECT count(*) FROM payments WHERE batch_id = 1")
held=$(sql "SELECT count(*) FROM batch_holds WHERE batch_id = 1")
expect_eq "one payment order per payment" "$(sql "SELECT count(*) FROM ledger WHERE kind = 'payment'")" "$paid"
expect_eq "the month has payments and holds" "$([ "$paid" -gt 0 ] && [ "$held" -gt 0 ] && echo yes)" yes
expect_eq "payment ids are 1..n" "$(sql 'SELECT min(id) || '"'-'"' || max(id) || '"'-'"' || count(DISTINCT end_to_end_id) FROM payments')" "1-$paid-$paid"

run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_rc "second run of the month" 5
expect_contains "second run names the batch" "$ERR" "2024-11 already has batch 1"

run batch approve 1 --by "Marc Petit"
expect_rc "preparer cannot approve" 5
run batch approve 1 --by "Claire Martin" --on 2024-11-03
expect_rc "approve" 0
run batch export 1 --sepa 2024-11.xml --created-at 2024-11-03T10:00:00 --execution-date 2024-11-05
expect_rc "export" 0
expect_contains "export" "$OUT" "wrote 2024-11.xml: batch 1"
cp 2024-11.xml first.xml
run batch export 1 --sepa 2024-11.xml --created-at 2024-12-01T10:00:00 --execution-date 2024-12-05
expect_rc "export again at another date is refused" 5
expect_eq "the refused export leaves the file" "$(cmp -s first.xml 2024-11.xml && echo same)" same
run batch export 1 --sepa 2024-11.xml
expect_rc "export again" 0
expect_eq "export again writes the same file" "$(cmp -s first.xml 2024-11.xml && echo same)" same
run batch settle 1 --on 2024-11-05
expect_rc "settle" 0
expect_eq "settled payments" "$(sql "SELECT count(*) FROM payments WHERE state = 'paid'")" "$paid"
run batch return 1 --payment 1 --reason AC04 --on 2024-11-20
expect_rc "return" 0
expect_eq "returned payment" "$(sql 'SELECT state || '"' '"' || return_reason FROM payments WHERE id = 1')" "returned AC04"

run ledger verify
expect_rc "ledger verify" 0
expect_contains "ledger verify" "$OUT" "ledger OK: $((2 * paid + 2)) entries"
run ledger export --from 2024-01-01 --to 2024-12-31 --format csv
expect_rc "ledger export" 0

# The database itself refuses to change or delete a ledger entry.
before=$(sql 'SELECT amount_cents FROM ledger WHERE seq = 1')
sql 'UPDATE ledger SET amount_cents = 1 WHERE seq = 1' >update.out 2>&1
expect_eq "UPDATE of the ledger refused" "$([ $? -ne 0 ] && echo refused)" refused
expect_contains "UPDATE refusal says why" "$(cat update.out)" "the ledger is append-only: corrections are new entries"
sql 'DELETE FROM ledger WHERE seq = 2' >delete.out 2>&1
expect_eq "DELETE from the ledger refused" "$([ $? -ne 0 ] && echo refused)" refused
expect_contains "DELETE refusal says why" "$(cat delete.out)" "the ledger is append-only: entries are never deleted"
expect_eq "ledger entry unchanged" "$(sql 'SELECT amount_cents FROM ledger WHERE seq = 1')" "$before"
run ledger verify
expect_rc "ledger still verifies" 0

# A payment names a batch and an instalment that exist (PostgreSQL checks
# it once per statement, see schemas/postgresql/002_batches_ledger.sql;
# the sqlite3 shell turns foreign keys on as grants does).
fk=""
[ "$BACKEND" = sqlite ] && fk="PRAGMA foreign_keys = ON; "
expect_refused "a payment of an unknown instalment" \
  "${fk}INSERT INTO payments (id, batch_id, agreement_id, instalment, attempt, amount_cents, iban, end_to_end_id, state, due_on)
   VALUES (9001, 1, 1, 99, 0, 100, 'FR7630006000011234567890189', 'X-9001', 'pending', '2024-11-05')" \
  "FOREIGN KEY constraint failed" "payment 9001: batch 1 or instalment 99 of convention 1 does not exist"
expect_refused "a payment of an unknown batch" \
  "${fk}INSERT INTO payments (id, batch_id, agreement_id, instalment, attempt, amount_cents, iban, end_to_end_id, state, due_on)
   VALUES (9002, 77, 1, 24, 0, 100, 'FR7630006000011234567890189', 'X-9002', 'pending', '2026-10-05')" \
  "FOREIGN KEY constraint failed" "payment 9002: batch 77 or instalment 24 of convention 1 does not exist"
expect_refused "a paid instalment cannot be deleted" "${fk}DELETE FROM instalments WHERE agreement_id = 1 AND number = 1" \
  "FOREIGN KEY constraint failed" "instalment 1 of convention 1 has payments"
expect_refused "a payment cannot move to another instalment" "${fk}UPDATE payments SET instalment = 99 WHERE id = 1" \
  "FOREIGN KEY constraint failed" "payment 1: its batch and instalment never change"

finish
