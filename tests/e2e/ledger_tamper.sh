# The ledger is append-only in the database (triggers refuse UPDATE and
# DELETE), and when someone gets past the triggers, as a tamperer with the
# SQLite file would, `grants ledger verify` names the first entry changed,
# deleted or inserted, and `ledger export` refuses to export it. Against an
# anchor an auditor kept (`--anchor N:HASH`), entries cut off the end and a
# chain rewritten with fresh hashes are caught too.
source "$(dirname "$0")/lib.bash"
load_examples

# 32 entries: 15 payment orders, 15 settlements, a return and its cancellation.
november_to return
expect_sql "32 entries" "SELECT count(*), max(seq) FROM ledger" "32|32"

run ledger verify
expect_rc "verify" 0
HASH=$(sql "SELECT hash FROM ledger WHERE seq = 32")
expect_out "verify" "ledger OK: 32 entries, last hash $HASH"
# ... and for a script, the verdict as fields
run --format json ledger verify
expect_rc "verify json" 0
expect_out "verify json" "{
  \"anchor_entry\": null,
  \"entries\": 32,
  \"first_bad\": null,
  \"last_hash\": \"$HASH\",
  \"ok\": true,
  \"problem\": null
}"

# --- the triggers
expect_refused "UPDATE is refused" "UPDATE ledger SET amount_cents = 1 WHERE seq = 5" \
  "the ledger is append-only: corrections are new entries"
expect_refused "DELETE is refused" "DELETE FROM ledger WHERE seq = 7" \
  "the ledger is append-only: entries are never deleted"
expect_sql "nothing changed" "SELECT count(*), sum(amount_cents) FROM ledger" "32|1550000"
copy_db intact

# The hash of an entry as ledger.h defines it: SHA-256 of the previous
# hash, a newline and the canonical text (fields joined by '|'; the labels
# here have no character to escape).
CANONICAL="seq || '|' || entry_date || '|' || kind || '|' || debit || '|' || credit || '|' ||
  (amount_cents / 100) || '.' || substr(CAST(100 + amount_cents % 100 AS TEXT), 2) || '|' || beneficiary_ref || '|' ||
  agreement_id || '|' || batch_id || '|' || payment_id || '|' || scheme_id || '|' || rule_sha256 || '|' || label"
entry_hash() { # PREV_HASH CANONICAL_TEXT
  printf '%s\n%s' "$1" "$2" | sha256sum | cut -d ' ' -f 1
}
expect_eq "the hash definition (checked on entry 12)" \
  "$(entry_hash "$(sql "SELECT prev_hash FROM ledger WHERE seq = 12")" "$(sql "SELECT $CANONICAL FROM ledger WHERE seq = 12")")" \
  "$(sql "SELECT hash FROM ledger WHERE seq = 12")"

DROP="DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;"
[ "$BACKEND" = postgresql ] && DROP="DROP TRIGGER ledger_no_update ON ledger; DROP TRIGGER ledger_no_delete ON ledger;"
# expect_broken NAME PROBLEM: verify exits 7 naming the first bad entry.
expect_broken() {
  run ledger verify
  expect_rc "$1: verify" 7
  expect_out "$1: verify prints no OK" ""
  expect_err "$1: verify" "grants: error: ledger does not verify: $2"
}

# --- an amount changed
use_copy intact edited
sql "$DROP UPDATE ledger SET amount_cents = 50001 WHERE seq = 5; UPDATE ledger SET amount_cents = 1 WHERE seq = 20;"
expect_broken "edited amount" "entry 5: hash does not match its content (changed)"
# a script reads the verdict on standard output, the first bad entry a number
run --format json ledger verify
expect_rc "edited amount: verify json" 7
expect_out "edited amount: verify json" '{
  "anchor_entry": null,
  "entries": 32,
  "first_bad": 5,
  "last_hash": null,
  "ok": false,
  "problem": "entry 5: hash does not match its content (changed)"
}'
expect_err "edited amount: verify json" \
  "grants: error: ledger does not verify: entry 5: hash does not match its content (changed)"

# ... and the auditor gets no export of it
expect_error "export of an edited ledger" 7 \
  "the ledger does not verify (entry 5: hash does not match its content (changed)): nothing exported" \
  ledger export --from 2024-01-01 --to 2024-12-31 --format csv
