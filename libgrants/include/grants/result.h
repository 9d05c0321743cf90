// Result<T>: the value of an operation that a user's input can make fail.
//
// Expected failures (a malformed file, a bad IBAN, an unknown scheme, a
// duplicate batch) are returned as an Error, never thrown across the API.
// Programmer errors are assertions. Thread-compatible: no shared state.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace grants {

enum class ErrorCode {
  kInvalidInput,  // the user's data is wrong: file, row, field or value
  kNotFound,      // a named object does not exist
  kConflict,      // the operation clashes with stored state (duplicate, wrong state)
  kStorage,       // the database failed
  kIntegrity,     // stored data fails its integrity check (a broken ledger chain)
  kInternal,      // a bug or an environment failure
};

class Error {
 public:
  static Error InvalidInput(std::string message, std::vector<std::string> details = {}) {
    return Error(ErrorCode::kInvalidInput, std::move(message), std::move(details));
  }
  static Error NotFound(std::string message) { return Error(ErrorCode::kNotFound, std::move(message), {}); }
  static Error Conflict(std::string message, std::vector<std::string> details = {}) {
    return Error(ErrorCode::kConflict, std::move(message), std::move(details));
  }
  static Error Storage(std::string message) { return Error(ErrorCode::kStorage, std::move(message), {}); }
  static Error Integrity(std::string message) { return Error(ErrorCode::kIntegrity, std::move(message), {}); }
  static Error Internal(std::string message) { return Error(ErrorCode::kInternal, std::move(message), {}); }

  ErrorCode code() const { return code_; }
  // One line saying what failed.
  const std::string& message() const { return message_; }
  // One line per problem found, e.g. every bad row of an import.
  const std::vector<std::string>& details() const { return details_; }
  // The message, then each detail on its own line.
  std::string to_string() const {
    std::string out = message_;
    for (const auto& d : details_) out += "\n  " + d;
    return out;
  }

 private:
  Error(ErrorCode code, std::string message, std::vector<std::string> details)
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}
  ErrorCode code_;
  std::string message_;
  std::vector<std::string> details_;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Unit{}; }

// What a look-up that must find something found: the value, the look-up's
// own error, or NotFound "WHAT does not exist" (WHAT: "batch 3").
template <class T>
Result<T> existing(Result<std::optional<T>> found, std::string_view what) {
  if (!found) return found.error();
  if (!found->has_value()) return Error::NotFound(std::string(what) + " does not exist");
  return std::move(**found);
}

}  // namespace grants
