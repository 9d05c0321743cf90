#include "grants/iban.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "ascii.h"
#include "grants/text.h"

namespace grants {

namespace {

struct CountryLength {
  std::string_view code;
  std::size_t length;
};

// SEPA members (EU, EEA, CH, GB, MC, SM, VA, AD, GI), from the SWIFT IBAN
// registry. French overseas départements use FR IBANs, so need no entry.
// Sorted by code: looked up by bisection.
constexpr std::array<CountryLength, 37> kLengths{{
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GR", 27},
    {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24},
    {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22},
}};

const CountryLength* find_country(std::string_view code) {
  auto it = std::lower_bound(kLengths.begin(), kLengths.end(), code,
                             [](const CountryLength& c, std::string_view v) { return c.code < v; });
  return it != kLengths.end() && it->code == code ? &*it : nullptr;
}

using ascii::is_alnum;
using ascii::is_digit;
using ascii::is_letter;
using ascii::is_upper;
using ascii::upper;

// The spaces an IBAN is written with: the ASCII one, and the no-break,
// narrow no-break, figure and thin spaces of French typography, which a
// RIB copied from a PDF or a word processor carries between its groups.
bool is_space(utf8proc_int32_t cp) {
  return cp == ' ' || cp == 0x00A0 || cp == 0x202F || cp == 0x2007 || cp == 0x2009;
}

// The length in bytes of the space (is_space) that `text[at]` starts, or 0.
std::size_t space_length(std::string_view text, std::size_t at) {
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                              static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
  return n > 0 && is_space(cp) ? static_cast<std::size_t>(n) : 0;
}

// The length in bytes of what may stand between two groups of an IBAN
// written in a text, or 0: spaces (is_space), as many as were typed, with
// at most one hyphen or dot among them, as in "FR76  3000  6000 ...",
// "FR76-3000-6000-..." or "FR76 - 3000 - ..." typed in a bank reference.
std::size_t group_separator_length(std::string_view text, std::size_t at) {
  std::size_t i = at;
  bool mark = false;
  while (i < text.size()) {
    if (const std::size_t space = space_length(text, i); space > 0) {
      i += space;
    } else if ((text[i] == '-' || text[i] == '.') && !mark) {
      mark = true;
      ++i;
    } else {
      break;
    }
  }
  return i - at;
}

// The end of the IBAN-shaped run at `text[at]`, or 0 when none starts
// there: a country code and two digits, then letters and digits, a
// separator (group_separator_length) between them allowed, up to the
// country's length. What comes before and after is the caller's to judge.
std::size_t iban_end(std::string_view text, std::size_t at, std::string& iban) {
  iban.clear();
  if (at + 4 > text.size() || !is_letter(text[at]) || !is_letter(text[at + 1]) || !is_digit(text[at + 2]) ||
      !is_digit(text[at + 3]))
    return 0;
  const char code[] = {upper(text[at]), upper(text[at + 1])};
  const CountryLength* country = find_country(std::string_view(code, 2));
  if (country == nullptr) return 0;
  std::size_t i = at;
  while (iban.size() < country->length && i < text.size()) {
    if (is_alnum(text[i])) {
      iban += upper(text[i++]);
    } else if (const std::size_t separator = group_separator_length(text, i);
               separator > 0 && i + separator < text.size() && is_alnum(text[i + separator])) {
      i += separator;
    } else {
      break;
    }
  }
  return iban.size() < country->length ? 0 : i;
}

// ISO 7064 mod 97-10 over the IBAN with its first four characters moved to
// the end, letters counting as 10..35. The number has up to 60 digits, so the
// remainder is carried digit by digit instead of converting it whole.
bool mod97_ok(std::string_view iban) {
  if (!is_digit(iban[2]) || !is_digit(iban[3])) return false;
  int remainder = 0;
  auto take = [&remainder](char c) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (char c : iban.substr(4)) take(c);
  for (char c : iban.substr(0, 4)) take(c);
  return remainder == 1;
}

// The RIB convention for letters in an account number: A-I and J-R map to
// 1-9, S-Z to 2-9 (the historical Banque de France table, which skips 1 in
// the last run).
int rib_digit(char c) {
  if (is_digit(c)) return c - '0';
  if (c <= 'I') return c - 'A' + 1;
  if (c <= 'R') return c - 'J' + 1;
  return c - 'S' + 2;
}

std::int64_t rib_number(std::string_view part) {
  std::int64_t n = 0;
  for (char c : part) n = n * 10 + rib_digit(c);
  return n;
}

// The two-digit key that a French (or Monegasque) BBAN must end with:
// bank (5) + branch (5) + account (11) + key (2).
std::int64_t expected_rib_key(std::string_view bban) {
  std::int64_t sum = 89 * rib_number(bban.substr(0, 5)) + 15 * rib_number(bban.substr(5, 5)) +
                     3 * rib_number(bban.substr(10, 11));
  return 97 - sum % 97;
}

}  // namespace

Result<std::string> normalise_iban(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return Error::InvalidInput(fmt::format("IBAN \"{}\": {}", printable(text), why));
  };
  std::string iban;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (auto left = static_cast<utf8proc_ssize_t>(text.size()); left > 0;) {
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t n = std::max<utf8proc_ssize_t>(utf8proc_iterate(p, left, &cp), 1);
    const std::string_view bytes(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    p += n;
    left -= n;
    if (is_space(cp)) continue;
    char c = cp >= 0 && cp < 0x80 ? static_cast<char>(cp) : '\0';
    c = upper(c);
    if (!is_digit(c) && !is_upper(c)) {
      // Named, with its code point when it is not ASCII: one pasted from
      // a PDF may look like a space or be invisible.
      if (cp < 0) return fail(fmt::format("only letters, digits and spaces are allowed, not byte \\x{:02X}",
                                          static_cast<unsigned char>(bytes[0])));
      return fail(cp < 0x80 ? fmt::format("only letters, digits and spaces are allowed, not \"{}\"", printable(bytes))
                            : fmt::format("only letters, digits and spaces are allowed, not \"{}\" (U+{:04X})",
                                          bytes, cp));
    }
    iban += c;
  }
  if (iban.empty()) return fail("empty");

  std::string_view code = std::string_view(iban).substr(0, 2);
  const CountryLength* country = find_country(code);
  if (country == nullptr) return fail(fmt::format("country code \"{}\" is not that of a SEPA country", code));
  if (iban.size() != country->length)
    return fail(fmt::format("{} IBANs have {} characters, this one has {}", code, country->length,
                            iban.size()));
  if (!mod97_ok(iban)) return fail("mod-97 check failed");

  if (code == "FR" || code == "MC") {
    std::string_view bban = std::string_view(iban).substr(4);
    const std::int64_t expected = expected_rib_key(bban);
    std::string_view key = bban.substr(21, 2);
    if (!is_digit(key[0]) || !is_digit(key[1]) || (key[0] - '0') * 10 + (key[1] - '0') != expected)
      return fail(fmt::format("RIB key {} is wrong, expected {:02}", key, expected));
  }
  return iban;
}

std::string format_iban(std::string_view normalised) {
  std::string out;
  for (std::size_t i = 0; i < normalised.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += normalised[i];
  }
  return out;
}

std::string mask_iban(std::string_view normalised) {
  // Too short to be a real IBAN: show nothing of it rather than most of it.
  if (normalised.size() < 8) return "****";
  return fmt::format("{} **** **** {}", normalised.substr(0, 4),
                     normalised.substr(normalised.size() - 4));
}

std::string mask_ibans_in(std::string_view text) {
  std::string out, iban;
  std::size_t copied = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const std::size_t end = iban_end(text, at, iban);
    if (end == 0) continue;
    // A whole word is masked even when mistyped. One glued to a letter or
    // digit ("IBAN:FR76...0189x") is masked when its check digits are
    // right, which a reference or a word that happens to start like an
    // IBAN passes once in 97.
    const bool whole_word = (at == 0 || !is_alnum(text[at - 1])) && (end == text.size() || !is_alnum(text[end]));
    if (!whole_word && !mod97_ok(iban)) continue;
    out.append(text.substr(copied, at - copied));
    out += mask_iban(iban);
    copied = end;
    at = end - 1;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

std::string normalise_bic(std::string_view text) {
  std::string bic;
  for (char c : text) {
    if (c == ' ') continue;
    bic += upper(c);
  }
  return bic;
}

std::optional<std::string> bic_problem(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11)
    return fmt::format("has {} characters, not 8 or 11", bic.size());
  auto all = [](std::string_view part, auto ok) { return std::all_of(part.begin(), part.end(), ok); };
  auto upper_or_digit = [](char c) { return is_upper(c) || is_digit(c); };
  if (!all(bic.substr(0, 4), is_upper))
    return fmt::format("bank code \"{}\" is not 4 capital letters", bic.substr(0, 4));
  if (!all(bic.substr(4, 2), is_upper))
    return fmt::format("country code \"{}\" is not 2 capital letters", bic.substr(4, 2));
  const std::string_view location = bic.substr(6, 2);
  if (!is_upper(location[0]) && !(location[0] >= '2' && location[0] <= '9'))
    return fmt::format("location code \"{}\" must start with a capital letter or a digit from 2 to 9",
                       location);
  if (!upper_or_digit(location[1]) || location[1] == 'O')
    return fmt::format("location code \"{}\" must end with a capital letter other than O or a digit",
                       location);
  if (bic.size() == 11 && !all(bic.substr(8), upper_or_digit))
    return fmt::format("branch code \"{}\" is not 3 capital letters or digits", bic.substr(8));
  return std::nullopt;
}

}  // namespace grants
