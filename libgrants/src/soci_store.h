// SociStore: the Store over a SOCI session, shared by every SQL backend.
//
// The SQL here is portable (INSERT ... RETURNING, ON CONFLICT DO NOTHING,
// bound parameters only); what differs between SQLite and PostgreSQL — how a
// session is opened, how a constraint violation is recognised, how to tell
// that a table exists, which migrations apply, how a migration script runs,
// how transactions begin and how rows are written in bulk — is a Dialect
// (sqlite_store.cpp, postgresql_store.cpp). Private to the library: with
// those files, the only code that includes <soci/...>.
// A SociStore is used by one thread at a time, like its session.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grants/database.h"
#include "grants/store.h"
#include "migrations.h"

namespace grants::detail {

// What a database error means to us; anything else is a Storage error.
// kBusy: another writer held the database's lock past the lock wait
// (SQLite's busy timeout, PostgreSQL's lock_timeout).
// kRetry: the transaction lost a race (PostgreSQL serialization failure or
// deadlock) and may be run again from its start.
enum class Violation { kNone, kUnique, kForeignKey, kCheck, kRetry, kBusy };

// A table as `grants db copy` sees it: its columns in order and the tables
// its foreign keys reference.
struct TableInfo {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> references;
};


// Rows to insert into one table, column by column: the store's large
// writes (payments, ledger entries, instalments, holds) in the shape a
// backend's fastest path takes them. Each column reads row r from the
// caller's own records, so nothing is copied on the way.
struct BulkInsert {
  struct Column {
    std::string_view name;
    // Exactly one of `integer` and `text` is set. `text` may return a view
    // of `scratch`, a buffer the column keeps until the row is written.
    std::function<long long(std::size_t r)> integer;
    std::function<std::string_view(std::size_t r, std::string& scratch)> text;
    std::function<bool(std::size_t r)> null;  // optional: true for NULL
  };
  static Column integer(std::string_view name, std::function<long long(std::size_t)> f) {
    return Column{name, std::move(f), {}, {}};
  }
  static Column text(std::string_view name, std::function<std::string_view(std::size_t, std::string&)> f,
                     std::function<bool(std::size_t)> null = {}) {
    return Column{name, {}, std::move(f), std::move(null)};
  }
  std::string_view table;
  std::size_t rows = 0;
  std::vector<Column> columns;
};

// One row of a scan: its columns by position (from 0). Text views are valid
// until the next row.
class ScanRow {
 public:
  virtual ~ScanRow() = default;
  virtual bool is_null(int column) const = 0;
  virtual long long integer(int column) const = 0;      // 0 for NULL
  virtual std::string_view text(int column) const = 0;  // "" for NULL
};
// Called for each row; returns false to stop the scan.
using ScanVisitor = std::function<bool(const ScanRow&)>;

// A scan through SOCI's dynamic rows: any backend, no native code.
void soci_scan(soci::session& sql, const std::string& query, const std::vector<std::string>& params,
               const ScanVisitor& visit);

struct Dialect {
  const std::vector<Migration>& (*migrations)();
  // True when the table exists; runs on the store's session.
  bool (*table_exists)(soci::session& sql, const std::string& table);
  Violation (*classify)(const soci::soci_error& e);
  // Runs a whole migration script, every statement in order, inside the
  // caller's transaction; throws soci_error at the first failing statement.
  // The database's own parser splits the script, so triggers (whose bodies
  // hold ';') and comments need no care from us.
  void (*run_script)(soci::session& sql, const std::string& script);
  // Begins a write transaction holding the database's write lock, so that
  // writers queue instead of failing halfway (SQLite: BEGIN IMMEDIATE;
  // PostgreSQL: a transaction-scoped advisory lock).
  void (*begin_write)(soci::session& sql);
  // Begins a read-only transaction that reads one snapshot throughout.
  void (*begin_read)(soci::session& sql);
  // Inserts the rows inside the caller's transaction, as fast as the
  // backend allows; throws soci_error (classified as above) like a
  // statement would. SOCI's own vector binding copies every value and, on
  // PostgreSQL, makes one round trip per row (and, re-executed, resends the
  // first chunk: SOCI 4.0.3, upstream issues #910 and #1167): PostgreSQL
  // uses COPY FROM STDIN instead.
  void (*bulk_insert)(soci::session& sql, const BulkInsert& rows);
  // Runs `query` (parameters written '?') with `params` bound in order (as
  // text: the database converts them to the compared columns' types) and
  // calls `visit` per row, streaming where the backend can. The caller may
  // write on the same session between rows. soci_scan serves any backend
  // whose SOCI placeholders are '?'.
  void (*scan)(soci::session& sql, const std::string& query, const std::vector<std::string>& params,
               const ScanVisitor& visit);
  // Every table of the schema (schema_migrations included).
  std::vector<TableInfo> (*tables)(soci::session& sql);
  // Called after rows were copied in with their ids, so that generated ids
  // continue after the largest one (nothing to do for SQLite).
  void (*after_copy)(soci::session& sql, const std::vector<TableInfo>& tables);
  // Creates or updates the officer and auditor roles and their privileges
  // on every table; nullptr when the backend has no roles (SQLite).
  void (*create_roles)(soci::session& sql, const grants::RoleNames& roles);
  // The aggregate that joins a group's texts, called NAME(text, separator);
  // the order it joins them in is unspecified.
  const char* join_texts;
};

class SociStore : public Store {
 public:
  // `name` is how messages show the database: its path, or its URL with
  // any password masked. `lock_wait` is how long the session waits for
  // another writer's lock, which the message that it gave up says.
  SociStore(std::unique_ptr<soci::session> sql, Dialect dialect, std::string name, std::chrono::seconds lock_wait)
      : sql_(std::move(sql)), dialect_(dialect), name_(std::move(name)), lock_wait_(lock_wait) {}

