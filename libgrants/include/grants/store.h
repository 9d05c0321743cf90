// Storage: where beneficiaries, applications, conventions, payment batches
// and the ledger live.
//
// Store is abstract so that domain code never sees SQL and tests can swap the
// backend. The SOCI implementation (SQLite now, PostgreSQL later) is the only
// code that includes <soci/...>; it maps database errors to Error values with
// context. Every method that writes runs in one transaction: it writes all
// or nothing. An operation made of several writes (a payment batch with its
// payments and ledger entries) opens a Transaction with begin_write(); the
// methods called until it ends join it. A Store is used by one thread at a
// time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grants/batch.h"
#include "grants/eligibility.h"
#include "grants/ledger.h"
#include "grants/model.h"
#include "grants/obligation.h"
#include "grants/payment.h"
#include "grants/recovery.h"
#include "grants/result.h"

namespace grants {

struct StoredRuleFile {
  std::string sha256;
  std::string name;
  std::string content;
};

// The last entry of the ledger, where the next one chains on.
struct LedgerTail {
  std::int64_t seq = 0;     // 0 for an empty ledger
  std::string hash;         // genesis_hash() for an empty ledger
  std::optional<Date> date;  // the last entry's; none for an empty ledger
};

// What the compliance check reads of one convention.
struct ObligationRecord {
  std::int64_t agreement_id = 0;
  std::string beneficiary_ref;
  // The rule version it was signed under, in one text to compare at once:
  // "<scheme_id>|<rule_sha256>|<rule_period_from>". See split_rule_version.
  std::string rule_version;
  Date signed_on;
  // The convention's state on the date asked, from its events dated by then:
  // terminated once a termination is effective, else suspended from a
  // suspension's first day to its resumption, else active.
  AgreementState convention_state = AgreementState::kActive;
  // Its events in date order, with kind, date, reason and commune (what the
  // state needs); valid during the call that receives the record.
  std::span<const ObligationEvent> events;
};

struct RuleVersion {
  std::string_view scheme_id;
  std::string_view rule_sha256;
  std::string_view period_from;  // "YYYY-MM-DD"
};
// The parts of ObligationRecord::rule_version, read from the end (the hash
// and the date have fixed lengths, so a scheme id may hold any character).
// nullopt when the text is shorter than a hash and a date.
std::optional<RuleVersion> split_rule_version(std::string_view text);

// A payment of one convention, with the day its batch was settled.
struct AgreementPayment {
  std::int64_t id = 0;
  std::int64_t batch_id = 0;
  int instalment = 0;
  Money amount;
  PaymentState state = PaymentState::kPending;
  std::optional<Date> settled_on;  // of its batch
};

// Which conventions Store::list_agreements gives; a filter left empty
// takes them all.
struct AgreementFilter {
  std::string beneficiary_ref;
  std::string scheme_id;
  std::optional<AgreementState> state;
};

class Store {
 public:
  virtual ~Store() = default;

  // One write transaction. commit() makes everything written since
  // begin_write() durable at once; destroying it uncommitted rolls all of it
  // back.
  class Transaction {
   public:
    virtual ~Transaction() = default;
    virtual Status commit() = 0;
  };
  // Begins a write transaction and takes the database's write lock now
  // (SQLite: BEGIN IMMEDIATE), so that two writers run one after the other
  // and the second sees what the first committed. A second begin_write()
  // while one is open is an Internal error.
  virtual Result<std::unique_ptr<Transaction>> begin_write() = 0;

  // One read snapshot: until it is destroyed, every read sees the database
  // as the first of them found it, whatever other sessions commit meanwhile
  // (a report that reads the same entries twice, or totals then rows, gets
  // one consistent picture). Inside a write transaction reads already see
  // that transaction, and the snapshot adds nothing. Nothing is written.
  class Snapshot {
   public:
    virtual ~Snapshot() = default;
  };
  virtual Result<std::unique_ptr<Snapshot>> begin_read() = 0;

