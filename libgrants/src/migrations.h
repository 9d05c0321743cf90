// Schema migrations compiled into the library (see cmake/EmbedMigrations.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace grants::detail {

struct Migration {
  std::string_view name;  // file name, e.g. "001_core.sql"; its order is its number
  std::string_view sql;   // statements separated by ';'
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgresql_migrations();

}  // namespace grants::detail
