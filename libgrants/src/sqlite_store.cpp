// open_store and the SQLite Dialect of SociStore: the database URL, the
// connection settings, and how SQLite reports constraint violations.
#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
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

constexpr detail::Dialect kSqlite{&detail::sqlite_migrations, &sqlite_table_exists,
                                  &sqlite_classify, &sqlite_run_script, &sqlite_begin_write};

// The URL scheme, when `url` starts with one (RFC 3986: a letter, then
// letters, digits, '+', '-' or '.', then ':'); empty for a plain path. A file
// name that contains ':' must therefore be given as "sqlite:PATH".
std::string_view scheme_of(std::string_view url) {
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  auto scheme = url.substr(0, colon);
  if (std::isalpha(static_cast<unsigned char>(scheme[0])) == 0) return {};
  for (char ch : scheme)
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0 && ch != '+' && ch != '-' && ch != '.')
      return {};
  return scheme;
}

// The SQLite file a URL names, or InvalidInput for any other URL.
Result<std::string> sqlite_path(std::string_view url) {
  std::string_view scheme = scheme_of(url);
  std::string_view path = url;
  if (scheme == "sqlite") {
    path = url.substr(scheme.size() + 1);
    if (path.starts_with("//")) path.remove_prefix(2);
  } else if (scheme == "postgresql" || scheme == "postgres") {
    return Error::InvalidInput(
        fmt::format("database URL \"{}\": PostgreSQL support is not built yet", url));
  } else if (!scheme.empty()) {
    return Error::InvalidInput(
        fmt::format("database URL \"{}\": unknown scheme, expected sqlite:PATH", url));
  }
  if (path.empty())
    return Error::InvalidInput(fmt::format("database URL \"{}\": no file path", url));
  return std::string(path);
}

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

Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  auto path = sqlite_path(url);
  if (!path) return path.error();
  try {
    auto sql = std::make_unique<soci::session>();
    // Quoted, so that a path may contain spaces or '='.
    std::string quoted;
    for (char ch : *path) {
      if (ch == '"') quoted += '"';
      quoted += ch;
    }
    sql->open(soci::sqlite3, "db=\"" + quoted + "\"");
    configure(*sql, *path);
    return std::unique_ptr<Store>(std::make_unique<detail::SociStore>(std::move(sql), kSqlite));
  } catch (const std::exception& e) {
    return Error::Storage(
        fmt::format("cannot open database \"{}\": {}", *path, detail::describe(e)));
  }
}

}  // namespace grants
