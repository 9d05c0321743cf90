#include "grants/csv.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using grants::csv_record;
using grants::CsvTable;
using grants::parse_csv;
using grants::read_csv_file;

namespace {

CsvTable parsed(std::string_view content) {
  auto t = parse_csv(content, "t.csv");
  REQUIRE_MESSAGE(t.ok(), t.error().message());
  return *t;
}

std::string error_of(std::string_view content) {
  auto t = parse_csv(content, "examples/x.csv");
  REQUIRE_FALSE(t.ok());
  return t.error().message();
}

using Fields = std::vector<std::string>;

// Each row as "LINE: field|field", or "LINE: " and what is malformed.
Fields rows_of(std::string_view content) {
  Fields out;
  for (const auto& r : parsed(content).rows) {
    std::string cells;
    for (const auto& f : r.fields) cells += (cells.empty() ? "" : "|") + f;
    out.push_back(std::to_string(r.line) + ": " + (r.malformed.empty() ? cells : r.malformed));
  }
  return out;
}

// A misplaced quote's message says how to write one.
std::string hinted(std::string_view what) {
  return std::string(what) + " (within a field, a quote is written \"\" and the field put between quotes)";
}

}  // namespace

TEST_CASE("csv: header and rows with their line numbers") {
  auto t = parsed("ref,name\nB-1,Martin\nB-2,Durand\n");
  CHECK(t.header == Fields{"ref", "name"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].line == 2);
  CHECK(t.rows[0].fields == Fields{"B-1", "Martin"});
  CHECK(t.rows[1].line == 3);
  CHECK(t.column("name") == 1);
  CHECK(t.column("iban") == -1);
}

TEST_CASE("csv: CRLF line ends, a BOM and a missing final newline") {
  auto t = parsed("\xEF\xBB\xBFref,name\r\nB-1,Martin\r\nB-2,Durand");
  CHECK(t.header == Fields{"ref", "name"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields == Fields{"B-1", "Martin"});
  CHECK(t.rows[1].line == 3);
  CHECK(t.rows[1].fields == Fields{"B-2", "Durand"});
}

TEST_CASE("csv: quoted fields keep commas, quotes and UTF-8") {
  auto t = parsed("a,b,c\n\"Lefèvre, Hélène\",\"dit \"\"Lulu\"\"\",\n");
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].fields == Fields{"Lefèvre, Hélène", "dit \"Lulu\"", ""});
}

// Regression: a file saved by a spreadsheet set to French (semicolons,
// since the comma is the decimal mark) was read as one column.
TEST_CASE("csv: semicolons separate when the first line has them and no comma") {
  auto t = parsed("\xEF\xBB\xBF\r\nref;name;note\r\nB-1;\"Lefèvre; Hélène\";1,5\r\nB-2;Durand;\r\n");
  CHECK(t.header == Fields{"ref", "name", "note"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].line == 3);
  CHECK(t.rows[0].fields == Fields{"B-1", "Lefèvre; Hélène", "1,5"});
  CHECK(t.rows[1].fields == Fields{"B-2", "Durand", ""});
  // A comma in the first line keeps the comma as the separator.
  CHECK(parsed("ref,name;x\nB-1,a;b\n").rows[0].fields == Fields{"B-1", "a;b"});
}

TEST_CASE("csv: multi-line quoted fields keep later line numbers right") {
  auto t = parsed("a,b\r\n1,\"first\r\nsecond\r\nthird\"\r\n2,x\r\n\"multi\nline\",y\n3,z\n");
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].line == 2);
  CHECK(t.rows[0].fields == Fields{"1", "first\r\nsecond\r\nthird"});
  CHECK(t.rows[1].line == 5);
  CHECK(t.rows[2].line == 6);
  CHECK(t.rows[2].fields == Fields{"multi\nline", "y"});
  CHECK(t.rows[3].line == 8);
}

