// A database as a whole (grants/database.h): copying between backends and
// creating roles, over the same SociStore and Dialect as everything else.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "grants/database.h"
#include "soci_store.h"

namespace grants {

namespace {

using detail::BulkInsert;
using detail::SociStore;
using detail::TableInfo;

// Rows read and written at a time: bounds memory whatever the table's size.
constexpr std::size_t kCopyChunk = 10000;

// Referenced tables before the tables that reference them, so that every
// foreign key finds its row; otherwise by name. The schema has no cycles.
std::vector<TableInfo> in_dependency_order(std::vector<TableInfo> tables) {
  std::vector<TableInfo> out;
  std::set<std::string> placed;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const TableInfo& t) {
      return std::all_of(t.references.begin(), t.references.end(), [&](const std::string& r) {
        return r == t.name || placed.count(r) > 0;
      });
    });
    if (ready == tables.end()) ready = tables.begin();  // a cycle: let the database say so
    placed.insert(ready->name);
    out.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return out;
}

std::vector<std::string> migration_names(const SociStore& store) {
  std::vector<std::string> names;
  for (const auto& m : store.dialect().migrations()) names.emplace_back(m.name);
  return names;
}

// Copies one table in chunks; returns its row count.
std::int64_t copy_table(SociStore& from, SociStore& to, const TableInfo& table) {
  const std::size_t width = table.columns.size();
  std::vector<std::vector<std::string>> values(width, std::vector<std::string>(kCopyChunk));
  std::vector<std::vector<soci::indicator>> nulls(width,
                                                  std::vector<soci::indicator>(kCopyChunk));
  std::string names;
  for (const std::string& c : table.columns) names += (names.empty() ? "" : ", ") + c;
  soci::statement st(from.session());
  for (std::size_t k = 0; k < width; ++k) st.exchange(soci::into(values[k], nulls[k]));
  st.alloc();
  st.prepare("SELECT " + names + " FROM " + table.name);
  st.define_and_bind();
  st.execute(false);
  std::int64_t rows = 0;
  while (st.fetch()) {
    // Every value as text: each database converts it to its column's type.
    BulkInsert chunk{table.name, values.front().size(), {}};
    for (std::size_t k = 0; k < width; ++k)
      chunk.columns.push_back(BulkInsert::text(
          table.columns[k],
          [&values, k](std::size_t r, std::string&) { return std::string_view(values[k][r]); },
          [&nulls, k](std::size_t r) { return nulls[k][r] == soci::i_null; }));
    to.dialect().bulk_insert(to.session(), chunk);
    rows += static_cast<std::int64_t>(chunk.rows);
    // SOCI shrinks the vectors to the rows it read; the next fetch reads as
    // many rows as they hold.
    for (std::size_t k = 0; k < width; ++k) {
      values[k].resize(kCopyChunk);
      nulls[k].resize(kCopyChunk);
    }
  }
  return rows;
}

// Conflict, naming the first table (in the dialect's order) that holds rows.
Status refuse_rows(SociStore& to) {
  for (const TableInfo& t : to.dialect().tables(to.session())) {
    if (t.name == "schema_migrations") continue;
    long long count = 0;
    to.session() << "SELECT count(*) FROM " + t.name, soci::into(count);
    if (count > 0)
      return Error::Conflict(fmt::format(
          "the target database already holds rows (table {}): copy into an empty database, nothing copied", t.name));
  }
  return Ok();
}

