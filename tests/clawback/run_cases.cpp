// Runs one clawback case (format: tests/clawback/README.md): loads the rule
// files the case names, takes the obligation and clawback policy of the
// period in force on the signature date, and computes the clawback of the
// case's breach from its events and payments, through the same functions
// as `grants clawback compute`.
//
// Exit status: 0 when the case passes; 1 on a mismatch, after printing each
// difference; 2 when the case file itself is malformed.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../case_file.h"
#include "grants/clawback.h"
#include "grants/rules.h"

namespace {

using namespace grants;
using namespace grants::cases;

std::string opt_text(const toml::table& t, std::string_view k) {
  return t.contains(k) ? to_text(t.get(k), k) : std::string();
}

std::vector<ObligationEvent> read_events(const toml::table& c) {
  std::vector<ObligationEvent> out;
  const toml::array* list = c.get_as<toml::array>("events");
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string key = fmt::format("events[{}]", i);
    const toml::table* t = list->get(i)->as_table();
    if (t == nullptr) throw BadCase(key + ": expected { kind = ..., on = ... }");
    auto kind = parse_obligation_event_kind(to_text(t->get("kind"), key + ".kind"));
    if (!kind) throw BadCase(key + ".kind: " + kind.error().message());
    ObligationEvent e;
    e.id = static_cast<std::int64_t>(i) + 1;
    e.kind = *kind;
    e.on = to_date(t->get("on"), key + ".on");
    e.reason = opt_text(*t, "reason");
    e.commune = opt_text(*t, "commune");
    e.evidence = opt_text(*t, "evidence");
    out.push_back(e);
  }
  // In date order, as the store gives them.
  std::stable_sort(out.begin(), out.end(), [](const ObligationEvent& a, const ObligationEvent& b) { return a.on < b.on; });
  return out;
}

// received = [{ on = DATE, amount = "..." }, ...], or
// monthly = { first = DATE, count = N, amount = "..." }: N payments on the
// same day of consecutive months.
std::vector<ReceivedPayment> read_received(const toml::table& c) {
  std::vector<ReceivedPayment> out;
  if (const toml::array* list = c.get_as<toml::array>("received"))
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string key = fmt::format("received[{}]", i);
      const toml::table* t = list->get(i)->as_table();
      if (t == nullptr) throw BadCase(key + ": expected { on = DATE, amount = \"...\" }");
      out.push_back({to_money(t->get("amount"), key + ".amount"), to_date(t->get("on"), key + ".on")});
    }
  if (const toml::table* m = c.get_as<toml::table>("monthly")) {
    const Date first = to_date(m->get("first"), "monthly.first");
    const auto* count = m->get_as<std::int64_t>("count");
    if (count == nullptr) throw BadCase("monthly.count: expected an integer");
    const Money amount = to_money(m->get("amount"), "monthly.amount");
    for (int k = 0; k < static_cast<int>(count->get()); ++k)
      out.push_back({amount, add_months(first, k, MonthEnd::kClamp)});
  }
  return out;
}

// The clawback of the case, or the error text the library returned.
Result<Clawback> run(const toml::table& c) {
  const std::vector<std::string> paths = rule_paths(c);
  const std::string scheme_id = to_text(c.get("scheme"), "scheme");
  const Date signed_on = to_date(c.get("signed_on"), "signed_on");
  auto book = load_rule_book(paths);
  if (!book) return book.error();
  auto found = book->find(scheme_id);
  if (!found) throw BadCase(fmt::format("scheme \"{}\" is in none of the rule files", scheme_id));
  const SchemePeriod* period = found->scheme->in_force(signed_on);
  if (period == nullptr) throw BadCase(fmt::format("{} has no period in force on {}", scheme_id, format_date(signed_on)));

  ClawbackCase k;
  k.policy = period->clawback;
  k.terms = obligation_terms(period->obligation, signed_on, found->file->code);
  k.events = read_events(c);
  k.received = read_received(c);
  if (const toml::table* u = c.get_as<toml::table>("unpaid")) {
    const auto* count = u->get_as<std::int64_t>("count");
    if (count == nullptr) throw BadCase("unpaid.count: expected an integer");
    k.unpaid_count = static_cast<int>(count->get());
    k.unpaid = to_money(u->get("amount"), "unpaid.amount");
  }
  k.breach = to_date(c.get("breach"), "breach");
  k.waiver = opt_text(c, "waiver");
  return compute_clawback(k);
}

void compare(const toml::table& expected, const Result<Clawback>& out, Diff& diff) {
  if (expected.contains("error")) {
    diff.check("error", to_text(expected.get("error"), "expected.error"),
               out ? "(no error: the clawback was computed)" : out.error().to_string());
    return;
  }
  if (!out) {
    diff.fail(fmt::format("unexpected error:\n  {}", out.error().to_string()));
    return;
  }
  if (expected.contains("amount"))
    diff.check("amount", to_money(expected.get("amount"), "expected.amount").to_string(), out->amount.to_string());
  if (expected.contains("received"))
    diff.check("received", to_money(expected.get("received"), "expected.received").to_string(),
               out->received.to_string());
  if (expected.contains("formula")) diff.check("formula", to_text(expected.get("formula"), "expected.formula"), out->formula);
  if (const toml::array* lines = expected.get_as<toml::array>("explanation")) {
    for (std::size_t i = 0; i < lines->size() || i < out->explanation.size(); ++i) {
      const std::string what = fmt::format("explanation line {}", i + 1);
      const std::string actual = i < out->explanation.size()
                                     ? out->explanation[i].label + ": " + out->explanation[i].text
                                     : "(none)";
      diff.check(what, i < lines->size() ? to_text(lines->get(i), what) : "(none)", actual);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  return run_case_file(argc, argv, [](const toml::table& c, const toml::table& expected, Diff& diff) {
    compare(expected, run(c), diff);
  });
}
