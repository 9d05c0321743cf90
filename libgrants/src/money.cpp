#include "grants/money.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "ascii.h"
#include "enum_names.h"

namespace grants {

using boost::multiprecision::cpp_int;

namespace {

// Largest accepted amount: ±90 000 000 000 000,00 €, far beyond any budget
// and safely inside int64 cents so sums of many amounts cannot overflow.
constexpr std::int64_t kMaxCents = 9'000'000'000'000'000;

constexpr detail::Name<Rounding> kRoundingNames[] = {
    {"half-even", Rounding::kHalfEven},
    {"half-up", Rounding::kHalfUp},
    {"half-down", Rounding::kHalfDown},
    {"down", Rounding::kDown},
    {"up", Rounding::kUp},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

using ascii::is_digit;

// The thousands separators, also those between an amount and its
// currency: a space, a no-break space (U+00A0) and a narrow no-break space
// (U+202F).
constexpr std::string_view kSeparators[] = {" ", "\xC2\xA0", "\xE2\x80\xAF"};

// Length of a separator at the start of `s`; 0 when none.
std::size_t separator_length(std::string_view s) {
  for (std::string_view sep : kSeparators)
    if (s.starts_with(sep)) return sep.size();
  return 0;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// Strips one separator at the end of `s`; false when there is none.
bool strip_separator_suffix(std::string_view& s) {
  for (std::string_view sep : kSeparators)
    if (strip_suffix(s, sep)) return true;
  return false;
}

constexpr std::string_view kCurrencies[] = {"\xE2\x82\xAC", "EUR"};  // "€"

// Strips "€" or "EUR" and the separators between it and the amount ("€ 100",
// "EUR\u00A0100"); false when `s` does not start with one.
bool strip_currency_prefix(std::string_view& s) {
  for (std::string_view c : kCurrencies) {
    if (!s.starts_with(c)) continue;
    s.remove_prefix(c.size());
    while (std::size_t n = separator_length(s)) s.remove_prefix(n);
    return true;
  }
  return false;
}

// Strips "€" or "EUR" and the separators before it ("12 000,00\u00A0€");
// false when `s` does not end with one.
bool strip_currency_suffix(std::string_view& s) {
  for (std::string_view c : kCurrencies) {
    if (!strip_suffix(s, c)) continue;
    while (strip_separator_suffix(s)) {
    }
    return true;
  }
  return false;
}

// Magnitude in cents; unsigned negation is defined even for INT64_MIN.
std::uint64_t magnitude(std::int64_t cents) {
  const auto u = static_cast<std::uint64_t>(cents);
  return cents < 0 ? 0 - u : u;
}

Error amount_error(std::string_view text, std::string_view why) {
  return Error::InvalidInput(fmt::format("amount \"{}\": {}", text, why));
}

}  // namespace

Result<Rounding> parse_rounding(std::string_view name) {
  if (auto r = detail::find_name(kRoundingNames, name)) return *r;
  return Error::InvalidInput(fmt::format(
      "rounding \"{}\": expected one of half-even, half-up, half-down, down, up", name));
}

std::string_view to_string(Rounding rounding) { return detail::name_of(kRoundingNames, rounding); }

Result<Money> Money::parse(std::string_view text) {
  std::string_view s = trim(text);
  // The currency may stand before the amount, as in English ("€100",
  // "-€3.20", "EUR 12 000,00"), or after it, as in French ("12 000,00 €");
  // the sign comes first or right after a currency before the amount.
  bool negative = false, signed_ = false;
  auto sign = [&] {
    if (signed_ || s.empty() || (s[0] != '-' && s[0] != '+')) return;
    negative = s[0] == '-';
    signed_ = true;
    s.remove_prefix(1);
  };
  sign();
  const bool before = strip_currency_prefix(s);
  if (before) sign();
  const bool after = strip_currency_suffix(s);
  if (before && after) return amount_error(text, "a currency both before and after the amount");
  if (s.empty() && !signed_) return amount_error(text, "empty");
  if (s.empty() || !is_digit(s[0])) return amount_error(text, "expected digits");

  // Integer part: digits, optionally in groups of three after the first.
  std::int64_t units = 0;
  int group = 0;        // digits in the current group
  bool grouped = false; // a separator was seen
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_digit(s[i])) {
      units = units * 10 + (s[i] - '0');
      if (units > kMaxCents / 100) return amount_error(text, "too large");
      ++group;
      ++i;
      continue;
    }
    std::size_t sep = separator_length(s.substr(i));
    if (sep == 0) break;
    if ((grouped && group != 3) || group > 3) return amount_error(text, "misplaced thousands separator");
    grouped = true;
    group = 0;
    i += sep;
    if (i >= s.size() || !is_digit(s[i])) return amount_error(text, "misplaced thousands separator");
  }
  if (grouped && group != 3) return amount_error(text, "misplaced thousands separator");

