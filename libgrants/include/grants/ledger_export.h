// Ledger exports for auditors: CSV, JSON, XLSX, FEC and an hledger journal.
//
// Every export but FEC carries the last chain hash so an auditor can later
// check that the ledger they were given is the one the database still holds
// (FEC's fixed 18 columns leave no place for it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grants/ledger.h"
#include "grants/result.h"

namespace grants {

enum class ExportFormat { kCsv, kJson, kXlsx, kFec, kHledger };
Result<ExportFormat> parse_export_format(std::string_view text);  // "csv", "json", "xlsx", "fec", "hledger"

enum class IbanDisplay { kMasked, kRevealed };

struct LedgerExport {
  std::string departement;     // e.g. "Loir-et-Cher", for headers and FEC
  Date from, to;               // the period exported (inclusive)
  std::vector<LedgerEntry> entries;
  // IBAN of each entry's beneficiary, by index of `entries` (empty when
  // none); masked unless kRevealed.
  std::vector<std::string> ibans;
  IbanDisplay iban_display = IbanDisplay::kMasked;
  std::string chain_hash;       // last hash of the whole chain at export time
  std::int64_t chain_length = 0;
};

// The export as bytes.
// - csv: RFC 4180, header row, CRLF; columns are the entry's fields in
//   order with "iban" after beneficiary_ref; last line
//   "# chain <length> <hash>".
// - json: {"departement", "from", "to", "iban_display", "chain": {"length",
//   "last_hash"}, "entries": [...]}, entries with the CSV columns as keys,
//   amounts as strings "123.45", seq and ids as numbers.
// - xlsx: a workbook (libxlsxwriter) with sheet "ledger" and sheet "chain".
//   Amounts are written as formulas of integer cents ("=12345/100", format
//   "#,##0.00") with the formula's cached value given as the exact decimal
//   text, so no binary floating point is computed here.
// - fec: the 18 columns of article A47 A-1 LPF in order (JournalCode,
//   JournalLib, EcritureNum, EcritureDate, CompteNum, CompteLib,
//   CompAuxNum, CompAuxLib, PieceRef, PieceDate, EcritureLib, Debit, Credit,
//   EcritureLet, DateLet, ValidDate, Montantdevise, Idevise), tab-separated,
//   dates YYYYMMDD, decimal comma, two lines per entry (debit then credit).
// - hledger: a journal that passes `hledger check --strict` (accounts and
//   commodity declared), one transaction per entry, chain hash in a comment.
Result<std::string> export_ledger(const LedgerExport& x, ExportFormat f);

}  // namespace grants
