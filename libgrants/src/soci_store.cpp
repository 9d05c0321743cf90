// The Store over SOCI, backend-neutral: portable SQL with bound parameters.
// Backend specifics come from the Dialect (see sqlite_store.cpp).
#include "soci_store.h"

#include "soci_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <array>
#include <stdexcept>
#include <unordered_map>

namespace grants::detail {

namespace {

using soci::into;
using soci::use;

constexpr std::array kKinds{BeneficiaryKind::kPerson, BeneficiaryKind::kStructure};
constexpr std::array kApplicationStates{ApplicationState::kSubmitted, ApplicationState::kApproved,
                                        ApplicationState::kRejected};
constexpr std::array kAgreementStates{AgreementState::kActive, AgreementState::kSuspended,
                                      AgreementState::kTerminated, AgreementState::kCompleted};
constexpr std::array kEventKinds{AgreementEventKind::kSuspend, AgreementEventKind::kResume,
                                 AgreementEventKind::kTerminate};

// ---- beneficiaries

struct BeneficiaryRow {
  static constexpr const char* kSelect =
      "SELECT id, ref, kind, name, first_name, profession, commune, iban, bic, email, returned_iban, "
      "return_reason FROM beneficiaries ";
  Beneficiary b;
  std::string kind;
  void bind(soci::statement& st) {
    exchange_all(st, into(b.id), into(b.ref), into(kind), into(b.name), into(b.first_name),
                 into(b.profession), into(b.commune), into(b.iban), into(b.bic), into(b.email),
                 into(b.returned_iban), into(b.return_reason));
  }
  Beneficiary value() const {
    Beneficiary out = b;
    out.kind = to_enum(kind, "beneficiaries.kind", kKinds);
    return out;
  }
};

template <class... Params>
std::vector<Beneficiary> load_beneficiaries(soci::session& sql, std::string_view where,
                                            const Params&... params) {
  return rows_of<BeneficiaryRow>(
      sql, std::string(BeneficiaryRow::kSelect) + std::string(where) + " ORDER BY ref", params...);
}

// ---- applications

struct ApplicationRow {
  static constexpr const char* kSelect =
      "SELECT a.id, a.beneficiary_id, b.ref, a.scheme_id, a.submitted_on, a.study_year, "
      "a.start_on, "
      "a.expenses_cents, a.state, a.eligible, a.deliberation, a.decided_on, a.decision_reason "
      "FROM applications a JOIN beneficiaries b ON b.id = a.beneficiary_id ";
  Application a;
  std::string submitted_on, start_on, state, deliberation, decided_on, reason;
  int study_year = 0, eligible = 0;
  long long expenses = 0;
  soci::indicator study_year_ind{}, start_ind{}, expenses_ind{}, deliberation_ind{}, decided_ind{},
      reason_ind{};
  void bind(soci::statement& st) {
    exchange_all(st, into(a.id), into(a.beneficiary_id), into(a.beneficiary_ref), into(a.scheme_id),
                 into(submitted_on), into(study_year, study_year_ind), into(start_on, start_ind),
                 into(expenses, expenses_ind), into(state), into(eligible),
                 into(deliberation, deliberation_ind), into(decided_on, decided_ind),
                 into(reason, reason_ind));
  }
  Application value() const {
    Application out = a;
    out.submitted_on = to_date(submitted_on, "applications.submitted_on");
    out.study_year = study_year_ind == soci::i_ok ? std::optional<int>(study_year) : std::nullopt;
    out.start = start_ind == soci::i_ok ? std::optional(to_date(start_on, "applications.start_on"))
                                        : std::nullopt;
    out.expenses =
        expenses_ind == soci::i_ok ? std::optional(Money::from_cents(expenses)) : std::nullopt;
    out.state = to_enum(state, "applications.state", kApplicationStates);
    out.eligible = eligible != 0;
    // The schema's CHECKs keep the decision columns set exactly when decided.
    if (out.state != ApplicationState::kSubmitted && decided_ind == soci::i_ok) {
      out.decision = Decision{out.state, deliberation_ind == soci::i_ok ? deliberation : "",
                              to_date(decided_on, "applications.decided_on"),
                              reason_ind == soci::i_ok ? reason : ""};
    }
    return out;
  }
};

struct ConditionRow {
  std::int64_t application_id = 0;
  Condition c;
  int met = 0;
  void bind(soci::statement& st) {
    exchange_all(st, into(application_id), into(c.name), into(met), into(c.why));
  }
};

// `where` filters on the alias "a" of applications.
template <class... Params>
std::vector<Application> load_applications(soci::session& sql, std::string_view where,
                                           const Params&... params) {
  std::vector<Application> out = rows_of<ApplicationRow>(
      sql, std::string(ApplicationRow::kSelect) + std::string(where) + " ORDER BY a.id", params...);
  auto index = index_by_id(out);
  ConditionRow cond;
  for_each_row(
      sql,
      "SELECT c.application_id, c.name, c.met, c.why FROM application_conditions c "
      "JOIN applications a ON a.id = c.application_id " +
          std::string(where) + " ORDER BY c.application_id, c.position",
      cond,
      [&] {
        cond.c.met = cond.met != 0;
        out[index.at(cond.application_id)].conditions.push_back(cond.c);
      },
      params...);
  return out;
}

// ---- agreements

struct AgreementRow {
  static constexpr const char* kSelect =
      "SELECT g.id, g.application_id, g.beneficiary_id, b.ref, g.scheme_id, g.signed_on, "
      "g.start_on, "
      "g.rule_file, g.rule_sha256, g.rule_period_from, g.rule_reference, g.state, g.award_cents, "
      "g.departement_code, g.expense_account, g.payable_account, g.receivable_account "
      "FROM agreements g JOIN beneficiaries b ON b.id = g.beneficiary_id ";
  Agreement g;
  std::string signed_on, start_on, period_from, state;
  long long award = 0;
  void bind(soci::statement& st) {
    exchange_all(st, into(g.id), into(g.application_id), into(g.beneficiary_id),
                 into(g.beneficiary_ref), into(g.scheme_id), into(signed_on), into(start_on),
                 into(g.rule_file), into(g.rule_sha256), into(period_from), into(g.rule_reference),
                 into(state), into(award), into(g.departement_code), into(g.expense_account),
                 into(g.payable_account), into(g.receivable_account));
  }
  Agreement value() const {
    Agreement out = g;
    out.signed_on = to_date(signed_on, "agreements.signed_on");
    out.start = to_date(start_on, "agreements.start_on");
    out.rule_period_from = to_date(period_from, "agreements.rule_period_from");
    out.state = to_enum(state, "agreements.state", kAgreementStates);
    out.schedule.award = Money::from_cents(award);
    return out;
  }
};

// An instalment and where it stands: `pending` is an open one in a batch
// the bank has not paid.
struct InstalmentRow {
  static constexpr const char* kSelect =
      "SELECT i.agreement_id, i.number, i.due_on, i.amount_cents, i.covers_from, i.covers_to, i.state, "
      "CASE WHEN EXISTS (SELECT 1 FROM payments p WHERE p.agreement_id = i.agreement_id AND p.instalment = "
      "i.number AND p.state = 'pending') THEN 1 ELSE 0 END "
      "FROM instalments i JOIN agreements g ON g.id = i.agreement_id ";
  std::int64_t agreement_id = 0;
  int number = 0;
  std::string due, from, to, state;
  long long amount = 0;
  int pending = 0;
  void bind(soci::statement& st) {
    exchange_all(st, into(agreement_id), into(number), into(due), into(amount), into(from), into(to), into(state),
                 into(pending));
  }
  Instalment value() const {
    return Instalment{number, to_date(due, "instalments.due_on"), Money::from_cents(amount),
                      to_date(from, "instalments.covers_from"),
                      to_date(to, "instalments.covers_to")};
  }
  InstalmentState state_value() const {
    if (state == "paid") return InstalmentState::kPaid;
    if (state == "cancelled") return InstalmentState::kCancelled;
    if (state != "open") bad_column("instalments.state", fmt::format("unexpected value \"{}\"", state));
    return pending != 0 ? InstalmentState::kPending : InstalmentState::kOpen;
  }
};

struct DocumentRow {
  std::int64_t agreement_id = 0;
  std::string kind;
  void bind(soci::statement& st) { exchange_all(st, into(agreement_id), into(kind)); }
};

// `where` filters on the alias "g" of agreements.
template <class... Params>
std::vector<Agreement> load_agreements(soci::session& sql, std::string_view where,
                                       const Params&... params) {
  std::vector<Agreement> out = rows_of<AgreementRow>(
      sql, std::string(AgreementRow::kSelect) + std::string(where) + " ORDER BY g.id", params...);
  auto index = index_by_id(out);
  InstalmentRow inst;
  for_each_row(
      sql, std::string(InstalmentRow::kSelect) + std::string(where) + " ORDER BY i.agreement_id, i.number", inst,
      [&] {
        Agreement& g = out[index.at(inst.agreement_id)];
        g.schedule.instalments.push_back(inst.value());
        g.instalment_states.push_back(inst.state_value());
      },
      params...);
  DocumentRow doc;
  for_each_row(
      sql,
      "SELECT d.agreement_id, d.kind FROM agreement_required_documents d "
      "JOIN agreements g ON g.id = d.agreement_id " +
          std::string(where) + " ORDER BY d.agreement_id, d.kind",
      doc, [&] { out[index.at(doc.agreement_id)].required_documents.push_back(doc.kind); },
      params...);
  return out;
}

std::string_view trim(std::string_view s) {
  const auto* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

}  // namespace

std::string describe(const std::exception& e) {
  const auto* se = dynamic_cast<const soci::soci_error*>(&e);
  std::string text = se != nullptr ? se->get_error_message() : e.what();
  std::string_view line = trim(std::string_view(text).substr(0, text.find('\n')));
  // SOCI prefixes its backend function, e.g. "sqlite3_statement_backend::loadOne: ";
  // it says nothing to a user.
  auto scope = line.find("::");
  auto colon = line.find(": ");
  if (scope != std::string_view::npos && colon != std::string_view::npos && scope < colon &&
      line.substr(0, colon).find(' ') == std::string_view::npos)
    line.remove_prefix(colon + 2);
  // SOCI's PostgreSQL backend and libpq put their own words before the
  // server's message: "Cannot execute query. Fatal error. ERROR:  ...".
  for (std::string_view noise : {"Cannot execute query. ", "Fatal error. ", "ERROR:  "})
    if (line.starts_with(noise)) line.remove_prefix(noise.size());
  return std::string(line);
}

std::string busy_message(std::chrono::seconds waited) {
  return fmt::format(
      "another grants command is writing to this database (waited {} s); try again when it has "
      "finished",
      waited.count());
}

Error SociStore::storage_error(std::string_view what, const std::exception& e) const {
  const auto* se = dynamic_cast<const soci::soci_error*>(&e);
  if (se != nullptr && classify(*se) == Violation::kBusy) return Error::Storage(busy_message(lock_wait_));
  return Error::Storage(std::string(what) + ": " + describe(e));
}

namespace {

// A soci::row seen as a ScanRow: values converted from whatever type the
// backend reported for the column.
class SociScanRow : public ScanRow {
 public:
  explicit SociScanRow(const soci::row& row) : row_(row) {}
  bool is_null(int column) const override { return row_.get_indicator(index(column)) == soci::i_null; }
  long long integer(int column) const override {
    const auto i = index(column);
    if (row_.get_indicator(i) == soci::i_null) return 0;
    switch (row_.get_properties(i).get_data_type()) {
      case soci::dt_integer: return row_.get<int>(i);
      case soci::dt_long_long: return row_.get<long long>(i);
      case soci::dt_unsigned_long_long: return static_cast<long long>(row_.get<unsigned long long>(i));
      case soci::dt_string: return std::stoll(row_.get<std::string>(i));
      default: bad_column(row_.get_properties(i).get_name(), "is not an integer");
    }
  }
  std::string_view text(int column) const override {
    const auto i = index(column);
    if (row_.get_indicator(i) == soci::i_null) return {};
    switch (row_.get_properties(i).get_data_type()) {
      case soci::dt_string: text_ = row_.get<std::string>(i); break;
      case soci::dt_integer: text_ = std::to_string(row_.get<int>(i)); break;
      case soci::dt_long_long: text_ = std::to_string(row_.get<long long>(i)); break;
      default: bad_column(row_.get_properties(i).get_name(), "is not text");
    }
    return text_;
  }

