#include <doctest/doctest.h>

#include <limits>
#include <random>

#include "grants/schedule.h"

using grants::Date;
using grants::Instalment;
using grants::Money;
using grants::MonthEnd;
using grants::MonthlyPlan;
using grants::PartialMonth;
using grants::Rational;
using grants::Rounding;

namespace {

Date d(std::string_view text) { return *grants::parse_date(text); }
Money eur(std::int64_t euros) { return Money::from_cents(euros * 100); }

MonthlyPlan plan(Money m, int months, Date start, int day, PartialMonth partial = PartialMonth::kFull,
                 Rounding rounding = Rounding::kHalfEven) {
  MonthlyPlan p;
  p.monthly = m;
  p.months = months;
  p.start = start;
  p.day_of_month = day;
  p.partial = partial;
  p.rounding = rounding;
  return p;
}

grants::Schedule monthly(MonthlyPlan p) {
  auto s = grants::monthly_schedule(p);
  REQUIRE_MESSAGE(s.ok(), s.error().message());
  return *s;
}

}  // namespace

TEST_CASE("a 24-month bursary from 1 November 2024 is 24 instalments of 500 euros") {
  auto s = monthly(plan(eur(500), 24, d("2024-11-01"), 5));
  REQUIRE(s.instalments.size() == 24);
  CHECK(s.award == eur(12000));
  CHECK(s.total() == eur(12000));
  CHECK(s.instalments[0] == grants::Instalment{1, d("2024-11-05"), eur(500), d("2024-11-01"), d("2024-11-30")});
  CHECK(s.instalments[2].due == d("2025-01-05"));
  CHECK(s.instalments[23] == grants::Instalment{24, d("2026-10-05"), eur(500), d("2026-10-01"), d("2026-10-31")});
  for (const auto& i : s.instalments) CHECK(i.amount == eur(500));
}

TEST_CASE("a 12-month paramedical bursary is 6 000 euros") {
  auto s = monthly(plan(eur(500), 12, d("2025-09-01"), 5));
  CHECK(s.instalments.size() == 12);
  CHECK(s.total() == eur(6000));
  CHECK(s.instalments.back().due == d("2026-08-05"));
}

TEST_CASE("the due day is clamped to short months") {
  auto s = monthly(plan(eur(100), 3, d("2025-01-01"), 31));
  CHECK(s.instalments[0].due == d("2025-01-31"));
  CHECK(s.instalments[1].due == d("2025-02-28"));
  CHECK(s.instalments[2].due == d("2025-03-31"));
}

TEST_CASE("partial months by days prorate the first and last months") {
  MonthlyPlan p = plan(eur(500), 12, d("2024-11-16"), 5, PartialMonth::kByDays);
  auto s = monthly(p);
  REQUIRE(s.instalments.size() == 13);
  // 15 of 30 days of November 2024, then 15 of 30 days of November 2025.
  CHECK(s.instalments.front().amount == eur(250));
  CHECK(s.instalments.front().covers_from == d("2024-11-16"));
  CHECK(s.instalments.back().amount == eur(250));
  CHECK(s.instalments.back().covers_to == d("2025-11-15"));
  CHECK(s.total() == eur(6000));
}

TEST_CASE("a mid-month start paid in full months covers calendar-month slices") {
  auto s = monthly(plan(eur(500), 12, d("2024-11-16"), 5, PartialMonth::kFull));
  REQUIRE(s.instalments.size() == 12);
  CHECK(s.instalments.front() == grants::Instalment{1, d("2024-11-05"), eur(500), d("2024-11-16"), d("2024-11-30")});
  // November 2024 was paid whole, so the aid's tail (1-15 November 2025)
  // has no instalment and the last one covers October only.
  CHECK(s.instalments.back() == grants::Instalment{12, d("2025-10-05"), eur(500), d("2025-10-01"), d("2025-10-31")});
  CHECK(s.total() == eur(6000));
}

TEST_CASE("by-days proration with an overflowing month end never exceeds the award") {
  // 31 January 2023 + 1 month overflows to 3 March: the days cover 1/31 of
  // January, all of February and 2/31 of March, more than one month.
  MonthlyPlan p = plan(eur(310), 1, d("2023-01-31"), 5, PartialMonth::kByDays);
  p.month_end = grants::MonthEnd::kOverflow;
  auto s = monthly(p);
  REQUIRE(s.instalments.size() == 2);
  CHECK(s.instalments[0] == grants::Instalment{1, d("2023-01-05"), eur(10), d("2023-01-31"), d("2023-01-31")});
  CHECK(s.instalments[1] == grants::Instalment{2, d("2023-02-05"), eur(300), d("2023-02-01"), d("2023-02-28")});
  CHECK(s.total() == eur(310));
}

