// The operations of staff checking practice obligations, one function each
// (see service.h for the conventions): recording what happens to an
// obligation, showing it, and the compliance check over every convention.
//
// An obligation's terms come from the rule version frozen at the signature
// of its convention. Each function validates its input and writes through
// the Store in one transaction; on any error nothing is written.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "grants/obligation.h"
#include "grants/result.h"
#include "grants/store.h"

namespace grants {

// What a command records. Each kind needs:
//   kDiploma                  on
//   kStart                    on, commune (in the département), optional
//                             late_start_accepted: the département's decision
//                             accepting a start after the deadline (stored as
//                             the event's reason)
//   kEvidence                 on, evidence (the kind the scheme expects), reference
//   kSuspend                  on (first day), reason (a SuspensionReason), optional to (last day)
//   kResume                   on (the last day of the open suspension), optional
//                             reason (that of the open suspension)
//   kMove                     on, commune: a commune outside the département
//                             records kMovedOut, a breach
//   kLeftZone, kStopped       on, optional reference (a note)
struct ObligationEventRequest {
  std::int64_t agreement_id = 0;
  ObligationEventKind kind = ObligationEventKind::kStart;
  Date on;
  std::optional<Date> to;
  std::string reason;
  std::optional<std::string> late_start_accepted;  // kStart: a blank one given is refused
  std::string commune;
  std::string evidence;
  std::string reference;
  Date recorded_on;
};

// A convention, and the rule version its obligation and clawback come from.
struct ConventionRules {
  std::int64_t agreement_id = 0;
  std::string beneficiary_ref;
  std::string scheme_id;
  std::string rule_file;
  std::string rule_sha256;
  Date rule_period_from;
  static ConventionRules of(const Agreement& g) {
    return {g.id, g.beneficiary_ref, g.scheme_id, g.rule_file, g.rule_sha256, g.rule_period_from};
  }
};

// An obligation as it stands on a date, with its terms and events.
struct ObligationView {
  ConventionRules convention;
  // The convention's state on as_of (see convention_state_on): a terminated
  // convention pays nothing more, its obligation still runs.
  AgreementState convention_state = AgreementState::kActive;
  ObligationTerms terms;
  ClawbackPolicy clawback;
  std::vector<ObligationEvent> events;  // in force, by date then id
  std::vector<std::pair<ObligationEvent, EventVoid>> voided;  // by id
  Date as_of;
  ObligationStatus status;
};

// The state of convention `g` on `on`, from its events: terminated once a
// termination is effective on or before `on`, else suspended when its last
// suspension or resumption by then is a suspension, else active.
AgreementState convention_state_on(const Agreement& g, Date on);

// The obligation of a convention on `as_of`. NotFound for an unknown
// convention; Conflict when its scheme sets no obligation (0 years);
// InvalidInput, naming --as-of, for a date before the signature.
Result<ObligationView> show_obligation(Store& store, std::int64_t agreement_id, Date as_of);

// What recording an event gives: the events stored, with their ids (one,
// or a suspension and its resumption when --to is given), and the
// obligation as it stands on the event's date.
struct RecordedEvents {
  std::vector<ObligationEvent> recorded;
  ObligationView obligation;
  // When the events break the obligation (a stop, a move out, a departure
  // from the zone), what that does to the convention's payments: its unpaid
  // instalments, which batches now hold until the département decides on
  // the clawback, and its payments already in a batch the bank has not paid
  // (draft, approved or exported), with that batch's state, which no hold
  // stops. Both empty otherwise.
  std::vector<Instalment> held;
  std::vector<std::pair<AgreementPayment, BatchState>> in_batches;
};

// Records an event and returns it with the obligation as it stands on the
// event's date. InvalidInput for an event (or the end of a suspension)
// dated after r.recorded_on, today: an event records what has happened.
// Events are recorded in date order (a proof of practice excepted):
// Conflict for an event dated before the last one, for an event that does
// not fit the obligation's state on its date (a start recorded twice, a
// resumption without suspension, a proof before the start, anything after a
// breach, anything but a proof after the last day owed...), naming what is
// recorded. InvalidInput for a commune that is not an INSEE code, a start
// outside the département, a proof of another kind than the scheme expects,
// an unknown suspension reason, a suspension ending before it begins, and a
// late start accepted with a blank decision, on a start that is not after
// its deadline, or before the deadline is known (no diploma recorded, or a
// scheme that sets none).
Result<RecordedEvents> record_obligation_event(Store& store, const ObligationEventRequest& r);

// Voids an event recorded by mistake (see EventVoid); a corrected event is
// then recorded again with the usual command.
struct VoidEventRequest {
  std::int64_t event_id = 0;
  std::string reason;
  std::string by;
  Date on;     // when the void is recorded
  Date today;  // the void is dated no later
};

// Voids an event and returns the obligation as it stands on r.on, without
// it. InvalidInput for a blank reason or name, for a void dated after
// today (it counts from the moment it is recorded, whatever its date), and
// for one dated before the event was recorded (its recorded_on).
// NotFound for an unknown event.
// Conflict when the event is already voided, when the département has
// decided on a breach of the obligation (a recovery order or a waiver was
// based on its events), or when the events left would not have been
// accepted one after the other (e.g. a resumption whose suspension is
// voided), naming the event that no longer fits and why.
Result<ObligationView> void_obligation_event(Store& store, const VoidEventRequest& r);

// One line of the compliance check. References are valid during the call.
struct ComplianceLine {
  std::int64_t agreement_id = 0;
  AgreementState convention_state = AgreementState::kActive;  // on the date of the check
  const std::string& beneficiary_ref;
  const std::string& scheme_id;
  const ObligationTerms& terms;
  const ObligationStatus& status;
};

struct ComplianceSummary {
  Date as_of;
  std::int64_t total = 0;
  std::array<std::int64_t, kObligationStates> by_state{};  // indexed by ObligationState
  std::map<std::string, std::array<std::int64_t, kObligationStates>> by_scheme;
  // Obligations in a state that needs_action: start-overdue, started-late,
  // evidence-overdue or breached.
  std::int64_t needing_action() const;
};

// Every obligation of a convention signed on or before `as_of`, whatever
// the convention's state (a terminated convention's obligation still runs,
// or is broken), in convention order, with the convention's state and the
// obligation's on that date, passed to `each` as it is
// computed (nothing is kept but the counts), then the counts per state and
// per scheme. Conventions whose scheme sets no obligation are left out.
Result<ComplianceSummary> check_compliance(Store& store, Date as_of,
                                           const std::function<void(const ComplianceLine&)>& each);

}  // namespace grants
