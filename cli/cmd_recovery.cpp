// grants clawback compute|issue, grants recovery receive|list|show|cancel
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/clawback_service.h"
#include "grants/text.h"

namespace grants::cli {

namespace {

// The explanation, "label: text" lines aligned, after the record (table
// format), or as a table of its own (JSON, CSV).
void add_explanation(Record& r, const std::vector<ExplainLine>& lines, Format f) {
  if (f != Format::kTable) {
    Table t{{"label", "text"}, {}};
    for (const ExplainLine& l : lines) t.rows.push_back({Cell::str(l.label), Cell::str(l.text)});
    r.tables.emplace_back("explanation", std::move(t));
    return;
  }
  std::size_t w = 0;
  for (const ExplainLine& l : lines) w = std::max(w, l.label.size());
  r.notes.emplace_back("Explanation:");
  for (const ExplainLine& l : lines)
    r.notes.push_back(fmt::format("  {:<{}} {}", l.label + ":", w + 1, l.text));
}

// An order's explanation as stored: one "label: text" per line.
std::vector<ExplainLine> stored_explanation(const std::string& text) {
  std::vector<ExplainLine> out;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find('\n', from);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(from, end - from);
    const std::size_t colon = line.find(": ");
    if (colon == std::string::npos)
      out.push_back({"", line});
    else
      out.push_back({line.substr(0, colon), line.substr(colon + 2)});
    from = end + 1;
  }
  return out;
}

Record clawback_record(const ClawbackView& v, Date breach, bool explain, Format f) {
  const ConventionRules& c = v.convention;
  Record r;
  r.title = fmt::format("Clawback of convention {} — {} — {} — breach on {}", c.agreement_id, c.beneficiary_ref,
                        c.scheme_id, format_date(breach));
  r.fields = {{"convention", Cell::num(c.agreement_id)},
              {"beneficiary", Cell::str(c.beneficiary_ref)},
              {"scheme", Cell::str(c.scheme_id)},
              {"rule_file", Cell::str(c.rule_file)},
              {"rule_sha256", Cell::str(c.rule_sha256)},
              {"rule_period_from", Cell::date(c.rule_period_from)},
              {"breach", Cell::date(breach)},
              {"formula", Cell::str(v.clawback.formula)},
              {"received", Cell::money(v.clawback.received)},
              {"payments", Cell::num(v.clawback.payments)},
              {"amount", Cell::money(v.clawback.amount)}};
  // Every format gives the same fields whatever the convention's orders
  // and batches: without an earlier order, none received and all to recover.
  r.fields.emplace_back("earlier_orders", Cell::str_or_null(order_numbers(v.earlier_orders)));
  r.fields.emplace_back("recovered", Cell::money(v.recovered));
  r.fields.emplace_back("to_recover", Cell::money(v.to_recover));
  r.fields.emplace_back("pending", Cell::money(v.pending));
  if (v.pending_payments > 0) r.notes.push_back(pending_payments_text(v));
  if (explain) add_explanation(r, v.clawback.explanation, f);
  r.csv = CsvShape::kWhole;  // the amount is what it says, explained or not
  return r;
}

Record order_record(const RecoveryOrder& o, Date as_of, Format f) {
  const RecoveryPosition p = recovery_position(o, as_of);
  Record r;
  r.title = fmt::format("Recovery order {} — convention {} — {} — as of {}", o.number, o.agreement_id,
                        o.beneficiary_ref, format_date(as_of));
  r.fields = {{"number", Cell::str(o.number)},
              {"convention", Cell::num(o.agreement_id)},
              {"beneficiary", Cell::str(o.beneficiary_ref)},
              {"scheme", Cell::str(o.scheme_id)},
              {"breach", Cell::date(o.breach)},
              {"formula", Cell::str(o.formula)},
              {"amount", Cell::money(o.amount)},
              {"notice_on", Cell::date(o.notice_on)},
              {"answer_by", Cell::date(o.answer_by)},
              {"decided_on", Cell::date(o.decided_on)},
              {"issued_by", Cell::str(o.issued_by)},
              {"due", Cell::date(o.due)},
              {"accounts", Cell::str(fmt::format("debit {}, credit {}", o.receivable_account, o.recovery_account))},
              {"state", Cell::str(std::string(to_string(p.state)))},
              {"received", Cell::money(p.received)},
              {"written_off", Cell::money(o.cancelled_on && *o.cancelled_on <= as_of ? o.written_off : Money())},
              {"balance", Cell::money(p.balance)},
              {"overdue", Cell::money(p.overdue)},
              {"next_due", Cell::date(p.next_due)},
              {"limitation", Cell::date(p.limitation)},
              {"time_barred", Cell::boolean(p.time_barred)}};
  // The order as it stood on the date: what came after it is counted, not
  // shown, or the receipts would not add up to `received`.
  // Every format gives the same fields whatever the state: not yet
  // cancelled on the date, they are null.
  const bool cancelled = o.cancelled_on && *o.cancelled_on <= as_of;
  r.fields.emplace_back("cancelled_on", cancelled ? Cell::date(*o.cancelled_on) : Cell::null());
  r.fields.emplace_back("cancel_reason", cancelled ? Cell::str(o.cancel_reason) : Cell::null());
  Table plan{{"instalment", "due", "amount"}, {}};
  for (const RecoveryInstalment& i : o.plan)
    plan.rows.push_back({Cell::num(i.number), Cell::date(i.due), Cell::money(i.amount)});
  r.tables.emplace_back("plan", std::move(plan));
  Table receipts{{"id", "on", "amount", "reference", "after_limitation"}, {}};
  int later = 0;
  for (const Receipt& x : o.receipts) {
    if (x.on > as_of) {
      ++later;
      continue;
    }
    receipts.rows.push_back({Cell::num(x.id), Cell::date(x.on), Cell::money(x.amount), Cell::str(x.reference),
                             Cell::boolean(after_limitation(o, x))});
  }
  r.fields.emplace_back("later_receipts", Cell::num(later));
  r.tables.emplace_back("receipts", std::move(receipts));
  if (later > 0 || (o.cancelled_on && !cancelled)) {
    std::string after = later > 0 ? plural(later, "receipt", "receipts") : "";
    if (o.cancelled_on && !cancelled)
      after += fmt::format("{}the cancellation on {}", after.empty() ? "" : " and ", format_date(*o.cancelled_on));
    r.notes.push_back(fmt::format("Dated after {}, not shown: {}", format_date(as_of), after));
  }
  add_explanation(r, stored_explanation(o.explanation), f);
  r.csv = CsvShape::kWhole;  // the balance and state, then the plan and receipts
  return r;
}

// What the decision did to the convention, which every format says: a
// script must not read it from the table's note.
void add_decision_effects(std::vector<std::pair<std::string, Cell>>& fields, const IssueResult& r) {
  fields.emplace_back("instalments_cancelled", Cell::num(r.cancelled_instalments));
  fields.emplace_back("terminated", Cell::boolean(r.terminated));
}

std::string_view terminated_text(const IssueResult& r) {
  return r.terminated ? "terminated" : "was already terminated";
}

struct ComputeOptions {
  std::int64_t id = 0;
  std::string breach, waiver;
  bool explain = false;
  bool before_start = false;
};
struct IssueOptions {
  std::int64_t id = 0;
  std::string breach, waiver, notice, answer_by, decision, due, by;
  int instalments = 1;
  bool before_start = false;
};

BreachBeforeStart before_start(bool confirmed) {
  return confirmed ? BreachBeforeStart::kConfirmed : BreachBeforeStart::kRefuse;
}

constexpr const char* kBeforeStartHelp =
    "Confirm a breach date before the obligation's recorded start (no breach recorded): no day served, every sum "
    "received clawed back";
struct ReceiveOptions {
  std::string number, amount, on, reference;
};
struct CancelOptions {
  std::string number, on, reason;
};
struct ShowOptions {
  std::string number, as_of;
};

Status compute(const Globals& g, const ComputeOptions& o) {
  auto breach = date_option("--breach-date", o.breach);
  if (!breach) return breach.error();
  auto ss = g.session();
  if (!ss) return ss.error();
  auto v =
      compute_agreement_clawback(*ss->store, ClawbackRequest{o.id, *breach, o.waiver, before_start(o.before_start)});
  if (!v) return v.error();
  print_record(std::cout, clawback_record(*v, *breach, o.explain, ss->format), ss->format);
  return Ok();
}

Status issue(const Globals& g, const IssueOptions& o) {
  auto breach = date_option("--breach-date", o.breach);
  if (!breach) return breach.error();
  auto notice = date_option("--notice", o.notice);
  if (!notice) return notice.error();
  auto answer = date_option("--answer-by", o.answer_by);
  if (!answer) return answer.error();
  auto decision = movement_date("--decision", o.decision);
  if (!decision) return decision.error();
  auto due = optional_date_option("--due", o.due);
  if (!due) return due.error();
  auto rules = g.load_rules();
  if (!rules) return rules.error();
  auto ss = g.session();
  if (!ss) return ss.error();
  const ClawbackRequest claw{o.id, *breach, o.waiver, before_start(o.before_start)};
  IssueRequest req{claw, *notice, *answer, *decision, *due, o.instalments, o.by.empty() ? login_name() : o.by, today()};
  auto r = issue_clawback(*ss->store, *rules, req);
  if (!r) return r.error();
  if (!r->order) {
    // A waiver or a clawback of nothing forgives what is left: what earlier
    // orders received stays received, and is said so.
    const ClawbackView& v = r->clawback;
    std::vector<RecoveryOrder> paid;
    for (const RecoveryOrder& e : v.earlier_orders)
      if (!e.receipts.empty()) paid.push_back(e);
    const std::string kept =
        paid.empty() ? "" : fmt::format("; {} received on {} {} is kept", v.recovered.to_display(),
                                        paid.size() == 1 ? "order" : "orders", order_numbers(paid));
    Outcome out{{fmt::format("convention {}: breach on {} recorded, clawback {}: nothing to recover{}; convention {} "
                             "{}; {} cancelled",
                             o.id, format_date(*breach), v.clawback.formula, kept, o.id, terminated_text(*r),
                             plural(r->cancelled_instalments, "unpaid instalment", "unpaid instalments"))},
                {{"convention", Cell::num(o.id)},
                 {"breach", Cell::date(*breach)},
                 {"formula", Cell::str(v.clawback.formula)},
                 {"amount", Cell::money(v.clawback.amount)},
                 {"number", Cell::null()},
                 {"recovered_earlier", Cell::money(v.recovered)}}};
    add_decision_effects(out.fields, *r);
    print_outcome(std::cout, out, ss->format);
    return Ok();
  }
  Record rec = order_record(*r->order, *decision, ss->format);
  rec.title = fmt::format("Recovery order {} issued — convention {} — {}", r->order->number, o.id,
                          r->order->amount.to_display());
  add_decision_effects(rec.fields, *r);
  rec.notes.push_back(fmt::format("Convention {} {}; {} cancelled, not clawed back", o.id, terminated_text(*r),
                                  plural(r->cancelled_instalments, "unpaid instalment", "unpaid instalments")));
  print_record(std::cout, rec, ss->format);
  return Ok();
}

}  // namespace

