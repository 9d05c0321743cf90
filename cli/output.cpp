#include "output.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "grants/csv.h"

namespace grants::cli {

Result<Format> parse_format(std::string_view name) {
  if (name == "table") return Format::kTable;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  return Error::InvalidInput(fmt::format("\"{}\": expected table, json or csv", name));
}

Cell Cell::str(std::string s) { return {s, s, Kind::kText}; }
Cell Cell::str_or_null(std::string s) { return s.empty() ? null() : str(std::move(s)); }
Cell Cell::num(std::int64_t n) { return {std::to_string(n), std::to_string(n), Kind::kNumber}; }
Cell Cell::money(Money m) { return {m.to_string(), m.to_display(), Kind::kMoney}; }
Cell Cell::date(Date d) { return str(format_date(d)); }
Cell Cell::date(const std::optional<Date>& d) { return d ? date(*d) : null(); }
Cell Cell::boolean(bool b) { return {b ? "true" : "false", b ? "yes" : "no", Kind::kBool}; }
Cell Cell::null() { return {"", "", Kind::kNull}; }

namespace {

// Characters, not bytes: continuation bytes of UTF-8 do not count.
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(std::string_view s, std::size_t w, bool right) {
  std::string fill(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

nlohmann::json to_json(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kNumber: return std::stoll(c.text);
    case Cell::Kind::kBool: return c.text == "true";
    case Cell::Kind::kNull: return nullptr;
    case Cell::Kind::kText:
    case Cell::Kind::kMoney: return c.text;
  }
  return nullptr;
}

nlohmann::json to_json(const Table& t) {
  auto rows = nlohmann::json::array();
  for (const auto& row : t.rows) {
    nlohmann::json o = nlohmann::json::object();
    for (std::size_t i = 0; i < t.columns.size(); ++i) o[t.columns[i]] = to_json(row[i]);
    rows.push_back(std::move(o));
  }
  return rows;
}

void print_aligned(std::ostream& out, const Table& t, std::string_view indent) {
  std::vector<std::size_t> w(t.columns.size());
  for (std::size_t i = 0; i < t.columns.size(); ++i) w[i] = width(t.columns[i]);
  for (const auto& row : t.rows)
    for (std::size_t i = 0; i < row.size(); ++i) w[i] = std::max(w[i], width(row[i].display));
  // A column's kind is that of its first value that is not null.
  auto right = [&](std::size_t i) {
    for (const auto& row : t.rows)
      if (row[i].kind != Cell::Kind::kNull) return row[i].kind == Cell::Kind::kNumber || row[i].kind == Cell::Kind::kMoney;
    return false;
  };
  auto line = [&](auto cell_text) {
    std::string s(indent);
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      s += (i ? "  " : "") + pad(cell_text(i), w[i], right(i));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line([&](std::size_t i) { return t.columns[i]; });
  for (const auto& row : t.rows) line([&](std::size_t i) { return row[i].display; });
}

void print_csv(std::ostream& out, const Table& t) {
  out << csv_record(t.columns);
  for (const auto& row : t.rows) {
    std::vector<std::string> fields;
    for (const auto& c : row) fields.push_back(c.text);
    out << csv_record(fields);
  }
}

}  // namespace

std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_table(std::ostream& out, const Table& t, Format f) {
  switch (f) {
    case Format::kTable: print_aligned(out, t, ""); break;
    case Format::kJson: out << json_text(to_json(t)) << '\n'; break;
    case Format::kCsv: print_csv(out, t); break;
  }
}

void print_record(std::ostream& out, const Record& r, Format f) {
  switch (f) {
    case Format::kTable: {
      if (!r.title.empty()) out << r.title << '\n';
      std::size_t w = 0;
      for (const auto& [k, v] : r.fields) w = std::max(w, width(k));
      for (const auto& [k, v] : r.fields) out << "  " << pad(k + ":", w + 1, false) << ' ' << v.display << '\n';
      for (const auto& [name, t] : r.tables) {
        out << '\n' << name << ":\n";
        print_aligned(out, t, "  ");
      }
      if (!r.notes.empty()) out << '\n';
      for (const auto& n : r.notes) out << n << '\n';
      break;
    }
    case Format::kJson: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, v] : r.fields) o[k] = to_json(v);
      for (const auto& [name, t] : r.tables) o[name] = to_json(t);
      out << json_text(o) << '\n';
      break;
    }
    case Format::kCsv: {
      if (!r.tables.empty() && r.csv == CsvShape::kFirstTable) {
        print_csv(out, r.tables.front().second);
        break;
      }
      Table t{{"field", "value"}, {}};
      for (const auto& [k, v] : r.fields) t.rows.push_back({Cell::str(k), v});
      print_csv(out, t);
      for (const auto& [name, table] : r.tables) {
        out << "\r\n" << csv_record({name});
        print_csv(out, table);
      }
      break;
    }
  }
}

