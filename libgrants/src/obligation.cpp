#include "grants/obligation.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "enum_names.h"

namespace grants {

namespace {

constexpr detail::Name<ObligationEventKind> kEventNames[] = {
    {"diploma", ObligationEventKind::kDiploma},
    {"start", ObligationEventKind::kStart},
    {"evidence", ObligationEventKind::kEvidence},
    {"suspend", ObligationEventKind::kSuspend},
    {"resume", ObligationEventKind::kResume},
    {"move", ObligationEventKind::kMove},
    {"moved-out", ObligationEventKind::kMovedOut},
    {"left-zone", ObligationEventKind::kLeftZone},
    {"stopped", ObligationEventKind::kStopped},
    {"breach", ObligationEventKind::kBreach},
};

constexpr detail::Name<SuspensionReason> kReasonNames[] = {
    {"parental-leave", SuspensionReason::kParentalLeave},
    {"illness", SuspensionReason::kIllness},
    {"military-service", SuspensionReason::kMilitaryService},
    {"training", SuspensionReason::kTraining},
    {"other", SuspensionReason::kOther},
};

constexpr std::array<std::string_view, kObligationStates> kStateNames{
    "awaiting-start", "start-overdue", "started-late", "running", "evidence-overdue", "fulfilled", "breached"};

// A suspension, both days included.
struct Span {
  Date from;
  Date to;
};

// What the events dated on or before a date say.
struct Facts {
  std::optional<Date> diploma;
  std::optional<Date> started;
  std::string start_reason;  // of that start: a decision accepting it late
  std::vector<Span> suspensions;  // an open one ends on the date asked
  std::optional<Date> open_since;
  std::string open_reason;
  int evidence = 0;
  std::optional<Date> breach;
  ObligationEventKind breach_kind = ObligationEventKind::kBreach;
  std::string decision;
  std::string commune;
};

Facts read_facts(std::span<const ObligationEvent> events, Date as_of) {
  Facts f;
  for (const ObligationEvent& e : events) {
    if (e.on > as_of) break;
    switch (e.kind) {
      case ObligationEventKind::kDiploma:
        if (!f.diploma) f.diploma = e.on;
        break;
      case ObligationEventKind::kStart:
        if (!f.started) {
          f.started = e.on;
          f.start_reason = e.reason;
        }
        f.commune = e.commune;
        break;
      case ObligationEventKind::kMove:
        f.commune = e.commune;
        break;
      case ObligationEventKind::kEvidence:
        ++f.evidence;
        break;
      case ObligationEventKind::kSuspend:
        if (!f.open_since) {
          f.open_since = e.on;
          f.open_reason = e.reason;
        }
        break;
      case ObligationEventKind::kResume:
        if (f.open_since) {
          f.suspensions.push_back({*f.open_since, e.on});
          f.open_since.reset();
          f.open_reason.clear();
        }
        break;
      case ObligationEventKind::kMovedOut:
      case ObligationEventKind::kLeftZone:
      case ObligationEventKind::kStopped:
      case ObligationEventKind::kBreach:
        if (e.kind == ObligationEventKind::kMovedOut) f.commune = e.commune;
        if (e.kind == ObligationEventKind::kBreach) f.decision = e.reason;
        if (!f.breach) {
          f.breach = e.on;
          f.breach_kind = e.kind;
        }
        break;
    }
  }
  // An open suspension runs to the date asked, or to the day before a
  // breach: nothing can be recorded after a breach, so the suspension would
  // otherwise never close and the end would move with every date asked. A
  // breach on its first day leaves it empty (`to` before `from`).
  if (f.open_since) {
    const Date to = f.breach ? *f.breach - boost::gregorian::days(1) : std::max(*f.open_since, as_of);
    f.suspensions.push_back({*f.open_since, to});
  }
  return f;
}

std::optional<Date> start_of(const ObligationTerms& t, const Facts& f, Date as_of) {
  switch (t.trigger) {
    case StartTrigger::kDiploma:
      return f.diploma;
    case StartTrigger::kAidGranted:
      return t.signed_on <= as_of ? std::optional(t.signed_on) : std::nullopt;
    case StartTrigger::kInstallation:
    case StartTrigger::kWithinMonthsOfDiploma:
      return f.started;
  }
  return std::nullopt;
}

std::optional<Date> deadline_of(const ObligationTerms& t, const Facts& f) {
  if (t.trigger == StartTrigger::kWithinMonthsOfDiploma && f.diploma)
    return add_months(*f.diploma, t.start_within_months, MonthEnd::kClamp);
  if (t.trigger == StartTrigger::kInstallation && t.start_within_months > 0)
    return add_months(t.signed_on, t.start_within_months, MonthEnd::kClamp);
  return std::nullopt;
}

int days_between(Date from, Date to) { return static_cast<int>((to - from).days()); }

// The served clock of one obligation: calendar days from the start, less
// the suspended days when suspensions extend it.
class Clock {
 public:
  Clock(Date start, const std::vector<Span>& spans, SuspensionEffect effect)
      : start_(start), spans_(effect == SuspensionEffect::kExtends ? &spans : nullptr) {}