  // Applies the migrations not yet recorded, each in its own transaction, and
  // returns the names of those applied now (empty when up to date). Storage,
  // applying nothing, when the database holds a migration this build does
  // not know.
  virtual Result<std::vector<std::string>> migrate() = 0;
  // Names of the migrations recorded in the database, in order.
  virtual Result<std::vector<std::string>> applied_migrations() = 0;

  // Inserts all or none. Conflict when a ref already exists (naming it).
  virtual Status add_beneficiaries(const std::vector<Beneficiary>& rows) = 0;
  // nullopt when no beneficiary has that ref.
  virtual Result<std::optional<Beneficiary>> find_beneficiary(std::string_view ref) = 0;
  virtual Result<std::optional<Beneficiary>> find_beneficiary(std::int64_t id) = 0;
  // Ordered by ref.
  virtual Result<std::vector<Beneficiary>> list_beneficiaries() = 0;

  // Inserts the application with its conditions; returns its id.
  virtual Result<std::int64_t> add_application(const Application& a) = 0;
  virtual Result<std::optional<Application>> find_application(std::int64_t id) = 0;
  // Ordered by id.
  virtual Result<std::vector<Application>> list_applications() = 0;
  // Records the decision and moves the state. Conflict unless the application
  // is still submitted.
  virtual Status record_decision(std::int64_t application_id, const Decision& d) = 0;

  // Stores the convention, its instalments and the rule file content (kept
  // once per hash) in one transaction; returns the convention id. Conflict
  // when the application already has a convention.
  virtual Result<std::int64_t> add_agreement(const Agreement& a, const StoredRuleFile& rules) = 0;
  virtual Result<std::optional<Agreement>> find_agreement(std::int64_t id) = 0;
  // The conventions `filter` selects, ordered by id; schedules and
  // instalment states included.
  virtual Result<std::vector<Agreement>> list_agreements(const AgreementFilter& filter) = 0;
  // The rule file content stored under a hash; nullopt when unknown.
  virtual Result<std::optional<StoredRuleFile>> find_rule_file(std::string_view sha256) = 0;

  // ---- changes to a convention and its schedule

  // Replaces a beneficiary's IBAN and BIC (already normalised; the BIC may
  // be empty). A `returned_reason` says the bank sent this IBAN back: it is
  // recorded as record_return records it, and batches hold the beneficiary.
  // NotFound for an unknown ref.
  virtual Status set_iban(std::string_view ref, const std::string& iban, const std::string& bic,
                          const std::string& returned_reason) = 0;
  // The bank's reason for the last transfer to `iban` of the beneficiary's
  // conventions that it sent back; empty when none came back.
  virtual Result<std::string> returned_reason(std::int64_t beneficiary_id, const std::string& iban) = 0;
  // Check-and-set of a convention's state: Conflict naming the current state
  // unless it is `expected`; NotFound for an unknown id.
  virtual Status set_agreement_state(std::int64_t id, AgreementState expected,
                                     AgreementState next) = 0;
  virtual Result<std::int64_t> add_agreement_event(const AgreementEvent& e) = 0;
  virtual Result<std::int64_t> add_document(const AgreementDocument& d) = 0;
  // The instalments of a convention that no batch has taken yet (open and
  // without a pending or paid payment), by number.
  virtual Result<std::vector<Instalment>> unpaid_instalments(std::int64_t agreement_id) = 0;
  // The same, each with its dates as the schedule set them at signature
  // and the months resumptions have moved it by since.
  virtual Result<std::vector<MovableInstalment>> unpaid_movable_instalments(std::int64_t agreement_id) = 0;
  // Writes the due date and covered period (`now`) and the months moved of
  // each instalment given (by number); amounts and the dates scheduled
  // never change.
  virtual Status move_instalments(std::int64_t agreement_id, const std::vector<MovableInstalment>& moved) = 0;
  // Cancels the given instalments (by number); they are never paid.
  virtual Status cancel_instalments(std::int64_t agreement_id, const std::vector<int>& numbers) = 0;

