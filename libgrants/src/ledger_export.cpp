// Ledger exports: format dispatch, shared helpers, CSV and JSON. XLSX, FEC
// and hledger live in ledger_export_<format>.cpp.
#include "grants/ledger_export.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "grants/csv.h"
#include "grants/iban.h"
#include "ledger_export_internal.h"

namespace grants {
namespace detail {

std::vector<std::string> ledger_row(const LedgerExport& x, std::size_t i) {
  const LedgerEntry& e = x.entries[i];
  std::string iban;
  if (i < x.ibans.size() && !x.ibans[i].empty()) {
    iban =
        x.iban_display == IbanDisplay::kRevealed ? format_iban(x.ibans[i]) : mask_iban(x.ibans[i]);
  }
  return {std::to_string(e.seq),
          format_date(e.date),
          std::string(to_string(e.kind)),
          e.debit,
          e.credit,
          e.amount.to_string(),
          e.beneficiary_ref,
          std::move(iban),
          std::to_string(e.agreement_id),
          std::to_string(e.batch_id),
          std::to_string(e.payment_id),
          e.scheme_id,
          e.rule_sha256,
          e.label,
          e.prev_hash,
          e.hash};
}

Status check_account_codes(const LedgerExport& x) {
  const auto is_code = [](const std::string& code) {
    return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
  };
  for (const auto& e : x.entries) {
    for (const auto* side : {&e.debit, &e.credit}) {
      if (!is_code(*side)) {
        return Error::InvalidInput("ledger entry " + std::to_string(e.seq) + ": " +
                                   (side == &e.debit ? "debit" : "credit") + " account \"" + *side +
                                   "\" is not an account code (letters and digits only)");
      }
    }
  }
  return Ok();
}

std::vector<std::string> accounts_used(const LedgerExport& x) {
  std::vector<std::string> accounts;
  for (const auto& e : x.entries) {
    accounts.push_back(e.debit);
    accounts.push_back(e.credit);
  }
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  return accounts;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
  return out;
}

}  // namespace detail

namespace {

std::string export_csv(const LedgerExport& x) {
  std::vector<std::string> header;
  for (const auto& column : detail::kLedgerColumns) header.emplace_back(column.name);
  std::string out = csv_record(header);
  for (std::size_t i = 0; i < x.entries.size(); ++i) out += csv_record(detail::ledger_row(x, i));
  out += "# chain " + std::to_string(x.chain_length) + " " + x.chain_hash + "\r\n";
  return out;
}

Result<std::string> export_json(const LedgerExport& x) {
  using Json = nlohmann::ordered_json;  // keeps the documented field order
  Json entries = Json::array();
  for (std::size_t i = 0; i < x.entries.size(); ++i) {
    const auto row = detail::ledger_row(x, i);
    Json entry = Json::object();
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto& column = detail::kLedgerColumns[c];
      if (column.type == detail::CellType::kInteger) {
        entry[std::string(column.name)] = std::stoll(row[c]);
      } else {
        entry[std::string(column.name)] = row[c];
      }
    }
    entries.push_back(std::move(entry));
  }
  Json doc = {
      {"departement", x.departement},
      {"from", format_date(x.from)},
      {"to", format_date(x.to)},
      {"iban_display", x.iban_display == IbanDisplay::kRevealed ? "revealed" : "masked"},
      {"chain", {{"length", x.chain_length}, {"last_hash", x.chain_hash}}},
      {"entries", std::move(entries)},
  };
  try {
    return doc.dump(2) + "\n";
  } catch (const Json::type_error& e) {
    // Only invalid UTF-8 in a text field gets here; refuse rather than
    // silently altering an audit record.
    return Error::InvalidInput(std::string("ledger JSON export: ") + e.what());
  }
}

}  // namespace

Result<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "csv") return ExportFormat::kCsv;
  if (text == "json") return ExportFormat::kJson;
  if (text == "xlsx") return ExportFormat::kXlsx;
  if (text == "fec") return ExportFormat::kFec;
  if (text == "hledger") return ExportFormat::kHledger;
  return Error::InvalidInput("unknown export format \"" + std::string(text) +
                             "\" (expected one of: csv, json, xlsx, fec, hledger)");
}

Result<std::string> export_ledger(const LedgerExport& x, ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv:
      return export_csv(x);
    case ExportFormat::kJson:
      return export_json(x);
    case ExportFormat::kXlsx:
      return detail::export_xlsx(x);
    case ExportFormat::kFec:
      return detail::export_fec(x);
    case ExportFormat::kHledger:
      return detail::export_hledger(x);
  }
  return Error::Internal("unknown export format");
}

}  // namespace grants