run ledger export --from 2024-01-01 --to 2024-12-31 --format fec --out "$WORK/edited.fec"
expect_rc "FEC export of an edited ledger" 7
expect_no_file "no FEC file" "$WORK/edited.fec"
expect_no_file "no chain file" "$WORK/edited.fec.chain"
expect_no_file "no temporary FEC file" "$WORK/edited.fec.tmp"
# an earlier export under that name is left as it was
printf 'an earlier export\n' >"$WORK/earlier.csv"
run ledger export --from 2024-01-01 --to 2024-12-31 --format csv --out "$WORK/earlier.csv"
expect_rc "CSV export of an edited ledger over an earlier file" 7
expect_eq "the earlier file is untouched" "$(cat "$WORK/earlier.csv")" "an earlier export"
expect_no_file "no temporary CSV file" "$WORK/earlier.csv.tmp"

# --- a date that is no date, or a kind no entry has, past the database's
# checks: that entry changed, unless an earlier one is bad, which comes first
use_copy intact undated
sql "$DROP UPDATE ledger SET entry_date = '2024-11-31' WHERE seq = 20;"
expect_broken "a date that is no date" \
  'entry 20: its content does not read (changed): ledger.entry_date: date "2024-11-31": day 31 does not exist in November 2024'
run --format json ledger verify
expect_rc "a date that is no date: verify json" 7
expect_contains "a date that is no date: verify json names it" "$OUT" '"first_bad": 20,'
sql "UPDATE ledger SET amount_cents = 50001 WHERE seq = 5;"
expect_broken "an edit before a date that is no date" "entry 5: hash does not match its content (changed)"
expect_error "export of a ledger with a date that is no date" 7 \
  "the ledger does not verify (entry 5: hash does not match its content (changed)): nothing exported" \
  ledger export --from 2024-01-01 --to 2024-12-31 --format csv
if [ "$BACKEND" = sqlite ]; then
  # SQLite's CHECK on kind is lifted for the session that writes it
  use_copy intact unkind
  sql "$DROP PRAGMA ignore_check_constraints = ON; UPDATE ledger SET kind = 'gift' WHERE seq = 12;"
  expect_broken "a kind no entry has" \
    'entry 12: its content does not read (changed): ledger.kind: unknown ledger entry kind "gift" (expected one of: payment, settlement, return, cancellation, clawback, receipt)'
fi

# --- an amount or an id stored as something other than a whole number:
# SQLite keeps what it is given, and reading it as an integer gave back the
# value the hash covers (50000.4 as 50000, '6x' as 6), so the ledger
# verified while the table said otherwise to any other reader
if [ "$BACKEND" = sqlite ]; then
  use_copy intact fractional
  sql "$DROP UPDATE ledger SET amount_cents = amount_cents + 0.4 WHERE seq = 5;"
  expect_broken "a fraction of a cent" \
    "entry 5: its content does not read (changed): ledger.amount_cents: \"$(sql "SELECT amount_cents FROM ledger WHERE seq = 5")\" is not a whole number of cents"
  use_copy intact lettered
  sql "$DROP UPDATE ledger SET agreement_id = agreement_id || 'x' WHERE seq = 7;"
  expect_broken "an id with a letter" \
    "entry 7: its content does not read (changed): ledger.agreement_id: \"$(sql "SELECT agreement_id FROM ledger WHERE seq = 7")\" is not a whole number"
fi

# --- two entries swapped (each keeps its content and hashes, takes the
# other's place): the first of them no longer follows the one before it
use_copy intact reordered
sql "$DROP UPDATE ledger SET seq = -1 WHERE seq = 10; UPDATE ledger SET seq = 10 WHERE seq = 11;
     UPDATE ledger SET seq = 11 WHERE seq = -1;"
expect_broken "two entries swapped" "entry 10: previous hash does not match entry 9 (inserted or reordered)"

# --- a date moved by a day, still a date and still in order
use_copy intact redated
sql "$DROP UPDATE ledger SET entry_date = '2024-11-01' WHERE seq = 1;"
expect_broken "a date moved" "entry 1: hash does not match its content (changed)"

# --- the hash columns tampered with: an entry given the next one's hash, or
# its hash and prev_hash swapped
use_copy intact rehashed
sql "$DROP UPDATE ledger SET hash = (SELECT hash FROM ledger WHERE seq = 21) WHERE seq = 20;"
expect_broken "an entry given the next one's hash" "entry 20: hash does not match its content (changed)"
use_copy intact swapped_hashes
sql "$DROP UPDATE ledger SET hash = prev_hash, prev_hash = hash WHERE seq = 20;"
expect_broken "hash and prev_hash swapped" "entry 20: previous hash does not match entry 19 (inserted or reordered)"

