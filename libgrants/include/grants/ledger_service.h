// The auditor's operations on the disbursement ledger.
#pragma once

#include <optional>
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
// The entries dated within [from, to], with the chain's last hash and
// length. InvalidInput when `to` precedes `from`; Integrity when the chain
// does not verify (an auditor must not receive a tampered ledger unawares).
Result<std::string> export_ledger(Store& store, const LedgerExportRequest& r);

}  // namespace grants
