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
// 1.1.5), so the workbook goes to a private temporary file that is read
// back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
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

void write_ledger_sheet(SheetWriter& w, const LedgerExport& x, lxw_format* bold) {
  for (std::size_t c = 0; c < kLedgerColumns.size(); ++c) {
    w.text(0, static_cast<lxw_col_t>(c), std::string(kLedgerColumns[c].name), bold);
  }
  for (std::size_t i = 0; i < x.entries.size(); ++i) {
    const auto row = ledger_row(x, i);
    for (std::size_t c = 0; c < row.size(); ++c) {
      w.cell(static_cast<lxw_row_t>(i + 1), static_cast<lxw_col_t>(c), kLedgerColumns[c].type,
             row[c]);
    }
  }
}

void write_chain_sheet(SheetWriter& w, const LedgerExport& x, lxw_format* bold) {
  const std::pair<std::string, std::pair<CellType, std::string>> rows[] = {
      {"departement", {CellType::kText, x.departement}},
      {"from", {CellType::kDate, format_date(x.from)}},
      {"to", {CellType::kDate, format_date(x.to)}},
      {"entries exported", {CellType::kInteger, std::to_string(x.entries.size())}},
      {"chain length", {CellType::kInteger, std::to_string(x.chain_length)}},
      {"chain last hash", {CellType::kText, x.chain_hash}},
      {"iban display",
       {CellType::kText, x.iban_display == IbanDisplay::kRevealed ? "revealed" : "masked"}},
  };
  lxw_row_t r = 0;
  for (const auto& [name, value] : rows) {
    w.text(r, 0, name, bold);
    w.cell(r, 1, value.first, value.second);
    ++r;
  }
}

}  // namespace

Result<std::string> export_xlsx(const LedgerExport& x) {
  const TempFile file;
  if (file.path().empty()) return Error::Internal("XLSX export: cannot create a temporary file");

  lxw_workbook* book = workbook_new(file.path().c_str());
  if (book == nullptr) return Error::Internal("XLSX export: cannot start a workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* amount = workbook_add_format(book);
  format_set_num_format(amount, "#,##0.00");
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "yyyy-mm-dd");

  SheetWriter ledger(workbook_add_worksheet(book, "ledger"), amount, date);
  write_ledger_sheet(ledger, x, bold);
  SheetWriter chain(workbook_add_worksheet(book, "chain"), amount, date);
  write_chain_sheet(chain, x, bold);

  // workbook_close frees the workbook even when it fails, so close first.
  const lxw_error closed = workbook_close(book);
  for (lxw_error e : {ledger.error(), chain.error(), closed}) {
    if (e != LXW_NO_ERROR) return Error::Internal(std::string("XLSX export: ") + lxw_strerror(e));
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in && !in.eof()) return Error::Internal("XLSX export: cannot read back " + file.path());
  return bytes;
}

}  // namespace grants::detail
