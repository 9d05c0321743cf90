// grants agreement sign|show|list|suspend|resume|terminate|document, grants schedule show
#include <fmt/format.h>

#include <array>
#include <iostream>
#include <optional>
#include <string_view>
#include <vector>

#include "app.h"
#include "grants/batch_service.h"
#include "grants/service.h"
#include "grants/text.h"

namespace grants::cli {

namespace {

// What a batch of this month prepared today would do with a convention's
// instalments (see batch_decisions), shown with its schedule.
struct BatchToday {
  Date on;
  YearMonth month;
  std::vector<DueDecision> decisions;
  // The batch today's month has already, when it has one: then `month` is
  // the next, whose batch is the next one prepared.
  std::optional<std::int64_t> month_batch;

  // Its decision on instalment `number`; nullptr when it would not take it.
  const DueDecision* of(int number) const {
    for (const DueDecision& d : decisions)
      if (d.instalment == number) return &d;
    return nullptr;
  }
};

// The schedule, with where each instalment stands when the states are known
// and, when `today` is given, what a batch prepared today would do with it:
// batch_today "pays" or "holds" and the hold's reason, empty for an
// instalment it would not take.
Table instalments_table(const Agreement& g, const BatchToday* today) {
  const auto& states = g.instalment_states;
  const bool with_state = states.size() == g.schedule.instalments.size();
  Table t{{"number", "due", "amount", "covers_from", "covers_to"}, {}};
  if (with_state) t.columns.push_back("state");
  if (today) t.columns.insert(t.columns.end(), {"batch_today", "hold_reason"});
  for (std::size_t k = 0; k < g.schedule.instalments.size(); ++k) {
    const auto& i = g.schedule.instalments[k];
    t.rows.push_back({Cell::num(i.number), Cell::date(i.due), Cell::money(i.amount), Cell::date(i.covers_from),
                      Cell::date(i.covers_to)});
    auto& row = t.rows.back();
    if (with_state) row.push_back(Cell::str(std::string(to_string(states[k]))));
    if (!today) continue;
    const DueDecision* d = today->of(i.number);
    row.push_back(d ? Cell::str(d->hold.empty() ? "pays" : "holds") : Cell::null());
    row.push_back(d ? Cell::str_or_null(d->hold) : Cell::null());
  }
  return t;
}

// How many instalments a batch today would pay and hold, and their sums.
struct BatchTodayTotals {
  std::int64_t pays = 0, holds = 0;
  Money paid, held;
};
BatchTodayTotals totals_of(const BatchToday& today) {
  BatchTodayTotals t;
  for (const DueDecision& d : today.decisions) {
    if (d.hold.empty()) {
      ++t.pays;
      t.paid += d.amount;
    } else {
      ++t.holds;
      t.held += d.amount;
    }
  }
  return t;
}

// "Batch for 2025-03 prepared today (2025-03-10): pays 1 instalment
// (500,00 €), holds 2 instalments (1 000,00 €)"; once March has its batch,
// "Batch for 2025-04 prepared today (2025-03-10; 2025-03 has batch 7): ...".
std::string batch_today_note(const BatchToday& today, const BatchTodayTotals& t) {
  std::string what;
  if (t.pays > 0) what = fmt::format("pays {} ({})", plural(t.pays, "instalment", "instalments"), t.paid.to_display());
  if (t.holds > 0)
    what += fmt::format("{}holds {} ({})", what.empty() ? "" : ", ", plural(t.holds, "instalment", "instalments"),
                        t.held.to_display());
  if (what.empty())
    what = fmt::format("takes no instalment (none open and due by {})", format_date(today.month.last_day()));
  std::string when = format_date(today.on);
  if (today.month_batch)
    when +=
        fmt::format("; {} has batch {}", YearMonth{today.on.year(), today.on.month()}.to_string(), *today.month_batch);
  return fmt::format("Batch for {} prepared today ({}): {}", today.month.to_string(), when, what);
}

// "paid 3 (1 500,00 €); pending 1 (500,00 €); open 20 (10 000,00 €)": the
// states that have instalments.
std::string state_totals_text(const std::vector<StateTotal>& totals) {
  std::string out;
  for (const StateTotal& t : totals)
    if (t.count > 0)
      out += fmt::format("{}{} {} ({})", out.empty() ? "" : "; ", to_string(t.state), t.count, t.sum.to_display());
  return out;
}

// For a script: "paid_instalments", "paid_total", ... of each state.
void add_state_fields(std::vector<std::pair<std::string, Cell>>& fields, const std::vector<StateTotal>& totals) {
  for (const StateTotal& t : totals) {
    const std::string name(to_string(t.state));
    fields.emplace_back(name + "_instalments", Cell::num(t.count));
    fields.emplace_back(name + "_total", Cell::money(t.sum));
  }
}

// The convention as `show` gives it; with `today`, what a batch prepared
// today would do with its instalments (columns of the schedule, fields and
// a note).
Record agreement_record(const Agreement& g, const BatchToday* today = nullptr) {
  Record r;
  r.title = fmt::format("Convention {} — {} — {}", g.id, g.beneficiary_ref, g.scheme_id);
  r.fields = {{"id", Cell::num(g.id)},
              {"application", Cell::num(g.application_id)},
              {"beneficiary", Cell::str(g.beneficiary_ref)},
              {"scheme", Cell::str(g.scheme_id)},
              {"signed_on", Cell::date(g.signed_on)},
              {"start", Cell::date(g.start)},
              {"state", Cell::str(std::string(to_string(g.state)))},
              {"award", Cell::money(g.schedule.award)},
              {"total", Cell::money(g.schedule.total())},
              {"instalments", Cell::num(static_cast<std::int64_t>(g.schedule.instalments.size()))},
              {"rule_file", Cell::str(g.rule_file)},
              {"rule_sha256", Cell::str(g.rule_sha256)},
              {"rule_period_from", Cell::date(g.rule_period_from)},
              {"rule_reference", Cell::str(g.rule_reference)}};
  const std::vector<StateTotal> by_state = state_totals(g);
  add_state_fields(r.fields, by_state);
  std::optional<BatchTodayTotals> batch_totals;
  if (today) {
    batch_totals = totals_of(*today);
    r.fields.insert(r.fields.end(), {{"batch_today_on", Cell::date(today->on)},
                                     {"batch_today_month", Cell::str(today->month.to_string())},
                                     {"batch_today_pays", Cell::num(batch_totals->pays)},
                                     {"batch_today_pays_total", Cell::money(batch_totals->paid)},
                                     {"batch_today_holds", Cell::num(batch_totals->holds)},
                                     {"batch_today_holds_total", Cell::money(batch_totals->held)}});
  }
  r.tables.emplace_back("schedule", instalments_table(g, today));
  if (!g.events.empty()) {
    Table t{{"event", "on", "reason", "months_moved", "instalments_cancelled"}, {}};
    for (const auto& e : g.events)
      t.rows.push_back({Cell::str(std::string(to_string(e.kind))), Cell::date(e.on), Cell::str(e.reason),
                        Cell::num(e.shifted_months), Cell::num(e.cancelled_instalments)});
    r.tables.emplace_back("events", std::move(t));
  }
  if (!g.required_documents.empty()) {
    Table t{{"document", "from", "to", "reference", "recorded_on"}, {}};
    for (const auto& d : g.documents)
      t.rows.push_back({Cell::str(d.kind), Cell::date(d.from), Cell::date(d.to), Cell::str_or_null(d.reference),
                        Cell::date(d.recorded_on)});
    r.tables.emplace_back("documents", std::move(t));
    std::string kinds;
    for (const auto& k : g.required_documents) kinds += (kinds.empty() ? "" : ", ") + k;
    r.notes.push_back("Documents required before paying: " + kinds);
  }
  r.notes.push_back(fmt::format("Total: {} in {}; award {}", g.schedule.total().to_display(),
                                plural(static_cast<std::int64_t>(g.schedule.instalments.size()), "instalment",
                                       "instalments"),
                                g.schedule.award.to_display()));
  if (!by_state.empty()) r.notes.push_back("By state: " + state_totals_text(by_state));
  if (today) r.notes.push_back(batch_today_note(*today, *batch_totals));
  return r;
}

// The convention, its schedule and what the next batch, prepared today,
// would pay or hold of it: this month's, or next month's once this month
// has its batch (a batch may be prepared during the month before its own);
// what `batch run --dry-run` would say of it, to answer "why was I not
// paid?". Reads only.
Status show_agreement(const Globals& g, std::int64_t id) {
  auto ss = g.session();
  if (!ss) return ss.error();
  // One snapshot: the states and the batch's decisions tell of one moment.
  auto snapshot = ss->store->begin_read();
  if (!snapshot) return snapshot.error();
  auto a = existing(ss->store->find_agreement(id), fmt::format("convention {}", id));
  if (!a) return a.error();
  const Date on = today();
  BatchToday batch{on, YearMonth{on.year(), on.month()}, {}, std::nullopt};
  auto live = ss->store->live_batch(batch.month);
  if (!live) return live.error();
  if (*live) {
    batch.month_batch = (*live)->id;
    const Date next = add_months(batch.month.first_day(), 1, MonthEnd::kClamp);
    batch.month = YearMonth{next.year(), next.month()};
  }
  auto decisions = batch_decisions(*ss->store, id, batch.month, on);
  if (!decisions) return decisions.error();
  batch.decisions = std::move(*decisions);
  print_record(std::cout, agreement_record(*a, &batch), ss->format);
  return Ok();
}

struct SignOptions {
  std::int64_t application = 0;
  std::string on;
};

struct EventOptions {
  std::int64_t id = 0;
  std::string on, reason;
};

struct DocumentOptions {
  std::int64_t id = 0;
  std::string kind, from, to, reference, on;
};

// An event recorded on a convention: its fields as the convention's events
// table names them, and `said` for a person.
Outcome event_outcome(std::string said, const AgreementEvent& e) {
  return {{std::move(said)},
          {{"convention", Cell::num(e.agreement_id)},
           {"event", Cell::str(std::string(to_string(e.kind)))},
           {"on", Cell::date(e.on)},
           {"reason", Cell::str(e.reason)},
           {"months_moved", Cell::num(e.shifted_months)},
           {"instalments_cancelled", Cell::num(e.cancelled_instalments)}}};
}

// `done`, the outcome of a suspension or termination, with the
// instalments it left paid: its line ends "; 3 instalments due after
// 2024-11-20 already paid (1 500,00 €): not recovered" when there are some
// (`which` says which are due: "after 2024-11-20", "from 2025-01-01"), and
// the fields paid_after and paid_after_total give them (0 when none).
Outcome with_paid_already(Outcome done, const PaidAlready& paid, std::string_view which) {
  if (paid.count > 0)
    done.lines.front() += fmt::format("; {} due {} already paid ({}): not recovered",
                                      plural(paid.count, "instalment", "instalments"), which,
                                      paid.amount.to_display());
  done.fields.push_back({"paid_after", Cell::num(paid.count)});
  done.fields.push_back({"paid_after_total", Cell::money(paid.amount)});
  return done;
}

// What a resumption moved: "21 unpaid instalments moved by 4 months", or
// why it moved none.
std::string moved_text(const Resumption& r) {
  const std::string months = plural(r.months, "month", "months");
  if (r.moved > 0)
    return fmt::format("{} moved by {}", plural(r.moved, "unpaid instalment", "unpaid instalments"), months);
  if (r.months == 0) return "no instalment moved: it resumes in the month it was suspended";
  return fmt::format("no unpaid instalment left to move by {}", months);
}

// Registers `name ID --DATE_OPTION DATE --reason TEXT` calling `act`.
template <class Act>
void add_event_command(CLI::App& grp, Globals& g, const char* name, const char* help, const char* date_option_name,
                       const char* date_help, const char* reason_help, EventOptions& o, Act act) {
  auto* c = grp.add_subcommand(name, help);
  c->add_option("ID", o.id, "Convention id")->required();
  c->add_option(date_option_name, o.on, date_help)->required();
  c->add_option("--reason", o.reason, reason_help)->required();
  c->callback([&g, &o, act, date_option_name] {
    g.action = [&g, &o, act, date_option_name]() -> Status {
      auto on = date_option(date_option_name, o.on);
      if (!on) return on.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto done = act(*ss->store, o.id, *on, o.reason);
      if (!done) return done.error();
      print_outcome(std::cout, *done, ss->format);
      return Ok();
    };
  });
}

}  // namespace

void add_agreement_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("agreement", "Sign conventions and show them with their schedules");
  grp->require_subcommand(1);

