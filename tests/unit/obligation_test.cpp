// Obligation state at a date, from events: each state, the served clock,
// suspensions that extend or count, and the answer at an earlier date being
// what was true then.
#include "grants/obligation.h"
#include "grants/obligation_service.h"

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

// An equipment aid's terms: 3 years from the installation, which must come
// within `within` months of the signature on 2025-08-31 (0: no deadline).
ObligationTerms installation(int within) {
  ObligationRule r;
  r.years = 3;
  r.trigger = StartTrigger::kInstallation;
  r.start_within_months = within;
  return obligation_terms(r, day("2025-08-31"), "41");
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

// "state (detail)", or the state alone when the detail is empty, as the
// CLI says it.
std::string line_on(const ObligationTerms& t, const std::vector<ObligationEvent>& e, const char* on) {
  const ObligationStatus s = obligation_status(t, e, day(on));
  const std::string detail = describe_status(t, s);
  return std::string(to_string(s.state)) + (detail.empty() ? "" : " (" + detail + ")");
}

// Graduated on 2025-07-04, so the deadline to start is 2026-07-04; started
// on 2027-03-01, 240 days after it, with `decision` accepting it (empty:
// none recorded).
std::vector<ObligationEvent> started_late(std::string decision = {}) {
  return {event(K::kDiploma, "2025-07-04"), event(K::kStart, "2027-03-01", std::move(decision), "41194")};
}

const std::string kLateStart =
    "started 2027-03-01, 240 days after the deadline 2026-07-04: record a breach, or void the start and record it "
    "again with --late-start-accepted";
const char* const kDecision = "délibération CP-2027-03 du 2027-04-10";
const std::string kAccepted = "started 240 days after the deadline 2026-07-04, accepted: " + std::string(kDecision);

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
  CHECK(describe_status(t, s) ==
        "no start recorded by 2027-10-15: decide on the breach, or record the start with --late-start-accepted once "
        "the département accepts it");
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
  const ObligationTerms t = installation(6);
  const auto s = obligation_status(t, {}, day("2026-02-28"));
  CHECK(*s.deadline == day("2026-02-28"));  // 31 August + 6 months, clamped
  CHECK(s.state == S::kAwaitingStart);
  CHECK(state_on(t, {}, "2026-03-01") == "start-overdue");
}

TEST_CASE("obligation: a start after the deadline is started-late, counted from the actual start") {
  const auto e = started_late();
  CHECK(state_on(intern(), e, "2027-02-28") == "start-overdue");
  const auto s = obligation_status(intern(), e, day("2027-09-15"));
  CHECK(s.state == S::kStartedLate);
  CHECK(needs_action(s.state));
  CHECK(describe_status(intern(), s) == kLateStart);
  CHECK(*s.deadline == day("2026-07-04"));
  CHECK(*s.start == day("2027-03-01"));
  CHECK(*s.end == day("2030-02-28"));
  CHECK(s.months_served == 6);
  CHECK(s.months_left == 30);
  CHECK(*s.next_evidence == day("2028-02-29"));
  CHECK(s.late_start_accepted.empty());
}

TEST_CASE("obligation: a late start the département accepted runs, the decision shown") {
  auto e = started_late(kDecision);
  const auto s = obligation_status(intern(), e, day("2027-09-15"));
  CHECK(s.late_start_accepted == kDecision);
  CHECK(s.months_served == 6);
  CHECK(line_on(intern(), e, "2027-09-15") == "running (" + kAccepted + ")");
  CHECK(line_on(intern(), e, "2028-03-01") ==
        "evidence-overdue (yearly-certificate 1 of 3 due 2028-02-29 not received; " + kAccepted + ")");
  e.push_back(event(K::kEvidence, "2028-02-20"));
  e.push_back(event(K::kSuspend, "2028-04-01", "illness"));
  CHECK(line_on(intern(), e, "2028-04-10") == "running (suspended since 2028-04-01 (illness); " + kAccepted + ")");
}

TEST_CASE("obligation: a start on the deadline is on time, the day after is late") {
  std::vector<ObligationEvent> e{event(K::kDiploma, "2025-07-04"), event(K::kStart, "2026-07-04", "", "41194")};
  CHECK(line_on(intern(), e, "2026-09-01") == "running");
  e.back().on = day("2026-07-05");
  CHECK(line_on(intern(), e, "2026-09-01") ==
        "started-late (started 2026-07-05, 1 day after the deadline 2026-07-04: record a breach, or void the start "
        "and record it again with --late-start-accepted)");
}

TEST_CASE("obligation: a late start then a breach is breached, served time counted from the start") {
  auto e = started_late();
  e.push_back(event(K::kMovedOut, "2028-03-14", "", "37261"));
  CHECK(state_on(intern(), e, "2028-03-13") == "started-late");
  const auto s = obligation_status(intern(), e, day("2028-03-14"));
  CHECK(s.state == S::kBreached);
  CHECK(describe_status(intern(), s) == "moved out of the département on 2028-03-14 (37261)");
  CHECK(s.months_served == 12);
  CHECK(s.months_left == 24);
  // What a clawback counts as served: the same as for a start on time.
  const auto t = served_until(intern(), e, day("2028-03-14"));
  REQUIRE(t);
  CHECK(t->start == day("2027-03-01"));
  CHECK(t->days == 379);
  CHECK(t->months == 12);
}

