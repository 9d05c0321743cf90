#include "grants/commune.h"

#include <fmt/format.h>

#include <algorithm>

#include "ascii.h"

namespace grants {

namespace {

using ascii::is_digit;

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

bool is_corsica(std::string_view code) { return code == "2A" || code == "2B"; }

// The département a commune code starts with: three characters for the
// overseas ones (97x), two for the others.
std::string_view departement_of(std::string_view commune) {
  return commune.substr(0, commune.starts_with("97") ? 3 : 2);
}

// Why a code of the right shape (two or three digits, 2A or 2B) names no
// département, or nothing.
std::optional<std::string> no_departement(std::string_view code) {
  if (is_corsica(code)) return std::nullopt;
  const int n = std::stoi(std::string(code));
  if (code.size() == 2 ? n >= 1 && n <= 95 && n != 20 : n >= 971 && n <= 976) return std::nullopt;
  if (code == "20") return std::string("no département 20 (Corsica is 2A or 2B)");
  return fmt::format("no département {} (a département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)", code);
}

}  // namespace

std::optional<std::string> departement_problem(std::string_view code) {
  if (!is_corsica(code) && ((code.size() != 2 && code.size() != 3) || !all_digits(code)))
    return std::string("is not a département code (\"41\", \"2A\", \"974\")");
  if (auto why = no_departement(code)) return "is not a département code: " + *why;
  return std::nullopt;
}

std::optional<std::string> commune_problem(std::string_view code) {
  const std::string_view dep = departement_of(code);
  if (code.size() != 5 || !(is_corsica(dep) || all_digits(dep)) || !all_digits(code.substr(2)))
    return std::string("is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)");
  if (auto why = no_departement(dep)) return "is not an INSEE commune code: " + *why;
  const std::string_view number = code.substr(dep.size());
  if (std::all_of(number.begin(), number.end(), [](char c) { return c == '0'; }))
    return fmt::format("is not an INSEE commune code: no commune {} in département {}", number, dep);
  return std::nullopt;
}

bool valid_commune(std::string_view code) { return !commune_problem(code); }

}  // namespace grants
