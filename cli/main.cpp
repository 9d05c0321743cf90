// grants: the command-line front end. It parses arguments, calls one library
// function, prints the result and maps errors to exit codes.
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include "app.h"
#include "grants/text.h"

namespace grants::cli {

int exit_code(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidInput: return kExitBadInput;
    case ErrorCode::kNotFound: return kExitNotFound;
    case ErrorCode::kConflict: return kExitConflict;
    case ErrorCode::kStorage: return kExitStorage;
    case ErrorCode::kIntegrity: return kExitIntegrity;
    case ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

Result<std::unique_ptr<Store>> Globals::open_store() const { return grants::open_current_store(db); }

Result<RuleBook> Globals::load_rules() const { return load_rule_book(rules); }

Format Globals::output_format() const {
  auto f = parse_format(format);
  if (!f) throw std::logic_error("--format \"" + format + "\" was not checked while parsing");
  return *f;
}

Status Globals::not_the_database(std::string_view option, const std::string& path) const {
  namespace fs = std::filesystem;
  // The same file however spelt ("./grants.db", through a symbolic link):
  // the path with its links resolved as far as it exists.
  const auto resolved = [](const std::string& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::path() : r;
  };
  for (const std::string& written : {path, path + ".tmp"}) {
    const fs::path target = resolved(written);
    if (target.empty()) continue;
    for (const std::string& file : database_files(db)) {
      if (resolved(file) == target)
        return Error::InvalidInput(fmt::format(
            "option {}: \"{}\" is the database's file {}: writing there would replace the database (give another file)",
            option, written, file));
    }
  }
  return Ok();
}

Result<Session> Globals::session() const {
  auto store = open_store();
  if (!store) return store.error();
  return Session{std::move(*store), output_format()};
}

namespace {

Error prefixed(std::string_view option, const Error& e) {
  return Error::InvalidInput(fmt::format("option {}: {}", option, e.message()), e.details());
}

}  // namespace

Result<Date> date_option(std::string_view option, const std::string& value) {
  auto d = parse_date(value);
  if (!d) return prefixed(option, d.error());
  return *d;
}

Result<std::optional<Date>> optional_date_option(std::string_view option, const std::string& value) {
  if (value.empty()) return std::optional<Date>{};
  auto d = date_option(option, value);
  if (!d) return d.error();
  return std::optional<Date>{*d};
}

Result<std::optional<Money>> optional_money_option(std::string_view option, const std::string& value) {
  if (value.empty()) return std::optional<Money>{};
  auto m = Money::parse(value);
  if (!m) return prefixed(option, m.error());
  return std::optional<Money>{*m};
}

namespace {

// GRANTS_TODAY, checked by main before any command runs.
std::optional<Date> today_set;

}  // namespace

Date today() { return today_set ? *today_set : boost::gregorian::day_clock::local_day(); }

Result<Date> date_not_ahead(std::string_view option, const std::string& value, std::string_view why) {
  auto on = date_or_today(option, value);
  if (!on) return on;
  if (const Date now = today(); *on > now)
    return Error::InvalidInput(
        fmt::format("option {}: {} is after today, {}: {}", option, format_date(*on), format_date(now), why));
  return on;
}

Result<Date> movement_date(std::string_view option, const std::string& value) {
  return date_not_ahead(option, value,
                        "money does not move on a day to come, and the ledger, kept in date order, would take "
                        "nothing dated before it from then on");
}

Result<Date> date_or_today(std::string_view option, const std::string& value) {
  if (value.empty()) return today();
  return date_option(option, value);
}

// Today (GRANTS_TODAY's day when set) at the clock's time of day: a file
// created "now" is created on the day every other date defaults to.
std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char time_of_day[16];
  std::strftime(time_of_day, sizeof time_of_day, "%H:%M:%S", &local);
  return format_date(today()) + "T" + time_of_day;
}

std::string login_name() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  return "";
}

FdOutput::Buffer::Buffer(int fd) : fd_(fd), buffer_(64 * 1024) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

bool FdOutput::Buffer::write_all(const char* p, std::size_t n) {
  while (n > 0 && error_ == 0) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno != EINTR) error_ = errno;
      continue;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return error_ == 0;
}

bool FdOutput::Buffer::drain() {
  const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return ok;
}

FdOutput::Buffer::int_type FdOutput::Buffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

