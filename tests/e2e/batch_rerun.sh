# Running a month again creates nothing and names the batch that exists; and
# the database itself, not only the code, forbids a second live batch of a
# month and a second live payment of an instalment.
source "$(dirname "$0")/lib.bash"
load_examples

# A month's batch pays everything due until its end: one prepared from the
# month before at the earliest, so that a mistyped year cannot pay whole
# schedules in advance. A dry run may look further.
before=$(table_counts)
expect_error "a month two months ahead" 3 \
  "option --month: 2025-01 starts more than a month after the preparation date 2024-11-02: its batch would pay every instalment due until 2025-01-31 in advance; prepare it from 2024-12-01 (a dry run shows it now)" \
  batch run --month 2025-01 --by "Marc Petit" --on 2024-11-02
expect_error "a mistyped year" 3 \
  "option --month: 2052-11 starts more than a month after the preparation date 2024-11-02: its batch would pay every instalment due until 2052-11-30 in advance; prepare it from 2052-10-01 (a dry run shows it now)" \
  batch run --month 2052-11 --by "Marc Petit" --on 2024-11-02
expect_eq "the refused runs wrote nothing" "$(table_counts)" "$before"
run batch run --month 2025-01 --dry-run --on 2024-11-02
expect_rc "a dry run two months ahead" 0
expect_contains "the dry run shows it" "$OUT" "Dry run for 2025-01: nothing written"

november_to run
before=$(table_counts)

EXISTS="2024-11 already has batch 1 (draft, prepared by Marc Petit on 2024-11-02): nothing written"
expect_error "second run" 5 "$EXISTS" batch run --month 2024-11 --by "Marc Petit" --on 2024-11-03
expect_error "second run by someone else" 5 "$EXISTS" batch run --month 2024-11 --by "Claire Martin" --on 2024-11-04
expect_error "dry run of a month that has its batch" 5 "$EXISTS" batch run --month 2024-11 --dry-run --on 2024-11-04
expect_eq "the re-runs wrote nothing" "$(table_counts)" "$before"

run batch approve 1 --by "Claire Martin" --on 2024-11-03
expect_error "run of a month with an approved batch" 5 \
  "2024-11 already has batch 1 (approved, prepared by Marc Petit on 2024-11-02): nothing written" \
  batch run --month 2024-11 --by "Marc Petit" --on 2024-11-05

# An earlier month than the last batch's is refused too: it would pay
# instalments the next batch has already caught up.
expect_error "run of an earlier month" 5 \
  "batch 1 (approved, prepared by Marc Petit on 2024-11-02) is later than 2024-10: months are paid in order, nothing written" \
  batch run --month 2024-10 --by "Marc Petit" --on 2024-11-05
expect_sql "still one batch, 15 payments" "SELECT count(*), (SELECT count(*) FROM payments) FROM batches" "1|15"

# --- the unique indexes, tried directly with SQL as another program might.
# Convention 6's first instalment has a pending payment in batch 1.
insert_payment() { # ID STATE E2E
  echo "INSERT INTO payments (id, batch_id, agreement_id, instalment, attempt, amount_cents, iban,
        end_to_end_id, state, due_on) VALUES ($1, 1, 6, 1, 9, 50000, 'FR7620041321346758235119067', '$3', '$2',
        '2024-09-05')"
}
expect_refused "a second pending payment of an instalment" "$(insert_payment 1001 pending X-1001)" \
  "UNIQUE constraint failed: payments.agreement_id, payments.instalment" \
  'unique constraint "payments_one_live_per_instalment"'
expect_refused "a paid payment of an instalment with a pending one" "$(insert_payment 1002 paid X-1002)" \
  "UNIQUE constraint failed: payments.agreement_id, payments.instalment" \
  'unique constraint "payments_one_live_per_instalment"'
# A returned or cancelled payment is history: another may follow it. This
# shows the refusals above come from the live-payment index and nothing else.
sql_run "$(insert_payment 1003 cancelled X-1003)"
expect_rc "a cancelled payment beside the live one is accepted" 0
expect_refused "a cancelled payment cannot come back to life" \
  "UPDATE payments SET state = 'pending' WHERE id = 1003" \
  "UNIQUE constraint failed: payments.agreement_id, payments.instalment" \
  'unique constraint "payments_one_live_per_instalment"'
expect_refused "the same EndToEndId twice" "$(insert_payment 1004 cancelled G41-A000006-I01-R0)" \
  "UNIQUE constraint failed: payments.end_to_end_id" 'unique constraint "payments_end_to_end_id_key"'

insert_batch() { # STATE
  # The next id, as grants numbers batches (not PostgreSQL's sequence).
  echo "INSERT INTO batches (id, month, state, prepared_by, prepared_on)
    SELECT MAX(id) + 1, '2024-11', '$1', 'Someone', '2024-11-06' FROM batches"
}
expect_refused "a second draft batch of a month" "$(insert_batch draft)" "UNIQUE constraint failed: batches.month" \
  'unique constraint "batches_one_live_per_month"'
expect_refused "a second settled batch of a month" "$(insert_batch settled)" "UNIQUE constraint failed: batches.month" \
  'unique constraint "batches_one_live_per_month"'
sql_run "$(insert_batch cancelled)"
expect_rc "a cancelled batch of the month is accepted" 0
expect_sql "one live batch, one live payment of 6/1" \
  "SELECT (SELECT count(*) FROM batches WHERE month = '2024-11' AND state <> 'cancelled'),
          (SELECT count(*) FROM payments WHERE agreement_id = 6 AND instalment = 1 AND state IN ('pending', 'paid'))" \
  "1|1"

finish
