#include "grants/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

namespace grants {

namespace {

Date first_of_month(Date d) { return day_of_month_clamped(d.year(), d.month(), 1); }
Date last_of_month(Date d) { return day_of_month_clamped(d.year(), d.month(), 31); }
int days_between(Date from, Date to_exclusive) { return static_cast<int>((to_exclusive - from).days()); }

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

std::vector<Money> allocate(Money award, const std::vector<Rational>& weights, Rounding rounding) {
  assert(!weights.empty());
  Rational sum = 0;
  for (const auto& w : weights) sum += w;
  std::vector<Money> parts;
  parts.reserve(weights.size());
  Money running;
  for (std::size_t i = 0; i + 1 < weights.size(); ++i) {
    Money part = round_to_cents(award.to_rational() * weights[i] / sum, rounding);
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

  Date start = p.start;
  if (p.partial == PartialMonth::kNone && start.day() != 1)
    start = add_months(first_of_month(start), 1, MonthEnd::kClamp);
  const Date end = add_months(start, p.months, p.month_end);  // exclusive

  Schedule s;
  s.award = p.monthly * p.months;
  auto due_in = [&](Date month) { return day_of_month_clamped(month.year(), month.month(), p.day_of_month); };

  if (p.partial == PartialMonth::kByDays) {
    Money running;
    for (Date month = first_of_month(start); month < end; month = add_months(month, 1, MonthEnd::kClamp)) {
      Date from = std::max(month, start);
      Date next = add_months(month, 1, MonthEnd::kClamp);
      Date to_excl = std::min(next, end);
      int covered = days_between(from, to_excl);
      int in_month = days_between(month, next);
      Money amount = covered == in_month
                         ? p.monthly
                         : round_to_cents(p.monthly.to_rational() * Rational(covered, in_month), p.rounding);
      s.instalments.push_back({static_cast<int>(s.instalments.size()) + 1, due_in(month), amount, from,
                               to_excl - boost::gregorian::days(1)});
      running += amount;
    }
    // The last instalment takes what prorating by days left over.
    s.instalments.back().amount += s.award - running;
  } else {
    for (int m = 0; m < p.months; ++m) {
      Date month = add_months(first_of_month(start), m, MonthEnd::kClamp);
      Date from = m == 0 ? start : month;
      Date to = m + 1 == p.months ? end - boost::gregorian::days(1) : last_of_month(month);
      s.instalments.push_back({m + 1, due_in(month), p.monthly, from, to});
    }
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
