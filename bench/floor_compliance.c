/* The floor for bench/compliance: reads what `grants compliance check` reads
 * (each convention signed by a date, its state on that date and its
 * obligation events dated by it and not voided: the same query) with the raw SQLite C API, and does nothing with the rows
 * but touch every column. Whatever grants does on top (rule versions, the
 * state of each obligation, printing every line and the counts) is measured
 * against this.
 *
 * usage: floor_compliance DB_PATH YYYY-MM-DD
 * prints "floor_seconds <s> rows <n>" on stdout */
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
  sqlite3_stmt* st;
  check(sqlite3_prepare_v2(db,
                           "SELECT g.id, b.ref, g.scheme_id, g.rule_sha256, g.rule_period_from, g.signed_on, "
                           "e.kind, e.on_date, e.reason, e.commune, "
                           "CASE WHEN EXISTS (SELECT 1 FROM agreement_events a WHERE a.agreement_id = g.id "
                           "AND a.kind = 'terminate' AND a.effective_on <= ?) THEN 'terminated' "
                           "WHEN (SELECT a.kind FROM agreement_events a WHERE a.agreement_id = g.id "
                           "AND a.kind <> 'terminate' AND a.effective_on <= ? ORDER BY a.id DESC LIMIT 1) = "
                           "'suspend' THEN 'suspended' ELSE 'active' END "
                           "FROM agreements g JOIN beneficiaries b ON b.id = g.beneficiary_id "
                           "LEFT JOIN obligation_events e ON e.agreement_id = g.id AND e.on_date <= ? AND "
                           "NOT EXISTS (SELECT 1 FROM obligation_event_voids v WHERE v.event_id = e.id) "
                           "WHERE g.signed_on <= ? ORDER BY g.id, e.on_date, e.id",
                           -1, &st, 0),
        db, "prepare");
  for (int i = 1; i <= 4; ++i) sqlite3_bind_text(st, i, argv[2], -1, SQLITE_STATIC);
  long rows = 0, sum = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    sum += touch(st, 11, 0x1u); /* id is a number, the rest texts (or NULL) */
    ++rows;
  }
  check(rc, db, "step");
  sqlite3_finalize(st);
  check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  sqlite3_close(db);
  printf("floor_seconds %.3f rows %ld checksum %ld\n",
         (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, rows, sum);
  return 0;
}
