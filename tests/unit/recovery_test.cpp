// Recovery orders: numbers, instalment plans that sum to the amount, the
// balance and overdue amount on a date, the four-year limitation, and the
// accounts of their ledger entries.
#include "grants/recovery.h"

#include <doctest/doctest.h>

#include "testing.h"

#include "grants/clawback.h"

using namespace grants;
using grants::testing::day;

namespace {

RecoveryOrder order(Money amount, int instalments) {
  RecoveryOrder o;
  o.id = 7;
  o.number = recovery_number(2028, 1);
  o.agreement_id = 12;
  o.beneficiary_ref = "B-0001";
  o.scheme_id = "loir-et-cher/intern-bursary";
  o.rule_sha256 = std::string(64, 'a');
  o.breach = day("2028-03-14");
  o.formula = "pro-rata by month";
  o.amount = amount;
  o.decided_on = day("2028-05-15");
  o.due = day("2028-06-15");
  o.receivable_account = "4641";
  o.recovery_account = "773";
  o.plan = recovery_plan(amount, instalments, o.due, 0, Rounding::kHalfEven);
  return o;
}

Receipt receipt(const char* on, std::int64_t cents) { return Receipt{0, 7, day(on), Money::from_cents(cents), ""}; }

}  // namespace

TEST_CASE("recovery: numbers are TR, the year of the decision and a rank of five digits") {
  CHECK(recovery_number(2028, 1) == "TR-2028-00001");
  CHECK(recovery_number(2031, 12345) == "TR-2031-12345");
}

TEST_CASE("recovery: a plan of monthly instalments sums to the amount, the last taking the remainder") {
  const auto plan = recovery_plan(Money::from_cents(1000000), 3, day("2028-01-31"), 0, Rounding::kHalfEven);
  REQUIRE(plan.size() == 3);
  CHECK(plan[0].amount.cents() == 333333);
  CHECK(plan[1].amount.cents() == 333333);
  CHECK(plan[2].amount.cents() == 333334);
  CHECK(plan[0].due == day("2028-01-31"));
  CHECK(plan[1].due == day("2028-02-29"));  // clamped to the month's end
  CHECK(plan[2].due == day("2028-03-31"));
  CHECK(plan[2].number == 3);
}

TEST_CASE("recovery: each instalment is counted in months from the decision, not from the one before") {
  const auto leap = recovery_plan(Money::from_cents(50000), 5, day("2028-01-31"), 1, Rounding::kHalfEven);
  REQUIRE(leap.size() == 5);
  CHECK(leap[0].due == day("2028-02-29"));
  CHECK(leap[1].due == day("2028-03-31"));  // not the 29th of February carried on
  CHECK(leap[2].due == day("2028-04-30"));
  CHECK(leap[3].due == day("2028-05-31"));
  CHECK(leap[4].due == day("2028-06-30"));
  const auto thirtieth = recovery_plan(Money::from_cents(40000), 4, day("2027-01-30"), 1, Rounding::kHalfEven);
  REQUIRE(thirtieth.size() == 4);
  CHECK(thirtieth[0].due == day("2027-02-28"));
  CHECK(thirtieth[1].due == day("2027-03-30"));
  CHECK(thirtieth[2].due == day("2027-04-30"));
  CHECK(thirtieth[3].due == day("2027-05-30"));
}

TEST_CASE("recovery: balance, overdue amount and next due date on a date") {
  RecoveryOrder o = order(Money::from_cents(933333), 3);  // 3 111,11 each
  auto p = recovery_position(o, day("2028-06-15"));
  CHECK(p.state == RecoveryState::kOpen);
  CHECK(p.balance.cents() == 933333);
  CHECK(p.overdue.cents() == 0);  // due that day, not yet overdue
  CHECK(*p.next_due == day("2028-06-15"));
  p = recovery_position(o, day("2028-07-20"));
  CHECK(p.overdue.cents() == 622222);
  o.receipts.push_back(receipt("2028-06-20", 311111));
  p = recovery_position(o, day("2028-07-20"));
  CHECK(p.received.cents() == 311111);
  CHECK(p.overdue.cents() == 311111);
  CHECK(*p.next_due == day("2028-07-15"));
  // A receipt dated later is not counted earlier.
  CHECK(recovery_position(o, day("2028-06-19")).received.cents() == 0);
  o.receipts.push_back(receipt("2028-08-01", 622222));
  p = recovery_position(o, day("2028-08-01"));
  CHECK(p.state == RecoveryState::kSettled);
  CHECK(p.balance.cents() == 0);
  CHECK_FALSE(p.next_due);
  CHECK_FALSE(p.time_barred);
}

