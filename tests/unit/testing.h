// What several unit tests share: reading a date, reporting a failed result,
// and a temporary directory for databases.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp (POSIX)

#include <filesystem>
#include <string>

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

}  // namespace grants::testing
