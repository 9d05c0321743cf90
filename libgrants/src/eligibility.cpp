// Eligibility, condition by condition. Each reason is written for the
// chargé de mission who reads it on screen: it names the value checked and
// what the rule file asks for, whether the condition is met or not.
#include "grants/eligibility.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

namespace grants {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string_view kind_name(BeneficiaryKind k) {
  return k == BeneficiaryKind::kPerson ? "a person" : "a structure";
}

Condition in_force(const Scheme& scheme, const SchemePeriod* p, Date on) {
  const std::string day = format_date(on);
  if (p != nullptr)
    return {"in force", true,
            fmt::format("{} falls in the period from {} ({})", day, format_date(p->from),
                        p->reference)};
  if (scheme.periods.empty() || on < scheme.periods.front().from)
    return {"in force", false,
            scheme.periods.empty() ? fmt::format("{} has no period", scheme.id)
                                   : fmt::format("{} is before the scheme starts on {}", day,
                                                 format_date(scheme.periods.front().from))};
  // Periods leave no gap, so a later date is past the last period's `until`.
  const auto& end = scheme.periods.back().to;
  return {"in force", false,
          fmt::format("{} is after the scheme ended on {}", day, end ? format_date(*end) : "?")};
}

Condition study_year(const SchemePeriod& p, std::optional<int> year) {
  const int first = p.min_study_year.value_or(1);
  const int last = *p.max_study_year;
  const std::string range = fmt::format("{}..{}", first, last);
  if (!year)
    return {"study year", false, fmt::format("no study year given; the scheme requires {}", range)};
  const bool met = first <= *year && *year <= last;
  return {"study year", met,
          fmt::format("year {} is {} {}", *year, met ? "within" : "outside", range)};
}

Condition commune(const RuleFile& file, const std::string& code) {
  const std::string where = fmt::format("{} ({})", file.departement, file.code);
  if (code.empty())
    return {"commune", false,
            fmt::format("no commune recorded; the aid requires one in {}", where)};
  const bool met = code.rfind(file.code, 0) == 0;
  return {"commune", met, fmt::format("{} is {}in {}", code, met ? "" : "not ", where)};
}

}  // namespace

std::vector<Condition> check_eligibility(const RuleFile& file, const Scheme& scheme,
                                         const EligibilityInput& input) {
  assert(input.beneficiary != nullptr);
  const Beneficiary& b = *input.beneficiary;
  std::vector<Condition> out;
  const SchemePeriod* p = scheme.in_force(input.on);
  out.push_back(in_force(scheme, p, input.on));

  const bool kind_met = b.kind == scheme.beneficiary;
  out.push_back({"beneficiary", kind_met,
                 fmt::format("{} is {}; the scheme is for {}", b.ref, kind_name(b.kind),
                             kind_name(scheme.beneficiary))});
  // The remaining conditions are the period's parameters: with no period in
  // force there is nothing to check them against.
  if (p == nullptr) return out;

  const bool listed =
      std::find(p->professions.begin(), p->professions.end(), b.profession) != p->professions.end();
  out.push_back({"profession", listed,
                 fmt::format("{} is {}among: {}", b.profession.empty() ? "(none)" : b.profession,
                             listed ? "" : "not ", join(p->professions))});
  if (p->max_study_year) out.push_back(study_year(*p, input.study_year));
  if (p->commune_in_departement) out.push_back(commune(file, b.commune));
  if (p->amount.type == AmountType::kShareOfCost) {
    if (!input.expenses)
      out.push_back({"expenses", false, "the aid is a share of eligible expenses: none given"});
    else if (*input.expenses <= Money())
      out.push_back({"expenses", false,
                     fmt::format("expenses of {} are not positive", input.expenses->to_display())});
    else
      out.push_back({"expenses", true,
                     fmt::format("eligible expenses of {} given", input.expenses->to_display())});
  }
  if (p->payment.first == FirstPayment::kStart)
    out.push_back(
        input.start
            ? Condition{"start date", true,
                        fmt::format("the aid starts on {}", format_date(*input.start))}
            : Condition{"start date", false, "the aid is paid from a start date: none given"});
  return out;
}

}  // namespace grants
