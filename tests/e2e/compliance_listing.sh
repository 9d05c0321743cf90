# What the compliance check lists, as staff read it beside `obligation
# show`:
# - like `obligation show`, it is as of today unless --as-of says otherwise
#   (before: --as-of was required, a usage error without it);
# - an obligation not started has served 0 months and has every month left,
#   in text, JSON and CSV, as `obligation show` gives them (before: blank,
#   null in JSON);
# - every convention signed by the date is listed, a terminated one too (its
#   payments stop, its obligation runs or is broken), with the convention's
#   state on that date in `convention_state`, as `obligation show` gives it
#   (before: nothing told a terminated convention from an active one);
# - a start overdue says what it waits for.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples  # today is 2030-06-30

# --- today by default
run --format csv compliance check
expect_rc "as of today: obligations to act on" 8
expect_eq "as of today, the hand-checked report of 2030-06-30" "$(tr -d '\r' <<<"$OUT")" \
  "$(cat "$GRANTS_SOURCE_DIR/tests/e2e/expected/compliance-2030-06-30.csv")"
run compliance check --summary
expect_eq "the summary says the date" "$(head -n 1 <<<"$OUT")" \
  "Compliance as of 2030-06-30: 15 obligations, 4 to act on (start-overdue, started-late, evidence-overdue or breached)"

# --- not started: 0 served, every month left, in every format and in show
# Convention 2 (intern bursary, 3 years), its diploma not recorded.
run --format csv compliance check
expect_eq "csv" "$(tr -d '\r' <<<"$OUT" | awk -F, '$1 == 2')" \
  "2,active,B-0002,loir-et-cher/intern-bursary,awaiting-start,,,0,36,,,diploma not recorded"
run compliance check
expect_eq "text" "$(awk '$1 == 2' <<<"$OUT")" \
  "         2  active            B-0002       loir-et-cher/intern-bursary             awaiting-start                                 0    36                             diploma not recorded"
run --format json compliance check
expect_eq "json: numbers" \
  "$(sqlite3 :memory: "SELECT json_extract(value, '\$.served') || ' ' || json_extract(value, '\$.left') || ' ' || json_type(value, '\$.served') FROM json_each(json_extract(readfile('$WORK/stdout'), '\$.obligations')) WHERE json_extract(value, '\$.convention') = 2")" \
  "0 36 integer"
run --format json obligation show 2
expect_eq "obligation show gives the same" \
  "$(sqlite3 :memory: "SELECT json_extract(readfile('$WORK/stdout'), '\$.months_served') || ' ' || json_extract(readfile('$WORK/stdout'), '\$.months_left')")" \
  "0 36"

# --- the convention's state on the date
# Convention 1's clawback was decided on 2028-05-15, which terminated it;
# convention 3's student gave up her studies (terminated on 2027-01-31);
# convention 12's took a gap year from 2026-09-01, holding her last
# instalment (due on 2026-09-10).
run agreement terminate 3 --on 2027-01-31 --reason "abandon des études"
expect_rc "convention 3 terminated" 0
run agreement suspend 12 --from 2026-09-01 --reason "année de césure"
expect_rc "convention 12 suspended" 0
# states_on DATE: "convention convention_state state" of conventions 1, 3 and 12.
states_on() {
  "$GRANTS" --format csv compliance check --as-of "$1" | tr -d '\r' |
    awk -F, '$1 == 1 || $1 == 3 || $1 == 12 { print $1, $2, $5 }'
}
expect_eq "2026-08-31: all active" "$(states_on 2026-08-31)" "1 active awaiting-start
3 active awaiting-start
12 active awaiting-start"
expect_eq "2027-01-30: 12 suspended" "$(states_on 2027-01-30)" "1 active running
3 active awaiting-start
12 suspended awaiting-start"
expect_eq "2028-05-15: 3 and 1 terminated, their obligations listed" "$(states_on 2028-05-15)" "1 terminated breached
3 terminated awaiting-start
12 suspended awaiting-start"
expect_eq "2030-06-30: 12 suspended" "$(states_on 2030-06-30)" "1 terminated breached
3 terminated awaiting-start
12 suspended awaiting-start"
run --format json compliance check
expect_eq "json gives it as csv does" \
  "$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.convention') || ' ' || json_extract(value, '\$.convention_state'), ', ') FROM json_each(json_extract(readfile('$WORK/stdout'), '\$.obligations')) WHERE json_extract(value, '\$.convention') IN (1, 3, 12)")" \
  "1 terminated, 3 terminated, 12 suspended"
run compliance check
expect_contains "the table too" "$OUT" \
  "         3  terminated        B-0014       loir-et-cher/intern-bursary             awaiting-start"
run obligation show 1 --as-of 2028-05-14
expect_contains "show: active the day before the decision" "$OUT" "  convention_state:    active
  state:               breached"
run obligation show 1
expect_contains "show: terminated today" "$OUT" "  convention_state:    terminated"
run --format json obligation show 12
expect_eq "show: suspended" "$(sqlite3 :memory: "SELECT json_extract(readfile('$WORK/stdout'), '\$.convention_state')")" \
  "suspended"

# --- a start overdue says what it waits for
run compliance check
expect_contains "start overdue" "$OUT" \
  "start-overdue                                  0    36  2026-07-04                 no start recorded by 2026-07-04: decide on the breach, or record the start with --late-start-accepted once the département accepts it"

finish