void add_recovery_commands(CLI::App& app, Globals& g) {
  auto* cgrp = app.add_subcommand("clawback", "What a beneficiary who broke the obligation owes back");
  cgrp->require_subcommand(1);

  static ComputeOptions comp;
  auto* c = cgrp->add_subcommand("compute", "Compute the clawback of a breach under the scheme's policy; writes nothing");
  c->add_option("ID", comp.id, "Convention id")->required();
  c->add_option("--breach-date", comp.breach, "First day not served (YYYY-MM-DD)")->required();
  c->add_option("--waiver", comp.waiver, "A reason the scheme waives the clawback for (death, disability, ...)");
  c->add_flag("--explain", comp.explain, "Show the formula with its numbers");
  c->add_flag("--before-start", comp.before_start, kBeforeStartHelp);
  c->callback([&g] { g.action = [&g] { return compute(g, comp); }; });

  static IssueOptions iss;
  auto* i = cgrp->add_subcommand(
      "issue", "Issue the recovery order (titre de recette) of a breach after the contradictory procedure");
  i->add_option("ID", iss.id, "Convention id")->required();
  i->add_option("--breach-date", iss.breach, "First day not served (YYYY-MM-DD)")->required();
  i->add_option("--notice", iss.notice, "Date the beneficiary was notified (YYYY-MM-DD)")->required();
  i->add_option("--answer-by", iss.answer_by, "Deadline given to answer (YYYY-MM-DD)")->required();
  i->add_option("--decision", iss.decision, "Date of the decision, the issue date (YYYY-MM-DD)")->required();
  i->add_option("--due", iss.due, "Due date of the first instalment (default: a month after the decision)");
  i->add_option("--instalments", iss.instalments, "Monthly instalments, 1 to 60")->capture_default_str();
  i->add_option("--waiver", iss.waiver, "A reason the scheme waives the clawback for: no order is issued");
  i->add_option("--by", iss.by, "Who issues it (default: your login name)");
  i->add_flag("--before-start", iss.before_start, kBeforeStartHelp);
  i->callback([&g] { g.action = [&g] { return issue(g, iss); }; });

  auto* rgrp = app.add_subcommand("recovery", "Recovery orders: receipts, balances, the 4-year limitation");
  rgrp->require_subcommand(1);

  static ReceiveOptions rec;
  auto* r = rgrp->add_subcommand("receive", "Record money received against a recovery order");
  r->add_option("ORDER", rec.number, "Order number, e.g. TR-2028-00001")->required();
  r->add_option("--amount", rec.amount, "Amount received, e.g. 500.00")->required();
  r->add_option("--on", rec.on,
                "Date the money came (YYYY-MM-DD), also its ledger entry's and the limitation's: not before the "
                "order, after today or before the ledger's last entry")
      ->required();
  r->add_option("--ref", rec.reference,
                "The transfer's reference, recorded once per order; without it, a receipt of the amount and date "
                "of one already recorded is refused as that one given twice");
  r->callback([&g] {
    g.action = [&g]() -> Status {
      auto amount = Money::parse(rec.amount);
      if (!amount) return Error::InvalidInput("option --amount: " + amount.error().message());
      auto on = movement_date("--on", rec.on);
      if (!on) return on.error();
      auto rules = g.load_rules();
      if (!rules) return rules.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto o = receive_payment(*ss->store, *rules, rec.number, Receipt{0, 0, *on, *amount, rec.reference});
      if (!o) return o.error();
      const RecoveryPosition p = recovery_position(*o, *on);
      // Accepted on a time-barred order (the debtor may pay a prescribed
      // debt), but the officer is told: it starts no new delay.
      const bool late = after_limitation(*o, o->receipts.back());
      std::vector<std::string> lines{fmt::format("order {}: {} received on {}; balance {}{}", o->number,
                                                 amount->to_display(), format_date(*on), p.balance.to_display(),
                                                 o->state == RecoveryState::kSettled ? ", settled" : "")};
      if (late)
        lines.push_back(fmt::format(
            "received after the limitation, which ran out on {} ({} years without a receipt, CGCT art. "
            "L1617-5): paid of the debtor's own will, it is kept, but starts no new delay{}",
            format_date(p.limitation), kLimitationYears,
            p.time_barred ? fmt::format("; the balance of {} stays time-barred", p.balance.to_display()) : ""));
      print_outcome(std::cout,
                    {lines,
                     {{"number", Cell::str(o->number)},
                      {"amount", Cell::money(*amount)},
                      {"on", Cell::date(*on)},
                      {"reference", Cell::str_or_null(rec.reference)},
                      {"received", Cell::money(p.received)},
                      {"balance", Cell::money(p.balance)},
                      {"state", Cell::str(std::string(to_string(o->state)))},
                      {"limitation", Cell::date(p.limitation)},
                      {"after_limitation", Cell::boolean(late)},
                      {"time_barred", Cell::boolean(p.time_barred)}}},
                    ss->format);
      return Ok();
    };
  });

  static std::string list_as_of;
  auto* ls = rgrp->add_subcommand("list", "List recovery orders with their balances on a date");
  ls->add_option("--as-of", list_as_of, "Date (YYYY-MM-DD, default: today)");
  ls->callback([&g] {
    g.action = [&g]() -> Status {
      auto as_of = date_or_today("--as-of", list_as_of);
      if (!as_of) return as_of.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto all = ss->store->list_recovery_orders();
      if (!all) return all.error();
      Table t{{"number", "convention", "beneficiary", "decided_on", "amount", "received", "balance", "overdue",
               "next_due", "state", "limitation", "flag"},
              {}};
      for (const RecoveryOrder& o : *all) {
        if (o.decided_on > *as_of) continue;
        const RecoveryPosition p = recovery_position(o, *as_of);
        t.rows.push_back({Cell::str(o.number), Cell::num(o.agreement_id), Cell::str(o.beneficiary_ref),
                          Cell::date(o.decided_on), Cell::money(o.amount), Cell::money(p.received),
                          Cell::money(p.balance), Cell::money(p.overdue), Cell::date(p.next_due),
                          Cell::str(std::string(to_string(p.state))), Cell::date(p.limitation),
                          Cell::str_or_null(p.time_barred ? "time-barred" : "")});
      }
      print_table(std::cout, t, ss->format);
      return Ok();
    };
  });

  static ShowOptions show;
  auto* sh = rgrp->add_subcommand("show", "Show a recovery order: plan, receipts, balance, explanation");
  sh->add_option("ORDER", show.number, "Order number")->required();
  sh->add_option("--as-of", show.as_of, "Date of the balance (YYYY-MM-DD, default: today)");
  sh->callback([&g] {
    g.action = [&g]() -> Status {
      auto as_of = date_or_today("--as-of", show.as_of);
      if (!as_of) return as_of.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto o = existing(ss->store->find_recovery_order(show.number), "recovery order " + show.number);
      if (!o) return o.error();
      // Before its issue the order owed nothing: `recovery list` leaves it
      // out on such a date, and its balance would be a false one.
      if (*as_of < o->decided_on)
        return Error::InvalidInput(fmt::format("option --as-of: {} is before order {} was issued, on {}",
                                               format_date(*as_of), o->number, format_date(o->decided_on)));
      print_record(std::cout, order_record(*o, *as_of, ss->format), ss->format);
      return Ok();
    };
  });

  static CancelOptions can;
  auto* ca = rgrp->add_subcommand("cancel", "Cancel an open order: its balance is written off");
  ca->add_option("ORDER", can.number, "Order number")->required();
  ca->add_option("--on", can.on, "Date (YYYY-MM-DD)")->required();
  ca->add_option("--reason", can.reason, "Why (remise gracieuse, admission en non-valeur...)")->required();
  ca->callback([&g] {
    g.action = [&g]() -> Status {
      auto on = movement_date("--on", can.on);
      if (!on) return on.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto o = cancel_recovery(*ss->store, can.number, *on, can.reason);
      if (!o) return o.error();
      // A write-off (remise gracieuse, non-valeur) forgives the balance
      // alone: what was received stays received, and is said so.
      const Money received = recovery_position(*o, *on).received;
      print_outcome(std::cout,
                    {{fmt::format("order {} cancelled on {}: {} written off{}", o->number, format_date(*on),
                                  o->written_off.to_display(),
                                  received > Money() ? fmt::format("; {} received is kept", received.to_display())
                                                     : "")},
                     {{"number", Cell::str(o->number)},
                      {"cancelled_on", Cell::date(*on)},
                      {"cancel_reason", Cell::str(can.reason)},
                      {"written_off", Cell::money(o->written_off)},
                      {"received", Cell::money(received)},
                      {"state", Cell::str(std::string(to_string(o->state)))}}},
                    ss->format);
      return Ok();
    };
  });
}

}  // namespace grants::cli
