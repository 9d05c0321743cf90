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
  return {"in force", false, fmt::format("{} is {}", day, scheme.outside(on))};
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

Condition same_kind(const Scheme& scheme, int years, const EligibilityInput& in) {
  const PriorConvention* last = nullptr;
  for (const PriorConvention& c : in.conventions)
    if (c.kind == scheme.kind && (last == nullptr || c.signed_on > last->signed_on)) last = &c;
  const std::string_view kind = to_string(scheme.kind);
  if (last == nullptr)
    return {"anti-cumul", true, fmt::format("no {} convention signed before", kind)};
  const Date allowed = add_months(last->signed_on, 12 * years, MonthEnd::kClamp);
  const std::string which = fmt::format("convention {} ({}) signed on {}", last->id, last->scheme_id,
                                        format_date(last->signed_on));
  if (in.on >= allowed)
    return {"anti-cumul", true,
            fmt::format("the last {} convention, {}, is more than {} years before {}", kind, which, years,
                        format_date(in.on))};
  return {"anti-cumul", false,
          fmt::format("{}: no new {} within {} years of it, that is before {}", which, kind, years,
                      format_date(allowed))};
}

Condition cesp(Date from, const EligibilityInput& in) {
  const CespDeclaration* before = nullptr;
  for (const CespDeclaration& c : in.cesp) {
    const std::string what =
        fmt::format("CESP {} on {}{}", to_string(c.status), format_date(c.on),
                    c.reference.empty() ? "" : fmt::format(" ({})", c.reference));
    if (c.on >= from)
      return {"CESP", false,
              fmt::format("{}: the aid cannot be combined with a CESP signed or requested from {}", what,
                          format_date(from))};
    before = &c;
  }
  if (before != nullptr)
    return {"CESP", true,
            fmt::format("CESP {} on {}, before {}: it may be combined", to_string(before->status),
                        format_date(before->on), format_date(from))};
  return {"CESP", true, fmt::format("no CESP signed or requested from {}", format_date(from))};
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
  Condition profession{"profession", listed,
                       fmt::format("{} is {}among: {}", b.profession.empty() ? "(none)" : b.profession,
                                   listed ? "" : "not ", join(p->professions))};
  // A listed profession the caps leave out cannot be awarded anything
  // (compute_award refuses it): said here, it is not approved only to fail
  // at the signature.
  const auto& caps = p->amount.cap_by_profession;
  if (listed && p->amount.type == AmountType::kShareOfCost && !caps.empty() && !caps.contains(b.profession)) {
    profession.met = false;
    profession.why += fmt::format(
        ", but the scheme caps the aid per profession and sets no cap for {}: it cannot get the aid", b.profession);
  }
  out.push_back(std::move(profession));
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
  if (p->cumul.same_kind_within_years > 0) out.push_back(same_kind(scheme, p->cumul.same_kind_within_years, input));
  // Before that date no CESP can have been requested from it: nothing to check.
  if (p->cumul.cesp_from && input.on >= *p->cumul.cesp_from) out.push_back(cesp(*p->cumul.cesp_from, input));
  return out;
}

}  // namespace grants
