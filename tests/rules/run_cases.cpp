// Runs one rule-data case (format: tests/rules/README.md): loads the rule
// files the case names, computes the award for its input with the period in
// force on the signature date, and compares with the expected output.
//
// Exit status: 0 when the case passes; 1 on a mismatch, after printing each
// difference; 2 when the case file itself is malformed.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../case_file.h"
#include "grants/award.h"
#include "grants/rules.h"

namespace {

using namespace grants;
using namespace grants::cases;

std::optional<Date> opt_date(const toml::table& t, std::string_view k) {
  return t.contains(k) ? std::optional(to_date(t.get(k), k)) : std::nullopt;
}

// An expected instalment: ["due", "amount"] or ["due", "amount", "covers_from", "covers_to"].
struct Expected {
  std::string due, amount, covers_from, covers_to;
};

Expected to_expected(const toml::node* n, std::string_view key) {
  const toml::array* a = n != nullptr ? n->as_array() : nullptr;
  if (a == nullptr || (a->size() != 2 && a->size() != 4))
    throw BadCase(fmt::format(
        "{}: expected [\"due\", \"amount\"] or [due, amount, covers_from, covers_to]", key));
  Expected e{to_text(a->get(0), key), to_money(a->get(1), key).to_string(), "", ""};
  if (a->size() == 4) {
    e.covers_from = to_text(a->get(2), key);
    e.covers_to = to_text(a->get(3), key);
  }
  return e;
}

std::string show(const Expected& e) {
  return e.covers_from.empty()
             ? fmt::format("{} {}", e.due, e.amount)
             : fmt::format("{} {} ({}..{})", e.due, e.amount, e.covers_from, e.covers_to);
}

// The actual instalment in the same shape as the expected one.
Expected actual_like(const Instalment& i, const Expected& shape) {
  Expected a{format_date(i.due), i.amount.to_string(), "", ""};
  if (!shape.covers_from.empty()) {
    a.covers_from = format_date(i.covers_from);
    a.covers_to = format_date(i.covers_to);
  }
  return a;
}

// The schedule of the case, or the error text the library returned.
struct Outcome {
  std::optional<Schedule> schedule;
  std::string error;
  std::optional<Date> period_from;
};

Outcome run(const toml::table& c) {
  const std::vector<std::string> paths = rule_paths(c);
  const std::string scheme_id = to_text(c.get("scheme"), "scheme");
  const toml::table* in = c.get_as<toml::table>("input");
  if (in == nullptr) throw BadCase("[input] is missing");

  AwardInput input;
  input.profession = to_text(in->get("profession"), "input.profession");
  input.signed_on = to_date(in->get("signed_on"), "input.signed_on");
  input.start = opt_date(*in, "start");
  if (const auto* y = in->get_as<std::int64_t>("study_year"))
    input.study_year = static_cast<int>(y->get());
  if (in->contains("expenses")) input.expenses = to_money(in->get("expenses"), "input.expenses");

  auto book = load_rule_book(paths);
  if (!book) return {std::nullopt, book.error().to_string(), std::nullopt};
  auto found = book->require(scheme_id);
  if (!found) return {std::nullopt, found.error().message(), std::nullopt};
  const SchemePeriod* period = found->scheme->in_force(input.signed_on);
  if (period == nullptr) return {std::nullopt, found->scheme->not_in_force(input.signed_on), std::nullopt};
  auto schedule = compute_award(*period, input);
  if (!schedule) return {std::nullopt, schedule.error().to_string(), period->from};
  return {std::move(*schedule), "", period->from};
}

void compare(const toml::table& expected, const Outcome& out, Diff& diff) {
  if (expected.contains("error")) {
    diff.check("error", to_text(expected.get("error"), "expected.error"),
               out.schedule ? "(no error: the award was computed)" : out.error);
    return;
  }
  if (!out.schedule) {
    diff.fail(fmt::format("unexpected error:\n  {}", out.error));
    return;
  }
  const Schedule& s = *out.schedule;
  if (auto from = opt_date(expected, "period_from"))
    diff.check("period_from", format_date(*from),
               out.period_from ? format_date(*out.period_from) : "(none)");
  if (expected.contains("award"))
    diff.check("award", to_money(expected.get("award"), "expected.award").to_string(),
               s.award.to_string());
  diff.check("total of the instalments", s.award.to_string(), s.total().to_string());
  if (const auto* n = expected.get_as<std::int64_t>("count"))
    diff.check("count", std::to_string(n->get()), std::to_string(s.instalments.size()));
  if (s.instalments.empty()) return;
  for (std::string_view k : {"first", "last"}) {
    if (!expected.contains(k)) continue;
    const Expected e = to_expected(expected.get(k), k);
    const Instalment& i = k == "first" ? s.instalments.front() : s.instalments.back();
    diff.check(k, show(e), show(actual_like(i, e)));
  }
  if (const auto* list = expected.get_as<toml::array>("instalments")) {
    for (std::size_t n = 0; n < list->size() || n < s.instalments.size(); ++n) {
      const std::string what = fmt::format("instalment {}", n + 1);
      if (n >= list->size()) {
        diff.check(what, "(none)", show(actual_like(s.instalments[n], {})));
      } else {
        const Expected e = to_expected(list->get(n), what);
        diff.check(what, show(e),
                   n < s.instalments.size() ? show(actual_like(s.instalments[n], e)) : "(none)");
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  return run_case_file(argc, argv, [](const toml::table& c, const toml::table& expected, Diff& diff) {
    compare(expected, run(c), diff);
  });
}
