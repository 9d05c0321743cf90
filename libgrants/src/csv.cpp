#include "grants/csv.h"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "grants/text.h"

namespace grants {

namespace {

// What libcsv's callbacks fill in while the text is fed to it line by line.
struct Collector {
  int line = 1;            // line of the text being fed
  bool in_record = false;  // a record has started and not yet ended
  int record_line = 0;     // where the current record started
  int field_line = 0;      // where the current field started
  int quoted_from = 0;     // where the last field open across a line end started
  std::vector<std::string> fields;
  std::vector<CsvRow> records;  // header included
};

void on_field(void* data, std::size_t len, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  c->fields.emplace_back(static_cast<const char*>(data), len);
  c->field_line = c->line;
}

void on_record_end(int /*terminator*/, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  bool blank = std::all_of(c->fields.begin(), c->fields.end(),
                           [](const std::string& f) { return f.empty(); });
  // Spreadsheets export trailing rows of empty cells (",,,"): not records.
  if (!blank) c->records.push_back(CsvRow{c->record_line, std::move(c->fields), {}});
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
using Parser = std::unique_ptr<csv_parser, ParserDeleter>;

// Strict: a stray quote is an error, not silently part of a field; strict
// fini: an unterminated quoted field at the end is an error, not a field.
// No CSV_APPEND_NULL: fields are copied with their length. Null when libcsv
// cannot allocate one.
Parser new_parser(unsigned char delim) {
  Parser p(new csv_parser);
  if (csv_init(p.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) return nullptr;
  csv_set_delim(p.get(), delim);
  return p;
}

// The 1-based column of byte `pos` of `line`, in characters.
std::size_t column(std::string_view line, std::size_t pos) { return char_count(line.substr(0, pos)) + 1; }

// The rest of a line after a misplaced quote, read as a spreadsheet reads
// it: a quote opens a field only at the field's start, and "" within it is
// one quote. The position in `rest` of a quote that opens a field the line
// does not close (the next lines may then be that field's or records of
// their own: no one can tell), or npos.
std::size_t open_quote(std::string_view rest, unsigned char delim) {
  bool quoted = false;
  bool at_field_start = false;
  std::size_t opened = std::string_view::npos;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char ch = rest[i];
    if (quoted) {
      if (ch != '"') continue;
      if (i + 1 < rest.size() && rest[i + 1] == '"')
        ++i;
      else
        quoted = false;
    } else if (static_cast<unsigned char>(ch) == delim) {
      at_field_start = true;
    } else if (ch == '"' && at_field_start) {
      quoted = true;
      opened = i;
      at_field_start = false;
    } else if (ch != ' ' && ch != '\t') {
      at_field_start = false;
    }
  }
  return quoted ? opened : std::string_view::npos;
}

std::string_view without_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

// The number of the first line of `content` that has anything on it but
// blanks, counted from `line` (the number of its first line); 0 when none
// has.
int first_line_with_content(std::string_view content, int line) {
  while (!content.empty()) {
    const std::string_view l = content.substr(0, line_length(content));
    content.remove_prefix(l.size());
    if (!only_blanks(l)) return line;
    if (ends_line(l)) ++line;
  }
  return 0;
}

constexpr std::string_view kQuoteHint = "within a field, a quote is written \"\" and the field put between quotes";

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

  const unsigned char delim = separator(content);
  Parser parser = new_parser(delim);
  if (!parser) return Error::Internal("cannot initialise the CSV parser");

  Collector c;
  // A malformed record is kept as a row saying what is wrong with it; a
  // malformed header line is an error.
  auto header_unread = [&](std::string_view what) {
    return Error::InvalidInput(
        fmt::format("{}:{}: the header line cannot be read: malformed CSV: {}", file, c.record_line, what));
  };
  auto malformed = [&](std::string what) {
    c.records.push_back(CsvRow{c.record_line, {}, "malformed CSV: " + std::move(what)});
    c.fields.clear();
    c.in_record = false;
  };
  bool stopped = false;  // a quote left where the next record starts unknown
  int last_line = 0;     // the last line read with anything on it
  // Fed one line at a time so that each record can be given the line it
  // starts on, even when a quoted field spans several lines.
  while (!content.empty() && !stopped) {
    const std::string_view chunk = content.substr(0, line_length(content));
    content.remove_prefix(chunk.size());
    // A record starts on the first line with content fed while no record
    // is open.
    if (!c.in_record && !only_blanks(chunk)) {
      c.in_record = true;
      c.record_line = c.field_line = c.line;
      c.quoted_from = 0;
    }
    const std::size_t fed = csv_parse(parser.get(), chunk.data(), chunk.size(), on_field, on_record_end, &c);
    if (fed != chunk.size()) {
      if (const int err = csv_error(parser.get()); err != CSV_EPARSE)
        return Error::Internal(fmt::format("{}:{}: cannot read the CSV: {}", file, c.line, csv_strerror(err)));
      // libcsv stopped on the quote itself inside an unquoted field, or on
      // what follows a closing quote (and blanks), which is on this line:
      // a quote before a line end closes its field well.
      const std::size_t quote = chunk[fed] == '"' ? fed : chunk.rfind('"', fed);
      std::string what = c.record_line == c.line
                             ? fmt::format("misplaced quote at column {} ({})", column(chunk, quote), kQuoteHint)
                             : fmt::format(
                                   "misplaced quote on line {} at column {}, after a field quoted over several "
                                   "lines from line {}: lines {} to {} cannot be read (is a quote missing or one "
                                   "too many on line {}?)",
                                   c.line, column(chunk, quote), c.quoted_from, c.record_line, c.line, c.quoted_from);
      // Without a header no row can be matched to columns.
      if (c.records.empty()) return header_unread(what);
      const std::string_view rest = without_line_end(chunk.substr(fed + 1));
      const int next = first_line_with_content(content, c.line + 1);
      if (const std::size_t open = open_quote(rest, delim); open != std::string_view::npos) {
        // The quote may open a field that runs over the next lines, or be
        // one more stray quote: where the next record starts is unknown.
        if (next != 0)
          what += fmt::format(
              "; from line {} on, the file cannot be read: the quote at column {} of line {} opens "
              "a field that does not close on that line",
              next, column(chunk, fed + 1 + open), c.line);
        stopped = true;
      } else if (next != 0) {
        // The line holds no quote left open: the next line starts a record.
        what += fmt::format("; reading goes on at line {}", next);
      }
      malformed(std::move(what));
      parser = new_parser(delim);
      if (!parser) return Error::Internal("cannot initialise the CSV parser");
    } else if (c.in_record && ends_line(chunk)) {
      // Only a quoted field goes on past a line end.
      c.quoted_from = c.field_line;
    }
    if (!only_blanks(chunk)) last_line = c.line;
    if (ends_line(chunk)) ++c.line;
  }
  if (!stopped && csv_fini(parser.get(), on_field, on_record_end, &c) != 0) {
    // The field left open is the last one, which started on field_line.
    const int opened = c.field_line;
    std::string what = fmt::format("unterminated quoted field: the quote opened on line {} is never closed", opened);
    if (c.records.empty()) return header_unread(what);
    if (opened < last_line) what += fmt::format(", so from line {} on, the file cannot be read", opened + 1);
    malformed(std::move(what));
  }

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