Result<std::vector<CopiedTable>> copy_all(SociStore& from, SociStore& to,
                                          const std::function<void(const CopiedTable&)>& progress) {
  if (migration_names(to) != migration_names(from))
    return Error::Internal("the two backends' migrations differ in this build");
  // A grants database that holds rows is refused before it is migrated: one
  // at an older migration given as the target by mistake is left as it was.
  // (Checked again under the write lock below, against a copy racing this
  // one; another application's database is migrate()'s to refuse.)
  if (auto applied = to.applied_migrations(); applied && !applied->empty()) {
    try {
      if (auto st = refuse_rows(to); !st) return st.error();
    } catch (const std::exception& e) {
      return Error::Storage("reading the target database: " + detail::describe(e));
    }
  }
  if (auto m = to.migrate(); !m) return m.error();

  std::vector<CopiedTable> out;
  try {
    // Under the target's write lock from here: a copy started at the same
    // moment into the same database, or an officer's first command there,
    // has either committed its rows, which the check below sees, or waits
    // for this copy to commit.
    auto tx = to.begin_write();
    if (!tx) return tx.error();
    auto source_tables = from.dialect().tables(from.session());
    auto target_tables = to.dialect().tables(to.session());
    std::erase_if(source_tables, [](const TableInfo& t) { return t.name == "schema_migrations"; });
    for (TableInfo& t : source_tables) {
      auto there = std::find_if(target_tables.begin(), target_tables.end(),
                                [&](const TableInfo& u) { return u.name == t.name; });
      if (there == target_tables.end() ||
          std::set(there->columns.begin(), there->columns.end()) !=
              std::set(t.columns.begin(), t.columns.end()))
        return Error::Conflict(fmt::format(
            "table {} differs between the two databases: nothing copied", t.name));
      // The order must suit both: a reference one backend declares as a
      // foreign key the other may check by trigger (PostgreSQL's payments).
      t.references.insert(t.references.end(), there->references.begin(), there->references.end());
    }
    if (auto st = refuse_rows(to); !st) return st.error();
    const auto tables = in_dependency_order(std::move(source_tables));

    from.dialect().begin_read(from.session());
    for (const TableInfo& t : tables) {
      try {
        out.push_back(CopiedTable{t.name, copy_table(from, to, t)});
      } catch (const std::exception& e) {
        return Error::Storage(fmt::format("copying table {}: {}", t.name, detail::describe(e)));
      }
      if (progress) progress(out.back());
    }
    from.session() << "COMMIT";
    to.dialect().after_copy(to.session(), tables);
    if (auto st = (*tx)->commit(); !st) return st.error();
  } catch (const std::exception& e) {
    return Error::Storage("copying the database: " + detail::describe(e));
  }
  return out;
}

bool valid_role(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  if (std::isdigit(static_cast<unsigned char>(name.front())) != 0) return false;
  return std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

}  // namespace

Result<std::vector<CopiedTable>> copy_database(
    std::string_view from_url, std::string_view to_url,
    const std::function<void(const CopiedTable&)>& progress) {
  auto from = detail::open_soci_store(from_url, detail::Missing::kMustExist);
  if (!from) return from.error();
  // As for any command, the source must be at this build's migrations;
  // checked before the target is opened, which creates a SQLite file.
  if (auto st = (*from)->check_migrations(); !st) return st.error();
  auto to = detail::open_soci_store(to_url);
  if (!to) return to.error();
  return copy_all(**from, **to, progress);
}

Status create_roles(std::string_view url, const RoleNames& roles) {
  for (const std::string& name : {roles.officer, roles.auditor})
    if (!valid_role(name))
      return Error::InvalidInput(fmt::format(
          "role name \"{}\": use lower-case letters, digits and '_', not starting with a digit",
          name));
  if (roles.officer == roles.auditor)
    return Error::InvalidInput(
        fmt::format("role name \"{}\" given for both the officer and the auditor", roles.officer));
  auto store = detail::open_soci_store(url, detail::Missing::kMustExist);
  if (!store) return store.error();
  SociStore& s = **store;
  if (s.dialect().create_roles == nullptr)
    return Error::InvalidInput(fmt::format(
        "database URL \"{}\": roles need a PostgreSQL database (a SQLite file's access is its "
        "file permissions)",
        url));
  // Grants cover the tables there are: before init there are none, and
  // after a newer build's migration some would be left out.
  if (auto st = s.check_migrations(); !st) return st.error();
  auto tx = s.begin_write();
  if (!tx) return tx.error();
  try {
    s.dialect().create_roles(s.session(), roles);
  } catch (const std::exception& e) {
    return Error::Storage(fmt::format("creating the roles {} and {}: {}", roles.officer,
                                      roles.auditor, detail::describe(e)));
  }
  return (*tx)->commit();
}

}  // namespace grants
