// grants application submit|decide|show|list
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/service.h"

namespace grants::cli {

namespace {

Table conditions_table(const Application& a) {
  Table t{{"condition", "met", "why"}, {}};
  for (const auto& c : a.conditions)
    t.rows.push_back({Cell::str(c.name), Cell::boolean(c.met), Cell::str(c.why)});
  return t;
}

Record application_record(const Application& a) {
  Record r;
  r.title = fmt::format("Application {} — {} — {}", a.id, a.beneficiary_ref, a.scheme_id);
  r.fields = {{"id", Cell::num(a.id)},
              {"beneficiary", Cell::str(a.beneficiary_ref)},
              {"scheme", Cell::str(a.scheme_id)},
              {"submitted_on", Cell::date(a.submitted_on)},
              {"study_year", a.study_year ? Cell::num(*a.study_year) : Cell::null()},
              {"start", a.start ? Cell::date(*a.start) : Cell::null()},
              {"expenses", a.expenses ? Cell::money(*a.expenses) : Cell::null()},
              {"eligible", Cell::boolean(a.eligible)},
              {"state", Cell::str(std::string(to_string(a.state)))}};
  // Every format gives the same fields whatever the state: undecided, or
  // approved without a reason, they are null.
  r.fields.emplace_back("deliberation", a.decision ? Cell::str(a.decision->deliberation) : Cell::null());
  r.fields.emplace_back("decided_on", a.decision ? Cell::date(a.decision->date) : Cell::null());
  r.fields.emplace_back("reason", a.decision ? Cell::str_or_null(a.decision->reason) : Cell::null());
  r.tables.emplace_back("conditions", conditions_table(a));
  return r;
}

struct SubmitOptions {
  std::string beneficiary, scheme, on, start, expenses;
  std::optional<int> study_year;
};

struct DecideOptions {
  std::int64_t id = 0;
  bool approve = false, reject = false;
  std::string deliberation, date, reason;
};

Result<SubmitRequest> to_request(const SubmitOptions& o) {
  auto on = date_not_ahead("--on", o.on,
                           "an application is recorded once received: dated ahead, it would be checked against "
                           "the rules of that day, and no decision could be dated before it");
  if (!on) return on.error();
  auto start = optional_date_option("--start", o.start);
  if (!start) return start.error();
  auto expenses = optional_money_option("--expenses", o.expenses);
  if (!expenses) return expenses.error();
  if (*expenses && **expenses < Money())
    return Error::InvalidInput(fmt::format("option --expenses: \"{}\" is negative", o.expenses));
  return SubmitRequest{o.beneficiary, o.scheme, *on, o.study_year, *start, *expenses};
}

}  // namespace

void add_application_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("application", "Submit applications, record decisions");
  grp->require_subcommand(1);

  static SubmitOptions sub;
  auto* s = grp->add_subcommand("submit", "Submit an application; eligibility is checked condition by condition");
  s->add_option("--beneficiary", sub.beneficiary, "Beneficiary reference")->required();
  s->add_option("--scheme", sub.scheme, "Scheme id, e.g. loir-et-cher/intern-bursary")->required();
  s->add_option("--on", sub.on, "Submission date (YYYY-MM-DD)")->required();
  s->add_option("--study-year", sub.study_year, "Current year of study, for study aids");
  s->add_option("--start", sub.start, "Date the aid should start (YYYY-MM-DD)");
  s->add_option("--expenses", sub.expenses, "Eligible expenses excluding VAT, for share-of-cost aids");
  s->callback([&g] {
    g.action = [&g]() -> Status {
      auto req = to_request(sub);
      if (!req) return req.error();
      auto rules = g.load_rules();
      if (!rules) return rules.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      auto a = submit_application(*ss->store, *rules, *req);
      if (!a) return a.error();
      print_record(std::cout, application_record(*a), ss->format);
      return Ok();
    };
  });

  static DecideOptions dec;
  auto* d = grp->add_subcommand("decide", "Record the délibération approving or rejecting an application");
  d->add_option("ID", dec.id, "Application id")->required();
  auto* ap = d->add_flag("--approve", dec.approve, "Approve");
  auto* rj = d->add_flag("--reject", dec.reject, "Reject (needs --reason)");
  ap->excludes(rj);
  d->add_option("--deliberation", dec.deliberation, "Délibération number, e.g. CP-2024-10-14-07")->required();
  d->add_option("--date", dec.date, "Date of the délibération (YYYY-MM-DD)")->required();
  d->add_option("--reason", dec.reason, "Reason, required for a rejection");
  d->callback([&g] {
    g.action = [&g]() -> Status {
      if (!dec.approve && !dec.reject) return Error::InvalidInput("say --approve or --reject");
      // Recorded once, a decision is not changed: one dated ahead would
      // leave an application no convention could be signed for until then.
      auto date = date_not_ahead("--date", dec.date,
                                 "a decision is recorded once taken: dated ahead, no convention could be signed "
                                 "before that day");
      if (!date) return date.error();
      auto ss = g.session();
      if (!ss) return ss.error();
      DecideRequest req{dec.id, dec.approve ? ApplicationState::kApproved : ApplicationState::kRejected,
                        dec.deliberation, *date, dec.reason};
      auto a = decide_application(*ss->store, req);
      if (!a) return a.error();
      print_record(std::cout, application_record(*a), ss->format);
      return Ok();
    };
  });

  static std::int64_t show_id = 0;
  auto* sh = grp->add_subcommand("show", "Show an application with its eligibility conditions");
  sh->add_option("ID", show_id, "Application id")->required();
  sh->callback([&g] {
    g.action = [&g]() -> Status {
      auto ss = g.session();
      if (!ss) return ss.error();
      auto a = existing(ss->store->find_application(show_id), fmt::format("application {}", show_id));
      if (!a) return a.error();
      print_record(std::cout, application_record(*a), ss->format);
      return Ok();
    };
  });

  auto* ls = grp->add_subcommand("list", "List applications");
  ls->callback([&g] {
    g.action = [&g]() -> Status {
      auto ss = g.session();
      if (!ss) return ss.error();
      auto all = ss->store->list_applications();
      if (!all) return all.error();
      Table t{{"id", "beneficiary", "scheme", "submitted_on", "eligible", "state", "deliberation"}, {}};
      for (const auto& a : *all)
        t.rows.push_back({Cell::num(a.id), Cell::str(a.beneficiary_ref), Cell::str(a.scheme_id),
                          Cell::date(a.submitted_on), Cell::boolean(a.eligible),
                          Cell::str(std::string(to_string(a.state))),
                          a.decision ? Cell::str(a.decision->deliberation) : Cell::null()});
      print_table(std::cout, t, ss->format);
      return Ok();
    };
  });
}

}  // namespace grants::cli