  // Suspended days in [start, d), each counted once when spans overlap
  // (spans come in date order).
  int suspended_before(Date d) const {
    int n = 0;
    if (spans_ == nullptr) return n;
    Date counted = start_;  // days before it are counted
    for (const Span& s : *spans_) {
      const Date a = std::max(s.from, counted);
      const Date b = std::min(s.to + boost::gregorian::days(1), d);
      if (a < b) {
        n += days_between(a, b);
        counted = b;
      }
    }
    return n;
  }
  // Days served in [start, d).
  int served(Date d) const { return d <= start_ ? 0 : days_between(start_, d) - suspended_before(d); }
  // The first date on which `days` days have been served.
  Date reaching(int days) const {
    Date pos = start_;
    int left = days;
    if (spans_ != nullptr)
      for (const Span& s : *spans_) {
        const Date a = std::max(s.from, start_);
        if (a >= pos + boost::gregorian::days(left)) break;
        if (a > pos) left -= days_between(pos, a);
        pos = std::max(pos, s.to + boost::gregorian::days(1));
      }
    return pos + boost::gregorian::days(left);
  }
  // Whole months of `days` served.
  int months(int days) const { return whole_months(start_, start_ + boost::gregorian::days(days)); }
  // Days from the start to the start + `months` calendar months.
  int days_of(int months) const {
    return days_between(start_, add_months(start_, months, MonthEnd::kClamp));
  }

