// grants beneficiary add|import|list|show|set-iban|cesp
#include <iostream>

#include <fmt/format.h>

#include "app.h"
#include "grants/beneficiary_csv.h"
#include "grants/iban.h"
#include "grants/batch_service.h"
#include "grants/service.h"
#include "grants/text.h"

namespace grants::cli {

namespace {

std::string full_name(const Beneficiary& b) {
  return b.first_name.empty() ? b.name : b.first_name + " " + b.name;
}

// Null when there is none: payments are held until one is given.
Cell shown_iban(const Beneficiary& b) { return Cell::str_or_null(b.iban.empty() ? "" : format_iban(b.iban)); }

Record beneficiary_record(const Beneficiary& b) {
  Record r;
  r.title = fmt::format("Beneficiary {} — {}", b.ref, full_name(b));
  r.fields = {{"ref", Cell::str(b.ref)},
              {"kind", Cell::str(std::string(to_string(b.kind)))},
              {"name", Cell::str(b.name)},
              {"first_name", Cell::str_or_null(b.first_name)},
              {"profession", Cell::str(b.profession)},
              {"commune", Cell::str(b.commune)},
              {"iban", shown_iban(b)},
              {"bic", Cell::str_or_null(b.bic)},
              {"email", Cell::str_or_null(b.email)}};
  // "Why was I not paid?": batches hold every instalment while the account
  // on file is the one the bank sent back, as set-iban says.
  const bool sent_back = !b.iban.empty() && b.iban == b.returned_iban;
  r.fields.emplace_back("returned_reason", Cell::str_or_null(sent_back ? b.return_reason : ""));
  if (sent_back)
    r.notes.push_back(
        fmt::format("The bank sent this IBAN back ({}): {}", b.return_reason, held_until_new_iban(b.ref, true)));
  return r;
}

struct AddOptions {
  Beneficiary b;
  std::string kind = "person";
};

}  // namespace

std::string held_until_new_iban(std::string_view ref, bool how) {
  std::string out = fmt::format("batches hold the instalments of {} until another IBAN is given", ref);
  if (how) out += fmt::format(" (grants beneficiary set-iban {} IBAN)", ref);
  return out;
}

void add_beneficiary_commands(CLI::App& app, Globals& g) {
  auto* grp = app.add_subcommand("beneficiary", "Register and list beneficiaries (people and structures)");
  grp->require_subcommand(1);

  static AddOptions add;
  auto* a = grp->add_subcommand("add", "Register one beneficiary");
  a->add_option("--ref", add.b.ref, "The département's reference, unique (e.g. B-0015)")->required();
  a->add_option("--kind", add.kind, "person or structure")->capture_default_str();
  a->add_option("--name", add.b.name, "Family name, or the structure's name")->required();
  a->add_option("--first-name", add.b.first_name, "First name (people only)");
  a->add_option("--profession", add.b.profession, "Profession or structure type (see rules/README.md)")->required();
  a->add_option("--commune", add.b.commune, "INSEE code of the commune, e.g. 41018")->required();
  a->add_option("--iban", add.b.iban, "IBAN; payments are held while it is missing");
  a->add_option("--bic", add.b.bic, "BIC");
  a->add_option("--email", add.b.email, "E-mail address");
  a->callback([&g] {
    g.action = [&g]() -> Status {
      auto kind = parse_beneficiary_kind(add.kind);
      if (!kind)
        return Error::InvalidInput(
            fmt::format("option --kind: \"{}\": expected person or structure", printable(add.kind)));
      add.b.kind = *kind;
      auto s = g.session();
      if (!s) return s.error();
      auto b = add_beneficiary(*s->store, add.b);
      if (!b) return b.error();
      // For a script, the stored beneficiary as `show` gives it, with its id.
      Outcome added{{fmt::format("added beneficiary {} ({})", b->ref, full_name(*b))}, {{"id", Cell::num(b->id)}}};
      for (auto& field : beneficiary_record(*b).fields) added.fields.push_back(std::move(field));
      print_outcome(std::cout, added, s->format);
      return Ok();
    };
  });

  static std::string csv;
  auto* imp = grp->add_subcommand("import", "Import beneficiaries from a CSV file, all or nothing");
  imp->add_option("FILE", csv, "CSV with header ref,kind,name,first_name,profession,commune,iban[,bic,email] "
                 "(commas, or semicolons throughout)")
      ->required();
  imp->callback([&g] {
    g.action = [&g]() -> Status {
      auto s = g.session();
      if (!s) return s.error();
      auto n = import_beneficiaries(*s->store, csv);
      if (!n) return n.error();
      const auto count = static_cast<std::int64_t>(*n);
      print_outcome(std::cout,
                    {{fmt::format("imported {} from {}", plural(count, "beneficiary", "beneficiaries"), csv)},
                     {{"file", Cell::str(csv)}, {"imported", Cell::num(count)}}},
                    s->format);
      return Ok();
    };
  });

  auto* ls = grp->add_subcommand("list", "List beneficiaries");
  ls->callback([&g] {
    g.action = [&g]() -> Status {
      auto s = g.session();
      if (!s) return s.error();
      auto all = s->store->list_beneficiaries();
      if (!all) return all.error();
      Table t{{"ref", "kind", "name", "profession", "commune", "iban"}, {}};
      for (const auto& b : *all)
        t.rows.push_back({Cell::str(b.ref), Cell::str(std::string(to_string(b.kind))), Cell::str(full_name(b)),
                          Cell::str(b.profession), Cell::str(b.commune),
                          shown_iban(b)});
      print_table(std::cout, t, s->format);
      return Ok();
    };
  });

  static std::string iban_ref, iban, iban_bic;
  auto* si = grp->add_subcommand("set-iban", "Replace a beneficiary's IBAN (e.g. after a bank return)");
  si->add_option("REF", iban_ref, "Reference")->required();
  si->add_option("IBAN", iban, "The new IBAN")->required();
  auto* bic_option = si->add_option(
      "--bic", iban_bic, "The account's BIC (\"\" for none); without it a new IBAN goes without BIC (IBAN only)");
  si->callback([&g, bic_option] {
    g.action = [&g, bic_option]() -> Status {
      auto s = g.session();
      if (!s) return s.error();
      auto c = set_iban(*s->store, iban_ref, iban,
                        bic_option->count() > 0 ? std::optional<std::string>(iban_bic) : std::nullopt);
      if (!c) return c.error();
      std::string bic = c->bic.empty() ? "no BIC" : "BIC " + c->bic;
      if (!c->bic_before.empty() && c->bic_before != c->bic) bic += fmt::format(" (was {})", c->bic_before);
      // For a script, the account before and after, IBANs masked as the
      // ledger's exports mask them: what it prints is often kept in a log.
      auto masked = [](const std::string& normalised) {
        return normalised.empty() ? Cell::null() : Cell::str(mask_iban(normalised));
      };
      // The account typed again as the beneficiary gave it: the officer
      // must not believe the hold released.
      std::string still_held;
      if (!c->returned_reason.empty())
        still_held = fmt::format("; the bank sent this IBAN back ({}): {}", c->returned_reason,
                                 held_until_new_iban(iban_ref, false));
      print_outcome(std::cout,
                    {{fmt::format("beneficiary {}: IBAN {}, {}{}", iban_ref, format_iban(c->iban), bic, still_held)},
                     {{"ref", Cell::str(iban_ref)},
                      {"iban_before", masked(c->iban_before)},
                      {"bic_before", Cell::str_or_null(c->bic_before)},
                      {"iban", masked(c->iban)},
                      {"bic", Cell::str_or_null(c->bic)},
                      {"returned_reason", Cell::str_or_null(c->returned_reason)}}},
                    s->format);
      return Ok();
    };
  });

  static struct {
    std::string ref, requested, signed_on, reference, on;
  } cesp;
  auto* ce = grp->add_subcommand("cesp", "Record a CESP the beneficiary requested or signed (for anti-cumul checks)");
  ce->add_option("REF", cesp.ref, "Reference")->required();
  auto* req = ce->add_option("--requested", cesp.requested, "Date the CESP was requested (YYYY-MM-DD)");
  auto* sig = ce->add_option("--signed", cesp.signed_on, "Date the CESP was signed (YYYY-MM-DD)");
  req->excludes(sig);
  ce->add_option("--ref", cesp.reference, "Its reference, e.g. the ARS file number");
  ce->add_option("--on", cesp.on, "Date the département learnt of it (default: today)");
  ce->callback([&g] {
    g.action = [&g]() -> Status {
      if (cesp.requested.empty() == cesp.signed_on.empty())
        return Error::InvalidInput("say --requested DATE or --signed DATE");
      const bool is_signed = !cesp.signed_on.empty();
      // No command removes a declaration: one dated ahead would count
      // against the beneficiary's applications as a CESP of that day.
      auto when = date_not_ahead(is_signed ? "--signed" : "--requested", is_signed ? cesp.signed_on : cesp.requested,
                                 "a CESP is recorded once requested or signed: dated ahead, it would refuse the "
                                 "beneficiary's applications as combined with a CESP of that day");
      if (!when) return when.error();
      auto on = date_not_ahead("--on", cesp.on,
                               "the département records a CESP once it learns of it: dated ahead, the record would "
                               "say it knew of it on a day that has not come");
      if (!on) return on.error();
      auto s = g.session();
      if (!s) return s.error();
      CespDeclaration c{0, 0, is_signed ? CespStatus::kSigned : CespStatus::kRequested, *when, cesp.reference, *on};
      if (auto st = declare_cesp(*s->store, cesp.ref, c); !st) return st;
      print_outcome(std::cout,
                    {{fmt::format("beneficiary {}: CESP {} on {} recorded", cesp.ref, to_string(c.status),
                                  format_date(c.on))},
                     {{"beneficiary", Cell::str(cesp.ref)},
                      {"status", Cell::str(std::string(to_string(c.status)))},
                      {"on", Cell::date(c.on)},
                      {"reference", Cell::str_or_null(c.reference)},
                      {"recorded_on", Cell::date(c.recorded_on)}}},
                    s->format);
      return Ok();
    };
  });

  static std::string ref;
  auto* sh = grp->add_subcommand("show", "Show one beneficiary");
  sh->add_option("REF", ref, "Reference")->required();
  sh->callback([&g] {
    g.action = [&g]() -> Status {
      auto s = g.session();
      if (!s) return s.error();
      auto b = existing(s->store->find_beneficiary(ref), fmt::format("beneficiary \"{}\"", ref));
      if (!b) return b.error();
      print_record(std::cout, beneficiary_record(*b), s->format);
      return Ok();
    };
  });
}

}  // namespace grants::cli
