// grants agreement sign|show|list, grants schedule show
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/service.h"

namespace grants::cli {

namespace {

Table instalments_table(const Schedule& s) {
  Table t{{"number", "due", "amount", "covers_from", "covers_to"}, {}};
  for (const auto& i : s.instalments)
    t.rows.push_back({Cell::num(i.number), Cell::date(i.due), Cell::money(i.amount),
                      Cell::date(i.covers_from), Cell::date(i.covers_to)});
  return t;
}

Record agreement_record(const Agreement& g) {
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
  r.tables.emplace_back("schedule", instalments_table(g.schedule));
  r.notes.push_back(fmt::format("Total: {} in {} instalments; award {}", g.schedule.total().to_display(),
                                g.schedule.instalments.size(), g.schedule.award.to_display()));
  return r;
}

Status show_agreement(const Globals& g, std::int64_t id) {
  auto ss = g.session();
  if (!ss) return ss.error();
  auto a = ss->store->find_agreement(id);
  if (!a) return a.error();
  if (!a->has_value()) return Error::NotFound(fmt::format("convention {} does not exist", id));
  print_record(std::cout, agreement_record(**a), ss->format);
  return Ok();
}

struct SignOptions {
  std::int64_t application = 0;
  std::string on;
};

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
      auto on = date_option("--on", sign.on);
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

  auto* ls = grp->add_subcommand("list", "List conventions");
  ls->callback([&g] {
    g.action = [&g]() -> Status {
      auto ss = g.session();
      if (!ss) return ss.error();
      auto all = ss->store->list_agreements();
      if (!all) return all.error();
      Table t{{"id", "beneficiary", "scheme", "signed_on", "state", "award", "instalments"}, {}};
      for (const auto& a : *all)
        t.rows.push_back({Cell::num(a.id), Cell::str(a.beneficiary_ref), Cell::str(a.scheme_id),
                          Cell::date(a.signed_on), Cell::str(std::string(to_string(a.state))),
                          Cell::money(a.schedule.award),
                          Cell::num(static_cast<std::int64_t>(a.schedule.instalments.size()))});
      print_table(std::cout, t, ss->format);
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
