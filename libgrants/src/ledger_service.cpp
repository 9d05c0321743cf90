#include "grants/ledger_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "ascii.h"
#include "grants/rules.h"

namespace grants {

Result<ChainAnchor> parse_chain_anchor(std::string_view text) {
  const auto refuse = [&] {
    return Error::InvalidInput(
        fmt::format("anchor \"{}\": expected N:HASH, an entry number and its 64-digit hash, as an "
                    "export gives them",
                    text));
  };
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 18) return refuse();
  ChainAnchor anchor;
  for (char c : text.substr(0, colon)) {
    if (!ascii::is_digit(c)) return refuse();
    anchor.seq = anchor.seq * 10 + (c - '0');
  }
  // A hash copied from a tool that writes hex in capitals is the same
  // hash: compared in the lower case the ledger keeps.
  anchor.hash = ascii::lowered(std::string(text.substr(colon + 1)));
  const bool hex =
      anchor.hash.size() == 64 && std::all_of(anchor.hash.begin(), anchor.hash.end(), [](char c) {
        return ascii::is_digit(c) || (c >= 'a' && c <= 'f');
      });
  if (anchor.seq < 1 || !hex) return refuse();
  return anchor;
}

// Streams the chain through a ChainVerifier: constant memory however long
// the ledger. A lookup failure while diagnosing is reported as such.
Result<ChainCheck> verify_ledger(Store& store, const std::optional<ChainAnchor>& anchor) {
  std::optional<Error> lookup_failed;
  ChainVerifier verifier([&](const std::string& hash) {
    auto found = store.ledger_has_hash(hash);
    if (!found) {
      lookup_failed = found.error();
      return false;
    }
    return *found;
  });
  std::string anchored;        // the stored hash of the anchor's entry
  std::int64_t holder = 0;     // the entry that has the anchor's hash, if any
  // A row that does not read is a changed entry, not a failure to read.
  auto st = store.for_each_ledger_entry(
      std::nullopt, std::nullopt, Store::LedgerIbans::kLeftOut,
      [&](const LedgerEntry& e, const std::string&) {
        if (anchor && e.seq == anchor->seq) anchored = e.hash;
        if (anchor && e.hash == anchor->hash) holder = e.seq;
        verifier.add(e);
      },
      [&](const LedgerEntry& e, const std::string& why) { verifier.add_unreadable(e, why); });
  if (!st) return st.error();
  if (lookup_failed) return *lookup_failed;
  ChainCheck check = verifier.finish();
  if (!check.ok || !anchor) return check;
  // The chain verified: its seqs run 1..entries and its stored hashes are
  // the computed ones.
  if (anchored == anchor->hash) return check;
  // A hash covers its entry's seq, so no rewriting moves a hash to another
  // entry: the anchor paired a hash with the wrong number, and telling the
  // auditor the ledger was rewritten or cut would be a false alarm.
  if (holder != 0)
    return Error::InvalidInput(fmt::format(
        "anchor \"{}:{}\": the ledger holds that hash as entry {}, not {}: the anchor pairs the hash with "
        "another entry's number ({}:{})",
        anchor->seq, anchor->hash, holder, anchor->seq, holder, anchor->hash));
  if (check.entries < anchor->seq) {
    check.ok = false;
    check.first_bad = check.entries + 1;
    check.problem =
        fmt::format("entry {}: missing, the ledger ends at entry {} (entries removed from its end)",
                    anchor->seq, check.entries);
  } else {
    check.ok = false;
    check.first_bad = anchor->seq;
    check.problem = fmt::format(
        "entry {}: hash {}, not the anchor's {} (the ledger was rewritten at or before entry {})",
        anchor->seq, anchored, anchor->hash, anchor->seq);
  }
  return check;
}

namespace {

// "Loir-et-Cher / Vienne": the départements of the rule files stored under
// `rule_files` (SHA-256), sorted and distinct.
Result<std::string> departements_of(Store& store, const std::set<std::string>& rule_files) {
  std::set<std::string> names;
  for (const std::string& sha256 : rule_files) {
    auto stored = store.find_rule_file(sha256);
    if (!stored) return stored.error();
    if (!*stored)
      return Error::Integrity(fmt::format("the ledger's rule file {} is not stored: nothing exported", sha256));
    auto parsed = parse_rules((*stored)->content, (*stored)->name, RuleChecks::kStored);
    if (!parsed)
      return Error::Integrity(fmt::format("the ledger's rule file {} ({}) no longer parses: nothing exported",
                                          sha256, (*stored)->name));
    names.insert(parsed->departement);
  }
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : " / ") + name;
  return out;
}

}  // namespace

Result<ChainCheck> export_ledger(Store& store, const LedgerExportRequest& r, std::ostream& out) {
  if (r.to < r.from)
    return Error::InvalidInput(
        fmt::format("--to {} is before --from {}", format_date(r.to), format_date(r.from)));
  // The chain and both passes over the period read one snapshot: a batch
  // committed meanwhile cannot slip entries between them.
  auto snapshot = store.begin_read();
  if (!snapshot) return snapshot.error();
  auto chain = verify_ledger(store);
  if (!chain) return chain.error();
  if (!chain->ok)
    return Error::Integrity(
        fmt::format("the ledger does not verify ({}): nothing exported", chain->problem));

  LedgerExportCheck check(r.format);
  std::set<std::string> rule_files;  // a handful: one per rule version
  auto st = store.for_each_ledger_entry(
      r.from, r.to, Store::LedgerIbans::kLeftOut,
      [&](const LedgerEntry& e, const std::string&) {
        check.add(e);
        rule_files.insert(e.rule_sha256);
      },
      nullptr);
  if (!st) return st.error();
  if (st = check.status(); !st) return st.error();
  auto departements = departements_of(store, rule_files);
  if (!departements) return departements.error();

  const LedgerExportHeader header = check.complete(
      {*departements, r.from, r.to, r.iban_display, chain->last_hash, chain->entries, 0, {}});
  auto writer = ledger_writer(r.format, header, out);
  if (!writer) return writer.error();
  // A stream that fails (a full disk) stops the writing; the rest of the
  // entries are only read.
  const Error not_written = Error::InvalidInput(fmt::format(
      "ledger export from {} to {} not written: writing it out failed", format_date(r.from), format_date(r.to)));
  Status written = Ok();
  st = store.for_each_ledger_entry(r.from, r.to, Store::LedgerIbans::kIncluded,
                                   [&](const LedgerEntry& e, const std::string& iban) {
                                     if (written) written = out ? (*writer)->add(e, iban) : not_written;
                                   },
                                   nullptr);
  if (!st) return st.error();
  if (!written) return written.error();
  if (st = (*writer)->finish(); !st) return st.error();
  if (!out.flush()) return not_written;
  return chain;
}

}  // namespace grants
