// grants batch run|list|show|payments|approve|export|settle|return|cancel
#include <unistd.h>

#include <array>
#include <iostream>
#include <utility>

#include <fmt/format.h>

#include "app.h"
#include "grants/batch_service.h"
#include "grants/clawback_service.h"
#include "grants/iban.h"
#include "grants/text.h"

namespace grants::cli {

namespace {

// What to do about the recovery order that counted a returned payment among
// the sums received: an open order is cancelled and issued again for the
// rest; what was paid back beyond the clawback is refunded, which no
// command does (a settled order cannot be cancelled).
std::string return_advice(const OrderAfterReturn& a) {
  const std::string& number = a.order.number;
  if (a.overpaid > Money())
    return fmt::format("; recovery order {} counted it among the sums received and is {}: {}{} received on the "
                       "convention's orders, {} more than the clawback without it ({}), to be refunded to the "
                       "beneficiary outside grants",
                       number, to_string(a.order.state),
                       a.order.state == RecoveryState::kOpen ? "cancel it, nothing is left to ask; " : "",
                       a.recovered.to_display(), a.overpaid.to_display(), a.clawback.to_display());
  if (a.order.state == RecoveryState::kOpen)
    return fmt::format("; recovery order {} counted it among the sums received: cancel the order and issue it again",
                       number);
  return fmt::format("; recovery order {} counted it among the sums received and is {}: the clawback without it, "
                     "{}, is what was received",
                     number, to_string(a.order.state), a.clawback.to_display());
}

// Whether the batch went to the bank: only then do its payments have an
// outcome to show (before, they are all pending, and null is shown).
bool sent(const BatchSummary& b) { return b.state == BatchState::kExported || b.state == BatchState::kSettled; }

// The count and total of payments in one state, or nulls before export.
std::array<Cell, 2> tally_cells(const BatchSummary& b, const PaymentTally& t) {
  if (!sent(b)) return {Cell::null(), Cell::null()};
  return {Cell::num(t.count), Cell::money(t.total)};
}

// "15 payments sent, 7 250,00 €: 14 paid (6 750,00 €), 1 returned (500,00 €)"
// once exported, what the bank statement is reconciled with; before,
// "15 payments, 7 250,00 €".
std::string payments_line(const BatchSummary& b) {
  if (!sent(b)) return fmt::format("{}, {}", plural(b.count, "payment", "payments"), b.total.to_display());
  std::string parts;
  for (const auto& [name, t] : {std::pair{"pending", b.outcome.pending}, std::pair{"paid", b.outcome.paid},
                                std::pair{"returned", b.outcome.returned}})
    if (t.count != 0) parts += fmt::format("{}{} {} ({})", parts.empty() ? "" : ", ", t.count, name, t.total.to_display());
  return fmt::format("{} sent, {}: {}", plural(b.count, "payment", "payments"), b.total.to_display(), parts);
}

Record batch_record(const BatchSummary& b, std::string title) {
  Record r;
  r.title = std::move(title);
  r.fields = {{"id", b.id == 0 ? Cell::null() : Cell::num(b.id)},
              {"month", Cell::str(b.month.to_string())},
              // No state for a batch not stored (a dry run, a month with nothing to
              // pay): "draft" would say there is one.
              {"state", b.id == 0 ? Cell::null() : Cell::str(std::string(to_string(b.state)))},
              {"prepared_by", Cell::str(b.prepared_by)},
              {"prepared_on", Cell::date(b.prepared_on)},
              {"approved_by", Cell::str_or_null(b.approved_by)},
              {"approved_on", Cell::date(b.approved_on)},
              {"msg_id", Cell::str_or_null(b.msg_id)},
              {"pain_version", Cell::str_or_null(b.pain_version)},
              {"execution_date", Cell::date(b.execution_date)},
              {"settled_on", Cell::date(b.settled_on)},
              {"cancelled_by", Cell::str_or_null(b.cancelled_by)},
              {"cancelled_on", Cell::date(b.cancelled_on)},
              {"payments", Cell::num(b.count)},
              {"total", Cell::money(b.total)}};
  const auto paid = tally_cells(b, b.outcome.paid), returned = tally_cells(b, b.outcome.returned);
  r.fields.insert(r.fields.end(), {{"paid", paid[0]},
                                   {"paid_total", paid[1]},
                                   {"returned", returned[0]},
                                   {"returned_total", returned[1]},
                                   {"held", Cell::num(static_cast<std::int64_t>(b.holds.size()))}});
  Money held;
  for (const auto& h : b.holds) held += h.amount;
  // The sum the last line gives, for a script too.
  r.fields.emplace_back("held_total", Cell::money(held));
  // What the last line says is still pending at the bank; last, so that the
  // fields before keep their places.
  const auto pending = tally_cells(b, b.outcome.pending);
  r.fields.insert(r.fields.end(), {{"pending", pending[0]}, {"pending_total", pending[1]}});
  Table schemes{
      {"scheme", "payments", "total", "paid", "paid_total", "returned", "returned_total", "pending", "pending_total"},
      {}};
  for (const auto& s : b.per_scheme) {
    const auto p = tally_cells(b, s.outcome.paid), ret = tally_cells(b, s.outcome.returned),
               pend = tally_cells(b, s.outcome.pending);
    schemes.rows.push_back({Cell::str(s.scheme_id), Cell::num(s.count), Cell::money(s.total), p[0], p[1], ret[0],
                            ret[1], pend[0], pend[1]});
  }
  r.tables.emplace_back("per_scheme", std::move(schemes));
  Table holds{{"convention", "instalment", "due", "amount", "beneficiary", "scheme", "reason"}, {}};
  for (const auto& h : b.holds)
    holds.rows.push_back({Cell::num(h.agreement_id), Cell::num(h.instalment), Cell::date(h.due),
                          Cell::money(h.amount), Cell::str(h.beneficiary_ref), Cell::str(h.scheme_id),
                          Cell::str(h.reason)});
  r.tables.emplace_back("holds", std::move(holds));
  r.notes.push_back(fmt::format("{}; {} held ({})", payments_line(b),
                                plural(static_cast<std::int64_t>(b.holds.size()), "instalment", "instalments"),
                                held.to_display()));
  r.csv = CsvShape::kWhole;
  return r;
}

Status show_batch(const Globals& g, std::int64_t id) {
  auto ss = g.session();
  if (!ss) return ss.error();
  auto b = existing(ss->store->find_batch(id), fmt::format("batch {}", id));
  if (!b) return b.error();
  print_record(std::cout,
               batch_record(*b, fmt::format("Batch {} — {} — {}", id, b->month.to_string(), to_string(b->state))),
               ss->format);
  return Ok();
}

// A progress line on stderr, only when a person watches it.
std::function<void(std::int64_t)> progress_line() {
  if (isatty(STDERR_FILENO) == 0) return {};
  return [](std::int64_t n) { std::cerr << fmt::format("\rexamined {} instalments", n) << std::flush; };
}

struct RunOptions {
  std::string month, by, on;
  bool dry_run = false;
};
struct ActOptions {
  std::int64_t id = 0;
  std::string by, on;
};
struct ExportOptions {
  std::int64_t id = 0;
  std::string sepa, pain = "001.001.03", created_at, execution_date;
};
struct ReturnOptions {
  std::int64_t id = 0, payment = 0;
  std::string reason, on;
};

Status run(const Globals& g, const RunOptions& o) {
  auto month = YearMonth::parse(o.month);
  if (!month) return Error::InvalidInput("option --month: " + month.error().message());
  auto on = o.dry_run ? date_or_today("--on", o.on) : movement_date("--on", o.on);
  if (!on) return on.error();
  auto ss = g.session();
  if (!ss) return ss.error();
  RunBatchRequest req{*month, o.by.empty() ? login_name() : o.by, *on,
                      o.dry_run ? RunMode::kDryRun : RunMode::kWrite, progress_line()};
  auto b = run_batch(*ss->store, req);
  if (req.progress) std::cerr << '\n';
  if (!b) return b.error();
  std::string title;
  if (o.dry_run)
    title = fmt::format("Dry run for {}: nothing written", month->to_string());
  else if (b->id == 0)
    title = fmt::format("Nothing to pay for {}: no batch created", month->to_string());
  else
    title = fmt::format("Batch {} — {} — draft, to be approved by a second person", b->id, month->to_string());
  print_record(std::cout, batch_record(*b, title), ss->format);
  return Ok();
}

Status export_file(const Globals& g, const ExportOptions& o) {
  auto version = parse_pain_version(o.pain);
  if (!version) return Error::InvalidInput("option --pain: " + version.error().message());
  auto execution = optional_date_option("--execution-date", o.execution_date);
  if (!execution) return execution.error();
  if (!o.created_at.empty())
    if (auto st = valid_created_at("--created-at", o.created_at); !st) return st;
  if (auto st = g.not_the_database("--sepa", o.sepa); !st) return st;
  auto rules = g.load_rules();
  if (!rules) return rules.error();
  auto ss = g.session();
  if (!ss) return ss.error();
  ExportRequest req{o.id, *version, o.created_at, *execution, now_iso(), today()};
  auto file = OutputFile::open(o.sepa);
  if (!file) return file.error();
  if (auto st = export_batch(*ss->store, *rules, req, (*file)->stream()); !st) return (*file)->explain(st.error());
  if (auto st = (*file)->commit(); !st)
    return Error::InvalidInput(fmt::format("{}; batch {} is exported: run the export again to write the same file",
                                           st.error().message(), o.id));
  auto b = existing(ss->store->find_batch(o.id), fmt::format("batch {}", o.id));
  if (!b) return b.error();
  // What the bank's portal confirms on upload: MsgId, count, total and
  // execution date.
  print_outcome(std::cout,
                {{fmt::format("wrote {}: batch {}, MsgId {}, {}, {}, execution date {}", o.sepa, o.id, b->msg_id,
                              plural(b->count, "payment", "payments"), b->total.to_display(),
                              b->execution_date ? format_date(*b->execution_date) : "")},
                 {{"batch", Cell::num(o.id)},
                  {"file", Cell::str(o.sepa)},
                  {"msg_id", Cell::str(b->msg_id)},
                  {"pain_version", Cell::str(b->pain_version)},
                  {"execution_date", Cell::date(b->execution_date)},
                  {"payments", Cell::num(b->count)},
                  {"total", Cell::money(b->total)}}},
                ss->format);
  return Ok();
}

}  // namespace

void add_batch_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("batch", "Monthly payment batches: prepare, approve, export to the bank, settle");
  grp->require_subcommand(1);

