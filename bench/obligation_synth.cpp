// grants_obligation_synth: fills a database with N synthetic conventions of
// six schemes (bursaries with yearly proofs, an allowance, an equipment aid,
// a structure's investment aid, a Vienne study aid), each with an approved
// application, its schedule, and a mix of obligation events: none, the
// diploma only, a start (some after the deadline to start), yearly proofs,
// suspensions (closed and open), moves out of the département, stops and
// zone exits. Checked on 2030-06-30, every state of the compliance check
// occurs.
//
// It goes through the library's Store, in write transactions of 20 000
// conventions, so the rows are those the engine itself writes; each
// scheme's schedule is computed once by the rules.
//
// usage: grants_obligation_synth N DB_URL RULES_DIR
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "grants/award.h"
#include "grants/store.h"

namespace {

using namespace grants;
using boost::gregorian::days;

constexpr long kPerTransaction = 20000;

struct Kind {
  const char* scheme;
  const char* profession;
  BeneficiaryKind beneficiary;
  const char* commune;
  std::optional<Money> expenses;
  std::optional<int> study_year;
};

const std::array<Kind, 6> kKinds{{
    {"loir-et-cher/intern-bursary", "general-medicine-intern", BeneficiaryKind::kPerson, "41018", {}, {}},
    {"loir-et-cher/paramedical-bursary", "nursing-student", BeneficiaryKind::kPerson, "41194", {}, {}},
    {"loir-et-cher/long-internship-allowance", "medical-intern", BeneficiaryKind::kPerson, "41018", {}, {}},
    {"loir-et-cher/equipment-aid", "physiotherapist", BeneficiaryKind::kPerson, "41269", Money::from_cents(1200000), {}},
    {"loir-et-cher/investment-aid", "maison-de-sante", BeneficiaryKind::kStructure, "41232", Money::from_cents(40000000), {}},
    {"vienne/speech-therapy-study-aid", "speech-therapy-student", BeneficiaryKind::kPerson, "86194", {}, 4},
}};

struct Prepared {
  const Kind* kind;
  const RuleFile* file;
  const SchemePeriod* period;
  Schedule schedule;
  StartTrigger trigger;
  std::string evidence;
};

int fail(const Error& e) {
  std::fprintf(stderr, "grants_obligation_synth: %s\n", e.to_string().c_str());
  return 1;
}

Date months_after(Date d, int n) { return add_months(d, n, MonthEnd::kClamp); }

// The events of convention number i (1-based) signed on `signed_on`, in date
// order. The pattern cycles over ten cases.
std::vector<ObligationEvent> events_of(long i, const Prepared& p, Date signed_on, std::int64_t id) {
  std::vector<ObligationEvent> out;
  auto add = [&](ObligationEventKind k, Date on, std::string reason = {}, std::string commune = {},
                 std::string evidence = {}) {
    out.push_back(ObligationEvent{0, id, k, on, std::move(reason), std::move(commune), std::move(evidence),
                                  "", signed_on});
  };
  const int pattern = static_cast<int>(i % 10);
  const bool diploma = p.trigger == StartTrigger::kDiploma || p.trigger == StartTrigger::kWithinMonthsOfDiploma;
  Date start = signed_on;
  Date deadline_from = signed_on;  // what the deadline to start counts from
  if (diploma) {
    if (pattern == 0) return out;  // nothing yet: awaiting start, or overdue
    const Date graduated = months_after(signed_on, 20 + static_cast<int>(i % 5));
    add(ObligationEventKind::kDiploma, graduated);
    if (pattern == 1) return out;
    deadline_from = graduated;
    start = graduated + days(30 + static_cast<int>(i % 60));
  } else if (p.trigger == StartTrigger::kInstallation) {
    if (pattern == 0) return out;
    start = signed_on + days(10 + static_cast<int>(i % 90));
  }
  // Pattern 2 starts after the deadline, and nothing is decided on it.
  const int within = p.period->obligation.start_within_months;
  if (pattern == 2 && within > 0 &&
      (p.trigger == StartTrigger::kWithinMonthsOfDiploma || p.trigger == StartTrigger::kInstallation))
    start = months_after(deadline_from, within) + days(1 + static_cast<int>(i % 60));
  if (p.trigger != StartTrigger::kAidGranted && p.trigger != StartTrigger::kDiploma)
    add(ObligationEventKind::kStart, start, {}, p.kind->commune);
  const bool proofs = !p.evidence.empty();
  switch (pattern) {
    case 3:
      if (proofs) add(ObligationEventKind::kEvidence, months_after(start, 12) - days(5), {}, {}, p.evidence);
      break;
    case 4:
      if (proofs)
        for (int y = 1; y <= p.period->obligation.years; ++y)
          add(ObligationEventKind::kEvidence, months_after(start, 12 * y) - days(5), {}, {}, p.evidence);
      break;
    case 5:
      add(ObligationEventKind::kSuspend, months_after(start, 7), "parental-leave");
      add(ObligationEventKind::kResume, months_after(start, 11));
      break;
    case 6:
      add(ObligationEventKind::kMovedOut, months_after(start, 15), {}, "37261");
      break;
    case 7:
      add(ObligationEventKind::kStopped, months_after(start, 20));
      break;
    case 8:
      if (proofs) add(ObligationEventKind::kEvidence, months_after(start, 12) - days(3), {}, {}, p.evidence);
      add(ObligationEventKind::kSuspend, months_after(start, 14), "illness");
      break;
    case 9:
      if (proofs) add(ObligationEventKind::kEvidence, months_after(start, 12) - days(1), {}, {}, p.evidence);
      add(ObligationEventKind::kLeftZone, months_after(start, 18));
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: grants_obligation_synth N DB_URL RULES_DIR\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  auto rules = load_rule_book({argv[3]});
  if (!rules) return fail(rules.error());
  const Date first_signature(2023, 9, 1);

  std::vector<Prepared> prepared;
  for (const Kind& k : kKinds) {
    auto found = rules->find(k.scheme);
    if (!found) return fail(Error::InvalidInput(fmt::format("{} is not in {}", k.scheme, argv[3])));
    const SchemePeriod* period = found->scheme->in_force(first_signature);
    if (period == nullptr) return fail(Error::InvalidInput(fmt::format("{} is not in force", k.scheme)));
    auto schedule = compute_award(
        *period, AwardInput{k.profession, first_signature, first_signature + days(30), k.study_year, k.expenses});
    if (!schedule) return fail(schedule.error());
    prepared.push_back(
        {&k, found->file, period, std::move(*schedule), period->obligation.trigger, period->obligation.evidence});
  }

  auto store = open_store(argv[2]);
  if (!store) return fail(store.error());
  if (auto m = (*store)->migrate(); !m) return fail(m.error());

  long events = 0;
  for (long first = 1; first <= n; first += kPerTransaction) {
    const long last = std::min(n, first + kPerTransaction - 1);
    auto tx = (*store)->begin_write();
    if (!tx) return fail(tx.error());
    std::vector<Beneficiary> people;
    for (long i = first; i <= last; ++i) {
      const Kind& k = *prepared[static_cast<std::size_t>(i) % prepared.size()].kind;
      Beneficiary b;
      b.ref = fmt::format("O-{:07}", i);
      b.kind = k.beneficiary;
      b.name = "Synthétique";
      if (k.beneficiary == BeneficiaryKind::kPerson) b.first_name = fmt::format("Personne {}", i);
      b.profession = k.profession;
      b.commune = k.commune;
      people.push_back(std::move(b));
    }
    if (auto st = (*store)->add_beneficiaries(people); !st) return fail(st.error());
    std::vector<ObligationEvent> batch_events;
    for (long i = first; i <= last; ++i) {
      const Prepared& p = prepared[static_cast<std::size_t>(i) % prepared.size()];
      // Signatures spread over a year of days, so obligations end on many dates.
      const Date signed_on = first_signature + days(i % 365);
      auto b = (*store)->find_beneficiary(fmt::format("O-{:07}", i));
      if (!b) return fail(b.error());
      Application a;
      a.beneficiary_id = (*b)->id;
      a.scheme_id = p.kind->scheme;
      a.submitted_on = signed_on - days(20);
      a.start = signed_on + days(30);
      a.expenses = p.kind->expenses;
      a.study_year = p.kind->study_year;
      a.eligible = true;
      auto app = (*store)->add_application(a);
      if (!app) return fail(app.error());
      Decision d{ApplicationState::kApproved, "CP-SYNTH", signed_on - days(5), ""};
      if (auto st = (*store)->record_decision(*app, d); !st) return fail(st.error());
      Agreement g;
      g.application_id = *app;
      g.beneficiary_id = (*b)->id;
      g.scheme_id = p.kind->scheme;
      g.signed_on = signed_on;
      g.start = signed_on + days(30);
      g.rule_file = p.file->name;
      g.rule_sha256 = p.file->sha256;
      g.rule_period_from = p.period->from;
      g.rule_reference = p.period->reference;
      g.schedule = p.schedule;
      g.departement_code = p.file->code;
      g.expense_account = p.period->accounts.expense;
      g.payable_account = p.period->accounts.payable;
      g.receivable_account = p.period->accounts.receivable;
      g.required_documents = p.period->documents;
      auto id = (*store)->add_agreement(g, StoredRuleFile{p.file->sha256, p.file->name, p.file->content});
      if (!id) return fail(id.error());
      for (auto& e : events_of(i, p, signed_on, *id)) batch_events.push_back(std::move(e));
    }
    events += static_cast<long>(batch_events.size());
    if (auto st = (*store)->add_obligation_events(batch_events); !st) return fail(st.error());
    if (auto st = (*tx)->commit(); !st) return fail(st.error());
  }
  std::printf("generated %ld conventions of %zu schemes with %ld obligation events\n", n, prepared.size(), events);
  return 0;
}
