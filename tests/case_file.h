// What the data-file case runners (tests/rules, tests/clawback) share:
// reading typed values from a TOML case file, and collecting differences
// between expected and actual values.
#pragma once

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"

namespace grants::cases {

// A mistake in the case file, not in the code under test.
struct BadCase : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline Date to_date(const toml::node* n, std::string_view key) {
  if (n == nullptr || !n->is_date()) throw BadCase(fmt::format("{}: expected a TOML date", key));
  const toml::date d = n->as_date()->get();
  return Date(static_cast<unsigned short>(d.year), static_cast<unsigned short>(d.month),
              static_cast<unsigned short>(d.day));
}

inline std::string to_text(const toml::node* n, std::string_view key) {
  if (n == nullptr || !n->is_string()) throw BadCase(fmt::format("{}: expected a string", key));
  return n->as_string()->get();
}

inline Money to_money(const toml::node* n, std::string_view key) {
  auto m = Money::parse(to_text(n, key));
  if (!m) throw BadCase(fmt::format("{}: {}", key, m.error().message()));
  return *m;
}

// The case's `rules`: a path, or a list of paths, from the source root.
inline std::vector<std::string> rule_paths(const toml::table& c) {
  std::vector<std::string> paths;
  if (const auto* one = c.get_as<std::string>("rules")) {
    paths.push_back(one->get());
  } else if (const auto* many = c.get_as<toml::array>("rules")) {
    for (const auto& p : *many) paths.push_back(to_text(&p, "rules"));
  } else {
    throw BadCase("rules: expected a path or a list of paths");
  }
  return paths;
}

// The differences found, printed as expected/actual pairs.
class Diff {
 public:
  void check(std::string_view what, const std::string& expected, const std::string& actual) {
    if (expected == actual) return;
    lines_.push_back(fmt::format("{}:\n  - expected: {}\n  + actual:   {}", what, expected, actual));
  }
  void fail(std::string line) { lines_.push_back(std::move(line)); }
  bool empty() const { return lines_.empty(); }
  void print(std::string_view case_path) const {
    std::fprintf(stderr, "%s: FAILED\n", std::string(case_path).c_str());
    for (const auto& l : lines_) std::fprintf(stderr, "%s\n", l.c_str());
  }

 private:
  std::vector<std::string> lines_;
};

// Runs a case file through `run_and_compare(table, expected, diff)`, where
// `expected` is its [expected] table: exit status 0 when it passes, 1 on a
// difference (each printed), 2 for a malformed case file.
template <class Run>
int run_case_file(int argc, char** argv, Run run_and_compare) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CASE.toml\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  try {
    const toml::table c = toml::parse_file(path);
    const toml::table* expected = c.get_as<toml::table>("expected");
    if (expected == nullptr) throw BadCase("[expected] is missing");
    Diff diff;
    run_and_compare(c, *expected, diff);
    if (!diff.empty()) {
      diff.print(path);
      return 1;
    }
    std::printf("%s: ok\n", path.c_str());
    return 0;
  } catch (const toml::parse_error& e) {
    std::fprintf(stderr, "%s:%u: %s\n", path.c_str(), e.source().begin.line, std::string(e.description()).c_str());
  } catch (const BadCase& e) {
    std::fprintf(stderr, "%s: bad case file: %s\n", path.c_str(), e.what());
  }
  return 2;
}

}  // namespace grants::cases