  static RunOptions run_opts;
  auto* r = grp->add_subcommand("run", "Prepare the batch of a month: every instalment due by its end and not yet paid");
  r->add_option("--month", run_opts.month, "Month to pay (YYYY-MM)")->required();
  r->add_flag("--dry-run", run_opts.dry_run, "Show what the batch would pay and what it would hold, and why; write nothing");
  r->add_option("--by", run_opts.by, "Who prepares it (default: your login name)");
  r->add_option("--on", run_opts.on, "Preparation date, the date of the payment orders (default: today)");
  r->callback([&g] { g.action = [&g] { return run(g, run_opts); }; });

  auto* ls = grp->add_subcommand("list", "List batches");
  ls->callback([&g] {
    g.action = [&g]() -> Status {
      auto ss = g.session();
      if (!ss) return ss.error();
      auto all = ss->store->list_batches();
      if (!all) return all.error();
      // Pending last: the columns before keep their places for scripts.
      Table t{{"id", "month", "state", "prepared_by", "approved_by", "payments", "total", "paid", "paid_total",
               "returned", "returned_total", "msg_id", "pending", "pending_total"},
              {}};
      for (const auto& b : *all) {
        const auto paid = tally_cells(b, b.outcome.paid), returned = tally_cells(b, b.outcome.returned),
                   pending = tally_cells(b, b.outcome.pending);
        t.rows.push_back({Cell::num(b.id), Cell::str(b.month.to_string()), Cell::str(std::string(to_string(b.state))),
                          Cell::str(b.prepared_by), Cell::str_or_null(b.approved_by), Cell::num(b.count),
                          Cell::money(b.total), paid[0], paid[1], returned[0], returned[1], Cell::str_or_null(b.msg_id),
                          pending[0], pending[1]});
      }
      print_table(std::cout, t, ss->format);
      return Ok();
    };
  });