  static SignOptions sign;
  auto* s = grp->add_subcommand("sign", "Sign the convention of an approved application");
  s->add_option("APPLICATION", sign.application, "Application id")->required();
  s->add_option("--on", sign.on, "Signature date (YYYY-MM-DD): the rules in force that day apply")->required();
  s->callback([&g] {
    g.action = [&g]() -> Status {
      auto on = date_not_ahead("--on", sign.on,
                               "a convention is recorded once signed: dated ahead, it would take the rules in "
                               "force that day, and no suspension or termination could be dated before it");
      if (!on) return on.error();
      auto rules = g.load_rules();
      if (!rules) return rules.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto a = sign_agreement(*ss->store, *rules, SignRequest{sign.application, *on});
      if (!a) return a.error();
      print_record(std::cout, agreement_record(*a), ss->format);
      return Ok();
    };
  });

  static std::int64_t show_id = 0;
  auto* sh = grp->add_subcommand("show", "Show a convention, its rule version and its schedule");
  sh->add_option("ID", show_id, "Convention id")->required();
  sh->callback([&g] { g.action = [&g] { return show_agreement(g, show_id); }; });

  static struct { std::string beneficiary, scheme, state; } list;
  auto* ls = grp->add_subcommand("list", "List conventions, with what each has paid and has left to pay");
  ls->add_option("--beneficiary", list.beneficiary, "Only this beneficiary's conventions (reference)");
  ls->add_option("--scheme", list.scheme, "Only conventions of this scheme, e.g. loir-et-cher/intern-bursary");
  // The states a convention is put in (`completed` never is).
  static constexpr std::array kListed{AgreementState::kActive, AgreementState::kSuspended, AgreementState::kTerminated};
  std::vector<std::string> states;
  for (auto state : kListed) states.emplace_back(to_string(state));
  ls->add_option("--state", list.state, "Only conventions in this state")->check(CLI::IsMember(states));
  ls->callback([&g] {
    g.action = [&g]() -> Status {
      auto ss = g.session();
      if (!ss) return ss.error();
      AgreementFilter filter{list.beneficiary, list.scheme, std::nullopt};
      for (auto state : kListed)
        if (list.state == to_string(state)) filter.state = state;
      // A reference or a scheme typed wrong is told so, not shown an empty
      // list; a scheme no rule file defines any more still lists its
      // conventions.
      if (!list.beneficiary.empty()) {
        auto b = existing(ss->store->find_beneficiary(list.beneficiary),
                          fmt::format("option --beneficiary: beneficiary \"{}\"", list.beneficiary));
        if (!b) return b.error();
      }
      auto all = ss->store->list_agreements(filter);
      if (!all) return all.error();
      if (all->empty() && !list.scheme.empty()) {
        auto book = g.load_rules();
        if (!book) return book.error();
        if (auto found = book->require(list.scheme); !found) return found.error();
      }
      // Paid: settled by the bank; unpaid: open or in a batch not yet
      // settled (cancelled instalments are neither).
      Table t{{"id", "beneficiary", "scheme", "signed_on", "state", "award", "instalments", "paid", "unpaid"}, {}};
      for (const auto& a : *all) {
        Money paid, unpaid;
        for (const StateTotal& st : state_totals(a)) {
          if (st.state == InstalmentState::kPaid) paid += st.sum;
          if (st.state == InstalmentState::kOpen || st.state == InstalmentState::kPending) unpaid += st.sum;
        }
        t.rows.push_back({Cell::num(a.id), Cell::str(a.beneficiary_ref), Cell::str(a.scheme_id),
                          Cell::date(a.signed_on), Cell::str(std::string(to_string(a.state))),
                          Cell::money(a.schedule.award),
                          Cell::num(static_cast<std::int64_t>(a.schedule.instalments.size())), Cell::money(paid),
                          Cell::money(unpaid)});
      }
      print_table(std::cout, t, ss->format);
      return Ok();
    };
  });

