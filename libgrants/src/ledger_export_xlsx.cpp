// XLSX export through libxlsxwriter: sheet "ledger" (one row per entry,
// columns as CSV) and sheet "chain" (the export's context and chain hash).
//
// No binary floating point is computed: numbers (seq, ids, amounts, dates)
// are formulas of integers ("=12345/100", "=DATE(2025,1,5)") whose cached
// result is given as exact text through worksheet_write_formula_str. The
// workbook asks for a full recalculation on load (libxlsxwriter writes
// fullCalcOnLoad), so the spreadsheet computes the numbers itself.
// (worksheet_write_number and worksheet_write_formula_num take a binary
// floating-point value.)
//
// libxlsxwriter 1.1.4 only writes to a file (in-memory output came in
// 1.1.5), so the workbook goes to a private temporary file that is copied
// to the output stream and removed. In constant-memory mode it writes
// strings inline in each cell rather than in a shared-strings table.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "grants/ledger_export.h"
#include "ledger_export_internal.h"

namespace grants::detail {

namespace {

// Writes cells and remembers the first libxlsxwriter error, so the code
// below reads as a list of cells rather than a list of checks.
class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* sheet, lxw_format* amount, lxw_format* date)
      : sheet_(sheet), amount_(amount), date_(date) {}

  void text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format = nullptr) {
    keep(worksheet_write_string(sheet_, row, col, value.c_str(), format));
  }
  void cell(lxw_row_t row, lxw_col_t col, CellType type, const std::string& value) {
    switch (type) {
      case CellType::kText:
      case CellType::kOptionalText:
        return text(row, col, value);
      case CellType::kInteger:
        return formula(row, col, "=" + value, nullptr, value);
      case CellType::kAmount:
        return formula(row, col, amount_formula(value), amount_, value);
      case CellType::kDate:
        return formula(row, col, date_formula(value), date_, value);
    }
  }
  lxw_error error() const { return error_; }

 private:
  void formula(lxw_row_t row, lxw_col_t col, const std::string& f, lxw_format* format,
               const std::string& result) {
    keep(worksheet_write_formula_str(sheet_, row, col, f.c_str(), format, result.c_str()));
  }
  // "123.45" -> "=12345/100"; "-3.20" -> "=-320/100".
  static std::string amount_formula(std::string value) {
    value.erase(value.find('.'), 1);
    const auto digits = value.find_first_not_of("-0");
    const std::string sign = value.front() == '-' ? "-" : "";
    return "=" + sign + (digits == std::string::npos ? "0" : value.substr(digits)) + "/100";
  }
  // "2025-01-05" -> "=DATE(2025,1,5)".
  static std::string date_formula(const std::string& iso) {
    return "=DATE(" + iso.substr(0, 4) + "," + std::to_string(std::stoi(iso.substr(5, 2))) + "," +
           std::to_string(std::stoi(iso.substr(8, 2))) + ")";
  }
  void keep(lxw_error e) {
    if (error_ == LXW_NO_ERROR) error_ = e;
  }

  lxw_worksheet* sheet_;
  lxw_format* amount_;
  lxw_format* date_;
  lxw_error error_ = LXW_NO_ERROR;
};

// 1980-01-01T00:00:00Z, the earliest time a zip archive records.
constexpr time_t kZipEpoch = 315532800;

// A file under the temporary directory, created empty and removed when the
// object goes.
class TempFile {
 public:
  TempFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "grants-ledger-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void write_chain_sheet(SheetWriter& w, const LedgerExportHeader& h, lxw_format* bold) {
  const std::pair<std::string, std::pair<CellType, std::string>> rows[] = {
      {"departement", {CellType::kText, h.departement}},
      {"from", {CellType::kDate, format_date(h.from)}},
      {"to", {CellType::kDate, format_date(h.to)}},
      {"entries exported", {CellType::kInteger, std::to_string(h.entries)}},
      {"chain length", {CellType::kInteger, std::to_string(h.chain_length)}},
      {"chain last hash", {CellType::kText, h.chain_hash}},
      {"iban display", {CellType::kText, h.iban_display == IbanDisplay::kRevealed ? "revealed" : "masked"}},
  };
  lxw_row_t r = 0;
  for (const auto& [name, value] : rows) {
    w.text(r, 0, name, bold);
    w.cell(r, 1, value.first, value.second);
    ++r;
  }
}

