#include "grants/csv.h"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace grants {

namespace {

// What libcsv's callbacks fill in while the text is fed to it line by line.
struct Collector {
  int line = 1;            // line of the text being fed
  bool in_record = false;  // a record has started and not yet ended
  int record_line = 0;     // where the current record started
  std::vector<std::string> fields;
  std::vector<CsvRow> records;  // header included
};

void on_field(void* data, std::size_t len, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  c->fields.emplace_back(static_cast<const char*>(data), len);
}

void on_record_end(int /*terminator*/, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  bool blank = std::all_of(c->fields.begin(), c->fields.end(),
                           [](const std::string& f) { return f.empty(); });
  // Spreadsheets export trailing rows of empty cells (",,,"): not records.
  if (!blank) c->records.push_back(CsvRow{c->record_line, std::move(c->fields)});
  c->fields.clear();
  c->in_record = false;
}

// libcsv drops lines of nothing but blanks without reporting a record.
bool only_blanks(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The length of the first line of `s` with its end: LF, CRLF, or a CR
// alone (a spreadsheet's "CSV (Macintosh)"), as libcsv ends records; all of
// `s` when it has no line end.
std::size_t line_length(std::string_view s) {
  const std::size_t end = s.find_first_of("\r\n");
  if (end == std::string_view::npos) return s.size();
  return end + (s.substr(end, 2) == "\r\n" ? 2 : 1);
}

bool ends_line(std::string_view line) { return !line.empty() && (line.back() == '\n' || line.back() == '\r'); }

// ';' when the first line with content has a semicolon and no comma, else
// ','.
unsigned char separator(std::string_view content) {
  while (!content.empty()) {
    const std::string_view line = content.substr(0, line_length(content));
    content.remove_prefix(line.size());
    if (!only_blanks(line))
      return line.find(';') != std::string_view::npos && line.find(',') == std::string_view::npos ? ';' : ',';
  }
  return ',';
}

struct ParserDeleter {
  void operator()(csv_parser* p) const {
    csv_free(p);
    delete p;
  }
};

}  // namespace

int CsvTable::column(std::string_view name) const {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

Result<CsvTable> parse_csv(std::string_view content, std::string_view file) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (content.substr(0, kBom.size()) == kBom) content.remove_prefix(kBom.size());
  // A spreadsheet's "Unicode text" is UTF-16: read as bytes, its header is
  // a row of NULs between letters, which would be the only thing said.
  if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF"))
    return Error::InvalidInput(fmt::format(
        "{}: the file is UTF-16 text (it starts with a UTF-16 byte order mark): save it as CSV UTF-8", file));

  // Strict: a stray quote is an error, not silently part of a field; strict
  // fini: an unterminated quoted field at the end is an error, not a field.
  // No CSV_APPEND_NULL: fields are copied with their length.
  std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser);
  if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0)
    return Error::Internal("cannot initialise the CSV parser");
  csv_set_delim(parser.get(), separator(content));

  Collector c;
  auto fail = [&](int line, std::string_view why) {
    return Error::InvalidInput(fmt::format("{}:{}: malformed CSV: {}", file, line, why));
  };
  // Fed one line at a time so that each record can be given the line it
  // starts on, even when a quoted field spans several lines.
  while (!content.empty()) {
    const std::string_view chunk = content.substr(0, line_length(content));
    content.remove_prefix(chunk.size());
    // A record starts on the first line with content fed while no record
    // is open.
    if (!c.in_record && !only_blanks(chunk)) {
      c.in_record = true;
      c.record_line = c.line;
    }
    if (csv_parse(parser.get(), chunk.data(), chunk.size(), on_field, on_record_end, &c) !=
        chunk.size()) {
      int err = csv_error(parser.get());
      return fail(c.line, err == CSV_EPARSE ? "misplaced quote" : csv_strerror(err));
    }
    if (ends_line(chunk)) ++c.line;
  }
  if (csv_fini(parser.get(), on_field, on_record_end, &c) != 0)
    return fail(c.record_line, "unterminated quoted field");

  CsvTable table;
  if (!c.records.empty()) {
    table.header = std::move(c.records.front().fields);
    table.rows.assign(std::make_move_iterator(c.records.begin() + 1),
                      std::make_move_iterator(c.records.end()));
  }
  return table;
}

Result<CsvTable> read_csv_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  auto unreadable = [&] {
    return Error::InvalidInput(fmt::format("cannot read \"{}\": {}", path, std::strerror(errno)));
  };
  if (!f) return unreadable();
  std::string content;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) content.append(buf, n);
  if (std::ferror(f.get())) return unreadable();
  return parse_csv(content, path);
}

void append_csv_field(std::string& out, std::string_view f) {
  // Leading or trailing blanks are quoted too: unquoted, readers such as
  // ours (libcsv) trim them.
  bool quote = f.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!f.empty() && (f.front() == ' ' || f.front() == '\t' || f.back() == ' ' || f.back() == '\t'));
  if (!quote) {
    out += f;
    return;
  }
  out += '"';
  for (char ch : f) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace grants