  static EventOptions suspend, resume, terminate;
  add_event_command(*grp, g, "suspend", "Suspend a convention: its instalments are held until it resumes", "--from",
                    "First day of the suspension (YYYY-MM-DD)", "Why (gap year, illness, parental leave, ...)",
                    suspend,
                    [](Store& store, std::int64_t id, Date on, const std::string& why) -> Result<Outcome> {
                      auto paid = suspend_agreement(store, id, on, why, today());
                      if (!paid) return paid.error();
                      return with_paid_already(
                          event_outcome(fmt::format("convention {} suspended from {}", id, format_date(on)),
                                        {0, id, AgreementEventKind::kSuspend, on, why, 0, 0}),
                          *paid, "from " + format_date(on));
                    });
  add_event_command(*grp, g, "resume", "Resume a suspended convention: unpaid instalments move by the months suspended",
                    "--on", "Date it resumes (YYYY-MM-DD)", "Why (back to studies, end of leave, ...)", resume,
                    [](Store& store, std::int64_t id, Date on, const std::string& why) -> Result<Outcome> {
                      auto r = resume_agreement(store, id, on, why, today());
                      if (!r) return r.error();
                      Outcome done = event_outcome(
                          fmt::format("convention {} resumed on {}; {}", id, format_date(on), moved_text(*r)),
                          {0, id, AgreementEventKind::kResume, on, why, r->months, 0});
                      done.fields.push_back({"instalments_moved", Cell::num(r->moved)});
                      return done;
                    });
  add_event_command(*grp, g, "terminate", "Terminate a convention: instalments due after the date, or held since its suspension, are cancelled",
                    "--on", "Date of the termination (YYYY-MM-DD)",
                    "Why (studies abandoned, renounced by the beneficiary, ...)", terminate,
                    [](Store& store, std::int64_t id, Date on, const std::string& why) -> Result<Outcome> {
                      auto t = terminate_agreement(store, id, on, why, today());
                      if (!t) return t.error();
                      return with_paid_already(
                          event_outcome(fmt::format("convention {} terminated on {}; {} cancelled", id,
                                                    format_date(on), plural(t->cancelled, "instalment", "instalments")),
                                        {0, id, AgreementEventKind::kTerminate, on, why, 0, t->cancelled}),
                          t->paid_after, "after " + format_date(on));
                    });

