// What every command of the `grants` front end shares: global options, the
// database and rule files they name, and how errors become exit codes.
#pragma once

#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "grants/date.h"
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

  Result<std::unique_ptr<Store>> open_store() const;
  Result<RuleBook> load_rules() const;
  Result<Format> output_format() const;
  // The output format, then the database: an unknown format fails before
  // anything is opened.
  Result<Session> session() const;
};

// Each command group registers its subcommands on `app`.
void add_init_command(CLI::App& app, Globals& g);
void add_rules_commands(CLI::App& app, Globals& g);
void add_beneficiary_commands(CLI::App& app, Globals& g);
void add_application_commands(CLI::App& app, Globals& g);
void add_agreement_commands(CLI::App& app, Globals& g);

// Option values parsed by the library's own parsers; errors name the option:
// `option --on: date "2024-13-01": month 13 does not exist`.
Result<Date> date_option(std::string_view option, const std::string& value);
Result<std::optional<Date>> optional_date_option(std::string_view option, const std::string& value);
Result<std::optional<Money>> optional_money_option(std::string_view option, const std::string& value);
// Today's date on this machine, for defaults.
Date today();
// The date of an option, or today when it was not given.
Result<Date> date_or_today(std::string_view option, const std::string& value);
// The local time now, "YYYY-MM-DDTHH:MM:SS".
std::string now_iso();
// The login name of the person running the command ($USER, else the
// account's name), for --by defaults.
std::string login_name();
// A file written whole or not at all, however large: what is written goes
// to PATH.tmp beside it, which commit() flushes to disk and renames over
// PATH. Destroyed before commit() (an error on the way), it removes the
// temporary file and PATH is left as it was. Errors name the path.
class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> open(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return out_; }
  // The temporary file, for writers that need a file name (libxlsxwriter);
  // its content replaces what stream() wrote.
  const std::string& temp_path() const { return tmp_; }
  Status commit();

 private:
  explicit OutputFile(std::string path);
  std::string path_, tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

// Writes `content` to `path` through an OutputFile.
Status write_file(const std::string& path, std::string_view content);

void add_batch_commands(CLI::App& app, Globals& g);
void add_ledger_commands(CLI::App& app, Globals& g);
// grants obligation ..., grants compliance check (cmd_obligation.cpp)
void add_obligation_commands(CLI::App& app, Globals& g);
// grants clawback ..., grants recovery ... (cmd_recovery.cpp)
void add_recovery_commands(CLI::App& app, Globals& g);
// grants db roles|copy (cmd_db.cpp)
void add_db_commands(CLI::App& app, Globals& g);

}  // namespace grants::cli
