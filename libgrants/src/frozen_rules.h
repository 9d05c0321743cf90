// The rule versions conventions were signed under, read back from the
// database (Store::find_rule_file) and parsed once each. A convention's
// obligation and clawback policy come from here, never from the current rule
// files. Private to the library; used by one thread at a time.
#pragma once

#include <map>
#include <string>

#include "grants/rules.h"
#include "grants/store.h"

namespace grants::detail {

class FrozenRules {
 public:
  explicit FrozenRules(Store& store) : store_(store) {}

  // The period starting on `period_from` of scheme `scheme_id`, in the rule
  // file stored under `sha256`. Integrity error, naming the convention, when
  // the file is not stored, no longer parses, or lacks the scheme or period.
  Result<const SchemePeriod*> period(std::int64_t agreement_id, const std::string& sha256,
                                     const std::string& scheme_id, Date period_from);
  Result<const SchemePeriod*> period(const Agreement& g) {
    return period(g.id, g.rule_sha256, g.scheme_id, g.rule_period_from);
  }

 private:
  Store& store_;
  std::map<std::string, RuleFile> files_;  // by sha256
  // The last period found, and its key: conventions of one scheme and rule
  // version come in runs.
  std::string last_sha_, last_scheme_;
  Date last_from_;
  const SchemePeriod* last_ = nullptr;
};

}  // namespace grants::detail