  // For whole-database administration (soci_admin.cpp): the session and
  // its dialect.
  soci::session& session() { return *sql_; }
  const Dialect& dialect() const { return dialect_; }

  Result<std::vector<std::string>> migrate() override;
  Result<std::vector<std::string>> applied_migrations() override;
  // Ok when the database holds exactly this build's migrations; see
  // open_current_store.
  Status check_migrations();

  Status add_beneficiaries(const std::vector<Beneficiary>& rows) override;
  Result<std::optional<Beneficiary>> find_beneficiary(std::string_view ref) override;
  Result<std::optional<Beneficiary>> find_beneficiary(std::int64_t id) override;
  Result<std::vector<Beneficiary>> list_beneficiaries() override;

  Result<std::int64_t> add_application(const Application& a) override;
  Result<std::optional<Application>> find_application(std::int64_t id) override;
  Result<std::vector<Application>> list_applications() override;
  Status record_decision(std::int64_t application_id, const Decision& d) override;

  Result<std::int64_t> add_agreement(const Agreement& a, const StoredRuleFile& rules) override;
  Result<std::optional<Agreement>> find_agreement(std::int64_t id) override;
  Result<std::vector<Agreement>> list_agreements(const AgreementFilter& filter) override;
  Result<std::optional<StoredRuleFile>> find_rule_file(std::string_view sha256) override;

  Result<std::unique_ptr<Transaction>> begin_write() override;
  Result<std::unique_ptr<Snapshot>> begin_read() override;

  // soci_store_batches.cpp
  Status set_iban(std::string_view ref, const std::string& iban, const std::string& bic,
                  const std::string& returned_reason) override;
  Result<std::string> returned_reason(std::int64_t beneficiary_id, const std::string& iban) override;
  Status set_agreement_state(std::int64_t id, AgreementState expected, AgreementState next) override;
  Result<std::int64_t> add_agreement_event(const AgreementEvent& e) override;
  Result<std::int64_t> add_document(const AgreementDocument& d) override;
  Result<std::vector<Instalment>> unpaid_instalments(std::int64_t agreement_id) override;
  Result<std::vector<MovableInstalment>> unpaid_movable_instalments(std::int64_t agreement_id) override;
  Status move_instalments(std::int64_t agreement_id, const std::vector<MovableInstalment>& moved) override;
  Status cancel_instalments(std::int64_t agreement_id, const std::vector<int>& numbers) override;
  Result<std::int64_t> add_batch(const BatchSummary& b) override;
  Result<std::optional<BatchSummary>> find_batch(std::int64_t id) override;
  Result<std::optional<BatchSummary>> live_batch(YearMonth month) override;
  Result<std::optional<BatchSummary>> latest_live_batch() override;
  Result<std::vector<BatchSummary>> list_batches() override;
  Status update_batch(const BatchSummary& b, BatchState expected) override;
  Status for_each_due_instalment(
      Date until, std::optional<std::int64_t> agreement_id, std::size_t size,
      const std::function<Status(std::vector<DueInstalment>&)>& chunk) override;
  Result<std::int64_t> last_payment_id() override;
  Status add_payments(const std::vector<Payment>& payments) override;
  Status add_holds(std::int64_t batch_id, const std::vector<Hold>& holds) override;
  Result<std::vector<Payment>> batch_payments(std::int64_t batch_id) override;
  Result<std::vector<Payment>> batch_payments(std::int64_t batch_id, std::optional<PaymentState> state,
                                              std::int64_t after_id, std::size_t limit) override;
  Result<std::vector<LedgerEntry>> payment_orders(std::int64_t batch_id, PaymentState state,
                                                  std::int64_t after_id, std::size_t limit) override;
  Result<std::optional<LedgerEntry>> payment_entry(std::int64_t payment_id, EntryKind kind) override;
  Result<std::optional<Payment>> find_payment(std::int64_t payment_id) override;
  Status set_payment_states(const std::vector<std::int64_t>& ids, PaymentState from,
                            PaymentState to, const std::string& reason) override;
  Status mark_instalments_paid(const std::vector<std::int64_t>& payment_ids) override;
  Status count_failed_attempts(const std::vector<std::int64_t>& payment_ids) override;
  Status record_return(std::int64_t agreement_id, int number, const std::string& returned_iban,
                       const std::string& reason) override;

