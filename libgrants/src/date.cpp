#include "grants/date.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "ascii.h"

namespace grants {

namespace {

constexpr std::array<std::string_view, 12> kMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

using ascii::is_digit;

// Digits of s[from, from + n) as a number; -1 when one is not a digit.
int digits(std::string_view s, std::size_t from, std::size_t n) {
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (!is_digit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

Result<MonthEnd> parse_month_end(std::string_view name) {
  if (name == "clamp") return MonthEnd::kClamp;
  if (name == "overflow") return MonthEnd::kOverflow;
  return Error::InvalidInput(fmt::format("month end \"{}\": expected clamp or overflow", name));
}

std::string_view to_string(MonthEnd rule) { return rule == MonthEnd::kClamp ? "clamp" : "overflow"; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

Result<Date> parse_date(std::string_view text) {
  auto bad = [&](std::string why) { return Error::InvalidInput(fmt::format("date \"{}\": {}", text, why)); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad("expected YYYY-MM-DD");
  int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return bad("expected YYYY-MM-DD");
  if (y < 1900 || y > 2999) return bad(fmt::format("year {} is outside 1900-2999", y));
  if (m < 1 || m > 12) return bad(fmt::format("month {} does not exist", m));
  if (d < 1 || d > days_in_month(y, m))
    return bad(fmt::format("day {} does not exist in {} {}", d, kMonthNames[static_cast<std::size_t>(m - 1)], y));
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

std::string format_date(Date d) {
  auto ymd = d.year_month_day();
  char buf[11];
  int y = ymd.year, m = ymd.month, day = ymd.day;
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + day / 10);
  buf[9] = static_cast<char>('0' + day % 10);
  buf[10] = '\0';
  return std::string(buf, 10);
}

std::string format_date_fr(Date d) {
  auto ymd = d.year_month_day();
  return fmt::format("{:02}/{:02}/{:04}", static_cast<int>(ymd.day), static_cast<int>(ymd.month),
                     static_cast<int>(ymd.year));
}

Date day_of_month_clamped(int year, int month, int day) {
  int d = std::min(day, days_in_month(year, month));
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(d));
}

Date add_months(Date d, int months, MonthEnd rule) {
  auto ymd = d.year_month_day();
  int index = static_cast<int>(ymd.year) * 12 + (static_cast<int>(ymd.month) - 1) + months;
  int y = index / 12, m = index % 12 + 1;
  int day = ymd.day;
  int last = days_in_month(y, m);
  if (day <= last) return day_of_month_clamped(y, m, day);
  Date clamped = day_of_month_clamped(y, m, last);
  if (rule == MonthEnd::kClamp) return clamped;
  return clamped + boost::gregorian::days(day - last);
}

Result<YearMonth> YearMonth::parse(std::string_view text) {
  if (text.size() == 7 && text[4] == '-') {
    int y = digits(text, 0, 4), m = digits(text, 5, 2);
    if (y >= 0 && m >= 1 && m <= 12) {
      if (y < 1900 || y > 2999)
        return Error::InvalidInput(fmt::format("month \"{}\": year {} is outside 1900-2999", text, y));
      return YearMonth{y, m};
    }
  }
  return Error::InvalidInput(fmt::format("month \"{}\": expected YYYY-MM with a month from 01 to 12", text));
}

std::string YearMonth::to_string() const { return fmt::format("{:04}-{:02}", year, month); }

Date YearMonth::first_day() const { return day_of_month_clamped(year, month, 1); }

Date YearMonth::last_day() const { return day_of_month_clamped(year, month, 31); }

}  // namespace grants
