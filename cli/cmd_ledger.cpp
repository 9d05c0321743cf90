// grants ledger verify|export
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "app.h"
#include "grants/ledger_service.h"
#include "grants/text.h"

namespace grants::cli {

std::string chain_text(const ChainCheck& chain) {
  return fmt::format("{}, last hash {}", plural(chain.entries, "entry", "entries"), chain.last_hash);
}

namespace {

struct ExportOptions {
  std::string from, to, format = "csv", out;
  bool reveal_iban = false;
};

Status exported(Date from, Date to, const ChainCheck& chain) {
  std::cerr << fmt::format("ledger {} to {} exported; the chain has {}\n", format_date(from), format_date(to),
                           chain_text(chain));
  return Ok();
}

Status export_ledger_file(const Globals& g, const ExportOptions& o) {
  auto from = date_option("--from", o.from);
  if (!from) return from.error();
  auto to = date_option("--to", o.to);
  if (!to) return to.error();
  auto format = parse_export_format(o.format);  // checked while parsing
  if (!format) return format.error();
  if (*format == ExportFormat::kXlsx && o.out.empty())
    return Error::InvalidInput("option --out: an XLSX workbook is written to a file, give --out FILE.xlsx");
  if (!o.out.empty()) {
    if (auto st = g.not_the_database("--out", o.out); !st) return st;
    if (*format == ExportFormat::kFec)
      if (auto st = g.not_the_database("--out", o.out + ".chain"); !st) return st;
  }
  auto store = g.open_store();
  if (!store) return store.error();
  LedgerExportRequest req{*from, *to, *format, o.reveal_iban ? IbanDisplay::kRevealed : IbanDisplay::kMasked};
  // Written as it is read: to standard output, or to FILE.tmp, which takes
  // the name FILE only once complete.
  if (o.out.empty()) {
    FdOutput& out = standard_output();
    auto chain = export_ledger(**store, req, std::cout);
    if (!chain) return out.explain(chain.error());
    if (!out.flush()) return Error::InvalidInput(out.failure());
    return exported(*from, *to, *chain);
  }
  auto file = OutputFile::open(o.out);
  if (!file) return file.error();
  auto chain = export_ledger(**store, req, (*file)->stream());
  if (!chain) return (*file)->explain(chain.error());
  if (*format != ExportFormat::kFec) {
    if (auto st = (*file)->commit(); !st) return st;
    return exported(*from, *to, *chain);
  }
  // The FEC's 18 columns have no room for the chain hash: it goes beside,
  // in FILE.chain, and the two are written both or neither. Both are
  // written out whole first; then the earlier FILE.chain is removed, the
  // FEC takes its name, and its chain next: killed on the way, the command
  // leaves a FEC without a chain (the earlier one or the new one), never
  // one beside the chain of another export. Should the chain not take its
  // name, the FEC is removed.
  const std::string chain_file = o.out + ".chain";
  auto chain_out = OutputFile::open(chain_file);
  if (!chain_out) return chain_out.error();
  (*chain_out)->stream() << fmt::format("chain {} {}\n", chain->entries, chain->last_hash);
  if (!(*file)->stream().flush())
    return (*file)->explain(Error::InvalidInput(fmt::format("ledger export from {} to {} not written: writing it out failed",
                                                            format_date(*from), format_date(*to))));
  if (auto st = (*file)->complete(); !st) return st;
  if (auto st = (*chain_out)->complete(); !st) return st;
  if (::unlink(chain_file.c_str()) != 0 && errno != ENOENT)
    return Error::InvalidInput(fmt::format("cannot write {}: {}", chain_file, std::strerror(errno)));
  if (auto st = (*file)->commit(); !st) return st;
  if (auto st = (*chain_out)->commit(); !st) {
    std::remove(o.out.c_str());
    return st;
  }
  return exported(*from, *to, *chain);
}

}  // namespace

void add_ledger_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("ledger", "The disbursement ledger: verify its hash chain, export it for audit");
  grp->require_subcommand(1);