  // soci_store_ledger.cpp
  Result<LedgerTail> ledger_tail() override;
  Result<bool> ledger_has_hash(const std::string& hash) override;
  Status add_ledger_entries(const std::vector<LedgerEntry>& entries) override;
  Status for_each_ledger_entry(
      std::optional<Date> from, std::optional<Date> to, LedgerIbans ibans,
      const std::function<void(const LedgerEntry&, const std::string& iban)>& f,
      const UnreadableLedgerRow& unreadable) override;

  // soci_store_obligations.cpp
  Status add_obligation_events(const std::vector<ObligationEvent>& events) override;
  Result<std::vector<ObligationEvent>> obligation_events(std::int64_t agreement_id) override;
  Result<std::vector<std::pair<ObligationEvent, EventVoid>>> voided_obligation_events(
      std::int64_t agreement_id) override;
  Result<std::vector<std::int64_t>> breached_with_instalments_due(
      Date until, std::optional<std::int64_t> agreement_id) override;
  Result<std::optional<ObligationEvent>> find_obligation_event(std::int64_t event_id) override;
  Status add_event_void(const EventVoid& v) override;
  Status for_each_obligation(Date as_of, std::size_t size,
                             const std::function<Status(const std::vector<ObligationRecord>&)>& chunk) override;
  Result<std::vector<AgreementPayment>> agreement_payments(std::int64_t agreement_id) override;
  Result<std::vector<PriorConvention>> conventions_of(std::int64_t beneficiary_id) override;
  Result<std::int64_t> add_cesp(const CespDeclaration& c) override;
  Result<std::vector<CespDeclaration>> cesp_of(std::int64_t beneficiary_id) override;

  // soci_store_recovery.cpp
  Result<int> last_recovery_rank(int year) override;
  Result<std::int64_t> add_recovery_order(const RecoveryOrder& o) override;
  Result<std::optional<RecoveryOrder>> find_recovery_order(std::string_view number) override;
  Result<std::vector<RecoveryOrder>> recovery_orders_of(std::int64_t agreement_id) override;
  Result<std::vector<RecoveryOrder>> list_recovery_orders() override;
  Result<std::int64_t> add_receipt(const Receipt& r) override;
  Status update_recovery_order(const RecoveryOrder& o, RecoveryState expected) override;

 protected:
  // The write transaction in progress: begun by the constructor, rolled
  // back by the destructor unless committed. While one exists, the store's
  // methods join it instead of opening their own.
  class Write : public Transaction {
   public:
    explicit Write(SociStore& store);
    ~Write() override;
    Status commit() override;

   private:
    SociStore& store_;
    bool done_ = false;
  };

  class HeldRead;  // begin_read()'s Snapshot

  // A read-only transaction on one snapshot, ended by end() or the
  // destructor.
  class Read {
   public:
    explicit Read(SociStore& store);
    ~Read();
    Read(const Read&) = delete;
    Read& operator=(const Read&) = delete;
    void end();

   private:
    SociStore& store_;
    bool done_ = false;
  };

  // Runs `body` (returning Result<T>) and turns any exception into a Storage
  // error that starts with `what`, so that no exception leaves the Store.
  template <class Body>
  auto guarded(std::string_view what, Body&& body) -> decltype(body());

