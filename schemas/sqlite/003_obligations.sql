-- Practice obligations, CESP declarations, recovery orders and receipts.
-- Money is INTEGER cents, dates TEXT 'YYYY-MM-DD' (conventions of 001 on
-- CHECK lists and WITHOUT ROWID apply). The terms of an
-- obligation are not copied here: they are read from the rule file stored
-- at signature (rule_files), under the convention's rule_period_from.

-- What happened to an obligation, each event with its date. The state at
-- any date is computed from the events dated on or before it.
--   diploma     the diploma was obtained
--   start       practice started (commune)
--   evidence    a proof of practice received (evidence kind, reference)
--   suspend     practice interrupted from on_date (reason)
--   resume      the open suspension's last day is on_date
--   move        practice moved within the département (commune)
--   moved-out   practice moved out of the département (commune): a breach
--   left-zone   practice left the eligible zone: a breach
--   stopped     practice stopped: a breach
--   breach      the département's decision on a breach (reason: "recovery order
--               TR-2028-00001" or "waived (death)"), or a breach it found
CREATE TABLE obligation_events (
  id INTEGER PRIMARY KEY,
  agreement_id INTEGER NOT NULL REFERENCES agreements(id),
  kind TEXT NOT NULL CHECK (kind = 'diploma' OR kind = 'start' OR kind = 'evidence' OR kind = 'suspend'
                            OR kind = 'resume' OR kind = 'move' OR kind = 'moved-out' OR kind = 'left-zone'
                            OR kind = 'stopped' OR kind = 'breach'),
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  commune TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  recorded_on TEXT NOT NULL,
  CHECK (kind <> 'suspend' OR reason = 'parental-leave' OR reason = 'illness' OR reason = 'military-service'
         OR reason = 'training' OR reason = 'other'),
  CHECK ((kind <> 'start' AND kind <> 'move' AND kind <> 'moved-out') OR commune <> ''),
  CHECK (kind <> 'evidence' OR evidence <> '')
);
-- The compliance check reads every convention's events in date order.
CREATE INDEX obligation_events_by_agreement ON obligation_events(agreement_id, on_date, id);

-- The record of what happened: the state at an earlier date must stay what
-- it was, so events are only added, never changed or deleted.
CREATE TRIGGER obligation_events_no_update BEFORE UPDATE ON obligation_events
BEGIN
  SELECT RAISE(ABORT, 'obligation events are append-only: record a new event');
END;
CREATE TRIGGER obligation_events_no_delete BEFORE DELETE ON obligation_events
BEGIN
  SELECT RAISE(ABORT, 'obligation events are append-only: events are never deleted');
END;

-- A national CESP (contrat d'engagement de service public) the beneficiary
-- requested or signed: some aids cannot be combined with it.
CREATE TABLE cesp_declarations (
  id INTEGER PRIMARY KEY,
  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries(id),
  status TEXT NOT NULL CHECK (status IN ('requested', 'signed')),
  on_date TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  recorded_on TEXT NOT NULL
);
CREATE INDEX cesp_declarations_by_beneficiary ON cesp_declarations(beneficiary_id);

-- Recovery orders (titres de recette). The amount and its explanation are
-- those computed at the decision, from the convention's frozen rules.
CREATE TABLE recovery_orders (
  id INTEGER PRIMARY KEY,
  -- 'TR-2026-00001': the year of the decision, then the order's rank in it.
  number TEXT NOT NULL UNIQUE,
  agreement_id INTEGER NOT NULL REFERENCES agreements(id),
  breach_date TEXT NOT NULL,
  formula TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  explanation TEXT NOT NULL,
  notice_on TEXT NOT NULL CHECK (notice_on >= breach_date),
  answer_by TEXT NOT NULL CHECK (answer_by >= notice_on),
  decided_on TEXT NOT NULL CHECK (decided_on >= answer_by),
  issued_by TEXT NOT NULL CHECK (issued_by <> ''),
  due_on TEXT NOT NULL CHECK (due_on >= decided_on),
  receivable_account TEXT NOT NULL,
  recovery_account TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'open' OR state = 'settled' OR state = 'cancelled'),
  cancelled_on TEXT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  written_off_cents INTEGER NOT NULL DEFAULT 0 CHECK (written_off_cents >= 0),
  CHECK ((state = 'cancelled') = (cancelled_on IS NOT NULL))
);
-- A convention has at most one order that is not cancelled.
CREATE UNIQUE INDEX recovery_orders_one_live_per_agreement ON recovery_orders(agreement_id)
  WHERE state <> 'cancelled';

CREATE TABLE recovery_instalments (
  order_id INTEGER NOT NULL REFERENCES recovery_orders(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  due_on TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (order_id, number)
) WITHOUT ROWID;

-- Money received against an order. A bank reference is recorded once per
-- order, so that the same transfer cannot be counted twice.
CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES recovery_orders(id),
  received_on TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  reference TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX receipts_one_per_reference ON receipts(order_id, reference) WHERE reference <> '';
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
BEGIN
  SELECT RAISE(ABORT, 'receipts are append-only: corrections are new ledger entries');
END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
BEGIN
  SELECT RAISE(ABORT, 'receipts are append-only: receipts are never deleted');
END;
