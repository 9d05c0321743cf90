-- Payment batches, payments, schedule events, documents and the ledger.
-- Money is INTEGER cents, dates TEXT 'YYYY-MM-DD', timestamps TEXT ISO 8601.

-- Where each instalment stands. 'open' until the bank has paid it (a payment
-- in a batch not yet settled leaves it open: the live payment, not this
-- column, keeps it out of the next batch); 'paid' once its batch is
-- settled; 'cancelled' by a termination. A bank return opens it again;
-- `attempts` counts its payments that did not go through (returned or
-- cancelled), so that the next one gets a new EndToEndId.
ALTER TABLE instalments ADD COLUMN state TEXT NOT NULL DEFAULT 'open'
  CHECK (state = 'open' OR state = 'paid' OR state = 'cancelled');
ALTER TABLE instalments ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);

-- The IBAN the bank last sent a transfer back from, and why: every
-- instalment of the beneficiary is held while it is still their IBAN.
ALTER TABLE beneficiaries ADD COLUMN returned_iban TEXT NOT NULL DEFAULT '';
ALTER TABLE beneficiaries ADD COLUMN return_reason TEXT NOT NULL DEFAULT '';
-- The monthly batch reads open instalments by due date: settled history is
-- never scanned again, however long the database lives.
DROP INDEX instalments_by_due_on;
CREATE INDEX instalments_open_by_due ON instalments(due_on, agreement_id, number)
  WHERE state = 'open';

-- Documents received: each covers the instalments due from valid_from to valid_to.
CREATE TABLE agreement_documents (
  id INTEGER PRIMARY KEY,
  agreement_id INTEGER NOT NULL REFERENCES agreements(id),
  kind TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL CHECK (valid_to >= valid_from),
  reference TEXT NOT NULL DEFAULT '',
  recorded_on TEXT NOT NULL
);
CREATE INDEX agreement_documents_by_agreement ON agreement_documents(agreement_id, kind);

-- Suspensions, resumptions and terminations, with their reasons. A
-- resumption records how many months it moved the unpaid instalments.
CREATE TABLE agreement_events (
  id INTEGER PRIMARY KEY,
  agreement_id INTEGER NOT NULL REFERENCES agreements(id),
  kind TEXT NOT NULL CHECK (kind = 'suspend' OR kind = 'resume' OR kind = 'terminate'),
  effective_on TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason <> ''),
  shifted_months INTEGER NOT NULL DEFAULT 0,
  cancelled_instalments INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agreement_events_by_agreement ON agreement_events(agreement_id, id);

CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'draft' OR state = 'approved' OR state = 'exported' OR state = 'settled' OR state = 'cancelled'),
  prepared_by TEXT NOT NULL CHECK (prepared_by <> ''),
  prepared_on TEXT NOT NULL,
  approved_by TEXT,
  approved_on TEXT,
  -- Fixed by the first export, so that a re-export writes the same file.
  msg_id TEXT UNIQUE,
  pain_version TEXT,
  created_at TEXT,
  execution_date TEXT,
  settled_on TEXT,
  cancelled_by TEXT,
  cancelled_on TEXT,
  payment_count INTEGER NOT NULL DEFAULT 0,
  total_cents INTEGER NOT NULL DEFAULT 0,
  -- Four eyes: the preparer cannot approve their own batch.
  CHECK (approved_by IS NULL OR approved_by <> prepared_by)
);
-- One live batch per month; a cancelled batch frees its month.
CREATE UNIQUE INDEX batches_one_live_per_month ON batches(month) WHERE state <> 'cancelled';

-- Ids are given by the batch run (which holds the write lock), so that its
-- ledger entries can name their payment before either is written.
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  agreement_id INTEGER NOT NULL,
  instalment INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  iban TEXT NOT NULL,
  end_to_end_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state = 'pending' OR state = 'paid' OR state = 'returned' OR state = 'cancelled'),
  return_reason TEXT,
  FOREIGN KEY (agreement_id, instalment) REFERENCES instalments(agreement_id, number)
);
-- The database itself forbids paying an instalment twice: at most one
-- payment per instalment that is pending or paid.
CREATE UNIQUE INDEX payments_one_live_per_instalment ON payments(agreement_id, instalment)
  WHERE state IN ('pending', 'paid');
CREATE INDEX payments_by_batch ON payments(batch_id);

-- Instalments held in a batch, with the reason, for the record: the due
-- date and amount as they were then (a later resumption moves due dates).
CREATE TABLE batch_holds (
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  agreement_id INTEGER NOT NULL,
  instalment INTEGER NOT NULL,
  due_on TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (batch_id, agreement_id, instalment)
) WITHOUT ROWID;

-- The disbursement ledger: append-only and SHA-256 hash-chained.
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  entry_date TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind = 'payment' OR kind = 'settlement' OR kind = 'return' OR kind = 'cancellation' OR kind = 'clawback' OR kind = 'receipt'),
  debit TEXT NOT NULL,
  credit TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  beneficiary_ref TEXT NOT NULL,
  agreement_id INTEGER NOT NULL,
  batch_id INTEGER NOT NULL,
  payment_id INTEGER NOT NULL,
  scheme_id TEXT NOT NULL,
  rule_sha256 TEXT NOT NULL,
  label TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX ledger_by_payment ON ledger(payment_id);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: corrections are new entries');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: entries are never deleted');
END;
