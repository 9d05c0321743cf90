#include "frozen_rules.h"

#include <fmt/format.h>

namespace grants::detail {

Result<FrozenRules::Found> FrozenRules::find(std::int64_t agreement_id, std::string_view sha256,
                                             std::string_view scheme_id, Date period_from) {
  auto bad = [&](std::string why) {
    return Error::Integrity(fmt::format("convention {}: its rule file {} {}", agreement_id, sha256, why));
  };
  auto it = files_.find(sha256);
  if (it == files_.end()) {
    auto stored = store_.find_rule_file(sha256);
    if (!stored) return stored.error();
    if (!*stored) return bad("is not stored");
    auto parsed = parse_rules((*stored)->content, (*stored)->name, RuleChecks::kStored);
    if (!parsed) return bad("no longer parses: " + parsed.error().to_string());
    it = files_.emplace(std::string(sha256), std::move(*parsed)).first;
  }
  for (const Scheme& s : it->second.schemes) {
    if (s.id != scheme_id) continue;
    for (const SchemePeriod& p : s.periods)
      if (p.from == period_from) return Found{&it->second, &s, &p};
    return bad(fmt::format("has no period of {} from {}", scheme_id, format_date(period_from)));
  }
  return bad(fmt::format("has no scheme {}", scheme_id));
}

Result<FrozenRules::Found> FrozenRules::find(std::int64_t agreement_id, const std::string& rule_version) {
  if (last_.period != nullptr && rule_version == last_version_) return last_;
  auto known = versions_.find(rule_version);
  if (known == versions_.end()) {
    auto parts = split_rule_version(rule_version);
    auto from = parts ? parse_date(parts->period_from) : Result<Date>(Error::InvalidInput("too short"));
    if (!from)
      return Error::Integrity(
          fmt::format("convention {}: rule version \"{}\" cannot be read", agreement_id, rule_version));
    auto found = find(agreement_id, parts->rule_sha256, parts->scheme_id, *from);
    if (!found) return found.error();
    known = versions_.emplace(rule_version, *found).first;
  }
  last_version_ = rule_version;
  last_ = known->second;
  return last_;
}

}  // namespace grants::detail
