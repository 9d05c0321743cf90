// compute_award on hand-built periods: what each amount type decides
// (months, start, caps) before schedule.cpp makes the instalments.
#include "grants/award.h"

#include <doctest/doctest.h>

using namespace grants;

namespace {

SchemePeriod monthly_period() {
  SchemePeriod p;
  p.from = Date(2024, 1, 1);
  p.amount.type = AmountType::kMonthly;
  p.amount.monthly = Money::from_cents(50000);
  p.amount.months = 12;
  return p;
}

SchemePeriod share_period() {
  SchemePeriod p;
  p.from = Date(2024, 1, 1);
  p.amount.type = AmountType::kShareOfCost;
  p.amount.rate = Rational(4, 5);
  p.amount.cap_by_profession = {{"dentist", Money::from_cents(1500000)}};
  p.payment.first = FirstPayment::kSignature;
  return p;
}

}  // namespace

TEST_CASE("award: without a start date the aid starts at signature") {
  AwardInput in{"general-medicine-intern", Date(2024, 10, 20), std::nullopt, std::nullopt,
                std::nullopt};
  auto s = compute_award(monthly_period(), in);
  REQUIRE(s.ok());
  CHECK(s->instalments.front().due == Date(2024, 10, 5));
  CHECK(s->award == Money::from_cents(600000));
}

TEST_CASE("award: a signature-paid aid ignores the start date") {
  AwardInput in{"dentist", Date(2024, 5, 2), Date(2024, 9, 1), std::nullopt,
                Money::from_cents(100000)};
  auto s = compute_award(share_period(), in);
  REQUIRE(s.ok());
  CHECK(s->instalments.front().due == Date(2024, 5, 2));
  CHECK(s->award == Money::from_cents(80000));
}

TEST_CASE("award: remaining study years are bounded by max_months") {
  SchemePeriod p = monthly_period();
  p.amount.months_from = MonthsFrom::kRemainingStudyYears;
  p.min_study_year = 1;
  p.max_study_year = 10;
  p.amount.max_months = 84;
  AwardInput in{"medical-student", Date(2024, 8, 26), Date(2024, 9, 1), 1, std::nullopt};
  auto s = compute_award(p, in);
  REQUIRE(s.ok());
  CHECK(s->instalments.size() == 84);  // not 120
  in.study_year = 9;
  s = compute_award(p, in);
  REQUIRE(s.ok());
  CHECK(s->instalments.size() == 24);
}

TEST_CASE("award: a study year before the first eligible year is refused") {
  SchemePeriod p = monthly_period();
  p.amount.months_from = MonthsFrom::kRemainingStudyYears;
  p.min_study_year = 4;
  p.max_study_year = 10;
  auto s =
      compute_award(p, {"medical-student", Date(2024, 8, 26), Date(2024, 9, 1), 3, std::nullopt});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message() == "study year 3 is before the first eligible year (4)");
}

TEST_CASE(
    "award: a per-profession cap that lacks the profession is an error, not an uncapped aid") {
  auto s = compute_award(share_period(), {"nurse", Date(2024, 5, 2), std::nullopt, std::nullopt,
                                          Money::from_cents(100000)});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code() == ErrorCode::kInvalidInput);
  CHECK(s.error().message() ==
        "the scheme caps the aid per profession and has no cap for \"nurse\"");
}

TEST_CASE("award: the overall cap applies after the profession's cap") {
  SchemePeriod p = share_period();
  p.amount.cap = Money::from_cents(1000000);
  auto s = compute_award(
      p, {"dentist", Date(2024, 5, 2), std::nullopt, std::nullopt, Money::from_cents(5000000)});
  REQUIRE(s.ok());
  CHECK(s->award == Money::from_cents(1000000));
}

TEST_CASE("award: expenses that are not positive are refused") {
  auto s = compute_award(share_period(),
                         {"dentist", Date(2024, 5, 2), std::nullopt, std::nullopt, Money()});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message() == "expenses of " + Money().to_display() + " are not positive");
}
