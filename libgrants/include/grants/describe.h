// A rule period's parameters as `grants rules show` gives them: sentences
// for a person (the table), data for a script (JSON, CSV). Both are read
// from the same parsed SchemePeriod, never from each other. Pure; no I/O.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "grants/rules.h"

namespace grants {

// The parameters of one period as labelled lines, in a fixed order, for
// display: e.g. {"amount", "500,00 € per month × 24 months = 12 000,00 €"}.
std::vector<std::pair<std::string, std::string>> describe_period(const RuleFile& file, const Scheme& scheme,
                                                                 const SchemePeriod& period);

// One value of the data: a leaf in its machine form, or a list or an
// object of values.
struct ParamValue {
  enum class Kind { kNull, kText, kInteger, kBool, kList, kObject };
  Kind kind = Kind::kNull;
  // A leaf: an id or enum name as rule files spell it ("half-even"), an
  // amount ("500.00"), a date ("2024-10-15"), a rate as an exact fraction
  // in lowest terms ("4/5", "1"), a whole number ("24"), "true" or "false".
  std::string text;
  // kList (names empty) and kObject: the values in order.
  std::vector<std::pair<std::string, ParamValue>> members;
};

// The parameters of one period as an object of values named as the rule
// file's keys ("amount" -> "monthly"), with what identifies them (scheme,
// period, rule file and its SHA-256). Every key is there whatever the
// period: one its amount type or clawback formula does not read, or that
// the file leaves out and that has no default (a cap, a recovery account),
// is null; defaults are given as applied (day 5, rounding half-even, the
// whole award paid at the start). `amount.award` is fixed_award()'s.
ParamValue period_data(const RuleFile& file, const Scheme& scheme, const SchemePeriod& period);

}  // namespace grants