TEST_CASE("a month whose prorated share rounds to nothing gets no instalment") {
  // One cent a month from 31 January: rounding up the 1/31 January share
  // takes the whole cent, and February's remainder of 0 is not paid.
  MonthlyPlan p = plan(Money::from_cents(1), 1, d("2025-01-31"), 5, PartialMonth::kByDays, Rounding::kUp);
  auto s = monthly(p);
  REQUIRE(s.instalments.size() == 1);
  CHECK(s.instalments[0] == grants::Instalment{1, d("2025-01-05"), Money::from_cents(1), d("2025-01-31"), d("2025-01-31")});
}

TEST_CASE("last instalment takes the rounding remainder") {
  // 10 of 31 days in January: 500 × 10/31 = 161.2903... → 161.29; the
  // remainder lands on the last instalment.
  MonthlyPlan p = plan(eur(500), 2, d("2025-01-22"), 5, PartialMonth::kByDays);
  auto s = monthly(p);
  REQUIRE(s.instalments.size() == 3);
  CHECK(s.instalments[0].amount == Money::from_cents(16129));
  CHECK(s.instalments[1].amount == eur(500));
  // 21 of 31 days of March would be 338.71; the last takes 1000 − 661.29.
  CHECK(s.instalments[2].amount == Money::from_cents(33871));
  CHECK(s.total() == eur(1000));
}

TEST_CASE("a mid-month start with no partial month starts on the 1st of the next month") {
  auto s = monthly(plan(eur(500), 2, d("2024-11-16"), 5, PartialMonth::kNone));
  REQUIRE(s.instalments.size() == 2);
  CHECK(s.instalments[0].due == d("2024-12-05"));
  CHECK(s.instalments[0].covers_from == d("2024-12-01"));
}

TEST_CASE("a cap cuts the schedule and the last instalment") {
  MonthlyPlan p = plan(eur(600), 84, d("2024-09-01"), 5);
  p.cap = eur(42000);
  auto s = monthly(p);
  CHECK(s.award == eur(42000));
  REQUIRE(s.instalments.size() == 70);
  CHECK(s.instalments.back().amount == eur(600));
  p.cap = Money::from_cents(4'200'050);
  auto t = monthly(p);
  REQUIRE(t.instalments.size() == 71);
  CHECK(t.instalments.back().amount == Money::from_cents(50));
  CHECK(t.total() == Money::from_cents(4'200'050));
}

TEST_CASE("bad monthly plans are refused with the value named") {
  auto err = [](MonthlyPlan p) {
    auto s = grants::monthly_schedule(p);
    REQUIRE_FALSE(s.ok());
    return s.error().message();
  };
  CHECK(err(plan(eur(0), 12, d("2025-01-01"), 5)) == "monthly amount 0.00 must be positive");
  CHECK(err(plan(eur(500), 0, d("2025-01-01"), 5)) == "number of months 0 must be at least 1");
  CHECK(err(plan(eur(500), 12, d("2025-01-01"), 32)) == "day of month 32 must be from 1 to 31");
  CHECK(err(plan(eur(500), 12, d("2025-01-01"), 0)) == "day of month 0 must be from 1 to 31");
  MonthlyPlan capped = plan(eur(500), 12, d("2025-01-01"), 5);
  capped.cap = Money();
  CHECK(err(capped) == "cap 0.00 must be positive");
  CHECK(err(plan(Money::from_cents(std::numeric_limits<std::int64_t>::max() / 2), 3, d("2025-01-01"), 5)) ==
        "monthly amount 46116860184273879.03 over 3 months is too large");
}

TEST_CASE("names of partial-month rules parse both ways") {
  for (auto p : {PartialMonth::kFull, PartialMonth::kByDays, PartialMonth::kNone}) {
    auto parsed = grants::parse_partial_month(grants::to_string(p));
    REQUIRE(parsed.ok());
    CHECK(*parsed == p);
  }
  CHECK(grants::to_string(PartialMonth::kByDays) == "by-days");
  auto bad = grants::parse_partial_month("prorata");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "partial month \"prorata\": expected full, by-days or none");
}

