# A finance officer's year on the examples: thirteen monthly batches,
# 2024-11 to 2025-11, each run, approved, exported and settled, with what
# happens in a real year between them: a bank return, then a new IBAN and
# the catch-up; a beneficiary with no IBAN who gives one in the fifth month;
# an enrolment certificate recorded late; a suspension and its resumption
# across batches; a suspension ended by a termination; a termination after
# a paid month; a batch cancelled before export and its month run again;
# certificates of a new year recorded after a batch held for them.
#
# After every step the database must keep the invariants below (each
# violation is a line naming what broke), the ledger must verify, and each
# SEPA file must count and sum what its batch stored.
#
# Regression: a convention suspended, then terminated while still suspended,
# was paid every month of its suspension by the next batch (the termination
# cancelled only the instalments due after its date, and the suspension no
# longer held the others).
source "$(dirname "$0")/lib.bash"
need xmllint libxml2-utils
load_examples
# The year's steps are all dated before this day.
export GRANTS_TODAY=2025-12-31

LIVE="p.state IN ('pending', 'paid')"
INVARIANTS="
SELECT 'instalment ' || agreement_id || '/' || instalment || ' has ' || count(*) || ' live payments'
  FROM payments p WHERE $LIVE GROUP BY agreement_id, instalment HAVING count(*) > 1
UNION ALL
SELECT 'payment ' || p.id || ' of ' || p.amount_cents || ' for instalment ' || p.agreement_id || '/' || p.instalment
       || ' of ' || i.amount_cents
  FROM payments p JOIN instalments i ON i.agreement_id = p.agreement_id AND i.number = p.instalment
  WHERE p.amount_cents <> i.amount_cents
UNION ALL
SELECT 'instalment ' || i.agreement_id || '/' || i.number || ' is ' || i.state || ' and paid '
       || (SELECT count(*) FROM payments p WHERE p.agreement_id = i.agreement_id AND p.instalment = i.number
           AND p.state = 'paid') || ' times'
  FROM instalments i
  WHERE (i.state = 'paid') <> EXISTS (SELECT 1 FROM payments p WHERE p.agreement_id = i.agreement_id
                                      AND p.instalment = i.number AND p.state = 'paid')
     OR (i.state = 'cancelled' AND EXISTS (SELECT 1 FROM payments p WHERE p.agreement_id = i.agreement_id
                                           AND p.instalment = i.number AND $LIVE))
UNION ALL
SELECT 'convention ' || g.id || ': paid, open and cancelled instalments sum to ' || sum(i.amount_cents)
       || ', the award is ' || g.award_cents
  FROM agreements g JOIN instalments i ON i.agreement_id = g.id
  GROUP BY g.id, g.award_cents HAVING sum(i.amount_cents) <> g.award_cents
UNION ALL
SELECT 'payment ' || id || ' (' || state || ' in batch ' || batch_id || '): ledger orders ' || orders
       || ', settled ' || settled || ', of ' || amount_cents
  FROM (SELECT p.id, p.state, p.batch_id, p.amount_cents,
               COALESCE((SELECT sum(CASE l.kind WHEN 'payment' THEN l.amount_cents ELSE -l.amount_cents END)
                         FROM ledger l WHERE l.payment_id = p.id AND l.kind IN ('payment', 'cancellation')), 0) AS orders,
               COALESCE((SELECT sum(CASE l.kind WHEN 'settlement' THEN l.amount_cents ELSE -l.amount_cents END)
                         FROM ledger l WHERE l.payment_id = p.id AND l.kind IN ('settlement', 'return')), 0) AS settled
        FROM payments p) x
  WHERE orders <> CASE WHEN state IN ('pending', 'paid') THEN amount_cents ELSE 0 END
     OR settled <> CASE WHEN state = 'paid' THEN amount_cents ELSE 0 END
UNION ALL
SELECT 'ledger entry ' || l.seq || ' names convention ' || l.agreement_id || ' and batch ' || l.batch_id
       || ' for payment ' || p.id
  FROM ledger l JOIN payments p ON p.id = l.payment_id
  WHERE l.agreement_id <> p.agreement_id OR l.batch_id <> p.batch_id
