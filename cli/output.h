// Printing results as an aligned table, JSON or CSV (--format).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/result.h"

namespace grants::cli {

enum class Format { kTable, kJson, kCsv };
Result<Format> parse_format(std::string_view name);

// One value: `text` is the machine form (CSV, JSON), `display` the form shown
// in a table. Numbers are JSON numbers; money stays a string ("500.00") so
// that no JSON reader turns it into a float.
struct Cell {
  std::string text;
  std::string display;
  enum class Kind { kText, kNumber, kMoney, kBool, kNull } kind = Kind::kText;

  static Cell str(std::string s);
  static Cell num(std::int64_t n);
  static Cell money(Money m);
  static Cell date(Date d);
  static Cell boolean(bool b);
  static Cell null();
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

// A single object: titled fields, then named tables (e.g. instalments).
struct Record {
  std::string title;
  std::vector<std::pair<std::string, Cell>> fields;
  std::vector<std::pair<std::string, Table>> tables;
  std::vector<std::string> notes;  // lines printed after the tables (table format only)
};

// Table: aligned columns (widths count UTF-8 characters, not bytes), numbers
// and money right-aligned. JSON: an array of objects keyed by column. CSV:
// RFC 4180 with a header row.
void print_table(std::ostream& out, const Table& t, Format f);
// Table: title, "field: value" lines, each table under its name, notes.
// JSON: one object with the fields and each table as an array. CSV: the first
// table, or the fields as "field,value" rows when there is none.
void print_record(std::ostream& out, const Record& r, Format f);

}  // namespace grants::cli
