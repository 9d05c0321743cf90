// An enum's names as written in files, the database and messages: one table
// per enum, read both ways. Private to the library.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace grants::detail {

template <class E>
struct Name {
  std::string_view name;
  E value;
};

template <class E, std::size_t N>
std::optional<E> find_name(const Name<E> (&names)[N], std::string_view s) {
  for (const auto& n : names)
    if (n.name == s) return n.value;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const Name<E> (&names)[N], E value) {
  for (const auto& n : names)
    if (n.value == value) return n.name;
  return "?";
}

}  // namespace grants::detail
