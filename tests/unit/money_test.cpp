#include <doctest/doctest.h>

#include "grants/money.h"

using grants::Money;
using grants::Rational;
using grants::Rounding;

namespace {

std::int64_t cents(std::string_view text) {
  auto m = Money::parse(text);
  REQUIRE_MESSAGE(m.ok(), m.error().message());
  return m->cents();
}

std::string parse_error(std::string_view text) {
  auto m = Money::parse(text);
  REQUIRE_FALSE(m.ok());
  return m.error().message();
}

}  // namespace

TEST_CASE("amounts parse in plain, decimal and French display forms") {
  CHECK(cents("12000") == 1'200'000);
  CHECK(cents("12000.00") == 1'200'000);
  CHECK(cents("12000.5") == 1'200'050);
  CHECK(cents("12 000,00 €") == 1'200'000);
  CHECK(cents("12 000,00") == 1'200'000);
  CHECK(cents("12\xC2\xA0" "000,00\xC2\xA0\xE2\x82\xAC") == 1'200'000);  // no-break spaces
  CHECK(cents("1\xE2\x80\xAF" "234\xE2\x80\xAF" "567,89") == 123'456'789);  // narrow no-break spaces
  CHECK(cents("0.07 EUR") == 7);
  CHECK(cents("-3,20") == -320);
  CHECK(cents("  500.00  ") == 50'000);
}

TEST_CASE("amounts that would need guessing are rejected with the text quoted") {
  CHECK(parse_error("1.005") == "amount \"1.005\": more than two decimals");
  CHECK(parse_error("1.000") == "amount \"1.000\": more than two decimals");
  CHECK(parse_error("") == "amount \"\": empty");
  CHECK(parse_error("12.000,00") == "amount \"12.000,00\": more than two decimals");
  CHECK(parse_error("12,000.00") == "amount \"12,000.00\": more than two decimals");
  CHECK(parse_error("1,2,3") == "amount \"1,2,3\": two decimal marks");
  CHECK(parse_error("1 2000") == "amount \"1 2000\": misplaced thousands separator");
  CHECK(parse_error("12 00") == "amount \"12 00\": misplaced thousands separator");
  CHECK(parse_error("12a") == "amount \"12a\": not a number");
  CHECK(parse_error("abc") == "amount \"abc\": expected digits");
  CHECK(parse_error("500.00 $") == "amount \"500.00 $\": not a number");
  CHECK(parse_error("900000000000000000") == "amount \"900000000000000000\": too large");
}

TEST_CASE("amounts print in machine and French display forms") {
  CHECK(Money::from_cents(1'200'000).to_string() == "12000.00");
  CHECK(Money::from_cents(-320).to_string() == "-3.20");
  CHECK(Money::from_cents(7).to_string() == "0.07");
  CHECK(Money::from_cents(1'200'000).to_display() == "12 000,00 €");
  CHECK(Money::from_cents(123'456'789).to_display() == "1 234 567,89 €");
  CHECK(Money::from_cents(-50).to_display() == "-0,50 €");
  CHECK(Money::from_cents(50'000).to_display() == "500,00 €");
}

TEST_CASE("each rounding mode rounds ties and non-ties as named") {
  auto r = [](std::int64_t num, std::int64_t den, Rounding mode) {
    return grants::round_to_cents(Rational(num, den) / 100, mode).cents();
  };
  // 2.5 cents, 3.5 cents, -2.5 cents, 2.4 cents, 2.6 cents
  CHECK(r(5, 2, Rounding::kHalfEven) == 2);
  CHECK(r(7, 2, Rounding::kHalfEven) == 4);
  CHECK(r(-5, 2, Rounding::kHalfEven) == -2);
  CHECK(r(5, 2, Rounding::kHalfUp) == 3);
  CHECK(r(-5, 2, Rounding::kHalfUp) == -3);
  CHECK(r(5, 2, Rounding::kHalfDown) == 2);
  CHECK(r(-5, 2, Rounding::kHalfDown) == -2);
  CHECK(r(12, 5, Rounding::kHalfUp) == 2);
  CHECK(r(13, 5, Rounding::kHalfDown) == 3);
  CHECK(r(13, 5, Rounding::kDown) == 2);
  CHECK(r(-13, 5, Rounding::kDown) == -2);
  CHECK(r(12, 5, Rounding::kUp) == 3);
  CHECK(r(-12, 5, Rounding::kUp) == -3);
  CHECK(r(4, 1, Rounding::kUp) == 4);
}

TEST_CASE("rounding names parse both ways") {
  for (auto mode : {Rounding::kHalfEven, Rounding::kHalfUp, Rounding::kHalfDown, Rounding::kDown, Rounding::kUp}) {
    auto parsed = grants::parse_rounding(grants::to_string(mode));
    REQUIRE(parsed.ok());
    CHECK(*parsed == mode);
  }
  auto bad = grants::parse_rounding("bankers");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "rounding \"bankers\": expected one of half-even, half-up, half-down, down, up");
}

TEST_CASE("a rate applies to an amount with one rounding") {
  auto eighty = grants::parse_rate("80%");
  REQUIRE(eighty.ok());
  CHECK(grants::apply_rate(Money::from_cents(1'234'567), *eighty, Rounding::kHalfEven).cents() == 987'654);
  auto third = grants::parse_rate("1/3");
  REQUIRE(third.ok());
  CHECK(grants::apply_rate(Money::from_cents(10'000), *third, Rounding::kHalfEven).cents() == 3'333);
  CHECK(grants::apply_rate(Money::from_cents(10'000), *third, Rounding::kUp).cents() == 3'334);
}

TEST_CASE("rates parse as percentages, decimals and fractions") {
  auto rate = [](std::string_view t) {
    auto r = grants::parse_rate(t);
    REQUIRE_MESSAGE(r.ok(), r.error().message());
    return *r;
  };
  CHECK(rate("80%") == Rational(4, 5));
  CHECK(rate("12,5 %") == Rational(1, 8));
  CHECK(rate("0.25") == Rational(1, 4));
  CHECK(rate("1/4") == Rational(1, 4));
  auto over = grants::parse_rate("120%");
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().message() == "rate \"120%\": must be at most 100%");
  CHECK(grants::parse_rate("120%", grants::RateRange::kAnyNonNegative).ok());
  auto bad = grants::parse_rate("eighty");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() ==
        "rate \"eighty\": expected a percentage like 80%, a decimal like 0.8 or a fraction like 4/5");
  CHECK(grants::format_rate(Rational(4, 5)) == "80 %");
  CHECK(grants::format_rate(Rational(1, 8)) == "12,5 %");
  CHECK(grants::format_rate(Rational(1, 3)) == "1/3");
}
