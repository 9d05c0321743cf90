#include "rules_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <sstream>
#include <utility>

#include "grants/text.h"

namespace grants::rules_detail {

void Problems::add(int line, std::string_view key, std::string_view what) {
  items_.push_back({line, fmt::format("{}:{}: {}: {}", path_, line, key, what)});
}

void Problems::add_at(int line, int column, std::string_view key, std::string_view what) {
  items_.push_back({line, fmt::format("{}:{}:{}: {}: {}", path_, line, column, key, what)});
}

void Problems::add(const toml::node& at, std::string_view key, std::string_view what) {
  add(line_of(at), key, what);
}

std::vector<std::string> Problems::sorted() const {
  std::vector<Item> items = items_;
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.line < b.line; });
  std::vector<std::string> out;
  for (auto& i : items) out.push_back(std::move(i.text));
  return out;
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// The name of a TOML value's type, for error messages ("expected a string,
// found a float"): no value is read here, and a float is never taken as an
// amount (read_money refuses it).
std::string_view type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "a value";
}

std::string join_key(std::string_view parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  return fmt::format("{}.{}", parent, child);
}

std::string index_key(std::string_view parent, std::size_t i) {
  return fmt::format("{}[{}]", parent, i);
}

std::string list_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += fmt::format("\"{}\"", names[i]);
  }
  return out;
}

void wrong_type(const toml::node& n, std::string_view key, std::string_view expected, Problems& p) {
  if (!n.is_value()) {
    p.add(n, key, fmt::format("expected {}, found {}", expected, type_name(n.type())));
    return;
  }
  // The value as the file writes it (a string quoted), so that the author
  // sees which one is meant: `found a string: "2025-03-15"`.
  std::ostringstream value;
  if (const auto* s = n.as_string())
    value << '"' << printable(s->get()) << '"';
  else
    n.visit([&value](const auto& v) { value << v; });
  p.add(n, key, fmt::format("expected {}, found {}: {}", expected, type_name(n.type()), value.str()));
}

std::optional<std::string> read_string(const toml::node& n, std::string_view key, Problems& p) {
  if (const auto* s = n.as_string()) return s->get();
  wrong_type(n, key, "a string", p);
  return std::nullopt;
}

std::optional<Money> read_money(const toml::node& n, std::string_view key, Problems& p) {
  // Amounts are strings so that "0.10" never passes through a binary float
  // on its way to cents; a number is refused with the spelling to use.
  if (const auto* i = n.as_integer()) {
    p.add(n, key,
          fmt::format("{} is a TOML integer: write amounts as strings, e.g. \"{}.00\"", i->get(),
                      i->get()));
    return std::nullopt;
  }
  if (n.is_floating_point()) {
    p.add(n, key, "a TOML float is not exact: write amounts as strings, e.g. \"500.00\"");
    return std::nullopt;
  }
  auto s = read_string(n, key, p);
  if (!s) return std::nullopt;
  auto m = Money::parse(*s);
  if (!m) {
    p.add(n, key, m.error().message());
    return std::nullopt;
  }
  return *m;
}

std::optional<Rational> read_rate(const toml::node& n, std::string_view key, RateRange range,
                                  Problems& p) {
  if (n.is_integer() || n.is_floating_point()) {
    p.add(n, key, "write rates as strings, e.g. \"80%\" or \"1/3\"");
    return std::nullopt;
  }
  auto s = read_string(n, key, p);
  if (!s) return std::nullopt;
  auto r = parse_rate(*s, range);
  if (!r) {
    p.add(n, key, r.error().message());
    return std::nullopt;
  }
  return *r;
}

std::optional<std::int64_t> read_integer(const toml::node& n, std::string_view key,
                                         std::int64_t min, std::int64_t max, Problems& p) {
  const auto* i = n.as_integer();
  if (i == nullptr) {
    wrong_type(n, key, "an integer", p);
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    p.add(n, key, fmt::format("{} is outside {}..{}", i->get(), min, max));
    return std::nullopt;
  }
  return i->get();
}

TableReader::TableReader(const toml::table& table, std::string key, Problems& problems,
                         std::initializer_list<std::string_view> allowed)
    : table_(table), key_(std::move(key)), problems_(problems) {
  for (const auto& [k, v] : table_) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
    problems_.add(v, key_of(k.str()),
                  fmt::format("unknown key (allowed: {})", fmt::join(allowed, ", ")));
  }
}

