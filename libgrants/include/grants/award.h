// From a scheme's parameters to a convention's award and schedule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/result.h"
#include "grants/rules.h"
#include "grants/schedule.h"

namespace grants {

struct AwardInput {
  std::string profession;         // the beneficiary's profession id
  Date signed_on;
  std::optional<Date> start;      // the start date of the aid, if the scheme pays from it
  std::optional<int> study_year;  // for kRemainingStudyYears
  std::optional<Money> expenses;  // for kShareOfCost
};

// The schedule of an award under one period's parameters. The aid starts on
// the signature date or on input.start, as the payment rule says (signature
// when start is missing). Errors (InvalidInput) say which input the rule
// needs and lacks ("the scheme pays a share of cost: expenses are required"),
// or why no aid results (a study year past the last eligible year).
Result<Schedule> compute_award(const SchemePeriod& period, const AwardInput& input);

// The months a monthly award pays: `months` (fixed, or counted from the
// study years) bounded by the rule's max_months when it has one.
int months_paid(const AmountRule& amount, int months);

// The shares a lump sum or a share of cost is paid in: the rule's, or the
// whole award at the start when it gives none.
std::vector<Share> shares_paid(const AmountRule& amount);

// The award of every convention signed under `period`, when nothing the
// application gives changes it: a fixed number of months (bounded by
// max_months) or a lump sum, each limited by the cap. nullopt when the
// months are counted from the applicant's study year or the award is a
// share of the expenses.
std::optional<Money> fixed_award(const SchemePeriod& period);

}  // namespace grants
