// Anti-cumul conditions at application: no aid of the same kind within N
// years of the last convention's signature, and no département bursary with
// a CESP signed or requested from a date. Runs on the shipped rule files.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "grants/eligibility.h"
#include "testing.h"

using namespace grants;
using grants::testing::day;

namespace {

const RuleFile& loir_et_cher() {
  static const RuleFile file = *load_rules_file(std::string(GRANTS_SOURCE_DIR) + "/rules/loir-et-cher.toml");
  return file;
}

const Scheme& scheme(std::string_view id) {
  for (const auto& s : loir_et_cher().schemes)
    if (s.id == id) return s;
  FAIL("no scheme " << id);
  return loir_et_cher().schemes.front();
}

Beneficiary person(std::string profession) {
  Beneficiary b;
  b.ref = "B-0012";
  b.profession = std::move(profession);
  b.commune = "41269";
  return b;
}

// The condition named `name`, if checked (a copy: the list is a temporary).
std::optional<Condition> find(const std::vector<Condition>& cs, std::string_view name) {
  for (const auto& c : cs)
    if (c.name == name) return c;
  return std::nullopt;
}

}  // namespace

TEST_CASE("anti-cumul: no installation aid of the same kind within ten years, from 15 March 2025") {
  const Beneficiary b = person("physiotherapist");
  EligibilityInput in{&b, day("2025-06-02"), std::nullopt, day("2025-07-01"), Money::from_cents(500000)};
  in.conventions = {{9, "loir-et-cher/equipment-aid", SchemeKind::kEquipmentAid, day("2025-02-24")},
                    {3, "loir-et-cher/intern-bursary", SchemeKind::kBursary, day("2020-10-22")}};
  const auto cs = check_eligibility(loir_et_cher(), scheme("loir-et-cher/equipment-aid"), in);
  const std::optional<Condition> c = find(cs, "anti-cumul");
  REQUIRE(c);
  CHECK_FALSE(c->met);
  CHECK(c->why ==
        "convention 9 (loir-et-cher/equipment-aid) signed on 2025-02-24: no new equipment-aid within 10 years of "
        "it, that is before 2035-02-24");

  in.conventions.front().signed_on = day("2015-06-01");
  const std::optional<Condition> old = find(check_eligibility(loir_et_cher(), scheme("loir-et-cher/equipment-aid"), in), "anti-cumul");
  REQUIRE(old);
  CHECK(old->met);
  CHECK(old->why ==
        "the last equipment-aid convention, convention 9 (loir-et-cher/equipment-aid) signed on 2015-06-01, is more "
        "than 10 years before 2025-06-02");

  in.conventions.pop_back();
  in.conventions.front().kind = SchemeKind::kBursary;  // another kind does not count
  const std::optional<Condition> other = find(check_eligibility(loir_et_cher(), scheme("loir-et-cher/equipment-aid"), in), "anti-cumul");
  CHECK(other->met);
  CHECK(other->why == "no equipment-aid convention signed before");
}

TEST_CASE("anti-cumul: applications before 15 March 2025 are not checked") {
  const Beneficiary b = person("physiotherapist");
  EligibilityInput in{&b, day("2025-03-14"), std::nullopt, day("2025-04-01"), Money::from_cents(500000)};
  in.conventions = {{9, "loir-et-cher/equipment-aid", SchemeKind::kEquipmentAid, day("2025-02-24")}};
  CHECK_FALSE(find(check_eligibility(loir_et_cher(), scheme("loir-et-cher/equipment-aid"), in), "anti-cumul"));
}

TEST_CASE("anti-cumul: no intern bursary with a CESP signed or requested from 16 January 2026") {
  const Beneficiary b = person("general-medicine-intern");
  EligibilityInput in{&b, day("2026-03-02"), std::nullopt, day("2026-05-01"), std::nullopt};
  const auto& s = scheme("loir-et-cher/intern-bursary");
  const std::optional<Condition> none = find(check_eligibility(loir_et_cher(), s, in), "CESP");
  REQUIRE(none);
  CHECK(none->met);
  CHECK(none->why == "no CESP signed or requested from 2026-01-16");

  in.cesp = {{1, 0, CespStatus::kRequested, day("2025-12-01"), "ARS-CVL-2025-118", day("2026-03-02")}};
  const std::optional<Condition> before = find(check_eligibility(loir_et_cher(), s, in), "CESP");
  CHECK(before->met);
  CHECK(before->why == "CESP requested on 2025-12-01, before 2026-01-16: it may be combined");

  in.cesp.push_back({2, 0, CespStatus::kSigned, day("2026-01-16"), "", day("2026-03-02")});
  const std::optional<Condition> signed_after = find(check_eligibility(loir_et_cher(), s, in), "CESP");
  CHECK_FALSE(signed_after->met);
  CHECK(signed_after->why ==
        "CESP signed on 2026-01-16: the aid cannot be combined with a CESP signed or requested from 2026-01-16");

  in.on = day("2026-01-15");  // submitted before the date: nothing to check
  CHECK_FALSE(find(check_eligibility(loir_et_cher(), s, in), "CESP"));
}
