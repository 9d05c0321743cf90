// grants db roles|copy: the database as a whole.
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/database.h"
#include "grants/ledger_service.h"
#include "grants/store.h"

namespace grants::cli {

void add_db_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("db", "The database as a whole: PostgreSQL roles, copies between backends");
  grp->require_subcommand(1);

  static RoleNames roles;
  auto* r = grp->add_subcommand(
      "roles", "Create the officer (read and write) and auditor (read and export) roles of a PostgreSQL database");
  r->add_option("--officer", roles.officer, "Name of the officers' role")->capture_default_str();
  r->add_option("--auditor", roles.auditor, "Name of the auditors' role")->capture_default_str();
  r->callback([&g] {
    g.action = [&g]() -> Status {
      const Format f = g.output_format();
      if (auto st = create_roles(g.db, roles); !st) return st;
      print_outcome(std::cout,
                    {{fmt::format("roles {} (read and write; the ledger append-only) and {} (read only) granted on "
                                  "every table; make people members: GRANT {} TO alice",
                                  roles.officer, roles.auditor, roles.auditor)},
                     {{"officer", Cell::str(roles.officer)}, {"auditor", Cell::str(roles.auditor)}}},
                    f);
      return Ok();
    };
  });

  static std::string from, to;
  auto* c = grp->add_subcommand(
      "copy", "Copy a whole database into an empty one, SQLite or PostgreSQL either way");
  c->add_option("--from", from, "Database URL to copy from")->required();
  c->add_option("--to", to, "Database URL to copy into (created or migrated, must hold no rows)")
      ->required();
  c->callback([&g] {
    g.action = [&g]() -> Status {
      const Format f = g.output_format();
      // A person sees each table as it is copied; a script gets them all
      // once the copy is committed.
      auto copied = copy_database(from, to, [&](const CopiedTable& t) {
        if (f == Format::kTable) std::cout << fmt::format("{:<30} {:>10} rows\n", t.name, t.rows);
      });
      if (!copied) return copied.error();
      std::int64_t total = 0;
      Table tables{{"table", "rows"}, {}};
      for (const auto& t : *copied) {
        total += t.rows;
        tables.rows.push_back({Cell::str(t.name), Cell::num(t.rows)});
      }
      const auto count = static_cast<std::int64_t>(copied->size());
      // The copy's chain, verified where it now lies: the last hash to compare
      // with the source's, and a tampered source is not copied unseen (it is
      // copied as it is: a copy that mended it would hide the evidence).
      auto target = open_current_store(to);
      if (!target) return target.error();
      auto chain = verify_ledger(**target);
      if (!chain) return chain.error();
      Outcome done{{fmt::format("copied {} rows in {} tables", total, count)},
                   {{"tables", Cell::num(count)},
                    {"rows", Cell::num(total)},
                    {"ledger_ok", Cell::boolean(chain->ok)},
                    {"ledger_entries", Cell::num(chain->entries)},
                    {"ledger_last_hash", chain->ok ? Cell::str(chain->last_hash) : Cell::null()}},
                   {{"copied", std::move(tables)}}};
      if (chain->ok)
        done.lines.push_back("ledger of the copy OK: " + chain_text(*chain));
      print_outcome(std::cout, done, f);
      if (!chain->ok)
        return Error::Integrity(fmt::format(
            "the copy is complete, but its ledger, copied as the source holds it, does not verify: {}; "
            "run grants ledger verify on the source",
            chain->problem));
      return Ok();
    };
  });
}

}  // namespace grants::cli
