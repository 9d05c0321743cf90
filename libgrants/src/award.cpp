// From a period's amount and payment rules to a schedule. The arithmetic of
// instalments (rounding, remainders, partial months) is schedule.cpp's; this
// file only decides the award, the number of months and the start.
#include "grants/award.h"

#include <fmt/format.h>

#include <algorithm>

namespace grants {

namespace {

Date start_of(const SchemePeriod& period, const AwardInput& input) {
  if (period.payment.first == FirstPayment::kStart && input.start) return *input.start;
  return input.signed_on;
}

// The number of monthly instalments, before the max_months bound.
Result<int> months_of(const SchemePeriod& period, const AwardInput& input) {
  const AmountRule& a = period.amount;
  if (a.months_from == MonthsFrom::kFixed) return a.months;
  // The parser guarantees a last study year for kRemainingStudyYears.
  const int last = period.max_study_year.value_or(0);
  if (!input.study_year)
    return Error::InvalidInput(
        "the scheme pays 12 months per remaining study year: study_year is required");
  const int year = *input.study_year;
  if (year > last)
    return Error::InvalidInput(fmt::format(
        "study year {} is past the last eligible year ({}): no aid remains", year, last));
  if (period.min_study_year && year < *period.min_study_year)
    return Error::InvalidInput(fmt::format("study year {} is before the first eligible year ({})",
                                           year, *period.min_study_year));
  return 12 * (last - year + 1);
}

Result<Schedule> monthly(const SchemePeriod& period, const AwardInput& input) {
  const AmountRule& a = period.amount;
  auto months = months_of(period, input);
  if (!months) return months.error();
  MonthlyPlan plan;
  plan.monthly = a.monthly;
  plan.months = months_paid(a, *months);
  plan.start = start_of(period, input);
  plan.day_of_month = period.payment.day_of_month;
  plan.partial = period.payment.partial;
  plan.month_end = period.payment.month_end;
  plan.rounding = period.payment.rounding;
  plan.cap = a.cap;
  return monthly_schedule(plan);
}

// rate × expenses, rounded once, then the lowest applicable cap.
Result<Money> share_of_cost(const SchemePeriod& period, const AwardInput& input) {
  const AmountRule& a = period.amount;
  if (!input.expenses)
    return Error::InvalidInput("the scheme pays a share of cost: expenses are required");
  if (*input.expenses <= Money())
    return Error::InvalidInput(
        fmt::format("expenses of {} are not positive", input.expenses->to_display()));
  Money award = apply_rate(*input.expenses, a.rate, period.payment.rounding);
  if (!a.cap_by_profession.empty()) {
    // A scheme that caps per profession and lacks this one would otherwise
    // pay an uncapped share: refuse instead.
    auto it = a.cap_by_profession.find(input.profession);
    if (it == a.cap_by_profession.end())
      return Error::InvalidInput(fmt::format(
          "the scheme caps the aid per profession and has no cap for \"{}\"", input.profession));
    award = std::min(award, it->second);
  }
  return award;
}

}  // namespace

int months_paid(const AmountRule& amount, int months) {
  return amount.max_months > 0 ? std::min(months, amount.max_months) : months;
}

std::vector<Share> shares_paid(const AmountRule& amount) {
  return amount.shares.empty() ? std::vector<Share>{Share{1, 0}} : amount.shares;
}

std::optional<Money> fixed_award(const SchemePeriod& period) {
  const AmountRule& a = period.amount;
  std::optional<Money> award;
  if (a.type == AmountType::kMonthly && a.months_from == MonthsFrom::kFixed)
    award = a.monthly * months_paid(a, a.months);
  else if (a.type == AmountType::kLumpSum)
    award = a.lump_sum;
  if (award && a.cap) award = std::min(*award, *a.cap);
  return award;
}

Result<Schedule> compute_award(const SchemePeriod& period, const AwardInput& input) {
  const AmountRule& a = period.amount;
  if (a.type == AmountType::kMonthly) return monthly(period, input);

  Money award = a.lump_sum;
  if (a.type == AmountType::kShareOfCost) {
    auto share = share_of_cost(period, input);
    if (!share) return share.error();
    award = *share;
  }
  if (a.cap) award = std::min(award, *a.cap);
  SplitPlan plan;
  plan.award = award;
  plan.shares = shares_paid(a);
  plan.start = start_of(period, input);
  plan.month_end = period.payment.month_end;
  plan.rounding = period.payment.rounding;
  return split_schedule(plan);
}

}  // namespace grants
