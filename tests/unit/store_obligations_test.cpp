// The storage contract of obligations, CESP declarations and recovery
// orders, written against the Store interface only, like store_test.cpp:
// obligations_contract() takes a source of fresh, empty database URLs, so
// the same cases can run on PostgreSQL once it is built.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>

#include "grants/store.h"
#include "testing.h"

using namespace grants;
using namespace grants::testing;

namespace {

template <class T>
const T& ok(const Result<T>& r) {
  REQUIRE_MESSAGE(r.ok(), why(r));
  return r.value();
}

using FreshUrl = std::function<std::string()>;

const std::string kSha(64, 'c');

// Stores a beneficiary, an approved application and its convention signed
// on `signed_on`; returns the convention id.
std::int64_t convention(Store& store, const std::string& ref, const char* scheme, const char* signed_on) {
  Beneficiary b;
  b.ref = ref;
  b.name = "Martin";
  b.profession = "general-medicine-intern";
  b.commune = "41018";
  REQUIRE(store.add_beneficiaries({b}).ok());
  const auto found = ok(store.find_beneficiary(std::string_view(ref)));
  Application a;
  a.beneficiary_id = found->id;
  a.scheme_id = scheme;
  a.submitted_on = day("2024-09-02");
  a.eligible = true;
  a.id = ok(store.add_application(a));
  REQUIRE(store.record_decision(a.id, {ApplicationState::kApproved, "CP-1", day("2024-09-10"), ""}).ok());
  Agreement g;
  g.application_id = a.id;
  g.beneficiary_id = found->id;
  g.scheme_id = scheme;
  g.signed_on = day(signed_on);
  g.start = day(signed_on);
  g.rule_file = "loir-et-cher.toml";
  g.rule_sha256 = kSha;
  g.rule_period_from = day("2022-07-01");
  g.schedule.award = Money::from_cents(100000);
  g.schedule.instalments = {{1, day(signed_on), Money::from_cents(100000), day(signed_on), day(signed_on)}};
  g.departement_code = "41";
  g.expense_account = "6513";
  g.payable_account = "4671";
  g.receivable_account = "4641";
  return ok(store.add_agreement(g, {kSha, "loir-et-cher.toml", "# rules\n"}));
}

ObligationEvent event(std::int64_t agreement, ObligationEventKind k, const char* on, std::string reason = {},
                      std::string commune = {}) {
  ObligationEvent e;
  e.agreement_id = agreement;
  e.kind = k;
  e.on = day(on);
  e.reason = std::move(reason);
  e.commune = std::move(commune);
  e.reference = "réf. É-1";
  e.recorded_on = day("2026-11-23");
  if (k == ObligationEventKind::kEvidence) e.evidence = "yearly-certificate";
  return e;
}

RecoveryOrder order_of(std::int64_t agreement, const char* number) {
  RecoveryOrder o;
  o.number = number;
  o.agreement_id = agreement;
  o.breach = day("2028-03-14");
  o.formula = "pro-rata by month";
  o.amount = Money::from_cents(933333);
  o.explanation = "amount: 9 333,33 €\n";
  o.notice_on = day("2028-04-02");
  o.answer_by = day("2028-05-02");
  o.decided_on = day("2028-05-15");
  o.issued_by = "Claire Martin";
  o.due = day("2028-06-15");
  o.receivable_account = "4641";
  o.recovery_account = "773";
  o.plan = recovery_plan(o.amount, 2, o.due, 0, Rounding::kHalfEven);
  return o;
}

using K = ObligationEventKind;

void obligations_contract(const FreshUrl& fresh_url) {
  auto opened = open_store(fresh_url());
  REQUIRE(opened.ok());
  Store& store = **opened;
  REQUIRE(store.migrate().ok());

  SUBCASE("obligation events round-trip every field, in date order") {
    const auto id = convention(store, "B-0001", "loir-et-cher/intern-bursary", "2024-10-20");
    REQUIRE(store
                .add_obligation_events({event(id, K::kStart, "2026-11-02", "", "41018"),
                                        event(id, K::kDiploma, "2026-10-15"),
                                        event(id, K::kSuspend, "2027-03-01", "parental-leave")})
                .ok());
    const auto events = ok(store.obligation_events(id));
    REQUIRE(events.size() == 3);
    CHECK(events[0].kind == K::kDiploma);
    CHECK(events[1].kind == K::kStart);
    CHECK(events[1].commune == "41018");
    CHECK(events[1].reference == "réf. É-1");
    CHECK(events[1].recorded_on == day("2026-11-23"));
    CHECK(events[2].reason == "parental-leave");
    CHECK(events[0].id > 0);
    CHECK(events[1].id < events[0].id);  // recorded first
  }

  SUBCASE("an event of an unknown convention, or a suspension without a listed reason, writes nothing") {
    const auto id = convention(store, "B-0001", "loir-et-cher/intern-bursary", "2024-10-20");
    auto unknown = store.add_obligation_events({event(id + 100, K::kDiploma, "2026-10-15")});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code() == ErrorCode::kNotFound);
    auto bad = store.add_obligation_events({event(id, K::kDiploma, "2026-10-15"),
                                            event(id, K::kSuspend, "2027-01-01", "holidays")});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code() == ErrorCode::kStorage);
    CHECK(ok(store.obligation_events(id)).empty());
  }

  SUBCASE("the compliance read gives each convention signed by a date with its events by then, in chunks") {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 5; ++i)
      ids.push_back(convention(store, "B-000" + std::to_string(i), "loir-et-cher/intern-bursary", "2024-10-20"));
    const auto late = convention(store, "B-0009", "loir-et-cher/equipment-aid", "2027-01-05");
    REQUIRE(store
                .add_obligation_events({event(ids[1], K::kDiploma, "2026-10-15"),
                                        event(ids[1], K::kStart, "2026-11-02", "", "41018"),
                                        event(ids[1], K::kMovedOut, "2028-03-14", "", "37261"),
                                        event(ids[3], K::kDiploma, "2026-06-30"),
                                        event(late, K::kStart, "2027-01-10", "", "41269")})
                .ok());
    std::vector<std::string> seen;
    int chunks = 0;
    auto st = store.for_each_obligation(day("2027-12-31"), 2, [&](const std::vector<ObligationRecord>& chunk) -> Status {
      ++chunks;
      CHECK(chunk.size() <= 2);
      for (const ObligationRecord& r : chunk) {
        std::string line = std::to_string(r.agreement_id) + " " + r.beneficiary_ref + " " + format_date(r.signed_on);
        for (const ObligationEvent& e : r.events) line += " " + std::string(to_string(e.kind)) + "@" + format_date(e.on) + e.commune;
        auto v = split_rule_version(r.rule_version);
        REQUIRE(v);
        CHECK(v->scheme_id == (r.agreement_id == late ? "loir-et-cher/equipment-aid" : "loir-et-cher/intern-bursary"));
        CHECK(v->rule_sha256 == kSha);
        CHECK(v->period_from == "2022-07-01");
        seen.push_back(line);
      }
      return Ok();
    });
    REQUIRE_MESSAGE(st.ok(), why(st));
    CHECK(chunks == 3);
    const auto id = [&](int i) { return std::to_string(ids[static_cast<std::size_t>(i)]); };
    CHECK(seen == std::vector<std::string>{
                      id(0) + " B-0000 2024-10-20",
                      id(1) + " B-0001 2024-10-20 diploma@2026-10-15 start@2026-11-0241018",  // the move is later
                      id(2) + " B-0002 2024-10-20",
                      id(3) + " B-0003 2024-10-20 diploma@2026-06-30",
                      id(4) + " B-0004 2024-10-20",
                      std::to_string(late) + " B-0009 2027-01-05 start@2027-01-1041269",
                  });
    // A convention signed after the date is left out; an error stops the read.
    int calls = 0;
    st = store.for_each_obligation(day("2026-12-31"), 10, [&](const std::vector<ObligationRecord>& chunk) -> Status {
      ++calls;
      CHECK(chunk.size() == 5);
      return Error::Conflict("stop");
    });
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message() == "stop");
    CHECK(calls == 1);
  }

  SUBCASE("the compliance read gives each convention's state on the date read") {
    // One active throughout; one suspended, resumed, suspended again; one
    // suspended, then terminated while suspended.
    const auto active = convention(store, "B-0001", "loir-et-cher/intern-bursary", "2024-10-20");
    const auto suspended = convention(store, "B-0002", "loir-et-cher/intern-bursary", "2024-10-20");
    const auto terminated = convention(store, "B-0003", "loir-et-cher/intern-bursary", "2024-10-20");
    using A = AgreementEventKind;
    for (const AgreementEvent& e : {AgreementEvent{0, suspended, A::kSuspend, day("2025-02-01"), "congé", 0, 0},
                                    AgreementEvent{0, terminated, A::kSuspend, day("2025-03-01"), "congé", 0, 0},
                                    AgreementEvent{0, suspended, A::kResume, day("2025-06-01"), "reprise", 4, 0},
                                    AgreementEvent{0, terminated, A::kTerminate, day("2025-09-30"), "abandon", 0, 1},
                                    AgreementEvent{0, suspended, A::kSuspend, day("2026-01-01"), "césure", 0, 0}})
      REQUIRE(store.add_agreement_event(e).ok());
    auto states_on = [&](const char* on) {
      std::string out;
      auto st = store.for_each_obligation(day(on), 10, [&](const std::vector<ObligationRecord>& chunk) -> Status {
        for (const ObligationRecord& r : chunk) out += std::string(to_string(r.convention_state)) + " ";
        return Ok();
      });
      REQUIRE_MESSAGE(st.ok(), why(st));
      return out;
    };
    CHECK(active < suspended);
    CHECK(suspended < terminated);
    CHECK(states_on("2025-01-31") == "active active active ");
    CHECK(states_on("2025-02-01") == "active suspended active ");
    CHECK(states_on("2025-03-01") == "active suspended suspended ");
    CHECK(states_on("2025-06-01") == "active active suspended ");
    CHECK(states_on("2025-09-30") == "active active terminated ");
    CHECK(states_on("2026-01-01") == "active suspended terminated ");
  }

  SUBCASE("a voided event stays on record, apart, and no read counts it") {
    const auto id = convention(store, "B-0001", "loir-et-cher/intern-bursary", "2024-10-20");
    REQUIRE(store
                .add_obligation_events({event(id, K::kDiploma, "2026-10-15"),
                                        event(id, K::kStart, "2026-11-02", "", "41018"),
                                        event(id, K::kStopped, "2027-01-10")})
                .ok());
    const auto events = ok(store.obligation_events(id));
    REQUIRE(events.size() == 3);
    const std::int64_t stop = events[2].id;
    REQUIRE(store.add_event_void({stop, "wrong convention", "Claire Martin", day("2027-02-01")}).ok());

    const auto in_force = ok(store.obligation_events(id));
    REQUIRE(in_force.size() == 2);
    CHECK(in_force[1].kind == K::kStart);
    const auto voided = ok(store.voided_obligation_events(id));
    REQUIRE(voided.size() == 1);
    CHECK(voided[0].first.id == stop);
    CHECK(voided[0].first.kind == K::kStopped);
    CHECK(voided[0].first.on == day("2027-01-10"));
    CHECK(voided[0].second.event_id == stop);
    CHECK(voided[0].second.reason == "wrong convention");
    CHECK(voided[0].second.by == "Claire Martin");
    CHECK(voided[0].second.recorded_on == day("2027-02-01"));
    const auto found = ok(store.find_obligation_event(stop));
    REQUIRE(found);
    CHECK(found->kind == K::kStopped);
    CHECK_FALSE(ok(store.find_obligation_event(stop + 100)));

    std::string line;
    auto st = store.for_each_obligation(day("2027-12-31"), 10, [&](const std::vector<ObligationRecord>& chunk) -> Status {
      for (const ObligationEvent& e : chunk.at(0).events) line += std::string(to_string(e.kind)) + " ";
      return Ok();
    });
    REQUIRE_MESSAGE(st.ok(), why(st));
    CHECK(line == "diploma start ");

    auto twice = store.add_event_void({stop, "again", "Marc Petit", day("2027-02-02")});
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code() == ErrorCode::kConflict);
    CHECK(twice.error().message() == "obligation event " + std::to_string(stop) + " is already voided");
    auto unknown = store.add_event_void({stop + 100, "typo", "Marc Petit", day("2027-02-02")});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code() == ErrorCode::kNotFound);
    CHECK(unknown.error().message() == "obligation event " + std::to_string(stop + 100) + " does not exist");
    CHECK(ok(store.voided_obligation_events(id)).size() == 1);
  }

  SUBCASE("CESP declarations and a beneficiary's conventions") {
    const auto id = convention(store, "B-0001", "loir-et-cher/intern-bursary", "2024-10-20");
    const auto b = ok(store.find_beneficiary(std::string_view("B-0001")));
    ok(store.add_cesp({0, b->id, CespStatus::kSigned, day("2026-02-02"), "ARS-2026-7", day("2026-03-01")}));
    ok(store.add_cesp({0, b->id, CespStatus::kRequested, day("2025-12-01"), "", day("2026-03-01")}));
    const auto cesp = ok(store.cesp_of(b->id));
    REQUIRE(cesp.size() == 2);
    CHECK(cesp[0].status == CespStatus::kRequested);
    CHECK(cesp[1].status == CespStatus::kSigned);
    CHECK(cesp[1].reference == "ARS-2026-7");
    const auto conventions = ok(store.conventions_of(b->id));
    REQUIRE(conventions.size() == 1);
    CHECK(conventions[0].id == id);
    CHECK(conventions[0].scheme_id == "loir-et-cher/intern-bursary");
    CHECK(conventions[0].signed_on == day("2024-10-20"));
  }

  SUBCASE("recovery orders round-trip with plans and receipts; one live order per convention") {
    const auto id = convention(store, "B-0001", "loir-et-cher/intern-bursary", "2024-10-20");
    CHECK(ok(store.last_recovery_rank(2028)) == 0);
    RecoveryOrder o = order_of(id, "TR-2028-00001");
    o.id = ok(store.add_recovery_order(o));
    CHECK(ok(store.last_recovery_rank(2028)) == 1);
    CHECK(ok(store.last_recovery_rank(2029)) == 0);
    auto again = store.add_recovery_order(order_of(id, "TR-2028-00002"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message() == "convention " + std::to_string(id) + " already has recovery order TR-2028-00001");

    ok(store.add_receipt({0, o.id, day("2028-06-20"), Money::from_cents(100000), "VIR-1"}));
    auto twice = store.add_receipt({0, o.id, day("2028-06-21"), Money::from_cents(100000), "VIR-1"});
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message() == "a receipt with reference \"VIR-1\" was already recorded on 2028-06-20");
    ok(store.add_receipt({0, o.id, day("2028-06-25"), Money::from_cents(5000), ""}));
    ok(store.add_receipt({0, o.id, day("2028-06-26"), Money::from_cents(5000), ""}));

    const auto found = ok(store.find_recovery_order("TR-2028-00001"));
    REQUIRE(found);
    CHECK(found->beneficiary_ref == "B-0001");
    CHECK(found->scheme_id == "loir-et-cher/intern-bursary");
    CHECK(found->rule_sha256 == kSha);
    CHECK(found->amount.cents() == 933333);
    CHECK(found->explanation == "amount: 9 333,33 €\n");
    CHECK(found->decided_on == day("2028-05-15"));
    REQUIRE(found->plan.size() == 2);
    CHECK(found->plan[1].amount.cents() == 466667);
    CHECK(found->plan[1].due == day("2028-07-15"));
    REQUIRE(found->receipts.size() == 3);
    CHECK(found->receipts[0].reference == "VIR-1");
    const auto live = ok(store.recovery_orders_of(id));
    REQUIRE(live.size() == 1);
    CHECK(live[0].number == "TR-2028-00001");
    CHECK(live[0].state == RecoveryState::kOpen);
    CHECK_FALSE(ok(store.find_recovery_order("TR-2028-00009")));

    RecoveryOrder cancelled = *found;
    cancelled.state = RecoveryState::kCancelled;
    cancelled.cancelled_on = day("2029-01-02");
    cancelled.cancel_reason = "remise gracieuse";
    cancelled.written_off = Money::from_cents(823333);
    REQUIRE(store.update_recovery_order(cancelled, RecoveryState::kOpen).ok());
    auto stale = store.update_recovery_order(cancelled, RecoveryState::kOpen);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().message() == "recovery order TR-2028-00001 is cancelled, not open");
    CHECK(ok(store.recovery_orders_of(id))[0].state == RecoveryState::kCancelled);
    const auto all = ok(store.list_recovery_orders());
    REQUIRE(all.size() == 1);
    CHECK(all[0].state == RecoveryState::kCancelled);
    CHECK(*all[0].cancelled_on == day("2029-01-02"));
    CHECK(all[0].written_off.cents() == 823333);
    // Cancelled, the convention may get a new order.
    CHECK(store.add_recovery_order(order_of(id, "TR-2029-00001")).ok());
    const auto of = ok(store.recovery_orders_of(id));
    REQUIRE(of.size() == 2);
    CHECK(of[0].number == "TR-2028-00001");
    CHECK(of[0].state == RecoveryState::kCancelled);
    CHECK(of[0].receipts.size() == 3);
    CHECK(of[1].number == "TR-2029-00001");
    CHECK(of[1].state == RecoveryState::kOpen);
    CHECK(ok(store.recovery_orders_of(id + 1)).empty());
  }
}

}  // namespace

TEST_CASE("obligations store contract on SQLite") {
  TempDir dir;
  int n = 0;
  obligations_contract([&] { return "sqlite:" + (dir.path() / ("db" + std::to_string(++n) + ".sqlite")).string(); });
}

TEST_CASE("obligations store contract on PostgreSQL") {
  grants::testing::PostgresqlDatabases databases;
  obligations_contract([&] { return databases.fresh(); });
}

TEST_CASE("split_rule_version reads the hash and the date from the end") {
  const std::string sha(64, 'f');
  const std::string text = "my rules|x/a|b|" + sha + "|2022-07-01";
  auto v = split_rule_version(text);
  REQUIRE(v);
  CHECK(v->scheme_id == "my rules|x/a|b");
  CHECK(v->rule_sha256 == sha);
  CHECK(v->period_from == "2022-07-01");
  CHECK_FALSE(split_rule_version("x|short|2022-07-01"));
}