  static DocumentOptions doc;
  auto* d = grp->add_subcommand("document", "Record a document the convention requires (e.g. an enrolment certificate)");
  d->add_option("ID", doc.id, "Convention id")->required();
  d->add_option("--kind", doc.kind, "Kind, one the scheme requires, e.g. enrolment-certificate")->required();
  d->add_option("--from", doc.from, "First due date it allows (YYYY-MM-DD)")->required();
  d->add_option("--to", doc.to, "Last due date it allows (YYYY-MM-DD)")->required();
  d->add_option("--ref", doc.reference, "Its reference, e.g. the certificate's number");
  d->add_option("--on", doc.on, "Date received (default: today)");
  d->callback([&g] {
    g.action = [&g]() -> Status {
      auto from = date_option("--from", doc.from);
      if (!from) return from.error();
      auto to = date_option("--to", doc.to);
      if (!to) return to.error();
      auto on = date_not_ahead("--on", doc.on,
                               "a document is recorded once received: dated ahead, the convention's record would "
                               "hold a document that has not come");
      if (!on) return on.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      AgreementDocument rec{0, doc.id, doc.kind, *from, *to, doc.reference, *on};
      auto covered = add_document(*ss->store, rec);
      if (!covered) return covered.error();
      // What the officer expects it to release: the open instalments it
      // covers, or that it releases none (all paid, or cancelled by a
      // termination).
      std::string what = state_totals_text(*covered);
      const bool releases = std::any_of(covered->begin(), covered->end(), [](const StateTotal& t) {
        return t.state == InstalmentState::kOpen && t.count > 0;
      });
      if (!what.empty() && !releases) what += "; none is open: it releases nothing";
      Outcome out{{fmt::format("convention {}: {} recorded, allowing instalments due from {} to {}{}", doc.id, doc.kind,
                               format_date(*from), format_date(*to), what.empty() ? "" : ": " + what)},
                  {{"convention", Cell::num(rec.agreement_id)},
                   {"document", Cell::str(rec.kind)},
                   {"from", Cell::date(rec.from)},
                   {"to", Cell::date(rec.to)},
                   {"reference", Cell::str_or_null(rec.reference)},
                   {"recorded_on", Cell::date(rec.recorded_on)}}};
      add_state_fields(out.fields, *covered);
      print_outcome(std::cout, out, ss->format);
      return Ok();
    };
  });

  auto* sched = app.add_subcommand("schedule", "Show payment schedules");
  sched->require_subcommand(1);
  static std::int64_t sched_id = 0;
  auto* ssh = sched->add_subcommand("show", "Show a convention's schedule: each instalment and the total");
  ssh->add_option("ID", sched_id, "Convention id")->required();
  ssh->callback([&g] { g.action = [&g] { return show_agreement(g, sched_id); }; });
}

}  // namespace grants::cli