  // ---- payment batches

  // Inserts a draft batch (month, prepared_by, prepared_on); returns its id.
  // Conflict when the month already has a batch that is not cancelled.
  virtual Result<std::int64_t> add_batch(const BatchSummary& b) = 0;
  // With its payments' outcome, per-scheme totals and holds; nullopt when
  // unknown.
  virtual Result<std::optional<BatchSummary>> find_batch(std::int64_t id) = 0;
  // The batch of `month` that is not cancelled, if any (without holds).
  virtual Result<std::optional<BatchSummary>> live_batch(YearMonth month) = 0;
  // The live batch of the latest month, if any (without holds).
  virtual Result<std::optional<BatchSummary>> latest_live_batch() = 0;
  // Every batch, by id, with its payments' outcome, without per-scheme
  // totals or holds.
  virtual Result<std::vector<BatchSummary>> list_batches() = 0;
  // Writes b's state and the fields of each step (approval, export,
  // settlement, cancellation, totals) when the stored state is `expected`;
  // Conflict naming the current state otherwise.
  virtual Status update_batch(const BatchSummary& b, BatchState expected) = 0;

  // Calls `chunk` with the instalments due on or before `until`, in order of
  // due date, convention and number, at most `size` at a time: those open,
  // without a pending or paid payment (whatever the convention's state: a
  // terminated one still owes what fell due before its end); of convention
  // `agreement_id` only when given (what a batch would take of it), of
  // every convention otherwise (a batch).
  // Stops at the first error `chunk` returns. The caller may write payments
  // between chunks (inside the same transaction), and move values out of
  // the chunk it is given.
  virtual Status for_each_due_instalment(
      Date until, std::optional<std::int64_t> agreement_id, std::size_t size,
      const std::function<Status(std::vector<DueInstalment>&)>& chunk) = 0;
  // The highest payment id used (0 when none): a batch run under the write
  // lock numbers its payments from there.
  virtual Result<std::int64_t> last_payment_id() = 0;
  // Inserts payments with their ids. Conflict when an instalment already
  // has a pending or paid payment (the database's unique index says so).
  virtual Status add_payments(const std::vector<Payment>& payments) = 0;
  virtual Status add_holds(std::int64_t batch_id, const std::vector<Hold>& holds) = 0;
  // A batch's payments by id, with the IBAN and BIC stored when the batch
  // was prepared, and the beneficiary's name (which no command changes).
  virtual Result<std::vector<Payment>> batch_payments(std::int64_t batch_id) = 0;
  // The same, of the payments in state `state` only (every state when
  // nullopt), after payment `after_id`, at most `limit`: the way through a
  // large batch in pieces.
  virtual Result<std::vector<Payment>> batch_payments(std::int64_t batch_id, std::optional<PaymentState> state,
                                                      std::int64_t after_id, std::size_t limit) = 0;
  // The payment-order entries of a batch's payments in state `state`, by
  // payment id, after payment `after_id`, at most `limit`: the way through
  // a large batch in pieces.
  virtual Result<std::vector<LedgerEntry>> payment_orders(std::int64_t batch_id, PaymentState state,
                                                          std::int64_t after_id, std::size_t limit) = 0;
  // One payment's entry of kind `kind` (its payment order, its return...),
  // of which it has one at most; nullopt when it has none.
  virtual Result<std::optional<LedgerEntry>> payment_entry(std::int64_t payment_id, EntryKind kind) = 0;
  virtual Result<std::optional<Payment>> find_payment(std::int64_t payment_id) = 0;
  // Moves payments (by id) from `from` to `to`, with a return reason for
  // kReturned. Conflict when one is not in state `from`.
  virtual Status set_payment_states(const std::vector<std::int64_t>& ids, PaymentState from,
                                    PaymentState to, const std::string& reason) = 0;
  // Marks the instalments of these payments paid.
  virtual Status mark_instalments_paid(const std::vector<std::int64_t>& payment_ids) = 0;
  // Counts one more attempt on the instalments of these cancelled payments,
  // so that the next payment of each gets a new EndToEndId.
  virtual Status count_failed_attempts(const std::vector<std::int64_t>& payment_ids) = 0;
  // A payment of this instalment came back from the bank: the instalment is
  // open again with one more attempt, and the beneficiary's returned IBAN
  // and reason are recorded (see hold_reason). Conflict for a cancelled
  // instalment.
  virtual Status record_return(std::int64_t agreement_id, int number, const std::string& returned_iban,
                               const std::string& reason) = 0;

