// Rows written in bulk, column by column: what SociStore hands to its
// Dialect's bulk_insert. SQLite binds the vectors to one INSERT executed
// once; PostgreSQL streams them with COPY FROM STDIN (one round trip for all
// rows instead of one per row). Neither re-executes a prepared statement
// bound to vectors, which SOCI 4.0.3 gets wrong on PostgreSQL (it resends
// the first chunk's values: upstream issues #910 and #1167).
// Private to the library.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace grants::detail {

struct BulkColumn {
  std::string name;
  // The values, one per row. Mutable only because SOCI's use() binds
  // non-const vectors; nothing writes to them.
  std::variant<std::vector<long long>*, std::vector<int>*, std::vector<std::string>*> values;
  // i_null marks a NULL; nullptr when the column has none.
  std::vector<soci::indicator>* nulls = nullptr;
};

struct BulkRows {
  std::string table;
  std::vector<BulkColumn> columns;  // every column holds the same number of rows

  std::size_t size() const {
    if (columns.empty()) return 0;
    return std::visit([](const auto* v) { return v->size(); }, columns.front().values);
  }
};

// One INSERT with every vector bound (use(vector)), prepared and executed
// once: SQLite's bulk_insert, and the portable fallback.
void insert_with_vectors(soci::session& sql, const BulkRows& rows);

}  // namespace grants::detail
