// Clawbacks and recovery orders: computing, issuing, receiving, cancelling.
// Each write opens one transaction: the order, the convention's changes and
// the ledger entries are committed together or not at all.
#include "grants/clawback_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "frozen_rules.h"
#include "grants/text.h"
#include "service_internal.h"

namespace grants {

namespace {

constexpr int kMaxInstalments = 60;
// How the "breach" event of a waived clawback begins: "waived (death)".
constexpr std::string_view kWaived = "waived (";
// The decision when the formula gives nothing to pay back (nothing was paid
// yet, or a decreasing clawback after its last whole year).
constexpr std::string_view kNothing = "nothing to recover";

// The same error with `prefix` before its message.
Error prefixed(const std::string& prefix, const Error& e) {
  std::string m = prefix + e.message();
  switch (e.code()) {
    case ErrorCode::kInvalidInput: return Error::InvalidInput(std::move(m), e.details());
    case ErrorCode::kConflict: return Error::Conflict(std::move(m), e.details());
    case ErrorCode::kNotFound: return Error::NotFound(std::move(m));
    case ErrorCode::kStorage: return Error::Storage(std::move(m));
    case ErrorCode::kIntegrity: return Error::Integrity(std::move(m));
    case ErrorCode::kInternal: return Error::Internal(std::move(m));
  }
  return e;
}

// Everything received, whatever its date.
Money balance_of(const RecoveryOrder& o) {
  Money left = o.amount;
  for (const Receipt& r : o.receipts) left -= r.amount;
  return left;
}

// Deducts from the clawback what was received on the convention's earlier
// orders (what they wrote off is asked for again) and ends the explanation
// with them, so that the next order says why it asks for less.
void deduct_earlier_orders(ClawbackView& v) {
  v.to_recover = v.clawback.amount;
  if (v.earlier_orders.empty()) return;
  for (const RecoveryOrder& o : v.earlier_orders) {
    const Money received = o.amount - balance_of(o);
    v.recovered += received;
    std::string text = fmt::format("{} of {}, ", o.number, o.amount.to_display());
    if (o.state == RecoveryState::kCancelled && o.cancelled_on)
      text += fmt::format("cancelled on {}: {} recovered, {} written off", format_date(*o.cancelled_on),
                          received.to_display(), o.written_off.to_display());
    else
      text += fmt::format("{}: {} recovered", to_string(o.state), received.to_display());
    v.clawback.explanation.push_back({"earlier order", std::move(text)});
  }
  v.to_recover = std::max(Money(), v.clawback.amount - v.recovered);
  v.clawback.explanation.push_back(
      {"to recover", v.to_recover > Money()
                         ? fmt::format("{} owed − {} recovered on earlier orders = {}", v.clawback.amount.to_display(),
                                       v.recovered.to_display(), v.to_recover.to_display())
                         : fmt::format("nothing: {} owed, {} recovered on earlier orders",
                                       v.clawback.amount.to_display(), v.recovered.to_display())});
}

// A convention's clawback, with what issuing it needs.
struct Case {
  Agreement agreement;
  ClawbackView view;
  std::vector<Instalment> unpaid;
  std::vector<ObligationEvent> events;
  Rounding rounding = Rounding::kHalfEven;  // the policy's, for the instalment plan
};

Result<Case> build_case(Store& store, const ClawbackRequest& r) {
  auto g = detail::load_agreement(store, r.agreement_id);
  if (!g) return g.error();
  detail::FrozenRules frozen(store);
  auto f = frozen.find(*g);
  if (!f) return f.error();
  ClawbackCase c;
  c.policy = f->period->clawback;
  c.terms = obligation_terms(f->period->obligation, g->signed_on, f->file->code);
  if (c.terms.years == 0)
    return Error::Conflict(fmt::format("convention {} ({}) sets no practice obligation", g->id, g->scheme_id));
  auto events = store.obligation_events(g->id);
  if (!events) return events.error();
  c.events = *events;
  auto payments = store.agreement_payments(g->id);
  if (!payments) return payments.error();
  Case k;
  for (const AgreementPayment& pay : *payments) {
    if (pay.state == PaymentState::kPaid) {
      if (!pay.settled_on)
        return Error::Internal(fmt::format("payment {} is paid but its batch {} has no settlement date", pay.id,
                                           pay.batch_id));
      c.received.push_back({pay.amount, *pay.settled_on});
    } else if (pay.state == PaymentState::kPending) {
      ++k.view.pending_payments;
      k.view.pending += pay.amount;
    }
  }
  auto unpaid = store.unpaid_instalments(g->id);
  if (!unpaid) return unpaid.error();
  for (const Instalment& i : *unpaid) c.unpaid += i.amount;
  c.unpaid_count = static_cast<int>(unpaid->size());
  c.breach = r.breach;
  c.waiver = r.waiver;
  c.before_start = r.before_start;
  auto clawback = compute_clawback(c);
  if (!clawback) return prefixed(fmt::format("convention {}: ", g->id), clawback.error());
  auto orders = store.recovery_orders_of(g->id);
  if (!orders) return orders.error();

  k.view.convention = ConventionRules::of(*g);
  k.view.clawback = std::move(*clawback);
  k.view.earlier_orders = std::move(*orders);
  deduct_earlier_orders(k.view);
  k.unpaid = std::move(*unpaid);
  k.events = std::move(c.events);
  k.rounding = c.policy.rounding;
  k.agreement = std::move(*g);
  return k;
}

// The account a recovery order credits: from the current rule file, in the
// period in force on the decision (or the last one before it, once a scheme
// has ended).
Result<std::string> recovery_account_of(const RuleBook& rules, const std::string& scheme_id, Date on) {
  auto found = rules.find(scheme_id);
  if (!found) return Error::InvalidInput(fmt::format("scheme \"{}\" is in no rule file loaded", scheme_id));
  const SchemePeriod* period = nullptr;
  for (const SchemePeriod& p : found->scheme->periods)
    if (p.from <= on) period = &p;
  if (period == nullptr)
    return Error::InvalidInput(fmt::format("{}: scheme {} has no period in force on {}", found->file->path, scheme_id,
                                           format_date(on)));
  if (period->accounts.recovery.empty())
    return Error::InvalidInput(fmt::format("{}: scheme {}, period from {}: accounts.recovery is not given, so a "
                                           "recovery order cannot be booked",
                                           found->file->path, scheme_id, format_date(period->from)));
  return period->accounts.recovery;
}

std::string explanation_text(const Clawback& c) {
  std::string out;
  for (const ExplainLine& l : c.explanation) out += l.label + ": " + l.text + "\n";
  return out;
}

Status check_dates(const IssueRequest& r) {
  auto order = [](std::string_view option, Date d, std::string_view what, Date before) -> Status {
    if (d >= before) return Ok();
    return Error::InvalidInput(fmt::format("option {}: {} is before {} ({})", option, format_date(d), what,
                                           format_date(before)));
  };
  if (auto st = order("--notice", r.notice_on, "the breach", r.clawback.breach); !st) return st;
  if (auto st = order("--answer-by", r.answer_by, "the notice", r.notice_on); !st) return st;
  if (auto st = order("--decision", r.decided_on, "the answer deadline: the beneficiary must have had the time to answer",
                      r.answer_by);
      !st)
    return st;
  if (r.due) {
    if (auto st = order("--due", *r.due, "the decision", r.decided_on); !st) return st;
    // Nothing can be asked of the beneficiary before the first due date, and
    // the order is time-barred four years after its issue when nothing is
    // received: a later first due date (a typing slip, 2126 for 2026) would
    // let it lapse before anything is owed.
    if (const Date limit = limitation_after(r.decided_on); *r.due > limit)
      return Error::InvalidInput(fmt::format(
          "option --due: {} is after {}, the day the order lapses {} years after the decision of {} when nothing "
          "is received (CGCT art. L1617-5): give a due date on or before it",
          format_date(*r.due), format_date(limit), kLimitationYears, format_date(r.decided_on)));
  }
  if (r.instalments < 1 || r.instalments > kMaxInstalments)
    return Error::InvalidInput(
        fmt::format("option --instalments: {}: expected 1 to {} monthly instalments", r.instalments, kMaxInstalments));
  if (detail::blank(r.issued_by)) return Error::InvalidInput("--by needs the name of the person issuing the order");
  return Ok();
}

Result<RecoveryOrder> load_order(Store& store, const std::string& number) {
  return existing(store.find_recovery_order(number), "recovery order " + number);
}

// "open since 2026-10-07, balance 5 500,00 €" or "settled on 2027-01-04,
// 6 000,00 € received": where an order not cancelled stands, for a refusal
// that names it.
std::string order_standing(const RecoveryOrder& o) {
  if (o.state == RecoveryState::kSettled && !o.receipts.empty())
    return fmt::format("settled on {}, {} received", format_date(o.receipts.back().on), o.amount.to_display());
  if (o.state == RecoveryState::kOpen)
    return fmt::format("open since {}, balance {}", format_date(o.decided_on), balance_of(o).to_display());
  return std::string(to_string(o.state));
}

// `refused` says what cannot be done on an order no longer open: "nothing
// can be received on it". A cancelled order's message says where the
// clawback stands now: on the convention's live order, or owed again by a
// new one, which deducts what this one received.
Status require_open(Store& store, const RecoveryOrder& o, std::string_view refused) {
  if (o.state == RecoveryState::kOpen) return Ok();
  // A settled order has nothing left, whatever was asked: `refused` is
  // worded for a cancelled one.
  if (o.state == RecoveryState::kSettled)
    return Error::Conflict(fmt::format("recovery order {} of {} (convention {}) was {}: nothing is left to receive "
                                       "or write off; `recovery show {}` lists its receipts",
                                       o.number, o.beneficiary_ref, o.agreement_id, order_standing(o), o.number));
  if (o.state != RecoveryState::kCancelled || !o.cancelled_on)
    return Error::Conflict(fmt::format("recovery order {} is {}", o.number, to_string(o.state)));
  auto orders = store.recovery_orders_of(o.agreement_id);
  if (!orders) return orders.error();
  const RecoveryOrder* live = live_order(*orders);
  const std::string next =
      live != nullptr
          ? fmt::format("the clawback is now asked for by order {} ({}), issued on {}", live->number,
                        to_string(live->state), format_date(live->decided_on))
          : fmt::format("to ask for the clawback again, issue a new order with `clawback issue {}`", o.agreement_id);
  return Error::Conflict(
      fmt::format("recovery order {} of {} (convention {}) was cancelled on {} ({}), {} written "
                  "off: {}; {}",
                  o.number, o.beneficiary_ref, o.agreement_id, format_date(*o.cancelled_on), o.cancel_reason,
                  o.written_off.to_display(), refused, next));
}

// A receipt given without a reference is told from the order's receipts
// only by its amount and date: one of the same amount on the same day, with
// or without a reference, is taken for that transfer recorded again (a
// command run twice, after a timeout or by a script), not for a second one.
// A second transfer is recorded with its reference. Called under the write
// lock, on receipts read under it: of two officers recording it at once, the
// second sees the first's.
Status require_new_receipt(const RecoveryOrder& o, const Receipt& r) {
  if (!r.reference.empty()) return Ok();
  const auto same = std::ranges::find_if(
      o.receipts, [&](const Receipt& x) { return x.on == r.on && x.amount == r.amount; });
  if (same == o.receipts.end()) return Ok();
  return Error::Conflict(fmt::format(
      "order {} already has a receipt of {} on {} (receipt {}{}): nothing recorded; if a second transfer of this "
      "amount came that day, give its reference with --ref",
      o.number, r.amount.to_display(), format_date(r.on), same->id,
      same->reference.empty() ? "" : fmt::format(", reference \"{}\"", same->reference)));
}

}  // namespace

std::string pending_payments_text(const ClawbackView& v) {
  if (v.pending_payments == 0) return {};
  const bool one = v.pending_payments == 1;
  return fmt::format("{} of {} {} not yet settled: settle or cancel {} before issuing the order",
                     plural(v.pending_payments, "payment", "payments"), v.pending.to_display(),
                     one ? "is in a batch" : "are in batches", one ? "it" : "them");
}

Result<ClawbackView> compute_agreement_clawback(Store& store, const ClawbackRequest& r) {
  auto k = build_case(store, r);
  if (!k) return k.error();
  return std::move(k->view);
}

Result<OrderAfterReturn> order_after_return(Store& store, const std::string& number) {
  auto o = load_order(store, number);
  if (!o) return o.error();
  auto k = build_case(store, ClawbackRequest{o->agreement_id, o->breach, ""});
  if (!k) return k.error();
  OrderAfterReturn out{std::move(*o), k->view.clawback.amount, k->view.recovered, Money()};
  out.overpaid = std::max(Money(), out.recovered - out.clawback);
  return out;
}

Result<IssueResult> issue_clawback(Store& store, const RuleBook& rules, const IssueRequest& r) {
  if (auto st = check_dates(r); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto k = build_case(store, r.clawback);
  if (!k) return k.error();
  const std::int64_t id = k->agreement.id;
  const auto& orders = k->view.earlier_orders;
  if (const RecoveryOrder* live = live_order(orders))
    return Error::Conflict(fmt::format(
        "convention {} already has recovery order {} of {} ({}): a convention has one live order; {}", id,
        live->number, live->amount.to_display(), order_standing(*live),
        live->state == RecoveryState::kOpen
            ? fmt::format("to issue another, cancel it first with `recovery cancel {} --on DATE --reason TEXT`",
                          live->number)
            : std::string("the clawback is recovered, nothing more is issued")));
  if (k->view.pending_payments > 0)
    return Error::Conflict(fmt::format("convention {}: {}", id, pending_payments_text(k->view)));
  const ObligationEvent* broken = first_breach(k->events);
  if (broken != nullptr && broken->on != r.clawback.breach)
    return Error::Conflict(fmt::format("the obligation of convention {} was broken on {} ({}): give that date as "
                                       "--breach-date",
                                       id, format_date(broken->on), to_string(broken->kind)));
  for (const ObligationEvent& e : k->events) {
    if (e.kind != ObligationEventKind::kBreach) continue;
    if (e.reason.starts_with(kWaived))
      return Error::Conflict(fmt::format("the clawback of convention {} was already {}, decided on {}", id, e.reason,
                                         format_date(e.recorded_on)));
    if (e.reason == kNothing)
      return Error::Conflict(fmt::format("the clawback of convention {} was already decided on {}: {}", id,
                                         format_date(e.recorded_on), e.reason));
  }
  const Clawback& c = k->view.clawback;
  const bool waived = !r.clawback.waiver.empty();
  // Nothing to pay back is still a decision on the breach: the unpaid
  // instalments are cancelled and the convention terminated, or the next
  // batch would pay the aid to someone who broke its obligation.
  const bool nothing = !waived && c.amount <= Money();
  // Earlier orders are all cancelled here. The new decision comes after
  // them, so that the convention never has two orders open on one date.
  for (const RecoveryOrder& o : orders) {
    if (o.cancelled_on && r.decided_on < *o.cancelled_on)
      return Error::InvalidInput(fmt::format("option --decision: {} is before order {} was cancelled, on {}",
                                             format_date(r.decided_on), o.number, format_date(*o.cancelled_on)));
  }
  // The decision terminates the convention on its date: the events of its
  // schedule stay in date order, as agreement terminate keeps them.
  const AgreementState state = k->agreement.state;
  const bool terminates = state == AgreementState::kActive || state == AgreementState::kSuspended;
  if (terminates)
    if (auto st = detail::interruption_date("--decision", r.decided_on, k->agreement, r.today); !st)
      return st.error();
  if (!waived && !nothing && k->view.to_recover <= Money())
    return Error::Conflict(fmt::format("the clawback of convention {}, {}, is covered by {} recovered on earlier "
                                       "orders ({}): no recovery order is issued",
                                       id, c.amount.to_display(), k->view.recovered.to_display(),
                                       order_numbers(orders)));

  IssueResult out;
  std::string why = nothing ? std::string(kNothing) : fmt::format("{}{})", kWaived, r.clawback.waiver);
  if (!waived && !nothing) {
    auto recovery = recovery_account_of(rules, k->agreement.scheme_id, r.decided_on);
    if (!recovery) return recovery.error();
    const int year = static_cast<int>(r.decided_on.year());
    auto rank = store.last_recovery_rank(year);
    if (!rank) return rank.error();
    RecoveryOrder o;
    o.number = recovery_number(year, *rank + 1);
    o.agreement_id = id;
    o.beneficiary_ref = k->agreement.beneficiary_ref;
    o.scheme_id = k->agreement.scheme_id;
    o.rule_sha256 = k->agreement.rule_sha256;
    o.breach = r.clawback.breach;
    o.formula = c.formula;
    o.amount = k->view.to_recover;
    o.explanation = explanation_text(c);
    o.notice_on = r.notice_on;
    o.answer_by = r.answer_by;
    o.decided_on = r.decided_on;
    o.issued_by = r.issued_by;
    o.receivable_account = k->agreement.receivable_account;
    o.recovery_account = *recovery;
    // Without --due, the instalments fall due 1, 2, 3... months after the
    // decision.
    o.plan = r.due ? recovery_plan(o.amount, r.instalments, *r.due, 0, k->rounding)
                   : recovery_plan(o.amount, r.instalments, r.decided_on, 1, k->rounding);
    o.due = o.plan.front().due;
    // A small amount split too finely leaves instalments of nothing (a
    // balance of 0,02 € in 3; rounding up can empty the last one too).
    for (const RecoveryInstalment& i : o.plan)
      if (i.amount <= Money())
        return Error::InvalidInput(fmt::format("option --instalments: {} would leave instalment {} of {} at {} "
                                               "(rounding {}): give fewer instalments",
                                               r.instalments, i.number, o.amount.to_display(),
                                               i.amount.to_display(), to_string(k->rounding)));
    auto order_id = store.add_recovery_order(o);
    if (!order_id) return order_id.error();
    o.id = *order_id;
    std::vector<LedgerEntry> entries{clawback_entry(o)};
    if (auto st = append_to_ledger(store, entries); !st) return st.error();
    why = "recovery order " + o.number;
    out.order = std::move(o);
  }
  // The decision on the breach, recorded with it on the obligation.
  ObligationEvent decision{0, id, ObligationEventKind::kBreach, r.clawback.breach, why, "", "", "", r.decided_on};
  if (auto st = store.add_obligation_events({decision}); !st) return st.error();
  std::vector<int> numbers;
  for (const Instalment& i : k->unpaid) numbers.push_back(i.number);
  if (auto st = store.cancel_instalments(id, numbers); !st) return st.error();
  out.cancelled_instalments = static_cast<int>(numbers.size());
  if (terminates) {
    if (auto st = store.set_agreement_state(id, state, AgreementState::kTerminated); !st) return st.error();
    AgreementEvent e{0, id, AgreementEventKind::kTerminate, r.decided_on,
                     fmt::format("obligation broken on {}: {}", format_date(r.clawback.breach), why), 0,
                     out.cancelled_instalments};
    if (auto ev = store.add_agreement_event(e); !ev) return ev.error();
    out.terminated = true;
  }
  if (auto st = (*tx)->commit(); !st) return st.error();
  out.clawback = std::move(k->view);
  return out;
}

Result<RecoveryOrder> receive_payment(Store& store, const RuleBook& rules, const std::string& number,
                                      const Receipt& receipt) {
  if (receipt.amount <= Money())
    return Error::InvalidInput(fmt::format("option --amount: {} is not a positive amount", receipt.amount.to_string()));
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto o = load_order(store, number);
  if (!o) return o.error();
  if (auto st = require_open(store, *o, "nothing can be received on it"); !st) return st.error();
  if (receipt.on < o->decided_on)
    return Error::InvalidInput(fmt::format("option --on: {} is before order {} was issued, on {}",
                                           format_date(receipt.on), number, format_date(o->decided_on)));
  if (auto st = require_new_receipt(*o, receipt); !st) return st.error();
  const Money balance = balance_of(*o);
  if (receipt.amount > balance)
    return Error::Conflict(fmt::format("{} received is more than the balance of order {}, {}: nothing recorded",
                                       receipt.amount.to_display(), number, balance.to_display()));
  auto treasury = detail::treasury_of(rules, o->scheme_id);
  if (!treasury) return treasury.error();
  Receipt r = receipt;
  r.order_id = o->id;
  auto id = store.add_receipt(r);
  if (!id) return prefixed(fmt::format("order {}: ", number), id.error());
  r.id = *id;
  std::vector<LedgerEntry> entries{receipt_entry(*o, r, *treasury)};
  if (auto st = append_to_ledger(store, entries); !st) return st.error();
  o->receipts.push_back(r);
  if (receipt.amount == balance) {
    o->state = RecoveryState::kSettled;
    if (auto st = store.update_recovery_order(*o, RecoveryState::kOpen); !st) return st.error();
  }
  if (auto st = (*tx)->commit(); !st) return st.error();
  return o;
}

Result<RecoveryOrder> cancel_recovery(Store& store, const std::string& number, Date on, const std::string& reason) {
  if (auto st = detail::require_reason(reason); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto o = load_order(store, number);
  if (!o) return o.error();
  if (auto st = require_open(store, *o, "it is not cancelled twice, and nothing can be received on it"); !st)
    return st.error();
  if (on < o->decided_on)
    return Error::InvalidInput(fmt::format("option --on: {} is before order {} was issued, on {}", format_date(on),
                                           number, format_date(o->decided_on)));
  // The write-off deducts every receipt: dated before one of them, it would
  // make the balances as of the dates between wrong.
  if (!o->receipts.empty() && on < o->receipts.back().on)
    return Error::InvalidInput(fmt::format("option --on: {} is before the last receipt of order {}, on {}",
                                           format_date(on), number, format_date(o->receipts.back().on)));
  o->written_off = balance_of(*o);
  o->state = RecoveryState::kCancelled;
  o->cancelled_on = on;
  o->cancel_reason = reason;
  if (auto st = store.update_recovery_order(*o, RecoveryState::kOpen); !st) return st.error();
  std::vector<LedgerEntry> entries{write_off_entry(*o, o->written_off, on, reason)};
  if (auto st = append_to_ledger(store, entries); !st) return st.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return o;
}

}  // namespace grants
