// The SQLite Dialect of SociStore: the connection settings, how SQLite
// reports constraint violations, transactions, bulk writes, scans and the
// schema.
#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

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
  if (se != nullptr && (se->result() & 0xff) == SQLITE_BUSY) return Violation::kBusy;
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

// Rows go in groups: one INSERT ... VALUES (...), (...), ... of up to
// kRowsPerInsert rows, prepared on the native handle and bound straight from
// the caller's records (SQLITE_STATIC: nothing copied). Each statement
// execution has a fixed cost (its statement journal, the foreign-key
// counters); a group pays it once instead of once per row.
constexpr std::size_t kRowsPerInsert = 256;

void sqlite_bulk_insert(soci::session& sql, const detail::BulkInsert& b) {
  auto* conn = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
  auto fail = [&](int rc) { throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(conn), rc); };
  using Statement = std::unique_ptr<sqlite_api::sqlite3_stmt, int (*)(sqlite_api::sqlite3_stmt*)>;
  std::string names, marks;
  for (const auto& c : b.columns) {
    names += (names.empty() ? "" : ", ") + std::string(c.name);
    marks += marks.empty() ? "(?" : ", ?";
  }
  marks += ')';
  auto prepare = [&](std::size_t rows) {
    std::string query = fmt::format("INSERT INTO {} ({}) VALUES {}", b.table, names, marks);
    for (std::size_t r = 1; r < rows; ++r) (query += ", ") += marks;
    sqlite_api::sqlite3_stmt* st = nullptr;
    if (int rc = sqlite_api::sqlite3_prepare_v2(conn, query.c_str(), -1, &st, nullptr); rc != SQLITE_OK) fail(rc);
    return Statement(st, &sqlite_api::sqlite3_finalize);
  };
  const std::size_t width = b.columns.size();
  const std::size_t group = std::min(b.rows, kRowsPerInsert);
  Statement full = prepare(group);
  // Text values may live in scratch buffers until their group is stepped.
  std::vector<std::string> scratch(group * width);
  for (std::size_t first = 0; first < b.rows; first += group) {
    const std::size_t n = std::min(group, b.rows - first);
    Statement partial(nullptr, &sqlite_api::sqlite3_finalize);
    if (n < group) partial = prepare(n);
    sqlite_api::sqlite3_stmt* st = n < group ? partial.get() : full.get();
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t r = first + k;
      for (std::size_t c = 0; c < width; ++c) {
        const auto& col = b.columns[c];
        const int at = static_cast<int>(k * width + c) + 1;
        if (col.null && col.null(r)) {
          sqlite_api::sqlite3_bind_null(st, at);
        } else if (col.integer) {
          sqlite_api::sqlite3_bind_int64(st, at, col.integer(r));
        } else {
          const std::string_view text = col.text(r, scratch[k * width + c]);
          sqlite_api::sqlite3_bind_text(st, at, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        }
      }
    }
    if (int rc = sqlite_api::sqlite3_step(st); rc != SQLITE_DONE) fail(rc);
    sqlite_api::sqlite3_reset(st);
  }
}

class SqliteScanRow : public detail::ScanRow {
 public:
  explicit SqliteScanRow(sqlite_api::sqlite3_stmt* st) : st_(st) {}
  bool is_null(int column) const override { return sqlite_api::sqlite3_column_type(st_, column) == SQLITE_NULL; }
  long long integer(int column) const override { return sqlite_api::sqlite3_column_int64(st_, column); }
  std::string_view text(int column) const override {
    const auto* p = sqlite_api::sqlite3_column_text(st_, column);
    if (p == nullptr) return {};
    return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(st_, column))};
  }

 private:
  sqlite_api::sqlite3_stmt* st_;
};

// Reads rows straight from sqlite3_step: no copy of any value.
void sqlite_scan(soci::session& sql, const std::string& query, const std::vector<std::string>& params,
                 const detail::ScanVisitor& visit) {
  auto* conn = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
  auto fail = [&](int rc) { throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(conn), rc); };
  sqlite_api::sqlite3_stmt* st = nullptr;
  if (int rc = sqlite_api::sqlite3_prepare_v2(conn, query.c_str(), -1, &st, nullptr); rc != SQLITE_OK) fail(rc);
  std::unique_ptr<sqlite_api::sqlite3_stmt, int (*)(sqlite_api::sqlite3_stmt*)> guard(st, &sqlite_api::sqlite3_finalize);
  for (std::size_t i = 0; i < params.size(); ++i)
    sqlite_api::sqlite3_bind_text(st, static_cast<int>(i) + 1, params[i].data(), static_cast<int>(params[i].size()),
                                  SQLITE_STATIC);
  SqliteScanRow row(st);
  for (;;) {
    const int rc = sqlite_api::sqlite3_step(st);
    if (rc == SQLITE_DONE) return;
    if (rc != SQLITE_ROW) fail(rc);
    if (!visit(row)) return;
  }
}

