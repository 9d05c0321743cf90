/* The PostgreSQL floor for bench/batch --backend postgresql: COPY FROM STDIN
 * of N payment rows through libpq in one transaction, into a table shaped
 * like grants' `payments` (same columns, same unique indexes and the batch
 * index), the same rows floor_sqlite inserts. Whatever grants does on top
 * (selecting due instalments, holds, ledger entries and their hash chain)
 * is measured against this.
 *
 * usage: floor_postgresql N URL     prints "floor_seconds <s>" on stdout
 * URL names an empty database; the table is created there. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void check(PGresult* res, PGconn* db, ExecStatusType want, const char* what) {
  if (res == NULL || PQresultStatus(res) != want) {
    fprintf(stderr, "floor_postgresql: %s: %s", what, PQerrorMessage(db));
    exit(1);
  }
  PQclear(res);
}

static void exec(PGconn* db, const char* sql) { check(PQexec(db, sql), db, PGRES_COMMAND_OK, sql); }

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor_postgresql N URL\n");
    return 2;
  }
  long n = atol(argv[1]);
  PGconn* db = PQconnectdb(argv[2]);
  if (PQstatus(db) != CONNECTION_OK) {
    fprintf(stderr, "floor_postgresql: %s", PQerrorMessage(db));
    return 1;
  }
  exec(db, "DROP TABLE IF EXISTS floor_payments");
  exec(db,
       "CREATE TABLE floor_payments (id BIGINT PRIMARY KEY, batch_id BIGINT NOT NULL,"
       " agreement_id BIGINT NOT NULL, instalment INTEGER NOT NULL, attempt INTEGER NOT NULL,"
       " amount_cents BIGINT NOT NULL CHECK (amount_cents > 0), iban TEXT NOT NULL,"
       " end_to_end_id TEXT NOT NULL UNIQUE, state TEXT NOT NULL, return_reason TEXT,"
       " bic TEXT NOT NULL DEFAULT '', due_on TEXT COLLATE \"C\" NOT NULL)");
  exec(db,
       "CREATE UNIQUE INDEX floor_payments_one_live ON floor_payments(agreement_id, instalment)"
       " WHERE state IN ('pending', 'paid')");
  exec(db, "CREATE INDEX floor_payments_by_batch ON floor_payments(batch_id)");

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  exec(db, "BEGIN");
  check(PQexec(db,
               "COPY floor_payments (id, batch_id, agreement_id, instalment, attempt,"
               " amount_cents, iban, end_to_end_id, state, bic, due_on) FROM STDIN"),
        db, PGRES_COPY_IN, "COPY");
  enum { kPiece = 1 << 20 };
  char* buf = malloc(kPiece + 256);
  size_t used = 0;
  for (long i = 1; i <= n; ++i) {
    used += (size_t)snprintf(buf + used, 256, "%ld\t1\t%ld\t7\t0\t50000\tFR7630006000011234567890189\tG-A%09ld-I%02d-R0\tpending\tBNPAFRPPXXX\t2025-01-05\n",
                             i, i, i, 7);
    if (used >= kPiece || i == n) {
      if (PQputCopyData(db, buf, (int)used) != 1) {
        fprintf(stderr, "floor_postgresql: %s", PQerrorMessage(db));
        return 1;
      }
      used = 0;
    }
  }
  free(buf);
  if (PQputCopyEnd(db, NULL) != 1) {
    fprintf(stderr, "floor_postgresql: %s", PQerrorMessage(db));
    return 1;
  }
  check(PQgetResult(db), db, PGRES_COMMAND_OK, "COPY end");
  exec(db, "COMMIT");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  exec(db, "DROP TABLE floor_payments");
  PQfinish(db);
  printf("floor_seconds %.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  return 0;
}
