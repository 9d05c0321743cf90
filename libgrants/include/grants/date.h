// Calendar dates and month arithmetic.
//
// Date is Boost's Gregorian date. Adding months needs a rule for days that
// do not exist in the target month (31 January + 1 month): this header
// never guesses, every caller names a MonthEnd. Note that Boost's own
// `months` arithmetic snaps last-of-month dates to the end of the target
// month (28 February + 1 month = 31 March), which is why we do not use it.
#pragma once

#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "grants/result.h"

namespace grants {

using Date = boost::gregorian::date;

enum class MonthEnd {
  kClamp,     // "clamp": 31 Jan + 1 month = 28 Feb (29 in leap years)
  kOverflow,  // "overflow": 31 Jan + 1 month = 3 Mar (2 Mar in leap years)
};
Result<MonthEnd> parse_month_end(std::string_view name);
std::string_view to_string(MonthEnd rule);

// Strict ISO 8601 calendar date "YYYY-MM-DD" between 1900 and 2999. Error
// quotes the text and says why ("2025-02-30": day 30 does not exist in February 2025).
Result<Date> parse_date(std::string_view text);
// "YYYY-MM-DD". Cheap: no locale, no streams.
std::string format_date(Date d);
// "DD/MM/YYYY", for French readers.
std::string format_date_fr(Date d);

int days_in_month(int year, int month);
// Adds a number of calendar months (may be negative).
Date add_months(Date d, int months, MonthEnd rule);
// The date with the same year and month and the given day, clamped to the
// last day of the month (day 31 in April gives 30 April).
Date day_of_month_clamped(int year, int month, int day);

// A calendar month, "YYYY-MM": the unit of a payment batch.
struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  // "YYYY-MM" with a year from 1900 to 2999, as dates. Error quotes the text
  // and says why ("9999-12": year 9999 is outside 1900-2999).
  static Result<YearMonth> parse(std::string_view text);
  std::string to_string() const;
  Date first_day() const;
  Date last_day() const;
  auto operator<=>(const YearMonth&) const = default;
};

}  // namespace grants
