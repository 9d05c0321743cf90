# A hold lists every reason at once, so that the officer who fixes one does
# not learn of the next only at the following month's batch; a month with
# nothing to pay creates no batch and says so without a state or an id, and
# uses up no batch number.
source "$(dirname "$0")/lib.bash"
load_examples

# --- August 2024: nothing is due yet. No batch, no state, nothing written.
before=$(table_counts)
run batch run --month 2024-08 --by "Marc Petit" --on 2024-08-02
expect_rc "empty month" 0
expect_eq "empty month title" "$(head -n 1 <<<"$OUT")" "Nothing to pay for 2024-08: no batch created"
expect_eq "empty month: no id, no state" "$(grep -E '^  (id|state):' <<<"$OUT" | sed 's/ *$//')" "  id:
  state:"
expect_contains "empty month: counts" "$OUT" "0 payments, 0,00 €; 0 instalments held (0,00 €)"
expect_eq "empty month writes no row" "$(table_counts)" "$before"
run --format json batch run --month 2024-08 --by "Marc Petit" --on 2024-08-02
expect_eq "empty month as JSON: id and state null" \
  "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["state"], d["payments"], d["total"])' <<<"$OUT")" \
  "None None 0 0.00"

# --- B-0014 (convention 3) has no IBAN; suspended from November, her
# November instalment is held for both reasons.
run agreement suspend 3 --from 2024-11-01 --reason "disponibilité"
expect_rc "suspend convention 3" 0
run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_rc "batch 2024-11" 0
# The empty months used up no batch number, on PostgreSQL either, whose
# sequences move even when the transaction rolls back.
expect_eq "the first batch is batch 1" "$(awk '$1 == "id:" { print $2 }' <<<"$OUT")" "1"
expect_holds "every reason of a hold" "holds:
  convention  instalment  due           amount  beneficiary  scheme                       reason
           2           1  2024-11-05  500,00 €  B-0002       loir-et-cher/intern-bursary  missing enrolment-certificate covering 2024-11-05
           3           1  2024-11-05  500,00 €  B-0014       loir-et-cher/intern-bursary  convention suspended; no IBAN

15 payments, 7 250,00 €; 2 instalments held (1 000,00 €)"
expect_sql "both reasons stored with the batch" \
  "SELECT reason FROM batch_holds WHERE agreement_id = 3" "convention suspended; no IBAN"

finish
