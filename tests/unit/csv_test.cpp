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
  CHECK(error_of("a,b\r1,2\r3,x\"y\r") == "examples/x.csv:3: malformed CSV: misplaced quote");
  CHECK(error_of("a,b\r1,2\r3,\"open\r4,5\r") == "examples/x.csv:3: malformed CSV: unterminated quoted field");
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

TEST_CASE("csv: malformed quoting names the file and line") {
  CHECK(error_of("a,b\n1,2\n3,\"open\n4,5\n\n6,7\n") ==
        "examples/x.csv:3: malformed CSV: unterminated quoted field");
  CHECK(error_of("a,b\n1,2\n3,x\"y\n") == "examples/x.csv:3: malformed CSV: misplaced quote");
  CHECK(error_of("a,b\n1,\"two\nlines\"z\n") == "examples/x.csv:3: malformed CSV: misplaced quote");
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