# --- an entry deleted
use_copy intact deleted
sql "$DROP DELETE FROM ledger WHERE seq = 7;"
expect_broken "deleted entry" "entry 7: sequence jumps from 6 to 8 (deleted)"
# ... and the entry after it linked to the one before, to hide it
use_copy intact relinked
sql "$DROP DELETE FROM ledger WHERE seq = 7; UPDATE ledger SET prev_hash = (SELECT hash FROM ledger WHERE seq = 6) WHERE seq = 8;"
expect_broken "deleted entry, the next one relinked" "entry 7: sequence jumps from 6 to 8 (deleted)"

# --- the last entry's number edited: it still follows entry 31 in the
# chain, so nothing between them was deleted and it was not moved; its
# content, the number, changed
use_copy intact renumbered
sql "$DROP UPDATE ledger SET seq = 40 WHERE seq = 32;"
expect_broken "the last entry renumbered" "entry 40: hash does not match its content (changed)"

# --- a forged entry inserted as entry 10, its hash computed the way the
# engine does, the later entries renumbered to leave no gap
use_copy intact inserted
sql "$DROP UPDATE ledger SET seq = -seq - 1 WHERE seq >= 10; UPDATE ledger SET seq = -seq WHERE seq < 0;
     INSERT INTO ledger SELECT 10, entry_date, kind, debit, credit, 99999, 'B-0013', 10, batch_id, 999,
       scheme_id, rule_sha256, 'Mandat convention 10 échéance 1 du 2024-11-05', hash, '' FROM ledger WHERE seq = 9;"
sql "UPDATE ledger SET hash = '$(entry_hash "$(sql "SELECT prev_hash FROM ledger WHERE seq = 10")" "$(sql "SELECT $CANONICAL FROM ledger WHERE seq = 10")")' WHERE seq = 10"
expect_sql "the forged entry chains to entry 9" \
  "SELECT count(*), CASE WHEN (SELECT prev_hash FROM ledger WHERE seq = 10) = (SELECT hash FROM ledger WHERE seq = 9) THEN 1 ELSE 0 END FROM ledger" "33|1"
expect_broken "inserted entry" "entry 11: previous hash does not match entry 10 (inserted or reordered)"

# --- the triggers do not stop an INSERT: an entry appended without its true
# hash is caught by the chain
use_copy intact appended
sql "INSERT INTO ledger SELECT 33, '2024-11-30', 'payment', debit, credit, 120000, beneficiary_ref, agreement_id,
       batch_id, payment_id, scheme_id, rule_sha256, label, hash, '$(printf 'f%.0s' {1..64})' FROM ledger WHERE seq = 32"
expect_broken "appended entry" "entry 33: hash does not match its content (changed)"

# --- entries cut off the end still chain: the chain's length and last hash,
# exported earlier, give the cut away
use_copy intact cut
sql "$DROP DELETE FROM ledger WHERE seq > 30;"
run ledger verify
expect_out "a cut ledger verifies, with another length and hash" \
  "ledger OK: 30 entries, last hash $(sql "SELECT hash FROM ledger WHERE seq = 30")"
[ "$OUT" != "ledger OK: 32 entries, last hash $HASH" ] && pass || fail "a cut ledger gives the same chain hash"

# --- an anchor kept outside the database (an export's "chain N HASH")
# catches the cut, and a chain rewritten with fresh hashes
ANCHOR="32:$HASH"
# The chain that does verify is given, length and last hash, for the
# auditor to compare with what was kept: before, the message had neither
# and JSON and CSV gave last_hash null.
HASH_CUT=$(sql "SELECT hash FROM ledger WHERE seq = 30")
expect_error "a cut ledger against the anchor" 7 \
  "ledger does not verify: entry 32: missing, the ledger ends at entry 30 (entries removed from its end); the chain itself verifies: 30 entries, last hash $HASH_CUT" \
  ledger verify --anchor "$ANCHOR"