  static std::int64_t show_id = 0;
  auto* sh = grp->add_subcommand("show", "Show a batch: its state, totals per scheme and held instalments");
  sh->add_option("ID", show_id, "Batch id")->required();
  sh->callback([&g] { g.action = [&g] { return show_batch(g, show_id); }; });

  static std::int64_t payments_id = 0;
  auto* pay = grp->add_subcommand("payments", "List the payments of a batch");
  pay->add_option("ID", payments_id, "Batch id")->required();
  pay->callback([&g] {
    g.action = [&g]() -> Status {
      auto ss = g.session();
      if (!ss) return ss.error();
      auto b = existing(ss->store->find_batch(payments_id), fmt::format("batch {}", payments_id));
      if (!b) return b.error();
      auto all = ss->store->batch_payments(payments_id);
      if (!all) return all.error();
      // The BIC last: columns keep their places for scripts that read them.
      Table t{{"id", "convention", "instalment", "due", "beneficiary", "creditor", "amount", "iban", "end_to_end_id",
               "state", "bic"},
              {}};
      for (const auto& p : *all)
        t.rows.push_back({Cell::num(p.id), Cell::num(p.agreement_id), Cell::num(p.instalment), Cell::date(p.due),
                          Cell::str(p.beneficiary_ref), Cell::str(p.creditor_name), Cell::money(p.amount),
                          Cell::str(format_iban(p.iban)), Cell::str(p.end_to_end_id),
                          Cell::str(std::string(to_string(p.state))), Cell::str(p.bic)});
      print_table(std::cout, t, ss->format);
      return Ok();
    };
  });

