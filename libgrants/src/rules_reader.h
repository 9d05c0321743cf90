// Reading TOML tables of a rule file while collecting every problem.
//
// A rule file with five mistakes should say so in one run, so nothing here
// stops at the first problem: each reader reports what is wrong with its key
// (unknown, missing, wrong TOML type, value that does not parse) and returns
// nullopt, and parsing goes on. Every problem is one line
//   "<path>:<line>: <dotted key>: <what is wrong>"
// with the line of the TOML node at fault (or of the table that lacks a key).
// Private to rules_parse.cpp and rules_reader.cpp.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/result.h"
#include "grants/rules.h"
#include "enum_names.h"

namespace grants::rules_detail {

class Problems {
 public:
  Problems(std::string_view path, RuleChecks checks) : path_(path), checks_(checks) {}
  RuleChecks checks() const { return checks_; }
  void add(int line, std::string_view key, std::string_view what);
  void add(const toml::node& at, std::string_view key, std::string_view what);
  // "<path>:<line>:<column>: ...", for a problem a column locates better
  // than a key (a TOML syntax error).
  void add_at(int line, int column, std::string_view key, std::string_view what);
  bool empty() const { return items_.empty(); }
  // Every problem, in file order (stable for problems on the same line).
  std::vector<std::string> sorted() const;

 private:
  struct Item {
    int line;
    std::string text;
  };
  std::string path_;
  RuleChecks checks_;
  std::vector<Item> items_;
};

int line_of(const toml::node& n);
// "a string", "an integer", ... for messages about wrong types.
std::string_view type_name(toml::node_type t);
// "a.b" + "c" -> "a.b.c"; "a" + 2 -> "a[2]".
std::string join_key(std::string_view parent, std::string_view child);
std::string index_key(std::string_view parent, std::size_t i);

// An enum's names as written in rule files (enum_names.h).
using detail::find_name;
using detail::Name;
using detail::name_of;
// "\"a\", \"b\" or \"c\"".
std::string list_names(const std::vector<std::string_view>& names);
template <class E, std::size_t N>
std::string list_names(const Name<E> (&names)[N]) {
  std::vector<std::string_view> v;
  for (const auto& n : names) v.push_back(n.name);
  return list_names(v);
}

// Single values, wherever they sit (table entry or array element). Each
// reports its own problem under `key` and returns nullopt on any.
std::optional<std::string> read_string(const toml::node& n, std::string_view key, Problems& p);
std::optional<Money> read_money(const toml::node& n, std::string_view key, Problems& p);
std::optional<Rational> read_rate(const toml::node& n, std::string_view key, RateRange range,
                                  Problems& p);
std::optional<std::int64_t> read_integer(const toml::node& n, std::string_view key,
                                         std::int64_t min, std::int64_t max, Problems& p);
void wrong_type(const toml::node& n, std::string_view key, std::string_view expected, Problems& p);

enum class Need { kOptional, kRequired };

// The keys of one TOML table. The constructor reports every key not in
// `allowed`, listing the allowed ones.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string key, Problems& problems,
              std::initializer_list<std::string_view> allowed);

  const toml::table& table() const { return table_; }
  const std::string& key() const { return key_; }
  std::string key_of(std::string_view k) const { return join_key(key_, k); }
  bool has(std::string_view k) const { return table_.contains(k); }
  int line() const { return line_of(table_); }
  // Reports `k` as missing, at the table's line.
  void missing(std::string_view k, std::string_view why = "missing (required)") const;

  // nullptr when absent (reported if required).
  const toml::node* node(std::string_view k, Need need) const;
  std::optional<std::string> string(std::string_view k, Need need = Need::kOptional) const;
  std::optional<Date> date(std::string_view k, Need need = Need::kOptional) const;
  std::optional<bool> boolean(std::string_view k) const;
  std::optional<int> integer(std::string_view k, int min, int max) const;
  std::optional<Money> money(std::string_view k) const;
  // An M57 account number: 3 to 10 digits, the first its class (1 to 7),
  // e.g. "6513".
  std::optional<std::string> account(std::string_view k, Need need = Need::kOptional) const;
  std::optional<Rational> rate(std::string_view k,
                               RateRange range = RateRange::kUnitInterval) const;
  // An array whose elements are all strings; nullopt when any is not.
  std::optional<std::vector<std::string>> strings(std::string_view k,
                                                  Need need = Need::kOptional) const;
  const toml::table* subtable(std::string_view k, Need need = Need::kOptional) const;
  const toml::array* array(std::string_view k, Need need = Need::kOptional) const;

  template <class E, std::size_t N>
  std::optional<E> name(std::string_view k, const Name<E> (&names)[N],
                        Need need = Need::kOptional) const {
    auto s = string(k, need);
    if (!s) return std::nullopt;
    if (auto v = find_name(names, *s)) return v;
    problems_.add(*table_.get(k), key_of(k), "\"" + *s + "\" is not one of " + list_names(names));
    return std::nullopt;
  }
  // A name parsed by another module's parse_* function (its message is kept).
  template <class E>
  std::optional<E> parsed(std::string_view k, Result<E> (*parse)(std::string_view)) const {
    auto s = string(k);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (v) return *v;
    problems_.add(*table_.get(k), key_of(k), v.error().message());
    return std::nullopt;
  }

 private:
  // The node under k when it has TOML type T; else reports it as not `expected`.
  template <class T>
  const T* typed(std::string_view k, Need need, std::string_view expected) const;

  const toml::table& table_;
  std::string key_;
  Problems& problems_;
};

}  // namespace grants::rules_detail