  // As guarded, inside one write transaction committed only when `body`
  // succeeds: an error value or an exception rolls everything back. Inside
  // an open Write, `body` joins it: the Write's owner commits or rolls back.
  template <class Body>
  auto in_transaction(std::string_view what, Body&& body) -> decltype(body());
  // As guarded, reading from one snapshot (a deferred transaction, or the
  // open Write).
  template <class Body>
  auto in_read(std::string_view what, Body&& body) -> decltype(body());

  Violation classify(const soci::soci_error& e) const { return dialect_.classify(e); }
  // The error `e` met while doing `what`: "WHAT: " and the database's first
  // line, or, when another writer held the lock past the wait, that
  // (busy_message) alone.
  Error storage_error(std::string_view what, const std::exception& e) const;
  void bulk_insert(const BulkInsert& rows) {
    if (rows.rows > 0) dialect_.bulk_insert(*sql_, rows);
  }
  void scan(const std::string& query, const std::vector<std::string>& params, const ScanVisitor& visit) {
    dialect_.scan(*sql_, query, params, visit);
  }
  soci::session& sql() { return *sql_; }

 private:
  // Ok when the database has no table; a Storage error naming some of them
  // otherwise: called by migrate() where schema_migrations is missing, a
  // database with tables but no migrations is another application's.
  Status no_other_tables();

  std::unique_ptr<soci::session> sql_;
  Dialect dialect_;
  std::string name_;
  std::chrono::seconds lock_wait_;
  bool writing_ = false;  // a Write is open
  bool reading_ = false;  // an in_read transaction is open
};

// Opening a store by backend (sqlite_store.cpp, postgresql_store.cpp) and
// by URL (store_url.cpp, behind open_store).
// `lock_wait` is how long a writer waits for another's lock before giving up
// (lock_wait below).
Result<std::unique_ptr<SociStore>> open_sqlite(const std::string& path, std::chrono::seconds lock_wait);
Result<std::unique_ptr<SociStore>> open_postgresql(const std::string& url, std::chrono::seconds lock_wait);
// With kMustExist, a SQLite file that does not exist is an error (Storage,
// naming it) rather than created empty: only `grants init` and the target
// of a copy create a database.
enum class Missing { kCreate, kMustExist };
// How long a writer waits for another's lock (kLockWait), or the whole
// seconds of GRANTS_LOCK_WAIT, which tests set to see the wait end without
// waiting two minutes; InvalidInput, naming it, when that is not 1 to 86400.
inline constexpr std::chrono::seconds kLockWait{120};
Result<std::chrono::seconds> lock_wait();
Result<std::unique_ptr<SociStore>> open_soci_store(std::string_view url, Missing missing = Missing::kCreate);

// Where `url` holds a password (start, size): after "USER:" in its user
// information, and the value of each parameter whose name ends in
// "password", in its query or in libpq's key=value settings. What
// shown_url masks.
std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view url);
// `text` with each password of `url` in it masked: for libpq's messages,
// which may quote the part of the URL they could not parse.
std::string without_passwords(std::string text, std::string_view url);

// The first line of a database error, without SOCI's "while executing" tail
// (which repeats the SQL and every bound value, personal data included).
std::string describe(const std::exception& e);

// What a command is told when another one held the database's write lock
// for all of `waited`: the database's own words ("database is locked",
// "canceling statement due to lock timeout") do not say that a colleague's
// command is running.
std::string busy_message(std::chrono::seconds waited);

template <class Body>
auto SociStore::guarded(std::string_view what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return storage_error(what, e);
  }
}

template <class Body>
auto SociStore::in_transaction(std::string_view what, Body&& body) -> decltype(body()) {
  if (writing_) return guarded(what, body);
  // A transaction that lost a race (kRetry) wrote nothing: it runs again
  // from its start, a few times, before the error is reported.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      Write tr(*this);
      auto result = body();
      if (!result) return result;
      if (auto st = tr.commit(); !st) return st.error();
      return result;
    } catch (const soci::soci_error& e) {
      if (attempt < kAttempts && classify(e) == Violation::kRetry) continue;
      return storage_error(what, e);
    } catch (const std::exception& e) {
      return storage_error(what, e);
    }
  }
}

template <class Body>
auto SociStore::in_read(std::string_view what, Body&& body) -> decltype(body()) {
  // Inside a write or another read (a lookup made while streaming rows),
  // join it.
  if (writing_ || reading_) return guarded(what, body);
  return guarded(what, [&]() -> decltype(body()) {
    Read tr(*this);
    reading_ = true;
    struct Done {
      bool& flag;
      ~Done() { flag = false; }
    } done{reading_};
    auto result = body();
    tr.end();  // nothing was written: ends the snapshot
    return result;
  });
}

}  // namespace grants::detail
