// The SQLite Dialect of SociStore: the connection settings, how SQLite
// reports constraint violations, transactions, bulk writes and the schema.
#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

#include "soci_store.h"

namespace grants {

namespace {

using detail::Violation;

bool sqlite_table_exists(soci::session& sql, const std::string& table) {
  int count = 0;
  sql << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
      soci::use(table), soci::into(count);
  return count > 0;
}

// SQLite reports every constraint as SQLITE_CONSTRAINT (SOCI does not turn on
// extended result codes); the kind is only in the message, e.g. "UNIQUE
// constraint failed: beneficiaries.ref" (also used for primary keys).
Violation sqlite_classify(const soci::soci_error& e) {
  const auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
  if (se == nullptr || (se->result() & 0xff) != SQLITE_CONSTRAINT) return Violation::kNone;
  const std::string& message = e.get_error_message();
  if (message.find("UNIQUE constraint failed") != std::string::npos) return Violation::kUnique;
  if (message.find("FOREIGN KEY constraint failed") != std::string::npos)
    return Violation::kForeignKey;
  if (message.find("CHECK constraint failed") != std::string::npos) return Violation::kCheck;
  return Violation::kNone;
}

// Through the native handle: sqlite3_exec parses the script statement by
// statement with SQLite's own tokenizer, so a ';' inside a trigger body, a
// string or a comment needs no splitting rules of ours. (SOCI's wrapped
// sqlite3.h lives in namespace sqlite_api; the functions are the C ones.)
void sqlite_run_script(soci::session& sql, const std::string& script) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  char* message = nullptr;
  int rc = sqlite_api::sqlite3_exec(backend->conn_, script.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return;
  std::string text = message != nullptr ? message : sqlite_api::sqlite3_errstr(rc);
  sqlite_api::sqlite3_free(message);
  throw soci::sqlite3_soci_error(text, rc);
}

// IMMEDIATE takes the write lock at BEGIN, waiting up to busy_timeout for
// another writer to finish; a deferred BEGIN would take it at the first
// write and could fail there, halfway through an operation.
void sqlite_begin_write(soci::session& sql) { sql << "BEGIN IMMEDIATE"; }

// A deferred transaction reads one snapshot from its first read on (WAL).
void sqlite_begin_read(soci::session& sql) { sql << "BEGIN"; }

std::vector<detail::TableInfo> sqlite_tables(soci::session& sql) {
  std::vector<detail::TableInfo> out;
  std::vector<std::string> names(100);
  sql << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
         "ORDER BY name",
      soci::into(names);
  for (const std::string& name : names) {
    detail::TableInfo t{name, {}, {}};
    std::string column;
    soci::statement cols = (sql.prepare << "SELECT name FROM pragma_table_info(:t) ORDER BY cid",
                            soci::use(name), soci::into(column));
    cols.execute();
    while (cols.fetch()) t.columns.push_back(column);
    std::string table;
    soci::statement refs =
        (sql.prepare << "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(:t)",
         soci::use(name), soci::into(table));
    refs.execute();
    while (refs.fetch()) t.references.push_back(table);
    out.push_back(std::move(t));
  }
  return out;
}

// INTEGER PRIMARY KEY ids continue after the largest one by themselves.
void sqlite_after_copy(soci::session&, const std::vector<detail::TableInfo>&) {}

constexpr detail::Dialect kSqlite{&detail::sqlite_migrations, &sqlite_table_exists,
                                  &sqlite_classify,           &sqlite_run_script,
                                  &sqlite_begin_write,        &sqlite_begin_read,
                                  &detail::insert_with_vectors, &sqlite_tables,
                                  &sqlite_after_copy,         nullptr};

// Durability and integrity settings, per connection. WAL lets readers run
// beside the writer; synchronous=FULL costs nothing measurable in our large
// transactions (see DOMAIN.md) and survives power loss; SQLite leaves foreign
// keys off unless asked, on every connection.
void configure(soci::session& sql, const std::string& path) {
  // A writer waits this long for another one (a monthly batch of a million
  // instalments takes seconds) before giving up with "database is locked".
  sql << "PRAGMA busy_timeout = 120000";
  std::string mode;
  sql << "PRAGMA journal_mode = WAL", soci::into(mode);
  // An in-memory database cannot use WAL and has no durability to keep.
  if (mode != "wal" && path != ":memory:")
    throw std::runtime_error(fmt::format("cannot switch to WAL (journal_mode is \"{}\")", mode));
  sql << "PRAGMA synchronous = FULL";
  sql << "PRAGMA foreign_keys = ON";
}

}  // namespace

namespace detail {

Result<std::unique_ptr<SociStore>> open_sqlite(const std::string& path) {
  try {
    auto sql = std::make_unique<soci::session>();
    // Quoted, so that a path may contain spaces or '='.
    std::string quoted;
    for (char ch : path) {
      if (ch == '"') quoted += '"';
      quoted += ch;
    }
    sql->open(soci::sqlite3, "db=\"" + quoted + "\"");
    configure(*sql, path);
    return std::make_unique<SociStore>(std::move(sql), kSqlite);
  } catch (const std::exception& e) {
    return Error::Storage(fmt::format("cannot open database \"{}\": {}", path, describe(e)));
  }
}

}  // namespace detail
}  // namespace grants
