#include <doctest/doctest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "grants/date.h"

using grants::Date;
using grants::MonthEnd;

namespace {

Date d(std::string_view text) {
  auto r = grants::parse_date(text);
  REQUIRE_MESSAGE(r.ok(), r.error().message());
  return *r;
}

std::string date_error(std::string_view text) {
  auto r = grants::parse_date(text);
  REQUIRE_FALSE(r.ok());
  return r.error().message();
}

}  // namespace

TEST_CASE("dates parse strictly as YYYY-MM-DD") {
  CHECK(grants::format_date(d("2024-02-29")) == "2024-02-29");
  CHECK(grants::format_date_fr(d("2024-11-05")) == "05/11/2024");
  CHECK(date_error("2025-02-29") == "date \"2025-02-29\": day 29 does not exist in February 2025");
  CHECK(date_error("2025-04-31") == "date \"2025-04-31\": day 31 does not exist in April 2025");
  CHECK(date_error("2024-13-01") == "date \"2024-13-01\": month 13 does not exist");
  CHECK(date_error("2025-1-5") == "date \"2025-1-5\": expected YYYY-MM-DD");
  CHECK(date_error("05/11/2024") == "date \"05/11/2024\": expected YYYY-MM-DD");
  CHECK(date_error("1850-01-01") == "date \"1850-01-01\": year 1850 is outside 1900-2999");
  CHECK(date_error("") == "date \"\": expected YYYY-MM-DD");
  CHECK(date_error("2025-02-30") == "date \"2025-02-30\": day 30 does not exist in February 2025");
  CHECK(date_error("2025-01-00") == "date \"2025-01-00\": day 0 does not exist in January 2025");
  CHECK(date_error("2025-00-10") == "date \"2025-00-10\": month 0 does not exist");
  CHECK(date_error("2025-01-05T00:00") == "date \"2025-01-05T00:00\": expected YYYY-MM-DD");
  CHECK(date_error(" 2025-01-05") == "date \" 2025-01-05\": expected YYYY-MM-DD");
  CHECK(date_error("2025-0a-05") == "date \"2025-0a-05\": expected YYYY-MM-DD");
  CHECK(date_error("3000-01-01") == "date \"3000-01-01\": year 3000 is outside 1900-2999");
}

TEST_CASE("formatting a date and parsing it back gives the same date for every day of 1900-2100") {
  // Hand-written formatting must agree with Boost's own ISO form.
  bool all_round_trip = true;
  for (Date day(1900, 1, 1); day <= Date(2100, 12, 31); day += boost::gregorian::days(1)) {
    const std::string text = grants::format_date(day);
    auto back = grants::parse_date(text);
    all_round_trip = all_round_trip && back.ok() && *back == day &&
                     text == boost::gregorian::to_iso_extended_string(day);
  }
  CHECK(all_round_trip);
  CHECK(grants::format_date(d("1900-01-01")) == "1900-01-01");
  CHECK(grants::format_date_fr(d("2999-12-31")) == "31/12/2999");
}

TEST_CASE("month-end rules have stable names") {
  CHECK(grants::to_string(MonthEnd::kClamp) == "clamp");
  CHECK(grants::to_string(MonthEnd::kOverflow) == "overflow");
  CHECK(*grants::parse_month_end("clamp") == MonthEnd::kClamp);
  CHECK(*grants::parse_month_end("overflow") == MonthEnd::kOverflow);
  auto bad = grants::parse_month_end("snap");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "month end \"snap\": expected clamp or overflow");
}

TEST_CASE("31 January plus one month follows the named end-of-month rule") {
  CHECK(grants::add_months(d("2023-01-31"), 1, MonthEnd::kClamp) == d("2023-02-28"));
  CHECK(grants::add_months(d("2024-01-31"), 1, MonthEnd::kClamp) == d("2024-02-29"));
  CHECK(grants::add_months(d("2023-01-31"), 1, MonthEnd::kOverflow) == d("2023-03-03"));
  CHECK(grants::add_months(d("2024-01-31"), 1, MonthEnd::kOverflow) == d("2024-03-02"));
}

TEST_CASE("29 February plus twelve months and other month arithmetic") {
  CHECK(grants::add_months(d("2024-02-29"), 12, MonthEnd::kClamp) == d("2025-02-28"));
  CHECK(grants::add_months(d("2024-02-29"), 12, MonthEnd::kOverflow) == d("2025-03-01"));
  CHECK(grants::add_months(d("2024-02-29"), 48, MonthEnd::kClamp) == d("2028-02-29"));
  // Unlike Boost's month arithmetic, the end of a short month is not sticky.
  CHECK(grants::add_months(d("2023-02-28"), 1, MonthEnd::kClamp) == d("2023-03-28"));
  CHECK(grants::add_months(d("2024-11-01"), 24, MonthEnd::kClamp) == d("2026-11-01"));
  CHECK(grants::add_months(d("2024-03-31"), -1, MonthEnd::kClamp) == d("2024-02-29"));
  CHECK(grants::add_months(d("2024-12-15"), 1, MonthEnd::kClamp) == d("2025-01-15"));
  CHECK(grants::add_months(d("2025-01-15"), -13, MonthEnd::kClamp) == d("2023-12-15"));
  CHECK(grants::add_months(d("2024-03-31"), -1, MonthEnd::kOverflow) == d("2024-03-02"));
  CHECK(grants::add_months(d("2024-08-31"), 1, MonthEnd::kOverflow) == d("2024-10-01"));
  CHECK(grants::add_months(d("2024-05-31"), 0, MonthEnd::kOverflow) == d("2024-05-31"));
  CHECK(grants::day_of_month_clamped(2024, 4, 31) == d("2024-04-30"));
  CHECK(grants::days_in_month(1900, 2) == 28);
  CHECK(grants::days_in_month(2000, 2) == 29);
}

TEST_CASE("month names parse and give their first and last days") {
  auto ym = grants::YearMonth::parse("2024-02");
  REQUIRE(ym.ok());
  CHECK(ym->to_string() == "2024-02");
  CHECK(ym->first_day() == d("2024-02-01"));
  CHECK(ym->last_day() == d("2024-02-29"));
  auto bad = grants::YearMonth::parse("2024-13");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "month \"2024-13\": expected YYYY-MM with a month from 01 to 12");
  // The same range as dates, said as such.
  auto far = grants::YearMonth::parse("9999-12");
  REQUIRE_FALSE(far.ok());
  CHECK(far.error().message() == "month \"9999-12\": year 9999 is outside 1900-2999");
  CHECK(grants::YearMonth::parse("1899-12").error().message() == "month \"1899-12\": year 1899 is outside 1900-2999");
  CHECK_FALSE(grants::YearMonth::parse("2024-2").ok());
  CHECK_FALSE(grants::YearMonth::parse("2024-02-01").ok());
  CHECK(grants::YearMonth{2023, 2}.last_day() == d("2023-02-28"));
  CHECK(grants::YearMonth{2024, 4}.to_string() == "2024-04");
  CHECK(grants::YearMonth{2024, 12} < grants::YearMonth{2025, 1});
}
