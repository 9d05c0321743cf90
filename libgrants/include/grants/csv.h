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
// only names the source in errors. Error on malformed quoting, naming the
// file and line.
Result<CsvTable> parse_csv(std::string_view content, std::string_view file);
// Reads and parses a file. Error when it cannot be read.
Result<CsvTable> read_csv_file(const std::string& path);

// Writes one CSV record (RFC 4180 quoting where needed) ending in "\r\n".
std::string csv_record(const std::vector<std::string>& fields);
// Appends one field to `out`, quoted where RFC 4180 needs it.
void append_csv_field(std::string& out, std::string_view f);

}  // namespace grants
