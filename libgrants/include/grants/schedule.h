// Payment schedules: the instalments of one convention's award.
//
// Pure computation, no I/O. Every schedule built here sums exactly to its
// award: each instalment is rounded with the named Rounding and the last one
// takes the remainder, so rounding never gains or loses a cent.
#pragma once

#include <optional>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/result.h"

namespace grants {

struct Instalment {
  int number = 0;   // 1-based
  Date due;         // when it falls due
  Money amount;
  Date covers_from;  // the period it pays for (inclusive); for lump-sum
  Date covers_to;    // shares, both equal `due`
  bool operator==(const Instalment&) const = default;
};

struct Schedule {
  Money award;
  std::vector<Instalment> instalments;
  Money total() const;
};

// Instalment `scheduled`, as its schedule set it, `months` calendar months
// later (after suspensions): the due date and the covered period move with
// MonthEnd `rule`, always from the dates scheduled, so a day clamped by one
// move comes back with the next (31 Jan + 1 = 28 Feb, + 2 = 31 Mar). A
// covered period that ended on the last day of its month ends on the last
// day of the new one; one of a single day (a lump-sum share) stays the
// single day the share moves to. The amount never changes, so a moved
// schedule keeps its total.
Instalment shift_months(const Instalment& scheduled, int months, MonthEnd rule);

// A monthly instalment `months` calendar months later: as shift_months with
// kClamp, but due on `day_of_month` of its new month (clamped to the
// month's last day), as the schedule set every monthly instalment. One
// scheduled on 28 February for the 31st falls due on 31 March a month
// later, and one on 30 April on 31 May, where shift_months keeps the 28th
// and the 30th.
Instalment shift_monthly(const Instalment& scheduled, int months, int day_of_month);

// An unpaid instalment where it falls due now, and as its schedule set it
// at signature, with the calendar months resumptions have moved it by
// since: `now` is shift_months(scheduled, months_moved, the schedule's
// rule), or shift_monthly for a monthly schedule.
struct MovableInstalment {
  Instalment now;
  Instalment scheduled;
  int months_moved = 0;
};

// Splits `award` in proportion to `weights` (each > 0): every part is rounded
// with `rounding`, the last part is award minus the others. The result has
// weights.size() parts and sums to award. Asserts weights is not empty.
std::vector<Money> allocate(Money award, const std::vector<Rational>& weights, Rounding rounding);

// How a month that the aid covers only in part is paid.
enum class PartialMonth {
  kFull,    // "full": paid as a whole month
  kByDays,  // "by-days": monthly × days covered / days in that month
  kNone,    // "none": the aid starts on the 1st of the next month
};
Result<PartialMonth> parse_partial_month(std::string_view name);
std::string_view to_string(PartialMonth p);

// A monthly allowance: `monthly` for `months` months of aid starting on
// `start`, one instalment per calendar month, due on `day_of_month` of that
// month (clamped to its last day).
//
// The aid covers [start, start + months) with MonthEnd `month_end`. With
// kFull, a start in mid-month still counts that month whole and the schedule
// has exactly `months` instalments; with kByDays the first and last calendar
// months are prorated by days (months + 1 instalments when start is not the
// 1st); with kNone a mid-month start moves to the 1st of the next month.
//
// The award is monthly × months, capped at `cap` when given: instalments
// stop once the cap is reached and the last is cut to the remainder.
struct MonthlyPlan {
  Money monthly;
  int months = 0;
  Date start;
  int day_of_month = 1;
  PartialMonth partial = PartialMonth::kFull;
  MonthEnd month_end = MonthEnd::kClamp;
  Rounding rounding = Rounding::kHalfEven;
  std::optional<Money> cap;
};
// Error (InvalidInput) when monthly <= 0, months < 1, day_of_month outside
// 1..31 or cap <= 0.
Result<Schedule> monthly_schedule(const MonthlyPlan& plan);

// A sum paid in shares: share i is fraction_i of the award, due
// `after_months` after `start` (MonthEnd `month_end`). Fractions must be
// > 0 and sum to exactly 1; the last share takes the rounding remainder.
struct Share {
  Rational fraction;
  int after_months = 0;
};
struct SplitPlan {
  Money award;
  std::vector<Share> shares;
  Date start;
  MonthEnd month_end = MonthEnd::kClamp;
  Rounding rounding = Rounding::kHalfEven;
};
// Error (InvalidInput) when award <= 0, no share, a fraction <= 0, the
// fractions do not sum to 1, or a negative delay.
Result<Schedule> split_schedule(const SplitPlan& plan);

}  // namespace grants
