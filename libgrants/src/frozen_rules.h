// The rule versions conventions were signed under, read back from the
// database (Store::find_rule_file) and parsed once each. A convention's
// obligation and clawback policy come from here, never from the current rule
// files. Private to the library; used by one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "grants/rules.h"
#include "grants/store.h"

namespace grants::detail {

class FrozenRules {
 public:
  explicit FrozenRules(Store& store) : store_(store) {}

  struct Found {
    const RuleFile* file = nullptr;
    const Scheme* scheme = nullptr;
    const SchemePeriod* period = nullptr;
  };
  // The period starting on `period_from` of scheme `scheme_id`, in the rule
  // file stored under `sha256`. Integrity error, naming the convention, when
  // the file is not stored, no longer parses, or lacks the scheme or period.
  Result<Found> find(std::int64_t agreement_id, std::string_view sha256, std::string_view scheme_id,
                     Date period_from);
  Result<Found> find(const Agreement& g) { return find(g.id, g.rule_sha256, g.scheme_id, g.rule_period_from); }
  // The same, by ObligationRecord::rule_version. Conventions of one rule
  // version come in runs, so the last one found is checked first.
  Result<Found> find(std::int64_t agreement_id, const std::string& rule_version);

 private:
  Store& store_;
  std::map<std::string, RuleFile, std::less<>> files_;  // by sha256
  std::map<std::string, Found, std::less<>> versions_;  // by rule_version
  std::string last_version_;
  Found last_;
};

}  // namespace grants::detail
