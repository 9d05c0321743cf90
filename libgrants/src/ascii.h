// ASCII character classes, the same whatever the locale (<cctype>'s depend
// on it and take an int that must not be a negative char): the codes,
// references, numbers and dates grants reads are ASCII, and a byte of a
// UTF-8 sequence is none of these.
#pragma once

#include <algorithm>
#include <string>

namespace grants::ascii {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_letter(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
constexpr char upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` with its ASCII letters in lower case, other bytes as they are.
inline std::string lowered(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), lower);
  return s;
}

}  // namespace grants::ascii