  static ActOptions approve;
  auto* ap = grp->add_subcommand("approve", "Approve a draft batch (someone other than who prepared it)");
  ap->add_option("ID", approve.id, "Batch id")->required();
  ap->add_option("--by", approve.by, "Who approves it")->required();
  ap->add_option("--on", approve.on, "Approval date (default: today)");
  ap->callback([&g] {
    g.action = [&g]() -> Status {
      // Exporting and cancelling are dated on or after the approval, and a
      // cancellation not after today: an approval dated ahead would lock the
      // batch, and its month, until that day.
      auto on = date_not_ahead("--on", approve.on,
                               "a batch is approved on the day it is approved at the latest; dated ahead, it could "
                               "be neither exported nor cancelled before that day");
      if (!on) return on.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto b = approve_batch(*ss->store, approve.id, approve.by, *on);
      if (!b) return b.error();
      print_record(std::cout, batch_record(*b, fmt::format("Batch {} approved by {}", b->id, b->approved_by)),
                   ss->format);
      return Ok();
    };
  });

  static ExportOptions exp;
  auto* ex = grp->add_subcommand("export", "Write the SEPA credit-transfer file (pain.001) of an approved batch");
  ex->add_option("ID", exp.id, "Batch id")->required();
  ex->add_option("--sepa", exp.sepa, "File to write")->required();
  ex->add_option("--pain", exp.pain, "pain.001 version: 001.001.03 or 001.001.09")->capture_default_str();
  ex->add_option("--execution-date", exp.execution_date,
                 "Requested execution date, a TARGET2 business day (default: today or the next business day; a "
                 "re-export keeps the first export's)");
  ex->add_option("--created-at", exp.created_at,
                 "Creation time written in the file, YYYY-MM-DDTHH:MM:SS (default: now; a re-export keeps the first "
                 "export's)");
  ex->callback([&g] { g.action = [&g] { return export_file(g, exp); }; });

  static ActOptions settle;
  auto* se = grp->add_subcommand("settle", "Record that the bank executed an exported batch");
  se->add_option("ID", settle.id, "Batch id")->required();
  se->add_option("--on", settle.on, "Date the bank paid (default: today)");
  se->callback([&g] {
    g.action = [&g]() -> Status {
      auto on = movement_date("--on", settle.on);
      if (!on) return on.error();
      auto rules = g.load_rules();
      if (!rules) return rules.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto b = settle_batch(*ss->store, *rules, settle.id, *on);
      if (!b) return b.error();
      print_record(std::cout, batch_record(*b, fmt::format("Batch {} settled on {}", b->id, format_date(*on))),
                   ss->format);
      return Ok();
    };
  });

