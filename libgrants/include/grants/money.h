// Money: an amount of euros held as a whole number of cents.
//
// Never floating point. Arithmetic that divides (proration, percentages)
// goes through Rational, an exact fraction, and comes back to cents through
// round_to_cents with a named Rounding. Values are immutable; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>

#include "grants/result.h"

namespace grants {

using Rational = boost::multiprecision::cpp_rational;

// How an exact fraction of a cent becomes a whole cent.
enum class Rounding {
  kHalfEven,      // "half-even": to nearest, ties to the even cent (banker's)
  kHalfUp,        // "half-up": to nearest, ties away from zero
  kHalfDown,      // "half-down": to nearest, ties toward zero
  kDown,          // "down": toward zero (truncate)
  kUp,            // "up": away from zero
};

// Parses the names above ("half-even", ...). Error names the value and the
// accepted names.
Result<Rounding> parse_rounding(std::string_view name);
std::string_view to_string(Rounding rounding);

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_cents(std::int64_t cents) { return Money(cents); }

  // Accepts an optional sign, digits with optional thousands separators (space,
  // no-break space U+00A0 or narrow no-break space U+202F) and at most two
  // decimals after '.' or ',', with an optional '€' or "EUR" after the
  // amount or before it (the sign then first or right after the currency).
  // Examples: "12000", "12000.5", "12000.00", "12 000,00 €", "-3,20", "0.07 EUR",
  // "€100", "-€3.20", "EUR 12 000,00".
  // Rejects, with a message quoting the text: empty text, a third decimal
  // ("1.005": never truncated), two decimal marks, letters, misplaced
  // separators ("1 2000"), a currency both before and after ("€100 €"), and
  // values past ±90 000 000 000 000,00.
  static Result<Money> parse(std::string_view text);

  constexpr std::int64_t cents() const { return cents_; }
  // Machine form, as stored in files and JSON: "12000.00", "-3.20".
  std::string to_string() const;
  // French display form: "12 000,00 €" (plain spaces, so columns align).
  std::string to_display() const;
  // The amount in euros as an exact fraction.
  Rational to_rational() const;

  // Checked: a result past 64-bit cents throws std::overflow_error rather
  // than wrapping round to a wrong amount. Parsed amounts are bounded far
  // below (see parse), so only an absurd rule file or sum could get there.
  constexpr Money operator+(Money o) const {
    std::int64_t r = 0;
    if (__builtin_add_overflow(cents_, o.cents_, &r)) overflow();
    return Money(r);
  }
  constexpr Money operator-(Money o) const {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(cents_, o.cents_, &r)) overflow();
    return Money(r);
  }
  constexpr Money operator-() const { return Money(0) - *this; }
  constexpr Money& operator+=(Money o) { return *this = *this + o; }
  constexpr Money& operator-=(Money o) { return *this = *this - o; }
  constexpr Money operator*(std::int64_t n) const {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(cents_, n, &r)) overflow();
    return Money(r);
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t cents) : cents_(cents) {}
  [[noreturn]] static void overflow() { throw std::overflow_error("amount past the 64-bit range of cents"); }
  std::int64_t cents_ = 0;
};

// Rounds an exact amount of euros to whole cents.
Money round_to_cents(const Rational& euros, Rounding rounding);

// amount × rate, rounded once with `rounding`.
Money apply_rate(Money amount, const Rational& rate, Rounding rounding);

// Parses a rate: "80%", "12.5%", "0.25" or "1/4". Must lie in [0, 1] unless
// `allow_above_one`. Error quotes the text.
enum class RateRange { kUnitInterval, kAnyNonNegative };
Result<Rational> parse_rate(std::string_view text, RateRange range = RateRange::kUnitInterval);
// "80 %", "12,5 %", "33,33 %" (up to 6 decimals of a percent) or, for a rate
// no such decimal gives exactly, "1/3".
std::string format_rate(const Rational& rate);
// A multiplier as a number, not a share: "3", "3/2".
std::string format_factor(const Rational& factor);

}  // namespace grants