run --format json ledger verify --anchor "$ANCHOR"
expect_rc "a cut ledger against the anchor, json" 7
expect_out "a cut ledger against the anchor, json" "{
  \"anchor_entry\": 32,
  \"entries\": 30,
  \"first_bad\": 31,
  \"last_hash\": \"$HASH_CUT\",
  \"ok\": false,
  \"problem\": \"entry 32: missing, the ledger ends at entry 30 (entries removed from its end)\"
}"
run --format csv ledger verify --anchor "$ANCHOR"
expect_rc "a cut ledger against the anchor, csv" 7
expect_out "a cut ledger against the anchor, csv" "$(printf '%s\r\n' field,value ok,false entries,30 "last_hash,$HASH_CUT" \
  anchor_entry,32 first_bad,31 \
  'problem,"entry 32: missing, the ledger ends at entry 30 (entries removed from its end)"')"

use_copy intact anchored
run ledger verify --anchor "$ANCHOR"
expect_rc "the intact ledger against the anchor" 0
expect_out "the intact ledger against the anchor" "ledger OK: 32 entries, last hash $HASH
entry 32 holds the anchor's hash"
run --format csv ledger verify --anchor "$ANCHOR"
expect_rc "the intact ledger against the anchor, csv" 0
expect_out "the intact ledger against the anchor, csv" \
  "$(printf '%s\r\n' field,value ok,true entries,32 "last_hash,$HASH" anchor_entry,32 first_bad, problem,)"
HASH30=$(sql "SELECT hash FROM ledger WHERE seq = 30")
run ledger verify --anchor "30:$HASH30"
expect_out "an anchor from an earlier, shorter chain" "ledger OK: 32 entries, last hash $HASH
entry 30 holds the anchor's hash"
# the same hash written in capitals, as some tools give hex
run ledger verify --anchor "30:${HASH30^^}"
expect_rc "an anchor in capitals" 0
expect_out "an anchor in capitals is the same hash" "ledger OK: 32 entries, last hash $HASH
entry 30 holds the anchor's hash"

# entry 5's amount changed, and every hash from it on computed afresh
use_copy intact rewritten
sql "$DROP UPDATE ledger SET amount_cents = 50001 WHERE seq = 5;"
prev=$(sql "SELECT prev_hash FROM ledger WHERE seq = 5")
for s in $(seq 5 32); do
  h=$(entry_hash "$prev" "$(sql "SELECT $CANONICAL FROM ledger WHERE seq = $s")")
  sql "UPDATE ledger SET prev_hash = '$prev', hash = '$h' WHERE seq = $s;"
  prev=$h
done
run ledger verify
expect_out "a rewritten chain verifies on its own" "ledger OK: 32 entries, last hash $prev"
expect_error "a rewritten chain against the anchor" 7 \
  "ledger does not verify: entry 32: hash $prev, not the anchor's $HASH (the ledger was rewritten at or before entry 32); the chain itself verifies: 32 entries, last hash $prev" \
  ledger verify --anchor "$ANCHOR"
run --format csv ledger verify --anchor "$ANCHOR"
expect_out "a rewritten chain against the anchor, csv: the chain's last hash" "$(printf '%s\r\n' field,value ok,false \
  entries,32 "last_hash,$prev" anchor_entry,32 first_bad,32 \
  "problem,\"entry 32: hash $prev, not the anchor's $HASH (the ledger was rewritten at or before entry 32)\"")"

# an anchor whose number and hash do not go together (the hash of entry 32
# given as entry 31's, or as an entry past the end) is the anchor's mistake,
# not a rewritten or cut ledger: the ledger holds that hash as entry 32, and
# a hash covers its entry's number, so no rewriting could have moved it
use_copy intact misnumbered
expect_error "an anchor with the hash of the next entry" 3 \
  "option --anchor: anchor \"31:$HASH\": the ledger holds that hash as entry 32, not 31: the anchor pairs the hash with another entry's number (32:$HASH)" \
  ledger verify --anchor "31:$HASH"
expect_error "an anchor past the end with the last hash" 3 \
  "option --anchor: anchor \"33:$HASH\": the ledger holds that hash as entry 32, not 33: the anchor pairs the hash with another entry's number (32:$HASH)" \
  ledger verify --anchor "33:$HASH"

expect_error "an anchor that is not N:HASH" 3 \
  "option --anchor: anchor \"32:${HASH30}x\": expected N:HASH, an entry number and its 64-digit hash, as an export gives them" \
  ledger verify --anchor "32:${HASH30}x"

finish
