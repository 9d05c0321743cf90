#include "grants/ledger.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "grants/digest.h"
#include "enum_names.h"

namespace grants {

namespace {

constexpr detail::Name<EntryKind> kKindNames[] = {
    {"payment", EntryKind::kPayment},
    {"settlement", EntryKind::kSettlement},
    {"return", EntryKind::kReturn},
    {"cancellation", EntryKind::kCancellation},
    {"clawback", EntryKind::kClawback},
    {"receipt", EntryKind::kReceipt},
};

// The escape is injective, so two different entries never share a canonical
// text: '|' separates fields and a raw newline would end the line.
void append_escaped(std::string& out, std::string_view text) {
  const auto has = [text](char c) { return std::memchr(text.data(), c, text.size()) != nullptr; };
  if (!has('|') && !has('\\') && !has('\n')) {
    out += text;  // the common case: nothing to escape
    return;
  }
  for (char c : text) {
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

// How far past its claimed seq we look for the seq an entry's hash really
// covers (see recovered_seq). Each try is one SHA-256 of a short line, and
// it only runs once, for the first bad entry.
constexpr std::int64_t kMaxRenumbering = 1000;

// When an entry's hash does not match but would match with a larger seq,
// the entry was renumbered down, i.e. entries before it were deleted and the
// rest renumbered to hide the gap. Returns that original seq.
std::optional<std::int64_t> recovered_seq(const LedgerEntry& e) {
  LedgerEntry probe = e;
  for (std::int64_t delta = 1; delta <= kMaxRenumbering; ++delta) {
    probe.seq = e.seq + delta;
    if (entry_hash(e.prev_hash, probe) == e.hash) return probe.seq;
  }
  return std::nullopt;
}

std::string changed(const LedgerEntry& e, const std::string& unreadable) {
  if (!unreadable.empty())
    return "entry " + std::to_string(e.seq) + ": its content does not read (changed): " + unreadable;
  return "entry " + std::to_string(e.seq) + ": hash does not match its content (changed)";
}

std::string deleted(std::int64_t prev_seq, std::int64_t next_seq) {
  return "entry " + std::to_string(prev_seq + 1) + ": sequence jumps from " +
         std::to_string(prev_seq) + " to " + std::to_string(next_seq) + " (deleted)";
}

std::string misplaced(const LedgerEntry& e, const LedgerEntry* prev) {
  const std::string before =
      prev ? "entry " + std::to_string(prev->seq) : std::string("the genesis hash");
  return "entry " + std::to_string(e.seq) + ": previous hash does not match " + before +
         " (inserted or reordered)";
}

struct Problem {
  std::int64_t first_bad;
  std::string text;
};

// Diagnoses entry `e`, which follows `prev` (nullptr for the first entry)
// and is followed by `next` (nullptr for the last). `is_listed` says whether
// a hash is that of an entry of the list; `unreadable`, when not empty, why
// a stored value of `e` does not parse (its content cannot match). Returns
// nothing when `e` chains correctly.
//
// Three facts are checked: the seq follows prev's, the stored prev_hash is
// prev's hash, and the stored hash covers the content. A tamper usually
// breaks several at once, so the cause is chosen in this order:
//  1. A seq gap is a deletion, unless the entry's prev_hash is the hash of
//     an entry still in the list: then that entry was moved (reordered).
//     When that entry is prev itself, the entry was not moved: it had its
//     seq changed if its hash matches with the seq after prev's, else the
//     entries between were deleted and it was linked to prev.
//  2. A seq that does not increase is an insertion or a reordering.
//  3. With a continuous seq and a matching prev_hash, a wrong hash means the
//     content changed, unless the next entry also points back to prev: then
//     this entry was slotted in between (inserted, its hash forged).
//  4. With a continuous seq but a foreign prev_hash, a genuine (self-
//     consistent) entry follows an intruder or a reordering; a broken one
//     had its prev_hash edited (changed) if the hash matches with the right
//     prev_hash, was renumbered after a deletion if its hash covers a larger
//     seq and its prev_hash is no listed entry's hash, and otherwise does not
//     belong here (inserted or reordered).
std::optional<Problem> diagnose(const LedgerEntry& e, const LedgerEntry* prev,
                                const LedgerEntry* next,
                                const std::function<bool(const std::string&)>& is_listed,
                                const std::string& unreadable) {
  const std::int64_t prev_seq = prev ? prev->seq : 0;
  const std::string& prev_hash = prev ? prev->hash : genesis_hash();
  const bool content_ok = unreadable.empty() && entry_hash(e.prev_hash, e) == e.hash;
  const bool linked = e.prev_hash == prev_hash;
  if (e.seq == prev_seq + 1 && linked && content_ok) return std::nullopt;

  if (e.seq > prev_seq + 1) {
    if (linked) {
      LedgerEntry renumbered = e;
      renumbered.seq = prev_seq + 1;
      if (unreadable.empty() && entry_hash(e.prev_hash, renumbered) == e.hash)
        return Problem{e.seq, changed(e, unreadable)};
      return Problem{prev_seq + 1, deleted(prev_seq, e.seq)};
    }
    if (is_listed(e.prev_hash)) return Problem{e.seq, misplaced(e, prev)};
    return Problem{prev_seq + 1, deleted(prev_seq, e.seq)};
  }
  if (e.seq <= prev_seq) return Problem{e.seq, misplaced(e, prev)};
  if (linked) {
    if (next && next->prev_hash == e.prev_hash) return Problem{e.seq, misplaced(e, prev)};
    return Problem{e.seq, changed(e, unreadable)};
  }
  if (content_ok) return Problem{e.seq, misplaced(e, prev)};
  if (unreadable.empty() && entry_hash(prev_hash, e) == e.hash) return Problem{e.seq, changed(e, unreadable)};
  if (unreadable.empty() && !is_listed(e.prev_hash)) {
    if (auto original = recovered_seq(e))
      return Problem{prev_seq + 1, deleted(prev_seq, *original)};
  }
  return Problem{e.seq, misplaced(e, prev)};
}

}  // namespace

std::string_view to_string(EntryKind k) { return detail::name_of(kKindNames, k); }

Result<EntryKind> parse_entry_kind(std::string_view text) {
  if (auto k = detail::find_name(kKindNames, text)) return *k;
  std::string names;
  for (const auto& n : kKindNames) {
    names += names.empty() ? "" : ", ";
    names += n.name;
  }
  return Error::InvalidInput("unknown ledger entry kind \"" + std::string(text) +
                             "\" (expected one of: " + names + ")");
}

namespace {

void append_canonical(std::string& out, const LedgerEntry& e) {
  out += std::to_string(e.seq);
  const auto field = [&out](std::string_view text) {
    out += '|';
    append_escaped(out, text);
  };
  field(format_date(e.date));
  field(to_string(e.kind));
  field(e.debit);
  field(e.credit);
  field(e.amount.to_string());
  field(e.beneficiary_ref);
  field(std::to_string(e.agreement_id));
  field(std::to_string(e.batch_id));
  field(std::to_string(e.payment_id));
  field(e.scheme_id);
  field(e.rule_sha256);
  field(e.label);
}

}  // namespace

std::string canonical_text(const LedgerEntry& e) {
  std::string out;
  out.reserve(256);
  append_canonical(out, e);
  return out;
}

std::string entry_hash(const std::string& prev_hash, const LedgerEntry& e) {
  // One buffer per thread, reused: hashing a batch's entries allocates
  // nothing but the hashes.
  thread_local std::string text;
  text.assign(prev_hash);
  text += '\n';
  append_canonical(text, e);
  return sha256_hex(text);
}

const std::string& genesis_hash() {
  static const std::string kGenesis(64, '0');
  return kGenesis;
}

void chain_entries(std::vector<LedgerEntry>& entries, const std::string& prev,
                   std::int64_t prev_seq) {
  const std::string* prev_hash = &prev;
  for (auto& e : entries) {
    e.seq = ++prev_seq;
    e.prev_hash = *prev_hash;
    e.hash = entry_hash(e.prev_hash, e);
    prev_hash = &e.hash;
  }
}

ChainVerifier::ChainVerifier(std::function<bool(const std::string&)> is_listed)
    : is_listed_(std::move(is_listed)) {
  check_.last_hash = genesis_hash();
}

void ChainVerifier::examine(const LedgerEntry* next) {
  if (auto problem = diagnose(*current_, prev_ ? &*prev_ : nullptr, next, is_listed_, current_unreadable_)) {
    check_.ok = false;
    check_.first_bad = problem->first_bad;
    check_.problem = std::move(problem->text);
    check_.last_hash.clear();
  }
}

bool ChainVerifier::add(LedgerEntry e) { return add_unreadable(std::move(e), std::string()); }

bool ChainVerifier::add_unreadable(LedgerEntry e, std::string why) {
  ++check_.entries;
  if (!check_.ok) return false;
  // An entry is judged once the one after it is known (see diagnose).
  if (current_) {
    examine(&e);
    if (!check_.ok) return false;
    prev_ = std::move(current_);
  }
  current_ = std::move(e);
  current_unreadable_ = std::move(why);
  return true;
}

ChainCheck ChainVerifier::finish() {
  if (check_.ok && current_) {
    examine(nullptr);
    if (check_.ok) check_.last_hash = current_->hash;
  }
  return check_;
}

ChainCheck verify_chain(const std::vector<LedgerEntry>& entries) {
  std::unordered_set<std::string> known;
  for (const auto& e : entries) known.insert(e.hash);
  ChainVerifier verifier([&known](const std::string& hash) { return known.count(hash) > 0; });
  for (const auto& e : entries) verifier.add(e);
  return verifier.finish();
}

}  // namespace grants
