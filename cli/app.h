// What every command of the `grants` front end shares: global options, the
// database and rule files they name, and how errors become exit codes.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "grants/date.h"
#include "grants/ledger.h"
#include "grants/money.h"
#include "grants/result.h"
#include "grants/rules.h"
#include "grants/store.h"
#include "output.h"

namespace grants::cli {

// Exit codes, documented in README.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 2,      // the command line is wrong
  kExitBadInput = 3,   // a file, row, field or value is wrong
  kExitNotFound = 4,   // a named object does not exist
  kExitConflict = 5,   // clashes with stored state (duplicate, wrong state)
  kExitStorage = 6,    // the database failed
  kExitIntegrity = 7,  // the ledger's hash chain does not verify
  kExitFindings = 8,   // a check ran and found something to act on (overdue or breached obligations)
  kExitInternal = 10,  // a bug or an environment failure
};
int exit_code(const Error& e);

// What a command that reads or writes the database needs.
struct Session {
  std::unique_ptr<Store> store;
  Format format = Format::kTable;
};

struct Globals {
  std::string db;                  // --db or GRANTS_DB
  std::vector<std::string> rules;  // --rules or GRANTS_RULES
  std::string format = "table";    // --format
  // Set by the chosen subcommand; prints its result on success.
  std::function<Status()> action;
  // The exit code of an action that succeeded: kExitOk, or kExitFindings
  // when a check found something to act on.
  int exit_status = kExitOk;

  // The database, which must be at this build's migration (all but `init`).
  Result<std::unique_ptr<Store>> open_store() const;
  Result<RuleBook> load_rules() const;
  // The global --format, which CLI11 checked while parsing (parsed_by):
  // an unknown one never reaches a command.
  Format output_format() const;
  // The output format and the database.
  Result<Session> session() const;
  // InvalidInput naming `option` when writing the file `path` (through
  // PATH.tmp, see OutputFile) would write over the SQLite database's file,
  // its WAL or its journal, however the path is spelt: the database would
  // be replaced by what the command writes. Ok for PostgreSQL.
  Status not_the_database(std::string_view option, const std::string& path) const;
};

// Each command group registers its subcommands on `app`.
void add_init_command(CLI::App& app, Globals& g);
void add_rules_commands(CLI::App& app, Globals& g);
void add_beneficiary_commands(CLI::App& app, Globals& g);
void add_application_commands(CLI::App& app, Globals& g);
void add_agreement_commands(CLI::App& app, Globals& g);

// A check CLI11 runs on an option's value while parsing the command line: a
// value `parse` refuses is a usage error (exit code 2) with its message,
// after the option's name: `--format: "xml": expected table, json or csv`.
template <typename T>
CLI::Validator parsed_by(Result<T> (*parse)(std::string_view)) {
  return CLI::Validator(
      [parse](std::string& value) {
        auto parsed = parse(value);
        return parsed ? std::string() : parsed.error().message();
      },
      "");
}

// Option values parsed by the library's own parsers; errors name the option:
// `option --on: date "2024-13-01": month 13 does not exist`.
Result<Date> date_option(std::string_view option, const std::string& value);
Result<std::optional<Date>> optional_date_option(std::string_view option, const std::string& value);
Result<std::optional<Money>> optional_money_option(std::string_view option, const std::string& value);
// Today's date on this machine (or GRANTS_TODAY, see movement_date), for
// defaults.
Date today();
// The date of an option, or today when it was not given.
Result<Date> date_or_today(std::string_view option, const std::string& value);
// As date_or_today, for the date of a movement of money (a ledger entry):
// InvalidInput for a date after today, which would hold back every later
// entry. Today is the system's, or GRANTS_TODAY (YYYY-MM-DD) when set, for
// stories told ahead of the calendar (the examples, the tests).
Result<Date> movement_date(std::string_view option, const std::string& value);
// As movement_date, for the date of another act that cannot be dated ahead;
// `why` ends the message refusing a date after today: what the date would
// block until then.
Result<Date> date_not_ahead(std::string_view option, const std::string& value, std::string_view why);
// The local time now, "YYYY-MM-DDTHH:MM:SS".
std::string now_iso();
// The login name of the person running the command ($USER, else the
// account's name), for --by defaults.
std::string login_name();
// "batches hold the instalments of B-0001 until another IBAN is given",
// with " (grants beneficiary set-iban B-0001 IBAN)" after it when `how`:
// what a beneficiary's payments wait for while the account on file is the
// one the bank sent back (said by batch return, set-iban and show).
std::string held_until_new_iban(std::string_view ref, bool how);
// An output stream on a file descriptor that keeps the system's reason
// when a write fails (a full disk, a file size limit): std::ofstream and
// std::cout only set badbit. Writes go out 64 KiB at a time.
class FdOutput {
 public:
  // `name` is what errors call the output: a path, or "standard output".
  FdOutput(int fd, std::string name);
  FdOutput(const FdOutput&) = delete;
  FdOutput& operator=(const FdOutput&) = delete;

  std::ostream& stream() { return out_; }
  std::streambuf* buffer() { return &buffer_; }
  // Flushes; false once any write has failed.
  bool flush();
  // "cannot write NAME: REASON" for the first write that failed, else "".
  std::string failure() const;
  // `e`, followed by the system's reason when a write failed: what a writer
  // reports as "writing it out failed" then says why.
  Error explain(const Error& e) const;

 private:
  class Buffer : public std::streambuf {
   public:
    explicit Buffer(int fd);
    int error() const { return error_; }

   protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

   private:
    bool drain();
    bool write_all(const char* p, std::size_t n);
    int fd_;
    int error_ = 0;
    std::vector<char> buffer_;
  };
  std::string name_;
  Buffer buffer_;
  std::ostream out_;
};

// Standard output, which std::cout writes through for the whole run (main
// points it there): a listing or an export redirected to a full disk is an
// error that says why, not a success with half the output.
FdOutput& standard_output();

// A file written whole or not at all, however large: what is written goes
// to PATH.tmp beside it, which commit() flushes to disk and renames over
// PATH. Destroyed before commit() (an error on the way), it removes the
// temporary file and PATH is left as it was. PATH.tmp is locked while it is
// written: a second writer of the same PATH waits and then writes its own.
// Errors name the path and say why the system refused.
class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> open(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return output_->stream(); }
  // See FdOutput::explain.
  Error explain(const Error& e) const { return output_->explain(e); }
  // Flushes PATH.tmp to disk, whole, without renaming it: PATH is still as
  // it was. commit() does it first when it has not been done.
  Status complete();
  Status commit();

 private:
  OutputFile(std::string path, int fd);
  std::string path_, tmp_;
  int fd_;
  std::unique_ptr<FdOutput> output_;
  bool committed_ = false;
};

// Writes `content` to `path` through an OutputFile.
Status write_file(const std::string& path, std::string_view content);

void add_batch_commands(CLI::App& app, Globals& g);
void add_ledger_commands(CLI::App& app, Globals& g);
// A verified chain as `ledger verify`, an export and `db copy` state it:
// "30 entries, last hash 308d…" (cmd_ledger.cpp).
std::string chain_text(const ChainCheck& chain);
// grants obligation ..., grants compliance check (cmd_obligation.cpp)
void add_obligation_commands(CLI::App& app, Globals& g);
// grants clawback ..., grants recovery ... (cmd_recovery.cpp)
void add_recovery_commands(CLI::App& app, Globals& g);
// grants db roles|copy (cmd_db.cpp)
void add_db_commands(CLI::App& app, Globals& g);

}  // namespace grants::cli
