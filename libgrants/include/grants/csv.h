// Reading CSV (RFC 4180) with line numbers, through libcsv.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grants/result.h"

namespace grants {

struct CsvRow {
  int line = 0;  // 1-based line where the record starts in the file
  std::vector<std::string> fields;
  // Empty for a record read; for one whose quoting is malformed, what is
  // wrong and where reading went on, e.g. "malformed CSV: misplaced quote
  // at column 12: ...; reading goes on at line 4" (without "FILE:LINE: ").
  // Its fields are then empty: a reader must report it as a bad row.
  std::string malformed;
};

struct CsvTable {
  std::vector<std::string> header;  // the first record
  std::vector<CsvRow> rows;         // the other records, blank lines skipped
  // Index of a header column, or -1.
  int column(std::string_view name) const;
};

// Parses `content` (UTF-8, optional BOM, CRLF or LF, quoted fields with
// embedded separators, quotes and newlines). The separator is a comma, or a
// semicolon when the first line has semicolons and no comma: spreadsheets
// set to French save CSV so, since the comma is their decimal mark. `file`
// only names the source in errors.
//
// Malformed quoting does not stop the reading, so that an import can list
// every bad row at once: the record is kept as a row with `malformed` set,
// and reading goes on at the next line when that line surely starts a
// record (the line at fault leaves no quoted field open). When it may not
// (a quote opens a field that a later line could close, or is never
// closed), the last row says from which line on the file could not be read,
// and nothing after it is read. Error only when the header line itself is
// malformed (no row could be matched to columns) or the file is UTF-16.
Result<CsvTable> parse_csv(std::string_view content, std::string_view file);
// Reads and parses a file. Error when it cannot be read.
Result<CsvTable> read_csv_file(const std::string& path);

// Writes one CSV record (RFC 4180 quoting where needed) ending in "\r\n".
std::string csv_record(const std::vector<std::string>& fields);
// Appends one field to `out`, quoted where RFC 4180 needs it.
void append_csv_field(std::string& out, std::string_view f);

}  // namespace grants