TEST_CASE("recovery: time-barred four years after the issue or the last receipt, while a balance is left") {
  RecoveryOrder o = order(Money::from_cents(100000), 1);
  auto p = recovery_position(o, day("2032-05-15"));
  CHECK(p.limitation == day("2032-05-15"));
  CHECK_FALSE(p.time_barred);
  CHECK(recovery_position(o, day("2032-05-16")).time_barred);
  o.receipts.push_back(receipt("2030-02-01", 10000));  // the debtor's payment starts the delay again
  p = recovery_position(o, day("2032-05-16"));
  CHECK(p.limitation == day("2034-02-01"));
  CHECK_FALSE(p.time_barred);
  o.state = RecoveryState::kCancelled;
  o.cancelled_on = day("2031-01-10");
  o.written_off = Money::from_cents(90000);
  p = recovery_position(o, day("2040-01-01"));
  CHECK(p.state == RecoveryState::kCancelled);
  CHECK(p.balance.cents() == 0);
  CHECK_FALSE(p.time_barred);
  CHECK(recovery_position(o, day("2031-01-09")).state == RecoveryState::kOpen);
}

TEST_CASE("recovery: a receipt after the limitation is kept, and the order stays time-barred") {
  RecoveryOrder o = order(Money::from_cents(100000), 1);  // decided 2028-05-15: barred from 2032-05-16
  o.receipts.push_back(receipt("2032-05-16", 10000));
  auto p = recovery_position(o, day("2032-05-16"));
  CHECK(p.received.cents() == 10000);
  CHECK(p.balance.cents() == 90000);
  CHECK(p.limitation == day("2032-05-15"));  // before: 2036-05-16, the debt revived by a payment of part
  CHECK(p.time_barred);
  CHECK(after_limitation(o, o.receipts[0]));
  // A receipt on the last day still interrupts the delay.
  RecoveryOrder in_time = order(Money::from_cents(100000), 1);
  in_time.receipts.push_back(receipt("2032-05-15", 10000));
  in_time.receipts.push_back(receipt("2032-05-15", 5000));
  p = recovery_position(in_time, day("2036-05-15"));
  CHECK(p.limitation == day("2036-05-15"));
  CHECK_FALSE(p.time_barred);
  CHECK_FALSE(after_limitation(in_time, in_time.receipts[0]));
  CHECK_FALSE(after_limitation(in_time, in_time.receipts[1]));
  CHECK(recovery_position(in_time, day("2036-05-16")).time_barred);
  // Paid off after the limitation: settled, nothing is time-barred.
  o.receipts.push_back(receipt("2033-01-10", 90000));
  p = recovery_position(o, day("2033-01-10"));
  CHECK(p.state == RecoveryState::kSettled);
  CHECK_FALSE(p.time_barred);
  CHECK(p.limitation == day("2032-05-15"));
  CHECK(after_limitation(o, o.receipts[1]));
}

TEST_CASE("recovery: an order debits the receivable; a receipt the treasury; a write-off reverses the order") {
  const RecoveryOrder o = order(Money::from_cents(933333), 1);
  const LedgerEntry c = clawback_entry(o);
  CHECK(c.kind == EntryKind::kClawback);
  CHECK(c.date == day("2028-05-15"));
  CHECK(c.debit == "4641");
  CHECK(c.credit == "773");
  CHECK(c.amount.cents() == 933333);
  CHECK(c.agreement_id == 12);
  CHECK(c.payment_id == 0);
  CHECK(c.rule_sha256 == o.rule_sha256);
  CHECK(c.label == "Titre de recette TR-2028-00001 : obligation rompue le 2028-03-14 (pro-rata by month)");
  const LedgerEntry r = receipt_entry(o, Receipt{1, 7, day("2028-06-20"), Money::from_cents(100), "VIR 42"}, "515");
  CHECK(r.kind == EntryKind::kReceipt);
  CHECK(r.debit == "515");
  CHECK(r.credit == "4641");
  CHECK(r.label == "Encaissement du titre TR-2028-00001 : VIR 42");
  const LedgerEntry w = write_off_entry(o, Money::from_cents(500), day("2029-01-02"), "remise gracieuse");
  CHECK(w.kind == EntryKind::kCancellation);
  CHECK(w.debit == "773");
  CHECK(w.credit == "4641");
  CHECK(w.label == "Annulation du titre TR-2028-00001 : remise gracieuse");
}

TEST_CASE("clawback: exact amounts are shown whole to the cent, else cut at six decimals") {
  CHECK(format_exact_euros(Rational(12000)) == "12 000,00 €");
  CHECK(format_exact_euros(Rational(20000, 3)) == "6 666,666666… €");
  CHECK(format_exact_euros(Rational(-1, 3)) == "-0,333333… €");
  CHECK(format_exact_euros(Rational(1, 8)) == "0,125000… €");
}
