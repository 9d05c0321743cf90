// The disbursement ledger: append-only, double-entry, SHA-256 hash-chained.
//
// Each entry's hash covers the previous entry's hash and the entry's
// canonical text, so changing, deleting or inserting an entry breaks the
// chain from that point. Corrections are new entries, never edits.
// "Double-entry" is the bookkeeping term (each entry debits one account and
// credits another); amounts are Money, integer cents, never floating point.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/result.h"

namespace grants {

enum class EntryKind {
  kPayment,       // "payment": the payment order (mandat): expense debited, payable credited
  kSettlement,    // "settlement": the bank paid it: payable debited, treasury credited
  kReturn,        // "return": the bank sent it back: treasury debited, payable credited
  kCancellation,  // "cancellation": a payment order withdrawn: payable debited, expense credited
  kClawback,      // "clawback": a recovery order (titre de recette)
  kReceipt,       // "receipt": money recovered
};
std::string_view to_string(EntryKind k);
Result<EntryKind> parse_entry_kind(std::string_view text);

struct LedgerEntry {
  std::int64_t seq = 0;  // 1, 2, 3... in chain order
  Date date;             // accounting date
  EntryKind kind = EntryKind::kPayment;
  std::string debit;     // M57 account code, e.g. "6513"
  std::string credit;    // e.g. "4041"
  Money amount;          // > 0
  std::string beneficiary_ref;
  std::int64_t agreement_id = 0;
  std::int64_t batch_id = 0;    // 0 when none
  std::int64_t payment_id = 0;  // 0 when none
  std::string scheme_id;
  std::string rule_sha256;      // the rule file that produced the amount
  std::string label;            // e.g. "Bourse 41 internes, échéance 3/24"
  std::string prev_hash;        // 64 hex digits; "0" × 64 for the first entry
  std::string hash;             // sha256_hex(prev_hash + "\n" + canonical_text(entry))
};

// One line, fields separated by '|' in the order of the struct (seq, date
// ISO, kind, debit, credit, amount as "123.45", beneficiary_ref,
// agreement_id, batch_id, payment_id, scheme_id, rule_sha256, label), with
// '|', '\\' and newlines in text escaped as "\|", "\\\\" and "\n".
// prev_hash and hash are not part of it.
std::string canonical_text(const LedgerEntry& e);
std::string entry_hash(const std::string& prev_hash, const LedgerEntry& e);
// The prev_hash of the first entry.
const std::string& genesis_hash();

// Fills prev_hash and hash of `entries` in order, continuing from `prev`
// (genesis_hash() for an empty ledger); seq continues from `prev_seq`.
void chain_entries(std::vector<LedgerEntry>& entries, const std::string& prev, std::int64_t prev_seq);

struct ChainCheck {
  bool ok = true;
  std::int64_t entries = 0;   // how many were read
  std::string last_hash;      // the last hash when the chain verifies (genesis_hash() when empty)
  std::int64_t first_bad = 0; // seq of the first entry that does not chain;
                              // for a deletion, the first missing seq
  std::string problem;        // one of, for the first bad entry N:
  // "entry N: hash does not match its content (changed)"
  // "entry N: its content does not read (changed): WHY": a stored value
  //   that does not parse (see ChainVerifier::add_unreadable)
  // "entry N: sequence jumps from P to Q (deleted)": N = P + 1 is the first
  //   missing seq, P the seq before the gap (0 at the start), Q the seq found
  //   after it (its original seq, read from its hash, when it was renumbered)
  // "entry N: previous hash does not match entry P (inserted or reordered)":
  //   P is the seq of the entry before it in the list; for the first entry
  //   "...does not match the genesis hash (inserted or reordered)"
};
// Re-computes the chain of entries given in seq order and reports the first
// entry that does not chain, with the most likely cause (see ledger.cpp for
// how causes are told apart). Entries cut off the end, or a tail rewritten
// with fresh hashes, chain correctly: compare last_hash and entries with an
// exported chain hash to catch those.
ChainCheck verify_chain(const std::vector<LedgerEntry>& entries);

// verify_chain for a chain read one entry at a time, in constant memory: it
// holds three entries. Telling some causes apart needs to know whether a
// hash belongs to any entry of the chain; `is_listed` answers that, and is
// only asked once a problem is found. Not thread-safe.
class ChainVerifier {
 public:
  explicit ChainVerifier(std::function<bool(const std::string& hash)> is_listed);
  // The next entry in seq order. Returns false once a problem is found; the
  // entries after it are not examined.
  bool add(LedgerEntry e);
  // The next entry, as far as it could be read from storage: a value that
  // does not parse (`why` says which) was never hashed, so the entry was
  // changed, unless the chain breaks before it (an earlier entry is bad, or
  // this one is out of place), which is then reported.
  bool add_unreadable(LedgerEntry e, std::string why);
  // The verdict, once every entry was added.
  ChainCheck finish();

 private:
  void examine(const LedgerEntry* next);
  std::function<bool(const std::string&)> is_listed_;
  std::optional<LedgerEntry> prev_, current_;
  std::string current_unreadable_;  // why current_ does not read, if it does not
  ChainCheck check_;
};

}  // namespace grants