  static ReturnOptions ret;
  auto* rt = grp->add_subcommand("return", "Record a payment the bank sent back; it is paid again once the IBAN is fixed");
  rt->add_option("ID", ret.id, "Batch id")->required();
  rt->add_option("--payment", ret.payment, "Payment id (see grants batch payments)")->required();
  rt->add_option("--reason", ret.reason, "ISO 20022 return code, e.g. AC04 (closed account)")->required();
  rt->add_option("--on", ret.on, "Date of the return (default: today)");
  rt->callback([&g] {
    g.action = [&g]() -> Status {
      auto on = movement_date("--on", ret.on);
      if (!on) return on.error();
      auto rules = g.load_rules();
      if (!rules) return rules.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto returned = return_payment(*ss->store, *rules, ret.id, ret.payment, ret.reason, *on);
      if (!returned) return returned.error();
      const bool due_again = returned->not_owed.empty();
      // What frees it: without the hint, the officer learns only from the
      // next batch's holds that it waits for another IBAN.
      const std::string waiting =
          returned->waiting_for_iban ? "; " + held_until_new_iban(returned->beneficiary_ref, true) : "";
      std::string said =
          due_again ? fmt::format("payment {} of batch {} returned ({}); its instalment is due again{}{}", ret.payment,
                                  ret.id, ret.reason,
                                  returned->breach.empty()
                                      ? ""
                                      : ", held until the département decides on the clawback: " + returned->breach,
                                  waiting)
                    : fmt::format("payment {} of batch {} returned ({}); {}: instalment {}, due {}, is cancelled, "
                                  "not paid again",
                                  ret.payment, ret.id, ret.reason, returned->not_owed, returned->instalment,
                                  format_date(returned->due));
      std::optional<Money> overpaid;
      if (!returned->counted_by_order.empty()) {
        // The return is recorded: a clawback that cannot be computed again
        // is told, not turned into a failure of the return.
        auto after = order_after_return(*ss->store, returned->counted_by_order);
        if (after) {
          said += return_advice(*after);
          if (after->overpaid > Money()) overpaid = after->overpaid;
        } else {
          said += fmt::format("; recovery order {} counted it among the sums received: {}",
                              returned->counted_by_order, after.error().message());
        }
      }
      print_outcome(
          std::cout,
          {{said},
           {{"batch", Cell::num(ret.id)},
            {"payment", Cell::num(ret.payment)},
            {"reason", Cell::str(ret.reason)},
            {"returned_on", Cell::date(*on)},
            {"convention", Cell::num(returned->agreement_id)},
            {"instalment", Cell::num(returned->instalment)},
            {"due", Cell::date(returned->due)},
            {"instalment_state", Cell::str(due_again ? "open" : "cancelled")},
            {"not_owed", Cell::str_or_null(returned->not_owed)},
            {"counted_by_order", Cell::str_or_null(returned->counted_by_order)},
            {"overpaid", overpaid ? Cell::money(*overpaid) : Cell::null()},
            {"breach", Cell::str_or_null(returned->breach)},
            {"waiting_for_iban", due_again ? Cell::boolean(returned->waiting_for_iban) : Cell::null()}}},
          ss->format);
      return Ok();
    };
  });

  static ActOptions cancel;
  auto* ca = grp->add_subcommand("cancel", "Cancel a batch not yet exported; its month is free again");
  ca->add_option("ID", cancel.id, "Batch id")->required();
  ca->add_option("--by", cancel.by, "Who cancels it")->required();
  ca->add_option("--on", cancel.on, "Date (default: today)");
  ca->callback([&g] {
    g.action = [&g]() -> Status {
      auto on = movement_date("--on", cancel.on);
      if (!on) return on.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto b = cancel_batch(*ss->store, cancel.id, cancel.by, *on);
      if (!b) return b.error();
      print_record(std::cout, batch_record(*b, fmt::format("Batch {} cancelled by {}", b->id, b->cancelled_by)),
                   ss->format);
      return Ok();
    };
  });
}

}  // namespace grants::cli
