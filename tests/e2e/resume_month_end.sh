# Resumptions move held instalments from the dates their schedule set at
# signature, by all the months moved so far, with the schedule's own
# end-of-month rule. Before, each resumption moved an instalment from its
# last date, always with `clamp`: a share due on 2026-01-31, suspended and
# resumed twice across February, went to 2026-02-28 then 2026-03-28
# instead of 2026-03-31, its covered day with it; and a share counted with
# `overflow` moved as if with `clamp` (2026-02-28 instead of 2026-03-03).
source "$(dirname "$0")/lib.bash"

copy_rules

run init
run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0

# shares ID: "number due amount covers_from covers_to state" of each instalment.
shares() {
  sql "SELECT number || ' ' || due_on || ' ' || amount_cents || ' ' || covers_from || ' ' || covers_to || ' ' || state
       FROM instalments WHERE agreement_id = $1 ORDER BY number"
}

# --- convention 1: investment aid signed on 2025-01-31 (clamp): 50 000 €
# at signature, 50 000 € twelve months later, on 2026-01-31.
export GRANTS_TODAY=2025-01-31
run application submit --beneficiary B-0013 --scheme loir-et-cher/investment-aid --on 2025-01-10 --expenses "480 000,00"
expect_rc "submit 1" 0
run application decide 1 --approve --deliberation CP-2025-01-27-01 --date 2025-01-27
expect_rc "approve 1" 0
run agreement sign 1 --on 2025-01-31
expect_rc "sign 1" 0

# --- convention 2: equipment aid whose rule file counts months with
# overflow (the file is edited after convention 1 was signed, which keeps
# its own rules): one share due on the installation date, 2026-01-31.
sed -i '/^\[schemes\.equipment-aid\.periods\.payment\]$/a month_end = "overflow"' "$RULES/loir-et-cher.toml"
run rules check "$RULES/loir-et-cher.toml"
expect_rc "the overflow rules are valid" 0
export GRANTS_TODAY=2025-12-20
run application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2025-12-01 \
  --start 2026-01-31 --expenses "5 000,00"
expect_rc "submit 2" 0
run application decide 2 --approve --deliberation CP-2025-12-15-01 --date 2025-12-15
expect_rc "approve 2" 0
run agreement sign 2 --on 2025-12-20
expect_rc "sign 2" 0
expect_eq "convention 1 as signed" "$(shares 1)" "1 2025-01-31 5000000 2025-01-31 2025-01-31 open
2 2026-01-31 5000000 2026-01-31 2026-01-31 open"
expect_eq "convention 2 as signed" "$(shares 2)" "1 2026-01-31 400000 2026-01-31 2026-01-31 open"

# hold_over FROM ON: conventions 1 and 2 suspended from FROM and resumed
# on ON, one month later.
hold_over() {
  local id
  for id in 1 2; do
    run agreement suspend $id --from "$1" --reason "travaux arrêtés"
    expect_out "suspend $id from $1" "convention $id suspended from $1"
    run agreement resume $id --on "$2" --reason "reprise des travaux"
    expect_out "resume $id on $2" "convention $id resumed on $2; 1 unpaid instalment moved by 1 month"
  done
}

# First suspension, over January.
export GRANTS_TODAY=2026-01-15
hold_over 2026-01-01 2026-02-10
expect_eq "convention 1: the 31st clamped to February's last day, the first share not moved" "$(shares 1)" \
  "1 2025-01-31 5000000 2025-01-31 2025-01-31 open
2 2026-02-28 5000000 2026-02-28 2026-02-28 open"
expect_eq "convention 2: 31 January + 1 month with overflow" "$(shares 2)" \
  "1 2026-03-03 400000 2026-03-03 2026-03-03 open"

# Second suspension, over February into March: one month more.
export GRANTS_TODAY=2026-02-15
hold_over 2026-02-20 2026-03-05
expect_eq "convention 1: two months after 2026-01-31 is 2026-03-31" "$(shares 1)" \
  "1 2025-01-31 5000000 2025-01-31 2025-01-31 open
2 2026-03-31 5000000 2026-03-31 2026-03-31 open"
expect_eq "convention 2: two months after 2026-01-31 with overflow is 2026-03-31" "$(shares 2)" \
  "1 2026-03-31 400000 2026-03-31 2026-03-31 open"

run --format csv schedule show 1
expect_eq "schedule show 1 (CSV)" "$(tr -d '\r' <<<"$OUT")" "number,due,amount,covers_from,covers_to,state,batch_today,hold_reason
1,2025-01-31,50000.00,2025-01-31,2025-01-31,open,holds,missing works-invoices covering 2025-01-31
2,2026-03-31,50000.00,2026-03-31,2026-03-31,open,,"
run --format csv schedule show 2
expect_eq "schedule show 2 (CSV)" "$(tr -d '\r' <<<"$OUT")" "number,due,amount,covers_from,covers_to,state,batch_today,hold_reason
1,2026-03-31,4000.00,2026-03-31,2026-03-31,open,,"
run schedule show 1
expect_contains "the total is the award, to the cent" "$OUT" "Total: 100 000,00 € in 2 instalments; award 100 000,00 €"
expect_sql "the ledger is not touched" "SELECT count(*) FROM ledger" "0"


# A database from before instalments kept their dates as scheduled: each
# takes its date then, and a resumption moves it from there.
sql "ALTER TABLE instalments DROP COLUMN scheduled_due_on; ALTER TABLE instalments DROP COLUMN scheduled_covers_from;
     ALTER TABLE instalments DROP COLUMN scheduled_covers_to; ALTER TABLE instalments DROP COLUMN months_moved;
     DELETE FROM schema_migrations WHERE name = '007_instalment_scheduled.sql'"
run init
expect_rc "init" 0
expect_contains "init applies the migration" "$OUT" "applied 007_instalment_scheduled.sql"
expect_sql "the dates as they were, moved by nothing yet" \
  "SELECT agreement_id || ' ' || number || ' ' || scheduled_due_on || ' ' || scheduled_covers_from || ' ' || scheduled_covers_to || ' ' || months_moved FROM instalments ORDER BY agreement_id, number" \
  "1 1 2025-01-31 2025-01-31 2025-01-31 0
1 2 2026-03-31 2026-03-31 2026-03-31 0
2 1 2026-03-31 2026-03-31 2026-03-31 0"
export GRANTS_TODAY=2026-04-10
run agreement suspend 1 --from 2026-03-25 --reason "travaux arrêtés"
expect_rc "suspend after the upgrade" 0
run agreement resume 1 --on 2026-05-04 --reason "reprise des travaux"
expect_out "resume after the upgrade" "convention 1 resumed on 2026-05-04; 1 unpaid instalment moved by 2 months"
expect_eq "moved from its date at the upgrade" "$(shares 1)" \
  "1 2025-01-31 5000000 2025-01-31 2025-01-31 open
2 2026-05-31 5000000 2026-05-31 2026-05-31 open"

# The copy keeps what each instalment was scheduled and moved by.
run db copy --from "$DB_URL" --to "sqlite:$WORK/copy.db"
expect_rc "db copy" 0
expect_eq "the copy's instalments" \
  "$(sqlite3 "$WORK/copy.db" "SELECT number || ' ' || due_on || ' ' || scheduled_due_on || ' ' || months_moved FROM instalments WHERE agreement_id = 1 ORDER BY number")" \
  "1 2025-01-31 2025-01-31 0
2 2026-05-31 2026-03-31 2"

finish