// A deferred transaction reads one snapshot from its first read on (WAL).
void sqlite_begin_read(soci::session& sql) { sql << "BEGIN"; }

std::vector<detail::TableInfo> sqlite_tables(soci::session& sql) {
  std::vector<detail::TableInfo> out;
  std::vector<std::string> names(100);
  sql << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
         "ORDER BY name",
      soci::into(names);
  // The rows of a pragma about table :t.
  auto each = [&](const std::string& query, const std::string& table, std::vector<std::string>& into) {
    std::string value;
    soci::statement st = (sql.prepare << query, soci::use(table), soci::into(value));
    st.execute();
    while (st.fetch()) into.push_back(value);
  };
  for (const std::string& name : names) {
    detail::TableInfo& t = out.emplace_back(detail::TableInfo{name, {}, {}});
    each("SELECT name FROM pragma_table_info(:t) ORDER BY cid", name, t.columns);
    each("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(:t)", name, t.references);
  }
  return out;
}

// INTEGER PRIMARY KEY ids continue after the largest one by themselves.
void sqlite_after_copy(soci::session&, const std::vector<detail::TableInfo>&) {}

constexpr detail::Dialect kSqlite{&detail::sqlite_migrations, &sqlite_table_exists,
                                  &sqlite_classify,           &sqlite_run_script,
                                  &sqlite_begin_write,        &sqlite_begin_read,
                                  &sqlite_bulk_insert,        &sqlite_scan,
                                  &sqlite_tables,             &sqlite_after_copy,
                                  nullptr,                    "group_concat"};

// Durability and integrity settings, per connection. WAL lets readers run
// beside the writer; synchronous=FULL costs nothing measurable in our large
// transactions (see DOMAIN.md) and survives power loss; SQLite leaves foreign
// keys off unless asked, on every connection.
void configure(soci::session& sql, const std::string& path, std::chrono::seconds lock_wait) {
  // A writer waits this long for another one (a monthly batch of a million
  // instalments takes seconds) before giving up (SQLITE_BUSY, told as
  // busy_message).
  const auto busy_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(lock_wait);
  sql << fmt::format("PRAGMA busy_timeout = {}", busy_timeout.count());
  // Switching a database to WAL needs it unlocked, and SQLite does not wait
  // for that as busy_timeout makes writers wait: opening a new database
  // another process is creating (two `init` at once) waits here instead.
  std::string mode;
  for (auto waited = std::chrono::milliseconds(0);; waited += std::chrono::milliseconds(20)) {
    try {
      sql << "PRAGMA journal_mode = WAL", soci::into(mode);
      break;
    } catch (const soci::sqlite3_soci_error& e) {
      if ((e.result() & 0xff) != SQLITE_BUSY || waited >= busy_timeout) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // An in-memory database cannot use WAL and has no durability to keep.
  if (mode != "wal" && path != ":memory:")
    throw std::runtime_error(fmt::format("cannot switch to WAL (journal_mode is \"{}\")", mode));
  sql << "PRAGMA synchronous = FULL";
  sql << "PRAGMA foreign_keys = ON";
}

}  // namespace

namespace detail {

Result<std::unique_ptr<SociStore>> open_sqlite(const std::string& path, std::chrono::seconds lock_wait) {
  // A Store is used by one thread at a time, so SQLite need not lock a mutex
  // around every call (its default "serialized" mode does). Must precede
  // SQLite's initialisation; later calls are refused harmlessly.
  static const int multithread = sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  static_cast<void>(multithread);
  try {
    auto sql = std::make_unique<soci::session>();
    // Quoted, so that a path may contain spaces or '='.
    std::string quoted;
    for (char ch : path) {
      if (ch == '"') quoted += '"';
      quoted += ch;
    }
    sql->open(soci::sqlite3, "db=\"" + quoted + "\"");
    configure(*sql, path, lock_wait);
    return std::make_unique<SociStore>(std::move(sql), kSqlite, path, lock_wait);
  } catch (const std::exception& e) {
    // Switching to WAL waited for another process's lock as long as a
    // writer waits.
    if (const auto* se = dynamic_cast<const soci::soci_error*>(&e);
        se != nullptr && sqlite_classify(*se) == Violation::kBusy)
      return Error::Storage(fmt::format("cannot open database \"{}\": {}", path, busy_message(lock_wait)));
    return Error::Storage(fmt::format("cannot open database \"{}\": {}", path, describe(e)));
  }
}

}  // namespace detail
}  // namespace grants
