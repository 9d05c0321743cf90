#include "grants/clawback.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "grants/text.h"

namespace grants {

namespace {

using boost::multiprecision::cpp_int;

// Builds the result: the explanation grows line by line, the amount is
// rounded once at the end.
class Explained {
 public:
  Explained(const ClawbackCase& c) : c_(c) {
    for (const ReceivedPayment& p : c.received) out_.received += p.amount;
    out_.payments = static_cast<int>(c.received.size());
  }
  void line(std::string label, std::string text) { out_.explanation.push_back({std::move(label), std::move(text)}); }
  Clawback finish(std::string formula, const Rational& exact) {
    out_.formula = std::move(formula);
    out_.amount = round_to_cents(exact, c_.policy.rounding);
    if (out_.amount.to_rational() != exact) line("exact", format_exact_euros(exact));
    line("amount", fmt::format("{} (rounding {})", out_.amount.to_display(), to_string(c_.policy.rounding)));
    if (c_.unpaid_count > 0)
      line("not clawed back", fmt::format("{} not paid, {}, cancelled",
                                          plural(c_.unpaid_count, "instalment", "instalments"),
                                          c_.unpaid.to_display()));
    return std::move(out_);
  }
  const Clawback& so_far() const { return out_; }

 private:
  const ClawbackCase& c_;
  Clawback out_;
};

std::string served_text(const ClawbackCase& c, const std::optional<ServedTime>& t) {
  if (!t) return fmt::format("not started by {}: 0 days, 0 months", format_date(c.breach));
  std::string out = fmt::format("{} to {}: {}", format_date(t->start), format_date(c.breach),
                                plural(t->calendar_days, "day", "days"));
  if (t->suspended_days > 0) out += fmt::format(", less {} suspended = {}", t->suspended_days, plural(t->days, "day", "days"));
  return out + fmt::format(" = {}", plural(t->months, "whole month", "whole months"));
}

std::string obligation_text(const ObligationTerms& terms, const std::optional<ServedTime>& t) {
  std::string out = fmt::format("{} = {} months", plural(terms.years, "year", "years"), 12 * terms.years);
  if (t) out += fmt::format(" = {} days from {}", t->owed_days, format_date(t->start));
  out += terms.suspension == SuspensionEffect::kExtends ? "; suspensions extend it" : "; suspended time counts";
  return out;
}

// The obligation's recorded start of practice, when it starts with one.
const ObligationEvent* recorded_start(const ClawbackCase& c) {
  if (c.terms.trigger != StartTrigger::kInstallation && c.terms.trigger != StartTrigger::kWithinMonthsOfDiploma)
    return nullptr;
  const auto e =
      std::ranges::find_if(c.events, [](const ObligationEvent& x) { return x.kind == ObligationEventKind::kStart; });
  return e == c.events.end() ? nullptr : &*e;
}

// A breach recorded as an event is dated by it; a date typed for a breach
// not recorded may be a slip, and one before the start claws back all.
Status check_before_start(const ClawbackCase& c) {
  const ObligationEvent* start = first_breach(c.events) == nullptr ? recorded_start(c) : nullptr;
  const bool before = start != nullptr && c.breach < start->on;
  const bool confirmed = c.before_start == BreachBeforeStart::kConfirmed;
  if (before && !confirmed)
    return Error::InvalidInput(fmt::format(
        "option --breach-date: {} is before the obligation's start, recorded on {} (event {}): the clawback would "
        "count no day served and ask for every sum received; check the date, or give --before-start if the "
        "practice was broken before it started",
        format_date(c.breach), format_date(start->on), start->id));
  if (!confirmed || before) return Ok();
  if (const ObligationEvent* broken = first_breach(c.events))
    return Error::InvalidInput(
        fmt::format("option --before-start: the obligation was broken on {} ({}), recorded: "
                    "leave --before-start out",
                    format_date(broken->on), to_string(broken->kind)));
  if (start == nullptr)
    return Error::InvalidInput(
        fmt::format("option --before-start: no start of practice is recorded for the breach "
                    "on {} to be before: leave --before-start out",
                    format_date(c.breach)));
  return Error::InvalidInput(
      fmt::format("option --before-start: the breach on {} is not before the obligation's "
                  "start, recorded on {}: leave --before-start out",
                  format_date(c.breach), format_date(start->on)));
}

}  // namespace

std::string_view to_string(ClawbackFormula f) {
  switch (f) {
    case ClawbackFormula::kAllSums: return "all-sums";
    case ClawbackFormula::kProRata: return "pro-rata";
    case ClawbackFormula::kDecreasing: return "decreasing";
    case ClawbackFormula::kCesp: return "cesp";
    case ClawbackFormula::kMultiplier: return "multiplier";
  }
  return "?";
}

std::string format_exact_euros(const Rational& euros) {
  if (boost::multiprecision::denominator(Rational(euros * 100)) == 1) return round_to_cents(euros, Rounding::kDown).to_display();
  const bool negative = euros < 0;
  const Rational abs = negative ? Rational(-euros) : euros;
  const cpp_int whole = boost::multiprecision::numerator(abs) / boost::multiprecision::denominator(abs);
  const Rational micro = (abs - Rational(whole)) * 1000000;
  const cpp_int decimals = boost::multiprecision::numerator(micro) / boost::multiprecision::denominator(micro);
  const std::string units = whole.str();
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += ' ';
    grouped += units[i];
  }
  return fmt::format("{}{},{:0>6}… €", negative ? "-" : "", grouped, decimals.str());
}