// What fits goes into the buffer; a larger piece goes straight out after it.
std::streamsize FdOutput::Buffer::xsputn(const char* s, std::streamsize n) {
  if (error_ != 0) return 0;
  const auto size = static_cast<std::size_t>(n);
  if (size <= static_cast<std::size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  if (!drain()) return 0;
  if (size < buffer_.size()) return xsputn(s, n);
  return write_all(s, size) ? n : 0;
}

int FdOutput::Buffer::sync() { return drain() ? 0 : -1; }

FdOutput::FdOutput(int fd, std::string name) : name_(std::move(name)), buffer_(fd), out_(&buffer_) {}

bool FdOutput::flush() {
  out_.flush();
  return buffer_.error() == 0 && static_cast<bool>(out_);
}

std::string FdOutput::failure() const {
  if (buffer_.error() == 0) return "";
  return fmt::format("cannot write {}: {}", name_, std::strerror(buffer_.error()));
}

Error FdOutput::explain(const Error& e) const {
  if (buffer_.error() == 0) return e;
  return Error::InvalidInput(fmt::format("{} ({})", e.message(), failure()), e.details());
}

FdOutput& standard_output() {
  static FdOutput out(STDOUT_FILENO, "standard output");
  return out;
}

OutputFile::OutputFile(std::string path, int fd)
    : path_(std::move(path)), tmp_(path_ + ".tmp"), fd_(fd), output_(std::make_unique<FdOutput>(fd, path_)) {}

namespace {

// Opens PATH.tmp for writing, empty, holding an exclusive lock on it: a
// second writer of the same PATH (two officers exporting the same batch to
// the same file) waits until the first has renamed its file into place,
// then writes a new PATH.tmp, instead of emptying the first's file under
// it. A lock taken on a file that was meanwhile renamed or removed is
// dropped and the name opened again. -1 with errno set when PATH.tmp cannot
// be opened.
int open_locked(const std::string& tmp) {
  for (;;) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) return -1;
    int locked;
    while ((locked = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
    }
    // A file system without locks: written unlocked, as before.
    if (locked != 0) {
      ::close(fd);
      break;
    }
    struct stat opened {}, named {};
    if (::fstat(fd, &opened) == 0 && ::stat(tmp.c_str(), &named) == 0 && opened.st_dev == named.st_dev &&
        opened.st_ino == named.st_ino) {
      // Emptied only now, under the lock; a device (a test's /dev/full)
      // has nothing to empty.
      if (S_ISREG(opened.st_mode) && ::ftruncate(fd, 0) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return -1;
      }
      return fd;
    }
    ::close(fd);
  }
  return ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

}  // namespace

Result<std::unique_ptr<OutputFile>> OutputFile::open(const std::string& path) {
  const std::string tmp = path + ".tmp";
  const int fd = open_locked(tmp);
  // Messages name the file asked for: PATH.tmp is how it is written, not
  // what the user typed, and is never left behind.
  if (fd < 0) return Error::InvalidInput(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  return std::unique_ptr<OutputFile>(new OutputFile(path, fd));
}

OutputFile::~OutputFile() {
  // Removed while still locked: no other writer has it open for its own.
  if (!committed_) std::remove(tmp_.c_str());
  if (fd_ >= 0) ::close(fd_);
}

Status OutputFile::complete() {
  if (!output_->flush()) {
    const std::string why = output_->failure();
    return Error::InvalidInput(why.empty() ? fmt::format("cannot write {}", path_) : why);
  }
  if (::fsync(fd_) != 0) return Error::InvalidInput(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
  return Ok();
}

Status OutputFile::commit() {
  // On disk before it takes the name: a crash never leaves PATH half written.
  if (auto st = complete(); !st) return st;
  // Renamed before it is closed, which lets the lock go: a writer waiting
  // for it then finds PATH.tmp gone and starts a file of its own.
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
    return Error::InvalidInput(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
  committed_ = true;
  const bool closed = ::close(fd_) == 0;
  fd_ = -1;
  if (!closed) return Error::InvalidInput(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
  return Ok();
}

Status write_file(const std::string& path, std::string_view content) {
  auto file = OutputFile::open(path);
  if (!file) return file.error();
  (*file)->stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  return (*file)->commit();
}

}  // namespace grants::cli

namespace {

// Every value given on the command line is stored, written to a file or
// compared as text: it must be valid UTF-8 with no control character (a
// reason pasted with its line break, a name typed in Latin-1) and of a
// sensible length, refused before anything is read or written.
grants::Status check_option_texts(const CLI::App& app) {
  // The longest path a file may have; a value longer than that is a paste
  // gone wrong, not a reason or a reference to keep for good.
  constexpr std::size_t kMaxOptionLength = 4096;
  for (const CLI::Option* option : app.get_options()) {
    const bool positional = option->get_lnames().empty() && option->get_snames().empty();
    const std::string name = option->get_name();
    // An option given as "" (`--on "$DAY"` with DAY unset) is not the
    // option left out: taken as absent, `batch settle --on ""` would settle
    // today. `--bic ""` means something (no BIC), and
    // `--late-start-accepted ""` has its own message, naming what to give.
    const bool may_be_empty = name == "--bic" || name == "--late-start-accepted";
    // Only an optional option has a default to fall back on: a required
    // one left out is refused too, so the message may not suggest it.
    const bool may_be_left_out = !positional && !option->get_required();
    for (const std::string& value : option->results()) {
      std::optional<std::string> why;
      if (value.empty() && !may_be_empty)
        why = may_be_left_out ? "is empty: give a value, or leave the option out for its default"
                              : "is empty: give a value";
      if (!why) why = grants::text_problem(value);
      if (!why) why = grants::length_problem(value, kMaxOptionLength);
      if (why)
        return grants::Error::InvalidInput(fmt::format("{} {}: \"{}\" {}", positional ? "argument" : "option", name,
                                                       grants::printable(value), *why));
    }
  }
  for (const CLI::App* sub : app.get_subcommands())
    if (auto st = check_option_texts(*sub); !st) return st;
  return grants::Ok();
}

// CLI11 reads integers as strtoll does in base 0: "010" is 8, "0x10" is 16,
// and a number too large for 64 bits becomes the largest one, so `batch
// approve 010` would approve batch 8. Every integer option and argument is
// therefore plain decimal digits, which are given to CLI11 without their
// leading zeros; anything else is refused, naming the value.
std::string decimal_digits(std::string& value) {
  constexpr std::string_view kMax = "9223372036854775807";
  const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return fmt::format("\"{}\": expected a number in decimal digits, e.g. 12", grants::printable(value));
  const std::string given = value;
  value.erase(0, std::min(value.find_first_not_of('0'), value.size() - 1));
  if (value.size() > kMax.size() || (value.size() == kMax.size() && value > kMax))
    return fmt::format("\"{}\": too large, at most {}", given, kMax);
  return "";
}

void decimal_integer_options(CLI::App& app) {
  for (CLI::Option* option : app.get_options())
    if (option->get_type_name().starts_with("INT")) option->transform(CLI::Validator(decimal_digits, ""));
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) decimal_integer_options(*sub);
}

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : std::move(fallback);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace grants::cli;
  // std::cout goes through standard_output() until main returns, flushed
  // on every way out (help and usage errors included).
  struct CoutThrough {
    std::streambuf* previous = std::cout.rdbuf(standard_output().buffer());
    ~CoutThrough() {
      standard_output().flush();
      std::cout.rdbuf(previous);
    }
  } cout_through;
  CLI::App app{"grants: study bursaries and installation aids of French départements.\n"
               "Rule files per département, conventions with exact schedules, monthly payment\n"
               "batches with SEPA files, and a hash-chained disbursement ledger, stored in SQLite\n"
               "or PostgreSQL."};
  app.require_subcommand(1);
  Globals g;
  g.db = env_or("GRANTS_DB", "sqlite:grants.db");
  g.rules = {env_or("GRANTS_RULES", "rules")};
  app.add_option("--db", g.db, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME (env GRANTS_DB)")->capture_default_str();
  app.add_option("--rules", g.rules, "Rule file or directory of *.toml files (env GRANTS_RULES)")
      ->capture_default_str();
  app.add_option("--format", g.format, "Output format of results: table, json or csv")
      ->capture_default_str()
      ->check(parsed_by(&parse_format));
  app.fallthrough();

  add_init_command(app, g);
  add_rules_commands(app, g);
  add_beneficiary_commands(app, g);
  add_application_commands(app, g);
  add_agreement_commands(app, g);
  add_batch_commands(app, g);
  add_ledger_commands(app, g);
  add_obligation_commands(app, g);
  add_recovery_commands(app, g);
  add_db_commands(app, g);
  decimal_integer_options(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    if (rc == 0 && !standard_output().flush()) {
      std::cerr << "grants: error: " << standard_output().failure() << '\n';
      return kExitBadInput;
    }
    return rc == 0 ? 0 : kExitUsage;
  }
  if (!g.action) {
    std::cerr << app.help();
    return kExitUsage;
  }
  if (const char* set = std::getenv("GRANTS_TODAY"); set != nullptr && *set != '\0') {
    auto day = grants::parse_date(set);
    if (!day) {
      std::cerr << "grants: error: environment variable GRANTS_TODAY: " << day.error().message() << '\n';
      return kExitBadInput;
    }
    today_set = *day;
  }
  if (auto st = check_option_texts(app); !st) {
    std::cerr << "grants: error: " << st.error().to_string() << '\n';
    return exit_code(st.error());
  }
  try {
    auto st = g.action();
    // What was printed must have reached its file.
    if (st && !standard_output().flush()) st = grants::Error::InvalidInput(standard_output().failure());
    if (!st) {
      std::cerr << "grants: error: " << st.error().to_string() << '\n';
      return exit_code(st.error());
    }
  } catch (const std::exception& e) {
    std::cerr << "grants: internal error: " << e.what() << '\n';
    return kExitInternal;
  }
  return g.exit_status;
}