  // ---- the ledger

  virtual Result<LedgerTail> ledger_tail() = 0;
  // Whether some entry's hash is `hash` (for diagnosing a broken chain).
  virtual Result<bool> ledger_has_hash(const std::string& hash) = 0;
  // Appends entries already chained on ledger_tail() (see chain_entries).
  virtual Status add_ledger_entries(const std::vector<LedgerEntry>& entries) = 0;
  // Calls `f` with every entry in seq order, or only those dated within
  // [from, to] when given, and with kIncluded the IBAN the entry concerns:
  // its payment's (as sent to the bank), else the beneficiary's current
  // one, else empty. kLeftOut passes an empty IBAN and spares the look-up
  // (checking the chain needs none). A row whose date or kind does not
  // parse (written past the database's checks) ends the read with an error
  // naming it, unless `unreadable` is given: then that row goes there
  // instead of to `f`, its date or kind left default, with which column
  // does not parse and why ("ledger.entry_date: date \"2024-11-31\": day 31
  // does not exist in November 2024"), and the read goes on.
  enum class LedgerIbans { kLeftOut, kIncluded };
  using UnreadableLedgerRow = std::function<void(const LedgerEntry&, const std::string& why)>;
  virtual Status for_each_ledger_entry(
      std::optional<Date> from, std::optional<Date> to, LedgerIbans ibans,
      const std::function<void(const LedgerEntry&, const std::string& iban)>& f,
      const UnreadableLedgerRow& unreadable) = 0;

  // ---- practice obligations (soci_store_obligations.cpp)

  // Inserts events (ids assigned in order). NotFound for an unknown convention.
  virtual Status add_obligation_events(const std::vector<ObligationEvent>& events) = 0;
  // A convention's obligation events in force (not voided), by date, then id.
  virtual Result<std::vector<ObligationEvent>> obligation_events(std::int64_t agreement_id) = 0;
  // A convention's voided obligation events, by id, each with its void.
  virtual Result<std::vector<std::pair<ObligationEvent, EventVoid>>> voided_obligation_events(
      std::int64_t agreement_id) = 0;
  // The conventions, by id, with an instalment open and due on or before
  // `until` and a breaching event in force (moved-out, left-zone, stopped,
  // breach) dated on or before it: those a batch must look at before paying.
  // Of convention `agreement_id` only when given (it, or nothing).
  virtual Result<std::vector<std::int64_t>> breached_with_instalments_due(
      Date until, std::optional<std::int64_t> agreement_id) = 0;
  // One obligation event, voided or not; nullopt when unknown.
  virtual Result<std::optional<ObligationEvent>> find_obligation_event(std::int64_t event_id) = 0;
  // Records a void. Conflict when the event is already voided, NotFound when
  // it does not exist.
  virtual Status add_event_void(const EventVoid& v) = 0;
  // Calls `chunk` with the conventions signed on or before `as_of`, by id,
  // whatever their state (terminated ones too: an obligation outlives the
  // payments), each with its state on `as_of` and its obligation events in
  // force dated on or before `as_of`, at most `size` at a
  // time (the records and their events are valid during the call only).
  // Stops at the first error.
  virtual Status for_each_obligation(
      Date as_of, std::size_t size,
      const std::function<Status(const std::vector<ObligationRecord>&)>& chunk) = 0;
  // A convention's payments, by id.
  virtual Result<std::vector<AgreementPayment>> agreement_payments(std::int64_t agreement_id) = 0;