// Regression: a file saved as "CSV (Macintosh)" ends its lines with a CR
// alone; every record after the first was said to be on line 1, and the
// separator was guessed from the whole file.
TEST_CASE("csv: lone CR line ends give each record its line") {
  auto t = parsed("ref;name\rB-1;\"Lefèvre, Hélène\"\r\rB-2;\"Roux\rMarie\"\rB-3;Durand\r");
  CHECK(t.header == Fields{"ref", "name"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].line == 2);
  CHECK(t.rows[0].fields == Fields{"B-1", "Lefèvre, Hélène"});
  CHECK(t.rows[1].line == 4);
  CHECK(t.rows[1].fields == Fields{"B-2", "Roux\rMarie"});
  CHECK(t.rows[2].line == 6);
  CHECK(rows_of("a,b\r1,2\r3,x\"y\r4,5\r") ==
        Fields{"2: 1|2", "3: malformed CSV: " + hinted("misplaced quote at column 4") + "; reading goes on at line 4",
               "4: 4|5"});
  CHECK(rows_of("a,b\r1,2\r3,\"open\r4,5\r") ==
        Fields{"2: 1|2",
               "3: malformed CSV: unterminated quoted field: the quote opened on line 3 is never closed, so from line 4 "
               "on, the file cannot be read"});
}

TEST_CASE("csv: blank lines and rows of empty cells are skipped") {
  auto t = parsed("\n\na,b\n\n1,2\n,\n\r\n   \n3,4\n\n");
  CHECK(t.header == Fields{"a", "b"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].line == 5);
  CHECK(t.rows[1].line == 9);
  CHECK(t.rows[1].fields == Fields{"3", "4"});
}

TEST_CASE("csv: empty input is an empty table") {
  auto t = parsed("");
  CHECK(t.header.empty());
  CHECK(t.rows.empty());
}

// Regression: a file saved as "Unicode text" was said to have a bad header
// whose columns were NULs between letters.
TEST_CASE("csv: a UTF-16 file is named as such") {
  const std::string utf16le("\xFF\xFEr\0e\0f\0\n\0", 10);
  CHECK(error_of(utf16le) ==
        "examples/x.csv: the file is UTF-16 text (it starts with a UTF-16 byte order mark): save it as CSV UTF-8");
  CHECK(error_of(std::string("\xFE\xFF\0r\0e\0f\0\n", 10)) == error_of(utf16le));
}

// Regression: a misplaced quote stopped the reading there, so an import
// named that line alone and none of the bad rows after it.
TEST_CASE("csv: a misplaced quote makes its record a bad row and reading goes on at the next line") {
  // A quote inside an unquoted field, a pair of them, a quote not doubled
  // inside a quoted field, text after a closing quote (the column is the
  // quote's): each line is one record whatever the quote meant, so the
  // next line starts one.
  CHECK(rows_of("a,b,c\n1,O\"Neil,x\n2,Dupont \"Jo\",y\n3,\"dit \"Lulu\"\",z\n4,\"two\"z,w\n5,ok,v\n") ==
        Fields{"2: malformed CSV: " + hinted("misplaced quote at column 4") + "; reading goes on at line 3",
               "3: malformed CSV: " + hinted("misplaced quote at column 10") + "; reading goes on at line 4",
               "4: malformed CSV: " + hinted("misplaced quote at column 8") + "; reading goes on at line 5",
               "5: malformed CSV: " + hinted("misplaced quote at column 7") + "; reading goes on at line 6",
               "6: 5|ok|v"});
  // Columns are counted in characters; the last line says nothing of a
  // next one; blank lines after it are skipped.
  CHECK(rows_of("a,b\n1,2\n\n3,Lefèvre \"Lulu\"\n\n\n") ==
        Fields{"2: 1|2", "4: malformed CSV: " + hinted("misplaced quote at column 11")});
  CHECK(rows_of("a,b\n3,x\"y\n\n\n4,5\n") ==
        Fields{"2: malformed CSV: " + hinted("misplaced quote at column 4") + "; reading goes on at line 5",
               "5: 4|5"});
  // With semicolons, and after a record whose quoted field runs over lines.
  CHECK(rows_of("a;b\r\n1;\"two\r\nlines\"\r\n2;x\"y\r\n3;z\r\n") ==
        Fields{"2: 1|two\r\nlines",
               "4: malformed CSV: " + hinted("misplaced quote at column 4") + "; reading goes on at line 5", "5: 3|z"});
}

