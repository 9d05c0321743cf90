// Human-readable parameters of a rule period, for `grants rules show`.
#include <fmt/format.h>

#include "grants/award.h"
#include "grants/service.h"
#include "grants/text.h"

namespace grants {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string shares(const std::vector<Share>& v) {
  if (v.empty()) return "all at start";
  std::vector<std::string> parts;
  for (const auto& s : v)
    parts.push_back(s.after_months == 0 ? fmt::format("{} at start", format_rate(s.fraction))
                                        : fmt::format("{} after {}", format_rate(s.fraction),
                                                      plural(s.after_months, "month", "months")));
  return join(parts);
}

std::string amount(const AmountRule& a) {
  std::string out;
  switch (a.type) {
    case AmountType::kMonthly:
      if (a.months_from == MonthsFrom::kFixed)
        out = fmt::format("{} per month × {} months", a.monthly.to_display(), a.months);
      else
        out = fmt::format("{} per month, 12 months per remaining study year", a.monthly.to_display());
      if (a.max_months > 0) out += fmt::format(", at most {} months", a.max_months);
      // The sum compute_award pays: max_months bounds fixed months too.
      if (a.months_from == MonthsFrom::kFixed)
        out += fmt::format(" = {}", (a.monthly * months_paid(a, a.months)).to_display());
      break;
    case AmountType::kLumpSum:
      out = fmt::format("{} paid {}", a.lump_sum.to_display(), shares(a.shares));
      break;
    case AmountType::kShareOfCost: {
      out = fmt::format("{} of eligible expenses excluding VAT, paid {}", format_rate(a.rate),
                        shares(a.shares));
      std::vector<std::string> caps;
      for (const auto& [p, cap] : a.cap_by_profession)
        caps.push_back(fmt::format("{} {}", p, cap.to_display()));
      if (!caps.empty()) out += "; cap per profession: " + join(caps);
      break;
    }
  }
  if (a.cap) out += fmt::format("; cap {}", a.cap->to_display());
  return out;
}

std::string_view first_payment(FirstPayment f) {
  return f == FirstPayment::kSignature ? "signature" : "start date of the aid";
}

// Only what the amount's type reads: a share falls due `after_months` after
// the start, never on `day_of_month`, and is never a partial month.
std::string payment(const SchemePeriod& p) {
  const PaymentRule& r = p.payment;
  std::string out;
  if (p.amount.type == AmountType::kMonthly)
    out = fmt::format("day {} of each month, from the {}, partial months {}, ", r.day_of_month, first_payment(r.first),
                      to_string(r.partial));
  else
    out = fmt::format("shares from the {}, ", first_payment(r.first));
  return out + fmt::format("month end {}, rounding {}", to_string(r.month_end), to_string(r.rounding));
}

std::string_view trigger(StartTrigger t) {
  switch (t) {
    case StartTrigger::kDiploma: return "diploma";
    case StartTrigger::kInstallation: return "installation";
    case StartTrigger::kWithinMonthsOfDiploma: return "installation within a delay after the diploma";
    case StartTrigger::kAidGranted: return "aid granted";
  }
  return "?";
}

std::string clawback(const ClawbackPolicy& c) {
  std::string out;
  switch (c.formula) {
    case ClawbackFormula::kAllSums:
      out = "all sums received";
      break;
    case ClawbackFormula::kProRata:
      out = fmt::format("pro rata of unserved time by {}: paid × unserved / owed",
                        c.unit == ProRataUnit::kDay ? "day" : "month");
      break;
    case ClawbackFormula::kDecreasing: {
      std::vector<std::string> steps;
      for (const auto& r : c.decreasing) steps.push_back(format_rate(r));
      out = "decreasing by whole years served: " + join(steps, " / ");
      break;
    }
    case ClawbackFormula::kCesp:
      out = fmt::format(
          "sums received + {} per month of aid (at least {}) before the diploma; {} after it",
          c.cesp_per_month.to_display(), c.cesp_minimum.to_display(),
          c.cesp_flat_after_diploma.to_display());
      break;
    case ClawbackFormula::kMultiplier:
      out = fmt::format("{} × Φ × (t − s) / t, Φ = sums paid with {} yearly interest",
                        format_factor(c.factor), format_rate(c.annual_interest));
      break;
  }
  out += fmt::format("; rounding {}", to_string(c.rounding));
  if (!c.waiver_reasons.empty()) out += "; waived for " + join(c.waiver_reasons);
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> describe_period(const RuleFile& file,
                                                                 const Scheme& scheme,
                                                                 const SchemePeriod& p) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("scheme", scheme.id);
  out.emplace_back("name", scheme.name);
  out.emplace_back("kind", std::string(to_string(scheme.kind)));
  out.emplace_back("beneficiary", std::string(to_string(scheme.beneficiary)));
  out.emplace_back("in force", p.to ? fmt::format("{} to {}", format_date(p.from), format_date(*p.to))
                                    : fmt::format("from {}", format_date(p.from)));
  out.emplace_back("reference", p.reference);
  out.emplace_back("rule file", fmt::format("{} (sha256 {})", file.name, file.sha256));
  out.emplace_back("professions", join(p.professions));
  if (p.min_study_year || p.max_study_year)
    out.emplace_back("study years", fmt::format("{} to {}", p.min_study_year.value_or(1),
                                                p.max_study_year.value_or(p.min_study_year.value_or(1))));
  if (p.commune_in_departement)
    out.emplace_back("commune", fmt::format("in {} ({})", file.departement, file.code));
  if (!p.documents.empty()) out.emplace_back("documents", join(p.documents));
  out.emplace_back("amount", amount(p.amount));
  out.emplace_back("payment", payment(p));
  std::string obligation =
      fmt::format("{} from {}", plural(p.obligation.years, "year", "years"), trigger(p.obligation.trigger));
  if (p.obligation.start_within_months > 0)
    obligation += fmt::format(", to start within {} months", p.obligation.start_within_months);
  obligation += p.obligation.suspension == SuspensionEffect::kExtends ? "; suspensions extend it"
                                                                     : "; suspended time counts";
  if (!p.obligation.evidence.empty()) obligation += "; evidence: " + p.obligation.evidence;
  out.emplace_back("obligation", obligation);
  out.emplace_back("clawback", clawback(p.clawback));
  std::string accounts = fmt::format("expense {}, payable {}, receivable {}", p.accounts.expense,
                                     p.accounts.payable, p.accounts.receivable);
  if (!p.accounts.recovery.empty()) accounts += ", recovery " + p.accounts.recovery;
  out.emplace_back("accounts", accounts);
  std::vector<std::string> cumul;
  if (p.cumul.same_kind_within_years > 0)
    cumul.push_back(fmt::format("no {} convention signed within {} years before", to_string(scheme.kind),
                                p.cumul.same_kind_within_years));
  if (p.cumul.cesp_from)
    cumul.push_back(fmt::format("not with a CESP signed or requested from {}", format_date(*p.cumul.cesp_from)));
  if (!cumul.empty()) out.emplace_back("anti-cumul", join(cumul, "; "));
  return out;
}

}  // namespace grants
