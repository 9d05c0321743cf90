// Ledger exports: the checking pass, format dispatch, shared helpers, CSV
// and JSON. XLSX, FEC and hledger live in ledger_export_<format>.cpp.
#include "grants/ledger_export.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "grants/csv.h"
#include "grants/iban.h"
#include "grants/text.h"
#include "ledger_export_internal.h"

namespace grants {
namespace detail {

std::vector<std::string> ledger_row(const LedgerEntry& e, const std::string& iban, IbanDisplay display) {
  std::string shown;
  if (!iban.empty()) shown = display == IbanDisplay::kRevealed ? format_iban(iban) : mask_iban(iban);
  return {std::to_string(e.seq),
          format_date(e.date),
          std::string(to_string(e.kind)),
          e.debit,
          e.credit,
          e.amount.to_string(),
          e.beneficiary_ref,
          std::move(shown),
          std::to_string(e.agreement_id),
          std::to_string(e.batch_id),
          std::to_string(e.payment_id),
          e.scheme_id,
          e.rule_sha256,
          e.label,
          e.prev_hash,
          e.hash};
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
  return out;
}

}  // namespace detail

namespace {

// A worksheet's 1 048 576 rows, less the header.
constexpr std::int64_t kMaxXlsxEntries = 1048575;

bool is_account_code(const std::string& code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

class CsvWriter : public LedgerWriter {
 public:
  CsvWriter(const LedgerExportHeader& h, std::ostream& out) : h_(h), out_(out) {
    std::vector<std::string> header;
    for (const auto& column : detail::kLedgerColumns) header.emplace_back(column.name);
    out_ << csv_record(header);
  }
  Status add(const LedgerEntry& e, const std::string& iban) override {
    out_ << csv_record(detail::ledger_row(e, iban, h_.iban_display));
    return Ok();
  }
  Status finish() override {
    out_ << "# chain " << h_.chain_length << " " << h_.chain_hash << "\r\n";
    return Ok();
  }

 private:
  const LedgerExportHeader h_;
  std::ostream& out_;
};

using Json = nlohmann::ordered_json;  // keeps the documented field order

// The document nlohmann would print whole with dump(2), written an entry
// at a time: the header fields, then each entry indented one level deeper.
class JsonWriter : public LedgerWriter {
 public:
  JsonWriter(const LedgerExportHeader& h, std::ostream& out) : h_(h), out_(out) {
    const Json head = {
        {"departement", h.departement.empty() ? Json(nullptr) : Json(h.departement)},  // none: an empty period
        {"from", format_date(h.from)},
        {"to", format_date(h.to)},
        {"iban_display", h.iban_display == IbanDisplay::kRevealed ? "revealed" : "masked"},
        {"chain", {{"length", h.chain_length}, {"last_hash", h.chain_hash}}},
    };
    std::string text = head.dump(2);
    text.erase(text.size() - 2);  // the closing "\n}"
    out_ << text << ",\n  \"entries\": [";
  }
  Status add(const LedgerEntry& e, const std::string& iban) override {
    const auto row = detail::ledger_row(e, iban, h_.iban_display);
    Json entry = Json::object();
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto& column = detail::kLedgerColumns[c];
      if (column.type == detail::CellType::kInteger) {
        entry[std::string(column.name)] = std::stoll(row[c]);
      } else if (column.type == detail::CellType::kOptionalText && row[c].empty()) {
        entry[std::string(column.name)] = nullptr;
      } else {
        entry[std::string(column.name)] = row[c];
      }
    }
    std::string text;
    try {
      text = entry.dump(2);
    } catch (const Json::type_error& err) {
      return Error::InvalidInput(std::string("ledger JSON export: ") + err.what());
    }
    // JSON strings hold no raw newline: every one is a line break to indent.
    std::string indented = any_ ? ",\n    " : "\n    ";
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    out_ << indented;
    any_ = true;
    return Ok();
  }
  Status finish() override {
    out_ << (any_ ? "\n  ]\n}\n" : "]\n}\n");
    return Ok();
  }

 private:
  const LedgerExportHeader h_;
  std::ostream& out_;
  bool any_ = false;
};

// Masks the IBANs typed into an entry's free text (a receipt's bank
// reference, a reason) before another writer writes it: the IBAN column is
// not the only place an account number can show. The hash columns stay
// those of the entry as stored, so only an export with --reveal-iban lets
// an auditor recompute the hash of an entry whose text was masked.
class IbanMaskingWriter : public LedgerWriter {
 public:
  explicit IbanMaskingWriter(std::unique_ptr<LedgerWriter> inner) : inner_(std::move(inner)) {}
  Status add(const LedgerEntry& e, const std::string& iban) override {
    std::string label = mask_ibans_in(e.label), ref = mask_ibans_in(e.beneficiary_ref);
    if (label == e.label && ref == e.beneficiary_ref) return inner_->add(e, iban);
    LedgerEntry masked = e;
    masked.label = std::move(label);
    masked.beneficiary_ref = std::move(ref);
    return inner_->add(masked, iban);
  }
  Status finish() override { return inner_->finish(); }

