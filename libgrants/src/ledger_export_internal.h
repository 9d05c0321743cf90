// Pieces shared by the ledger export formats (ledger_export*.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "grants/ledger_export.h"

namespace grants::detail {

// How a ledger column is typed in formats that have types (JSON, XLSX).
// kOptionalText is text that may be missing: null in JSON when empty.
enum class CellType { kText, kOptionalText, kInteger, kAmount, kDate };

struct LedgerColumn {
  std::string_view name;
  CellType type;
};

// The columns of the CSV, JSON and XLSX exports, in order: every field of
// the entry plus the beneficiary's IBAN (masked or revealed) after
// beneficiary_ref.
inline constexpr std::array<LedgerColumn, 16> kLedgerColumns{{
    {"seq", CellType::kInteger},
    {"date", CellType::kDate},
    {"kind", CellType::kText},
    {"debit", CellType::kText},
    {"credit", CellType::kText},
    {"amount", CellType::kAmount},
    {"beneficiary_ref", CellType::kText},
    {"iban", CellType::kOptionalText},  // a beneficiary may have none; no hash covers it
    {"agreement_id", CellType::kInteger},
    {"batch_id", CellType::kInteger},
    {"payment_id", CellType::kInteger},
    {"scheme_id", CellType::kText},
    {"rule_sha256", CellType::kText},
    {"label", CellType::kText},
    {"prev_hash", CellType::kText},
    {"hash", CellType::kText},
}};

// An entry as the text of each of kLedgerColumns: dates ISO, amounts
// "123.45", the IBAN as `display` asks (empty when none).
std::vector<std::string> ledger_row(const LedgerEntry& e, const std::string& iban, IbanDisplay display);

// `text` with tabs, carriage returns and newlines replaced by spaces, for
// formats where they end a field or a line.
std::string one_line(std::string_view text);

// The writers of ledger_export_<format>.cpp; the header is written at once.
Result<std::unique_ptr<LedgerWriter>> xlsx_writer(const LedgerExportHeader& h, std::ostream& out);
std::unique_ptr<LedgerWriter> fec_writer(const LedgerExportHeader& h, std::ostream& out);
std::unique_ptr<LedgerWriter> hledger_writer(const LedgerExportHeader& h, std::ostream& out);

}  // namespace grants::detail
