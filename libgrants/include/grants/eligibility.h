// Whether an application meets a scheme's conditions, condition by condition.
#pragma once

#include <optional>
#include <vector>

#include "grants/model.h"
#include "grants/rules.h"

namespace grants {

struct EligibilityInput {
  const Beneficiary* beneficiary = nullptr;
  Date on;                        // submission date: the period in force then applies
  std::optional<int> study_year;
  std::optional<Date> start;
  std::optional<Money> expenses;
};

// Lists each condition with met / not met and why: the scheme is in force on
// the date, the beneficiary kind, the profession, the study year range, the
// commune in the département where required, expenses given for share-of-cost
// aids, a start date where the payment rule needs one. The application is
// eligible when every condition is met.
std::vector<Condition> check_eligibility(const RuleFile& file, const Scheme& scheme,
                                         const EligibilityInput& input);

}  // namespace grants
