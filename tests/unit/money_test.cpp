#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>

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

TEST_CASE("amounts take the currency before them as well as after") {
  CHECK(cents("100€") == 10'000);
  CHECK(cents("€100") == 10'000);
  CHECK(cents("€ 12 000,00") == 1'200'000);
  CHECK(cents("\xE2\x82\xAC\xC2\xA0" "12\xC2\xA0" "000,00") == 1'200'000);  // no-break spaces
  CHECK(cents("EUR 0.07") == 7);
  CHECK(cents("EUR0.07") == 7);
  CHECK(cents("-€3.20") == -320);
  CHECK(cents("€-3.20") == -320);
  CHECK(cents("+€3.20") == 320);
  CHECK(cents("-3.20 €") == -320);
  CHECK(parse_error("€100€") == "amount \"€100€\": a currency both before and after the amount");
  CHECK(parse_error("EUR 100 €") == "amount \"EUR 100 €\": a currency both before and after the amount");
  CHECK(parse_error("-€-3.20") == "amount \"-€-3.20\": expected digits");
  CHECK(parse_error("€") == "amount \"€\": empty");
  CHECK(parse_error("-€") == "amount \"-€\": expected digits");
  CHECK(parse_error("$100") == "amount \"$100\": expected digits");
}

TEST_CASE("amounts that would need guessing are rejected with the text quoted") {
  CHECK(parse_error("1.005") == "amount \"1.005\": more than two decimals");
  CHECK(parse_error("1.000") == "amount \"1.000\": more than two decimals");
  CHECK(parse_error("") == "amount \"\": empty");
  CHECK(parse_error("   ") == "amount \"   \": empty");
  CHECK(parse_error("€") == "amount \"€\": empty");
  // '.' or ',' as a thousands mark is refused: "12.000,00" could be read
  // either way, and "1.000" is rejected rather than read as 1 or 1000.
  CHECK(parse_error("12.000,00") == "amount \"12.000,00\": two decimal marks (group thousands with spaces)");
  CHECK(parse_error("12,000.00") == "amount \"12,000.00\": two decimal marks (group thousands with spaces)");
  CHECK(parse_error("1,2,3") == "amount \"1,2,3\": two decimal marks (group thousands with spaces)");
  CHECK(parse_error("12.") == "amount \"12.\": no digits after the decimal mark");
  CHECK(parse_error("1.0050") == "amount \"1.0050\": more than two decimals");
  CHECK(parse_error("1 2000") == "amount \"1 2000\": misplaced thousands separator");
  CHECK(parse_error("12 00") == "amount \"12 00\": misplaced thousands separator");
  CHECK(parse_error("12a") == "amount \"12a\": not a number");
  CHECK(parse_error("abc") == "amount \"abc\": expected digits");
  CHECK(parse_error("500.00 $") == "amount \"500.00 $\": not a number");
  CHECK(parse_error("--5") == "amount \"--5\": expected digits");
  CHECK(parse_error("12 000,00 $") == "amount \"12 000,00 $\": not a number");
}

TEST_CASE("amounts are limited to 90 000 000 000 000,00 euros either way") {
  CHECK(cents("90 000 000 000 000,00") == 9'000'000'000'000'000);
  CHECK(cents("-90000000000000") == -9'000'000'000'000'000);
  CHECK(parse_error("90 000 000 000 000,01") == "amount \"90 000 000 000 000,01\": too large");
  CHECK(parse_error("-90000000000000.01") == "amount \"-90000000000000.01\": too large");
  CHECK(parse_error("900000000000000000") == "amount \"900000000000000000\": too large");
  CHECK(parse_error("99999999999999999999999") == "amount \"99999999999999999999999\": too large");
}

TEST_CASE("arithmetic past 64-bit cents throws instead of wrapping round") {
  const Money top = Money::from_cents(std::numeric_limits<std::int64_t>::max());
  const Money bottom = Money::from_cents(std::numeric_limits<std::int64_t>::min());
  const Money cent = Money::from_cents(1);
  CHECK_THROWS_WITH_AS(top + cent, "amount past the 64-bit range of cents", std::overflow_error);
  CHECK_THROWS_AS(bottom - cent, std::overflow_error);
  CHECK_THROWS_AS(-bottom, std::overflow_error);
  CHECK_THROWS_AS(Money::from_cents(std::numeric_limits<std::int64_t>::max() / 2 + 1) * 2, std::overflow_error);
  Money sum = top;
  CHECK_THROWS_AS(sum += cent, std::overflow_error);
  CHECK(sum == top);  // left as it was
  CHECK((top - cent).cents() == std::numeric_limits<std::int64_t>::max() - 1);
  CHECK((Money::from_cents(-4) * 3).cents() == -12);
  CHECK(-Money::from_cents(5) == Money::from_cents(-5));
  CHECK_THROWS_AS(grants::round_to_cents(Rational(std::numeric_limits<std::int64_t>::max()), Rounding::kHalfEven),
                  std::overflow_error);
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

TEST_CASE("each rounding mode rounds positive and negative ties as named") {
  // Exact amounts in hundredths of a cent, and the cent each mode gives.
  struct Row {
    std::int64_t hundredths;
    std::int64_t half_even, half_up, half_down, down, up;
  };
  const Row rows[] = {
      {250, 2, 3, 2, 2, 3},         // 2.5 cents: a tie, even below
      {350, 4, 4, 3, 3, 4},         // 3.5 cents: a tie, even above
      {-250, -2, -3, -2, -2, -3},   // ties keep their symmetry around zero
      {-350, -4, -4, -3, -3, -4},
      {240, 2, 2, 2, 2, 3},         // not ties: nearest, except down/up
      {260, 3, 3, 3, 2, 3},
      {-260, -3, -3, -3, -2, -3},
      {400, 4, 4, 4, 4, 4},         // whole cents stay put
      {50, 0, 1, 0, 0, 1},          // half a cent
      {-50, 0, -1, 0, 0, -1},
      {1, 0, 0, 0, 0, 1},           // a hundredth of a cent
  };
  auto r = [](std::int64_t hundredths, Rounding mode) {
    return grants::round_to_cents(Rational(hundredths, 10'000), mode).cents();
  };
  for (const auto& row : rows) {
    INFO("hundredths of a cent: " << row.hundredths);
    CHECK(r(row.hundredths, Rounding::kHalfEven) == row.half_even);
    CHECK(r(row.hundredths, Rounding::kHalfUp) == row.half_up);
    CHECK(r(row.hundredths, Rounding::kHalfDown) == row.half_down);
    CHECK(r(row.hundredths, Rounding::kDown) == row.down);
    CHECK(r(row.hundredths, Rounding::kUp) == row.up);
  }
  // A third of a euro is not a tie: every mode but down/up agrees.
  CHECK(grants::round_to_cents(Rational(1, 3), Rounding::kHalfUp).cents() == 33);
  CHECK(grants::round_to_cents(Rational(2, 3), Rounding::kDown).cents() == 66);
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
  CHECK(rate("12,5\u00A0%") == Rational(1, 8));  // French typography's no-break spaces
  CHECK(rate("12,5\u202F%") == Rational(1, 8));
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
  // A rate written with two decimals of a percent was shown "3333/10000".
  CHECK(grants::format_rate(Rational(3333, 10000)) == "33,33 %");
  CHECK(grants::format_rate(Rational(371, 10000)) == "3,71 %");
  CHECK(grants::format_rate(Rational(1, 2000)) == "0,05 %");
  CHECK(grants::format_rate(Rational(0)) == "0 %");
  CHECK(grants::format_rate(Rational(3, 2)) == "150 %");
}