 private:
  static std::size_t index(int column) { return static_cast<std::size_t>(column); }
  const soci::row& row_;
  mutable std::string text_;
};

}  // namespace

void soci_scan(soci::session& sql, const std::string& query, const std::vector<std::string>& params,
               const ScanVisitor& visit) {
  soci::row row;
  soci::statement st(sql);
  st.exchange(into(row));
  for (const auto& p : params) st.exchange(use(p));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  SociScanRow view(row);
  while (st.fetch())
    if (!visit(view)) break;
}

SociStore::Write::Write(SociStore& store) : store_(store) {
  assert(!store_.writing_);
  store_.dialect_.begin_write(store_.sql());
  store_.writing_ = true;
}

SociStore::Write::~Write() {
  if (done_) return;
  store_.writing_ = false;
  try {
    store_.sql() << "ROLLBACK";
  } catch (const std::exception&) {
    // The connection is gone or the transaction already ended: either way
    // nothing of it was committed.
  }
}

Status SociStore::Write::commit() {
  assert(!done_);
  done_ = true;
  store_.writing_ = false;
  try {
    store_.sql() << "COMMIT";
  } catch (const std::exception& e) {
    try {
      store_.sql() << "ROLLBACK";
    } catch (const std::exception&) {
    }
    return store_.storage_error("committing", e);
  }
  return Ok();
}

SociStore::Read::Read(SociStore& store) : store_(store) { store_.dialect_.begin_read(store_.sql()); }

SociStore::Read::~Read() {
  if (done_) return;
  try {
    store_.sql() << "ROLLBACK";
  } catch (const std::exception&) {
    // Nothing was written; a lost connection ends the snapshot anyway.
  }
}

void SociStore::Read::end() {
  done_ = true;
  store_.sql() << "COMMIT";
}

// A Read held open with the store's reading_ flag set, so that in_read
// joins it; the snapshot ends when this is destroyed.
class SociStore::HeldRead : public Store::Snapshot {
 public:
  explicit HeldRead(SociStore& store) : read_(store), reading_(store.reading_) { reading_ = true; }
  ~HeldRead() override { reading_ = false; }