UNION ALL
SELECT 'convention ' || id || ': ledger orders ' || orders || ', live payments ' || live
  FROM (SELECT g.id,
               COALESCE((SELECT sum(CASE l.kind WHEN 'payment' THEN l.amount_cents ELSE -l.amount_cents END)
                         FROM ledger l WHERE l.agreement_id = g.id AND l.kind IN ('payment', 'cancellation')), 0) AS orders,
               COALESCE((SELECT sum(p.amount_cents) FROM payments p WHERE p.agreement_id = g.id AND $LIVE), 0) AS live
        FROM agreements g) x
  WHERE orders <> live
UNION ALL
SELECT 'in total: ledger orders ' || orders || ', live payments ' || live || '; settled ' || settled
       || ', paid payments ' || paid
  FROM (SELECT COALESCE((SELECT sum(CASE kind WHEN 'payment' THEN amount_cents ELSE -amount_cents END)
                         FROM ledger WHERE kind IN ('payment', 'cancellation')), 0) AS orders,
               COALESCE((SELECT sum(amount_cents) FROM payments p WHERE $LIVE), 0) AS live,
               COALESCE((SELECT sum(CASE kind WHEN 'settlement' THEN amount_cents ELSE -amount_cents END)
                         FROM ledger WHERE kind IN ('settlement', 'return')), 0) AS settled,
               COALESCE((SELECT sum(amount_cents) FROM payments WHERE state = 'paid'), 0) AS paid) x
  WHERE orders <> live OR settled <> paid
UNION ALL
SELECT 'ledger entry ' || b.seq || ' dated ' || b.entry_date || ', after entry ' || a.seq || ' dated ' || a.entry_date
  FROM ledger a JOIN ledger b ON b.seq = a.seq + 1 WHERE b.entry_date < a.entry_date
UNION ALL
SELECT 'the ledger has ' || count(*) || ' entries numbered up to ' || max(seq) FROM ledger
  HAVING count(*) <> COALESCE(max(seq), 0)
UNION ALL
SELECT 'batch ' || b.id || ' stores ' || b.payment_count || ' payments, ' || b.total_cents || '; it has '
       || count(p.id) || ', ' || COALESCE(sum(p.amount_cents), 0)
  FROM batches b LEFT JOIN payments p ON p.batch_id = b.id
  GROUP BY b.id, b.payment_count, b.total_cents
  HAVING b.payment_count <> count(p.id) OR b.total_cents <> COALESCE(sum(p.amount_cents), 0)
UNION ALL
SELECT 'batch ' || b.id || ' of ' || b.month || ' pays instalment ' || p.agreement_id || '/' || p.instalment
       || ' due ' || i.due_on
  FROM payments p JOIN batches b ON b.id = p.batch_id
  JOIN instalments i ON i.agreement_id = p.agreement_id AND i.number = p.instalment
  WHERE $LIVE AND substr(i.due_on, 1, 7) > b.month
UNION ALL
SELECT 'held instalment ' || h.agreement_id || '/' || h.instalment || ' paid in batch ' || p.batch_id
       || ', not in the first batch of its month or later after its last hold, in batch ' || h.last
  FROM (SELECT h.agreement_id, h.instalment, max(h.batch_id) AS last FROM batch_holds h
        JOIN batches b ON b.id = h.batch_id WHERE b.state <> 'cancelled' GROUP BY h.agreement_id, h.instalment) h
  JOIN payments p ON p.agreement_id = h.agreement_id AND p.instalment = h.instalment AND $LIVE
  JOIN instalments i ON i.agreement_id = h.agreement_id AND i.number = h.instalment
  WHERE p.batch_id <> (SELECT min(b.id) FROM batches b WHERE b.state <> 'cancelled' AND b.id > h.last
                       AND b.month >= substr(i.due_on, 1, 7))
UNION ALL
SELECT 'payment ' || p.id || ' of instalment ' || p.agreement_id || '/' || p.instalment || ' for '
       || i.covers_from || ', after the termination on ' || t.effective_on
  FROM payments p JOIN instalments i ON i.agreement_id = p.agreement_id AND i.number = p.instalment
  JOIN agreement_events t ON t.agreement_id = p.agreement_id AND t.kind = 'terminate'
  WHERE $LIVE AND (i.covers_from > t.effective_on OR i.due_on > t.effective_on)
UNION ALL
SELECT 'payment ' || p.id || ' of instalment ' || p.agreement_id || '/' || p.instalment || ' for '
       || i.covers_from || ', during the suspension from ' || s.effective_on
  FROM payments p JOIN instalments i ON i.agreement_id = p.agreement_id AND i.number = p.instalment
  JOIN agreement_events s ON s.agreement_id = p.agreement_id AND s.kind = 'suspend'
  WHERE $LIVE AND i.covers_from >= s.effective_on
    AND NOT EXISTS (SELECT 1 FROM agreement_events r WHERE r.agreement_id = s.agreement_id AND r.kind = 'resume'
                    AND r.id > s.id AND r.effective_on <= i.covers_from)
