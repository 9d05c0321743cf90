// grants_synth: fills a database with N synthetic beneficiaries, each with an
// approved application and a signed convention of the Loir-et-Cher
// long-internship allowance (6 × 250 €) whose first instalment falls due in
// the given month. Every 100th beneficiary has no IBAN, so the batch of that
// month holds one instalment in a hundred.
//
// It goes through the library's Store, in write transactions of 20 000
// conventions, so the rows are those the engine itself writes; the schedule
// is computed once by the rules (all conventions share it).
//
// usage: grants_synth N DB_URL RULES_DIR YYYY-MM
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "grants/award.h"
#include "grants/store.h"

namespace {

using namespace grants;

constexpr const char* kScheme = "loir-et-cher/long-internship-allowance";
constexpr long kPerTransaction = 20000;

// A valid French IBAN for account number `n`: bank 30004, branch 00001,
// with its RIB key and ISO 13616 check digits.
std::string french_iban(long n) {
  const std::string bank = "30004", branch = "00001", account = fmt::format("{:011}", n);
  // RIB key: 97 - ((89 bank + 15 branch + 3 account) mod 97); all digits here.
  const long long key = 97 - ((89LL * std::stoll(bank) + 15LL * std::stoll(branch) + 3LL * std::stoll(account)) % 97);
  const std::string bban = bank + branch + account + fmt::format("{:02}", key);
  // mod 97 of BBAN + "FR00" with letters as numbers (F = 15, R = 27).
  const std::string digits = bban + "152700";
  int rem = 0;
  for (char c : digits) rem = (rem * 10 + (c - '0')) % 97;
  return fmt::format("FR{:02}{}", 98 - rem, bban);
}

int fail(const Error& e) {
  std::fprintf(stderr, "grants_synth: %s\n", e.to_string().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: grants_synth N DB_URL RULES_DIR YYYY-MM\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  auto month = YearMonth::parse(argv[4]);
  if (!month) return fail(month.error());
  auto rules = load_rule_book({argv[3]});
  if (!rules) return fail(rules.error());
  auto found = rules->find(kScheme);
  if (!found) return fail(Error::InvalidInput(fmt::format("{} is not in {}", kScheme, argv[3])));
  const Date start = month->first_day();
  const Date signed_on = start - boost::gregorian::days(20);
  const SchemePeriod* period = found->scheme->in_force(signed_on);
  if (period == nullptr) return fail(Error::InvalidInput("the scheme is not in force"));
  auto schedule = compute_award(*period, AwardInput{"medical-intern", signed_on, start, std::nullopt, std::nullopt});
  if (!schedule) return fail(schedule.error());

  auto store = open_store(argv[2]);
  if (!store) return fail(store.error());
  if (auto m = (*store)->migrate(); !m) return fail(m.error());
  const StoredRuleFile rule_file{found->file->sha256, found->file->name, found->file->content};

  for (long first = 1; first <= n; first += kPerTransaction) {
    const long last = std::min(n, first + kPerTransaction - 1);
    auto tx = (*store)->begin_write();
    if (!tx) return fail(tx.error());
    std::vector<Beneficiary> people;
    for (long i = first; i <= last; ++i) {
      Beneficiary b;
      b.ref = fmt::format("S-{:07}", i);
      b.name = "Synthétique";
      b.first_name = fmt::format("Interne {}", i);
      b.profession = "medical-intern";
      b.commune = "41018";
      if (i % 100 != 0) {
        b.iban = french_iban(i);
        b.bic = "BNPAFRPPXXX";
      }
      people.push_back(std::move(b));
    }
    if (auto st = (*store)->add_beneficiaries(people); !st) return fail(st.error());
    for (long i = first; i <= last; ++i) {
      auto b = (*store)->find_beneficiary(fmt::format("S-{:07}", i));
      if (!b) return fail(b.error());
      Application a;
      a.beneficiary_id = (*b)->id;
      a.scheme_id = kScheme;
      a.submitted_on = signed_on - boost::gregorian::days(10);
      a.start = start;
      a.eligible = true;
      auto app = (*store)->add_application(a);
      if (!app) return fail(app.error());
      Decision d{ApplicationState::kApproved, "CP-SYNTH", signed_on - boost::gregorian::days(5), ""};
      if (auto st = (*store)->record_decision(*app, d); !st) return fail(st.error());
      Agreement g;
      g.application_id = *app;
      g.beneficiary_id = (*b)->id;
      g.scheme_id = kScheme;
      g.signed_on = signed_on;
      g.start = start;
      g.rule_file = found->file->name;
      g.rule_sha256 = found->file->sha256;
      g.rule_period_from = period->from;
      g.rule_reference = period->reference;
      g.schedule = *schedule;
      g.departement_code = found->file->code;
      g.expense_account = period->accounts.expense;
      g.payable_account = period->accounts.payable;
      g.receivable_account = period->accounts.receivable;
      g.required_documents = period->documents;
      if (auto id = (*store)->add_agreement(g, rule_file); !id) return fail(id.error());
    }
    if (auto st = (*tx)->commit(); !st) return fail(st.error());
  }
  std::printf("generated %ld conventions of %s, first instalment due %s\n", n, kScheme,
              format_date(schedule->instalments.front().due).c_str());
  return 0;
}
