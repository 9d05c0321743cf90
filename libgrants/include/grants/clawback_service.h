// The finance office's operations when an obligation is broken, one function
// each (see service.h for the conventions): computing the clawback, issuing
// the recovery order, recording what is received, cancelling what is left.
//
// The clawback policy and the obligation's terms come from the rule version
// frozen at the convention's signature; the accounts the ledger uses come
// from the convention (receivable) and from the current rule files
// (recovery, treasury). Each function writes in one transaction: the order,
// its ledger entries and the convention's changes together, or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "grants/clawback.h"
#include "grants/obligation_service.h"
#include "grants/recovery.h"
#include "grants/result.h"
#include "grants/rules.h"
#include "grants/store.h"

namespace grants {

struct ClawbackRequest {
  std::int64_t agreement_id = 0;
  Date breach;         // the first day not served
  std::string waiver;  // a reason the scheme lists (death, disability, ...), or empty
  BreachBeforeStart before_start = BreachBeforeStart::kRefuse;
};

// A clawback computed for one convention, with where its rules come from.
struct ClawbackView {
  ConventionRules convention;
  Clawback clawback;
  int pending_payments = 0;  // in batches not yet settled: to settle or cancel before issuing
  Money pending;
  // The convention's orders issued before (cancelled, or the live one), by
  // number. The clawback owed stays the same; what was received on them is
  // deducted from the next order, which asks for what remains.
  std::vector<RecoveryOrder> earlier_orders;
  Money recovered;   // received on earlier_orders
  Money to_recover;  // clawback.amount - recovered: the next order's amount (nothing left when <= 0)
};

// "7 payments of 3 500,00 € are in batches not yet settled: settle or
// cancel them before issuing the order": why no order can be issued yet,
// as `clawback compute` warns and `clawback issue` refuses. Empty when
// nothing is pending.
std::string pending_payments_text(const ClawbackView& v);

// What the convention's beneficiary owes for a breach on `breach`, with the
// formula and its numbers. Sums received are the payments the bank has
// paid; instalments not paid are shown as cancelled. Orders issued before
// and what was received on them end the explanation. Writes nothing.
// NotFound for an unknown convention; InvalidInput for a waiver the scheme
// does not list, a breach before the signature, or one before the recorded
// start that `before_start` does not confirm (see compute_clawback);
// Conflict when the
// breach is after the obligation's last day owed or it sets nothing.
Result<ClawbackView> compute_agreement_clawback(Store& store, const ClawbackRequest& r);

struct IssueRequest {
  ClawbackRequest clawback;
  // The contradictory procedure: breach <= notice <= answer_by <= decided_on.
  Date notice_on;
  Date answer_by;
  Date decided_on;          // the issue date, and the date of the ledger entry
  std::optional<Date> due;  // of the first instalment; default: one month after the decision
  int instalments = 1;      // 1..60, monthly
  std::string issued_by;
  Date today;  // the day the decision is recorded, for the termination's date checks
};

struct IssueResult {
  ClawbackView clawback;
  std::optional<RecoveryOrder> order;  // none when waived
  int cancelled_instalments = 0;       // of the convention, not paid
  bool terminated = false;             // by this decision (not by an earlier order's)
};

// Issues the recovery order of a breach: records the decision on the
// obligation (a "breach" event, reason "recovery order TR-..." or "waived
// (death)"; a move or stop recorded before must be on the same date), cancels
// the convention's instalments not paid, terminates it, numbers the order
// TR-YEAR-RANK, splits it into `instalments` monthly instalments and books
// it in the ledger (the convention's receivable debited, the scheme's
// recovery account credited). After an order was cancelled, a new order for
// the same breach asks for the clawback less what was received on the
// earlier orders (their write-off is asked for again), and records the new
// decision on the obligation. With a waiver, or when the clawback is zero
// (nothing paid yet), records the breach and the decision ("waived (...)",
// "nothing to recover"), cancels and terminates, and issues no order.
// InvalidInput for dates out of order (a decision before an earlier order's
// cancellation included, or one that terminates the convention on a day
// agreement terminate refuses: before the convention last resumed, see
// terminate_agreement), a first due date after the day the order would
// lapse with nothing received (limitation_after), a bad number of
// instalments, a scheme without `accounts.recovery` in the current rule
// files; Conflict when the
// convention already has an order that is not cancelled or such a
// decision, has payments not yet settled, was broken on another date, or
// when what remains of the clawback after earlier orders is zero.
Result<IssueResult> issue_clawback(Store& store, const RuleBook& rules, const IssueRequest& r);

// A recovery order that counted among the sums received a payment the bank
// has since sent back, beside the clawback computed again without it.
struct OrderAfterReturn {
  RecoveryOrder order;
  Money clawback;   // for the order's breach, without the payment sent back
  Money recovered;  // received on all the convention's orders
  // recovered - clawback when positive: what the beneficiary paid back
  // beyond what they owe. No order asks it back; it is to be refunded.
  Money overpaid;
};

// Where order `number` stands after a bank return on its convention (see
// ReturnedPayment::counted_by_order): an open order not overpaid is to be
// cancelled and issued again for the rest; an overpaid one (a settled
// order always is, unless the formula ignores what was paid) leaves a sum
// to refund. Writes nothing. NotFound for an unknown order; the errors of
// compute_agreement_clawback.
Result<OrderAfterReturn> order_after_return(Store& store, const std::string& number);

// Records `amount` received on `on` against order `number` (the treasury
// account of the [payer] of the scheme's rule file debited, the receivable
// credited); the order is settled when nothing is left. NotFound for an
// unknown order; InvalidInput for an amount not positive or a date before
// the order; Conflict for an order not open, an amount above its balance, a
// reference already recorded on it, or, without a reference, a receipt of
// the same amount on the same date already recorded on it (the same
// transfer given twice: a second one is given with its reference).
Result<RecoveryOrder> receive_payment(Store& store, const RuleBook& rules, const std::string& number,
                                      const Receipt& receipt);

// Cancels an open order on `on` for `reason` (remise gracieuse, admission
// en non-valeur...): its balance is written off in the ledger (the recovery
// account debited, the receivable credited). NotFound for an unknown order;
// InvalidInput for a date before the order or before its last receipt;
// Conflict for an order not open.
Result<RecoveryOrder> cancel_recovery(Store& store, const std::string& number, Date on, const std::string& reason);

}  // namespace grants
