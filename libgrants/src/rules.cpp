// Rule files: periods in force, loading files and directories, the rule book.
// Parsing itself is in rules_parse.cpp.
#include "grants/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

namespace grants {

const SchemePeriod* Scheme::in_force(Date d) const {
  for (const auto& p : periods)
    if (p.from <= d && (!p.to || d <= *p.to)) return &p;
  return nullptr;
}

std::string Scheme::outside(Date d) const {
  if (periods.empty()) return "in no period: the scheme has none";
  if (d < periods.front().from) return "before the scheme starts on " + format_date(periods.front().from);
  const auto& end = periods.back().to;
  return "after the scheme ended on " + (end ? format_date(*end) : std::string("?"));
}

std::string Scheme::not_in_force(Date d) const {
  return fmt::format("scheme \"{}\" has no parameters in force on {}, {}", id, format_date(d), outside(d));
}

Result<RuleFile> load_rules_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::InvalidInput(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error::InvalidInput(fmt::format("{}: read error", path));
  return parse_rules(content, path);
}

std::optional<RuleBook::Found> RuleBook::find(std::string_view scheme_id) const {
  for (const auto& f : files)
    for (const auto& s : f.schemes)
      if (s.id == scheme_id) return Found{&f, &s};
  return std::nullopt;
}

Result<RuleBook::Found> RuleBook::require(std::string_view scheme_id) const {
  if (auto f = find(scheme_id)) return *f;
  std::string known;
  for (const auto& file : files)
    for (const auto& s : file.schemes) known += (known.empty() ? "" : ", ") + s.id;
  return Error::InvalidInput(fmt::format("unknown scheme \"{}\"; known schemes: {}", scheme_id,
                                         known.empty() ? "(no rule file loaded)" : known));
}

namespace {

// The files a path stands for: itself, or a directory's *.toml files in
// name order (so that the book, and its error list, do not depend on the
// order the file system lists them in).
Result<std::vector<std::string>> expand(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::vector<std::string>{path};
  std::vector<std::string> out;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".toml") out.push_back(it->path().string());
  if (ec) return Error::InvalidInput(fmt::format("{}: cannot list: {}", path, ec.message()));
  // Every scheme would then be unknown, with no word of why.
  if (out.empty()) return Error::InvalidInput(fmt::format("{}: the directory has no rule file (*.toml)", path));
  std::sort(out.begin(), out.end());
  return out;
}

void add_problems(const Error& e, std::vector<std::string>& details) {
  if (e.details().empty())
    details.push_back(e.message());
  else
    details.insert(details.end(), e.details().begin(), e.details().end());
}

}  // namespace

Result<RuleBook> load_rule_book(const std::vector<std::string>& paths) {
  RuleBook book;
  std::vector<std::string> details;
  for (const auto& path : paths) {
    auto files = expand(path);
    if (!files) {
      add_problems(files.error(), details);
      continue;
    }
    for (const auto& f : *files) {
      auto file = load_rules_file(f);
      if (file)
        book.files.push_back(std::move(*file));
      else
        add_problems(file.error(), details);
    }
  }
  // scheme id -> "<file path>:<line>" of its first definition
  std::map<std::string, std::string, std::less<>> defined_at;
  for (const auto& f : book.files)
    for (const auto& s : f.schemes) {
      const std::string at = fmt::format("{}:{}", f.path, s.line);
      if (auto [it, added] = defined_at.emplace(s.id, at); !added)
        details.push_back(fmt::format("{}: schemes.{}: scheme \"{}\" is also defined at {} (its id is the file's "
                                      "name and the key: rename one of them)",
                                      at, s.id.substr(s.id.find('/') + 1), s.id, it->second));
    }
  if (!details.empty()) {
    const std::size_t n = details.size();
    return Error::InvalidInput(fmt::format("{} problem{} in the rule files", n, n == 1 ? "" : "s"),
                               std::move(details));
  }
  return book;
}

}  // namespace grants
