#include "frozen_rules.h"

#include <fmt/format.h>

namespace grants::detail {

Result<const SchemePeriod*> FrozenRules::period(std::int64_t agreement_id, const std::string& sha256,
                                                const std::string& scheme_id, Date period_from) {
  if (last_ != nullptr && period_from == last_from_ && sha256 == last_sha_ && scheme_id == last_scheme_)
    return last_;
  auto bad = [&](std::string why) {
    return Error::Integrity(fmt::format("convention {}: its rule file {} {}", agreement_id, sha256, why));
  };
  auto it = files_.find(sha256);
  if (it == files_.end()) {
    auto stored = store_.find_rule_file(sha256);
    if (!stored) return stored.error();
    if (!*stored) return bad("is not stored");
    auto parsed = parse_rules((*stored)->content, (*stored)->name);
    if (!parsed) return bad("no longer parses: " + parsed.error().to_string());
    it = files_.emplace(sha256, std::move(*parsed)).first;
  }
  for (const Scheme& s : it->second.schemes) {
    if (s.id != scheme_id) continue;
    for (const SchemePeriod& p : s.periods)
      if (p.from == period_from) {
        last_sha_ = sha256;
        last_scheme_ = scheme_id;
        last_from_ = period_from;
        last_ = &p;
        return last_;
      }
    return bad(fmt::format("has no period of {} from {}", scheme_id, format_date(period_from)));
  }
  return bad(fmt::format("has no scheme {}", scheme_id));
}

}  // namespace grants::detail
