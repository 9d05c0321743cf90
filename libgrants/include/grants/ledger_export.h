// Ledger exports for auditors: CSV, JSON, XLSX, FEC and an hledger journal.
//
// Every export but FEC carries the last chain hash so an auditor can later
// check that the ledger they were given is the one the database still holds
// (FEC's fixed 18 columns leave no place for it: the CLI writes it beside).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "grants/ledger.h"
#include "grants/result.h"

namespace grants {

enum class ExportFormat { kCsv, kJson, kXlsx, kFec, kHledger };
Result<ExportFormat> parse_export_format(std::string_view text);  // "csv", "json", "xlsx", "fec", "hledger"

enum class IbanDisplay { kMasked, kRevealed };

// Exports are written as they are read, in constant memory however long the
// ledger: a first pass over the entries (LedgerExportCheck) finds what the
// file needs before its first entry and every reason to refuse it, then a
// LedgerWriter writes them in a second pass.

// What a format writes before the first entry.
struct LedgerExportHeader {
  std::string departement;  // e.g. "Loir-et-Cher / Vienne", for headers; may be empty
  Date from, to;            // the period exported (inclusive)
  IbanDisplay iban_display = IbanDisplay::kMasked;
  std::string chain_hash;   // last hash of the whole chain at export time
  std::int64_t chain_length = 0;
  std::int64_t entries = 0;           // entries in the period
  std::vector<std::string> accounts;  // the sorted, distinct account codes they use
};

// The first pass: counts the entries, collects their accounts and keeps
// the first reason the format refuses them:
// - "ledger entry N: FIELD is not valid UTF-8" (every format is UTF-8);
// - FEC and hledger: "ledger entry N: credit account "77 18" is not an
//   account code (letters and digits only)" (spaces and separators have a
//   meaning there);
// - XLSX: more entries than a worksheet has rows (1 048 575 under the
//   header).
class LedgerExportCheck {
 public:
  explicit LedgerExportCheck(ExportFormat f) : format_(f) {}
  void add(const LedgerEntry& e);
  Status status() const { return status_; }
  // `header` with its entries and accounts filled in.
  LedgerExportHeader complete(LedgerExportHeader header) const;

 private:
  ExportFormat format_;
  Status status_ = Ok();
  std::int64_t entries_ = 0;
  std::vector<std::string> accounts_;  // sorted, distinct
};

// The second pass: writes the header at once, then each entry, then the
// trailer on finish(). Entries must be those the check passed, in order.
// - csv: RFC 4180, header row, CRLF; columns are the entry's fields in
//   order with "iban" after beneficiary_ref; last line
//   "# chain <length> <hash>".
// - json: {"departement", "from", "to", "iban_display", "chain": {"length",
//   "last_hash"}, "entries": [...]}, entries with the CSV columns as keys,
//   amounts as strings "123.45", seq and ids as numbers; indented by 2.
// - xlsx: a workbook (libxlsxwriter, constant-memory mode) with sheet
//   "ledger" and sheet "chain". Amounts are written as formulas of integer
//   cents ("=12345/100", format "#,##0.00") with the formula's cached value
//   given as the exact decimal text, so no binary floating point is
//   computed here. Built in a temporary file, copied to the stream by
//   finish().
// - fec: the 18 columns of article A47 A-1 LPF in order (JournalCode,
//   JournalLib, EcritureNum, EcritureDate, CompteNum, CompteLib,
//   CompAuxNum, CompAuxLib, PieceRef, PieceDate, EcritureLib, Debit, Credit,
//   EcritureLet, DateLet, ValidDate, Montantdevise, Idevise), tab-separated,
//   dates YYYYMMDD, decimal comma, two lines per entry (debit then credit).
//   Its fixed columns leave no place for the chain hash.
// - hledger: a journal that passes `hledger check --strict` (accounts and
//   commodity declared), one transaction per entry, chain hash in a comment.
class LedgerWriter {
 public:
  virtual ~LedgerWriter() = default;
  // `iban`: the IBAN the entry concerns, normalised, or empty; shown as the
  // header's iban_display asks. Masked, IBANs written in the entry's label
  // or beneficiary_ref are masked too (mask_ibans_in), while its hash
  // columns stay those of the stored text.
  virtual Status add(const LedgerEntry& e, const std::string& iban) = 0;
  virtual Status finish() = 0;
};
Result<std::unique_ptr<LedgerWriter>> ledger_writer(ExportFormat f, const LedgerExportHeader& header,
                                                    std::ostream& out);

// A whole export held in memory (tests, small samples).
struct LedgerExport {
  std::string departement;
  Date from, to;
  std::vector<LedgerEntry> entries;
  std::vector<std::string> ibans;  // by index of `entries` (empty when none)
  IbanDisplay iban_display = IbanDisplay::kMasked;
  std::string chain_hash;
  std::int64_t chain_length = 0;
};
// Both passes over `x.entries`, the file as bytes.
Result<std::string> export_ledger(const LedgerExport& x, ExportFormat f);

}  // namespace grants
