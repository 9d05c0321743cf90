// grants obligation show|diploma|start|evidence|suspend|resume|move|leave-zone|stop|void,
// grants compliance check
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app.h"
#include "grants/clawback.h"
#include "grants/obligation_service.h"
#include "grants/text.h"

namespace grants::cli {

namespace {

std::string optional_text(const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); }

Table events_table(const std::vector<ObligationEvent>& list) {
  Table t{{"id", "event", "on", "reason", "commune", "evidence", "reference", "recorded_on"}, {}};
  for (const ObligationEvent& e : list)
    t.rows.push_back({Cell::num(e.id), Cell::str(std::string(to_string(e.kind))), Cell::date(e.on),
                      Cell::str_or_null(e.reason), Cell::str_or_null(e.commune), Cell::str_or_null(e.evidence),
                      Cell::str_or_null(e.reference), Cell::date(e.recorded_on)});
  return t;
}

Table voided_table(const std::vector<std::pair<ObligationEvent, EventVoid>>& list) {
  Table t{{"id", "event", "on", "voided_on", "voided_by", "reason"}, {}};
  for (const auto& [e, gone] : list)
    t.rows.push_back({Cell::num(e.id), Cell::str(std::string(to_string(e.kind))), Cell::date(e.on),
                      Cell::date(gone.recorded_on), Cell::str(gone.by), Cell::str(gone.reason)});
  return t;
}

Record obligation_record(const ObligationView& v, Format f) {
  const ConventionRules& c = v.convention;
  const ObligationTerms& t = v.terms;
  const ObligationStatus& s = v.status;
  Record r;
  r.title = fmt::format("Obligation of convention {} — {} — {} — as of {}", c.agreement_id, c.beneficiary_ref,
                        c.scheme_id, format_date(v.as_of));
  r.fields = {{"convention", Cell::num(c.agreement_id)},
              {"beneficiary", Cell::str(c.beneficiary_ref)},
              {"scheme", Cell::str(c.scheme_id)},
              {"rule_file", Cell::str(c.rule_file)},
              {"rule_sha256", Cell::str(c.rule_sha256)},
              {"rule_period_from", Cell::date(c.rule_period_from)},
              {"years", Cell::num(t.years)},
              {"trigger", Cell::str(std::string(to_string(t.trigger)))},
              {"start_within_months", t.start_within_months > 0 ? Cell::num(t.start_within_months) : Cell::null()},
              {"suspension", Cell::str(std::string(to_string(t.suspension)))},
              {"evidence", Cell::str_or_null(t.evidence)},
              {"clawback", Cell::str(std::string(to_string(v.clawback.formula)))},
              {"as_of", Cell::date(v.as_of)},
              {"convention_state", Cell::str(std::string(to_string(v.convention_state)))},
              {"state", Cell::str(std::string(to_string(s.state)))},
              {"detail", Cell::str_or_null(describe_status(t, s))},
              {"diploma", Cell::date(s.diploma)},
              {"deadline", Cell::date(s.deadline)},
              {"start", Cell::date(s.start)},
              {"commune", Cell::str_or_null(s.commune)},
              {"end", Cell::date(s.end)},
              {"months_owed", Cell::num(s.months_owed)},
              {"months_served", Cell::num(s.months_served)},
              {"months_left", Cell::num(s.months_left)},
              {"suspended_days", Cell::num(s.suspended_days)},
              {"evidence_received", Cell::num(s.evidence_received)},
              {"next_evidence", Cell::date(s.next_evidence)},
              {"breach", Cell::date(s.breach)}};
  Table events = events_table(v.events);
  r.tables.emplace_back("events", std::move(events));
  // Left out of every computation. A script finds the key, empty when
  // nothing was voided; a person is not shown an empty table.
  if (!v.voided.empty() || f == Format::kJson) r.tables.emplace_back("voided", voided_table(v.voided));
  return r;
}

// What a recording or a void did, for a person: `said`, then "; on
// 2027-09-01 the obligation is running (...)". For a script: the
// convention, the state on that date and its detail, then the events it
// concerns (under `name`, as `obligation show` names such a table).
// `more` adds its lines, fields and tables after those.
void print_change(const ObligationView& v, const std::string& said, const std::string& name, Table events,
                  Format f, Outcome more = {}) {
  const std::string detail = describe_status(v.terms, v.status);
  Outcome o{{fmt::format("{}; {}", said, state_sentence(v.terms, v.status, v.as_of))},
            {{"convention", Cell::num(v.convention.agreement_id)},
             {"as_of", Cell::date(v.as_of)},
             {"state", Cell::str(std::string(to_string(v.status.state)))},
             {"detail", Cell::str_or_null(detail)}},
            {{name, std::move(events)}}};
  for (auto& l : more.lines) o.lines.push_back(std::move(l));
  for (auto& c : more.fields) o.fields.push_back(std::move(c));
  for (auto& t : more.tables) o.tables.push_back(std::move(t));
  print_outcome(std::cout, o, f);
}

// What a breach just recorded does to the convention's payments: the
// unpaid instalments batches now hold (`held_instalments`, `held_amount`),
// and each payment already in a batch the bank has not paid, which no hold
// stops (`in_batches`). A person is told only what there is.
Outcome breach_payments(const RecordedEvents& d) {
  Outcome o;
  Money held;
  for (const Instalment& i : d.held) held += i.amount;
  if (!d.held.empty())
    o.lines.push_back(fmt::format("batches hold its {} ({}) until the département decides on the clawback",
                                  plural(static_cast<std::int64_t>(d.held.size()), "unpaid instalment",
                                         "unpaid instalments"),
                                  held.to_display()));
  Table in_batches{{"batch", "batch_state", "payment", "instalment", "amount"}, {}};
  for (const auto& [p, state] : d.in_batches) {
    o.lines.push_back(fmt::format("instalment {} ({}) is in batch {} ({}), which no hold stops: {}", p.instalment,
                                  p.amount.to_display(), p.batch_id, to_string(state),
                                  state == BatchState::kExported ? "the clawback waits until the bank has paid it"
                                                                 : "cancel that batch to hold it"));
    in_batches.rows.push_back({Cell::num(p.batch_id), Cell::str(std::string(to_string(state))), Cell::num(p.id),
                               Cell::num(p.instalment), Cell::money(p.amount)});
  }
  o.fields = {{"held_instalments", Cell::num(static_cast<std::int64_t>(d.held.size()))},
              {"held_amount", Cell::money(held)}};
  o.tables.emplace_back("in_batches", std::move(in_batches));
  return o;
}

// "event 12" or "events 12 and 13".
std::string event_ids(const std::vector<ObligationEvent>& list) {
  std::string out = list.size() == 1 ? "event " : "events ";
  for (std::size_t i = 0; i < list.size(); ++i)
    out += fmt::format("{}{}", i == 0 ? "" : i + 1 == list.size() ? " and " : ", ", list[i].id);
  return out;
}

// What each recording command takes; the kind is fixed by the command.
struct EventOptions {
  std::int64_t id = 0;
  std::string on, to, reason, commune, kind, reference;
  std::optional<std::string> late_start_accepted;  // set when given, even empty
};

// Registers one recording command: `name ID` with the options `fill` adds,
// then turns them into a request of `kind`.
template <class Fill>
void add_event_command(CLI::App& grp, Globals& g, const char* name, const char* help, ObligationEventKind kind,
                       EventOptions& o, Fill fill) {
  auto* c = grp.add_subcommand(name, help);
  c->add_option("ID", o.id, "Convention id")->required();
  fill(*c, o);
  c->callback([&g, &o, kind] {
    g.action = [&g, &o, kind]() -> Status {
      // The first date option of each command is its event date.
      const bool by_from = kind == ObligationEventKind::kSuspend;
      const bool by_to = kind == ObligationEventKind::kResume;
      auto on = date_option(by_from ? "--from" : by_to ? "--to" : "--on", by_to ? o.to : o.on);
      if (!on) return on.error();
      auto to = by_to ? Result<std::optional<Date>>(std::optional<Date>()) : optional_date_option("--to", o.to);
      if (!to) return to.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      ObligationEventRequest r{o.id,     kind,   *on,         *to,     o.reason, o.late_start_accepted,
                               o.commune, o.kind, o.reference, today()};
      auto done = record_obligation_event(*ss->store, r);
      if (!done) return done.error();
      // The first event recorded is the one asked for (a move out of the
      // département is recorded as moved-out).
      const ObligationEvent& e = done->recorded.front();
      std::string what = fmt::format("{} on {}", to_string(e.kind), format_date(*on));
      if (!r.commune.empty()) what += " in " + r.commune;
      if (r.to) what += fmt::format(" to {}", format_date(*r.to));
      if (!r.reason.empty()) what += fmt::format(" ({})", r.reason);
      const bool breach = first_breach(done->recorded) != nullptr;
      print_change(done->obligation, fmt::format("convention {}: {} ({}) recorded", o.id, event_ids(done->recorded), what),
                   "recorded", events_table(done->recorded), ss->format, breach ? breach_payments(*done) : Outcome{});
      return Ok();
    };
  });
}

// "start-overdue, started-late, evidence-overdue or breached": the states
// needs_action names, in their order.
std::string states_to_act_on() {
  std::vector<std::string_view> names;
  for (int s = 0; s < kObligationStates; ++s)
    if (needs_action(static_cast<ObligationState>(s))) names.push_back(to_string(static_cast<ObligationState>(s)));
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("{}{}", i == 0 ? "" : i + 1 == names.size() ? " or " : ", ", names[i]);
  return out;
}

struct CheckOptions {
  std::string as_of;
  bool summary_only = false;
};

Table summary_table(const ComplianceSummary& sum) {
  Table t{{"scheme"}, {}};
  for (int s = 0; s < kObligationStates; ++s) t.columns.emplace_back(to_string(static_cast<ObligationState>(s)));
  t.columns.emplace_back("total");
  auto row = [&](const std::string& name, const std::array<std::int64_t, kObligationStates>& counts) {
    std::vector<Cell> cells{Cell::str(name)};
    std::int64_t total = 0;
    for (std::int64_t n : counts) {
      cells.push_back(Cell::num(n));
      total += n;
    }
    cells.push_back(Cell::num(total));
    t.rows.push_back(std::move(cells));
  };
  for (const auto& [scheme, counts] : sum.by_scheme) row(scheme, counts);
  row("total", sum.by_state);
  return t;
}

nlohmann::json summary_json(const ComplianceSummary& sum) {
  auto counts = [](const std::array<std::int64_t, kObligationStates>& c) {
    nlohmann::json o = nlohmann::json::object();
    for (int s = 0; s < kObligationStates; ++s)
      o[std::string(to_string(static_cast<ObligationState>(s)))] = c[static_cast<std::size_t>(s)];
    return o;
  };
  nlohmann::json by_scheme = nlohmann::json::object();
  for (const auto& [scheme, c] : sum.by_scheme) by_scheme[scheme] = counts(c);
  return {{"total", sum.total},
          {"needing_action", sum.needing_action()},
          {"by_state", counts(sum.by_state)},
          {"by_scheme", by_scheme}};
}

Status check(Globals& g, const CheckOptions& o) {
  auto as_of = date_or_today("--as-of", o.as_of);
  if (!as_of) return as_of.error();
  auto ss = g.session();
  if (!ss) return ss.error();
  const Format f = ss->format;
  const std::string day = format_date(*as_of);
  std::optional<RowStream> rows;
  if (!o.summary_only) {
    if (f == Format::kJson) std::cout << "{\n  \"as_of\": \"" << day << "\",\n  \"obligations\": ";
    rows.emplace(std::cout, f,
                 std::vector<RowStream::Column>{{"convention", 10, Cell::Kind::kNumber},
                                                {"convention_state", 16},
                                                {"beneficiary", 10},
                                                {"scheme", 38},
                                                {"state", 16},
                                                {"start", 10},
                                                {"end", 10},
                                                {"served", 6, Cell::Kind::kNumber},
                                                {"left", 4, Cell::Kind::kNumber},
                                                {"deadline", 10},
                                                {"next_evidence", 13},
                                                {"detail", 0}},
                 f == Format::kJson ? "  " : "");
  }
  auto sum = check_compliance(*ss->store, *as_of, [&](const ComplianceLine& l) {
    if (!rows) return;
    const ObligationStatus& s = l.status;
    const std::string id = std::to_string(l.agreement_id), start = optional_text(s.start),
                      end = optional_text(s.end), served = std::to_string(s.months_served),
                      left = std::to_string(s.months_left), deadline = optional_text(s.deadline),
                      next = optional_text(s.next_evidence), detail = describe_status(l.terms, s);
    rows->row({id, to_string(l.convention_state), l.beneficiary_ref, l.scheme_id, to_string(s.state), start, end,
               served, left, deadline, next, detail});
  });
  if (rows) rows->finish();
  if (!sum) {
    if (rows && f == Format::kJson) std::cout << "\n}\n";
    return sum.error();
  }
  if (sum->needing_action() > 0) g.exit_status = kExitFindings;
  switch (f) {
    case Format::kTable:
      std::cout << fmt::format("{}Compliance as of {}: {}, {} to act on ({})\n", rows ? "\n" : "", day,
                               plural(sum->total, "obligation", "obligations"), sum->needing_action(),
                               states_to_act_on());
      print_table(std::cout, summary_table(*sum), f);
      break;
    case Format::kJson: {
      std::string summary = json_text(summary_json(*sum));
      for (std::size_t at = summary.find('\n'); at != std::string::npos; at = summary.find('\n', at + 3))
        summary.replace(at, 1, "\n  ");
      if (rows)
        std::cout << ",\n  \"summary\": " << summary << "\n}\n";
      else
        std::cout << "{\n  \"as_of\": \"" << day << "\",\n  \"summary\": " << summary << "\n}\n";
      break;
    }
    case Format::kCsv:
      if (!rows) print_table(std::cout, summary_table(*sum), f);
      break;
  }
  return Ok();
}

}  // namespace

