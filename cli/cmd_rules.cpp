// grants init, grants rules check|show
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/service.h"

namespace grants::cli {

void add_init_command(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("init", "Create the database or apply the migrations it lacks");
  cmd->callback([&g] {
    g.action = [&g]() -> Status {
      auto store = grants::open_store(g.db);
      if (!store) return store.error();
      auto applied = (*store)->migrate();
      if (!applied) return applied.error();
      auto all = (*store)->applied_migrations();
      if (!all) return all.error();
      for (const auto& m : *applied) std::cout << "applied " << m << '\n';
      std::cout << fmt::format("database {} is at migration {} ({} applied now)\n", g.db,
                               all->empty() ? "none" : all->back(), applied->size());
      return Ok();
    };
  });
}

namespace {

Status check(const std::vector<std::string>& files) {
  std::vector<std::string> problems;
  for (const auto& path : files) {
    auto f = load_rules_file(path);
    if (!f) {
      problems.push_back(f.error().message());
      for (const auto& d : f.error().details()) problems.push_back(d);
      continue;
    }
    std::size_t periods = 0;
    for (const auto& s : f->schemes) periods += s.periods.size();
    std::cout << fmt::format("{}: OK, {} schemes, {} periods, sha256 {}\n", path, f->schemes.size(),
                             periods, f->sha256);
  }
  if (!problems.empty()) {
    std::string first = problems.front();
    problems.erase(problems.begin());
    return Error::InvalidInput(first, problems);
  }
  // Scheme ids must also be unique across the files checked together.
  auto book = load_rule_book(files);
  if (!book) return book.error();
  return Ok();
}

Status show(const Globals& g, const std::string& scheme_id, const std::string& on_text) {
  auto fmt_ = g.output_format();
  if (!fmt_) return fmt_.error();
  auto book = g.load_rules();
  if (!book) return book.error();
  Date on = today();
  if (!on_text.empty()) {
    auto d = date_option("--on", on_text);
    if (!d) return d.error();
    on = *d;
  }
  if (scheme_id.empty()) {
    Table t{{"scheme", "name", "kind", "in_force_since", "reference"}, {}};
    for (const auto& file : book->files)
      for (const auto& s : file.schemes) {
        const SchemePeriod* p = s.in_force(on);
        t.rows.push_back({Cell::str(s.id), Cell::str(s.name), Cell::str(std::string(to_string(s.kind))),
                          p ? Cell::date(p->from) : Cell::str("not in force"),
                          p ? Cell::str(p->reference) : Cell::null()});
      }
    print_table(std::cout, t, *fmt_);
    return Ok();
  }
  auto found = book->find(scheme_id);
  if (!found) return Error::InvalidInput(fmt::format("unknown scheme \"{}\"", scheme_id));
  const SchemePeriod* p = found->scheme->in_force(on);
  if (p == nullptr)
    return Error::NotFound(fmt::format("scheme \"{}\" has no parameters in force on {}", scheme_id,
                                       format_date(on)));
  Record r;
  r.title = fmt::format("{} — parameters in force on {}", scheme_id, format_date(on));
  for (auto& [k, v] : describe_period(*found->file, *found->scheme, *p)) r.fields.emplace_back(k, Cell::str(v));
  print_record(std::cout, r, *fmt_);
  return Ok();
}

}  // namespace

void add_rules_commands(CLI::App& app, Globals& g) {
  auto* rules = app.add_subcommand("rules", "Check rule files and show the parameters in force");
  rules->require_subcommand(1);

  auto* chk = rules->add_subcommand("check", "Validate rule files: syntax, keys, types, dates, amounts");
  static std::vector<std::string> files;
  chk->add_option("FILE", files, "Rule files (TOML)")->required()->check(CLI::ExistingFile);
  chk->callback([&g] { g.action = [] { return check(files); }; });

  auto* sh = rules->add_subcommand("show", "Show the schemes, or one scheme's parameters on a date");
  static std::string scheme, on;
  sh->add_option("SCHEME", scheme, "Scheme id, e.g. loir-et-cher/intern-bursary");
  sh->add_option("--on", on, "Date (YYYY-MM-DD) whose parameters to show; default today");
  sh->callback([&g] { g.action = [&g] { return show(g, scheme, on); }; });
}

}  // namespace grants::cli