void TableReader::missing(std::string_view k, std::string_view why) const {
  problems_.add(line(), key_of(k), why);
}

const toml::node* TableReader::node(std::string_view k, Need need) const {
  const toml::node* n = table_.get(k);
  if (n == nullptr && need == Need::kRequired) missing(k);
  return n;
}

std::optional<std::string> TableReader::string(std::string_view k, Need need) const {
  const toml::node* n = node(k, need);
  if (n == nullptr) return std::nullopt;
  auto s = read_string(*n, key_of(k), problems_);
  if (s && s->empty()) {
    problems_.add(*n, key_of(k), "empty string");
    return std::nullopt;
  }
  return s;
}

std::optional<Date> TableReader::date(std::string_view k, Need need) const {
  const toml::node* n = node(k, need);
  if (n == nullptr) return std::nullopt;
  const auto* d = n->as_date();
  if (d == nullptr) {
    // A quoted date is the likeliest slip; say how to write it.
    wrong_type(*n, key_of(k), "a TOML date such as 2024-11-01 (no quotes)", problems_);
    return std::nullopt;
  }
  const toml::date& v = d->get();
  if (v.year < 1900 || v.year > 2999) {
    problems_.add(*n, key_of(k), fmt::format("year {} is outside 1900..2999", v.year));
    return std::nullopt;
  }
  // toml++ has already checked that the day exists in its month.
  return Date(static_cast<unsigned short>(v.year), static_cast<unsigned short>(v.month),
              static_cast<unsigned short>(v.day));
}

std::optional<bool> TableReader::boolean(std::string_view k) const {
  const toml::node* n = node(k, Need::kOptional);
  if (n == nullptr) return std::nullopt;
  if (const auto* b = n->as_boolean()) return b->get();
  wrong_type(*n, key_of(k), "true or false", problems_);
  return std::nullopt;
}

std::optional<int> TableReader::integer(std::string_view k, int min, int max) const {
  const toml::node* n = node(k, Need::kOptional);
  if (n == nullptr) return std::nullopt;
  auto v = read_integer(*n, key_of(k), min, max, problems_);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<Money> TableReader::money(std::string_view k) const {
  const toml::node* n = node(k, Need::kOptional);
  if (n == nullptr) return std::nullopt;
  return read_money(*n, key_of(k), problems_);
}

std::optional<std::string> TableReader::account(std::string_view k, Need need) const {
  auto v = string(k, need);
  if (!v) return std::nullopt;
  // An account of the nomenclature, never a chapter ("65") alone nor a
  // bank account pasted into the wrong key: the ledger's exports book on it
  // as it is, and the FEC wants its first three characters to be digits.
  // Digits alone was the check when files stored with conventions were
  // accepted (RuleChecks::kStored).
  const bool digits = !v->empty() && v->find_first_not_of("0123456789") == std::string::npos;
  if (digits && (problems_.checks() == RuleChecks::kStored ||
                 (v->size() >= 3 && v->size() <= 10 && (*v)[0] >= '1' && (*v)[0] <= '7')))
    return v;
  problems_.add(*table_.get(k), key_of(k),
                fmt::format("\"{}\" is not an M57 account number (3 to 10 digits, the first its class, 1 to 7)",
                            printable(*v)));
  return std::nullopt;
}

std::optional<Rational> TableReader::rate(std::string_view k, RateRange range) const {
  const toml::node* n = node(k, Need::kOptional);
  if (n == nullptr) return std::nullopt;
  return read_rate(*n, key_of(k), range, problems_);
}

template <class T>
const T* TableReader::typed(std::string_view k, Need need, std::string_view expected) const {
  const toml::node* n = node(k, need);
  if (n == nullptr) return nullptr;
  if (const T* v = n->as<T>()) return v;
  wrong_type(*n, key_of(k), expected, problems_);
  return nullptr;
}

const toml::array* TableReader::array(std::string_view k, Need need) const {
  return typed<toml::array>(k, need, "an array");
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view k, Need need) const {
  const toml::array* a = array(k, need);
  if (a == nullptr) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto s = read_string(*a->get(i), index_key(key_of(k), i), problems_);
    if (s) out.push_back(std::move(*s));
    ok = ok && s.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

const toml::table* TableReader::subtable(std::string_view k, Need need) const {
  return typed<toml::table>(k, need, "a table");
}

}  // namespace grants::rules_detail