 private:
  Date start_;
  const std::vector<Span>* spans_;
};

}  // namespace

std::string_view to_string(ObligationEventKind k) { return detail::name_of(kEventNames, k); }

Result<ObligationEventKind> parse_obligation_event_kind(std::string_view text) {
  if (auto k = detail::find_name(kEventNames, text)) return *k;
  return Error::InvalidInput(fmt::format("obligation event \"{}\" is not known", text));
}

bool is_breach(ObligationEventKind k) {
  return k == ObligationEventKind::kMovedOut || k == ObligationEventKind::kLeftZone ||
         k == ObligationEventKind::kStopped || k == ObligationEventKind::kBreach;
}

const ObligationEvent* first_breach(std::span<const ObligationEvent> events) {
  auto e = std::find_if(events.begin(), events.end(), [](const ObligationEvent& x) { return is_breach(x.kind); });
  return e == events.end() ? nullptr : &*e;
}

std::string_view to_string(SuspensionReason r) { return detail::name_of(kReasonNames, r); }

Result<SuspensionReason> parse_suspension_reason(std::string_view text) {
  if (auto r = detail::find_name(kReasonNames, text)) return *r;
  return Error::InvalidInput(fmt::format(
      "suspension reason \"{}\": expected parental-leave, illness, military-service, training or other",
      text));
}

std::string_view to_string(ObligationState s) { return kStateNames[static_cast<std::size_t>(s)]; }

bool needs_action(ObligationState s) {
  return s == ObligationState::kStartOverdue || s == ObligationState::kStartedLate ||
         s == ObligationState::kEvidenceOverdue || s == ObligationState::kBreached;
}

ObligationTerms obligation_terms(const ObligationRule& rule, Date signed_on, std::string departement_code) {
  return ObligationTerms{rule.years,    rule.trigger,   rule.start_within_months, rule.suspension,
                         rule.evidence, signed_on,      std::move(departement_code)};
}

namespace {

// "240 days after the deadline 2026-07-04", for a start after its deadline;
// empty for any other.
std::string lateness(const ObligationStatus& s) {
  if (!s.start || !s.deadline || *s.start <= *s.deadline) return {};
  const int late = days_between(*s.deadline, *s.start);
  return fmt::format("{} day{} after the deadline {}", late, late == 1 ? "" : "s", format_date(*s.deadline));
}

// What a started obligation's line says, with the acceptance of a late
// start after it.
std::string with_acceptance(std::string line, const ObligationStatus& s) {
  const std::string late = lateness(s);
  if (late.empty() || s.late_start_accepted.empty()) return line;
  const std::string accepted = fmt::format("started {}, accepted: {}", late, s.late_start_accepted);
  return line.empty() ? accepted : line + "; " + accepted;
}

}  // namespace

std::string describe_status(const ObligationTerms& terms, const ObligationStatus& s) {
  switch (s.state) {
    case ObligationState::kAwaitingStart:
      if (s.deadline) return fmt::format("to start by {}", format_date(*s.deadline));
      if (!s.diploma && (terms.trigger == StartTrigger::kDiploma ||
                         terms.trigger == StartTrigger::kWithinMonthsOfDiploma))
        return "diploma not recorded";
      return "no start recorded";
    case ObligationState::kStartOverdue:
      return fmt::format("no start recorded by {}: decide on the breach, or record the start with "
                         "--late-start-accepted once the département accepts it",
                         format_date(*s.deadline));
    case ObligationState::kStartedLate:
      return fmt::format("started {}, {}: record a breach, or void the start and record it again with "
                         "--late-start-accepted",
                         format_date(*s.start), lateness(s));
    case ObligationState::kRunning:
      if (s.suspended_since)
        return with_acceptance(
            fmt::format("suspended since {} ({})", format_date(*s.suspended_since), s.suspension_reason), s);
      return with_acceptance({}, s);
    case ObligationState::kEvidenceOverdue:
      return with_acceptance(fmt::format("{} {} of {} due {} not received", terms.evidence, s.evidence_received + 1,
                                         terms.years, format_date(*s.next_evidence)),
                             s);
    case ObligationState::kFulfilled:
      return with_acceptance({}, s);
    case ObligationState::kBreached: {
      const std::string day = format_date(*s.breach);
      std::string what;
      switch (s.breach_kind) {
        case ObligationEventKind::kMovedOut:
          what = fmt::format("moved out of the département on {} ({})", day, s.commune);
          break;
        case ObligationEventKind::kLeftZone: what = fmt::format("left the eligible zone on {}", day); break;
        case ObligationEventKind::kStopped: what = fmt::format("stopped practice on {}", day); break;
        default: return fmt::format("broken on {}: {}", day, s.decision);
      }
      return s.decision.empty() ? what : what + "; " + s.decision;
    }
  }
  return {};
}

std::string state_sentence(const ObligationTerms& terms, const ObligationStatus& s, Date on) {
  const std::string detail = describe_status(terms, s);
  return fmt::format("on {} the obligation is {}{}", format_date(on), to_string(s.state),
                     detail.empty() ? "" : " (" + detail + ")");
}

int whole_months(Date from, Date to) {
  if (to < from) return 0;
  const auto a = from.year_month_day(), b = to.year_month_day();
  int m = (b.year - a.year) * 12 + (b.month - a.month);
  if (add_months(from, m, MonthEnd::kClamp) > to) --m;
  return m;
}

std::optional<ServedTime> served_until(const ObligationTerms& terms, std::span<const ObligationEvent> events,
                                       Date until) {
  const Facts f = read_facts(events, until);
  const auto start = start_of(terms, f, until);
  if (!start) return std::nullopt;
  const Clock clock(*start, f.suspensions, terms.suspension);
  ServedTime t;
  t.start = *start;
  t.calendar_days = until > *start ? days_between(*start, until) : 0;
  t.suspended_days = clock.suspended_before(until);
  t.days = clock.served(until);
  t.months = clock.months(t.days);
  t.owed_months = 12 * terms.years;
  t.owed_days = clock.days_of(t.owed_months);
  return t;
}

ObligationStatus obligation_status(const ObligationTerms& terms, std::span<const ObligationEvent> events,
                                   Date as_of) {
  const Facts f = read_facts(events, as_of);
  ObligationStatus s;
  s.diploma = f.diploma;
  s.deadline = deadline_of(terms, f);
  s.start = start_of(terms, f, as_of);
  s.months_owed = 12 * terms.years;
  s.evidence_received = f.evidence;
  s.commune = f.commune;
  s.breach = f.breach;
  s.breach_kind = f.breach_kind;
  s.decision = f.decision;
  if (!s.start) {
    s.months_left = s.months_owed;
    if (f.breach)
      s.state = ObligationState::kBreached;
    else if (s.deadline && as_of > *s.deadline)
      s.state = ObligationState::kStartOverdue;
    else
      s.state = ObligationState::kAwaitingStart;
    return s;
  }

  const bool late = s.deadline && *s.start > *s.deadline;
  if (late) s.late_start_accepted = f.start_reason;
  const Clock clock(*s.start, f.suspensions, terms.suspension);
  const int owed_days = clock.days_of(s.months_owed);
  const Date day_after_end = clock.reaching(owed_days);
  s.end = day_after_end - boost::gregorian::days(1);
  if (terms.suspension == SuspensionEffect::kExtends) s.suspended_days = clock.suspended_before(day_after_end);
  s.suspended_since = f.open_since;
  s.suspension_reason = f.open_reason;

  if (f.breach && *f.breach > *s.end) s.breach.reset();  // after the last day owed: nothing broken
  const Date counted_to = s.breach ? *s.breach : std::min(as_of, day_after_end);
  s.months_served = clock.months(clock.served(counted_to));
  s.months_left = s.months_owed - s.months_served;
  if (s.breach) {
    s.state = ObligationState::kBreached;
    return s;
  }

  const int proofs = terms.evidence.empty() ? 0 : terms.years;
  for (int k = 1; k <= proofs; ++k) {
    const Date due = clock.reaching(clock.days_of(12 * k)) - boost::gregorian::days(1);
    if (due < as_of) ++s.evidence_due;
    if (k == f.evidence + 1) s.next_evidence = due;
  }
  if (late && s.late_start_accepted.empty())
    s.state = ObligationState::kStartedLate;
  else if (as_of > *s.end)
    s.state = f.evidence >= proofs ? ObligationState::kFulfilled : ObligationState::kEvidenceOverdue;
  else
    s.state = f.evidence < s.evidence_due ? ObligationState::kEvidenceOverdue : ObligationState::kRunning;
  return s;
}

}  // namespace grants
