// open_store: which backend a database URL names.
#include <fmt/format.h>

#include <cctype>
#include <filesystem>

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
  return path;
}

}  // namespace

namespace detail {

Result<std::unique_ptr<SociStore>> open_soci_store(std::string_view url, Missing missing) {
  if (is_postgresql(url)) return open_postgresql(std::string(url));
  auto file = sqlite_path(url);
  if (!file) return file.error();
  const std::string_view path = *file;
  if (missing == Missing::kMustExist && path != ":memory:" && !std::filesystem::exists(path))
    return Error::Storage(
        fmt::format("database \"{}\" does not exist: run grants init to create it; nothing done", path));
  return open_sqlite(std::string(path));
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
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  // libpq takes a password from the user information ("user:secret@host")
  // and from the parameters ("?password=secret", "&sslpassword=secret").
  const auto query = url.find('?', scheme + 3);
  std::string out(url.substr(0, query));
  const auto at = out.find('@');
  const auto colon = out.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at)
    out.replace(colon + 1, at - colon - 1, "***");
  if (query == std::string_view::npos) return out;
  std::string_view params = url.substr(query + 1);
  out += '?';
  while (true) {
    const auto amp = params.find('&');
    const std::string_view param = params.substr(0, amp);
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && param.substr(0, eq).ends_with("password"))
      out += fmt::format("{}=***", param.substr(0, eq));
    else
      out += param;
    if (amp == std::string_view::npos) return out;
    out += '&';
    params.remove_prefix(amp + 1);
  }
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
