// What every text the engine stores must be: valid UTF-8 with no control
// characters. Every export is UTF-8 (SEPA, FEC, JSON, XLSX, hledger), and
// the ledger cannot be corrected, so text that is not is refused where it
// comes in, naming where it came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grants {

bool valid_utf8(std::string_view text);

// How many characters (code points) `text` has; a byte that is not UTF-8
// counts as one.
std::size_t char_count(std::string_view text);

// `text` as an error message can show it: bytes that are not UTF-8 as \xNN,
// control characters as \r, \n, \t or \u{NN}, and characters that show
// nothing (Unicode format characters: a byte-order mark U+FEFF, zero-width
// spaces and joiners, direction marks, the word joiner U+2060, the soft
// hyphen U+00AD...) as \u{feff}, \u{200b}, ...; the rest as it is. A text
// of more than 200 characters is shown by its first 60 and its length:
// "abc… (100000 characters)".
std::string printable(std::string_view text);

// Why `text` cannot be stored, "is not valid UTF-8" or "contains a control
// character (\r)", or nothing. Line and paragraph separators (U+2028,
// U+2029) count as control characters: no stored text has more than one
// line. With Invisible::kRefuse (what is typed or imported), a format
// character that shows nothing is refused too ("contains an invisible
// character (\u{202e})"): a direction override reverses what an auditor
// reads of a name in an export, a zero-width space makes two spellings of
// one name. kAllow is for text built from what was stored before that
// check (a ledger label naming a beneficiary).
enum class Invisible { kRefuse, kAllow };
std::optional<std::string> text_problem(std::string_view text, Invisible invisible = Invisible::kRefuse);

// Why `text` is too long, "is 1200 characters long, more than the 1000 it
// may have", or nothing.
std::optional<std::string> length_problem(std::string_view text, std::size_t max);

// "1 instalment", "2 instalments": `n` with the word its count takes, for
// messages.
std::string plural(std::int64_t n, std::string_view one, std::string_view many);

}  // namespace grants
