// Rule files: one test per kind of bad input, each asserting the exact
// error lines (path:line: key: what), and the shipped files parse.
#include "grants/rules.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "grants/award.h"
#include "grants/describe.h"
#include "grants/digest.h"
#include "grants/service.h"
#include "testing.h"

using namespace grants;

namespace {

// Lines 1-10: a file header and one scheme up to its first period's
// reference. Test texts go on from line 11.
constexpr std::string_view kHead = R"(departement = "Test"
code = "41"
reference = "Test plan"
[schemes.b]
name = "Bourse"
kind = "bursary"
beneficiary = "person"
[[schemes.b.periods]]
from = 2024-01-01
reference = "R1"
)";
constexpr std::string_view kProfessions = "professions = [\"general-medicine-intern\"]\n";
constexpr std::string_view kAmount =
    "amount = { type = \"monthly\", monthly = \"500.00\", months = 24 }\n";
// The other sections a first period needs: 3 lines.
constexpr std::string_view kRest = R"(obligation = { years = 3, trigger = "installation" }
clawback = { formula = "all-sums" }
accounts = { expense = "6513", payable = "4671", receivable = "4641" }
)";

std::string text(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out += p;
  return out;
}

// A valid file whose period is kHead + professions + amount + rest (lines 11-15).
std::string valid() { return text({kHead, kProfessions, kAmount, kRest}); }

// Every problem line, joined by newlines; "(parsed)" when there is none.
std::string problems(const std::string& toml) {
  auto r = parse_rules(toml, "rules/t.toml");
  if (r) return "(parsed)";
  std::string out;
  for (const auto& d : r.error().details()) out += (out.empty() ? "" : "\n") + d;
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("rules: a minimal valid file parses into one scheme and one open period") {
  auto r = parse_rules(valid(), "rules/t.toml");
  REQUIRE(r.ok());
  CHECK(r->name == "t.toml");
  CHECK(r->code == "41");
  REQUIRE(r->schemes.size() == 1);
  const Scheme& s = r->schemes[0];
  CHECK(s.id == "t/b");
  REQUIRE(s.periods.size() == 1);
  CHECK(s.periods[0].line == 8);
  CHECK_FALSE(s.periods[0].to.has_value());
  CHECK(s.periods[0].amount.monthly == Money::from_cents(50000));
  CHECK(s.periods[0].amount.months == 24);
  CHECK(s.periods[0].payment.day_of_month == 5);  // the documented default
}

TEST_CASE("rules: the error message counts the problems and names the file") {
  auto r = parse_rules(text({kHead, kProfessions, kRest}), "rules/t.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code() == ErrorCode::kInvalidInput);
  CHECK(r.error().message() == "rules/t.toml: 1 problem in the rule file");
  CHECK(r.error().details() ==
        std::vector<std::string>{
            "rules/t.toml:8: schemes.b.periods[0].amount: missing (required in the first period)"});
}

// Regression: a syntax error gave its line alone, leaving the reader to
// find the spot on a long line of an inline table.
TEST_CASE("rules: a TOML syntax error gives its line and column") {
  CHECK(problems("departement = \"Test\"\ncode = = \"41\"\n") ==
        "rules/t.toml:2:8: TOML syntax: Error while parsing value: could not determine value type");
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"monthly\", monthly = \"500.00\" months = 24 }\n", kRest})) ==
        "rules/t.toml:12:49: TOML syntax: Error while parsing inline table: expected comma or closing '}', saw 'm'");
  // Columns count characters, not bytes.
  CHECK(problems("departement = \"Hérault\" x\n") ==
        "rules/t.toml:1:25: TOML syntax: Error while parsing key-value pair: expected a comment or whitespace, saw 'x'");
}