  static std::string anchor_text;
  auto* v = grp->add_subcommand("verify", "Re-compute the hash chain; name the first entry changed, deleted or inserted");
  v->add_option("--anchor", anchor_text,
                "N:HASH from an earlier export or verify: the ledger must still hold entry N with that hash");
  v->callback([&g] {
    g.action = [&g]() -> Status {
      std::optional<ChainAnchor> anchor;
      if (!anchor_text.empty()) {
        auto parsed = parse_chain_anchor(anchor_text);
        if (!parsed) return Error::InvalidInput("option --anchor: " + parsed.error().message());
        anchor = *parsed;
      }
      auto ss = g.session();
      if (!ss) return ss.error();
      auto chain = verify_ledger(*ss->store, anchor);
      if (!chain && chain.error().code() == ErrorCode::kInvalidInput)
        return Error::InvalidInput("option --anchor: " + chain.error().message());
      if (!chain) return chain.error();
      // A person reads "ledger OK" or, on standard error, why not; a script
      // reads the verdict as fields either way, the first bad entry
      // included, beside the exit code and that message.
      Outcome verdict;
      if (chain->ok) {
        verdict.lines.push_back(
            "ledger OK: " + chain_text(*chain));
        if (anchor) verdict.lines.push_back(fmt::format("entry {} holds the anchor's hash", anchor->seq));
      }
      verdict.fields = {{"ok", Cell::boolean(chain->ok)},
                        {"entries", Cell::num(chain->entries)},
                        {"last_hash", Cell::str_or_null(chain->last_hash)},
                        {"anchor_entry", anchor ? Cell::num(anchor->seq) : Cell::null()},
                        {"first_bad", chain->ok ? Cell::null() : Cell::num(chain->first_bad)},
                        {"problem", chain->ok ? Cell::null() : Cell::str(chain->problem)}};
      print_outcome(std::cout, verdict, ss->format);
      // Only an anchor fails a chain that verifies: what it does hold is
      // what the auditor compares with the anchor kept.
      if (!chain->ok && !chain->last_hash.empty())
        return Error::Integrity(fmt::format("ledger does not verify: {}; the chain itself verifies: {}", chain->problem,
                                            chain_text(*chain)));
      if (!chain->ok) return Error::Integrity(fmt::format("ledger does not verify: {}", chain->problem));
      return Ok();
    };
  });

  static ExportOptions exp;
  auto* ex = grp->add_subcommand("export", "Export the entries of a period: csv, json, xlsx, fec or hledger");
  ex->add_option("--from", exp.from, "First day (YYYY-MM-DD)")->required();
  ex->add_option("--to", exp.to, "Last day (YYYY-MM-DD)")->required();
  ex->add_option("--format", exp.format, "csv, json, xlsx, fec or hledger")
      ->capture_default_str()
      ->check(parsed_by(&parse_export_format));
  ex->add_option("--out", exp.out, "File to write (default: standard output; required for xlsx)");
  ex->add_flag("--reveal-iban", exp.reveal_iban, "Show IBANs whole (default: masked, FR76 **** **** 0189)");
  const CLI::Option* listing_format = app.get_option("--format");
  ex->callback([&g, listing_format] {
    // The global --format says how listings print; the file's format is the
    // export's own option (csv by default). Taken for it, `grants --format
    // json ledger export` would silently write CSV: a usage error.
    if (listing_format->count() > 0)
      throw CLI::ValidationError(
          "--format", fmt::format("before \"ledger export\" it sets how listings print, not the file's format: give "
                                  "\"ledger export --format {}\" (csv, json, xlsx, fec or hledger)",
                                  parse_export_format(g.format) ? g.format : "FORMAT"));
    g.action = [&g] { return export_ledger_file(g, exp); };
  });
}

}  // namespace grants::cli
