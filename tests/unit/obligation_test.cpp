// Obligation state at a date, from events: each state, the served clock,
// suspensions that extend or count, and the answer at an earlier date being
// what was true then.
#include "grants/obligation.h"

#include <doctest/doctest.h>

#include "testing.h"

#include <string>
#include <vector>

using namespace grants;
using grants::testing::day;

namespace {

// The intern bursary's terms: 3 years, start within 12 months of the
// diploma, suspensions extend it, a yearly certificate.
ObligationTerms intern() {
  ObligationRule r;
  r.years = 3;
  r.trigger = StartTrigger::kWithinMonthsOfDiploma;
  r.start_within_months = 12;
  r.suspension = SuspensionEffect::kExtends;
  r.evidence = "yearly-certificate";
  return obligation_terms(r, day("2024-10-20"), "41");
}

ObligationEvent event(ObligationEventKind k, const char* on, std::string reason = {}, std::string commune = {}) {
  ObligationEvent e;
  e.kind = k;
  e.on = day(on);
  e.reason = std::move(reason);
  e.commune = std::move(commune);
  if (k == ObligationEventKind::kEvidence) e.evidence = "yearly-certificate";
  return e;
}

using K = ObligationEventKind;
using S = ObligationState;

std::vector<ObligationEvent> started() {
  return {event(K::kDiploma, "2026-10-15"), event(K::kStart, "2026-11-02", "", "41018")};
}

std::string state_on(const ObligationTerms& t, const std::vector<ObligationEvent>& e, const char* on) {
  return std::string(to_string(obligation_status(t, e, day(on)).state));
}

}  // namespace

TEST_CASE("obligation: awaiting the diploma, then a deadline to start, then overdue") {
  const ObligationTerms t = intern();
  std::vector<ObligationEvent> e;
  auto s = obligation_status(t, e, day("2026-06-01"));
  CHECK(s.state == S::kAwaitingStart);
  CHECK_FALSE(s.deadline);
  CHECK(describe_status(t, s) == "diploma not recorded");

  e.push_back(event(K::kDiploma, "2026-10-15"));
  s = obligation_status(t, e, day("2027-10-15"));
  CHECK(s.state == S::kAwaitingStart);
  CHECK(*s.deadline == day("2027-10-15"));
  CHECK(describe_status(t, s) == "to start by 2027-10-15");

  s = obligation_status(t, e, day("2027-10-16"));
  CHECK(s.state == S::kStartOverdue);
  CHECK(describe_status(t, s) == "no start recorded by 2027-10-15");
  CHECK(s.months_left == 36);
}

TEST_CASE("obligation: running with months served and left, and the next yearly certificate") {
  const auto s = obligation_status(intern(), started(), day("2027-03-14"));
  CHECK(s.state == S::kRunning);
  CHECK(*s.start == day("2026-11-02"));
  CHECK(*s.end == day("2029-11-01"));  // 36 months from the start, its last day
  CHECK(s.months_owed == 36);
  CHECK(s.months_served == 4);  // 2026-11-02 + 4 months = 2027-03-02
  CHECK(s.months_left == 32);
  CHECK(*s.next_evidence == day("2027-11-01"));  // the last day of the first year
  CHECK(s.commune == "41018");
}

TEST_CASE("obligation: a yearly certificate not received the day after its year is overdue") {
  auto e = started();
  CHECK(state_on(intern(), e, "2027-11-01") == "running");
  CHECK(state_on(intern(), e, "2027-11-02") == "evidence-overdue");
  const auto s = obligation_status(intern(), e, day("2027-11-02"));
  CHECK(describe_status(intern(), s) == "yearly-certificate 1 of 3 due 2027-11-01 not received");
  e.push_back(event(K::kEvidence, "2027-10-20"));
  CHECK(state_on(intern(), e, "2027-11-02") == "running");
  CHECK(*obligation_status(intern(), e, day("2027-11-02")).next_evidence == day("2028-11-01"));
}

TEST_CASE("obligation: fulfilled after the last day with every certificate, else overdue") {
  auto e = started();
  e.push_back(event(K::kEvidence, "2027-10-20"));
  e.push_back(event(K::kEvidence, "2028-10-25"));
  CHECK(state_on(intern(), e, "2029-11-02") == "evidence-overdue");
  e.push_back(event(K::kEvidence, "2029-10-30"));
  CHECK(state_on(intern(), e, "2029-11-01") == "running");
  const auto s = obligation_status(intern(), e, day("2029-11-02"));
  CHECK(s.state == S::kFulfilled);
  CHECK(s.months_served == 36);
  CHECK(s.months_left == 0);
  CHECK_FALSE(s.next_evidence);
}

TEST_CASE("obligation: the state at an earlier date ignores later events") {
  auto e = started();
  e.push_back(event(K::kMovedOut, "2028-03-14", "", "37261"));
  CHECK(state_on(intern(), e, "2026-10-01") == "awaiting-start");
  CHECK(state_on(intern(), e, "2026-10-20") == "awaiting-start");
  CHECK(state_on(intern(), e, "2027-01-01") == "running");
  CHECK(state_on(intern(), e, "2028-03-13") == "evidence-overdue");
  const auto s = obligation_status(intern(), e, day("2028-03-14"));
  CHECK(s.state == S::kBreached);
  CHECK(*s.breach == day("2028-03-14"));
  CHECK(s.months_served == 16);
  CHECK(describe_status(intern(), s) == "moved out of the département on 2028-03-14 (37261)");
}

