// Practice obligations: what a convention binds its beneficiary to after the
// aid (practise N years in the département), and where that stands at any
// date.
//
// The terms come from the rule version frozen at signature; the state at a
// date is a pure function of the events dated on or before it, so asking
// about an earlier date gives the answer that was true then. No I/O;
// values are immutable; thread-safe.
//
// Time is counted on a "served clock": calendar days from the start, less
// the days suspended when the scheme's suspensions extend the obligation.
// An obligation of Y years is owed until the served clock reaches the start
// + 12·Y calendar months (MonthEnd::kClamp); whole months served are the
// calendar months from the start to the start moved by the days served.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grants/date.h"
#include "grants/result.h"
#include "grants/rules.h"

namespace grants {

enum class ObligationEventKind {
  kDiploma,   // "diploma": the diploma was obtained: starts a "diploma" obligation,
              // sets the deadline of a "within-months-of-diploma" one
  kStart,     // "start": practice started in a commune of the département
  kEvidence,  // "evidence": a proof of practice received (e.g. the yearly certificate)
  kSuspend,   // "suspend": practice interrupted from `on` (reason kept)
  kResume,    // "resume": the open suspension ended; `on` is its last day
  kMove,      // "move": practice moved to another commune of the département
  kMovedOut,  // "moved-out": practice moved out of the département (a breach)
  kLeftZone,  // "left-zone": practice left the eligible zone (a breach)
  kStopped,   // "stopped": practice stopped (a breach)
  kBreach,    // "breach": the département's decision on a breach, its reason
              // "recovery order TR-..." or "waived (death)"
};
std::string_view to_string(ObligationEventKind k);
Result<ObligationEventKind> parse_obligation_event_kind(std::string_view text);
// True for the kinds that break an obligation.
bool is_breach(ObligationEventKind k);

// Why practice is suspended: a closed list, so that reports can count them.
enum class SuspensionReason { kParentalLeave, kIllness, kMilitaryService, kTraining, kOther };
std::string_view to_string(SuspensionReason r);  // "parental-leave", "illness", ...
// Error names the value and lists the accepted reasons.
Result<SuspensionReason> parse_suspension_reason(std::string_view text);

struct ObligationEvent {
  std::int64_t id = 0;  // assigned by storage, in the order recorded
  std::int64_t agreement_id = 0;
  ObligationEventKind kind = ObligationEventKind::kStart;
  Date on;
  std::string reason;     // kSuspend: a SuspensionReason name; breaches: the cause
  std::string commune;    // kStart, kMove, kMovedOut: INSEE code
  std::string evidence;   // kEvidence: its kind, e.g. "yearly-certificate"
  std::string reference;  // kEvidence: e.g. the certificate's number; others: a note
  Date recorded_on;
};
// The first of `events` that breaks an obligation (see is_breach); nullptr
// when none does.
const ObligationEvent* first_breach(std::span<const ObligationEvent> events);

// The correction of an event recorded by mistake: the event stays on
// record, voided, and every computation leaves it out.
struct EventVoid {
  std::int64_t event_id = 0;
  std::string reason;  // why, e.g. "start recorded on the wrong convention"
  std::string by;      // who voided it
  Date recorded_on;
};

// What one convention's obligation is, from its frozen rule period.
struct ObligationTerms {
  int years = 0;  // 0: the scheme binds to nothing
  StartTrigger trigger = StartTrigger::kInstallation;
  int start_within_months = 0;  // 0: no deadline to start
  SuspensionEffect suspension = SuspensionEffect::kExtends;
  std::string evidence;          // expected every year of practice; empty when none
  Date signed_on;                // the start of an "aid-granted" obligation
  std::string departement_code;  // where practice must take place, e.g. "41"
};
ObligationTerms obligation_terms(const ObligationRule& rule, Date signed_on,
                                 std::string departement_code);

enum class ObligationState {
  kAwaitingStart,    // "awaiting-start": not started, the deadline (if any) not passed
  kStartOverdue,     // "start-overdue": not started and the deadline passed
  kStartedLate,      // "started-late": started after the deadline, and the département
                     // has not decided on it (neither a breach nor an acceptance)
  kRunning,          // "running": started, on track (possibly suspended)
  kEvidenceOverdue,  // "evidence-overdue": a yearly proof due has not been received
  kFulfilled,        // "fulfilled": every year served, every proof received
  kBreached,         // "breached": broken by a move, a stop or a breach found
};
inline constexpr int kObligationStates = 7;
std::string_view to_string(ObligationState s);
// The states that call for action: start-overdue, started-late,
// evidence-overdue, breached.
bool needs_action(ObligationState s);

// Where an obligation stands on a date. Dates are nullopt when not (yet)
// known on that date.
struct ObligationStatus {
  ObligationState state = ObligationState::kAwaitingStart;
  std::optional<Date> diploma;
  std::optional<Date> deadline;  // last day to start
  std::optional<Date> start;
  std::optional<Date> end;       // last day owed, pushed back by the suspensions so
                                 // far (an open one counted up to the date asked,
                                 // or up to the day before a breach)
  int months_owed = 0;
  int months_served = 0;  // whole months served by the date (or the breach)
  int months_left = 0;
  int suspended_days = 0;                 // days that pushed the end back
  std::optional<Date> suspended_since;    // an open suspension
  std::string suspension_reason;          // of the open suspension
  int evidence_due = 0;                   // proofs whose due date is past
  int evidence_received = 0;
  std::optional<Date> next_evidence;      // due date of the next proof
  std::optional<Date> breach;             // first breaching event on or before the date
  ObligationEventKind breach_kind = ObligationEventKind::kBreach;
  std::string decision;                   // on the breach, e.g. "recovery order TR-2028-00001"
  std::string commune;                    // of the latest start or move
  std::string late_start_accepted;        // the département's decision accepting a start
                                          // after the deadline (the start event's reason)
};

// The state on `as_of` from `events` (sorted by date, then id; those dated
// after as_of are ignored). Rules, in this order:
// - breached: a breaching event on or before the last day owed;
// - before the start (the start is the diploma for "diploma", the signature
//   for "aid-granted", else the recorded start): start-overdue once as_of is
//   past the deadline (diploma + N months for "within-months-of-diploma",
//   signature + N months for an "installation" with start_within_months),
//   else awaiting-start;
// - started-late: the recorded start is after the deadline (a start on the
//   deadline is on time) and its event carries no decision accepting it (an
//   empty reason). It wins over running, evidence-overdue and fulfilled, so
//   that a missed deadline stays on every report, even past the last day
//   owed, until the département decides: a breach (then breached) or an
//   acceptance recorded on the start (then the rules below). The time served,
//   the end and the proofs due are counted from the actual start, as for a
//   running obligation;
// - after the last day owed: fulfilled when every proof was received, else
//   evidence-overdue;
// - otherwise running, or evidence-overdue when a proof due is missing. The
//   k-th proof received answers year k and is due on the last day of year k
//   of served time.
ObligationStatus obligation_status(const ObligationTerms& terms,
                                   std::span<const ObligationEvent> events, Date as_of);

// One line on what the state hinges on, for listings: "to start by
// 2027-10-20", "diploma not recorded", "no start recorded by 2026-07-04:
// decide on the breach, or record the start with --late-start-accepted once
// the département accepts it", "suspended since 2027-03-01
// (parental-leave)", "yearly-certificate 2 of 3 due 2028-11-01 not
// received", "moved out of the département on 2028-03-14 (37261); recovery
// order TR-2028-00001", "started 2027-03-01, 240 days after the deadline
// 2026-07-04: record a breach, or void the start and record it again with
// --late-start-accepted"... A late start that was accepted adds "started 240
// days after the deadline 2026-07-04, accepted: <decision>" to the line of
// a running, evidence-overdue or fulfilled obligation.
// Empty when there is nothing to add.
std::string describe_status(const ObligationTerms& terms, const ObligationStatus& s);

// "on 2027-09-01 the obligation is running", then describe_status's line
// in brackets when it has one: what a recording says, and what a refusal
// that hangs on the state says of it (one dated after the last day owed
// of an obligation that is not fulfilled, which must not be called so).
std::string state_sentence(const ObligationTerms& terms, const ObligationStatus& s, Date on);

// Calendar months from `from` to `to` that are complete (MonthEnd::kClamp):
// the largest m with add_months(from, m) <= to; 0 when to < from.
int whole_months(Date from, Date to);

// Time served between a start and a date, on the served clock.
struct ServedTime {
  Date start;
  int calendar_days = 0;   // from the start to the date (0 when before it)
  int suspended_days = 0;  // of those, suspended (counted only with kExtends)
  int days = 0;            // calendar_days - suspended_days
  int months = 0;          // whole months of `days`
  int owed_days = 0;       // the obligation's length in days from the start
  int owed_months = 0;     // 12 × years
};
// Served time up to (not including) `until`, counting the suspensions in
// `events` dated before it. nullopt when the obligation has not started by
// `until` (see obligation_status for when it starts).
std::optional<ServedTime> served_until(const ObligationTerms& terms,
                                       std::span<const ObligationEvent> events, Date until);

}  // namespace grants
