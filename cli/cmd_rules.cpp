// grants init, grants rules check|show
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/describe.h"
#include "grants/service.h"

namespace grants::cli {

void add_init_command(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("init", "Create the database or apply the migrations it lacks");
  cmd->callback([&g] {
    g.action = [&g]() -> Status {
      const Format format = g.output_format();
      // Not through g.session(): init is the one command that opens a
      // database not at this build's migration.
      auto store = grants::open_store(g.db);
      if (!store) return store.error();
      auto applied = (*store)->migrate();
      if (!applied) return applied.error();
      auto all = (*store)->applied_migrations();
      if (!all) return all.error();
      Outcome done;
      Table now{{"migration"}, {}};
      for (const auto& m : *applied) {
        done.lines.push_back("applied " + m);
        now.rows.push_back({Cell::str(m)});
      }
      done.lines.push_back(fmt::format("database {} is at migration {} ({} applied now)", shown_url(g.db),
                                       all->empty() ? "none" : all->back(), applied->size()));
      // Not the URL, which may hold a password.
      done.fields = {{"migration", all->empty() ? Cell::null() : Cell::str(all->back())},
                     {"applied_now", Cell::num(static_cast<std::int64_t>(applied->size()))}};
      done.tables.emplace_back("applied", std::move(now));
      print_outcome(std::cout, done, format);
      return Ok();
    };
  });
}

namespace {

// Table format: a line for each good file as it is read, the first
// problem then. JSON and CSV: the files, once all of them are good.
Status check(const Globals& g, const std::vector<std::string>& files) {
  const Format f = g.output_format();
  std::vector<std::string> problems;
  Table checked{{"file", "departement", "code", "schemes", "periods", "sha256"}, {}};
  for (const auto& path : files) {
    auto file = load_rules_file(path);
    if (!file) {
      problems.push_back(file.error().message());
      for (const auto& d : file.error().details()) problems.push_back(d);
      continue;
    }
    std::size_t periods = 0;
    for (const auto& s : file->schemes) periods += s.periods.size();
    if (f == Format::kTable)
      std::cout << fmt::format("{}: OK, {} schemes, {} periods, sha256 {}\n", path, file->schemes.size(),
                               periods, file->sha256);
    checked.rows.push_back({Cell::str(path), Cell::str(file->departement), Cell::str(file->code),
                            Cell::num(static_cast<std::int64_t>(file->schemes.size())),
                            Cell::num(static_cast<std::int64_t>(periods)), Cell::str(file->sha256)});
  }
  if (!problems.empty()) {
    std::string first = problems.front();
    problems.erase(problems.begin());
    return Error::InvalidInput(first, problems);
  }
  // Scheme ids must also be unique across the files checked together.
  auto book = load_rule_book(files);
  if (!book) return book.error();
  if (f != Format::kTable) print_table(std::cout, checked, f);
  return Ok();
}

// Null for a script, words for a person.
Cell not_in_force() {
  Cell c = Cell::null();
  c.display = "not in force";
  return c;
}

Status show(const Globals& g, const std::string& scheme_id, const std::string& on_text) {
  const Format f = g.output_format();
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
                          p ? Cell::date(p->from) : not_in_force(),
                          p ? Cell::str(p->reference) : Cell::null()});
      }
    print_table(std::cout, t, f);
    return Ok();
  }
  auto found = book->require(scheme_id);
  if (!found) return found.error();
  const SchemePeriod* p = found->scheme->in_force(on);
  if (p == nullptr)
    return Error::NotFound(found->scheme->not_in_force(on));
  if (f != Format::kTable) {
    print_data(std::cout, period_data(*found->file, *found->scheme, *p), f);
    return Ok();
  }
  Record r;
  r.title = fmt::format("{} — parameters in force on {}", scheme_id, format_date(on));
  for (auto& [k, v] : describe_period(*found->file, *found->scheme, *p)) r.fields.emplace_back(k, Cell::str(v));
  print_record(std::cout, r, f);
  return Ok();
}

}  // namespace

void add_rules_commands(CLI::App& app, Globals& g) {
  auto* rules = app.add_subcommand("rules", "Check rule files and show the parameters in force");
  rules->require_subcommand(1);

  auto* chk = rules->add_subcommand("check", "Validate rule files: syntax, keys, types, dates, amounts");
  static std::vector<std::string> files;
  chk->add_option("FILE", files, "Rule files (TOML)")->required()->check(CLI::ExistingFile);
  chk->callback([&g] { g.action = [&g] { return check(g, files); }; });

  auto* sh = rules->add_subcommand("show", "Show the schemes, or one scheme's parameters on a date");
  static std::string scheme, on;
  sh->add_option("SCHEME", scheme, "Scheme id, e.g. loir-et-cher/intern-bursary");
  sh->add_option("--on", on, "Date (YYYY-MM-DD) whose parameters to show; default today");
  sh->callback([&g] { g.action = [&g] { return show(g, scheme, on); }; });
}

}  // namespace grants::cli