TEST_CASE("a split schedule pays shares with the remainder on the last") {
  grants::SplitPlan p{eur(100), {{Rational(1, 3), 0}, {Rational(1, 3), 6}, {Rational(1, 3), 12}}, d("2025-03-31")};
  auto s = grants::split_schedule(p);
  REQUIRE(s.ok());
  REQUIRE(s->instalments.size() == 3);
  CHECK(s->instalments[0].amount == Money::from_cents(3333));
  CHECK(s->instalments[1].amount == Money::from_cents(3333));
  CHECK(s->instalments[2].amount == Money::from_cents(3334));
  CHECK(s->instalments[1].due == d("2025-09-30"));
  CHECK(s->instalments[2].due == d("2026-03-31"));

  grants::SplitPlan half{eur(100000), {{Rational(1, 2), 0}, {Rational(1, 2), 12}}, d("2025-06-01")};
  auto h = grants::split_schedule(half);
  REQUIRE(h.ok());
  CHECK(h->instalments[0].amount == eur(50000));
  CHECK(h->total() == eur(100000));

  grants::SplitPlan bad{eur(100), {{Rational(1, 2), 0}, {Rational(1, 4), 12}}, d("2025-06-01")};
  auto b = grants::split_schedule(bad);
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message() == "shares add up to 75 %, not 100 %");
}

TEST_CASE("allocation never leaves the last part negative when rounding up") {
  // Rounding each of 3 equal thirds of 1 cent up would pay 3 cents; parts
  // stop at what remains.
  auto parts = grants::allocate(Money::from_cents(1), {Rational(1), Rational(1), Rational(1)}, Rounding::kUp);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0] == Money::from_cents(1));
  CHECK(parts[1] == Money());
  CHECK(parts[2] == Money());
  auto halves = grants::allocate(eur(100), {Rational(1, 2), Rational(1, 2)}, Rounding::kHalfEven);
  CHECK(halves == std::vector<Money>{eur(50), eur(50)});
}

