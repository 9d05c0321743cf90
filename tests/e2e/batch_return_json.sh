# What `batch return` did, as JSON: a missing value is null, as everywhere
# (README: "a missing value is null in JSON and an empty field in CSV").
# Before, a returned instalment due again gave "not_owed": "" where the
# other fields of what it is not (counted_by_order, overpaid, breach) gave
# null; a script testing `not_owed == null` took it for one not owed.
source "$(dirname "$0")/lib.bash"

load_examples
export GRANTS_TODAY=2024-12-31
november_to settle

# Due again: nothing says it is not owed.
P=$(payment_id 1 1 1)
run --format json batch return 1 --payment "$P" --reason AC04 --on 2024-11-12
expect_rc "return of a paid payment" 0
expect_out "due again, as JSON" "{
  \"batch\": 1,
  \"breach\": null,
  \"convention\": 1,
  \"counted_by_order\": null,
  \"due\": \"2024-11-05\",
  \"instalment\": 1,
  \"instalment_state\": \"open\",
  \"not_owed\": null,
  \"overpaid\": null,
  \"payment\": $P,
  \"reason\": \"AC04\",
  \"returned_on\": \"2024-11-12\",
  \"waiting_for_iban\": true
}"

# Not owed any more: the termination says why, as in the sentence.
run agreement terminate 6 --on 2024-11-01 --reason "abandon des études"
expect_rc "terminate convention 6" 0
P6=$(payment_id 1 6 3)
run --format json batch return 1 --payment "$P6" --reason AC04 --on 2024-11-12
expect_rc "return of a payment no longer owed" 0
expect_contains "not owed, as JSON" "$OUT" "\"instalment_state\": \"cancelled\""
expect_contains "not owed, with the reason" "$OUT" "\"not_owed\": \"convention 6 was terminated on 2024-11-01\""
expect_contains "not owed: nothing waits" "$OUT" "\"waiting_for_iban\": null"

finish