ORDER BY 1"

# invariants STEP: the database keeps every invariant after STEP, and the
# ledger verifies.
invariants() {
  expect_eq "$1: invariants" "$(sql "$INVARIANTS")" ""
  run ledger verify
  expect_rc "$1: ledger verify" 0
}

# business_day DATE: DATE, or the Monday after when it is a weekend day (no
# holiday falls on the days this year asks for).
business_day() {
  local d=$1
  while [ "$(date -d "$d" +%u)" -gt 5 ]; do d=$(date -d "$d +1 day" +%F); done
  echo "$d"
}

# prepare MONTH COUNT TOTAL HOLDS [ON]: Marc Petit runs MONTH's batch on ON
# (default the 2nd); it pays COUNT payments of TOTAL cents and holds HOLDS
# ("convention/instalment ..." or empty). Sets B to its id.
prepare() {
  run batch run --month "$1" --by "Marc Petit" --on "${5:-$1-02}"
  expect_rc "$1: run" 0
  B=$(sql "SELECT id FROM batches WHERE month = '$1' AND state <> 'cancelled'")
  expect_sql "$1: batch $B's count and total" "SELECT payment_count || ' ' || total_cents FROM batches WHERE id = $B" "$2 $3"
  expect_eq "$1: held" "$(sql "SELECT agreement_id || '/' || instalment FROM batch_holds WHERE batch_id = $B
                               ORDER BY agreement_id, instalment" | paste -sd ' ')" "$4"
  invariants "$1: run"
}

