/* The floor for bench/batch: inserts N payment rows with the raw SQLite C API
 * in one transaction, in a table shaped like grants' `payments` (same
 * columns, same unique indexes), WAL and synchronous=FULL. Whatever grants
 * does on top (selecting due instalments, holds, ledger entries and their
 * hash chain) is measured against this.
 *
 * usage: floor_sqlite N DB_PATH     prints "floor_seconds <s>" on stdout */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "floor_sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
  }
}

static void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, 0, 0, 0), db, sql); }

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor_sqlite N DB_PATH\n");
    return 2;
  }
  long n = atol(argv[1]);
  sqlite3* db;
  check(sqlite3_open(argv[2], &db), db, "open");
  exec(db, "PRAGMA journal_mode=WAL");
  exec(db, "PRAGMA synchronous=FULL");
  exec(db,
       "CREATE TABLE payments (id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL,"
       " agreement_id INTEGER NOT NULL, instalment INTEGER NOT NULL, attempt INTEGER NOT NULL,"
       " amount_cents INTEGER NOT NULL CHECK (amount_cents > 0), iban TEXT NOT NULL,"
       " end_to_end_id TEXT NOT NULL UNIQUE, state TEXT NOT NULL, return_reason TEXT,"
       " bic TEXT NOT NULL DEFAULT '', due_on TEXT)");
  exec(db,
       "CREATE UNIQUE INDEX payments_one_live_per_instalment ON payments(agreement_id, instalment)"
       " WHERE state IN ('pending', 'paid')");

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  exec(db, "BEGIN");
  sqlite3_stmt* st;
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO payments (batch_id, agreement_id, instalment, attempt,"
                           " amount_cents, iban, end_to_end_id, state, bic, due_on)"
                           " VALUES (1, ?, ?, 0, ?, ?, ?, 'pending', ?, ?)",
                           -1, &st, 0),
        db, "prepare");
  char e2e[40];
  for (long i = 1; i <= n; ++i) {
    snprintf(e2e, sizeof e2e, "G-A%09ld-I%02d-R0", i, 7);
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_int(st, 2, 7);
    sqlite3_bind_int64(st, 3, 50000);
    sqlite3_bind_text(st, 4, "FR7630006000011234567890189", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, e2e, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, "BNPAFRPPXXX", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, "2025-01-05", -1, SQLITE_STATIC);
    check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  exec(db, "COMMIT");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  sqlite3_close(db);
  printf("floor_seconds %.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  return 0;
}
