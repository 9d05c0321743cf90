// Reading rows through SOCI: shared by the parts of SociStore. Private to
// the library.
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "grants/date.h"

namespace grants::detail {

// A stored value we cannot read back is damaged data: thrown here, it
// becomes a Storage error naming the column through SociStore::guarded.
[[noreturn]] inline void bad_column(std::string_view column, std::string_view why) {
  throw std::runtime_error(fmt::format("column {}: {}", column, why));
}

// A stored date (a view of a row, see ScanRow, is read without a copy).
inline Date to_date(std::string_view text, std::string_view column) {
  auto d = parse_date(text);
  if (!d) bad_column(column, d.error().message());
  return *d;
}

template <class E, std::size_t N>
E to_enum(const std::string& text, std::string_view column, const std::array<E, N>& values) {
  for (E e : values)
    if (to_string(e) == text) return e;
  bad_column(column, fmt::format("unexpected value \"{}\"", text));
}

// Adds the into() targets of a row, in column order.
template <class... Intos>
void exchange_all(soci::statement& st, const Intos&... intos) {
  (st.exchange(intos), ...);
}

// Prepares `query` with the row's into() targets and `params` bound in order,
// then calls on_row after each row fetched into `row`.
template <class Row, class OnRow, class... Params>
void for_each_row(soci::session& sql, const std::string& query, Row& row, OnRow&& on_row,
                  const Params&... params) {
  soci::statement st(sql);
  row.bind(st);
  (st.exchange(soci::use(params)), ...);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) on_row();
}

// Every row of `query` as Row::value() reads it, in the query's order.
template <class Row, class... Params>
auto rows_of(soci::session& sql, const std::string& query, const Params&... params) {
  std::vector<decltype(std::declval<Row&>().value())> out;
  Row row;
  for_each_row(sql, query, row, [&] { out.push_back(row.value()); }, params...);
  return out;
}

// Maps each id of `items` to its position, to attach child rows.
template <class T>
std::unordered_map<std::int64_t, std::size_t> index_by_id(const std::vector<T>& items) {
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
  return index;
}

template <class T>
std::optional<T> only(std::vector<T> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace grants::detail
