// A database as a whole: copying it between backends, and the roles of a
// shared PostgreSQL deployment. Used by `grants db`; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "grants/result.h"

namespace grants {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
};

// Copies every row of every table of the database at `from_url` into the
// one at `to_url`, either backend to either backend, ids and ledger hashes
// unchanged, so that `grants ledger verify` gives the same last hash on
// both. The source is read in one snapshot; the target is migrated first,
// then written in one transaction: all of it or nothing. `progress`, when
// set, is called after each table. Returns the tables copied in the order
// written (referenced tables first).
//
// InvalidInput for a bad URL; Conflict, writing nothing, when the target
// already holds rows; Storage, creating nothing, when the source's applied
// migrations are not exactly those this build knows (the message says
// whether to run grants init on it or use the newer grants that migrated
// it), and when a database fails.
Result<std::vector<CopiedTable>> copy_database(
    std::string_view from_url, std::string_view to_url,
    const std::function<void(const CopiedTable&)>& progress = {});

struct RoleNames {
  std::string officer = "grants_officer";  // reads and writes (the ledger: append only)
  std::string auditor = "grants_auditor";  // reads and exports only
};
// Creates the two group roles (NOLOGIN) if missing and grants them their
// privileges on every table the database has now; run it again after a
// migration. People log in as themselves, members of one of them (GRANT
// grants_auditor TO alice). Run as the database's owner.
//
// InvalidInput for a SQLite URL (a file's access is its permissions) or a
// role name that is not lower-case letters, digits and '_'; Storage,
// creating nothing, when the database is not at this build's migration
// (run grants init first) or when PostgreSQL refuses (e.g. the user may
// not create roles).
Status create_roles(std::string_view url, const RoleNames& roles);

}  // namespace grants
