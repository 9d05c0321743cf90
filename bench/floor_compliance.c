/* The floor for bench/compliance: reads what `grants compliance check` reads
 * (the conventions signed by a date and their obligation events dated by it,
 * the same two queries, stepped together in convention order) with the raw
 * SQLite C API, and does nothing with the rows but touch every column.
 * Whatever grants does on top (rule versions, the state of each obligation,
 * printing every line and the counts) is measured against this.
 *
 * usage: floor_compliance DB_PATH YYYY-MM-DD
 * prints "floor_seconds <s> conventions <n> events <m>" on stdout */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "floor_compliance: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
  }
}

static sqlite3_stmt* prepare(sqlite3* db, const char* sql, const char* as_of) {
  sqlite3_stmt* st;
  check(sqlite3_prepare_v2(db, sql, -1, &st, 0), db, "prepare");
  sqlite3_bind_text(st, 1, as_of, -1, SQLITE_STATIC);
  return st;
}

/* Reads every column of the current row as the engine does: `integers`
 * says, bit by bit, which columns are numbers; the others are texts. */
static long touch(sqlite3_stmt* st, int columns, unsigned integers) {
  long sum = 0;
  for (int i = 0; i < columns; ++i) {
    if (integers & (1u << i))
      sum += (long)sqlite3_column_int64(st, i);
    else
      sum += (long)sqlite3_column_bytes(st, i) + (sqlite3_column_text(st, i) != 0);
  }
  return sum;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor_compliance DB_PATH YYYY-MM-DD\n");
    return 2;
  }
  sqlite3* db;
  check(sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, 0), db, "open");
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  check(sqlite3_exec(db, "BEGIN", 0, 0, 0), db, "begin");
  sqlite3_stmt* conventions = prepare(db,
      "SELECT g.id, b.ref, g.scheme_id || '|' || g.rule_sha256 || '|' || g.rule_period_from, "
      "CAST(replace(g.signed_on, '-', '') AS INTEGER) "
      "FROM agreements g JOIN beneficiaries b ON b.id = g.beneficiary_id "
      "WHERE g.signed_on <= ? ORDER BY g.id", argv[2]);
  sqlite3_stmt* events = prepare(db,
      "SELECT e.agreement_id, e.kind, CAST(replace(e.on_date, '-', '') AS INTEGER), "
      "NULLIF(e.reason, ''), NULLIF(e.commune, '') "
      "FROM obligation_events e WHERE e.on_date <= ? "
      "ORDER BY e.agreement_id, e.on_date, e.id", argv[2]);
  long n = 0, m = 0, sum = 0;
  int ev = sqlite3_step(events);
  check(ev, db, "events");
  for (int rc; (rc = sqlite3_step(conventions)) == SQLITE_ROW;) {
    const sqlite3_int64 id = sqlite3_column_int64(conventions, 0);
    sum += touch(conventions, 4, 0x9u);  /* id, signed_on */
    ++n;
    while (ev == SQLITE_ROW && sqlite3_column_int64(events, 0) <= id) {
      sum += touch(events, 5, 0x5u);  /* agreement_id, on_date */
      ++m;
      ev = sqlite3_step(events);
      check(ev, db, "events");
    }
  }
  sqlite3_finalize(conventions);
  sqlite3_finalize(events);
  check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  sqlite3_close(db);
  printf("floor_seconds %.3f conventions %ld events %ld checksum %ld\n",
         (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, n, m, sum);
  return 0;
}