# sepa_sums FILE: "NbOfTxs CtrlSum" of the file's group header, then the
# same summed over its payment informations, then the count and sum of its
# transactions, all sums in cents.
sepa_sums() {
  local x="//*[local-name()='CstmrCdtTrfInitn']"
  cents() { tr -s ' \n' '\n' | awk '/./ { split($0, a, "."); s += a[1] * 100 + a[2] } END { print s + 0 }'; }
  count() { tr -s ' \n' '\n' | awk '/./ { s += $0 } END { print s + 0 }'; }
  echo "$(xmllint --xpath "$x/*[local-name()='GrpHdr']/*[local-name()='NbOfTxs']/text()" "$1") $(
    xmllint --xpath "$x/*[local-name()='GrpHdr']/*[local-name()='CtrlSum']/text()" "$1" | cents) $(
    xmllint --xpath "$x/*[local-name()='PmtInf']/*[local-name()='NbOfTxs']/text()" "$1" | count) $(
    xmllint --xpath "$x/*[local-name()='PmtInf']/*[local-name()='CtrlSum']/text()" "$1" | cents) $(
    xmllint --xpath "count(//*[local-name()='CdtTrfTxInf'])" "$1") $(
    xmllint --xpath "//*[local-name()='CdtTrfTxInf']//*[local-name()='InstdAmt']/text()" "$1" | cents)"
}

# pay MONTH [APPROVED_ON]: Claire Martin approves batch B (on the 3rd by
# default); it is exported, created on the 4th at 09:30, for execution on
# the 6th or the next business day, when the bank settles it.
pay() {
  local exec stored
  exec=$(business_day "$1-06")
  run batch approve "$B" --by "Claire Martin" --on "${2:-$1-03}"
  expect_rc "$1: approve" 0
  invariants "$1: approve"
  run batch export "$B" --sepa "$WORK/$1.xml" --created-at "$1-04T09:30:00" --execution-date "$exec"
  expect_rc "$1: export" 0
  stored=$(sql "SELECT payment_count || ' ' || total_cents FROM batches WHERE id = $B")
  expect_eq "$1: the SEPA file counts and sums batch $B" "$(sepa_sums "$WORK/$1.xml")" "$stored $stored $stored"
  invariants "$1: export"
  run batch settle "$B" --on "$exec"
  expect_rc "$1: settle" 0
  expect_sql "$1: settled, every payment paid" \
    "SELECT state || ' ' || settled_on || ' ' || (SELECT count(*) FROM payments WHERE batch_id = $B AND state <> 'paid')
     FROM batches WHERE id = $B" "settled $exec 0"
  invariants "$1: settle"
}

# paid_in BATCH CONVENTION: "instalment due amount attempt" of each of the
# convention's payments in BATCH.
paid_in() {
  sql "SELECT p.instalment || ' ' || i.due_on || ' ' || p.amount_cents || ' ' || p.attempt FROM payments p
       JOIN instalments i ON i.agreement_id = p.agreement_id AND i.number = p.instalment
       WHERE p.batch_id = $1 AND p.agreement_id = $2 ORDER BY p.instalment" | paste -sd ','
}
# payments_of_instalment CONVENTION INSTALMENT: "batch state" of each of its
# payments, in order.
payments_of_instalment() {
  sql "SELECT batch_id || ' ' || state FROM payments WHERE agreement_id = $1 AND instalment = $2 ORDER BY id" |
    paste -sd ','
}

invariants "the examples loaded"

# --- 2024-11: the examples' first batch; convention 2 (B-0002) waits for
# its enrolment certificate, convention 3 (B-0014) for an IBAN.
prepare 2024-11 15 725000 "2/1 3/1"
pay 2024-11
# The bank sends back B-0001's transfer: account closed.
run batch return "$B" --payment "$(payment_id "$B" 1 1)" --reason AC04 --on 2024-11-12
expect_rc "2024-11: return" 0
invariants "2024-11: return"

# --- 2024-12: B-0001's two instalments are held on the IBAN sent back;
# she gives a new one after the batch.
prepare 2024-12 7 325000 "1/1 1/2 2/1 2/2 3/1 3/2"
pay 2024-12
run beneficiary set-iban B-0001 "FR76 3000 4008 2100 0123 4567 849"
expect_rc "2024-12: new IBAN for B-0001" 0
invariants "2024-12: set-iban"

# --- 2025-01: the catch-up of B-0001's November (second attempt) and
# December; the maison de santé's first half, 50 000 €.
prepare 2025-01 11 5475000 "2/1 2/2 2/3 3/1 3/2 3/3"
expect_eq "2025-01: B-0001 caught up" "$(paid_in "$B" 1)" "1 2024-11-05 50000 1,2 2024-12-05 50000 0,3 2025-01-05 50000 0"
expect_eq "2025-01: B-0001's November paid once, sent back once" "$(payments_of_instalment 1 1)" "1 returned,$B pending"
pay 2025-01
# B-0002's certificate arrives, three months late.
run agreement document 2 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 \
  --ref "Faculté de médecine de Tours 2024-2025" --on 2025-01-20
expect_rc "2025-01: late certificate of convention 2" 0
invariants "2025-01: late certificate"

# --- 2025-02: convention 2's four months at once.
prepare 2025-02 12 575000 "3/1 3/2 3/3 3/4"
expect_eq "2025-02: convention 2 caught up" "$(paid_in "$B" 2)" \
  "1 2024-11-05 50000 0,2 2024-12-05 50000 0,3 2025-01-05 50000 0,4 2025-02-05 50000 0"
pay 2025-02
# B-0007 (convention 11) suspends her studies from March; B-0008
# (convention 12) from April, recorded ahead. B-0014 gives her IBAN.
run agreement suspend 11 --from 2025-03-01 --reason "congé maladie"
expect_rc "2025-02: suspend convention 11" 0
invariants "2025-02: suspend 11"
run agreement suspend 12 --from 2025-04-01 --reason "disponibilité"
expect_rc "2025-02: suspend convention 12" 0
invariants "2025-02: suspend 12"
run beneficiary set-iban B-0014 "FR76 1027 8948 3274 1535 6013 266"
expect_rc "2025-02: IBAN for B-0014" 0
invariants "2025-02: set-iban"

# --- 2025-03, the fifth month: B-0014's five instalments; the
# physiotherapist's equipment, 10 000 €; convention 12 still paid for March.
prepare 2025-03 14 1625000 "11/6"
expect_eq "2025-03: convention 3 caught up" "$(paid_in "$B" 3)" \
  "1 2024-11-05 50000 0,2 2024-12-05 50000 0,3 2025-01-05 50000 0,4 2025-02-05 50000 0,5 2025-03-05 50000 0"
expect_eq "2025-03: convention 12's March" "$(paid_in "$B" 12)" "6 2025-03-10 50000 0"
pay 2025-03

# --- 2025-04: the batch is approved, then cancelled before export (a
# wrong figure spotted), and the month run again: second attempts.
prepare 2025-04 8 375000 "11/6 11/7 12/7"
cancelled=$B
run batch approve "$B" --by "Claire Martin" --on 2025-04-03
expect_rc "2025-04: approve the first batch" 0
run batch cancel "$B" --by "Marc Petit" --on 2025-04-03
expect_rc "2025-04: cancel" 0
expect_sql "2025-04: batch $cancelled cancelled, its 8 payments too" \
  "SELECT b.state || ' ' || count(*) || ' ' || sum(p.amount_cents) FROM batches b JOIN payments p ON p.batch_id = b.id
   WHERE b.id = $cancelled AND p.state = 'cancelled' GROUP BY b.state" "cancelled 8 375000"
invariants "2025-04: cancel"
prepare 2025-04 8 375000 "11/6 11/7 12/7" 2025-04-03
expect_eq "2025-04: the same instalments again, second attempts" \
  "$(sql "SELECT agreement_id || '/' || instalment || ' ' || attempt FROM payments WHERE batch_id = $B ORDER BY 1" | paste -sd ,)" \
  "$(sql "SELECT agreement_id || '/' || instalment || ' 1' FROM payments WHERE batch_id = $cancelled ORDER BY 1" | paste -sd ,)"
pay 2025-04 2025-04-03
expect_eq "2025-04: the long-internship allowance's last 250 €" "$(paid_in "$B" 8)" "6 2025-04-05 25000 1"

# --- 2025-05: B-0003's bursary and supplement start; B-0009's transfer
# comes back, and she gives another IBAN the same week.
prepare 2025-05 9 410000 "11/6 11/7 11/8 12/7 12/8"
pay 2025-05
run batch return "$B" --payment "$(payment_id "$B" 13 8)" --reason AC01 --on 2025-05-12
expect_rc "2025-05: return" 0
invariants "2025-05: return"
run beneficiary set-iban B-0009 "FR76 3000 4712 8145 9735 8671 216"
expect_rc "2025-05: new IBAN for B-0009" 0
invariants "2025-05: set-iban"

# --- 2025-06: convention 11 resumes; its 79 unpaid instalments move three
# months later, the total unchanged.
run agreement resume 11 --on 2025-06-01 --reason "reprise des études"
expect_out "2025-06: resume convention 11" "convention 11 resumed on 2025-06-01; 79 unpaid instalments moved by 3 months"
expect_sql "2025-06: convention 11's schedule after the move" \
  "SELECT count(*) || ' ' || sum(amount_cents) || ' ' || max(due_on) || ' '
          || (SELECT due_on FROM instalments WHERE agreement_id = 11 AND number = 5) || ' '
          || (SELECT due_on || ' ' || covers_from FROM instalments WHERE agreement_id = 11 AND number = 6)
   FROM instalments WHERE agreement_id = 11" "84 4200000 2031-12-10 2025-02-10 2025-06-10 2025-06-01"
invariants "2025-06: resume 11"
prepare 2025-06 11 510000 "12/7 12/8 12/9"
expect_eq "2025-06: convention 11 paid its moved instalment 6, once" "$(paid_in "$B" 11)" "6 2025-06-10 50000 0"
expect_eq "2025-06: B-0009's May again, and June" "$(paid_in "$B" 13)" "8 2025-05-10 50000 1,9 2025-06-10 50000 0"
pay 2025-06
# B-0008 gives up while suspended: the months of her suspension are no
# longer owed.
run agreement terminate 12 --on 2025-06-30 --reason "abandon des études"
expect_out "2025-06: terminate convention 12" "convention 12 terminated on 2025-06-30; 18 instalments cancelled"
expect_sql "2025-06: convention 12 keeps the six months paid" \
  "SELECT state || ' ' || count(*) || ' ' || sum(amount_cents) || ' ' || min(number) || ' ' || max(number)
   FROM instalments WHERE agreement_id = 12 GROUP BY state ORDER BY state" \
  "cancelled 18 900000 7 24
paid 6 300000 1 6"
invariants "2025-06: terminate 12"

# --- 2025-07: nothing for convention 12; B-0010 (convention 14) stops
# after her July.
prepare 2025-07 10 460000 ""
expect_eq "2025-07: nothing for convention 12" "$(paid_in "$B" 12)" ""
pay 2025-07
run agreement terminate 14 --on 2025-07-15 --reason "réorientation"
expect_out "2025-07: terminate convention 14" "convention 14 terminated on 2025-07-15; 14 instalments cancelled"
invariants "2025-07: terminate 14"

# --- 2025-08 and 2025-09: convention 6 ends in August; nothing for 14.
prepare 2025-08 9 410000 ""
expect_eq "2025-08: nothing for convention 14" "$(paid_in "$B" 14)" ""
expect_eq "2025-08: convention 6's last instalment" "$(paid_in "$B" 6)" "12 2025-08-05 50000 0"
pay 2025-08
prepare 2025-09 8 360000 ""
pay 2025-09

# --- 2025-10: the Vienne certificates ran to 2025-09-30: held; convention
# 7 starts. The new certificates come on the 20th.
prepare 2025-10 6 260000 "11/10 13/13 15/13"
expect_contains "2025-10: the reason" "$(sql "SELECT reason FROM batch_holds WHERE batch_id = $B AND agreement_id = 11")" \
  "missing enrolment-certificate covering 2025-10-10"
pay 2025-10
for c in 11 13 15; do
  run agreement document "$c" --kind enrolment-certificate --from 2025-10-01 --to 2026-09-30 \
    --ref "Université de Poitiers 2025-2026" --on 2025-10-20
  expect_rc "2025-10: certificate of convention $c" 0
  invariants "2025-10: certificate of $c"
done

# --- 2025-11: October caught up; conventions 2 and 3 now wait for their
# 2025-2026 certificate.
prepare 2025-11 10 460000 "2/13 3/13"
expect_eq "2025-11: convention 11 caught up" "$(paid_in "$B" 11)" "10 2025-10-10 50000 0,11 2025-11-10 50000 0"
for c in 13 15; do
  expect_eq "2025-11: convention $c caught up" "$(paid_in "$B" "$c")" "13 2025-10-10 50000 0,14 2025-11-10 50000 0"
done
pay 2025-11

# --- after the year: B-0009's suspension from 2025-11-01 is recorded late,
# when her November is paid, and she gives up on 2025-11-30. The bank then
# sends November back: the convention no longer owes it.
run agreement suspend 13 --from 2025-11-01 --reason "congé maladie"
expect_rc "2025-11: suspend convention 13 from a paid month" 0
P=$(payment_id "$B" 13 14)
SUSPENDED_PAID="payment $P of instalment 13/14 for 2025-11-01, during the suspension from 2025-11-01"
expect_eq "2025-11: suspend 13: invariants but the month paid before" "$(sql "$INVARIANTS")" "$SUSPENDED_PAID"
run agreement terminate 13 --on 2025-11-30 --reason "abandon des études"
expect_out "2025-11: terminate convention 13" "convention 13 terminated on 2025-11-30; 10 instalments cancelled"
expect_eq "2025-11: terminate 13: invariants but the month paid before" "$(sql "$INVARIANTS")" "$SUSPENDED_PAID"
run batch return "$B" --payment "$P" --reason AC04 --on 2025-11-20
expect_out "2025-11: return of convention 13's November" \
  "payment $P of batch $B returned (AC04); convention 13 was terminated on 2025-11-30: instalment 14, due 2025-11-10, is cancelled, not paid again"
expect_sql "2025-11: its instalment is cancelled" \
  "SELECT state FROM instalments WHERE agreement_id = 13 AND number = 14" cancelled
invariants "2025-11: return after the termination"

# --- the year's books
expect_sql "thirteen monthly batches settled, one cancelled" \
  "SELECT state || ' ' || count(*) FROM batches GROUP BY state ORDER BY state" "cancelled 1
settled 13"
expect_sql "what the bank paid, what came back" \
  "SELECT state || ' ' || count(*) || ' ' || sum(amount_cents) FROM payments GROUP BY state ORDER BY state" \
  "cancelled 8 375000
paid 127 11820000
returned 3 150000"
expect_sql "each convention's instalments by state" \
  "SELECT agreement_id || ' ' || state || ' ' || count(*) FROM instalments GROUP BY agreement_id, state
   ORDER BY agreement_id, state" "$(cat <<'EOF'
1 open 11
1 paid 13
2 open 12
2 paid 12
3 open 12
3 paid 12
4 open 17
4 paid 7
5 open 17
5 paid 7
6 paid 12
7 open 12
7 paid 2
8 paid 6
9 paid 1
10 open 1
10 paid 1
11 open 73
11 paid 11
12 cancelled 18
12 paid 6
13 cancelled 11
13 paid 13
14 cancelled 14
14 paid 10
15 open 10
15 paid 14
EOF
)"

finish