TEST_CASE("obligation: a suspension that extends pushes the end and the certificates back") {
  auto e = started();
  e.push_back(event(K::kSuspend, "2027-03-01", "parental-leave"));
  // Open on 2027-04-10: counted up to that day.
  auto s = obligation_status(intern(), e, day("2027-04-10"));
  CHECK(s.state == S::kRunning);
  CHECK(*s.suspended_since == day("2027-03-01"));
  CHECK(describe_status(intern(), s) == "suspended since 2027-03-01 (parental-leave)");
  CHECK(s.suspended_days == 41);  // 2027-03-01 to 2027-04-10
  CHECK(s.months_served == 3);    // frozen since March: 119 days served

  e.push_back(event(K::kResume, "2027-06-30"));  // 122 days suspended
  s = obligation_status(intern(), e, day("2027-12-01"));
  CHECK_FALSE(s.suspended_since);
  CHECK(s.suspended_days == 122);
  CHECK(*s.end == day("2029-11-01") + boost::gregorian::days(122));
  CHECK(*s.next_evidence == day("2027-11-01") + boost::gregorian::days(122));
  CHECK(s.months_served == 8);  // 394 days less 122 = 272 served: 2026-11-02 + 272 days = 2027-08-01
}

TEST_CASE("obligation: suspended time counts when the scheme says so") {
  ObligationRule r;
  r.years = 5;
  r.trigger = StartTrigger::kAidGranted;
  r.suspension = SuspensionEffect::kCounts;
  const ObligationTerms t = obligation_terms(r, day("2025-01-06"), "41");
  std::vector<ObligationEvent> e{event(K::kSuspend, "2026-01-01", "other"), event(K::kResume, "2026-06-30")};
  const auto s = obligation_status(t, e, day("2027-01-06"));
  CHECK(s.state == S::kRunning);  // no proof expected
  CHECK(*s.start == day("2025-01-06"));
  CHECK(*s.end == day("2030-01-05"));
  CHECK(s.suspended_days == 0);
  CHECK(s.months_served == 24);
  CHECK(state_on(t, e, "2030-01-06") == "fulfilled");
  CHECK(state_on(t, {}, "2025-01-05") == "awaiting-start");  // before the aid was granted
}

TEST_CASE("obligation: a breach after the last day owed breaks nothing") {
  ObligationRule r;
  r.years = 1;
  r.trigger = StartTrigger::kDiploma;
  const ObligationTerms t = obligation_terms(r, day("2025-04-18"), "41");
  std::vector<ObligationEvent> e{event(K::kDiploma, "2027-05-10"), event(K::kStopped, "2028-05-10")};
  CHECK(*obligation_status(t, e, day("2028-05-10")).end == day("2028-05-09"));
  CHECK(state_on(t, e, "2028-05-10") == "fulfilled");
  e.back().on = day("2028-05-09");
  CHECK(state_on(t, e, "2028-05-10") == "breached");
}

TEST_CASE("obligation: an installation deadline runs from the signature") {
  ObligationRule r;
  r.years = 3;
  r.trigger = StartTrigger::kInstallation;
  r.start_within_months = 6;
  const ObligationTerms t = obligation_terms(r, day("2025-08-31"), "41");
  const auto s = obligation_status(t, {}, day("2026-02-28"));
  CHECK(*s.deadline == day("2026-02-28"));  // 31 August + 6 months, clamped
  CHECK(s.state == S::kAwaitingStart);
  CHECK(state_on(t, {}, "2026-03-01") == "start-overdue");
}

TEST_CASE("obligation: whole months are complete calendar months, the month end clamped") {
  CHECK(whole_months(day("2026-01-31"), day("2026-02-27")) == 0);
  CHECK(whole_months(day("2026-01-31"), day("2026-02-28")) == 1);
  CHECK(whole_months(day("2026-11-02"), day("2028-03-01")) == 15);
  CHECK(whole_months(day("2026-11-02"), day("2028-03-02")) == 16);
  CHECK(whole_months(day("2026-11-02"), day("2026-11-01")) == 0);
}

TEST_CASE("obligation: served time up to a breach, less the suspended days") {
  auto e = started();
  e.push_back(event(K::kSuspend, "2027-03-01", "illness"));
  e.push_back(event(K::kResume, "2027-06-30"));
  const auto t = served_until(intern(), e, day("2028-03-14"));
  REQUIRE(t);
  CHECK(t->calendar_days == 498);
  CHECK(t->suspended_days == 122);
  CHECK(t->days == 376);
  CHECK(t->months == 12);
  CHECK(t->owed_days == 1096);
  CHECK(t->owed_months == 36);
  const std::vector<ObligationEvent> graduated{event(K::kDiploma, "2026-10-15")};
  CHECK_FALSE(served_until(intern(), graduated, day("2026-12-01")));
}

TEST_CASE("obligation: names of events, reasons and states") {
  CHECK(*parse_obligation_event_kind("moved-out") == K::kMovedOut);
  CHECK_FALSE(parse_obligation_event_kind("left").ok());
  CHECK(*parse_suspension_reason("military-service") == SuspensionReason::kMilitaryService);
  CHECK(parse_suspension_reason("holidays").error().message() ==
        "suspension reason \"holidays\": expected parental-leave, illness, military-service, training or other");
  CHECK(to_string(S::kEvidenceOverdue) == "evidence-overdue");
  CHECK(needs_action(S::kBreached));
  CHECK_FALSE(needs_action(S::kRunning));
  CHECK(is_breach(K::kLeftZone));
  CHECK_FALSE(is_breach(K::kMove));
}
