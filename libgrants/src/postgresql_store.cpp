// The PostgreSQL Dialect of SociStore: the connection, how PostgreSQL
// reports constraint violations (SQLSTATE), transactions that serialize
// writers like SQLite's BEGIN IMMEDIATE, bulk writes by COPY FROM STDIN on
// the session's own libpq connection, the schema for `grants db copy` and
// the roles of a shared deployment.
#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cctype>
#include <charconv>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "soci_store.h"

namespace grants::detail {

namespace {

// Every writer of a database takes this transaction-scoped advisory lock
// first (advisory locks are per database): writers run one after the other,
// and each sees what the previous one committed. The value is "grants" in
// ASCII.
constexpr long long kWriteLock = 0x6772616e7473;

PGconn* native(soci::session& sql) {
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

[[noreturn]] void throw_error(PGconn* conn, const PGresult* res) {
  const char* message = res != nullptr ? PQresultErrorMessage(res) : nullptr;
  if (message == nullptr || *message == '\0') message = PQerrorMessage(conn);
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  throw soci::postgresql_soci_error(message, state != nullptr ? state : "58000");
}

// Runs one or more statements through the simple query protocol: the
// server's own parser splits them, dollar-quoted function bodies included.
void exec(soci::session& sql, const std::string& statements) {
  PGconn* conn = native(sql);
  ResultPtr res(PQexec(conn, statements.c_str()), &PQclear);
  const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_error(conn, res.get());
}

bool pg_table_exists(soci::session& sql, const std::string& table) {
  int count = 0;
  sql << "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
         "AND tablename = :name",
      soci::use(table), soci::into(count);
  return count > 0;
}

Violation pg_classify(const soci::soci_error& e) {
  const auto* pe = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  if (pe == nullptr) return Violation::kNone;
  const std::string state = pe->sqlstate();
  if (state == "23505") return Violation::kUnique;
  if (state == "23503") return Violation::kForeignKey;
  if (state == "23514") return Violation::kCheck;
  if (state == "40001" || state == "40P01") return Violation::kRetry;  // serialization, deadlock
  if (state == "55P03") return Violation::kBusy;                       // lock_not_available: lock_timeout
  return Violation::kNone;
}

void pg_run_script(soci::session& sql, const std::string& script) { exec(sql, script); }

// Begins a transaction with `statements`; when one fails (the lock's
// timeout, a lost connection) the transaction is rolled back before the
// error goes on, so that the session can begin another.
void begin(soci::session& sql, const std::string& statements) {
  try {
    exec(sql, statements);
  } catch (const soci::soci_error&) {
    PQclear(PQexec(native(sql), "ROLLBACK"));
    throw;
  }
}

// READ COMMITTED: every statement after the lock sees all that was
// committed before it was granted. A user who may not append to the ledger
// (an auditor) is told so before queueing for the lock, rather than by
// PostgreSQL's "permission denied for table ..." on whichever table the
// command writes first. One round trip for all three.
void pg_begin_write(soci::session& sql) {
  begin(sql, fmt::format(
                 "BEGIN ISOLATION LEVEL READ COMMITTED; "
                 "DO $grants$ BEGIN IF to_regclass('ledger') IS NOT NULL AND NOT "
                 "has_table_privilege(to_regclass('ledger'), 'INSERT') THEN RAISE EXCEPTION "
                 "'database user % may not write to this database (no INSERT on table ledger): an auditor "
                 "reads, verifies and exports; writing needs the officers'' role (grants db roles); nothing "
                 "written', current_user USING ERRCODE = 'insufficient_privilege'; END IF; END $grants$; "
                 "SELECT pg_advisory_xact_lock({})",
                 kWriteLock));
}

void pg_begin_read(soci::session& sql) { begin(sql, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

// COPY's text format: backslash, tab, newline and carriage return escaped,
// \N for NULL.
void append_text(std::string& out, std::string_view value) {
  for (char ch : value) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += ch;
    }
  }
}

template <class Int>
void append_int(std::string& out, Int value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

// COPY FROM STDIN through libpq on the session's connection, in pieces of
// about a megabyte: one statement for all the rows, inside the caller's
// transaction. A refused row fails the whole COPY (nothing of it is
// written) with the constraint's SQLSTATE, classified like any statement.
void pg_bulk_insert(soci::session& sql, const BulkInsert& rows) {
  if (rows.rows == 0) return;
  PGconn* conn = native(sql);
  std::string names;
  for (const auto& c : rows.columns) (names += names.empty() ? "" : ", ") += c.name;
  {
    ResultPtr res(PQexec(conn, fmt::format("COPY {} ({}) FROM STDIN", rows.table, names).c_str()),
                  &PQclear);
    if (!res || PQresultStatus(res.get()) != PGRES_COPY_IN) throw_error(conn, res.get());
  }
  constexpr std::size_t kPiece = 1 << 20;
  std::string buf, scratch;
  buf.reserve(kPiece + 4096);
  auto flush = [&] {
    if (PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1) throw_error(conn, nullptr);
    buf.clear();
  };
  try {
    for (std::size_t r = 0; r < rows.rows; ++r) {
      bool first = true;
      for (const auto& c : rows.columns) {
        if (!first) buf += '\t';
        first = false;
        if (c.null && c.null(r))
          buf += "\\N";
        else if (c.integer)
          append_int(buf, c.integer(r));
        else
          append_text(buf, c.text(r, scratch));
      }
      buf += '\n';
      if (buf.size() >= kPiece) flush();
    }
    if (!buf.empty()) flush();
  } catch (...) {
    PQputCopyEnd(conn, "grants: the rows could not be sent");
    // Drain the results so that the connection can be used (and rolled back).
    while (PGresult* res = PQgetResult(conn)) PQclear(res);
    throw;
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw_error(conn, nullptr);
  // The COPY's outcome, then the end of its results.
  ResultPtr res(PQgetResult(conn), &PQclear);
  while (PGresult* more = PQgetResult(conn)) PQclear(more);
  if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) throw_error(conn, res.get());
}

class PgScanRow : public ScanRow {
 public:
  PgScanRow(const PGresult* res, int row) : res_(res), row_(row) {}
  bool is_null(int column) const override { return PQgetisnull(res_, row_, column) != 0; }
  long long integer(int column) const override {
    long long value = 0;
    const std::string_view t = text(column);
    std::from_chars(t.data(), t.data() + t.size(), value);
    return value;
  }
  std::string_view text(int column) const override {
    return {PQgetvalue(res_, row_, column), static_cast<std::size_t>(PQgetlength(res_, row_, column))};
  }

 private:
  const PGresult* res_;
  int row_;
};

// The query through a cursor, FETCHed kScanChunk rows at a time: memory
// stays bounded, and between two FETCHes the connection is free for the
// caller's writes in the same transaction (which every caller has open:
// the store's reads and writes run in one). '?' placeholders become $1,
// $2...; the queries hold no '?' inside a string.
constexpr int kScanChunk = 10000;

void pg_scan(soci::session& sql, const std::string& query, const std::vector<std::string>& params,
             const ScanVisitor& visit) {
  PGconn* conn = native(sql);
  std::string numbered;
  int n = 0;
  for (char ch : query) {
    if (ch == '?')
      numbered += "$" + std::to_string(++n);
    else
      numbered += ch;
  }
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  // The monthly batch's selection sorts one wide row per due instalment: at
  // a million rows the default 4 MB spills the sort to disk (8.4 s against
  // 6.6 s in memory, measured). For this transaction only.
  exec(sql, "SET LOCAL work_mem = '256MB'");
  const std::string declare = "DECLARE grants_scan NO SCROLL CURSOR FOR " + numbered;
  {
    ResultPtr res(PQexecParams(conn, declare.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0),
                  &PQclear);
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) throw_error(conn, res.get());
  }
  bool more = true;
  while (more) {
    ResultPtr res(PQexec(conn, fmt::format("FETCH {} FROM grants_scan", kScanChunk).c_str()),
                  &PQclear);
    if (!res || PQresultStatus(res.get()) != PGRES_TUPLES_OK) throw_error(conn, res.get());
    const int rows = PQntuples(res.get());
    more = rows == kScanChunk;
    for (int r = 0; r < rows; ++r) {
      if (!visit(PgScanRow(res.get(), r))) {
        more = false;
        break;
      }
    }
  }
  exec(sql, "CLOSE grants_scan");
}

std::vector<TableInfo> pg_tables(soci::session& sql) {
  std::vector<TableInfo> out;
  std::string name;
  soci::statement tables =
      (sql.prepare << "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = "
                      "current_schema() ORDER BY tablename",
       soci::into(name));
  tables.execute();
  while (tables.fetch()) out.push_back(TableInfo{name, {}, {}});
  // The rows of a catalog query about table :t of the current schema.
  auto each = [&](const std::string& query, const std::string& table, std::vector<std::string>& into) {
    std::string value;
    soci::statement st = (sql.prepare << query, soci::use(table), soci::into(value));
    st.execute();
    while (st.fetch()) into.push_back(value);
  };
  const std::string oid = "(quote_ident(current_schema()) || '.' || quote_ident(:t))::regclass";
  for (TableInfo& t : out) {
    each("SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = " + oid +
             " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
         t.name, t.columns);
    each("SELECT DISTINCT r.relname FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class r "
         "ON r.oid = c.confrelid WHERE c.contype = 'f' AND c.conrelid = " + oid,
         t.name, t.references);
  }
  return out;
}

// Identity columns continue after the largest id copied in.
void pg_after_copy(soci::session& sql, const std::vector<TableInfo>&) {
  std::string table, column;
  std::vector<std::pair<std::string, std::string>> identities;
  soci::statement st = (sql.prepare << "SELECT table_name, column_name FROM "
                                       "information_schema.columns WHERE table_schema = "
                                       "current_schema() AND is_identity = 'YES'",
                        soci::into(table), soci::into(column));
  st.execute();
  while (st.fetch()) identities.emplace_back(table, column);
  for (const auto& [t, c] : identities)
    exec(sql, fmt::format("SELECT setval(pg_get_serial_sequence('{0}', '{1}'), "
                          "COALESCE(max({1}), 0) + 1, false) FROM {0}",
                          t, c));
}

// A role name is used as an SQL identifier: lower-case letters, digits
// and '_' only (checked by create_roles before it gets here), quoted anyway.
std::string ident(const std::string& name) { return "\"" + name + "\""; }

// The officer reads and writes, but only appends to the ledger, the
// receipts of recovery orders, obligation events and their voids, and never
// touches schema_migrations (migrations are the owner's); the auditor only
// reads. Both are group roles without login: people log in as themselves
// and are made members (GRANT grants_auditor TO alice). Grants cover the
// tables that exist now: run again after a migration.
void pg_create_roles(soci::session& sql, const RoleNames& roles) {
  const std::string officer = ident(roles.officer), auditor = ident(roles.auditor);
  // Only a table's owner grants on it: anyone else's GRANT is a warning that
  // grants nothing, and the command would report every table granted.
  std::string script =
      "DO $grants$ DECLARE t text; o text; BEGIN "
      "SELECT tablename, tableowner INTO t, o FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
      "AND NOT pg_has_role(current_user, tableowner, 'USAGE') ORDER BY tablename LIMIT 1; "
      "IF FOUND THEN RAISE EXCEPTION 'only the owner of the tables, %, can grant them: % does not own table %; "
      "nothing granted', o, current_user, t USING ERRCODE = 'insufficient_privilege'; END IF; END $grants$;\n";
  for (const std::string& role : {roles.officer, roles.auditor})
    script += fmt::format(
        "DO $grants$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{0}') "
        "THEN CREATE ROLE {1} NOLOGIN; END IF; END $grants$;\n",
        role, ident(role));
  script += fmt::format(
      "DO $grants$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO {0}, {1}', "
      "current_database()); EXECUTE format('GRANT USAGE ON SCHEMA %I TO {0}, {1}', "
      "current_schema()); "
      "EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO {0}, {1}', current_schema()); "
      "EXECUTE format('GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA %I TO {0}', "
      "current_schema()); "
      "EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO {0}', "
      "current_schema()); END $grants$;\n"
      "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM {0};\n"
      "REVOKE UPDATE, DELETE, TRUNCATE ON ledger, receipts, obligation_events, obligation_event_voids "
      "FROM {0};\n",
      officer, auditor);
  exec(sql, script);
}

constexpr Dialect kPostgresql{&postgresql_migrations, &pg_table_exists, &pg_classify,
                              &pg_run_script,         &pg_begin_write,  &pg_begin_read,
                              &pg_bulk_insert,        &pg_scan,         &pg_tables,
                              &pg_after_copy,         &pg_create_roles, "string_agg"};

// The URL as libpq keyword=value pairs: SOCI 4.0.3 rewrites the connection
// string it is given as such pairs (a URL reaches libpq mangled), so libpq
// parses the URL here and each value is written unquoted, with backslash
// before a backslash, a quote or a space. InvalidInput when libpq cannot
// parse it.
Result<std::string> conninfo(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string why = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Error::InvalidInput(
        fmt::format("database URL \"{}\": {}", shown_url(url), without_passwords(why, url)));
  }
  std::string out;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    if (!out.empty()) out += ' ';
    out += o->keyword;
    out += '=';
    for (const char* ch = o->val; *ch != '\0'; ++ch) {
      if (*ch == '\\' || *ch == '\'' || std::isspace(static_cast<unsigned char>(*ch)) != 0)
        out += '\\';
      out += *ch;
    }
  }
  PQconninfoFree(options);
  return out;
}

// libpq prints the server's notices on stderr unless told otherwise; the
// engine has nothing to say about them.
void ignore_notice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<SociStore>> open_postgresql(const std::string& url, std::chrono::seconds lock_wait) {
  // User, password, host, port, database and ?parameters come from the URL;
  // libpq also reads a password from ~/.pgpass or PGPASSWORD.
  auto info = conninfo(url);
  if (!info) return info.error();
  try {
    auto sql = std::make_unique<soci::session>();
    sql->open(soci::postgresql, *info);
    PQsetNoticeProcessor(native(*sql), &ignore_notice, nullptr);
    // A writer waits this long for another one's lock before giving up, as
    // SQLite's busy_timeout.
    // A cursor is planned for reading all its rows (pg_scan reads them all),
    // not the first tenth.
    exec(*sql, fmt::format("SET lock_timeout = '{}s'; SET cursor_tuple_fraction = 1.0", lock_wait.count()));
    return std::make_unique<SociStore>(std::move(sql), kPostgresql, shown_url(url), lock_wait);
  } catch (const std::exception& e) {
    // SOCI's first line says only "Cannot establish connection to the
    // database."; libpq's reason follows it.
    std::string why = e.what();
    if (auto nl = why.find('\n'); nl != std::string::npos && nl + 1 < why.size())
      why = why.substr(nl + 1);
    return Error::Storage(fmt::format("cannot open database \"{}\": {}", shown_url(url),
                                      describe(std::runtime_error(why))));
  }
}

}  // namespace grants::detail
