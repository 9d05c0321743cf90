// Whether an application meets a scheme's conditions, condition by condition.
#pragma once

#include <optional>
#include <vector>

#include "grants/model.h"
#include "grants/rules.h"

namespace grants {

// A convention the beneficiary already has, for the anti-cumul conditions.
struct PriorConvention {
  std::int64_t id = 0;
  std::string scheme_id;
  SchemeKind kind = SchemeKind::kBursary;  // of its scheme
  Date signed_on;
};

struct EligibilityInput {
  const Beneficiary* beneficiary = nullptr;
  Date on;                        // submission date: the period in force then applies
  std::optional<int> study_year;
  std::optional<Date> start;
  std::optional<Money> expenses;
  std::vector<PriorConvention> conventions = {};  // the beneficiary's conventions
  std::vector<CespDeclaration> cesp = {};         // the beneficiary's CESP, requested or signed
};

// Lists each condition with met / not met and why: the scheme is in force on
// the date, the beneficiary kind, the profession, the study year range, the
// commune in the département where required, expenses given for share-of-cost
// aids, a start date where the payment rule needs one, and the period's
// anti-cumul limits: no convention of a scheme of the same kind signed within
// `same_kind_within_years` before the submission, and for an application
// submitted from `cesp_from`, no CESP signed or requested from that date.
// The application is eligible when every condition is met.
std::vector<Condition> check_eligibility(const RuleFile& file, const Scheme& scheme,
                                         const EligibilityInput& input);

}  // namespace grants
