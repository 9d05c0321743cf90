// The storage contract: what every Store backend must do, written against the
// Store interface only. store_contract() takes a source of fresh, empty
// database URLs, so the same cases run on SQLite and on PostgreSQL (the
// server named by GRANTS_TEST_POSTGRESQL, which scripts/test starts; its
// test cases fail, never skip, when it is not set).
#include "grants/store.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "grants/ledger.h"

#include "testing.h"

using namespace grants;
using grants::testing::day;
using grants::testing::TempDir;
using grants::testing::why;

namespace {

// A receipt of 100 € on convention 1 dated 2028-08-20, as append_to_ledger
// takes it (no such convention needed: the ledger has no foreign keys).
LedgerEntry receipt_entry() {
  LedgerEntry e;
  e.date = day("2028-08-20");
  e.kind = EntryKind::kReceipt;
  e.debit = "515";
  e.credit = "4641";
  e.amount = Money::from_cents(10000);
  e.beneficiary_ref = "B-0001";
  e.agreement_id = 1;
  e.scheme_id = "loir-et-cher/intern-bursary";
  e.rule_sha256 = "aa11";
  e.label = "Encaissement";
  return e;
}


using FreshUrl = std::function<std::string()>;

std::unique_ptr<Store> open_migrated(const std::string& url) {
  auto store = open_store(url);
  REQUIRE_MESSAGE(store.ok(), why(store));
  auto applied = (*store)->migrate();
  REQUIRE_MESSAGE(applied.ok(), why(applied));
  return std::move(*store);
}

template <class T>
const T& ok(const Result<T>& r) {
  REQUIRE_MESSAGE(r.ok(), why(r));
  return r.value();
}

template <class T>
const Error& failed(const Result<T>& r) {
  REQUIRE(!r.ok());
  return r.error();
}

// Every field set, accents included, to prove the round trip.
Beneficiary person(const char* ref) {
  return {.ref = ref,
          .kind = BeneficiaryKind::kPerson,
          .name = "Lefèvre-Dürr",
          .first_name = "Élodie",
          .profession = "general-medicine-intern",
          .commune = "2A004",
          .iban = "FR7630006000011234567890189",
          .bic = "AGRIFRPP",
          .email = "elodie.lefevre@exemple.fr"};
}

// The optional fields left empty, as for most structures.
Beneficiary structure(const char* ref) {
  return {.ref = ref,
          .kind = BeneficiaryKind::kStructure,
          .name = "Maison de santé pluriprofessionnelle de Saint-Aignan",
          .first_name = "",
          .profession = "health-centre",
          .commune = "41198",
          .iban = "",
          .bic = "",
          .email = ""};
}

void check_same(const Beneficiary& got, const Beneficiary& want) {
  CHECK(got.ref == want.ref);
  CHECK(got.kind == want.kind);
  CHECK(got.name == want.name);
  CHECK(got.first_name == want.first_name);
  CHECK(got.profession == want.profession);
  CHECK(got.commune == want.commune);
  CHECK(got.iban == want.iban);
  CHECK(got.bic == want.bic);
  CHECK(got.email == want.email);
}

void check_same(const Payment& got, const Payment& want) {
  CHECK(got.id == want.id);
  CHECK(got.batch_id == want.batch_id);
  CHECK(got.agreement_id == want.agreement_id);
  CHECK(got.instalment == want.instalment);
  CHECK(got.attempt == want.attempt);
  CHECK(got.due == want.due);
  CHECK(got.amount == want.amount);
  CHECK(got.beneficiary_ref == want.beneficiary_ref);
  CHECK(got.creditor_name == want.creditor_name);
  CHECK(got.iban == want.iban);
  CHECK(got.bic == want.bic);
  CHECK(got.scheme_id == want.scheme_id);
  CHECK(got.departement_code == want.departement_code);
  CHECK(got.end_to_end_id == want.end_to_end_id);
  CHECK(got.remittance == want.remittance);
  CHECK(got.state == want.state);
}

// A pending payment of 500,00 € due on 2024-11-05 to person()'s IBAN,
// without BIC.
Payment pending_payment(std::int64_t id, std::int64_t batch_id, std::int64_t agreement_id, int instalment) {
  Payment p;
  p.id = id;
  p.batch_id = batch_id;
  p.agreement_id = agreement_id;
  p.instalment = instalment;
  p.due = day("2024-11-05");
  p.amount = Money::from_cents(50'000);
  p.iban = "FR7630006000011234567890189";
  p.end_to_end_id = "E2E-" + std::to_string(id);
  return p;
}

// An application of a stored beneficiary, with every optional field set.
Application application_of(const Beneficiary& b) {
  Application a;
  a.beneficiary_id = b.id;
  a.beneficiary_ref = b.ref;
  a.scheme_id = "loir-et-cher/intern-bursary";
  a.submitted_on = day("2024-09-02");
  a.study_year = 9;
  a.start = day("2024-11-01");
  a.expenses = Money::from_cents(1'234'567);
  a.eligible = true;
  a.conditions = {{"profession", true, "général: interne en médecine générale"},
                  {"study-year", true, "9 is within 8..9"}};
  return a;
}

Agreement agreement_of(const Application& a, const std::string& sha256) {
  Agreement g;
  g.application_id = a.id;
  g.beneficiary_id = a.beneficiary_id;
  g.beneficiary_ref = a.beneficiary_ref;
  g.scheme_id = a.scheme_id;
  g.signed_on = day("2024-11-15");
  g.start = day("2024-11-01");
  g.rule_file = "loir-et-cher.toml";
  g.rule_sha256 = sha256;
  g.rule_period_from = day("2022-01-01");
  g.rule_reference = "Délibération CD41 du 17/06/2022";
  g.schedule.award = Money::from_cents(150'000);
  for (int n = 1; n <= 3; ++n) {
    Date from = day("2024-11-01") + boost::gregorian::months(n - 1);
    Date to = from + boost::gregorian::months(1) - boost::gregorian::days(1);
    g.schedule.instalments.push_back(
        {n, from + boost::gregorian::days(4), Money::from_cents(50'000), from, to});
  }
  g.departement_code = "41";
  g.expense_account = "6513";
  g.payable_account = "4041";
  g.receivable_account = "4641";
  g.required_documents = {"enrolment-certificate", "rib"};
  return g;
}

StoredRuleFile rule_file(const char* sha256) {
  return {sha256, "loir-et-cher.toml",
          "# Règles du Loir-et-Cher\n[scheme]\nmonthly = \"500.00\"\n"};
}

// Stores a beneficiary and an approved application, returns the application.
Application approved_application(Store& store, const char* ref) {
  REQUIRE(store.add_beneficiaries({person(ref)}).ok());
  auto b = ok(store.find_beneficiary(std::string_view(ref)));
  REQUIRE(b.has_value());
  Application a = application_of(*b);
  a.id = ok(store.add_application(a));
  REQUIRE(store
              .record_decision(
                  a.id, {ApplicationState::kApproved, "CP-2024-11-07", day("2024-11-07"), ""})
              .ok());
  return a;
}

std::unique_ptr<Store::Transaction> write_transaction(Store& store) {
  auto began = store.begin_write();
  REQUIRE_MESSAGE(began.ok(), why(began));
  return std::move(*began);
}

// A stored draft batch of November 2024.
BatchSummary draft_batch(Store& store) {
  BatchSummary b;
  b.month = *YearMonth::parse("2024-11");
  b.prepared_by = "Marc Petit";
  b.prepared_on = day("2024-11-02");
  b.id = ok(store.add_batch(b));
  return b;
}

void store_contract(const FreshUrl& fresh_url) {
  SUBCASE("migrate applies each migration once and is then up to date") {
    auto opened = open_store(fresh_url());
    REQUIRE(opened.ok());
    Store& store = **opened;
    CHECK(ok(store.applied_migrations()).empty());
    auto first = ok(store.migrate());
    REQUIRE(!first.empty());
    CHECK(first.front() == "001_core.sql");
    CHECK(ok(store.applied_migrations()) == first);
    CHECK(ok(store.migrate()).empty());
    CHECK(ok(store.applied_migrations()) == first);
  }

  const std::string store_url = fresh_url();
  auto store = open_migrated(store_url);

  SUBCASE("store beneficiaries round-trip every field, accents included, ordered by ref") {
    REQUIRE(store->add_beneficiaries({structure("S-0001"), person("B-0001")}).ok());
    auto all = ok(store->list_beneficiaries());
    REQUIRE(all.size() == 2);
    check_same(all[0], person("B-0001"));
    check_same(all[1], structure("S-0001"));
    CHECK(all[0].id > 0);
    CHECK(all[0].id != all[1].id);

    auto by_ref = ok(store->find_beneficiary(std::string_view("S-0001")));
    REQUIRE(by_ref.has_value());
    check_same(*by_ref, structure("S-0001"));
    auto by_id = ok(store->find_beneficiary(by_ref->id));
    REQUIRE(by_id.has_value());
    check_same(*by_id, structure("S-0001"));
  }

  SUBCASE("store refuses a duplicate ref with a conflict and writes nothing") {
    REQUIRE(store->add_beneficiaries({person("B-0001")}).ok());
    auto again = store->add_beneficiaries({person("B-0002"), person("B-0003"), person("B-0001")});
    CHECK(failed(again).code() == ErrorCode::kConflict);
    CHECK(failed(again).message() == "beneficiary \"B-0001\" already exists");
    CHECK(ok(store->list_beneficiaries()).size() == 1);
  }

  SUBCASE("store writes none of a batch whose third row repeats the first") {
    auto batch = store->add_beneficiaries({person("B-0001"), person("B-0002"), person("B-0001")});
    CHECK(failed(batch).code() == ErrorCode::kConflict);
    CHECK(failed(batch).message() == "beneficiary \"B-0001\" already exists");
    CHECK(ok(store->list_beneficiaries()).empty());
  }

  SUBCASE("store applications round-trip with their conditions, optional fields and all") {
    REQUIRE(store->add_beneficiaries({person("B-0001")}).ok());
    auto b = *ok(store->find_beneficiary(std::string_view("B-0001")));
    Application full = application_of(b);
    Application bare = application_of(b);
    bare.study_year.reset();
    bare.start.reset();
    bare.expenses.reset();
    bare.eligible = false;
    bare.conditions.clear();
    full.id = ok(store->add_application(full));
    bare.id = ok(store->add_application(bare));
    CHECK(bare.id > full.id);

    auto got = ok(store->find_application(full.id));
    REQUIRE(got.has_value());
    CHECK(got->beneficiary_id == b.id);
    CHECK(got->beneficiary_ref == "B-0001");
    CHECK(got->scheme_id == full.scheme_id);
    CHECK(got->submitted_on == full.submitted_on);
    CHECK(got->study_year == full.study_year);
    CHECK(got->start == full.start);
    CHECK(got->expenses == full.expenses);
    CHECK(got->state == ApplicationState::kSubmitted);
    CHECK(got->eligible);
    CHECK_FALSE(got->decision.has_value());
    REQUIRE(got->conditions.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(got->conditions[i].name == full.conditions[i].name);
      CHECK(got->conditions[i].met == full.conditions[i].met);
      CHECK(got->conditions[i].why == full.conditions[i].why);
    }

    auto all = ok(store->list_applications());
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == full.id);
    CHECK(all[0].conditions.size() == 2);
    CHECK(all[1].id == bare.id);
    CHECK_FALSE(all[1].study_year.has_value());
    CHECK_FALSE(all[1].start.has_value());
    CHECK_FALSE(all[1].expenses.has_value());
    CHECK_FALSE(all[1].eligible);
    CHECK(all[1].conditions.empty());
  }

  SUBCASE("store refuses an application of an unknown beneficiary") {
    Beneficiary ghost = person("B-0404");
    ghost.id = 404;
    auto added = store->add_application(application_of(ghost));
    CHECK(failed(added).code() == ErrorCode::kNotFound);
    CHECK(failed(added).message() == "beneficiary 404 does not exist");
    CHECK(ok(store->list_applications()).empty());
  }

  SUBCASE("store records one decision per application; a second is a conflict") {
    Application a = approved_application(*store, "B-0001");
    auto got = *ok(store->find_application(a.id));
    CHECK(got.state == ApplicationState::kApproved);
    REQUIRE(got.decision.has_value());
    CHECK(got.decision->outcome == ApplicationState::kApproved);
    CHECK(got.decision->deliberation == "CP-2024-11-07");
    CHECK(got.decision->date == day("2024-11-07"));
    CHECK(got.decision->reason.empty());

    auto second = store->record_decision(a.id, {ApplicationState::kRejected, "CP-2024-12-05",
                                                day("2024-12-05"), "pièces manquantes"});
    CHECK(failed(second).code() == ErrorCode::kConflict);
    CHECK(failed(second).message() == "application " + std::to_string(a.id) +
                                          " was already approved (CP-2024-11-07 of 2024-11-07)");
    CHECK(ok(store->find_application(a.id))->decision->deliberation == "CP-2024-11-07");

    auto unknown =
        store->record_decision(999, {ApplicationState::kApproved, "CP-1", day("2024-11-07"), ""});
    CHECK(failed(unknown).code() == ErrorCode::kNotFound);
    CHECK(failed(unknown).message() == "application 999 does not exist");
  }

  SUBCASE("store keeps the reason of a rejection") {
    REQUIRE(store->add_beneficiaries({person("B-0001")}).ok());
    auto id = ok(store->add_application(
        application_of(*ok(store->find_beneficiary(std::string_view("B-0001"))))));
    REQUIRE(store
                ->record_decision(id, {ApplicationState::kRejected, "CP-2024-12-05",
                                       day("2024-12-05"), "pièces manquantes"})
                .ok());
    auto got = *ok(store->find_application(id));
    CHECK(got.state == ApplicationState::kRejected);
    REQUIRE(got.decision.has_value());
    CHECK(got.decision->outcome == ApplicationState::kRejected);
    CHECK(got.decision->reason == "pièces manquantes");
  }

  SUBCASE("store conventions round-trip with their schedule and frozen rule file") {
    Application a = approved_application(*store, "B-0001");
    Agreement want = agreement_of(a, "aa11");
    want.id = ok(store->add_agreement(want, rule_file("aa11")));

    auto got = ok(store->find_agreement(want.id));
    REQUIRE(got.has_value());
    CHECK(got->application_id == a.id);
    CHECK(got->beneficiary_id == a.beneficiary_id);
    CHECK(got->beneficiary_ref == "B-0001");
    CHECK(got->scheme_id == want.scheme_id);
    CHECK(got->signed_on == want.signed_on);
    CHECK(got->start == want.start);
    CHECK(got->rule_file == want.rule_file);
    CHECK(got->rule_sha256 == "aa11");
    CHECK(got->rule_period_from == want.rule_period_from);
    CHECK(got->rule_reference == want.rule_reference);
    CHECK(got->state == AgreementState::kActive);
    CHECK(got->schedule.award == want.schedule.award);
    CHECK(got->schedule.instalments == want.schedule.instalments);
    CHECK(got->departement_code == "41");
    CHECK(got->expense_account == "6513");
    CHECK(got->payable_account == "4041");
    CHECK(got->receivable_account == "4641");
    CHECK(got->required_documents == want.required_documents);

    auto rules = ok(store->find_rule_file("aa11"));
    REQUIRE(rules.has_value());
    CHECK(rules->name == "loir-et-cher.toml");
    CHECK(rules->content == rule_file("aa11").content);

    // The same rules sign another convention: stored once, no clash.
    Application other = approved_application(*store, "B-0002");
    auto second = ok(store->add_agreement(agreement_of(other, "aa11"), rule_file("aa11")));
    auto all = ok(store->list_agreements({}));
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == want.id);
    CHECK(all[1].id == second);
    CHECK(all[1].schedule.instalments.size() == 3);
    CHECK(all[1].instalment_states == std::vector<InstalmentState>(3, InstalmentState::kOpen));

    // Filters, each alone and together; a value no convention has gives none.
    auto ids = [&](const AgreementFilter& f) {
      std::vector<std::int64_t> out;
      const std::vector<Agreement> listed = ok(store->list_agreements(f));
      for (const Agreement& g : listed) out.push_back(g.id);
      return out;
    };
    const std::vector<std::int64_t> second_only{second}, both{want.id, second}, none{};
    CHECK(ids({"B-0002", "", std::nullopt}) == second_only);
    CHECK(ids({"B-0009", "", std::nullopt}) == none);
    CHECK(ids({"", want.scheme_id, std::nullopt}) == both);
    CHECK(ids({"", "vienne/medicine-study-aid", std::nullopt}) == none);
    REQUIRE(store->set_agreement_state(second, AgreementState::kActive, AgreementState::kSuspended).ok());
    CHECK(ids({"", "", AgreementState::kSuspended}) == second_only);
    CHECK(ids({"B-0001", want.scheme_id, AgreementState::kSuspended}) == none);
    CHECK(ids({"B-0001", want.scheme_id, AgreementState::kActive}) == std::vector<std::int64_t>{want.id});
  }

  SUBCASE("store refuses a second convention for one application and writes nothing") {
    Application a = approved_application(*store, "B-0001");
    auto first = ok(store->add_agreement(agreement_of(a, "aa11"), rule_file("aa11")));
    auto again = store->add_agreement(agreement_of(a, "bb22"), rule_file("bb22"));
    CHECK(failed(again).code() == ErrorCode::kConflict);
    CHECK(failed(again).message() == "application " + std::to_string(a.id) +
                                         " already has convention " + std::to_string(first));
    CHECK(ok(store->list_agreements({})).size() == 1);
    CHECK_FALSE(ok(store->find_rule_file("bb22")).has_value());
  }

  SUBCASE("store refuses an instalment of zero and writes nothing") {
    Application a = approved_application(*store, "B-0001");
    Agreement g = agreement_of(a, "aa11");
    g.schedule.instalments.back().amount = Money::from_cents(0);
    auto added = store->add_agreement(g, rule_file("aa11"));
    CHECK(failed(added).code() == ErrorCode::kStorage);
    CHECK(failed(added).message().starts_with("adding the convention of application "));
    CHECK(ok(store->list_agreements({})).empty());
    CHECK_FALSE(ok(store->find_rule_file("aa11")).has_value());
  }

  SUBCASE("store keeps every payment written in several chunks, each distinct (SOCI #910, #1167)") {
    // SOCI 4.0.3 re-executing a vector-bound statement on PostgreSQL sends
    // the first chunk's values again: the unique indexes would refuse the
    // second chunk, or rows would repeat. Three chunks, read back whole.
    Application a = approved_application(*store, "B-0001");
    Agreement g = agreement_of(a, "aa11");
    g.schedule.instalments.clear();
    constexpr int kRows = 900, kChunk = 300;
    for (int n = 1; n <= kRows; ++n)
      g.schedule.instalments.push_back({n, day("2024-11-05"), Money::from_cents(1000 + n),
                                        day("2024-11-01"), day("2024-11-30")});
    g.id = ok(store->add_agreement(g, rule_file("aa11")));
    CHECK(ok(store->find_agreement(g.id))->schedule.instalments == g.schedule.instalments);

    auto tx = write_transaction(*store);
    BatchSummary b = draft_batch(*store);
    std::vector<LedgerEntry> all_entries;
    for (int first = 1; first <= kRows; first += kChunk) {
      std::vector<Payment> chunk;
      std::vector<LedgerEntry> entries;
      for (int n = first; n < first + kChunk; ++n) {
        Payment p;
        p.id = n;
        p.batch_id = b.id;
        p.agreement_id = g.id;
        p.instalment = n;
        p.due = day("2024-11-05");
        p.amount = Money::from_cents(1000 + n);
        p.iban = "FR7630006000011234567890189";
        p.bic = n % 2 == 0 ? "AGRIFRPPXXX" : "";
        p.end_to_end_id = "G41-A" + std::to_string(g.id) + "-I" + std::to_string(n) + "-R0";
        chunk.push_back(p);
        LedgerEntry e;
        e.date = day("2024-11-02");
        e.debit = "6513";
        e.credit = "4041";
        e.amount = p.amount;
        e.beneficiary_ref = "B-0001";
        e.agreement_id = g.id;
        e.batch_id = b.id;
        e.payment_id = n;
        e.scheme_id = g.scheme_id;
        e.rule_sha256 = "aa11";
        e.label = "échéance " + std::to_string(n) + "\ttab|pipe\\back";
        entries.push_back(e);
      }
      auto added = store->add_payments(chunk);
      REQUIRE_MESSAGE(added.ok(), why(added));
      // Chained and added by hand: append_to_ledger would refuse the tab,
      // which is here to test how each backend's bulk write escapes it.
      auto tail = ok(store->ledger_tail());
      chain_entries(entries, tail.hash, tail.seq);
      auto appended = store->add_ledger_entries(entries);
      REQUIRE_MESSAGE(appended.ok(), why(appended));
      all_entries.insert(all_entries.end(), entries.begin(), entries.end());
    }
    REQUIRE(tx->commit().ok());

    auto paid = ok(store->batch_payments(b.id));
    REQUIRE(paid.size() == kRows);
    std::set<std::string> e2e;
    for (int n = 1; n <= kRows; ++n) {
      const Payment& p = paid[static_cast<std::size_t>(n - 1)];
      CHECK(p.id == n);
      CHECK(p.instalment == n);
      CHECK(p.due == day("2024-11-05"));
      CHECK(p.amount == Money::from_cents(1000 + n));
      CHECK(p.bic == (n % 2 == 0 ? "AGRIFRPPXXX" : ""));
      CHECK(p.state == PaymentState::kPending);
      e2e.insert(p.end_to_end_id);
    }
    CHECK(e2e.size() == kRows);

    std::vector<LedgerEntry> stored;
    REQUIRE(store
                ->for_each_ledger_entry(std::nullopt, std::nullopt, Store::LedgerIbans::kLeftOut,
                                        [&](const LedgerEntry& e, const std::string&) {
                                          stored.push_back(e);
                                        },
                                        nullptr)
                .ok());
    REQUIRE(stored.size() == kRows);
    for (std::size_t k = 0; k < stored.size(); ++k) {
      CHECK(stored[k].seq == static_cast<std::int64_t>(k) + 1);
      CHECK(stored[k].payment_id == all_entries[k].payment_id);
      CHECK(stored[k].label == all_entries[k].label);
      CHECK(stored[k].hash == all_entries[k].hash);
    }
    auto chain = verify_chain(stored);
    CHECK_MESSAGE(chain.ok, chain.problem);
    CHECK(ok(store->ledger_tail()).hash == all_entries.back().hash);
  }

  SUBCASE("store's append_to_ledger refuses text no export could carry, and writes nothing") {
    LedgerEntry e = receipt_entry();
    for (const auto& [label, message] :
         {std::pair{"Encaissement VIR R\xe9gie",
                    "ledger entry of convention 1: label \"Encaissement VIR R\\xE9gie\" is not valid UTF-8: "
                    "nothing written"},
          std::pair{"Annulation abandon\r",
                    "ledger entry of convention 1: label \"Annulation abandon\\r\" contains a control character "
                    "(\\r): nothing written"}}) {
      e.label = label;
      std::vector<LedgerEntry> entries{e};
      auto appended = append_to_ledger(*store, entries);
      REQUIRE_FALSE(appended.ok());
      CHECK(appended.error().message() == message);
      CHECK(ok(store->ledger_tail()).seq == 0);
    }
  }

  SUBCASE("store's append_to_ledger keeps the ledger in date order, and writes nothing out of it") {
    LedgerEntry e = receipt_entry();
    std::vector<LedgerEntry> first{e};
    REQUIRE(append_to_ledger(*store, first).ok());
    CHECK(ok(store->ledger_tail()).date == day("2028-08-20"));

    e.kind = EntryKind::kReturn;
    e.payment_id = 7;
    e.date = day("2028-08-19");
    std::vector<LedgerEntry> earlier{e};
    auto refused = append_to_ledger(*store, earlier);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code() == ErrorCode::kInvalidInput);
    CHECK(refused.error().message() ==
          "the return entry of payment 7, dated 2028-08-19, is before entry 1 of the ledger, dated 2028-08-20: the "
          "ledger is kept in date order, so date it on or after 2028-08-20; nothing written");
    CHECK(ok(store->ledger_tail()).seq == 1);

    // Within one append too: the second entry goes back a day.
    e.payment_id = 0;
    e.kind = EntryKind::kClawback;
    e.date = day("2028-08-21");
    LedgerEntry back = e;
    back.date = day("2028-08-20");
    std::vector<LedgerEntry> unordered{e, back};
    refused = append_to_ledger(*store, unordered);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message() ==
          "the clawback entry of convention 1, dated 2028-08-20, is before entry 2 of the ledger, dated 2028-08-21: "
          "the ledger is kept in date order, so date it on or after 2028-08-21; nothing written");
    CHECK(ok(store->ledger_tail()).seq == 1);

    // The same day as the last entry is in order.
    e.date = day("2028-08-20");
    std::vector<LedgerEntry> same_day{e};
    REQUIRE(append_to_ledger(*store, same_day).ok());
    CHECK(ok(store->ledger_tail()).seq == 2);
  }

  SUBCASE("store reads a batch's payments of one state in pieces, each as it reads them whole") {
    Application a = approved_application(*store, "B-0001");
    Agreement g = agreement_of(a, "aa11");
    g.schedule.instalments.clear();
    for (int n = 1; n <= 6; ++n)
      g.schedule.instalments.push_back({n, day("2024-11-05"), Money::from_cents(1000 + n),
                                        day("2024-11-01"), day("2024-11-30")});
    g.id = ok(store->add_agreement(g, rule_file("aa11")));
    BatchSummary november = draft_batch(*store);
    BatchSummary december = november;
    december.month = *YearMonth::parse("2024-12");
    december.id = ok(store->add_batch(december));
    std::vector<Payment> payments;
    for (int n = 1; n <= 6; ++n) {
      Payment p = pending_payment(n, n == 6 ? december.id : november.id, g.id, n);
      p.amount = Money::from_cents(1000 + n);
      payments.push_back(p);
    }
    REQUIRE(store->add_payments(payments).ok());
    REQUIRE(
        store->set_payment_states({3}, PaymentState::kPending, PaymentState::kCancelled, "").ok());

    auto whole = ok(store->batch_payments(november.id));
    REQUIRE(whole.size() == 5);
    std::vector<Payment> pending;
    for (std::int64_t after = 0;;) {
      auto piece = ok(store->batch_payments(november.id, PaymentState::kPending, after, 2));
      CHECK(piece.size() <= 2);
      if (piece.empty()) break;
      after = piece.back().id;
      pending.insert(pending.end(), piece.begin(), piece.end());
    }
    REQUIRE(pending.size() == 4);
    const std::size_t whole_at[] = {0, 1, 3, 4};  // payment 3 is cancelled
    for (std::size_t k = 0; k < pending.size(); ++k) {
      CAPTURE(k);
      check_same(pending[k], whole[whole_at[k]]);
    }
    auto cancelled = ok(store->batch_payments(november.id, PaymentState::kCancelled, 0, 10));
    REQUIRE(cancelled.size() == 1);
    check_same(cancelled[0], whole[2]);
    CHECK(ok(store->batch_payments(november.id, PaymentState::kPending, 5, 10)).empty());
    CHECK(ok(store->batch_payments(december.id, PaymentState::kPending, 0, 10)).size() == 1);
  }

  SUBCASE("store keeps the IBAN and BIC a payment was prepared with, whatever the beneficiary's account becomes") {
    Application a = approved_application(*store, "B-0001");
    auto g = ok(store->add_agreement(agreement_of(a, "aa11"), rule_file("aa11")));
    BatchSummary b = draft_batch(*store);
    std::vector<Payment> payments{pending_payment(1, b.id, g, 1), pending_payment(2, b.id, g, 2)};
    payments[0].bic = "AGRIFRPP";
    REQUIRE(store->add_payments(payments).ok());
    auto bics = [&] {
      std::string out;
      auto paid = store->batch_payments(b.id);
      for (const Payment& p : ok(paid)) out += p.iban + " " + p.bic + ";";
      return out;
    };
    const std::string prepared = "FR7630006000011234567890189 AGRIFRPP;FR7630006000011234567890189 ;";
    CHECK(bics() == prepared);
    REQUIRE(store->set_iban("B-0001", "FR7630006000011234567890189", "CMCIFR2A", "").ok());
    CHECK(bics() == prepared);
    REQUIRE(store->set_iban("B-0001", "DE89370400440532013000", "COBADEFFXXX", "").ok());
    CHECK(bics() == prepared);
    CHECK(ok(store->find_payment(1))->bic == "AGRIFRPP");
  }

  SUBCASE("store refuses a second live payment of an instalment and writes none of the chunk") {
    Application a = approved_application(*store, "B-0001");
    auto g = ok(store->add_agreement(agreement_of(a, "aa11"), rule_file("aa11")));
    BatchSummary b = draft_batch(*store);
    auto payment = [&](std::int64_t id, int instalment) { return pending_payment(id, b.id, g, instalment); };
    REQUIRE(store->add_payments({payment(1, 1)}).ok());
    auto twice = store->add_payments({payment(2, 2), payment(3, 1)});
    CHECK(failed(twice).code() == ErrorCode::kConflict);
    CHECK(ok(store->batch_payments(b.id)).size() == 1);
    CHECK(ok(store->last_payment_id()) == 1);
  }

  SUBCASE("store lets one writer at a time in; the second sees what the first committed") {
    const std::string url = store_url;
    auto first = write_transaction(*store);
    BatchSummary b = draft_batch(*store);
    // Another connection's writer, on its own thread: it must wait for the
    // write lock, then see the batch.
    auto second = std::async(std::launch::async, [url]() -> std::string {
      auto other = open_store(url);
      if (!other) return "open: " + other.error().message();
      auto tx = (*other)->begin_write();
      if (!tx) return "begin: " + tx.error().message();
      auto live = (*other)->live_batch(*YearMonth::parse("2024-11"));
      if (!live) return "read: " + live.error().message();
      return live->has_value() ? "saw batch " + std::to_string((*live)->id) : "saw no batch";
    });
    CHECK(second.wait_for(std::chrono::milliseconds(500)) == std::future_status::timeout);
    REQUIRE(first->commit().ok());
    CHECK(second.get() == "saw batch " + std::to_string(b.id));
  }

  SUBCASE("store answers nullopt for unknown ids") {
    CHECK_FALSE(ok(store->find_beneficiary(std::string_view("B-9999"))).has_value());
    CHECK_FALSE(ok(store->find_beneficiary(std::int64_t{9999})).has_value());
    CHECK_FALSE(ok(store->find_application(9999)).has_value());
    CHECK_FALSE(ok(store->find_agreement(9999)).has_value());
    CHECK_FALSE(ok(store->find_rule_file("0000")).has_value());
    CHECK(ok(store->list_beneficiaries()).empty());
    CHECK(ok(store->list_applications()).empty());
    CHECK(ok(store->list_agreements({})).empty());
  }
}

}  // namespace

TEST_CASE("store contract on SQLite") {
  TempDir dir;
  int n = 0;
  store_contract(
      [&] { return "sqlite:" + (dir.path() / ("db" + std::to_string(++n) + ".sqlite")).string(); });
}

TEST_CASE("store contract on PostgreSQL") {
  grants::testing::PostgresqlDatabases databases;
  store_contract([&] { return databases.fresh(); });
}

TEST_CASE("store reports an unreachable PostgreSQL server as a storage error, password masked") {
  auto opened = open_store("postgresql://officer:s3cret@127.0.0.1:1/grants");
  CHECK(failed(opened).code() == ErrorCode::kStorage);
  CHECK(failed(opened).message().starts_with(
      "cannot open database \"postgresql://officer:***@127.0.0.1:1/grants\": "));
  CHECK(failed(opened).message().find("s3cret") == std::string::npos);
}

TEST_CASE("store opens sqlite:PATH, sqlite://PATH and a plain path alike") {
  TempDir dir;
  std::string path = (dir.path() / "grants.sqlite").string();
  REQUIRE(open_migrated("sqlite://" + path)->add_beneficiaries({person("B-0001")}).ok());
  CHECK(ok(open_migrated("sqlite:" + path)->list_beneficiaries()).size() == 1);
  CHECK(ok(open_migrated(path)->find_beneficiary(std::string_view("B-0001"))).has_value());
}

TEST_CASE("store refuses unknown database URLs") {
  auto mysql = open_store("mysql://x");
  CHECK(failed(mysql).code() == ErrorCode::kInvalidInput);
  CHECK(failed(mysql).message() ==
        "database URL \"mysql://x\": unknown scheme, expected sqlite:PATH or "
        "postgresql://USER@HOST:PORT/DBNAME");
  auto empty = open_store("sqlite:");
  CHECK(failed(empty).message() == "database URL \"sqlite:\": no file path");
}

TEST_CASE("database_files: a SQLite URL's file and the WAL, shared memory and journal beside it") {
  const std::vector<std::string> files = {"d/g.db", "d/g.db-wal", "d/g.db-shm", "d/g.db-journal"};
  CHECK(database_files("sqlite:d/g.db") == files);
  CHECK(database_files("sqlite://d/g.db") == files);
  CHECK(database_files("d/g.db") == files);
  CHECK(database_files("postgresql://grants@127.0.0.1:5432/grants").empty());
  CHECK(database_files("sqlite::memory:").empty());
  CHECK(database_files("mysql://x").empty());
}

TEST_CASE("store reports a database it cannot open as a storage error") {
  TempDir dir;
  std::string path = (dir.path() / "missing" / "grants.sqlite").string();
  auto opened = open_store("sqlite:" + path);
  CHECK(failed(opened).code() == ErrorCode::kStorage);
  CHECK(failed(opened).message().starts_with("cannot open database \"" + path + "\": "));
}

TEST_CASE("store keeps a SQLite database in WAL mode") {
  TempDir dir;
  std::string path = (dir.path() / "grants.sqlite").string();
  auto store = open_migrated("sqlite:" + path);
  // A second, raw connection sees the mode recorded in the file itself.
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
  sqlite3_finalize(st);
  sqlite3_close(raw);
}