TEST_CASE("obligation: a late start never decided on is still started-late past the last day owed") {
  auto e = started_late();
  for (const char* on : {"2028-02-20", "2029-02-20", "2030-02-20"}) e.push_back(event(K::kEvidence, on));
  const auto s = obligation_status(intern(), e, day("2030-03-01"));
  CHECK(s.state == S::kStartedLate);
  CHECK(describe_status(intern(), s) == kLateStart);
  CHECK(s.months_served == 36);
  CHECK(s.months_left == 0);
  e[1].reason = kDecision;
  CHECK(line_on(intern(), e, "2030-03-01") == "fulfilled (" + kAccepted + ")");
}

TEST_CASE("obligation: an installation started after signature + N months is started-late") {
  const ObligationTerms t = installation(6);
  std::vector<ObligationEvent> e{event(K::kStart, "2026-03-02", "", "41269")};
  CHECK(state_on(t, e, "2026-03-01") == "start-overdue");
  CHECK(line_on(t, e, "2026-03-02") ==
        "started-late (started 2026-03-02, 2 days after the deadline 2026-02-28: record a breach, or void the start "
        "and record it again with --late-start-accepted)");
  CHECK(*obligation_status(t, e, day("2026-03-02")).end == day("2029-03-01"));

  e.back().on = day("2026-02-28");
  CHECK(state_on(t, e, "2026-03-02") == "running");

  // Without start_within_months, no start is late.
  e.back().on = day("2027-06-01");
  CHECK(state_on(installation(0), e, "2027-06-01") == "running");
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

TEST_CASE("obligation: a breach during an open suspension ends it: the end no longer moves with the date asked") {
  auto e = started();
  e.push_back(event(K::kSuspend, "2028-01-01", "training"));
  e.push_back(event(K::kStopped, "2028-06-01"));
  // Suspended from 2028-01-01 to 2028-05-31, the day before the first day
  // not served: 152 days, as the clawback counts them.
  const auto t = served_until(intern(), e, day("2028-06-01"));
  REQUIRE(t);
  CHECK(t->suspended_days == 152);
  for (const char* on : {"2028-06-01", "2030-06-30", "2035-01-01"}) {
    const std::string asked = on;
    CAPTURE(asked);
    const auto s = obligation_status(intern(), e, day(on));
    CHECK(s.state == S::kBreached);
    CHECK(s.suspended_days == 152);
    CHECK(*s.end == day("2029-11-01") + boost::gregorian::days(152));  // 2030-04-02
    CHECK(s.months_served == 13);  // 577 days less 152 = 425 served: 2026-11-02 + 425 days = 2028-01-01
  }
  // Stopped on the first day suspended: no day suspended.
  auto same_day = started();
  same_day.push_back(event(K::kSuspend, "2028-01-01", "training"));
  same_day.push_back(event(K::kStopped, "2028-01-01"));
  const auto s = obligation_status(intern(), same_day, day("2030-06-30"));
  CHECK(s.suspended_days == 0);
  CHECK(*s.end == day("2029-11-01"));
}

TEST_CASE("obligation: names of events, reasons and states") {
  CHECK(*parse_obligation_event_kind("moved-out") == K::kMovedOut);
  CHECK_FALSE(parse_obligation_event_kind("left").ok());
  CHECK(*parse_suspension_reason("military-service") == SuspensionReason::kMilitaryService);
  CHECK(parse_suspension_reason("holidays").error().message() ==
        "suspension reason \"holidays\": expected parental-leave, illness, military-service, training or other");
  CHECK(to_string(S::kEvidenceOverdue) == "evidence-overdue");
  CHECK(to_string(S::kStartedLate) == "started-late");
  CHECK(needs_action(S::kStartedLate));
  CHECK(needs_action(S::kBreached));
  CHECK_FALSE(needs_action(S::kRunning));
  CHECK(is_breach(K::kLeftZone));
  CHECK_FALSE(is_breach(K::kMove));
}

TEST_CASE("obligation: a day two suspensions share is suspended once") {
  auto e = started();
  e.push_back(event(K::kSuspend, "2027-03-01", "illness"));
  e.push_back(event(K::kResume, "2027-03-31"));
  e.push_back(event(K::kSuspend, "2027-03-31", "illness"));  // recorded before such overlaps were refused
  e.push_back(event(K::kResume, "2027-04-30"));
  // 2027-03-01 to 2027-04-30: 61 days, as for adjacent suspensions.
  const auto s = obligation_status(intern(), e, day("2028-01-01"));
  CHECK(s.suspended_days == 61);
  CHECK(*s.end == day("2029-11-01") + boost::gregorian::days(61));
  const auto t = served_until(intern(), e, day("2028-01-01"));
  REQUIRE(t);
  CHECK(t->suspended_days == 61);
  CHECK(t->days == 425 - 61);  // 2026-11-02 to 2028-01-01: 425 days
}

TEST_CASE("convention state on a date: terminated once effective, else suspended until resumed") {
  // As the compliance check's query reads it (store_obligations_test.cpp).
  Agreement g;
  g.id = 3;
  using A = AgreementEventKind;
  g.events = {{1, 3, A::kSuspend, day("2025-03-01"), "congé", 0, 0},
              {2, 3, A::kResume, day("2025-06-01"), "reprise", 3, 0},
              {3, 3, A::kSuspend, day("2025-08-01"), "césure", 0, 0},
              {4, 3, A::kTerminate, day("2025-09-30"), "abandon", 0, 1}};
  auto on = [&](const char* d) { return std::string(to_string(convention_state_on(g, day(d)))); };
  CHECK(on("2025-02-28") == "active");
  CHECK(on("2025-03-01") == "suspended");
  CHECK(on("2025-05-31") == "suspended");
  CHECK(on("2025-06-01") == "active");
  CHECK(on("2025-08-01") == "suspended");
  CHECK(on("2025-09-29") == "suspended");
  CHECK(on("2025-09-30") == "terminated");
}
