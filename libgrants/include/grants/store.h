// Storage: where beneficiaries, applications, conventions and their
// schedules live.
//
// Store is abstract so that domain code never sees SQL and tests can swap the
// backend. The SOCI implementation (SQLite now, PostgreSQL later) is the only
// code that includes <soci/...>; it maps database errors to Error values with
// context. Every method that writes runs in one transaction: it writes all
// or nothing. A Store is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grants/model.h"
#include "grants/result.h"

namespace grants {

struct StoredRuleFile {
  std::string sha256;
  std::string name;
  std::string content;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies the migrations not yet recorded, each in its own transaction, and
  // returns the names of those applied now (empty when up to date).
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
  // Ordered by id; schedules included.
  virtual Result<std::vector<Agreement>> list_agreements() = 0;
  // The rule file content stored under a hash; nullopt when unknown.
  virtual Result<std::optional<StoredRuleFile>> find_rule_file(std::string_view sha256) = 0;
};

// Opens a database by URL: "sqlite:PATH" (or "sqlite://PATH"); a plain path
// is taken as SQLite. SQLite runs in WAL mode with synchronous=FULL and
// foreign keys on. Error (InvalidInput) for an unknown scheme of URL,
// (Storage) when the database cannot be opened.
Result<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace grants
