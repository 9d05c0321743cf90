// Recording obligation events, showing an obligation, and the compliance
// check. The terms always come from the convention's frozen rule version.
#include "grants/obligation_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "frozen_rules.h"
#include "grants/batch.h"
#include "grants/beneficiary_csv.h"
#include "grants/text.h"
#include "service_internal.h"

namespace grants {

namespace {

// Conventions handled at a time by the compliance check: bounds memory
// whatever the number of conventions.
constexpr std::size_t kChunk = 8192;

Result<ObligationView> load_obligation(Store& store, std::int64_t id, Date as_of) {
  auto g = detail::load_agreement(store, id);
  if (!g) return g.error();
  detail::FrozenRules frozen(store);
  auto f = frozen.find(*g);
  if (!f) return f.error();
  ObligationView v;
  v.convention = ConventionRules::of(*g);
  v.convention_state = convention_state_on(*g, as_of);
  v.terms = obligation_terms(f->period->obligation, g->signed_on, f->file->code);
  v.clawback = f->period->clawback;
  if (v.terms.years == 0)
    return Error::Conflict(fmt::format("convention {} ({}) sets no practice obligation", id, g->scheme_id));
  auto events = store.obligation_events(id);
  if (!events) return events.error();
  v.events = std::move(*events);
  auto voided = store.voided_obligation_events(id);
  if (!voided) return voided.error();
  v.voided = std::move(*voided);
  v.as_of = as_of;
  v.status = obligation_status(v.terms, v.events, as_of);
  return v;
}

bool in_departement(const std::string& commune, const std::string& code) { return commune.rfind(code, 0) == 0; }

// The decision accepting the late start `r` on the obligation `v` (whose
// status is taken on r.on), or why the start cannot be accepted as late.
Result<std::string> late_start_decision(const ObligationView& v, const ObligationEventRequest& r) {
  const std::int64_t id = v.convention.agreement_id;
  const std::string& decision = *r.late_start_accepted;
  if (detail::blank(decision))
    return Error::InvalidInput(
        "option --late-start-accepted: give the département's decision accepting the late start, e.g. "
        "\"délibération CP-2027-03 du 2027-04-10\"");
  const std::optional<Date>& deadline = v.status.deadline;
  if (!deadline && v.terms.trigger == StartTrigger::kWithinMonthsOfDiploma)
    return Error::InvalidInput(fmt::format("option --late-start-accepted: the deadline to start of convention {} is "
                                           "not known on {}: record the diploma first",
                                           id, format_date(r.on)));
  if (!deadline)
    return Error::InvalidInput(fmt::format("option --late-start-accepted: convention {} ({}) sets no deadline to "
                                           "start practice",
                                           id, v.convention.scheme_id));
  if (r.on <= *deadline)
    return Error::InvalidInput(fmt::format("option --late-start-accepted: the start on {} is not late: the deadline "
                                           "to start is {}",
                                           format_date(r.on), format_date(*deadline)));
  return decision;
}

// The command-line option that gives the date of an event of kind `k`.
std::string_view date_option_of(ObligationEventKind k) {
  switch (k) {
    case ObligationEventKind::kSuspend: return "--from";
    case ObligationEventKind::kResume: return "--to";
    default: return "--on";
  }
}

// Why `r` cannot be recorded on the obligation `v` (whose status is taken on
// r.on), or the events to record.
Result<std::vector<ObligationEvent>> events_for(const ObligationView& v, const ObligationEventRequest& r) {
  const std::int64_t id = v.convention.agreement_id;
  const ObligationStatus& at = v.status;
  const std::string day = format_date(r.on);
  if (const ObligationEvent* e = first_breach(v.events))
    return Error::Conflict(fmt::format("the obligation of convention {} was broken on {} ({}): nothing more can "
                                       "be recorded",
                                       id, format_date(e->on), to_string(e->kind)));
  if (r.kind != ObligationEventKind::kEvidence)
    for (const ObligationEvent& e : v.events)
      if (e.kind != ObligationEventKind::kEvidence && e.on > r.on)
        return Error::Conflict(fmt::format("events are recorded in date order: convention {} already has {} on {}",
                                           id, to_string(e.kind), format_date(e.on)));
  if (at.end && r.on > *at.end && r.kind != ObligationEventKind::kEvidence) {
    if (at.state == ObligationState::kFulfilled)
      return Error::Conflict(fmt::format("the obligation of convention {} was fulfilled: its last day owed was {}", id,
                                         format_date(*at.end)));
    return Error::Conflict(fmt::format("the obligation of convention {} ran to its last day owed, {}: after it, only "
                                       "a proof of practice is recorded; {}",
                                       id, format_date(*at.end), state_sentence(v.terms, at, r.on)));
  }
  auto not_started = [&]() -> Error {
    // One that starts when the aid is granted has not started only before
    // the signature, and no start can be recorded for it: the date is wrong.
    if (v.terms.trigger == StartTrigger::kAidGranted)
      if (auto st = detail::not_before_signature(date_option_of(r.kind), r.on, id, v.terms.signed_on); !st)
        return st.error();
    const bool by_diploma = v.terms.trigger == StartTrigger::kDiploma;
    return Error::Conflict(fmt::format("the obligation of convention {} has not started by {}: record {} first", id,
                                       day, by_diploma ? "the diploma" : "the start of practice"));
  };
  auto in_dep = [&](std::string_view what) -> Status {
    if (in_departement(r.commune, v.terms.departement_code)) return Ok();
    return Error::InvalidInput(fmt::format("option --commune: {} is not in the département ({}): {}", r.commune,
                                           v.terms.departement_code, what));
  };

  // Nothing is broken before the convention binds: a clawback could not
  // be computed from such a breach (a mistyped year, 2021 for 2027).
  auto binding = [&] { return detail::not_before_signature("--on", r.on, id, v.terms.signed_on); };

  ObligationEvent e{0, id, r.kind, r.on, "", "", "", r.reference, r.recorded_on};
  std::vector<ObligationEvent> out;
  switch (r.kind) {
    case ObligationEventKind::kDiploma:
      if (at.diploma)
        return Error::Conflict(fmt::format("convention {}: the diploma is already recorded, on {}", id,
                                           format_date(*at.diploma)));
      break;
    case ObligationEventKind::kStart:
      if (v.terms.trigger == StartTrigger::kDiploma)
        return Error::Conflict(fmt::format("the obligation of convention {} starts on the diploma: record it with "
                                           "grants obligation diploma",
                                           id));
      if (v.terms.trigger == StartTrigger::kAidGranted)
        return Error::Conflict(fmt::format("the obligation of convention {} started when the aid was granted, on {}",
                                           id, format_date(v.terms.signed_on)));
      if (at.start)
        return Error::Conflict(
            fmt::format("convention {}: practice already started on {}", id, format_date(*at.start)));
      if (r.late_start_accepted) {
        auto decision = late_start_decision(v, r);
        if (!decision) return decision.error();
        e.reason = *decision;
      }
      // A start before the diploma is refused as an event out of date order.
      if (v.terms.trigger == StartTrigger::kWithinMonthsOfDiploma && !at.diploma)
        return Error::Conflict(fmt::format("convention {}: record the diploma before the start of practice", id));
      if (auto st = in_dep("the obligation is to practise there"); !st) return st.error();
      e.commune = r.commune;
      break;
    case ObligationEventKind::kEvidence: {
      if (v.terms.evidence.empty())
        return Error::InvalidInput(fmt::format("convention {} ({}) expects no proof of practice", id,
                                               v.convention.scheme_id));
      if (r.evidence != v.terms.evidence)
        return Error::InvalidInput(fmt::format("option --kind: \"{}\": convention {} expects {}", r.evidence, id,
                                               v.terms.evidence));
      if (!at.start || r.on < *at.start) return not_started();
      // Proofs may come out of date order, but each answers the next year
      // still unanswered: one dated before a proof already recorded is not
      // that year's again, it must fit the next one. The status on the
      // latest proof's date counts them all.
      Date latest = r.on;
      for (const ObligationEvent& p : v.events)
        if (p.kind == ObligationEventKind::kEvidence) latest = std::max(latest, p.on);
      const ObligationStatus all = latest == r.on ? at : obligation_status(v.terms, v.events, latest);
      if (!all.next_evidence)
        return Error::Conflict(fmt::format("convention {}: all {} {} are already received", id, v.terms.years,
                                           v.terms.evidence));
      const Date earliest = add_months(*all.next_evidence, -12, MonthEnd::kClamp);
      if (r.on <= earliest)
        return Error::Conflict(fmt::format("convention {}: {} {} of {} attests the year of practice ending {}: it "
                                           "cannot be dated before {}",
                                           id, v.terms.evidence, all.evidence_received + 1, v.terms.years,
                                           format_date(*all.next_evidence),
                                           format_date(earliest + boost::gregorian::days(1))));
      e.evidence = r.evidence;
      break;
    }
    case ObligationEventKind::kSuspend: {
      auto reason = parse_suspension_reason(r.reason);
      if (!reason) return Error::InvalidInput("option --reason: " + reason.error().message());
      if (!at.start) return not_started();
      if (at.suspended_since)
        return Error::Conflict(fmt::format("convention {}: practice is already suspended since {} ({})", id,
                                           format_date(*at.suspended_since), at.suspension_reason));
      // Events come in date order: only a resumption on this very day can
      // end a suspension that covers it.
      for (const ObligationEvent& p : v.events)
        if (p.kind == ObligationEventKind::kResume && p.on == r.on)
          return Error::Conflict(fmt::format("convention {}: {} is the last day of a suspension already recorded: "
                                             "a new one starts on {} at the earliest",
                                             id, day, format_date(r.on + boost::gregorian::days(1))));
      e.reason = r.reason;
      if (r.to) {
        out.push_back(e);
        e.kind = ObligationEventKind::kResume;
        e.on = *r.to;
        e.reason.clear();
      }
      break;
    }
    case ObligationEventKind::kResume:
      if (!at.suspended_since)
        return Error::Conflict(fmt::format("convention {}: practice is not suspended on {}", id, day));
      if (!r.reason.empty() && r.reason != at.suspension_reason)
        return Error::InvalidInput(fmt::format("option --reason: convention {} is suspended for {} since {}, not {}",
                                               id, at.suspension_reason, format_date(*at.suspended_since),
                                               r.reason));
      e.reason = r.reason;
      break;
    case ObligationEventKind::kMove:
      if (!at.start) return not_started();
      if (r.commune == at.commune)
        return Error::InvalidInput(fmt::format("option --commune: convention {} already practises in {}", id, r.commune));
      if (!in_departement(r.commune, v.terms.departement_code)) {
        if (auto st = binding(); !st) return st.error();
        e.kind = ObligationEventKind::kMovedOut;
      }
      e.commune = r.commune;
      break;
    case ObligationEventKind::kLeftZone:
    case ObligationEventKind::kStopped:
      if (!at.start) return not_started();
      if (auto st = binding(); !st) return st.error();
      break;
    case ObligationEventKind::kMovedOut:
    case ObligationEventKind::kBreach:
      return Error::Internal(fmt::format("{} is recorded through a move or a recovery order", to_string(r.kind)));
  }
  out.push_back(e);
  return out;
}

// Whether `events` (by date, then id, with no decision on a breach among
// them) could have been recorded one after the other on the obligation of
// `v`: what remains after a void must be a record the commands would have
// accepted.
Status replay(ObligationView v, const std::vector<ObligationEvent>& events) {
  v.events.clear();
  for (const ObligationEvent& e : events) {
    const ObligationEventKind kind = e.kind == ObligationEventKind::kMovedOut ? ObligationEventKind::kMove : e.kind;
    std::optional<std::string> accepted;
    if (e.kind == ObligationEventKind::kStart && !e.reason.empty()) accepted = e.reason;
    const ObligationEventRequest r{e.agreement_id, kind,      e.on,       std::nullopt, e.reason,
                                   accepted,       e.commune, e.evidence, e.reference,  e.recorded_on};
    v.status = obligation_status(v.terms, v.events, e.on);
    if (auto add = events_for(v, r); !add)
      return Error::Conflict(fmt::format("event {} ({} on {}) would no longer fit: {}", e.id, to_string(e.kind),
                                         format_date(e.on), add.error().message()));
    v.events.push_back(e);
  }
  return Ok();
}

// Fills `out` with what a breach of convention `id` does to its payments:
// the unpaid instalments batches now hold, and the payments already in a
// batch the bank has not paid.
Status payments_after_breach(Store& store, std::int64_t id, RecordedEvents& out) {
  auto unpaid = store.unpaid_instalments(id);
  if (!unpaid) return unpaid.error();
  out.held = std::move(*unpaid);
  auto payments = store.agreement_payments(id);
  if (!payments) return payments.error();
  for (const AgreementPayment& p : *payments) {
    if (p.state != PaymentState::kPending) continue;
    auto b = existing(store.find_batch(p.batch_id), fmt::format("batch {}", p.batch_id));
    if (!b) return b.error();
    out.in_batches.emplace_back(p, b->state);
  }
  return Ok();
}

// An event records what has happened, on the day or after. Dated ahead, it
// would count as done what is only announced (a stop would break the
// obligation and hold its payments, a start would start the clock), and
// every event of an earlier day would be refused as out of date order
// until the day came. InvalidInput naming the option, the date and today.
Status not_announced(const ObligationEventRequest& r) {
  const Date today = r.recorded_on;
  if (r.on > today)
    return Error::InvalidInput(fmt::format("option {}: {} is after today, {}: an obligation event is recorded once "
                                           "it has happened",
                                           date_option_of(r.kind), format_date(r.on), format_date(today)));
  if (r.to && *r.to > today)
    return Error::InvalidInput(fmt::format("option --to: {} is after today, {}: record the end of the suspension "
                                           "once it has happened, with grants obligation resume",
                                           format_date(*r.to), format_date(today)));
  return Ok();
}

}  // namespace

AgreementState convention_state_on(const Agreement& g, Date on) {
  // The same rule as the compliance check's query (for_each_obligation).
  AgreementState state = AgreementState::kActive;
  for (const AgreementEvent& e : g.events) {  // in the order recorded
    if (e.on > on) continue;
    switch (e.kind) {
      case AgreementEventKind::kTerminate: return AgreementState::kTerminated;
      case AgreementEventKind::kSuspend: state = AgreementState::kSuspended; break;
      case AgreementEventKind::kResume: state = AgreementState::kActive; break;
    }
  }
  return state;
}

std::int64_t ComplianceSummary::needing_action() const {
  std::int64_t n = 0;
  for (int s = 0; s < kObligationStates; ++s)
    if (grants::needs_action(static_cast<ObligationState>(s))) n += by_state[static_cast<std::size_t>(s)];
  return n;
}

Result<ObligationView> show_obligation(Store& store, std::int64_t agreement_id, Date as_of) {
  auto v = load_obligation(store, agreement_id, as_of);
  if (!v) return v;
  // Before its signature the convention bound nothing and was not active:
  // compliance check leaves it out on such a date.
  if (auto st = detail::not_before_signature("--as-of", as_of, agreement_id, v->terms.signed_on); !st)
    return st.error();
  return v;
}

Result<RecordedEvents> record_obligation_event(Store& store, const ObligationEventRequest& r) {
  if (r.kind == ObligationEventKind::kStart || r.kind == ObligationEventKind::kMove)
    if (auto why = commune_problem(r.commune))
      return Error::InvalidInput(fmt::format("option --commune: \"{}\" {}", printable(r.commune), *why));
  if (r.to && *r.to < r.on)
    return Error::InvalidInput(
        fmt::format("option --to: {} is before the first day {}", format_date(*r.to), format_date(r.on)));
  if (auto st = not_announced(r); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto before = load_obligation(store, r.agreement_id, r.on);
  if (!before) return before.error();
  auto add = events_for(*before, r);
  if (!add) return add.error();
  if (auto st = store.add_obligation_events(*add); !st) return st.error();
  // The events read back, inside the transaction, for the ids the store
  // gave the new ones.
  auto after = store.obligation_events(r.agreement_id);
  if (!after) return after.error();
  RecordedEvents out;
  if (first_breach(*add) != nullptr) {
    if (auto st = payments_after_breach(store, r.agreement_id, out); !st) return st.error();
  }
  if (auto st = (*tx)->commit(); !st) return st.error();
  for (const ObligationEvent& e : *after)
    if (std::none_of(before->events.begin(), before->events.end(),
                     [&e](const ObligationEvent& old) { return old.id == e.id; }))
      out.recorded.push_back(e);
  before->events = std::move(*after);
  before->status = obligation_status(before->terms, before->events, r.on);
  out.obligation = std::move(*before);
  return out;
}

Result<ObligationView> void_obligation_event(Store& store, const VoidEventRequest& r) {
  if (auto st = detail::require_reason(r.reason); !st) return st.error();
  if (auto st = valid_person_name("--by", r.by); !st) return st.error();
  if (r.on > r.today)
    return Error::InvalidInput(fmt::format("option --on: {} is after today, {}: a void counts from the moment it is "
                                           "recorded: date it today or earlier",
                                           format_date(r.on), format_date(r.today)));
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto event = existing(store.find_obligation_event(r.event_id), fmt::format("obligation event {}", r.event_id));
  if (!event) return event.error();
  auto v = load_obligation(store, event->agreement_id, r.on);
  if (!v) return v.error();
  const std::string what = fmt::format("obligation event {} ({} on {} of convention {})", event->id,
                                       to_string(event->kind), format_date(event->on), event->agreement_id);
  // A void withdraws a record that exists: dated before the event was
  // recorded, it would say the record was withdrawn before it was made.
  if (r.on < event->recorded_on)
    return Error::InvalidInput(fmt::format("option --on: {} is before {} was recorded, on {}: date the void on or "
                                           "after that day",
                                           format_date(r.on), what, format_date(event->recorded_on)));
  for (const auto& [e, gone] : v->voided)
    if (e.id == event->id)
      return Error::Conflict(fmt::format("{} was already voided on {} by {}: {}", what,
                                         format_date(gone.recorded_on), gone.by, gone.reason));
  // A decision on a breach (a recovery order, a waiver) was taken on the
  // events as they stood: none of them is voided after it.
  for (const ObligationEvent& e : v->events)
    if (e.kind == ObligationEventKind::kBreach)
      return Error::Conflict(fmt::format("{} cannot be voided: the département decided on the breach of convention "
                                         "{} on {} ({})",
                                         what, e.agreement_id, format_date(e.on), e.reason));
  std::vector<ObligationEvent> kept;
  for (const ObligationEvent& e : v->events)
    if (e.id != event->id) kept.push_back(e);
  if (auto st = replay(*v, kept); !st)
    return Error::Conflict(fmt::format("{} cannot be voided: {}", what, st.error().message()));
  const EventVoid gone{event->id, r.reason, canonical_name(r.by), r.on};
  if (auto st = store.add_event_void(gone); !st) return st.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  v->voided.emplace_back(*event, gone);
  v->events = std::move(kept);
  v->status = obligation_status(v->terms, v->events, r.on);
  return v;
}

Result<ComplianceSummary> check_compliance(Store& store, Date as_of,
                                           const std::function<void(const ComplianceLine&)>& each) {
  detail::FrozenRules frozen(store);
  ComplianceSummary sum;
  sum.as_of = as_of;
  std::string scheme_id;
  auto scheme = sum.by_scheme.end();
  auto st = store.for_each_obligation(as_of, kChunk, [&](const std::vector<ObligationRecord>& chunk) -> Status {
    for (const ObligationRecord& r : chunk) {
      auto f = frozen.find(r.agreement_id, r.rule_version);
      if (!f) return f.error();
      const ObligationRule& rule = f->period->obligation;
      if (rule.years == 0) continue;
      const ObligationTerms terms = obligation_terms(rule, r.signed_on, f->file->code);
      const ObligationStatus s = obligation_status(terms, r.events, as_of);
      const auto state = static_cast<std::size_t>(s.state);
      ++sum.total;
      ++sum.by_state[state];
      const std::string_view id = f->scheme->id;
      if (scheme == sum.by_scheme.end() || scheme->first != id) {
        scheme_id = id;
        scheme = sum.by_scheme.try_emplace(scheme_id).first;
      }
      ++scheme->second[state];
      each(ComplianceLine{r.agreement_id, r.convention_state, r.beneficiary_ref, scheme->first, terms, s});
    }
    return Ok();
  });
  if (!st) return st.error();
  return sum;
}

}  // namespace grants
