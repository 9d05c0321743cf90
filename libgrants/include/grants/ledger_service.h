// The auditor's operations on the disbursement ledger.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "grants/ledger.h"
#include "grants/ledger_export.h"
#include "grants/result.h"
#include "grants/store.h"

namespace grants {

// What an auditor keeps of a chain they were given (an export's "chain N
// HASH"): the hash of entry `seq`. A chain that verifies may still have lost
// entries from its end, or have been rewritten from some entry on with
// fresh hashes (the hash function has no secret); against an anchor kept
// outside the database, neither goes unseen.
struct ChainAnchor {
  std::int64_t seq = 0;
  std::string hash;
};
// "N:HASH": N >= 1, HASH 64 lower-case hexadecimal digits. Error quotes the
// text.
Result<ChainAnchor> parse_chain_anchor(std::string_view text);

// Re-computes the whole hash chain from the database. The ChainCheck says OK
// with the last hash, or names the first entry changed, deleted or inserted.
// With an anchor, a chain that verifies must also hold its entry with its
// hash, else it is not OK, keeping the chain's entries and last hash (which
// the auditor compares with the anchor), with one of these problems:
// "entry N: missing, the ledger ends at entry M (entries removed from its end)"
// "entry N: hash H, not the anchor's A (the ledger was rewritten at or before entry N)"
// An anchor whose hash the ledger holds as another entry M is a mistaken
// anchor, not a tampered ledger: InvalidInput "anchor "N:A": the ledger holds
// that hash as entry M, not N: ...".
Result<ChainCheck> verify_ledger(Store& store, const std::optional<ChainAnchor>& anchor = std::nullopt);

struct LedgerExportRequest {
  Date from, to;  // inclusive
  ExportFormat format = ExportFormat::kCsv;
  IbanDisplay iban_display = IbanDisplay::kMasked;
};
// Writes the entries dated within [from, to] to `out` in `r.format`, with
// the chain's last hash and length, in constant memory (a first pass checks
// them, a second writes them, on one read snapshot), and returns the chain.
// The header names the départements of the rule files the entries were
// computed under, read from the database (none for a period without
// entries): an auditor needs no rule files, and the current ones do not
// change what an export of the same entries says.
// InvalidInput when `to` precedes `from` or the entries cannot be written in
// that format (see LedgerExportCheck), Integrity when the chain does not
// verify (an auditor must not receive a tampered ledger unawares) or an
// entry's rule file is not stored or no longer parses; in those cases
// nothing is written. A database error while writing leaves `out`
// incomplete: write to a file that only takes its name once complete.
Result<ChainCheck> export_ledger(Store& store, const LedgerExportRequest& r, std::ostream& out);

}  // namespace grants
