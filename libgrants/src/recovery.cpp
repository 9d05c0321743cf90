#include "grants/recovery.h"

#include <fmt/format.h>

#include <algorithm>

#include "grants/schedule.h"

namespace grants {

std::string_view to_string(RecoveryState s) {
  switch (s) {
    case RecoveryState::kOpen: return "open";
    case RecoveryState::kSettled: return "settled";
    case RecoveryState::kCancelled: return "cancelled";
  }
  return "?";
}

std::string recovery_number(int year, int rank) { return fmt::format("TR-{:04}-{:05}", year, rank); }

std::string order_numbers(const std::vector<RecoveryOrder>& orders) {
  std::string out;
  for (const RecoveryOrder& o : orders) out += (out.empty() ? "" : ", ") + o.number;
  return out;
}

const RecoveryOrder* live_order(const std::vector<RecoveryOrder>& orders) {
  const auto live =
      std::ranges::find_if(orders, [](const RecoveryOrder& o) { return o.state != RecoveryState::kCancelled; });
  return live == orders.end() ? nullptr : &*live;
}

std::vector<RecoveryInstalment> recovery_plan(Money amount, int n, Date anchor, int first_after, Rounding rounding) {
  const std::vector<Money> parts = allocate(amount, std::vector<Rational>(static_cast<std::size_t>(n), Rational(1)), rounding);
  std::vector<RecoveryInstalment> plan;
  for (int k = 0; k < n; ++k)
    plan.push_back({k + 1, add_months(anchor, first_after + k, MonthEnd::kClamp), parts[static_cast<std::size_t>(k)]});
  return plan;
}

Date limitation_after(Date last_act) { return add_months(last_act, 12 * kLimitationYears, MonthEnd::kClamp); }

RecoveryPosition recovery_position(const RecoveryOrder& o, Date as_of) {
  RecoveryPosition p;
  p.limitation = limitation_after(o.decided_on);
  for (const Receipt& r : o.receipts) {  // by date
    if (r.on > as_of) continue;
    p.received += r.amount;
    // A receipt within the delay starts it again; one after it finds the
    // order time-barred, and revives nothing.
    if (r.on <= p.limitation) p.limitation = std::max(p.limitation, limitation_after(r.on));
  }
  const bool written_off = o.state == RecoveryState::kCancelled && o.cancelled_on && *o.cancelled_on <= as_of;
  p.balance = written_off ? Money() : o.amount - p.received;
  p.state = written_off ? RecoveryState::kCancelled
                        : p.balance == Money() ? RecoveryState::kSettled : RecoveryState::kOpen;
  p.time_barred = p.balance > Money() && as_of > p.limitation;
  if (p.balance <= Money()) return p;
  Money due_so_far, cumulative;
  for (const RecoveryInstalment& i : o.plan) {
    cumulative += i.amount;
    if (i.due < as_of) due_so_far += i.amount;
    if (!p.next_due && cumulative > p.received) p.next_due = i.due;
  }
  p.overdue = std::max(Money(), due_so_far - p.received);
  return p;
}

bool after_limitation(const RecoveryOrder& o, const Receipt& r) {
  // The delay as of the receipt's day: counting it (and any other of that
  // day), it ran past that day exactly when one of them started it again.
  return r.on > recovery_position(o, r.on).limitation;
}

namespace {

LedgerEntry order_entry(const RecoveryOrder& o, EntryKind kind, Date on, Money amount) {
  LedgerEntry e;
  e.date = on;
  e.kind = kind;
  e.amount = amount;
  e.beneficiary_ref = o.beneficiary_ref;
  e.agreement_id = o.agreement_id;
  e.scheme_id = o.scheme_id;
  e.rule_sha256 = o.rule_sha256;
  return e;
}

}  // namespace

LedgerEntry clawback_entry(const RecoveryOrder& o) {
  LedgerEntry e = order_entry(o, EntryKind::kClawback, o.decided_on, o.amount);
  e.debit = o.receivable_account;
  e.credit = o.recovery_account;
  e.label = fmt::format("Titre de recette {} : obligation rompue le {} ({})", o.number, format_date(o.breach),
                        o.formula);
  return e;
}

LedgerEntry receipt_entry(const RecoveryOrder& o, const Receipt& r, const std::string& treasury) {
  LedgerEntry e = order_entry(o, EntryKind::kReceipt, r.on, r.amount);
  e.debit = treasury;
  e.credit = o.receivable_account;
  e.label = fmt::format("Encaissement du titre {}{}{}", o.number, r.reference.empty() ? "" : " : ", r.reference);
  return e;
}

LedgerEntry write_off_entry(const RecoveryOrder& o, Money amount, Date on, const std::string& reason) {
  LedgerEntry e = order_entry(o, EntryKind::kCancellation, on, amount);
  e.debit = o.recovery_account;
  e.credit = o.receivable_account;
  e.label = fmt::format("Annulation du titre {} : {}", o.number, reason);
  return e;
}

}  // namespace grants