 private:
  Read read_;
  bool& reading_;
};

Result<std::unique_ptr<Store::Snapshot>> SociStore::begin_read() {
  if (writing_ || reading_) return std::make_unique<Store::Snapshot>();
  return guarded("beginning a read transaction", [&]() -> Result<std::unique_ptr<Snapshot>> {
    return std::unique_ptr<Snapshot>(std::make_unique<HeldRead>(*this));
  });
}

Result<std::unique_ptr<Store::Transaction>> SociStore::begin_write() {
  if (writing_) return Error::Internal("a write transaction is already open on this store");
  return guarded("beginning a write transaction", [&]() -> Result<std::unique_ptr<Transaction>> {
    return std::unique_ptr<Transaction>(std::make_unique<Write>(*this));
  });
}

Result<std::vector<std::string>> SociStore::applied_migrations() {
  return guarded("reading applied migrations", [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> names;
    // A new database has no table yet: nothing applied.
    if (!dialect_.table_exists(sql(), "schema_migrations")) return names;
    struct NameRow {
      std::string name;
      void bind(soci::statement& st) { st.exchange(into(name)); }
    } row;
    for_each_row(sql(), "SELECT name FROM schema_migrations ORDER BY name", row,
                 [&] { names.push_back(row.name); });
    return names;
  });
}

namespace {

// The first migration recorded in `applied` that this build does not have,
// or nullptr.
const std::string* unknown_migration(const std::vector<std::string>& applied, const std::vector<Migration>& known) {
  for (const std::string& name : applied)
    if (std::none_of(known.begin(), known.end(), [&](const Migration& m) { return m.name == name; })) return &name;
  return nullptr;
}

}  // namespace

Status SociStore::check_migrations() {
  auto applied = applied_migrations();
  if (!applied) return applied.error();
  const std::vector<Migration>& known = dialect_.migrations();
  const std::string last_known = known.empty() ? "none" : std::string(known.back().name);
  if (const std::string* newer = unknown_migration(*applied, known))
    return Error::Storage(fmt::format(
        "database \"{}\" has migration {}, which this build of grants does not know (it knows up to {}): a "
        "newer grants migrated it, use that one; nothing done",
        name_, *newer, last_known));
  if (applied->size() != known.size())
    return Error::Storage(fmt::format("database \"{}\" is at migration {}, this build of grants needs {}: run "
                                      "grants init; nothing done",
                                      name_, applied->empty() ? "none" : applied->back(), last_known));
  return Ok();
}

Status SociStore::no_other_tables() {
  const std::vector<TableInfo> tables = dialect_.tables(sql());
  if (tables.empty()) return Ok();
  std::string names;
  for (std::size_t i = 0; i < tables.size() && i < 3; ++i) names += (i == 0 ? "" : ", ") + tables[i].name;
  if (tables.size() > 3) names += fmt::format(" and {} more", tables.size() - 3);
  return Error::Storage(fmt::format(
      "database \"{}\" is not a grants database: it holds tables ({}) and no grants migrations; grants "
      "creates its tables only in an empty database; nothing done",
      name_, names));
}

Result<std::vector<std::string>> SociStore::migrate() {
  auto applied = applied_migrations();
  if (!applied) return applied.error();
  if (const std::string* newer = unknown_migration(*applied, dialect_.migrations()))
    return Error::Storage(fmt::format(
        "database \"{}\" has migration {}, which this build of grants does not know: a newer grants migrated "
        "it, use that one; nothing applied",
        name_, *newer));
  std::vector<std::string> now;
  for (const Migration& m : dialect_.migrations()) {
    std::string name(m.name);
    if (std::find(applied->begin(), applied->end(), name) != applied->end()) continue;
    // Asked again under the write lock: another `init` started at the same
    // moment may have applied it since the list was read.
    bool applied_meanwhile = false;
    auto st = in_transaction(fmt::format("migration {}", name), [&]() -> Status {
      if (dialect_.table_exists(sql(), "schema_migrations")) {
        int n = 0;
        sql() << "SELECT count(*) FROM schema_migrations WHERE name = :name", use(name), into(n);
        applied_meanwhile = n > 0;
        if (applied_meanwhile) return Ok();
      } else if (auto ours = no_other_tables(); !ours) {
        return ours;
      }
      dialect_.run_script(sql(), std::string(m.sql));
      sql() << "INSERT INTO schema_migrations (name) VALUES (:name)", use(name);
      return Ok();
    });
    if (!st) return st.error();
    if (!applied_meanwhile) now.push_back(std::move(name));
  }
  return now;
}

Status SociStore::add_beneficiaries(const std::vector<Beneficiary>& rows) {
  return in_transaction(fmt::format("adding {} beneficiaries", rows.size()), [&]() -> Status {
    // One row at a time, so that a clash names its ref.
    Beneficiary b;
    std::string kind;
    soci::statement st =
        (sql().prepare
             << "INSERT INTO beneficiaries (ref, kind, name, first_name, profession, commune, "
                "iban, bic, email) VALUES (:ref, :kind, :name, :first_name, :profession, "
                ":commune, :iban, :bic, :email)",
         use(b.ref), use(kind), use(b.name), use(b.first_name), use(b.profession), use(b.commune),
         use(b.iban), use(b.bic), use(b.email));
    for (const Beneficiary& row : rows) {
      b = row;
      kind = std::string(to_string(row.kind));
      try {
        st.execute(true);
      } catch (const soci::soci_error& e) {
        if (classify(e) == Violation::kUnique)
          return Error::Conflict(fmt::format("beneficiary \"{}\" already exists", row.ref));
        return Error::Storage(fmt::format("adding beneficiary \"{}\": {}", row.ref, describe(e)));
      }
    }
    return Ok();
  });
}

Result<std::optional<Beneficiary>> SociStore::find_beneficiary(std::string_view ref) {
  std::string key(ref);
  return guarded(fmt::format("reading beneficiary \"{}\"", ref),
                 [&]() -> Result<std::optional<Beneficiary>> {
                   return only(load_beneficiaries(sql(), "WHERE ref = :ref", key));
                 });
}

Result<std::optional<Beneficiary>> SociStore::find_beneficiary(std::int64_t id) {
  return guarded(fmt::format("reading beneficiary {}", id),
                 [&]() -> Result<std::optional<Beneficiary>> {
                   return only(load_beneficiaries(sql(), "WHERE id = :id", id));
                 });
}

Result<std::vector<Beneficiary>> SociStore::list_beneficiaries() {
  return guarded("listing beneficiaries", [&]() -> Result<std::vector<Beneficiary>> {
    return load_beneficiaries(sql(), "");
  });
}

Result<std::int64_t> SociStore::add_application(const Application& a) {
  return in_transaction(
      fmt::format("adding an application of beneficiary {}", a.beneficiary_id),
      [&]() -> Result<std::int64_t> {
        std::string submitted = format_date(a.submitted_on), state(to_string(a.state));
        std::string start = a.start ? format_date(*a.start) : "";
        int study_year = a.study_year.value_or(0), eligible = a.eligible ? 1 : 0;
        long long expenses = a.expenses ? a.expenses->cents() : 0;
        soci::indicator year_ind = a.study_year ? soci::i_ok : soci::i_null;
        soci::indicator start_ind = a.start ? soci::i_ok : soci::i_null;
        soci::indicator expenses_ind = a.expenses ? soci::i_ok : soci::i_null;
        // Decisions go through record_decision; an application starts undecided.
        if (a.state != ApplicationState::kSubmitted || a.decision)
          return Error::InvalidInput(
              "a new application must be in state submitted, without a decision");
        std::int64_t id = 0;
        try {
          sql() << "INSERT INTO applications (beneficiary_id, scheme_id, submitted_on, "
                   "study_year, start_on, expenses_cents, state, eligible) "
                   "VALUES (:beneficiary_id, :scheme_id, :submitted_on, :study_year, :start_on, "
                   ":expenses_cents, :state, :eligible) RETURNING id",
              use(a.beneficiary_id), use(a.scheme_id), use(submitted), use(study_year, year_ind),
              use(start, start_ind), use(expenses, expenses_ind), use(state), use(eligible),
              into(id);
        } catch (const soci::soci_error& e) {
          if (classify(e) == Violation::kForeignKey)
            return Error::NotFound(fmt::format("beneficiary {} does not exist", a.beneficiary_id));
          throw;
        }
        if (a.conditions.empty()) return id;
        const auto& c = a.conditions;
        using B = BulkInsert;
        bulk_insert({"application_conditions",
                     c.size(),
                     {B::integer("application_id", [&](std::size_t) { return id; }),
                      B::integer("position", [&](std::size_t r) { return static_cast<long long>(r) + 1; }),
                      B::text("name", [&](std::size_t r, std::string&) { return std::string_view(c[r].name); }),
                      B::integer("met", [&](std::size_t r) { return c[r].met ? 1 : 0; }),
                      B::text("why", [&](std::size_t r, std::string&) { return std::string_view(c[r].why); })}});
        return id;
      });
}

Result<std::optional<Application>> SociStore::find_application(std::int64_t id) {
  return in_read(fmt::format("reading application {}", id),
                        [&]() -> Result<std::optional<Application>> {
                          return only(load_applications(sql(), "WHERE a.id = :id", id));
                        });
}

Result<std::vector<Application>> SociStore::list_applications() {
  return in_read("listing applications", [&]() -> Result<std::vector<Application>> {
    return load_applications(sql(), "");
  });
}

Status SociStore::record_decision(std::int64_t application_id, const Decision& d) {
  if (d.outcome == ApplicationState::kSubmitted)
    return Error::InvalidInput(fmt::format(
        "decision on application {}: the outcome must be approved or rejected", application_id));
  return in_transaction(
      fmt::format("recording the decision on application {}", application_id), [&]() -> Status {
        std::string outcome(to_string(d.outcome)), decided_on = format_date(d.date);
        // The state condition in the WHERE makes check-and-set one statement.
        soci::statement st =
            (sql().prepare
                 << "UPDATE applications SET state = :state, decision_outcome = :outcome, "
                    "deliberation = :deliberation, decided_on = :decided_on, "
                    "decision_reason = :reason WHERE id = :id AND state = 'submitted'",
             use(outcome), use(outcome), use(d.deliberation), use(decided_on), use(d.reason),
             use(application_id));
        st.execute(true);
        if (st.get_affected_rows() == 1) return Ok();
        auto current = only(load_applications(sql(), "WHERE a.id = :id", application_id));
        if (!current)
          return Error::NotFound(fmt::format("application {} does not exist", application_id));
        std::string already =
            fmt::format("application {} was already {}", application_id, to_string(current->state));
        if (current->decision)
          already += fmt::format(" ({} of {})", current->decision->deliberation,
                                 format_date(current->decision->date));
        return Error::Conflict(already);
      });
}

Result<std::int64_t> SociStore::add_agreement(const Agreement& a, const StoredRuleFile& rules) {
  return in_transaction(
      fmt::format("adding the convention of application {}", a.application_id),
      [&]() -> Result<std::int64_t> {
        // Looked up first so the conflict can name the convention: after a
        // failed statement PostgreSQL refuses any further query in the
        // transaction. The UNIQUE constraint still guards against a race.
        std::int64_t existing = 0;
        soci::indicator existing_ind = soci::i_null;
        sql() << "SELECT id FROM agreements WHERE application_id = :application_id",
            use(a.application_id), into(existing, existing_ind);
        if (sql().got_data() && existing_ind == soci::i_ok)
          return Error::Conflict(
              fmt::format("application {} already has convention {}", a.application_id, existing));
        // Kept once per content hash: the same rules sign many conventions.
        sql() << "INSERT INTO rule_files (sha256, name, content) VALUES (:sha256, :name, :content) "
                 "ON CONFLICT (sha256) DO NOTHING",
            use(rules.sha256), use(rules.name), use(rules.content);
        std::string signed_on = format_date(a.signed_on), start_on = format_date(a.start);
        std::string period_from = format_date(a.rule_period_from), state(to_string(a.state));
        long long award = a.schedule.award.cents();
        std::int64_t id = 0;
        try {
          sql() << "INSERT INTO agreements (application_id, beneficiary_id, scheme_id, "
                   "signed_on, start_on, rule_sha256, rule_file, rule_period_from, "
                   "rule_reference, award_cents, state, departement_code, expense_account, "
                   "payable_account, receivable_account) "
                   "VALUES (:application_id, :beneficiary_id, :scheme_id, :signed_on, :start_on, "
                   ":rule_sha256, :rule_file, :rule_period_from, :rule_reference, :award_cents, "
                   ":state, :departement_code, :expense_account, :payable_account, "
                   ":receivable_account) RETURNING id",
              use(a.application_id), use(a.beneficiary_id), use(a.scheme_id), use(signed_on),
              use(start_on), use(a.rule_sha256), use(a.rule_file), use(period_from),
              use(a.rule_reference), use(award), use(state), use(a.departement_code),
              use(a.expense_account), use(a.payable_account), use(a.receivable_account), into(id);
        } catch (const soci::soci_error& e) {
          switch (classify(e)) {
            case Violation::kUnique:
              return Error::Conflict(
                  fmt::format("application {} already has a convention", a.application_id));
            case Violation::kForeignKey:
              return Error::NotFound(
                  fmt::format("application {}, beneficiary {} or rule file {} does not exist",
                              a.application_id, a.beneficiary_id, a.rule_sha256));
            default:
              throw;
          }
        }
        const auto& inst = a.schedule.instalments;
        if (!inst.empty()) {
          using B = BulkInsert;
          auto date = [&](Date Instalment::*field) {
            return [&inst, field](std::size_t r, std::string& s) {
              s = format_date(inst[r].*field);
              return std::string_view(s);
            };
          };
          bulk_insert({"instalments",
                       inst.size(),
                       {B::integer("agreement_id", [&](std::size_t) { return id; }),
                        B::integer("number", [&](std::size_t r) { return inst[r].number; }),
                        B::text("due_on", date(&Instalment::due)),
                        B::integer("amount_cents", [&](std::size_t r) { return inst[r].amount.cents(); }),
                        B::text("covers_from", date(&Instalment::covers_from)),
                        B::text("covers_to", date(&Instalment::covers_to)),
                        B::text("scheduled_due_on", date(&Instalment::due)),
                        B::text("scheduled_covers_from", date(&Instalment::covers_from)),
                        B::text("scheduled_covers_to", date(&Instalment::covers_to))}});
        }
        if (!a.required_documents.empty()) {
          const auto& docs = a.required_documents;
          using B = BulkInsert;
          bulk_insert({"agreement_required_documents",
                       docs.size(),
                       {B::integer("agreement_id", [&](std::size_t) { return id; }),
                        B::text("kind", [&](std::size_t r, std::string&) { return std::string_view(docs[r]); })}});
        }
        return id;
      });
}

Result<std::optional<Agreement>> SociStore::find_agreement(std::int64_t id) {
  return in_read(fmt::format("reading convention {}", id), [&]() -> Result<std::optional<Agreement>> {
    auto g = only(load_agreements(sql(), "WHERE g.id = :id", id));
    if (!g) return g;
    struct EventRow {
      AgreementEvent e;
      std::string kind, on;
      void bind(soci::statement& st) {
        exchange_all(st, into(e.id), into(e.agreement_id), into(kind), into(on), into(e.reason),
                     into(e.shifted_months), into(e.cancelled_instalments));
      }
    } ev;
    for_each_row(
        sql(),
        "SELECT id, agreement_id, kind, effective_on, reason, shifted_months, "
        "cancelled_instalments FROM agreement_events WHERE agreement_id = :id ORDER BY id",
        ev,
        [&] {
          ev.e.kind = to_enum(ev.kind, "agreement_events.kind", kEventKinds);
          ev.e.on = to_date(ev.on, "agreement_events.effective_on");
          g->events.push_back(ev.e);
        },
        id);
    struct DocumentRow {
      AgreementDocument d;
      std::string from, to, recorded;
      void bind(soci::statement& st) {
        exchange_all(st, into(d.id), into(d.agreement_id), into(d.kind), into(from), into(to),
                     into(d.reference), into(recorded));
      }
    } doc;
    for_each_row(
        sql(),
        "SELECT id, agreement_id, kind, valid_from, valid_to, reference, recorded_on "
        "FROM agreement_documents WHERE agreement_id = :id ORDER BY kind, valid_from, id",
        doc,
        [&] {
          doc.d.from = to_date(doc.from, "agreement_documents.valid_from");
          doc.d.to = to_date(doc.to, "agreement_documents.valid_to");
          doc.d.recorded_on = to_date(doc.recorded, "agreement_documents.recorded_on");
          g->documents.push_back(doc.d);
        },
        id);
    return g;
  });
}

Result<std::vector<Agreement>> SociStore::list_agreements(const AgreementFilter& filter) {
  return in_read("listing conventions", [&]() -> Result<std::vector<Agreement>> {
    // Each filter left empty takes every convention; each value is bound
    // twice, once per placeholder. A beneficiary's conventions, what an
    // officer on the phone asks for, are read through the index on
    // beneficiary_id, which `:ref = '' OR ...` would leave unused (1.5 s
    // instead of milliseconds at 1 000 000 conventions).
    const std::string state = filter.state ? std::string(to_string(*filter.state)) : std::string();
    const std::string others =
        "(:scheme = '' OR g.scheme_id = :scheme_again) AND (:state = '' OR g.state = :state_again)";
    if (!filter.beneficiary_ref.empty())
      return load_agreements(sql(),
                             "WHERE g.beneficiary_id IN (SELECT id FROM beneficiaries WHERE ref = :ref) AND " + others,
                             filter.beneficiary_ref, filter.scheme_id, filter.scheme_id, state, state);
    return load_agreements(sql(), "WHERE " + others, filter.scheme_id, filter.scheme_id, state, state);
  });
}

Result<std::optional<StoredRuleFile>> SociStore::find_rule_file(std::string_view sha256) {
  std::string key(sha256);
  return guarded(fmt::format("reading rule file {}", sha256),
                 [&]() -> Result<std::optional<StoredRuleFile>> {
                   struct RuleRow {
                     StoredRuleFile f;
                     void bind(soci::statement& st) {
                       exchange_all(st, into(f.sha256), into(f.name), into(f.content));
                     }
                   } row;
                   std::optional<StoredRuleFile> out;
                   for_each_row(
                       sql(), "SELECT sha256, name, content FROM rule_files WHERE sha256 = :sha256",
                       row, [&] { out = row.f; }, key);
                   return out;
                 });
}

}  // namespace grants::detail