Result<Clawback> compute_clawback(const ClawbackCase& c) {
  const ClawbackPolicy& p = c.policy;
  if (c.breach < c.terms.signed_on)
    return Error::InvalidInput(fmt::format("option --breach-date: {} is before the convention was signed, on {}",
                                           format_date(c.breach), format_date(c.terms.signed_on)));
  if (auto st = check_before_start(c); !st) return st.error();
  const ObligationStatus at_breach = obligation_status(c.terms, c.events, c.breach);
  if (at_breach.end && c.breach > *at_breach.end) {
    if (at_breach.state == ObligationState::kFulfilled)
      return Error::Conflict(fmt::format("the obligation was fulfilled: its last day owed was {}, before the breach "
                                         "on {}",
                                         format_date(*at_breach.end), format_date(c.breach)));
    return Error::Conflict(fmt::format("the obligation ran to its last day owed, {}, before the breach on {}: date "
                                       "the breach on or before it; {}",
                                       format_date(*at_breach.end), format_date(c.breach),
                                       state_sentence(c.terms, at_breach, c.breach)));
  }
  const std::optional<ServedTime> served = served_until(c.terms, c.events, c.breach);

  Explained x(c);
  const Rational P = x.so_far().received.to_rational();
  x.line("breach", fmt::format("{}, the first day not served", format_date(c.breach)));
  x.line("received", x.so_far().payments == 0
                         ? std::string("no payment")
                         : fmt::format("{}, {}", plural(x.so_far().payments, "payment", "payments"),
                                       x.so_far().received.to_display()));
  if (!c.waiver.empty()) {
    if (std::find(p.waiver_reasons.begin(), p.waiver_reasons.end(), c.waiver) == p.waiver_reasons.end())
      return Error::InvalidInput(fmt::format("waiver \"{}\": the scheme waives the clawback only for {}", c.waiver,
                                             p.waiver_reasons.empty() ? "no reason"
                                                                               : fmt::to_string(fmt::join(p.waiver_reasons, ", "))));
    x.line("waiver", fmt::format("{}: the scheme waives the clawback", c.waiver));
    return x.finish(fmt::format("waived ({})", c.waiver), Rational(0));
  }

  const int owed_months = 12 * c.terms.years;
  const int months = served ? served->months : 0;
  switch (p.formula) {
    case ClawbackFormula::kAllSums:
      x.line("formula", "A = P, every sum received");
      return x.finish("all-sums", P);

    case ClawbackFormula::kProRata: {
      x.line("obligation", obligation_text(c.terms, served));
      x.line("served", served_text(c, served));
      const bool by_day = p.unit == ProRataUnit::kDay;
      const std::string formula = fmt::format("pro-rata by {}", by_day ? "day" : "month");
      if (!served) {
        x.line("formula", "A = P × (owed − served) / owed = P, nothing served");
        return x.finish(formula, P);
      }
      const int owed = by_day ? served->owed_days : owed_months;
      const int done = by_day ? served->days : months;
      const std::string_view unit = by_day ? "days" : "months";
      x.line("formula", fmt::format("A = P × (owed − served) / owed = {} × ({} − {}) / {} {}",
                                    x.so_far().received.to_display(), owed, done, owed, unit));
      return x.finish(formula, P * Rational(owed - done, owed));
    }

    case ClawbackFormula::kDecreasing: {
      x.line("obligation", obligation_text(c.terms, served));
      x.line("served", served_text(c, served));
      const int years = months / 12;
      std::vector<std::string> steps;
      for (const auto& r : p.decreasing) steps.push_back(format_rate(r));
      const Rational rate =
          static_cast<std::size_t>(years) < p.decreasing.size() ? p.decreasing[static_cast<std::size_t>(years)] : 0;
      x.line("rate", fmt::format("{} owed after {} (table after 0, 1, 2... whole years: {})", format_rate(rate),
                                 plural(years, "whole year", "whole years"), fmt::join(steps, " / ")));
      x.line("formula", fmt::format("A = P × rate = {} × {}", x.so_far().received.to_display(), format_rate(rate)));
      return x.finish("decreasing", P * rate);
    }

    case ClawbackFormula::kCesp: {
      std::optional<Date> diploma;
      for (const auto& e : c.events)
        if (e.kind == ObligationEventKind::kDiploma && e.on <= c.breach) {
          diploma = e.on;
          break;
        }
      if (diploma) {
        x.line("diploma", fmt::format("obtained on {}: the breach is after the diploma", format_date(*diploma)));
        x.line("formula", fmt::format("A = the flat sum after the diploma = {}", p.cesp_flat_after_diploma.to_display()));
        return x.finish("cesp after the diploma", p.cesp_flat_after_diploma.to_rational());
      }
      x.line("diploma", fmt::format("none recorded by {}: the breach is before the diploma", format_date(c.breach)));
      const Money per_months = p.cesp_per_month * x.so_far().payments;
      const Money penalty = std::max(per_months, p.cesp_minimum);
      x.line("penalty", fmt::format("max({} × {} of aid, {}) = {}", p.cesp_per_month.to_display(),
                                    plural(x.so_far().payments, "month", "months"), p.cesp_minimum.to_display(),
                                    penalty.to_display()));
      x.line("formula", fmt::format("A = P + penalty = {} + {}", x.so_far().received.to_display(), penalty.to_display()));
      return x.finish("cesp before the diploma", P + penalty.to_rational());
    }

    case ClawbackFormula::kMultiplier: {
      x.line("obligation", obligation_text(c.terms, served));
      x.line("served", served_text(c, served));
      Rational interest = 0;
      for (const ReceivedPayment& r : c.received) {
        const auto days = (c.breach - r.paid_on).days();
        if (days > 0) interest += r.amount.to_rational() * p.annual_interest * Rational(days, 365);
      }
      const Rational phi = P + interest;
      x.line("interest", fmt::format("{} a year, simple, actual/365, from each payment to {}: {}",
                                     format_rate(p.annual_interest), format_date(c.breach),
                                     format_exact_euros(interest)));
      x.line("Φ", fmt::format("P + interest = {}", format_exact_euros(phi)));
      x.line("formula", fmt::format("A = factor × Φ × (t − s) / t = {} × {} × ({} − {}) / {} months",
                                    format_factor(p.factor), format_exact_euros(phi), owed_months, months,
                                    owed_months));
      return x.finish("multiplier", p.factor * phi * Rational(owed_months - months, owed_months));
    }
  }
  return Error::Internal("unknown clawback formula");
}

}  // namespace grants
