// What the service files share: loading a record a user named, with the
// NotFound error they all give. Private to the library.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "grants/rules.h"
#include "grants/store.h"

namespace grants::detail {

inline Result<Agreement> load_agreement(Store& store, std::int64_t id) {
  return existing(store.find_agreement(id), fmt::format("convention {}", id));
}

// The treasury account of the [payer] of a scheme's rule file: credited
// when its payments are made, debited when money is recovered.
inline Result<std::string> treasury_of(const RuleBook& rules, const std::string& scheme_id) {
  auto found = rules.find(scheme_id);
  if (!found) return Error::InvalidInput(fmt::format("scheme \"{}\" is in no rule file loaded", scheme_id));
  if (!found->file->payer)
    return Error::InvalidInput(
        fmt::format("{} has no [payer] section: its treasury account is unknown", found->file->path));
  return found->file->payer->account;
}

// True when `s` holds nothing but spaces and tabs.
inline bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

// The check of every command that takes --reason.
inline Status require_reason(const std::string& reason) {
  if (blank(reason)) return Error::InvalidInput("a reason is required (--reason)");
  return Ok();
}

// InvalidInput when `on`, given as `option`, is before convention `id` was
// signed on `signed_on`: the convention did not run, nor bind, before.
inline Status not_before_signature(std::string_view option, Date on, std::int64_t id, Date signed_on) {
  if (on >= signed_on) return Ok();
  return Error::InvalidInput(fmt::format("option {}: {} is before convention {} was signed, on {}", option,
                                         format_date(on), id, format_date(signed_on)));
}

// InvalidInput, naming `option`, when `on` cannot be the day a schedule of
// `g` is suspended from or terminated, recorded on `today`: before the
// signature, more than a month ahead of today (event_date in
// batch_service.cpp), or before the convention last resumed (the months
// that resumption moved would be moved again, or left owed by a
// termination). agreement suspend and terminate, and the clawback decision
// that terminates the convention, all check their date with it.
Status interruption_date(std::string_view option, Date on, const Agreement& g, Date today);

}  // namespace grants::detail