void add_obligation_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("obligation", "Practice obligations: record what happens, show where one stands");
  grp->require_subcommand(1);

  static struct {
    std::int64_t id = 0;
    std::string as_of;
  } show;
  auto* sh = grp->add_subcommand("show", "Show a convention's obligation: terms, events, state on a date");
  sh->add_option("ID", show.id, "Convention id")->required();
  sh->add_option("--as-of", show.as_of, "Date of the state (YYYY-MM-DD, default: today)");
  sh->callback([&g] {
    g.action = [&g]() -> Status {
      auto as_of = date_or_today("--as-of", show.as_of);
      if (!as_of) return as_of.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto v = show_obligation(*ss->store, show.id, *as_of);
      if (!v) return v.error();
      print_record(std::cout, obligation_record(*v, ss->format), ss->format);
      return Ok();
    };
  });

  auto on = [](CLI::App& c, EventOptions& o) { c.add_option("--on", o.on, "Date (YYYY-MM-DD)")->required(); };
  auto note = [](CLI::App& c, EventOptions& o) { c.add_option("--note", o.reference, "A note kept with the event"); };
  static EventOptions diploma, start, evidence, suspend, resume, move, leave, stop;
  add_event_command(*grp, g, "diploma", "Record the diploma: it starts or sets the deadline of the obligation",
                    ObligationEventKind::kDiploma, diploma, on);
  add_event_command(*grp, g, "start", "Record the start of practice in a commune of the département",
                    ObligationEventKind::kStart, start, [&](CLI::App& c, EventOptions& o) {
                      on(c, o);
                      c.add_option("--commune", o.commune, "INSEE code of the commune, e.g. 41018")->required();
                      c.add_option_function<std::string>(
                          "--late-start-accepted", [&o](const std::string& d) { o.late_start_accepted = d; },
                          "For a start after the deadline: the département's decision accepting it,\n"
                          "e.g. \"délibération CP-2027-03 du 2027-04-10\"");
                    });
  add_event_command(*grp, g, "evidence", "Record a proof of practice, e.g. the yearly certificate",
                    ObligationEventKind::kEvidence, evidence, [&](CLI::App& c, EventOptions& o) {
                      c.add_option("--kind", o.kind, "The proof the scheme expects, e.g. yearly-certificate")
                          ->required();
                      on(c, o);
                      c.add_option("--ref", o.reference, "Its reference");
                    });
  add_event_command(*grp, g, "suspend", "Record an interruption of practice; the scheme says if it extends the end",
                    ObligationEventKind::kSuspend, suspend, [](CLI::App& c, EventOptions& o) {
                      c.add_option("--reason", o.reason,
                                   "parental-leave, illness, military-service, training or other")
                          ->required();
                      c.add_option("--from", o.on, "First day suspended (YYYY-MM-DD)")->required();
                      c.add_option("--to", o.to, "Last day suspended, when known (YYYY-MM-DD)");
                      c.add_option("--note", o.reference, "A note kept with the event");
                    });
  add_event_command(*grp, g, "resume", "End the open suspension", ObligationEventKind::kResume, resume,
                    [](CLI::App& c, EventOptions& o) {
                      c.add_option("--to", o.to, "Last day suspended (YYYY-MM-DD)")->required();
                      c.add_option("--reason", o.reason, "The suspension's reason, checked against it");
                    });
  add_event_command(*grp, g, "move", "Record a move of practice; out of the département it breaks the obligation",
                    ObligationEventKind::kMove, move, [&](CLI::App& c, EventOptions& o) {
                      on(c, o);
                      c.add_option("--commune", o.commune, "INSEE code of the new commune")->required();
                    });
  add_event_command(*grp, g, "leave-zone", "Record that practice left the eligible zone: a breach",
                    ObligationEventKind::kLeftZone, leave, [&](CLI::App& c, EventOptions& o) {
                      on(c, o);
                      note(c, o);
                    });
  add_event_command(*grp, g, "stop", "Record that practice stopped: a breach", ObligationEventKind::kStopped, stop,
                    [&](CLI::App& c, EventOptions& o) {
                      on(c, o);
                      note(c, o);
                    });

  static struct {
    std::int64_t id = 0;
    std::string reason, by, on;
  } voiding;
  auto* vo = grp->add_subcommand(
      "void", "Void an event recorded by mistake: it stays on record but no longer counts.\n"
              "Record the right event afterwards with its own command.");
  vo->add_option("EVENT", voiding.id, "Event id (grants obligation show lists them)")->required();
  vo->add_option("--reason", voiding.reason, "Why the event is void")->required();
  vo->add_option("--by", voiding.by, "Who voids it (default: your login name)");
  vo->add_option("--on", voiding.on, "Date of the void (YYYY-MM-DD, default: today)");
  vo->callback([&g] {
    g.action = [&g]() -> Status {
      auto day = date_or_today("--on", voiding.on);
      if (!day) return day.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      VoidEventRequest r{voiding.id, voiding.reason, voiding.by.empty() ? login_name() : voiding.by, *day,
                         today()};
      auto v = void_obligation_event(*ss->store, r);
      if (!v) return v.error();
      const auto& [e, gone] = v->voided.back();
      print_change(*v,
                   fmt::format("convention {}: event {} ({} on {}) voided by {} ({})", v->convention.agreement_id,
                               e.id, to_string(e.kind), format_date(e.on), gone.by, gone.reason),
                   "voided", voided_table({v->voided.back()}), ss->format);
      return Ok();
    };
  });

  auto* cgrp = app.add_subcommand("compliance", "Where every practice obligation stands");
  cgrp->require_subcommand(1);
  static CheckOptions chk;
  auto* c = cgrp->add_subcommand("check",
                                 "List every obligation with its state on a date, and the counts per state and "
                                 "scheme.\nTerminated conventions are listed too (convention_state): their "
                                 "obligation still runs.\nExits with 8 when one is " +
                                     states_to_act_on() + ".");
  c->add_option("--as-of", chk.as_of, "Date of the check (YYYY-MM-DD, default: today)");
  c->add_flag("--summary", chk.summary_only, "Print only the counts");
  c->callback([&g] { g.action = [&g] { return check(g, chk); }; });
}

}  // namespace grants::cli