  // ---- anti-cumul (soci_store_obligations.cpp)

  // A beneficiary's conventions, by signature date; `kind` is left for the
  // caller (it comes from the rules).
  virtual Result<std::vector<PriorConvention>> conventions_of(std::int64_t beneficiary_id) = 0;
  virtual Result<std::int64_t> add_cesp(const CespDeclaration& c) = 0;
  // By date, then id.
  virtual Result<std::vector<CespDeclaration>> cesp_of(std::int64_t beneficiary_id) = 0;

  // ---- recovery orders (soci_store_recovery.cpp)

  // The highest rank of the orders numbered in `year` (0 when none): an
  // order issued under the write lock takes the next.
  virtual Result<int> last_recovery_rank(int year) = 0;
  // Inserts an order with its plan; returns its id. Conflict when its
  // convention already has an order that is not cancelled, or its number is
  // taken.
  virtual Result<std::int64_t> add_recovery_order(const RecoveryOrder& o) = 0;
  // With plan and receipts; nullopt when unknown.
  virtual Result<std::optional<RecoveryOrder>> find_recovery_order(std::string_view number) = 0;
  // Every order of a convention, cancelled ones included, by number, with
  // plans and receipts.
  virtual Result<std::vector<RecoveryOrder>> recovery_orders_of(std::int64_t agreement_id) = 0;
  // Every order by number, with plans and receipts.
  virtual Result<std::vector<RecoveryOrder>> list_recovery_orders() = 0;
  // Conflict when the order already has a receipt with that reference.
  virtual Result<std::int64_t> add_receipt(const Receipt& r) = 0;
  // Writes the order's state and cancellation fields when its stored state
  // is `expected`; Conflict naming the current state otherwise.
  virtual Status update_recovery_order(const RecoveryOrder& o, RecoveryState expected) = 0;
};

// Chains `entries` on the ledger's tail and appends them: the one way
// entries enter the ledger. Call inside a write transaction, so that no
// other writer appends between the tail read and the insert.
// InvalidInput, writing nothing, for text no export could carry, or for an
// entry dated before the one it follows (the ledger is in date order).
Status append_to_ledger(Store& store, std::vector<LedgerEntry>& entries);

// `url` as it may be shown (printed, logged): a password in it is masked,
// "postgresql://officer:***@host/db".
std::string shown_url(std::string_view url);

// The files of the SQLite database at `url`, as its URL names them: the
// database and the -wal, -shm and -journal files SQLite keeps beside it,
// whether they exist or not; none for PostgreSQL or a URL no store opens.
// What a command that writes a file must not write over.
std::vector<std::string> database_files(std::string_view url);

// Opens a database by URL: "sqlite:PATH" (or "sqlite://PATH"); a plain path
// is taken as SQLite. SQLite runs in WAL mode with synchronous=FULL and
// foreign keys on. Error (InvalidInput) for an unknown scheme of URL,
// (Storage) when the database cannot be opened.
Result<std::unique_ptr<Store>> open_store(std::string_view url);
// As open_store, for work on the data rather than on the schema: the
// database must hold exactly the migrations of this build. Storage, naming
// the database and the migrations, when it lacks some (a new database, or
// one of an older build: run `grants init`) or holds one this build does
// not know (a newer build migrated it, and this one would write rows
// without what that migration added). Store::migrate refuses the latter too.
Result<std::unique_ptr<Store>> open_current_store(std::string_view url);

}  // namespace grants
