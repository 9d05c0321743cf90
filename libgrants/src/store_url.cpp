// open_store: which backend a database URL names.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "grants/text.h"
#include "soci_store.h"

namespace grants {

namespace {

// The URL scheme, when `url` starts with one (RFC 3986: a letter, then
// letters, digits, '+', '-' or '.', then ':'); empty for a plain path. A file
// name that contains ':' must therefore be given as "sqlite:PATH".
std::string_view scheme_of(std::string_view url) {
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  auto scheme = url.substr(0, colon);
  if (std::isalpha(static_cast<unsigned char>(scheme[0])) == 0) return {};
  for (char ch : scheme)
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0 && ch != '+' && ch != '-' && ch != '.')
      return {};
  return scheme;
}

bool is_postgresql(std::string_view url) {
  const std::string_view scheme = scheme_of(url);
  return scheme == "postgresql" || scheme == "postgres";
}

// The names of libpq's key=value settings, as "host=db dbname=grants41"
// begins: such a string is not a file name.
bool is_libpq_settings(std::string_view url) {
  const std::string_view key = url.substr(0, url.find('='));
  if (key.size() == url.size()) return false;
  for (std::string_view k : {"host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service",
                             "sslmode", "connect_timeout", "options", "application_name"})
    if (key == k) return true;
  return false;
}

// The file a SQLite URL names; InvalidInput for another scheme or no path.
Result<std::string_view> sqlite_path(std::string_view url) {
  std::string_view scheme = scheme_of(url);
  std::string_view path = url;
  if (scheme == "sqlite") {
    path = url.substr(scheme.size() + 1);
    if (path.starts_with("//")) path.remove_prefix(2);
  } else if (!scheme.empty()) {
    return Error::InvalidInput(fmt::format(
        "database URL \"{}\": unknown scheme, expected sqlite:PATH or "
        "postgresql://USER@HOST:PORT/DBNAME",
        shown_url(url)));
  }
  if (path.empty())
    return Error::InvalidInput(fmt::format("database URL \"{}\": no file path", url));
  // Taken as a file name, it would become a SQLite database in the current
  // directory, which init would create and report as initialised.
  if (scheme.empty() && is_libpq_settings(url))
    return Error::InvalidInput(fmt::format(
        "database URL \"{}\": libpq's key=value settings are not taken here, give a URL: "
        "postgresql://USER@HOST:PORT/DBNAME (a file of that name is given as sqlite:PATH)",
        shown_url(url)));
  return path;
}

}  // namespace

namespace detail {

std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  // Each parameter of `params` (at `offset` in the URL), split by any of
  // `separators`, whose name ends in "password".
  auto parameters = [&](std::size_t offset, std::string_view separators) {
    std::size_t start = offset;
    while (start < url.size()) {
      const auto end = std::min(url.find_first_of(separators, start), url.size());
      const std::string_view param = url.substr(start, end - start);
      const auto eq = param.find('=');
      if (eq != std::string_view::npos && param.substr(0, eq).ends_with("password"))
        spans.emplace_back(start + eq + 1, end - start - eq - 1);
      start = end + 1;
    }
  };
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    // libpq's key=value form, values without spaces.
    if (is_libpq_settings(url)) parameters(0, " \t\n");
    return spans;
  }
  const auto query = url.find('?', scheme + 3);
  const std::string_view before = url.substr(0, query);
  const auto at = before.find('@');
  const auto colon = before.find(':', scheme + 3);
  if (at != std::string_view::npos && colon != std::string_view::npos && colon < at)
    spans.emplace_back(colon + 1, at - colon - 1);
  if (query != std::string_view::npos) parameters(query + 1, "&");
  return spans;
}

std::string without_passwords(std::string text, std::string_view url) {
  for (const auto& [start, size] : password_spans(url)) {
    if (size == 0) continue;
    const std::string secret(url.substr(start, size));
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
      text.replace(at, secret.size(), "***");
  }
  return text;
}

Result<std::chrono::seconds> lock_wait() {
  const char* set = std::getenv("GRANTS_LOCK_WAIT");
  if (set == nullptr || *set == '\0') return kLockWait;
  const std::string_view text(set);
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || text[0] == '-' || seconds < 1 || seconds > 86400)
    return Error::InvalidInput(
        fmt::format("environment variable GRANTS_LOCK_WAIT: \"{}\": expected whole seconds from 1 to 86400",
                    printable(text)));
  return std::chrono::seconds(seconds);
}

Result<std::unique_ptr<SociStore>> open_soci_store(std::string_view url, Missing missing) {
  auto wait = lock_wait();
  if (!wait) return wait.error();
  if (is_postgresql(url)) return open_postgresql(std::string(url), *wait);
  auto file = sqlite_path(url);
  if (!file) return file.error();
  const std::string_view path = *file;
  if (missing == Missing::kMustExist && path != ":memory:" && !std::filesystem::exists(path))
    return Error::Storage(
        fmt::format("database \"{}\" does not exist: run grants init to create it; nothing done", path));
  return open_sqlite(std::string(path), *wait);
}

}  // namespace detail

std::vector<std::string> database_files(std::string_view url) {
  if (is_postgresql(url)) return {};
  auto path = sqlite_path(url);
  if (!path || *path == ":memory:") return {};
  const std::string db(*path);
  return {db, db + "-wal", db + "-shm", db + "-journal"};
}

std::string shown_url(std::string_view url) {
  std::string out(url);
  const auto spans = detail::password_spans(url);
  for (auto span = spans.rbegin(); span != spans.rend(); ++span) out.replace(span->first, span->second, "***");
  return out;
}

Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  auto store = detail::open_soci_store(url);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

Result<std::unique_ptr<Store>> open_current_store(std::string_view url) {
  auto store = detail::open_soci_store(url, detail::Missing::kMustExist);
  if (!store) return store.error();
  if (auto st = (*store)->check_migrations(); !st) return st.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace grants
