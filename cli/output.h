// Printing results as an aligned table, JSON or CSV (--format).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "grants/date.h"
#include "grants/describe.h"
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
  static Cell str_or_null(std::string s);  // null when empty: a value not given
  static Cell num(std::int64_t n);
  static Cell money(Money m);
  static Cell date(Date d);
  static Cell date(const std::optional<Date>& d);  // null when not given
  static Cell boolean(bool b);
  static Cell null();
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

// How CSV, which holds one table, prints a record that has tables.
enum class CsvShape {
  // The first table alone: a record read for it (`schedule show` for the
  // schedule, `application show` for the conditions).
  kFirstTable,
  // The whole record, for one whose fields are what it says (a batch): the
  // fields as "field,value" rows, then each table after an empty line, under
  // a line giving its name (as JSON names it), with its header row.
  kWhole,
};

// A single object: titled fields, then named tables (e.g. instalments).
struct Record {
  std::string title;
  std::vector<std::pair<std::string, Cell>> fields;
  std::vector<std::pair<std::string, Table>> tables;
  std::vector<std::string> notes;  // lines printed after the tables (table format only)
  CsvShape csv = CsvShape::kFirstTable;
};

// Table: aligned columns (widths count UTF-8 characters, not bytes), numbers
// and money right-aligned. JSON: an array of objects keyed by column. CSV:
// RFC 4180 with a header row.
// JSON text, indented by 2. Stored text that is not UTF-8 (written before
// input was checked) shows as U+FFFD rather than failing the listing.
std::string json_text(const nlohmann::json& j);

void print_table(std::ostream& out, const Table& t, Format f);
// Table: title, "field: value" lines, each table under its name, notes.
// JSON: one object with the fields and each table as an array. CSV: the
// fields as "field,value" rows when there is no table, else as `r.csv` says.
void print_record(std::ostream& out, const Record& r, Format f);

// Data that nests (a rule period's parameters), for JSON or CSV; the table
// format gives sentences instead. JSON: objects and lists as they nest, a
// whole number as a number, any other leaf as a string. CSV: "field,value"
// rows, one per leaf, named by its path: an object's keys joined by '.', a
// list's items by their index ("amount.shares[0].fraction"); a null and an
// empty list or object are one row with an empty value.
void print_data(std::ostream& out, const ParamValue& v, Format f);

// What a command that acts or checks says it did: sentences for a person,
// fields for a script.
struct Outcome {
  std::vector<std::string> lines;
  std::vector<std::pair<std::string, Cell>> fields;
  // What it did one by one (the migrations applied, the tables copied).
  std::vector<std::pair<std::string, Table>> tables = {};
};
// Table: the lines. JSON and CSV: the fields and tables, as print_record
// prints a whole record (one object; "field,value" rows, then each table
// under its name).
void print_outcome(std::ostream& out, const Outcome& o, Format f);

// Prints a listing row by row without keeping it, for listings too large to
// hold (the compliance check of a million obligations). Table: a header,
// then columns as wide as declared here (a longer value pushes the rest of
// its line), numbers right-aligned; JSON: an array of objects, each written
// as it comes, an empty value as null; CSV: RFC 4180 with a header row.
// Output goes out in blocks, and whole at finish().
class RowStream {
 public:
  struct Column {
    std::string name;
    std::size_t width = 0;  // table format: at least the name's width
    Cell::Kind kind = Cell::Kind::kText;  // kNumber: right-aligned, a JSON number
  };
  // Writes the header (table, CSV) or the array's opening (JSON); `indent`
  // starts each JSON line, for an array inside an object.
  RowStream(std::ostream& out, Format f, std::vector<Column> columns, std::string indent = "");
  // One value per column, in the machine form.
  void row(std::initializer_list<std::string_view> values);
  // Closes the JSON array and writes what is left.
  void finish();

 private:
  void flush_if_full();
  std::ostream& out_;
  Format format_;
  std::vector<Column> columns_;
  std::string indent_;
  std::string buffer_;
  bool first_ = true;
};

}  // namespace grants::cli
