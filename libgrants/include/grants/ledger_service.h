// The auditor's operations on the disbursement ledger.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "grants/ledger.h"
#include "grants/ledger_export.h"
#include "grants/result.h"
#include "grants/store.h"

namespace grants {

// Re-computes the whole hash chain from the database. The ChainCheck says OK
// with the last hash, or names the first entry changed, deleted or inserted.
Result<ChainCheck> verify_ledger(Store& store);

struct LedgerExportRequest {
  Date from, to;  // inclusive
  ExportFormat format = ExportFormat::kCsv;
  IbanDisplay iban_display = IbanDisplay::kMasked;
  std::string departement;  // named in headers
};
// Writes the entries dated within [from, to] to `out` in `r.format`, with
// the chain's last hash and length, in constant memory (a first pass checks
// them, a second writes them, on one read snapshot), and returns the chain.
// InvalidInput when `to` precedes `from` or the entries cannot be written in
// that format (see LedgerExportCheck), Integrity when the chain does not
// verify (an auditor must not receive a tampered ledger unawares); in those
// cases nothing is written. A database error while writing leaves `out`
// incomplete: write to a file that only takes its name once complete.
Result<ChainCheck> export_ledger(Store& store, const LedgerExportRequest& r, std::ostream& out);

}  // namespace grants