  std::int64_t cents = 0;
  if (i < s.size()) {
    if (s[i] != '.' && s[i] != ',') return amount_error(text, "not a number");
    ++i;
    int decimals = 0;
    for (; i < s.size() && is_digit(s[i]); ++i, ++decimals)
      if (decimals < 2) cents = cents * 10 + (s[i] - '0');
    // "12.000,00" and "12,000.00" group thousands with a mark: either mark
    // could be the decimal one, so neither is guessed.
    if (i < s.size() && (s[i] == '.' || s[i] == ','))
      return amount_error(text, "two decimal marks (group thousands with spaces)");
    if (i < s.size()) return amount_error(text, "not a number");
    if (decimals == 0) return amount_error(text, "no digits after the decimal mark");
    if (decimals > 2) return amount_error(text, "more than two decimals");
    if (decimals == 1) cents *= 10;
  }
  std::int64_t total = units * 100 + cents;
  if (total > kMaxCents) return amount_error(text, "too large");
  return Money::from_cents(negative ? -total : total);
}

std::string Money::to_string() const {
  const std::uint64_t abs = magnitude(cents_);
  return fmt::format("{}{}.{:02}", cents_ < 0 ? "-" : "", abs / 100, abs % 100);
}

std::string Money::to_display() const {
  const std::uint64_t abs = magnitude(cents_);
  std::string units = std::to_string(abs / 100);
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += ' ';
    grouped += units[i];
  }
  return fmt::format("{}{},{:02} €", cents_ < 0 ? "-" : "", grouped, abs % 100);
}

Rational Money::to_rational() const { return Rational(cpp_int(cents_), cpp_int(100)); }

Money round_to_cents(const Rational& euros, Rounding rounding) {
  Rational cents = euros * 100;
  cpp_int p = boost::multiprecision::numerator(cents);
  cpp_int q = boost::multiprecision::denominator(cents);  // > 0
  // floor(p / q) and the remainder in [0, q).
  cpp_int lo = p / q;
  cpp_int rem = p - lo * q;
  if (rem < 0) {
    lo -= 1;
    rem += q;
  }
  cpp_int result = lo;
  if (rem != 0) {
    const bool positive = p > 0;
    const cpp_int twice = rem * 2;
    const cpp_int hi = lo + 1;
    const cpp_int away = positive ? hi : lo;    // away from zero
    const cpp_int toward = positive ? lo : hi;  // toward zero
    switch (rounding) {
      case Rounding::kDown: result = toward; break;
      case Rounding::kUp: result = away; break;
      case Rounding::kHalfEven:
        result = twice < q ? lo : twice > q ? hi : ((lo % 2 == 0) ? lo : hi);
        break;
      case Rounding::kHalfUp: result = twice < q ? lo : twice > q ? hi : away; break;
      case Rounding::kHalfDown: result = twice < q ? lo : twice > q ? hi : toward; break;
    }
  }
  if (result > std::numeric_limits<std::int64_t>::max() || result < std::numeric_limits<std::int64_t>::min())
    throw std::overflow_error("amount past the 64-bit range of cents");
  return Money::from_cents(result.convert_to<std::int64_t>());
}

Money apply_rate(Money amount, const Rational& rate, Rounding rounding) {
  return round_to_cents(amount.to_rational() * rate, rounding);
}

Result<Rational> parse_rate(std::string_view text, RateRange range) {
  auto bad = [&](std::string_view why) {
    return Error::InvalidInput(fmt::format("rate \"{}\": {}", text, why));
  };
  std::string_view s = trim(text);
  bool percent = false;
  if (s.ends_with('%')) {
    percent = true;
    s.remove_suffix(1);
    s = trim(s);  // "5 %"
    strip_separator_suffix(s);  // "5\u00A0%"
  }
  if (s.empty()) return bad("empty");
  Rational value;
  if (auto slash = s.find('/'); slash != std::string_view::npos && !percent) {
    auto num = s.substr(0, slash), den = s.substr(slash + 1);
    if (num.empty() || den.empty() || !std::all_of(num.begin(), num.end(), is_digit) ||
        !std::all_of(den.begin(), den.end(), is_digit))
      return bad("expected a fraction like 1/4");
    if (num.size() > 18 || den.size() > 18) return bad("too long");
    cpp_int d{std::string(den)};
    if (d == 0) return bad("division by zero");
    value = Rational(cpp_int{std::string(num)}, d);
  } else {
    cpp_int digits = 0, scale = 1;
    bool mark = false, any = false;
    for (char c : s) {
      if (is_digit(c)) {
        digits = digits * 10 + (c - '0');
        if (mark) scale *= 10;
        any = true;
      } else if ((c == '.' || c == ',') && !mark) {
        mark = true;
      } else {
        return bad(percent ? "expected a number before %" : "expected a percentage like 80%, a decimal like 0.8 or a fraction like 4/5");
      }
      if (s.size() > 24) return bad("too long");
    }
    if (!any) return bad("expected digits");
    value = Rational(digits, scale);
    if (percent) value /= 100;
  }
  if (range == RateRange::kUnitInterval && value > 1) return bad("must be at most 100%");
  return value;
}

std::string format_rate(const Rational& rate) {
  // A rate a rule file writes with decimals ("33.33%", the legal interest
  // rate "3.71%") reads back as written, not as 3333/10000; only a rate no
  // short decimal gives exactly is a fraction.
  Rational percent = rate * 100;
  for (std::size_t decimals = 0; decimals <= 6; ++decimals, percent *= 10) {
    if (boost::multiprecision::denominator(percent) != 1) continue;
    std::string digits = boost::multiprecision::numerator(percent).str();
    if (decimals == 0) return digits + " %";
    if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
    digits.insert(digits.size() - decimals, 1, ',');
    return digits + " %";
  }
  return format_factor(rate);  // a fraction, "1/3"
}

std::string format_factor(const Rational& factor) {
  if (boost::multiprecision::denominator(factor) == 1) return boost::multiprecision::numerator(factor).str();
  return boost::multiprecision::numerator(factor).str() + "/" + boost::multiprecision::denominator(factor).str();
}

}  // namespace grants
