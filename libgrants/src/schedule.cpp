#include "grants/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>

namespace grants {

namespace {

Date first_of_month(Date d) { return day_of_month_clamped(d.year(), d.month(), 1); }
int days_between(Date from, Date to_exclusive) { return static_cast<int>((to_exclusive - from).days()); }

// The part of one calendar month inside the aid's period.
struct MonthSlice {
  Date from, to;  // inclusive, both in the same calendar month
  int covered = 0;
  int in_month = 0;
};

// [start, end) cut at calendar-month boundaries.
std::vector<MonthSlice> month_slices(Date start, Date end) {
  std::vector<MonthSlice> slices;
  for (Date month = first_of_month(start); month < end; month = add_months(month, 1, MonthEnd::kClamp)) {
    const Date next = add_months(month, 1, MonthEnd::kClamp);
    const Date from = std::max(month, start);
    const Date to_excl = std::min(next, end);
    slices.push_back({from, to_excl - boost::gregorian::days(1), days_between(from, to_excl), days_between(month, next)});
  }
  return slices;
}

// Cuts the schedule at `cap`: instalments stop once it is reached and the
// last one is reduced to what remains.
void apply_cap(Schedule& s, Money cap) {
  Money running;
  std::size_t keep = 0;
  for (auto& i : s.instalments) {
    if (running >= cap) break;
    if (running + i.amount > cap) i.amount = cap - running;
    running += i.amount;
    ++keep;
  }
  s.instalments.resize(keep);
  s.award = running;
}

}  // namespace

Money Schedule::total() const {
  Money t;
  for (const auto& i : instalments) t += i.amount;
  return t;
}

Result<PartialMonth> parse_partial_month(std::string_view name) {
  if (name == "full") return PartialMonth::kFull;
  if (name == "by-days") return PartialMonth::kByDays;
  if (name == "none") return PartialMonth::kNone;
  return Error::InvalidInput(fmt::format("partial month \"{}\": expected full, by-days or none", name));
}

std::string_view to_string(PartialMonth p) {
  switch (p) {
    case PartialMonth::kFull: return "full";
    case PartialMonth::kByDays: return "by-days";
    case PartialMonth::kNone: return "none";
  }
  return "?";
}

Instalment shift_months(const Instalment& scheduled, int months, MonthEnd rule) {
  Instalment out = scheduled;
  out.due = add_months(scheduled.due, months, rule);
  out.covers_from = add_months(scheduled.covers_from, months, rule);
  if (scheduled.covers_to == scheduled.covers_from) {
    out.covers_to = out.covers_from;
    return out;
  }
  out.covers_to = add_months(scheduled.covers_to, months, rule);
  if (scheduled.covers_to == scheduled.covers_to.end_of_month()) out.covers_to = out.covers_to.end_of_month();
  return out;
}

Instalment shift_monthly(const Instalment& scheduled, int months, int day_of_month) {
  Instalment out = shift_months(scheduled, months, MonthEnd::kClamp);
  out.due = day_of_month_clamped(out.due.year(), out.due.month(), day_of_month);
  return out;
}

std::vector<Money> allocate(Money award, const std::vector<Rational>& weights, Rounding rounding) {
  assert(!weights.empty());
  Rational sum = 0;
  for (const auto& w : weights) sum += w;
  // One division up front: with many unlike fractions the sum's denominator
  // is large and each normalisation costs.
  const Rational per_weight = award.to_rational() / sum;
  std::vector<Money> parts;
  parts.reserve(weights.size());
  Money running;
  for (std::size_t i = 0; i + 1 < weights.size(); ++i) {
    Money part = round_to_cents(per_weight * weights[i], rounding);
    // Rounding up many small parts could overshoot the award and leave the
    // last part negative: a part never takes more than what remains.
    if (award >= Money() ? running + part > award : running + part < award) part = award - running;
    parts.push_back(part);
    running += part;
  }
  parts.push_back(award - running);
  return parts;
}

Result<Schedule> monthly_schedule(const MonthlyPlan& p) {
  if (p.monthly <= Money()) return Error::InvalidInput(fmt::format("monthly amount {} must be positive", p.monthly.to_string()));
  if (p.months < 1) return Error::InvalidInput(fmt::format("number of months {} must be at least 1", p.months));
  if (p.day_of_month < 1 || p.day_of_month > 31)
    return Error::InvalidInput(fmt::format("day of month {} must be from 1 to 31", p.day_of_month));
  if (p.cap && *p.cap <= Money()) return Error::InvalidInput(fmt::format("cap {} must be positive", p.cap->to_string()));
  if (p.monthly.cents() > std::numeric_limits<std::int64_t>::max() / p.months)
    return Error::InvalidInput(
        fmt::format("monthly amount {} over {} months is too large", p.monthly.to_string(), p.months));

  Date start = p.start;
  if (p.partial == PartialMonth::kNone && start.day() != 1)
    start = add_months(first_of_month(start), 1, MonthEnd::kClamp);
  const Date end = add_months(start, p.months, p.month_end);  // exclusive

  Schedule s;
  s.award = p.monthly * p.months;
  std::vector<MonthSlice> slices = month_slices(start, end);
  // kFull pays the first month whole, so the aid's tail in one more calendar
  // month is already paid for.
  if (p.partial != PartialMonth::kByDays) slices.resize(std::min(slices.size(), static_cast<std::size_t>(p.months)));

  Money running;
  for (std::size_t k = 0; k < slices.size(); ++k) {
    const MonthSlice& m = slices[k];
    Money amount = p.monthly;
    if (k + 1 == slices.size()) {
      // The last instalment takes what rounding the prorated months left.
      amount = s.award - running;
    } else if (m.covered < m.in_month && p.partial == PartialMonth::kByDays) {
      amount = round_to_cents(p.monthly.to_rational() * Rational(m.covered, m.in_month), p.rounding);
    }
    // With MonthEnd kOverflow the days can add up to more than `months`
    // months: the award still bounds the schedule.
    amount = std::min(amount, s.award - running);
    // A zero payment is not a payment (SEPA refuses it): skip the month.
    if (amount == Money()) continue;
    s.instalments.push_back({static_cast<int>(s.instalments.size()) + 1,
                             day_of_month_clamped(m.from.year(), m.from.month(), p.day_of_month), amount, m.from,
                             m.to});
    running += amount;
  }
  if (p.cap && *p.cap < s.award) apply_cap(s, *p.cap);
  assert(s.total() == s.award);
  return s;
}

Result<Schedule> split_schedule(const SplitPlan& p) {
  if (p.award <= Money()) return Error::InvalidInput(fmt::format("award {} must be positive", p.award.to_string()));
  if (p.shares.empty()) return Error::InvalidInput("a split schedule needs at least one share");
  Rational sum = 0;
  std::vector<Rational> weights;
  for (const auto& sh : p.shares) {
    if (sh.fraction <= 0) return Error::InvalidInput(fmt::format("share {} must be positive", format_rate(sh.fraction)));
    if (sh.after_months < 0)
      return Error::InvalidInput(fmt::format("a share cannot fall due {} months before the start", -sh.after_months));
    sum += sh.fraction;
    weights.push_back(sh.fraction);
  }
  if (sum != 1) return Error::InvalidInput(fmt::format("shares add up to {}, not 100 %", format_rate(sum)));
  auto amounts = allocate(p.award, weights, p.rounding);
  Schedule s;
  s.award = p.award;
  for (std::size_t i = 0; i < p.shares.size(); ++i) {
    Date due = add_months(p.start, p.shares[i].after_months, p.month_end);
    s.instalments.push_back({static_cast<int>(i) + 1, due, amounts[i], due, due});
  }
  return s;
}

}  // namespace grants