TEST_CASE("rules: unknown keys are reported at every level with the allowed keys") {
  CHECK(problems(text({"colour = \"blue\"\n", valid()})) ==
        "rules/t.toml:1: colour: unknown key (allowed: departement, code, reference, payer, schemes)");
  CHECK(problems(text(
            {kHead, kProfessions,
             "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, mounths = 3 }\n",
             kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.mounths: unknown key (allowed: type, "
        "monthly, months, "
        "months_from, max_months, lump_sum, rate, cap_by_profession, cap, shares)");
  CHECK(problems(text({kHead, "frm = 2024-01-01\n", kProfessions, kAmount, kRest})) ==
        "rules/t.toml:11: schemes.b.periods[0].frm: unknown key (allowed: from, until, reference, "
        "professions, "
        "study_years, commune_in_departement, documents, amount, payment, obligation, clawback, "
        "accounts, cumul)");
}

TEST_CASE("rules: a value of the wrong TOML type names both types") {
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"monthly\", monthly = \"500.00\", months = \"24\" }\n",
                       kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.months: expected an integer, found a string: \"24\"");
  CHECK(
      problems(text({kHead, "commune_in_departement = \"yes\"\n", kProfessions, kAmount, kRest})) ==
      "rules/t.toml:11: schemes.b.periods[0].commune_in_departement: expected true or false, found "
      "a string: \"yes\"");
  // A section of the wrong type is one problem, not also every key it lacks.
  CHECK(problems(text({kHead, kProfessions, "amount = \"monthly\"\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount: expected a table, found a string: \"monthly\"");
}

// The value is named, so that the author finds which of a file's dates is
// meant; it was "found a string" alone.
TEST_CASE("rules: a quoted date is refused with the way to write it and the value found") {
  std::string t = valid();
  t.replace(t.find("from = 2024-01-01"), 17, "from = \"2024-01-01\"");
  CHECK(problems(t) ==
        "rules/t.toml:9: schemes.b.periods[0].from: expected a TOML date such as 2024-11-01 (no "
        "quotes), found a string: \"2024-01-01\"");
}

TEST_CASE("rules: missing required keys are reported at the line of their table") {
  std::string t = valid();
  t.erase(t.find("name = \"Bourse\"\n"), 16);
  CHECK(problems(t) == "rules/t.toml:4: schemes.b.name: missing (required)");
  CHECK(problems(text({kHead, kAmount, kRest})) ==
        "rules/t.toml:8: schemes.b.periods[0].professions: missing (required in the first period)");
  CHECK(problems(text({kHead, kProfessions, kAmount})) ==
        "rules/t.toml:8: schemes.b.periods[0].obligation: missing (required in the first period)\n"
        "rules/t.toml:8: schemes.b.periods[0].clawback: missing (required in the first period)\n"
        "rules/t.toml:8: schemes.b.periods[0].accounts: missing (required in the first period)");
  CHECK(problems(text({kHead, kProfessions, kAmount,
                       "obligation = { years = 3 }\nclawback = { formula = \"all-sums\" }\n"
                       "accounts = { expense = \"6513\", receivable = \"4641\" }\n"})) ==
        "rules/t.toml:13: schemes.b.periods[0].obligation.trigger: missing (required)\n"
        "rules/t.toml:15: schemes.b.periods[0].accounts.payable: missing (required)");
}

TEST_CASE("rules: an unknown profession is an error") {
  CHECK(problems(text({kHead, "professions = [\"general-medicine-intern\", \"wizard\"]\n", kAmount,
                       kRest})) ==
        "rules/t.toml:11: schemes.b.periods[0].professions[1]: unknown profession \"wizard\" "
        "(rules/README.md "
        "lists them)");
}

TEST_CASE("rules: a structure type cannot be a person's scheme's profession, nor the reverse") {
  CHECK(problems(text({kHead, "professions = [\"maison-de-sante\"]\n", kAmount, kRest})) ==
        "rules/t.toml:11: schemes.b.periods[0].professions[0]: \"maison-de-sante\" is a structure "
        "type, but the "
        "scheme's beneficiary is \"person\"");
  std::string t = text({kHead, "professions = [\"nurse\"]\n", kAmount, kRest});
  t.replace(t.find("\"person\""), 8, "\"structure\"");
  CHECK(problems(t) ==
        "rules/t.toml:11: schemes.b.periods[0].professions[0]: \"nurse\" is a person's profession, "
        "but the "
        "scheme's beneficiary is \"structure\"");
}

TEST_CASE("rules: an unknown enum name lists the accepted names") {
  std::string t = valid();
  t.replace(t.find("\"bursary\""), 9, "\"grant\"");
  CHECK(problems(t) ==
        "rules/t.toml:6: schemes.b.kind: \"grant\" is not one of \"bursary\", \"allowance\", "
        "\"equipment-aid\", "
        "\"investment-aid\" or \"supplement\"");
  CHECK(problems(
            text({kHead, kProfessions, kAmount, kRest, "payment = { first = \"diploma\" }\n"})) ==
        "rules/t.toml:16: schemes.b.periods[0].payment.first: \"diploma\" is not one of "
        "\"signature\" or \"start\"");
}

TEST_CASE("rules: amounts are strings, never TOML numbers") {
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"monthly\", monthly = 500, months = 24 }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.monthly: 500 is a TOML integer: write "
        "amounts as strings, "
        "e.g. \"500.00\"");
  CHECK(
      problems(text({kHead, kProfessions,
                     "amount = { type = \"monthly\", monthly = 500.0, months = 24 }\n", kRest})) ==
      "rules/t.toml:12: schemes.b.periods[0].amount.monthly: a TOML float is not exact: write "
      "amounts as "
      "strings, e.g. \"500.00\"");
}

TEST_CASE("rules: an amount that does not parse keeps Money::parse's message") {
  const std::string t =
      text({kHead, kProfessions,
            "amount = { type = \"monthly\", monthly = \"500,005\", months = 24 }\n", kRest});
  auto m = Money::parse("500,005");
  REQUIRE_FALSE(m.ok());
  CHECK(problems(t) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.monthly: " + m.error().message());
}

TEST_CASE("rules: a zero amount is refused") {
  CHECK(problems(
            text({kHead, kProfessions,
                  "amount = { type = \"monthly\", monthly = \"0.00\", months = 24 }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.monthly: must be positive, found 0.00");
}

TEST_CASE("rules: a rate that does not parse keeps parse_rate's message") {
  auto r = parse_rate("180%");
  REQUIRE_FALSE(r.ok());
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"share-of-cost\", rate = \"180%\" }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.rate: " + r.error().message());
  CHECK(problems(text(
            {kHead, kProfessions, "amount = { type = \"share-of-cost\", rate = 0.8 }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.rate: write rates as strings, e.g. \"80%\" "
        "or \"1/3\"");
}

TEST_CASE("rules: a rounding name is checked by parse_rounding") {
  auto r = parse_rounding("nearest");
  REQUIRE_FALSE(r.ok());
  CHECK(problems(text(
            {kHead, kProfessions, kAmount, kRest, "payment = { rounding = \"nearest\" }\n"})) ==
        "rules/t.toml:16: schemes.b.periods[0].payment.rounding: " + r.error().message());
}

TEST_CASE("rules: periods must be in increasing order of their start") {
  const std::string second = "[[schemes.b.periods]]\nfrom = 2023-06-01\nreference = \"R2\"\n";
  CHECK(problems(text({valid(), second})) ==
        "rules/t.toml:17: schemes.b.periods[1].from: 2023-06-01 is before the previous period's "
        "start "
        "(2024-01-01): list periods in increasing `from` order");
}

TEST_CASE("rules: two periods cannot start on the same day") {
  const std::string second = "[[schemes.b.periods]]\nfrom = 2024-01-01\nreference = \"R2\"\n";
  CHECK(problems(text({valid(), second})) ==
        "rules/t.toml:17: schemes.b.periods[1].from: 2024-01-01 is also the start of an earlier "
        "period: two "
        "periods cannot start on the same day");
}

TEST_CASE("rules: only the last period may have an explicit end") {
  const std::string first_ends =
      text({kHead, "until = 2024-06-30\n", kProfessions, kAmount, kRest,
            "[[schemes.b.periods]]\nfrom = 2025-01-01\nreference = \"R2\"\n"});
  CHECK(problems(first_ends) ==
        "rules/t.toml:11: schemes.b.periods[0].until: only the last period may have `until`: the "
        "next period's "
        "`from` ends this one");
  CHECK(problems(text({kHead, "until = 2023-12-31\n", kProfessions, kAmount, kRest})) ==
        "rules/t.toml:11: schemes.b.periods[0].until: 2023-12-31 is before this period's from "
        "(2024-01-01)");
}

TEST_CASE("rules: study years must be [first, last] with first <= last") {
  CHECK(problems(text({kHead, "study_years = [5, 3]\n", kProfessions, kAmount, kRest})) ==
        "rules/t.toml:11: schemes.b.periods[0].study_years: first year 5 is after last year 3");
  CHECK(problems(text({kHead, "study_years = [5]\n", kProfessions, kAmount, kRest})) ==
        "rules/t.toml:11: schemes.b.periods[0].study_years: expected [first, last], e.g. [4, 10], "
        "found 1 values");
}

TEST_CASE("rules: a monthly amount needs months or months_from") {
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"monthly\", monthly = \"500.00\" }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.months: a monthly amount needs `months`, or "
        "months_from = "
        "\"remaining-study-years\"");
}

TEST_CASE("rules: remaining-study-years needs the period's study years") {
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"monthly\", monthly = \"500.00\", months_from = "
                       "\"remaining-study-years\" }\n",
                       kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.months_from: \"remaining-study-years\" needs "
        "the period's "
        "study_years = [first, last]");
}

TEST_CASE("rules: a share-of-cost amount needs a rate") {
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"share-of-cost\", cap = \"1000.00\" }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.rate: a share-of-cost amount needs `rate`, "
        "e.g. \"80%\"");
}

TEST_CASE("rules: a key of another amount type is reported, not ignored") {
  CHECK(
      problems(text(
          {kHead, kProfessions,
           "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, rate = \"80%\" }\n",
           kRest})) ==
      "rules/t.toml:12: schemes.b.periods[0].amount.rate: does not apply to a \"monthly\" amount");
}

TEST_CASE("rules: shares must sum to 100 %") {
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"lump-sum\", lump_sum = \"1000.00\", shares = [{ "
                       "fraction = \"50%\" }, "
                       "{ fraction = \"40%\", after_months = 12 }] }\n",
                       kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.shares: the fractions sum to " +
            format_rate(Rational(9, 10)) + ", not 100 %");
}

TEST_CASE("rules: cap_by_profession names known professions of the period") {
  CHECK(problems(text(
            {kHead, kProfessions,
             "amount = { type = \"share-of-cost\", rate = \"80%\", cap_by_profession = { wizard = "
             "\"100.00\" } }\n",
             kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.cap_by_profession.wizard: unknown profession "
        "\"wizard\" "
        "(rules/README.md lists them)");
  CHECK(problems(text(
            {kHead, kProfessions,
             "amount = { type = \"share-of-cost\", rate = \"80%\", cap_by_profession = { nurse = "
             "\"100.00\" } }\n",
             kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.cap_by_profession.nurse: \"nurse\" is not "
        "among the "
        "period's professions");
}

// A cap is the whole award's: one below a month's amount or below the lump
// sum (a monthly cap typed for the award's) made every award the cap.
constexpr std::string_view kCapped =
    "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, cap = \"300.00\" }\n";

TEST_CASE("rules: an overall cap below a month's amount or the lump sum is refused") {
  CHECK(problems(text({kHead, kProfessions, kCapped, kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.cap: 300,00 € is below one month's 500,00 €: every award "
        "would be one instalment of 300,00 €; the cap limits the whole award");
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"lump-sum\", lump_sum = \"15000.00\", cap = \"1500.00\" }\n", kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].amount.cap: 1 500,00 € is below the lump sum of 15 000,00 €: every "
        "award would be 1 500,00 €; the cap limits the whole award");
  // A cap of one month or more limits the months paid: accepted.
  CHECK(problems(text({kHead, kProfessions,
                       "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, cap = \"500.00\" }\n",
                       kRest})) == "(parsed)");
  // A later period raising the month above the cap it inherits is refused
  // on its own line; one repeating nothing of the amount is not reported.
  const std::string capped = text({kHead, kProfessions,
                                   "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, cap = "
                                   "\"550.00\" }\n",
                                   kRest, "[[schemes.b.periods]]\nfrom = 2025-01-01\nreference = \"R2\"\n"});
  CHECK(problems(capped + "amount = { monthly = \"600.00\" }\n") ==
        "rules/t.toml:19: schemes.b.periods[1].amount.cap: 550,00 € is below one month's 600,00 €: every award "
        "would be one instalment of 550,00 €; the cap limits the whole award");
  CHECK(problems(capped + "documents = [\"invoices\"]\n") == "(parsed)");
  // A file stored with its conventions reads as it was accepted.
  CHECK(parse_rules(text({kHead, kProfessions, kCapped, kRest}), "rules/t.toml", RuleChecks::kStored).ok());
}

TEST_CASE("rules: a decreasing clawback table must not increase") {
  CHECK(problems(text(
            {kHead, kProfessions, kAmount,
             "obligation = { years = 3, trigger = \"installation\" }\n"
             "clawback = { formula = \"decreasing\", decreasing = [\"100%\", \"50%\", \"80%\"] }\n"
             "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"})) ==
        "rules/t.toml:14: schemes.b.periods[0].clawback.decreasing[2]: " +
            format_rate(Rational(4, 5)) + " after 2 whole years is more than " +
            format_rate(Rational(1, 2)) +
            " after 1: the share owed must not grow with years served");
}

// Regression: a deadline given with a trigger that has none was read, shown
// by `rules show` ("to start within 6 months") and never applied.
TEST_CASE("rules: start_within_months only with a trigger that has a deadline to start") {
  auto file = [](std::string_view obligation) {
    return text({kHead, kProfessions, kAmount, "obligation = { " + std::string(obligation) + " }\n",
                 "clawback = { formula = \"all-sums\" }\n"
                 "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"});
  };
  CHECK(problems(file("years = 3, trigger = \"diploma\", start_within_months = 6")) ==
        "rules/t.toml:13: schemes.b.periods[0].obligation.start_within_months: does not apply to the "
        "\"diploma\" trigger: only \"within-months-of-diploma\" and \"installation\" have a deadline to start");
  CHECK(problems(file("years = 3, trigger = \"aid-granted\", start_within_months = 6")) ==
        "rules/t.toml:13: schemes.b.periods[0].obligation.start_within_months: does not apply to the "
        "\"aid-granted\" trigger: only \"within-months-of-diploma\" and \"installation\" have a deadline to "
        "start");
  CHECK(problems(file("years = 3, trigger = \"installation\", start_within_months = 6")) == "(parsed)");
  CHECK(problems(file("years = 3, trigger = \"within-months-of-diploma\", start_within_months = 12")) ==
        "(parsed)");
  // A file stored with the conventions signed under it still reads.
  CHECK(parse_rules(file("years = 3, trigger = \"diploma\", start_within_months = 6"), "rules/t.toml",
                    RuleChecks::kStored)
            .ok());
}

TEST_CASE("rules: each clawback formula needs its parameters") {
  CHECK(
      problems(text(
          {kHead, kProfessions, kAmount,
           "obligation = { years = 3, trigger = \"installation\" }\n"
           "clawback = { formula = \"cesp\", cesp_per_month = \"200.00\", unit = \"day\" }\n"
           "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"})) ==
      "rules/t.toml:14: schemes.b.periods[0].clawback.cesp_minimum: the \"cesp\" formula needs it\n"
      "rules/t.toml:14: schemes.b.periods[0].clawback.cesp_flat_after_diploma: the \"cesp\" "
      "formula needs it\n"
      "rules/t.toml:14: schemes.b.periods[0].clawback.unit: does not apply to the \"cesp\" "
      "formula");
}

// Regression: any string of digits was taken, a class alone ("6") or a
// bank account number pasted into the key as well.
TEST_CASE("rules: account codes are M57 accounts: 3 to 10 digits, the first a class from 1 to 7") {
  auto with_expense = [](std::string_view expense) {
    return problems(text({kHead, kProfessions, kAmount,
                          "obligation = { years = 3, trigger = \"installation\" }\n"
                          "clawback = { formula = \"all-sums\" }\n"
                          "accounts = { expense = \"" + std::string(expense) +
                              "\", payable = \"4671\", receivable = \"4641\" }\n"}));
  };
  auto refused = [](std::string_view shown) {
    return "rules/t.toml:15: schemes.b.periods[0].accounts.expense: \"" + std::string(shown) +
           "\" is not an M57 account number (3 to 10 digits, the first its class, 1 to 7)";
  };
  CHECK(with_expense("65x3") == refused("65x3"));
  CHECK(with_expense("6") == refused("6"));
  CHECK(with_expense("65") == refused("65"));
  CHECK(with_expense("04671") == refused("04671"));
  CHECK(with_expense("8013") == refused("8013"));
  CHECK(with_expense("30004616159956466929456") == refused("30004616159956466929456"));
  CHECK(with_expense(" 6513") == refused(" 6513"));
  CHECK(with_expense("651\\t3") == refused("651\\t3"));
  CHECK(with_expense("651") == "(parsed)");
  CHECK(with_expense("2041582") == "(parsed)");
  CHECK(with_expense("6513000000") == "(parsed)");
}

// Found only at the export before, after the batch's approval.
TEST_CASE("rules: the payer's BIC is checked as the SEPA file checks it") {
  auto with_bic = [](std::string_view bic, RuleChecks checks = RuleChecks::kAll) {
    return parse_rules(valid() + "[payer]\nname = \"Departement\"\niban = \"FR12 3000 1004 34C4 1000 0000 091\"\n"
                                 "bic = \"" + std::string(bic) + "\"\naccount = \"515\"\n",
                       "rules/t.toml", checks);
  };
  auto refused = [&](std::string_view bic) {
    auto r = with_bic(bic);
    return r ? std::string("(parsed)") : r.error().details().at(0);
  };
  CHECK(refused("BDFEFRPP!!") ==
        "rules/t.toml:19: payer.bic: \"BDFEFRPP!!\" is not a BIC: has 10 characters, not 8 or 11");
  CHECK(refused("BDFEFR1PCCT") ==
        "rules/t.toml:19: payer.bic: \"BDFEFR1PCCT\" is not a BIC: location code \"1P\" must start with a "
        "capital letter or a digit from 2 to 9");
  // Written as the beneficiaries' BICs may be: spaces and lower case.
  auto lower = with_bic("bdfe frpp cct");
  REQUIRE(lower);
  CHECK(lower->payer->bic == "BDFEFRPPCCT");
  auto stored = with_bic("BDFEFRPP!!", RuleChecks::kStored);
  REQUIRE(stored);
  CHECK(stored->payer->bic == "BDFEFRPP!!");
}

// A document listed twice made every signature fail on the database's
// unique index; an empty one held every instalment for good, since no
// `agreement document --kind ""` can be recorded.
TEST_CASE("rules: each document held for payment is named, once") {
  CHECK(problems(text({kHead, kProfessions,
                       "documents = [\"enrolment-certificate\", \"enrolment-certificate\", \"\"]\n", kAmount,
                       kRest})) ==
        "rules/t.toml:12: schemes.b.periods[0].documents[1]: \"enrolment-certificate\" is listed twice\n"
        "rules/t.toml:12: schemes.b.periods[0].documents[2]: empty string: name the document, e.g. "
        "\"enrolment-certificate\"");
  auto r = parse_rules(text({kHead, kProfessions, "documents = [\"enrolment-certificate\", \"invoices\"]\n",
                             kAmount, kRest}),
                       "rules/t.toml");
  REQUIRE(r);
  CHECK(r->schemes.at(0).periods.at(0).documents == std::vector<std::string>{"enrolment-certificate", "invoices"});
}

// A waiver reason is matched exactly against `recovery compute --waiver`:
// listed twice it was shown twice, and one with a capital or a space could
// only be given quoted, letter for letter.
TEST_CASE("rules: each clawback waiver reason is listed once, spelt as --waiver takes it") {
  const auto with_reasons = [](std::string_view reasons) {
    return text({kHead, kProfessions, kAmount, "obligation = { years = 3, trigger = \"installation\" }\n",
                 "clawback = { formula = \"all-sums\", waiver_reasons = ", reasons, " }\n",
                 "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"});
  };
  CHECK(problems(with_reasons("[\"death\", \"Force majeure\", \"death\", \"\"]")) ==
        "rules/t.toml:14: schemes.b.periods[0].clawback.waiver_reasons[1]: \"Force majeure\" is given to "
        "`--waiver` as it is: spell it with lower-case letters, digits and '-', e.g. \"force-majeure\"\n"
        "rules/t.toml:14: schemes.b.periods[0].clawback.waiver_reasons[2]: \"death\" is listed twice\n"
        "rules/t.toml:14: schemes.b.periods[0].clawback.waiver_reasons[3]: \"\" is given to `--waiver` as it is: "
        "spell it with lower-case letters, digits and '-', e.g. \"force-majeure\"");
  auto r = parse_rules(with_reasons("[\"death\", \"force-majeure\"]"), "rules/t.toml");
  REQUIRE(r);
  CHECK(r->schemes.at(0).periods.at(0).clawback.waiver_reasons == std::vector<std::string>{"death", "force-majeure"});
  auto stored = parse_rules(with_reasons("[\"death\", \"death\"]"), "rules/t.toml", RuleChecks::kStored);
  REQUIRE(stored);
  CHECK(stored->schemes.at(0).periods.at(0).clawback.waiver_reasons == std::vector<std::string>{"death", "death"});
}

// A file stored with the conventions signed under it was accepted when
// digits were enough: read back, it still parses, or they could no longer be
// paid; a value that is not digits was never accepted.
TEST_CASE("rules: a stored file is read back with the account check it was accepted under") {
  auto stored = [](std::string_view expense) {
    auto r = parse_rules(text({kHead, kProfessions, kAmount,
                               "obligation = { years = 3, trigger = \"installation\" }\n"
                               "clawback = { formula = \"all-sums\" }\n"
                               "accounts = { expense = \"" + std::string(expense) +
                                   "\", payable = \"4671\", receivable = \"4641\" }\n"}),
                         "t.toml", grants::RuleChecks::kStored);
    return r ? r->schemes.at(0).periods.at(0).accounts.expense : r.error().details().at(0);
  };
  CHECK(stored("65") == "65");
  CHECK(stored("30004616159956466929456") == "30004616159956466929456");
  CHECK(stored("65x3") ==
        "t.toml:15: schemes.b.periods[0].accounts.expense: \"65x3\" is not an M57 account number (3 to 10 "
        "digits, the first its class, 1 to 7)");
}

TEST_CASE("rules: every problem of a file is reported, in line order") {
  std::string t = text({kHead, "professions = [\"wizard\"]\n",
                        "amount = { type = \"monthly\", monthly = 500, months = 24 }\n", kRest});
  t.replace(t.find("code = \"41\""), 11, "code = \"4\"");
  CHECK(problems(t) ==
        "rules/t.toml:2: code: \"4\" is not a département code (\"41\", \"2A\", \"974\")\n"
        "rules/t.toml:11: schemes.b.periods[0].professions[0]: unknown profession \"wizard\" "
        "(rules/README.md "
        "lists them)\n"
        "rules/t.toml:12: schemes.b.periods[0].amount.monthly: 500 is a TOML integer: write "
        "amounts as strings, "
        "e.g. \"500.00\"");
}

TEST_CASE("rules: a later period inherits what it does not repeat, key by key") {
  const std::string t =
      text({valid(), "[[schemes.b.periods]]\nfrom = 2025-01-01\nreference = \"R2\"\n",
            "amount = { monthly = \"600.00\" }\n"});
  auto r = parse_rules(t, "rules/t.toml");
  REQUIRE(r.ok());
  const Scheme& s = r->schemes[0];
  REQUIRE(s.periods.size() == 2);
  CHECK(s.periods[1].reference == "R2");
  CHECK(s.periods[1].amount.monthly == Money::from_cents(60000));
  CHECK(s.periods[1].amount.months == 24);  // inherited inside the amount table
  CHECK(s.periods[1].professions == std::vector<std::string>{"general-medicine-intern"});
  CHECK(s.periods[1].accounts.expense == "6513");
  // The first period ends the day before the second starts: no gap by construction.
  REQUIRE(s.periods[0].to.has_value());
  CHECK(*s.periods[0].to == Date(2024, 12, 31));
  CHECK_FALSE(s.periods[1].to.has_value());
}

namespace {

// What `rules show` says on one line (`amount`, `obligation`...) of the
// first period of `toml`.
std::string shown(const std::string& toml, std::string_view line) {
  auto r = parse_rules(toml, "rules/t.toml");
  REQUIRE(r.ok());
  for (const auto& [k, v] : describe_period(*r, r->schemes[0], r->schemes[0].periods[0]))
    if (k == line) return v;
  return "(no line " + std::string(line) + ")";
}

}  // namespace

TEST_CASE("rules show: a fixed number of months bounded by max_months shows the award computed") {
  CHECK(shown(valid(), "amount") == "500,00 € per month × 24 months = 12 000,00 €");
  const std::string t =
      text({kHead, kProfessions,
            "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, max_months = 12 }\n", kRest});
  CHECK(shown(t, "amount") == "500,00 € per month × 24 months, at most 12 months = 6 000,00 €");
  auto r = parse_rules(t, "rules/t.toml");
  REQUIRE(r.ok());
  auto s = compute_award(r->schemes[0].periods[0],
                         AwardInput{"general-medicine-intern", Date(2024, 1, 10), Date(2024, 2, 1), {}, {}});
  REQUIRE(s.ok());
  CHECK(s->award.to_display() == "6 000,00 €");
}

// A cap below monthly × months is what every convention is paid: the line
// said "= 1 999,98 €; cap 1 500,00 €", the sum of the months first.
TEST_CASE("rules show: a fixed number of months under a cap shows the capped award") {
  const std::string capped =
      text({kHead, kProfessions,
            "amount = { type = \"monthly\", monthly = \"333.33\", months = 6, cap = \"1500.00\" }\n", kRest});
  CHECK(shown(capped, "amount") == "333,33 € per month × 6 months = 1 999,98 €, capped at 1 500,00 €");
  auto r = parse_rules(capped, "rules/t.toml");
  REQUIRE(r.ok());
  auto s = compute_award(r->schemes[0].periods[0],
                         AwardInput{"general-medicine-intern", Date(2024, 1, 10), Date(2024, 2, 1), {}, {}});
  REQUIRE(s.ok());
  CHECK(s->award.to_display() == "1 500,00 €");
  // A cap the months never reach is shown as the rule file gives it.
  CHECK(shown(text({kHead, kProfessions,
                    "amount = { type = \"monthly\", monthly = \"500.00\", months = 3, cap = \"2000.00\" }\n", kRest}),
              "amount") == "500,00 € per month × 3 months = 1 500,00 €; cap 2 000,00 €");
}

TEST_CASE("rules show: an obligation of one year is \"1 year\"") {
  const std::string t = text({kHead, kProfessions, kAmount,
                              "obligation = { years = 1, trigger = \"installation\" }\n"
                              "clawback = { formula = \"all-sums\" }\n"
                              "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"});
  CHECK(shown(t, "obligation") == "1 year from installation; suspensions extend it");
  CHECK(shown(valid(), "obligation") == "3 years from installation; suspensions extend it");
}

TEST_CASE("rules show: a multiplier is a number, as clawback compute writes it") {
  const auto with_factor = [](std::string_view factor) {
    return text({kHead, kProfessions, kAmount, "obligation = { years = 3, trigger = \"installation\" }\n",
                 "clawback = { formula = \"multiplier\", factor = \"", factor,
                 "\", annual_interest = \"3%\", rounding = \"half-up\" }\n",
                 "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"});
  };
  CHECK(shown(with_factor("3"), "clawback") ==
        "3 × Φ × (t − s) / t, Φ = sums paid with 3 % yearly interest; rounding half-up");
  CHECK(shown(with_factor("1"), "clawback") ==
        "1 × Φ × (t − s) / t, Φ = sums paid with 3 % yearly interest; rounding half-up");
}

// Found writing a third département's file: a lump sum paid in shares was
// shown "day 5 of each month, ..., partial months full", keys its schedule
// never reads, and "1/3 after 1 months".
TEST_CASE("rules show: the payment of an aid paid in shares says only what applies to shares") {
  const std::string t = text({kHead, kProfessions,
                              "amount = { type = \"lump-sum\", lump_sum = \"10000\", shares = [{ fraction = \"1/3\" }, "
                              "{ fraction = \"1/3\", after_months = 1 }, { fraction = \"1/3\", after_months = 13 }] }\n"
                              "payment = { month_end = \"overflow\", rounding = \"half-up\" }\n",
                              kRest});
  CHECK(shown(t, "payment") == "shares from the start date of the aid, month end overflow, rounding half-up");
  CHECK(shown(t, "amount") == "10 000,00 € paid 1/3 at start, 1/3 after 1 month, 1/3 after 13 months");
  CHECK(shown(valid(), "payment") ==
        "day 5 of each month, from the start date of the aid, partial months full, month end clamp, rounding "
        "half-even");
}

namespace {

// A value of what `rules show` gives a script, written out: the leaf's
// text, "null", "[a, b]", "{key: value, ...}".
std::string written(const ParamValue& v) {
  if (v.kind == ParamValue::Kind::kNull) return "null";
  if (v.kind != ParamValue::Kind::kList && v.kind != ParamValue::Kind::kObject) return v.text;
  std::string out;
  for (const auto& [k, m] : v.members)
    out += (out.empty() ? "" : ", ") + (v.kind == ParamValue::Kind::kObject ? k + ": " : "") + written(m);
  return v.kind == ParamValue::Kind::kList ? "[" + out + "]" : "{" + out + "}";
}

// The value of `key` ("amount", "payment"...) in the data of the first
// period of `toml`.
std::string data(const std::string& toml, std::string_view key) {
  auto r = parse_rules(toml, "rules/t.toml");
  REQUIRE(r.ok());
  const ParamValue v = period_data(*r, r->schemes[0], r->schemes[0].periods[0]);
  for (const auto& [k, m] : v.members)
    if (k == key) return written(m);
  return "(no key " + std::string(key) + ")";
}

}  // namespace

TEST_CASE("rules show data: a lump sum gives its award and each share as an exact fraction, no day of month") {
  const std::string t = text({kHead, kProfessions,
                              "amount = { type = \"lump-sum\", lump_sum = \"10000\", shares = [{ fraction = \"1/3\" }, "
                              "{ fraction = \"1/3\", after_months = 1 }, { fraction = \"1/3\", after_months = 13 }] }\n"
                              "payment = { month_end = \"overflow\", rounding = \"half-up\" }\n",
                              kRest});
  CHECK(data(t, "amount") ==
        "{type: lump-sum, monthly: null, months_from: null, months: null, max_months: null, lump_sum: 10000.00, "
        "rate: null, cap_by_profession: null, cap: null, shares: [{fraction: 1/3, after_months: 0}, "
        "{fraction: 1/3, after_months: 1}, {fraction: 1/3, after_months: 13}], award: 10000.00}");
  CHECK(data(t, "payment") ==
        "{day_of_month: null, first: start, partial: null, month_end: overflow, rounding: half-up}");
  // Without shares, the whole award is paid at the start, as the schedule pays it.
  const std::string whole =
      text({kHead, kProfessions, "amount = { type = \"lump-sum\", lump_sum = \"2500.50\", cap = \"3000\" }\n", kRest});
  CHECK(data(whole, "amount") ==
        "{type: lump-sum, monthly: null, months_from: null, months: null, max_months: null, lump_sum: 2500.50, "
        "rate: null, cap_by_profession: null, cap: 3000.00, shares: [{fraction: 1, after_months: 0}], "
        "award: 2500.50}");
}

TEST_CASE("rules show data: the award of a fixed number of months is the one compute_award pays, capped") {
  const std::string t = text({kHead, kProfessions,
                              "amount = { type = \"monthly\", monthly = \"500.00\", months = 24, max_months = 30, "
                              "cap = \"10000.00\" }\n",
                              kRest});
  CHECK(data(t, "amount") ==
        "{type: monthly, monthly: 500.00, months_from: fixed, months: 24, max_months: 30, lump_sum: null, "
        "rate: null, cap_by_profession: null, cap: 10000.00, shares: null, award: 10000.00}");
  auto r = parse_rules(t, "rules/t.toml");
  REQUIRE(r.ok());
  auto s = compute_award(r->schemes[0].periods[0],
                         AwardInput{"general-medicine-intern", Date(2024, 1, 10), Date(2024, 2, 1), {}, {}});
  REQUIRE(s.ok());
  CHECK(s->award == Money::from_cents(1000000));
  CHECK(fixed_award(r->schemes[0].periods[0]) == s->award);
}

TEST_CASE("rules show data: what the file leaves out is null or an empty list, defaults as applied") {
  const std::string t = valid();
  CHECK(data(t, "study_years") == "null");
  CHECK(data(t, "documents") == "[]");
  CHECK(data(t, "commune_in_departement") == "false");
  CHECK(data(t, "payment") == "{day_of_month: 5, first: start, partial: full, month_end: clamp, rounding: half-even}");
  CHECK(data(t, "obligation") ==
        "{years: 3, trigger: installation, start_within_months: null, suspension: extends, evidence: null}");
  CHECK(data(t, "clawback") ==
        "{formula: all-sums, rounding: half-even, unit: null, decreasing: null, cesp_per_month: null, "
        "cesp_minimum: null, cesp_flat_after_diploma: null, factor: null, annual_interest: null, "
        "waiver_reasons: []}");
  CHECK(data(t, "accounts") == "{expense: 6513, payable: 4671, receivable: 4641, recovery: null}");
  CHECK(data(t, "cumul") == "{same_kind_within_years: null, cesp_from: null}");
  CHECK(data(t, "to") == "null");
  CHECK(data(text({kHead, kProfessions, "study_years = [2, 6]\n", kAmount, kRest}), "study_years") ==
        "{first: 2, last: 6}");
}

TEST_CASE("rules show data: a multiplier and its interest are exact fractions, as written or reduced") {
  const std::string t =
      text({kHead, kProfessions, kAmount, "obligation = { years = 3, trigger = \"installation\" }\n",
            "clawback = { formula = \"multiplier\", factor = \"1.5\", annual_interest = \"3.71%\" }\n",
            "accounts = { expense = \"6513\", payable = \"4671\", receivable = \"4641\" }\n"});
  CHECK(data(t, "clawback") ==
        "{formula: multiplier, rounding: half-even, unit: null, decreasing: null, cesp_per_month: null, "
        "cesp_minimum: null, cesp_flat_after_diploma: null, factor: 3/2, annual_interest: 371/10000, "
        "waiver_reasons: []}");
}

// Found writing a third département's file: a key with a space was
// refused, but a file named "Cher 18.toml" gave every scheme an id with
// one, "Cher 18/b".
TEST_CASE("rules: the file name, which begins every scheme id, is spelt as a scheme key") {
  auto r = parse_rules(valid(), "rules/Cher 18.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().details() ==
        std::vector<std::string>{"rules/Cher 18.toml:1: file name: \"Cher 18\" begins every scheme id "
                                 "(\"Cher 18/<key>\"): name the file with lower-case letters, digits and '-', "
                                 "e.g. \"loir-et-cher.toml\""});
  // A file stored with its conventions still reads under the name it had.
  CHECK(parse_rules(valid(), "Cher 18.toml", RuleChecks::kStored).ok());
  CHECK(parse_rules(valid(), "rules/cher-18.toml").ok());
}

TEST_CASE("rules: in_force on the boundary dates") {
  const std::string t =
      text({valid(), "[[schemes.b.periods]]\nfrom = 2025-01-01\nreference = \"R2\"\n", "until = 2025-12-31\n"});
  auto r = parse_rules(t, "rules/t.toml");
  REQUIRE(r.ok());
  const Scheme& s = r->schemes[0];
  CHECK(s.in_force(Date(2023, 12, 31)) == nullptr);
  CHECK(s.in_force(Date(2024, 1, 1)) == &s.periods[0]);
  CHECK(s.in_force(Date(2024, 12, 31)) == &s.periods[0]);
  CHECK(s.in_force(Date(2025, 1, 1)) == &s.periods[1]);
  CHECK(s.in_force(Date(2025, 12, 31)) == &s.periods[1]);
  CHECK(s.in_force(Date(2026, 1, 1)) == nullptr);
}

TEST_CASE("rules: sha256 is the digest of the exact content") {
  const std::string t = valid();
  auto r = parse_rules(t, "rules/t.toml");
  REQUIRE(r.ok());
  CHECK(r->content == t);
  CHECK(r->sha256 == sha256_hex(t));
  CHECK(r->sha256.size() == 64);
}

TEST_CASE("rules: the shipped rule files parse without error") {
  for (const char* name : {"loir-et-cher", "vienne"}) {
    CAPTURE(name);
    const std::string path = std::string(GRANTS_SOURCE_DIR) + "/rules/" + name + ".toml";
    auto r = load_rules_file(path);
    INFO((r ? std::string() : r.error().to_string()));
    REQUIRE(r.ok());
    CHECK(r->sha256 == sha256_hex(read(path)));
  }
  auto book = load_rule_book({std::string(GRANTS_SOURCE_DIR) + "/rules"});
  INFO((book ? std::string() : book.error().to_string()));
  REQUIRE(book.ok());
  CHECK(book->find("loir-et-cher/intern-bursary").has_value());
  CHECK(book->find("vienne/medicine-study-aid").has_value());
  CHECK_FALSE(book->find("vienne/intern-bursary").has_value());
}

// Regression: the message named both files but neither the line nor the key.
TEST_CASE("rules: a scheme id defined by two files is an error of the rule book, with its lines") {
  const std::string file = std::string(GRANTS_SOURCE_DIR) + "/rules/loir-et-cher.toml";
  const std::string content = read(file);
  const auto line = 1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(
                                                                           content.find("[schemes.equipment-aid]")),
                                   '\n');
  auto book = load_rule_book({file, file});
  REQUIRE_FALSE(book.ok());
  CHECK(book.error().details().front() ==
        fmt::format("{}:{}: schemes.equipment-aid: scheme \"loir-et-cher/equipment-aid\" is also defined at {}:{} "
                    "(its id is the file's name and the key: rename one of them)",
                    file, line, file, line));
}

// Regression: an empty directory gave an empty rule book, and every
// command then said only that the scheme it was asked for is unknown.
TEST_CASE("rules: a directory without rule files is an error of the rule book") {
  grants::testing::TempDir dir;
  std::ofstream(dir.path() / "loir-et-cher.toml.bak") << "";
  auto book = load_rule_book({dir.path().string()});
  REQUIRE_FALSE(book.ok());
  CHECK(book.error().message() == "1 problem in the rule files");
  CHECK(book.error().details() ==
        std::vector<std::string>{dir.path().string() + ": the directory has no rule file (*.toml)"});
}

TEST_CASE("rules: an unreadable file is an error, not an exception") {
  auto r = load_rules_file("/nonexistent/x.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == "/nonexistent/x.toml: cannot read: No such file or directory");
}

TEST_CASE("rules: a département code no département has is refused, naming the code") {
  for (const auto& [code, why] :
       {std::pair{"96", "no département 96 (a département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)"},
        std::pair{"20", "no département 20 (Corsica is 2A or 2B)"},
        std::pair{"97", "no département 97 (a département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)"}}) {
    std::string t = text({kHead, kProfessions, kAmount, kRest});
    t.replace(t.find("code = \"41\""), 11, fmt::format("code = \"{}\"", code));
    CHECK(problems(t) == fmt::format("rules/t.toml:2: code: \"{}\" is not a département code: {}", code, why));
  }
  for (const char* code : {"2A", "2B", "01", "95", "971", "976"}) {
    std::string t = text({kHead, kProfessions, kAmount, kRest});
    t.replace(t.find("code = \"41\""), 11, fmt::format("code = \"{}\"", code));
    CHECK_MESSAGE(problems(t) == "(parsed)", std::string(code));
  }
}