// In constant-memory mode each row goes to the worksheet's temporary file
// as soon as the next one starts, so rows are written in order, sheet
// "ledger" as the entries come and sheet "chain" at the end.
class XlsxWriter : public LedgerWriter {
 public:
  XlsxWriter(const LedgerExportHeader& h, std::ostream& out) : h_(h), out_(out) {}
  ~XlsxWriter() override {
    if (book_ != nullptr) workbook_close(book_);
  }

  Status start() {
    if (file_.path().empty()) return Error::Internal("XLSX export: cannot create a temporary file");
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    book_ = workbook_new_opt(file_.path().c_str(), &options);
    if (book_ == nullptr) return Error::Internal("XLSX export: cannot start a workbook");
    // The workbook's creation time would be the clock's (libxlsxwriter takes
    // now for 0): the zip epoch instead, which its members already carry, so
    // that one ledger and period give the same bytes whenever exported.
    lxw_doc_properties properties{};
    properties.created = kZipEpoch;
    if (const lxw_error e = workbook_set_properties(book_, &properties); e != LXW_NO_ERROR)
      return Error::Internal(std::string("XLSX export: ") + lxw_strerror(e));
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    lxw_format* amount = workbook_add_format(book_);
    format_set_num_format(amount, "#,##0.00");
    lxw_format* date = workbook_add_format(book_);
    format_set_num_format(date, "yyyy-mm-dd");
    ledger_.emplace(workbook_add_worksheet(book_, "ledger"), amount, date);
    chain_.emplace(workbook_add_worksheet(book_, "chain"), amount, date);
    for (std::size_t c = 0; c < kLedgerColumns.size(); ++c)
      ledger_->text(0, static_cast<lxw_col_t>(c), std::string(kLedgerColumns[c].name), bold_);
    return checked();
  }

  Status add(const LedgerEntry& e, const std::string& iban) override {
    const auto row = ledger_row(e, iban, h_.iban_display);
    ++rows_;
    for (std::size_t c = 0; c < row.size(); ++c)
      ledger_->cell(rows_, static_cast<lxw_col_t>(c), kLedgerColumns[c].type, row[c]);
    return checked();
  }

  Status finish() override {
    write_chain_sheet(*chain_, h_, bold_);
    if (auto st = checked(); !st) return st;
    // workbook_close frees the workbook even when it fails.
    const lxw_error closed = workbook_close(book_);
    book_ = nullptr;
    if (closed != LXW_NO_ERROR) return Error::Internal(std::string("XLSX export: ") + lxw_strerror(closed));
    std::ifstream in(file_.path(), std::ios::binary);
    out_ << in.rdbuf();
    if (!in && !in.eof()) return Error::Internal("XLSX export: cannot read back " + file_.path());
    return Ok();
  }

 private:
  Status checked() const {
    for (const auto* sheet : {&ledger_, &chain_}) {
      if (*sheet && (*sheet)->error() != LXW_NO_ERROR)
        return Error::Internal(std::string("XLSX export: ") + lxw_strerror((*sheet)->error()));
    }
    return Ok();
  }

  const LedgerExportHeader h_;
  std::ostream& out_;
  const TempFile file_;
  lxw_workbook* book_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::optional<SheetWriter> ledger_, chain_;
  lxw_row_t rows_ = 0;
};

}  // namespace

Result<std::unique_ptr<LedgerWriter>> xlsx_writer(const LedgerExportHeader& h, std::ostream& out) {
  auto writer = std::make_unique<XlsxWriter>(h, out);
  if (auto st = writer->start(); !st) return st.error();
  return std::unique_ptr<LedgerWriter>(std::move(writer));
}

}  // namespace grants::detail
