// A rule period's parameters for `grants rules show`: sentences and data.
#include "grants/describe.h"

#include <fmt/format.h>

#include "grants/award.h"
#include "grants/clawback.h"
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
      // The sum compute_award pays: max_months bounds fixed months too, and
      // a cap below the product is what is paid.
      if (a.months_from == MonthsFrom::kFixed) {
        const Money product = a.monthly * months_paid(a, a.months);
        out += fmt::format(" = {}", product.to_display());
        if (a.cap && *a.cap < product) return out + fmt::format(", capped at {}", a.cap->to_display());
      }
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

// The first and last eligible study years, when the period limits them.
std::optional<std::pair<int, int>> study_years(const SchemePeriod& p) {
  if (!p.min_study_year && !p.max_study_year) return std::nullopt;
  const int first = p.min_study_year.value_or(1);
  return std::pair{first, p.max_study_year.value_or(first)};
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
  if (auto years = study_years(p))
    out.emplace_back("study years", fmt::format("{} to {}", years->first, years->second));
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

namespace {

using Kind = ParamValue::Kind;
using Members = std::vector<std::pair<std::string, ParamValue>>;

ParamValue null() { return {}; }
ParamValue text(std::string_view s) { return {Kind::kText, std::string(s), {}}; }
// An optional text the file leaves empty (evidence, recovery account).
ParamValue text_or_null(const std::string& s) { return s.empty() ? null() : text(s); }
ParamValue integer(std::int64_t n) { return {Kind::kInteger, std::to_string(n), {}}; }
// A count whose 0 the rule file defines as "none" (max_months, ...).
ParamValue count_or_null(int n) { return n > 0 ? integer(n) : null(); }
ParamValue boolean(bool b) { return {Kind::kBool, b ? "true" : "false", {}}; }
ParamValue money(Money m) { return text(m.to_string()); }
ParamValue money(const std::optional<Money>& m) { return m ? money(*m) : null(); }
ParamValue date(const std::optional<Date>& d) { return d ? text(format_date(*d)) : null(); }
// Exact, never a float: "4/5", "1".
ParamValue rate(const Rational& r) { return text(format_factor(r)); }
ParamValue object(Members m) { return {Kind::kObject, "", std::move(m)}; }
ParamValue list(const std::vector<ParamValue>& items) {
  ParamValue v{Kind::kList, "", {}};
  for (const auto& i : items) v.members.emplace_back("", i);
  return v;
}
ParamValue texts(const std::vector<std::string>& v) {
  std::vector<ParamValue> items;
  for (const auto& s : v) items.push_back(text(s));
  return list(items);
}
// A key that the amount type or formula does not read.
ParamValue only_if(bool applies, ParamValue v) { return applies ? std::move(v) : null(); }

ParamValue amount_data(const SchemePeriod& p) {
  const AmountRule& a = p.amount;
  // What `rules check` lets the type write, the one table of it.
  const auto reads = [&a](std::string_view k) { return amount_key_applies(a.type, k); };
  Members caps;
  for (const auto& [profession, cap] : a.cap_by_profession) caps.emplace_back(profession, money(cap));
  std::vector<ParamValue> paid;
  for (const Share& s : shares_paid(a))
    paid.push_back(object({{"fraction", rate(s.fraction)}, {"after_months", integer(s.after_months)}}));
  return object({
      {"type", text(to_string(a.type))},
      {"monthly", only_if(reads("monthly"), money(a.monthly))},
      {"months_from", only_if(reads("months_from"), text(to_string(a.months_from)))},
      {"months", only_if(reads("months") && a.months_from == MonthsFrom::kFixed, integer(a.months))},
      {"max_months", only_if(reads("max_months"), count_or_null(a.max_months))},
      {"lump_sum", only_if(reads("lump_sum"), money(a.lump_sum))},
      {"rate", only_if(reads("rate"), rate(a.rate))},
      {"cap_by_profession",
       only_if(reads("cap_by_profession") && !a.cap_by_profession.empty(), object(std::move(caps)))},
      {"cap", money(a.cap)},
      {"shares", only_if(reads("shares"), list(paid))},
      {"award", money(fixed_award(p))},
  });
}

// As payment() says it: a share falls due `after_months` after the start,
// never on `day_of_month`, and is never a partial month.
ParamValue payment_data(const SchemePeriod& p) {
  const PaymentRule& r = p.payment;
  const bool monthly = p.amount.type == AmountType::kMonthly;
  return object({
      {"day_of_month", only_if(monthly, integer(r.day_of_month))},
      {"first", text(to_string(r.first))},
      {"partial", only_if(monthly, text(to_string(r.partial)))},
      {"month_end", text(to_string(r.month_end))},
      {"rounding", text(to_string(r.rounding))},
  });
}

ParamValue obligation_data(const ObligationRule& o) {
  return object({
      {"years", integer(o.years)},
      {"trigger", text(to_string(o.trigger))},
      {"start_within_months", count_or_null(o.start_within_months)},
      {"suspension", text(to_string(o.suspension))},
      {"evidence", text_or_null(o.evidence)},
  });
}

ParamValue clawback_data(const ClawbackPolicy& c) {
  const auto reads = [&c](std::string_view k) { return clawback_key_applies(c.formula, k); };
  std::vector<ParamValue> steps;
  for (const Rational& r : c.decreasing) steps.push_back(rate(r));
  return object({
      {"formula", text(to_string(c.formula))},
      {"rounding", text(to_string(c.rounding))},
      {"unit", only_if(reads("unit"), text(to_string(c.unit)))},
      {"decreasing", only_if(reads("decreasing"), list(steps))},
      {"cesp_per_month", only_if(reads("cesp_per_month"), money(c.cesp_per_month))},
      {"cesp_minimum", only_if(reads("cesp_minimum"), money(c.cesp_minimum))},
      {"cesp_flat_after_diploma", only_if(reads("cesp_flat_after_diploma"), money(c.cesp_flat_after_diploma))},
      {"factor", only_if(reads("factor"), rate(c.factor))},
      {"annual_interest", only_if(reads("annual_interest"), rate(c.annual_interest))},
      {"waiver_reasons", texts(c.waiver_reasons)},
  });
}

}  // namespace

ParamValue period_data(const RuleFile& file, const Scheme& scheme, const SchemePeriod& p) {
  const auto years = study_years(p);
  return object({
      {"scheme", text(scheme.id)},
      {"name", text(scheme.name)},
      {"kind", text(to_string(scheme.kind))},
      {"beneficiary", text(to_string(scheme.beneficiary))},
      {"departement", text(file.departement)},
      {"departement_code", text(file.code)},
      {"from", date(p.from)},
      {"to", date(p.to)},
      {"reference", text(p.reference)},
      {"rule_file", text(file.name)},
      {"rule_sha256", text(file.sha256)},
      {"professions", texts(p.professions)},
      {"study_years", years ? object({{"first", integer(years->first)}, {"last", integer(years->second)}}) : null()},
      {"commune_in_departement", boolean(p.commune_in_departement)},
      {"documents", texts(p.documents)},
      {"amount", amount_data(p)},
      {"payment", payment_data(p)},
      {"obligation", obligation_data(p.obligation)},
      {"clawback", clawback_data(p.clawback)},
      {"accounts", object({{"expense", text(p.accounts.expense)},
                           {"payable", text(p.accounts.payable)},
                           {"receivable", text(p.accounts.receivable)},
                           {"recovery", text_or_null(p.accounts.recovery)}})},
      {"cumul", object({{"same_kind_within_years", count_or_null(p.cumul.same_kind_within_years)},
                        {"cesp_from", date(p.cumul.cesp_from)}})},
  });
}

}  // namespace grants
