// Rule files: from TOML text to a validated RuleFile (format:
// rules/README.md). The file and scheme levels are here; periods are read
// by rules_period.cpp.
#include <fmt/format.h>

#include "grants/commune.h"
#include "grants/digest.h"
#include "grants/iban.h"
#include "grants/rules.h"
#include "grants/text.h"
#include "rules_internal.h"

namespace grants {

bool rules_detail::is_scheme_key(std::string_view k) {
  if (k.empty() || k.front() == '-' || k.back() == '-') return false;
  return k.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
}

namespace {

using namespace rules_detail;

Scheme read_scheme(const toml::table& raw, std::string_view name, std::string_view stem,
                   Problems& p) {
  const TableReader t(raw, join_key("schemes", name), p,
                      {"name", "kind", "beneficiary", "periods"});
  Scheme s;
  s.id = fmt::format("{}/{}", stem, name);
  s.line = line_of(raw);
  if (auto v = t.string("name", Need::kRequired)) s.name = *v;
  if (auto v = t.name("kind", kSchemeKinds, Need::kRequired)) s.kind = *v;
  auto beneficiary = t.name("beneficiary", kBeneficiaries, Need::kRequired);
  if (beneficiary) s.beneficiary = *beneficiary;
  const toml::array* periods = t.array("periods", Need::kRequired);
  if (periods == nullptr) return s;
  const std::string key = t.key_of("periods");
  if (periods->empty()) p.add(*periods, key, "empty: give at least one [[...periods]] table");

  PeriodReader reader(p, beneficiary);
  std::vector<Draft> drafts;
  for (std::size_t i = 0; i < periods->size(); ++i) {
    const toml::table* pt = periods->get(i)->as_table();
    if (pt == nullptr) {
      wrong_type(*periods->get(i), index_key(key, i), "a table", p);
      continue;
    }
    Draft d = reader.read(*pt, index_key(key, i), drafts.empty() ? nullptr : &drafts.back());
    const toml::node* from = pt->get("from");
    // Only `from` dates: each period ends where the next begins, so periods
    // can neither overlap nor leave a gap.
    for (std::size_t j = drafts.size(); d.dated && j-- > 0;) {
      if (!drafts[j].dated) continue;
      const Date before = drafts[j].period.from;
      if (d.period.from == before)
        p.add(*from, index_key(key, i) + ".from",
              fmt::format("{} is also the start of an earlier period: two periods cannot start on "
                          "the same day",
                          format_date(before)));
      else if (d.period.from < before)
        p.add(*from, index_key(key, i) + ".from",
              fmt::format("{} is before the previous period's start ({}): list periods in "
                          "increasing `from` order",
                          format_date(d.period.from), format_date(before)));
      break;
    }
    if (const toml::node* until = pt->get("until"); until != nullptr && d.period.to) {
      if (i + 1 < periods->size())
        p.add(*until, index_key(key, i) + ".until",
              "only the last period may have `until`: the next period's `from` ends this one");
      else if (d.dated && *d.period.to < d.period.from)
        p.add(*until, index_key(key, i) + ".until",
              fmt::format("{} is before this period's from ({})", format_date(*d.period.to),
                          format_date(d.period.from)));
    }
    drafts.push_back(std::move(d));
  }
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    if (i + 1 < drafts.size())
      drafts[i].period.to = drafts[i + 1].period.from - boost::gregorian::days(1);
    s.periods.push_back(std::move(drafts[i].period));
  }
  return s;
}

std::string_view file_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view file_stem(std::string_view path) {
  std::string_view name = file_name(path);
  const auto dot = name.find_last_of('.');
  return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

Payer read_payer(const toml::table& raw, Problems& p) {
  const TableReader t(raw, "payer", p, {"name", "iban", "bic", "account"});
  Payer payer;
  if (auto v = t.string("name", Need::kRequired)) payer.name = *v;
  if (t.node("iban", Need::kRequired) != nullptr)
    if (auto v = t.parsed("iban", &normalise_iban)) payer.iban = *v;
  if (auto v = t.string("bic")) {
    // Checked now, as the SEPA file checks it: found only at the export,
    // a bad BIC would stop a batch already prepared and approved. A file
    // stored with a convention was accepted without the check and is read
    // back as it was (its payer pays nothing: the current files' does).
    payer.bic = normalise_bic(*v);
    if (auto why = bic_problem(payer.bic); why && p.checks() == RuleChecks::kAll)
      p.add(*raw.get("bic"), "payer.bic", fmt::format("\"{}\" is not a BIC: {}", printable(*v), *why));
  }
  if (auto v = t.account("account", Need::kRequired)) payer.account = *v;
  return payer;
}

}  // namespace

std::string_view to_string(SchemeKind k) { return name_of(kSchemeKinds, k); }
std::string_view to_string(StartTrigger t) { return name_of(kTriggers, t); }
std::string_view to_string(SuspensionEffect e) { return name_of(kSuspensions, e); }

Result<RuleFile> parse_rules(std::string_view content, std::string_view path, RuleChecks checks) {
  Problems problems(path, checks);
  RuleFile file;
  file.path = std::string(path);
  file.name = std::string(file_name(path));
  file.content = std::string(content);
  file.sha256 = sha256_hex(content);

  toml::table root;
  try {
    root = toml::parse(content, path);
  } catch (const toml::parse_error& e) {
    // toml++ stops at the first syntax error, so this is the only problem;
    // its column shows where on the line it is.
    problems.add_at(static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                    "TOML syntax", e.description());
  }
  if (problems.empty()) {
    // The file's name begins every scheme id as the key ends it: held to the
    // key's spelling, or "Cher 18.toml" gives ids "Cher 18/<key>" that a
    // command line must quote. A file stored with its conventions is read
    // under the name it had.
    if (const std::string_view stem = file_stem(path); !is_scheme_key(stem) && checks == RuleChecks::kAll)
      problems.add(1, "file name",
                   fmt::format("\"{}\" begins every scheme id (\"{}/<key>\"): name the file with lower-case "
                               "letters, digits and '-', e.g. \"loir-et-cher.toml\"",
                               stem, stem));
    const TableReader t(root, "", problems,
                        {"departement", "code", "reference", "payer", "schemes"});
    if (auto v = t.string("departement", Need::kRequired)) file.departement = *v;
    if (auto v = t.string("code", Need::kRequired)) {
      if (auto why = departement_problem(*v))
        problems.add(*root.get("code"), "code", fmt::format("\"{}\" {}", *v, *why));
      else
        file.code = *v;
    }
    if (auto v = t.string("reference", Need::kRequired)) file.reference = *v;
    if (const toml::table* payer = t.subtable("payer")) file.payer = read_payer(*payer, problems);
    if (const toml::table* schemes = t.subtable("schemes", Need::kRequired)) {
      if (schemes->empty())
        problems.add(*schemes, "schemes", "empty: define at least one [schemes.<key>]");
      for (const auto& [k, v] : *schemes) {
        const std::string_view name = k.str();
        if (!is_scheme_key(name)) {
          problems.add(v, join_key("schemes", name),
                       "a scheme key is lower-case letters, digits and '-' (it becomes the id "
                       "\"<file>/<key>\")");
          continue;
        }
        if (const toml::table* st = v.as_table()) {
          file.schemes.push_back(read_scheme(*st, name, file_stem(path), problems));
        } else {
          wrong_type(v, join_key("schemes", name), "a table", problems);
        }
      }
    }
  }
  if (!problems.empty()) {
    std::vector<std::string> details = problems.sorted();
    const std::size_t n = details.size();
    return Error::InvalidInput(
        fmt::format("{}: {} problem{} in the rule file", path, n, n == 1 ? "" : "s"),
        std::move(details));
  }
  return file;
}

}  // namespace grants