 private:
  std::unique_ptr<LedgerWriter> inner_;
};

Result<std::unique_ptr<LedgerWriter>> unmasked_writer(ExportFormat f, const LedgerExportHeader& header,
                                                      std::ostream& out) {
  switch (f) {
    case ExportFormat::kCsv:
      return std::unique_ptr<LedgerWriter>(std::make_unique<CsvWriter>(header, out));
    case ExportFormat::kJson:
      return std::unique_ptr<LedgerWriter>(std::make_unique<JsonWriter>(header, out));
    case ExportFormat::kXlsx:
      return detail::xlsx_writer(header, out);
    case ExportFormat::kFec:
      return detail::fec_writer(header, out);
    case ExportFormat::kHledger:
      return detail::hledger_writer(header, out);
  }
  return Error::Internal("unknown export format");
}

}  // namespace

void LedgerExportCheck::add(const LedgerEntry& e) {
  ++entries_;
  for (const auto* account : {&e.debit, &e.credit}) {
    auto at = std::lower_bound(accounts_.begin(), accounts_.end(), *account);
    if (at == accounts_.end() || *at != *account) accounts_.insert(at, *account);
  }
  if (!status_) return;
  const auto refuse = [&](const std::string& why) {
    status_ = Error::InvalidInput("ledger entry " + std::to_string(e.seq) + ": " + why);
  };
  const std::pair<const char*, const std::string*> texts[] = {
      {"debit", &e.debit},         {"credit", &e.credit},       {"beneficiary_ref", &e.beneficiary_ref},
      {"scheme_id", &e.scheme_id}, {"rule_sha256", &e.rule_sha256}, {"label", &e.label}};
  for (const auto& [field, text] : texts) {
    if (!valid_utf8(*text)) return refuse(std::string(field) + " is not valid UTF-8");
  }
  if (format_ == ExportFormat::kFec || format_ == ExportFormat::kHledger) {
    for (const auto* side : {&e.debit, &e.credit}) {
      if (!is_account_code(*side)) {
        return refuse(std::string(side == &e.debit ? "debit" : "credit") + " account \"" + *side +
                      "\" is not an account code (letters and digits only)");
      }
    }
  }
  if (format_ == ExportFormat::kXlsx && entries_ > kMaxXlsxEntries) {
    status_ = Error::InvalidInput(
        "an XLSX worksheet holds at most 1048575 entries: export a shorter period, or as csv, json, fec or hledger");
  }
}

LedgerExportHeader LedgerExportCheck::complete(LedgerExportHeader header) const {
  header.entries = entries_;
  header.accounts = accounts_;
  return header;
}

Result<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "csv") return ExportFormat::kCsv;
  if (text == "json") return ExportFormat::kJson;
  if (text == "xlsx") return ExportFormat::kXlsx;
  if (text == "fec") return ExportFormat::kFec;
  if (text == "hledger") return ExportFormat::kHledger;
  return Error::InvalidInput("\"" + std::string(text) + "\": expected csv, json, xlsx, fec or hledger");
}

Result<std::unique_ptr<LedgerWriter>> ledger_writer(ExportFormat f, const LedgerExportHeader& header,
                                                    std::ostream& out) {
  auto writer = unmasked_writer(f, header, out);
  if (!writer || header.iban_display == IbanDisplay::kRevealed) return writer;
  return std::unique_ptr<LedgerWriter>(std::make_unique<IbanMaskingWriter>(std::move(*writer)));
}

Result<std::string> export_ledger(const LedgerExport& x, ExportFormat f) {
  LedgerExportCheck check(f);
  for (const auto& e : x.entries) check.add(e);
  if (auto st = check.status(); !st) return st.error();
  const LedgerExportHeader header = check.complete(
      {x.departement, x.from, x.to, x.iban_display, x.chain_hash, x.chain_length, 0, {}});
  std::ostringstream out;
  auto writer = ledger_writer(f, header, out);
  if (!writer) return writer.error();
  for (std::size_t i = 0; i < x.entries.size(); ++i) {
    const std::string none;
    if (auto st = (*writer)->add(x.entries[i], i < x.ibans.size() ? x.ibans[i] : none); !st) return st.error();
  }
  if (auto st = (*writer)->finish(); !st) return st.error();
  return std::move(out).str();
}

}  // namespace grants
