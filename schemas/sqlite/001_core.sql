-- Core records: beneficiaries, applications, conventions and their schedules.
--
-- Money is INTEGER cents, dates TEXT 'YYYY-MM-DD', timestamps TEXT UTC
-- 'YYYY-MM-DD HH:MM:SS'. Booleans are INTEGER 0/1 (portable to PostgreSQL).
-- Optional text is '' rather than NULL; NULL only where "unknown" differs from
-- "empty" (an optional number or date, a decision not yet taken).
--
-- Tables identified by a composite key (instalments, conditions, required
-- documents) are WITHOUT ROWID: the key is the table, so a lookup by it
-- (a foreign key's check, a join) reads one b-tree instead of two.
--
-- A CHECK of three or more values is written as ORed equalities, not
-- `x IN (...)`: SQLite builds a temporary b-tree for such an IN list on
-- every row it checks, which multiplies the cost of bulk inserts.
--
-- Each file runs whole through SQLite's own parser (sqlite3_exec), in one
-- transaction with its schema_migrations row: any statement, trigger bodies
-- included, may be written as SQLite accepts it.

CREATE TABLE schema_migrations (
  name TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE beneficiaries (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'structure')),
  name TEXT NOT NULL,
  first_name TEXT NOT NULL DEFAULT '',
  profession TEXT NOT NULL DEFAULT '',
  commune TEXT NOT NULL DEFAULT '',
  iban TEXT NOT NULL DEFAULT '',
  bic TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Rule files as they were when a convention was signed, kept once per
-- content hash so that every convention can be traced to its exact rules.
CREATE TABLE rule_files (
  sha256 TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  stored_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries(id),
  scheme_id TEXT NOT NULL,
  submitted_on TEXT NOT NULL,
  study_year INTEGER,
  start_on TEXT,
  expenses_cents INTEGER CHECK (expenses_cents IS NULL OR expenses_cents >= 0),
  state TEXT NOT NULL CHECK (state = 'submitted' OR state = 'approved' OR state = 'rejected'),
  eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
  -- NULL until decided; then all set and the outcome is the state.
  decision_outcome TEXT CHECK (decision_outcome IN ('approved', 'rejected')),
  deliberation TEXT,
  decided_on TEXT,
  decision_reason TEXT,
  CHECK ((state = 'submitted') = (decision_outcome IS NULL)),
  CHECK (decision_outcome IS NULL OR decision_outcome = state)
);
CREATE INDEX applications_by_beneficiary ON applications(beneficiary_id);

-- The eligibility conditions checked at submission, in the order checked.
CREATE TABLE application_conditions (
  application_id INTEGER NOT NULL REFERENCES applications(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  met INTEGER NOT NULL CHECK (met IN (0, 1)),
  why TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (application_id, position)
) WITHOUT ROWID;

-- A signed convention: at most one per application. Its rule version
-- (rule_sha256, rule_period_from) is frozen at signature.
CREATE TABLE agreements (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL UNIQUE REFERENCES applications(id),
  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries(id),
  scheme_id TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  start_on TEXT NOT NULL,
  rule_sha256 TEXT NOT NULL REFERENCES rule_files(sha256),
  rule_file TEXT NOT NULL,
  rule_period_from TEXT NOT NULL,
  rule_reference TEXT NOT NULL DEFAULT '',
  award_cents INTEGER NOT NULL CHECK (award_cents >= 0),
  state TEXT NOT NULL CHECK (state = 'active' OR state = 'suspended' OR state = 'terminated' OR state = 'completed'),
  -- What payments and accounting need, frozen at signature from the rule
  -- period in force (like the schedule): the paying département and the M57
  -- accounts of the scheme.
  departement_code TEXT NOT NULL,
  expense_account TEXT NOT NULL,
  payable_account TEXT NOT NULL,
  receivable_account TEXT NOT NULL
);
CREATE INDEX agreements_by_beneficiary ON agreements(beneficiary_id);

-- Documents the scheme requires before paying (e.g. the yearly enrolment
-- certificate), one row per kind, frozen at signature.
CREATE TABLE agreement_required_documents (
  agreement_id INTEGER NOT NULL REFERENCES agreements(id),
  kind TEXT NOT NULL,
  PRIMARY KEY (agreement_id, kind)
) WITHOUT ROWID;

-- The schedule of a convention. An instalment of zero or less is a bug in
-- the schedule, refused here as a last line of defence.
CREATE TABLE instalments (
  agreement_id INTEGER NOT NULL REFERENCES agreements(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  due_on TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  covers_from TEXT NOT NULL,
  covers_to TEXT NOT NULL CHECK (covers_to >= covers_from),
  PRIMARY KEY (agreement_id, number)
) WITHOUT ROWID;
-- The monthly payment batch selects instalments by due date.
CREATE INDEX instalments_by_due_on ON instalments(due_on);
