# A suspension cannot stop a payment already in a batch, as a termination
# cannot: suspending from a date while an instalment due from that date is
# in a batch the bank has not paid is refused, naming it and what to do,
# and writes nothing. Before, the suspension was recorded and the batch
# paid the instalment anyway, due in the suspended months.
source "$(dirname "$0")/lib.bash"
load_examples

november_to run
copy_db draft
expect_error_unchanged "suspend while the draft holds instalment 1" 5 \
  "convention 1 cannot be suspended from 2024-11-01: instalment 1, due 2024-11-05, is in batch 1 (draft): cancel batch 1 first, then suspend; nothing written" \
  agreement suspend 1 --from 2024-11-01 --reason "année de césure"
expect_sql "still active" "SELECT state FROM agreements WHERE id = 1" active

# From the day after its due date, the instalment in the batch is not suspended.
run agreement suspend 1 --from 2024-11-06 --reason "année de césure"
expect_out "suspended after the pending instalment's due date" "convention 1 suspended from 2024-11-06"

# The draft cancelled, the suspension goes through and the month's batch
# prepared again holds the instalment.
use_copy draft cancelled
run batch cancel 1 --by "Marc Petit" --on 2024-11-02
expect_rc "cancel batch 1" 0
run agreement suspend 1 --from 2024-11-01 --reason "année de césure"
expect_out "suspended once the batch is cancelled" "convention 1 suspended from 2024-11-01"
run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02
expect_contains "the instalment is held" "$OUT" \
  "           1           1  2024-11-05  500,00 €  B-0001       loir-et-cher/intern-bursary  convention suspended"

# Exported: wait for the bank; once it paid, the suspension goes through.
use_copy draft exported
run batch approve 1 --by "Claire Martin" --on 2024-11-03
run batch export 1 --sepa "$WORK/2024-11.xml" --created-at 2024-11-04T09:30:00 --execution-date 2024-11-06
expect_rc "export" 0
expect_error "exported" 5 \
  "convention 1 cannot be suspended from 2024-11-01: instalment 1, due 2024-11-05, is in batch 1 (exported): wait until batch 1, sent to the bank, is settled or the payment returned, then suspend; nothing written" \
  agreement suspend 1 --from 2024-11-01 --reason "année de césure"
run batch settle 1 --on 2024-11-06
expect_rc "settled" 0
run agreement suspend 1 --from 2024-11-01 --reason "année de césure"
expect_out "once paid, the suspension goes through and says so" \
  "convention 1 suspended from 2024-11-01; 1 instalment due from 2024-11-01 already paid (500,00 €): not recovered"

finish