TEST_CASE("csv: a misplaced quote after a field quoted over several lines names them all") {
  // The quote opened on line 2 is likelier a stray one than a field of
  // three lines: the message says both what was read and where to look.
  CHECK(rows_of("a,b\n1,\"open\n2,x\n3,\"y\"z\n4,w\n") ==
        Fields{"2: malformed CSV: misplaced quote on line 4 at column 3, after a field quoted over several lines "
               "from line 2: lines 2 to 4 cannot be read (is a quote missing or one too many on line 2?); reading "
               "goes on at line 5",
               "5: 4|w"});
  CHECK(rows_of("a,b\n1,\"two\nlines\"z\n") ==
        Fields{"2: malformed CSV: misplaced quote on line 3 at column 6, after a field quoted over several lines "
               "from line 2: lines 2 to 3 cannot be read (is a quote missing or one too many on line 2?)"});
}

TEST_CASE("csv: a quote that may open a field over the next lines stops the reading, saying from which line") {
  // After the misplaced quote, a quote opens the third field and does not
  // close on its line: line 3 may be that field's or a record of its own.
  CHECK(rows_of("a,b,c\n1,x\"y,\"z\n2,3,4\n5,6,7\n") ==
        Fields{"2: malformed CSV: " + hinted("misplaced quote at column 4") +
               "; from line 3 on, the file cannot be read: the quote at column 7 of line 2 opens a field that does "
               "not close on that line"});
  // A quote opened and never closed: every line after it is the field's.
  CHECK(rows_of("a,b\n1,2\n3,\"open\n4,5\n\n6,7\n") ==
        Fields{"2: 1|2",
               "3: malformed CSV: unterminated quoted field: the quote opened on line 3 is never closed, so from line 4 "
               "on, the file cannot be read"});
  CHECK(rows_of("a,b\n1,2\n3,\"open") ==
        Fields{"2: 1|2", "3: malformed CSV: unterminated quoted field: the quote opened on line 3 is never closed"});
  CHECK(rows_of("a,b\n1,\"two\nlines\",\"open\n") ==
        Fields{"2: malformed CSV: unterminated quoted field: the quote opened on line 3 is never closed"});
}

TEST_CASE("csv: a malformed header line is an error: no row could be matched to columns") {
  CHECK(error_of("re\"f,name\n1,2\n") ==
        "examples/x.csv:1: the header line cannot be read: malformed CSV: " + hinted("misplaced quote at column 3"));
  CHECK(error_of("\n\"ref,name\n1,2\n") ==
        "examples/x.csv:2: the header line cannot be read: malformed CSV: unterminated quoted field: the quote "
        "opened on line 2 is never closed");
}

TEST_CASE("csv: records are written with RFC 4180 quoting and CRLF") {
  CHECK(csv_record({"B-1", "Martin", ""}) == "B-1,Martin,\r\n");
  CHECK(csv_record({"Lefèvre, Hélène", "dit \"Lulu\"", "a\nb"}) ==
        "\"Lefèvre, Hélène\",\"dit \"\"Lulu\"\"\",\"a\nb\"\r\n");
  CHECK(csv_record({" padded"}) == "\" padded\"\r\n");
  CHECK(csv_record({}) == "\r\n");
}

TEST_CASE("csv: written records read back the same") {
  Fields fields{"x, y", "say \"hi\"", "two\r\nlines", " lead", "plain", ""};
  auto t = parsed(csv_record({"a", "b", "c", "d", "e", "f"}) + csv_record(fields));
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].fields == fields);
}

TEST_CASE("csv: reading a file, and an unreadable one") {
  std::string path = (std::filesystem::temp_directory_path() / "grants_csv_test.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\r\n1,2\r\n";
  }
  auto t = read_csv_file(path);
  std::filesystem::remove(path);
  REQUIRE_MESSAGE(t.ok(), t.error().message());
  CHECK(t->rows.at(0).fields == Fields{"1", "2"});

  auto missing = read_csv_file("no/such/file.csv");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message() == "cannot read \"no/such/file.csv\": No such file or directory");

  auto bad = read_csv_file(".");
  CHECK_FALSE(bad.ok());
}
