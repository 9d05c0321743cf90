// Recovery orders (titres de recette): what a clawback becomes once decided,
// with its number, due date, optional instalment plan and the receipts that
// pay it off, and their ledger entries.
//
// Pure: no I/O. An order is booked in the ledger when issued (the
// receivable debited, the recovery account credited); each receipt moves
// money from the receivable to the treasury; a cancellation writes off what
// is left. The accountant's action to recover is time-barred four years
// after the order was issued, a delay that each receipt (the debtor's
// acknowledgement) starts again (CGCT art. L1617-5, 3°). A receipt once the
// delay has run out is kept (a prescribed debt paid of the debtor's own will
// is not given back, Code civil art. 1302), but starts nothing again: there
// is no delay left to interrupt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/ledger.h"
#include "grants/money.h"
#include "grants/result.h"

namespace grants {

enum class RecoveryState {
  kOpen,       // "open": a balance is due
  kSettled,    // "settled": receipts paid it off
  kCancelled,  // "cancelled": its balance was written off (remise, non-valeur)
};
std::string_view to_string(RecoveryState s);

struct RecoveryInstalment {
  int number = 0;  // 1-based
  Date due;
  Money amount;
};

struct Receipt {
  std::int64_t id = 0;  // assigned by storage
  std::int64_t order_id = 0;
  Date on;
  Money amount;        // > 0
  std::string reference;  // e.g. the bank transfer's reference; unique per order when given
};

struct RecoveryOrder {
  std::int64_t id = 0;  // assigned by storage
  std::string number;   // "TR-2026-00001": the year of the decision, then its rank
  std::int64_t agreement_id = 0;
  std::string beneficiary_ref;
  std::string scheme_id;
  std::string rule_sha256;  // the rule version whose policy computed the amount
  Date breach;
  std::string formula;      // e.g. "pro-rata by month"
  Money amount;             // > 0
  std::string explanation;  // the formula with its numbers, one "label: text" per line
  // The contradictory procedure: the beneficiary was told (notice), could
  // answer until a deadline, then the département decided.
  Date notice_on;
  Date answer_by;
  Date decided_on;          // also the issue date, and the date of its ledger entry
  std::string issued_by;
  Date due;                 // of the first instalment
  std::string receivable_account;  // debited by the order
  std::string recovery_account;    // credited by the order
  RecoveryState state = RecoveryState::kOpen;
  std::optional<Date> cancelled_on;
  std::string cancel_reason;
  Money written_off;        // the balance written off by the cancellation
  std::vector<RecoveryInstalment> plan;  // one instalment at least
  std::vector<Receipt> receipts;         // by date, then id
};

// "TR-2026-00001".
std::string recovery_number(int year, int rank);
// The numbers of `orders`, joined: "TR-2028-00001, TR-2029-00001".
std::string order_numbers(const std::vector<RecoveryOrder>& orders);
// The one order of `orders` (a convention's) not cancelled, or nullptr: a
// convention has at most one live order.
const RecoveryOrder* live_order(const std::vector<RecoveryOrder>& orders);

// `n` monthly instalments summing to `amount`: instalment k (from 1) falls
// due `first_after` + k - 1 months after `anchor` (MonthEnd::kClamp), each
// counted from `anchor`, never from the instalment before, which a short
// month clamped: from 31 January, 29 February, 31 March, 30 April. Each is
// rounded with `rounding`, the last taking the remainder. n >= 1.
std::vector<RecoveryInstalment> recovery_plan(Money amount, int n, Date anchor, int first_after, Rounding rounding);

// Where an order stands on a date, from its receipts dated on or before it.
struct RecoveryPosition {
  RecoveryState state = RecoveryState::kOpen;  // on the date
  Money received;
  Money balance;                  // amount - received - written off (0 once cancelled)
  Money overdue;                  // instalments due before the date, less received
  std::optional<Date> next_due;   // of the first instalment not paid in full
  Date limitation;                // last day the accountant may act
  bool time_barred = false;       // a balance is left and the date is past `limitation`
};
inline constexpr int kLimitationYears = 4;
RecoveryPosition recovery_position(const RecoveryOrder& o, Date as_of);
// Whether `r`, a receipt of `o`, came after the order was time-barred: it
// then started no new delay, and `limitation` stays the day the delay ran
// out before it.
bool after_limitation(const RecoveryOrder& o, const Receipt& r);
// The last day the accountant may act on an order whose last act (its issue
// or a receipt within the delay) was on `last_act`: kLimitationYears later
// (CGCT art. L1617-5).
Date limitation_after(Date last_act);

// Ledger entries of an order (dated on its decision), of a receipt (the
// treasury `treasury` debited), and of the write-off of `amount` on
// cancellation. Traceable to the convention and the rule version; the order's
// number is in each label. prev_hash and hash are left for chain_entries.
LedgerEntry clawback_entry(const RecoveryOrder& o);
LedgerEntry receipt_entry(const RecoveryOrder& o, const Receipt& r, const std::string& treasury);
LedgerEntry write_off_entry(const RecoveryOrder& o, Money amount, Date on, const std::string& reason);

}  // namespace grants
