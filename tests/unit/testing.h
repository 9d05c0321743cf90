// What several unit tests share: reading a date, reporting a failed result,
// a temporary directory for SQLite databases and fresh databases on the
// PostgreSQL test server.
#pragma once

#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <stdlib.h>  // mkdtemp (POSIX)
#include <unistd.h>  // getpid

#include <filesystem>
#include <cstdlib>
#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/result.h"

namespace grants::testing {

// The error of a failed result for a test message, or "". doctest renders a
// _MESSAGE whenever it logs an assertion, successful ones included (-s), so
// it must not call error() on a success.
template <class T>
std::string why(const Result<T>& r) {
  return r.ok() ? std::string() : r.error().message();
}

inline Date day(const char* text) {
  auto d = parse_date(text);
  REQUIRE_MESSAGE(d.ok(), why(d));
  return *d;
}

// A fresh directory per test case, removed with everything in it. Its name
// has a space, so paths with spaces are covered too.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "grants store XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Fresh databases on the PostgreSQL test server (GRANTS_TEST_POSTGRESQL,
// which scripts/test starts), dropped at the end of the test case. Without
// that URL the test case fails: it never skips.
class PostgresqlDatabases {
 public:
  PostgresqlDatabases() {
    const char* url = std::getenv("GRANTS_TEST_POSTGRESQL");
    REQUIRE_MESSAGE(url != nullptr,
                    "GRANTS_TEST_POSTGRESQL is not set: run the tests through scripts/test, which "
                    "starts a PostgreSQL server, or set it to postgresql://USER@HOST:PORT/DBNAME "
                    "of a user who may create databases");
    admin_url_ = url;
    admin_ = PQconnectdb(url);
    REQUIRE_MESSAGE(PQstatus(admin_) == CONNECTION_OK, PQerrorMessage(admin_));
    exec("SET client_min_messages = warning");
  }
  ~PostgresqlDatabases() {
    for (const auto& name : names_) exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    PQfinish(admin_);
  }
  PostgresqlDatabases(const PostgresqlDatabases&) = delete;
  PostgresqlDatabases& operator=(const PostgresqlDatabases&) = delete;

  // The URL of a new, empty database.
  std::string fresh() {
    std::string name = "grants_unit_" + std::to_string(getpid()) + "_" + std::to_string(names_.size());
    exec("DROP DATABASE IF EXISTS " + name);
    exec("CREATE DATABASE " + name);
    names_.push_back(name);
    return admin_url_.substr(0, admin_url_.rfind('/') + 1) + name;
  }

 private:
  void exec(const std::string& statement) {
    PGresult* res = PQexec(admin_, statement.c_str());
    const bool done = PQresultStatus(res) == PGRES_COMMAND_OK;
    const std::string message = PQresultErrorMessage(res);
    PQclear(res);
    REQUIRE_MESSAGE(done, (statement + ": " + message));
  }
  std::string admin_url_;
  PGconn* admin_ = nullptr;
  std::vector<std::string> names_;
};

}  // namespace grants::testing