TEST_CASE("property: schedules sum exactly to the award for random awards, counts and roundings") {
  const std::uint64_t seed = 20261122;
  MESSAGE("property test seed " << seed);
  INFO("seed " << seed);
  std::mt19937_64 rng(seed);
  const Rounding modes[] = {Rounding::kHalfEven, Rounding::kHalfUp, Rounding::kHalfDown, Rounding::kDown,
                            Rounding::kUp};
  std::uniform_int_distribution<std::int64_t> award_cents(1, 1'000'000'000);
  // Denominators stay small like real shares (thirds, twelfths): 120 unlike
  // denominators up to 1000 make sums hundreds of digits long and the test slow.
  std::uniform_int_distribution<int> count(1, 120), weight(1, 1000), denominator(1, 12), day(1, 31), offset(0, 3000);
  for (int trial = 0; trial < 3000; ++trial) {
    Rounding mode = modes[trial % 5];
    Money award = Money::from_cents(award_cents(rng));
    int n = count(rng);
    std::vector<Rational> weights;
    for (int i = 0; i < n; ++i) weights.emplace_back(weight(rng), denominator(rng));
    auto parts = grants::allocate(award, weights, mode);
    REQUIRE(parts.size() == static_cast<std::size_t>(n));
    Money sum;
    bool none_negative = true;
    for (auto part : parts) {
      none_negative = none_negative && part >= Money();
      sum += part;
    }
    REQUIRE(none_negative);
    REQUIRE(sum == award);

    MonthlyPlan p = plan(Money::from_cents(award_cents(rng) / 100 + 1), n,
                         d("2020-01-01") + boost::gregorian::days(offset(rng)), day(rng),
                         trial % 3 == 0 ? PartialMonth::kByDays
                                        : trial % 3 == 1 ? PartialMonth::kFull : PartialMonth::kNone,
                         mode);
    if (trial % 4 == 0) p.cap = Money::from_cents(award_cents(rng));
    if (trial % 7 == 0) p.month_end = grants::MonthEnd::kOverflow;
    if (trial % 11 == 0) p.monthly = Money::from_cents(1 + trial % 3);  // shares that round to nothing
    auto s = grants::monthly_schedule(p);
    REQUIRE(s.ok());
    REQUIRE(s->total() == s->award);
    Money uncapped = p.monthly * n;
    CHECK(s->award == (p.cap && *p.cap < uncapped ? *p.cap : uncapped));
    bool all_positive = true, within_one_month = true, numbered = true;
    for (std::size_t k = 0; k < s->instalments.size(); ++k) {
      const auto& i = s->instalments[k];
      all_positive = all_positive && i.amount > Money();
      within_one_month = within_one_month && i.covers_from <= i.covers_to &&
                         i.covers_from.year() == i.covers_to.year() && i.covers_from.month() == i.covers_to.month() &&
                         i.due.year() == i.covers_from.year() && i.due.month() == i.covers_from.month();
      numbered = numbered && i.number == static_cast<int>(k) + 1;
    }
    REQUIRE(all_positive);
    REQUIRE(within_one_month);
    REQUIRE(numbered);
  }
}

TEST_CASE("a shifted instalment keeps its amount and its month-end period") {
  const Instalment i{7, Date(2025, 1, 31), Money::from_cents(50000), Date(2025, 1, 1), Date(2025, 1, 31)};
  const Instalment moved = grants::shift_months(i, 1, MonthEnd::kClamp);
  CHECK(moved.number == 7);
  CHECK(moved.amount == Money::from_cents(50000));
  CHECK(moved.due == Date(2025, 2, 28));
  CHECK(moved.covers_from == Date(2025, 2, 1));
  CHECK(moved.covers_to == Date(2025, 2, 28));
  const Instalment leap =
      grants::shift_months(Instalment{1, Date(2024, 1, 5), Money::from_cents(1), Date(2024, 1, 15), Date(2024, 2, 14)},
                           1, MonthEnd::kClamp);
  CHECK(leap.due == Date(2024, 2, 5));
  CHECK(leap.covers_from == Date(2024, 2, 15));
  CHECK(leap.covers_to == Date(2024, 3, 14));
}

// Moved from its last date, a due date clamped once lost its day: the 31st
// suspended over February came back as 28 March.
TEST_CASE("moves counted from the dates scheduled give back the day a shorter month clamped") {
  const Money amount = Money::from_cents(5000000);
  const Instalment share{2, Date(2026, 1, 31), amount, Date(2026, 1, 31), Date(2026, 1, 31)};
  CHECK(grants::shift_months(share, 1, MonthEnd::kClamp) ==
        Instalment{2, Date(2026, 2, 28), amount, Date(2026, 2, 28), Date(2026, 2, 28)});
  CHECK(grants::shift_months(share, 2, MonthEnd::kClamp) ==
        Instalment{2, Date(2026, 3, 31), amount, Date(2026, 3, 31), Date(2026, 3, 31)});
  // A period ending the day before the aid's end, not on a month's last day.
  const Instalment last{24, Date(2026, 1, 5), Money::from_cents(50000), Date(2026, 1, 1), Date(2026, 1, 30)};
  CHECK(grants::shift_months(last, 1, MonthEnd::kClamp).covers_to == Date(2026, 2, 28));
  CHECK(grants::shift_months(last, 2, MonthEnd::kClamp).covers_to == Date(2026, 3, 30));
}

TEST_CASE("a share scheduled with overflow moves with overflow") {
  const Money amount = Money::from_cents(100);
  const Instalment share{1, Date(2026, 1, 31), amount, Date(2026, 1, 31), Date(2026, 1, 31)};
  CHECK(grants::shift_months(share, 1, MonthEnd::kOverflow) ==
        Instalment{1, Date(2026, 3, 3), amount, Date(2026, 3, 3), Date(2026, 3, 3)});
  CHECK(grants::shift_months(share, 2, MonthEnd::kOverflow).due == Date(2026, 3, 31));
}

// A monthly schedule paid on the 31st: moved with shift_months, an
// instalment scheduled on 28 February or 30 April kept that day in its new
// month (28 March, 30 May), off the schedule's day.
TEST_CASE("a monthly instalment moved falls due on the schedule's day of its new month") {
  const Money amount = Money::from_cents(25000);
  const Instalment february{2, Date(2025, 2, 28), amount, Date(2025, 2, 1), Date(2025, 2, 28)};
  CHECK(grants::shift_monthly(february, 1, 31) ==
        Instalment{2, Date(2025, 3, 31), amount, Date(2025, 3, 1), Date(2025, 3, 31)});
  CHECK(grants::shift_monthly(february, 12, 31) ==
        Instalment{2, Date(2026, 2, 28), amount, Date(2026, 2, 1), Date(2026, 2, 28)});
  const Instalment april{4, Date(2025, 4, 30), amount, Date(2025, 4, 1), Date(2025, 4, 30)};
  CHECK(grants::shift_monthly(april, 1, 31).due == Date(2025, 5, 31));
  CHECK(grants::shift_monthly(april, 10, 31).due == Date(2026, 2, 28));
  CHECK(grants::shift_monthly(april, 1, 30).due == Date(2025, 5, 30));
  // The 5th, the shipped rules' day: the same as shift_months.
  const Instalment fifth{1, Date(2025, 1, 5), amount, Date(2025, 1, 1), Date(2025, 1, 31)};
  CHECK(grants::shift_monthly(fifth, 1, 5) == grants::shift_months(fifth, 1, MonthEnd::kClamp));
}