namespace {

nlohmann::json to_json(const ParamValue& v) {
  switch (v.kind) {
    case ParamValue::Kind::kNull:
      return nullptr;
    case ParamValue::Kind::kText:
      return v.text;
    case ParamValue::Kind::kInteger:
      return std::stoll(v.text);
    case ParamValue::Kind::kBool:
      return v.text == "true";
    case ParamValue::Kind::kList: {
      auto a = nlohmann::json::array();
      for (const auto& [k, m] : v.members) a.push_back(to_json(m));
      return a;
    }
    case ParamValue::Kind::kObject: {
      auto o = nlohmann::json::object();
      for (const auto& [k, m] : v.members) o[k] = to_json(m);
      return o;
    }
  }
  return nullptr;
}

// `path` is empty for the value printed, whose keys name its rows.
void add_leaf_rows(Table& t, const std::string& path, const ParamValue& v) {
  const bool nests = v.kind == ParamValue::Kind::kList || v.kind == ParamValue::Kind::kObject;
  if (!nests || v.members.empty()) {
    t.rows.push_back({Cell::str(path), v.kind == ParamValue::Kind::kNull || nests ? Cell::null() : Cell::str(v.text)});
    return;
  }
  for (std::size_t i = 0; i < v.members.size(); ++i) {
    const auto& [key, member] = v.members[i];
    add_leaf_rows(t,
                  v.kind == ParamValue::Kind::kList ? fmt::format("{}[{}]", path, i)
                  : path.empty()                    ? key
                                                    : path + "." + key,
                  member);
  }
}

}  // namespace

void print_data(std::ostream& out, const ParamValue& v, Format f) {
  if (f == Format::kJson) {
    out << json_text(to_json(v)) << '\n';
    return;
  }
  Table t{{"field", "value"}, {}};
  add_leaf_rows(t, "", v);
  print_csv(out, t);
}

void print_outcome(std::ostream& out, const Outcome& o, Format f) {
  if (f == Format::kTable) {
    for (const auto& line : o.lines) out << line << '\n';
    return;
  }
  Record r;
  r.fields = o.fields;
  r.tables = o.tables;
  r.csv = CsvShape::kWhole;
  print_record(out, r, f);
}

namespace {

constexpr std::size_t kBlock = 1 << 16;

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else
          out += c;
    }
  }
  out += '"';
}

}  // namespace

RowStream::RowStream(std::ostream& out, Format f, std::vector<Column> columns, std::string indent)
    : out_(out), format_(f), columns_(std::move(columns)), indent_(std::move(indent)) {
  for (auto& c : columns_) c.width = std::max(c.width, width(c.name));
  switch (format_) {
    case Format::kTable: {
      std::string line;
      for (std::size_t i = 0; i < columns_.size(); ++i)
        line += (i ? "  " : "") + pad(columns_[i].name, i + 1 < columns_.size() ? columns_[i].width : 0,
                                      columns_[i].kind == Cell::Kind::kNumber);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      buffer_ += line + '\n';
      break;
    }
    case Format::kJson: buffer_ += "["; break;
    case Format::kCsv: {
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i > 0) buffer_ += ',';
        append_csv_field(buffer_, columns_[i].name);
      }
      buffer_ += "\r\n";
      break;
    }
  }
}

void RowStream::row(std::initializer_list<std::string_view> values) {
  std::size_t i = 0;
  switch (format_) {
    case Format::kTable: {
      const std::size_t start = buffer_.size();
      for (std::string_view v : values) {
        const Column& c = columns_[i];
        if (i++ > 0) buffer_ += "  ";
        const std::size_t w = width(v);
        const std::size_t fill = i < columns_.size() && c.width > w ? c.width - w : 0;
        if (c.kind == Cell::Kind::kNumber) buffer_.append(fill, ' ');
        buffer_ += v;
        if (c.kind != Cell::Kind::kNumber) buffer_.append(fill, ' ');
      }
      while (buffer_.size() > start && buffer_.back() == ' ') buffer_.pop_back();
      buffer_ += '\n';
      break;
    }
    case Format::kJson:
      buffer_ += first_ ? "\n" : ",\n";
      buffer_ += indent_;
      buffer_ += "  {";
      for (std::string_view v : values) {
        const Column& c = columns_[i];
        if (i++ > 0) buffer_ += ", ";
        append_json_string(buffer_, c.name);
        buffer_ += ": ";
        if (v.empty())
          buffer_ += "null";
        else if (c.kind == Cell::Kind::kNumber)
          buffer_ += v;
        else
          append_json_string(buffer_, v);
      }
      buffer_ += '}';
      break;
    case Format::kCsv:
      for (std::string_view v : values) {
        if (i++ > 0) buffer_ += ',';
        append_csv_field(buffer_, v);
      }
      buffer_ += "\r\n";
      break;
  }
  first_ = false;
  flush_if_full();
}

void RowStream::flush_if_full() {
  if (buffer_.size() < kBlock) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void RowStream::finish() {
  if (format_ == Format::kJson) buffer_ += first_ ? "]" : "\n" + indent_ + "]";
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace grants::cli
