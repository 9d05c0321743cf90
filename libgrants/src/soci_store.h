// SociStore: the Store over a SOCI session, shared by every SQL backend.
//
// The SQL here is portable (INSERT ... RETURNING, ON CONFLICT DO NOTHING,
// bound parameters only); what differs between SQLite and PostgreSQL — how a
// session is opened, how a constraint violation is recognised, how to tell
// that a table exists, which migrations apply and how a migration script
// runs — is a Dialect. Private to the
// library: with sqlite_store.cpp, the only code that includes <soci/...>.
// A SociStore is used by one thread at a time, like its session.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grants/store.h"
#include "migrations.h"

namespace grants::detail {

// What a database error means to us; anything else is a Storage error.
enum class Violation { kNone, kUnique, kForeignKey, kCheck };

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
};

class SociStore : public Store {
 public:
  SociStore(std::unique_ptr<soci::session> sql, Dialect dialect)
      : sql_(std::move(sql)), dialect_(dialect) {}

  Result<std::vector<std::string>> migrate() override;
  Result<std::vector<std::string>> applied_migrations() override;

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
  Result<std::vector<Agreement>> list_agreements() override;
  Result<std::optional<StoredRuleFile>> find_rule_file(std::string_view sha256) override;

 protected:
  // Runs `body` (returning Result<T>) and turns any exception into a Storage
  // error that starts with `what`, so that no exception leaves the Store.
  template <class Body>
  auto guarded(std::string_view what, Body&& body) -> decltype(body());

  // As guarded, inside one transaction committed only when `body` succeeds:
  // an error value or an exception rolls everything back.
  template <class Body>
  auto in_transaction(std::string_view what, Body&& body) -> decltype(body());

  Violation classify(const soci::soci_error& e) const { return dialect_.classify(e); }
  soci::session& sql() { return *sql_; }

 private:
  std::unique_ptr<soci::session> sql_;
  Dialect dialect_;
};

// The first line of a database error, without SOCI's "while executing" tail
// (which repeats the SQL and every bound value, personal data included).
std::string describe(const std::exception& e);

template <class Body>
auto SociStore::guarded(std::string_view what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Error::Storage(std::string(what) + ": " + describe(e));
  }
}

template <class Body>
auto SociStore::in_transaction(std::string_view what, Body&& body) -> decltype(body()) {
  return guarded(what, [&]() -> decltype(body()) {
    soci::transaction tr(*sql_);
    auto result = body();
    if (result) tr.commit();
    return result;
  });
}

}  // namespace grants::detail
