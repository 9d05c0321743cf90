#include "grants/text.h"

#include <doctest/doctest.h>

using grants::char_count;
using grants::length_problem;
using grants::printable;
using grants::text_problem;
using grants::valid_utf8;

TEST_CASE("valid_utf8 takes UTF-8 and refuses Latin-1, truncated and overlong sequences") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("H\u00e9l\u00e8ne \u738b \U0001F600"));
  CHECK_FALSE(valid_utf8("H\xe9l\xe8ne"));  // Latin-1
  CHECK_FALSE(valid_utf8("\xc3"));          // cut after its first byte
  CHECK_FALSE(valid_utf8("\xc0\xaf"));      // '/' in two bytes
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));  // a UTF-16 surrogate
}

TEST_CASE("printable shows bad bytes and control characters, and the rest as it is") {
  CHECK(printable("H\u00e9l\u00e8ne") == "H\u00e9l\u00e8ne");
  CHECK(printable("H\xe9l\xe8ne") == "H\\xE9l\\xE8ne");
  CHECK(printable("a\r\n\tb\x01\x7f") == "a\\r\\n\\tb\\u{1}\\u{7f}");
  CHECK(printable("x\u2028y\u0085") == "x\\u{2028}y\\u{85}");
}

TEST_CASE("printable shows characters that show nothing: a mid-file BOM, zero-width and direction marks") {
  CHECK(printable("\uFEFF41018") == "\\u{feff}41018");
  CHECK(printable("B-\u200B0001") == "B-\\u{200b}0001");
  CHECK(printable("a\u200Cb\u200Dc\u200Ed\u200Fe") == "a\\u{200c}b\\u{200d}c\\u{200e}d\\u{200f}e");
  CHECK(printable("x\u2060y\u00ADz") == "x\\u{2060}y\\u{ad}z");
  CHECK(printable("\u202Egnp.exe") == "\\u{202e}gnp.exe");
  // Visible characters beside them are left as they are.
  CHECK(printable("\u00A0Hélène\u2009") == "\u00A0Hélène\u2009");
}

TEST_CASE("text_problem names the first problem of a text to store") {
  CHECK_FALSE(text_problem("VIR R\u00e9gie 2028-08"));
  CHECK(text_problem("VIR R\xe9gie") == "is not valid UTF-8");
  CHECK(text_problem("abandon\r") == "contains a control character (\\r)");
  CHECK(text_problem("two\u2029paragraphs") == "contains a control character (\\u{2029})");
  CHECK(text_problem("tab\there") == "contains a control character (\\t)");
  // What is typed or imported shows what it holds; a label built from a name
  // stored before that check is still written.
  CHECK(text_problem("\u202EvirolleD") == "contains an invisible character (\\u{202e})");
  CHECK(text_problem("Marc\u200BPetit") == "contains an invisible character (\\u{200b})");
  CHECK(text_problem("d\u00E9\u00ADpartement") == "contains an invisible character (\\u{ad})");
  CHECK_FALSE(text_problem("\u202EvirolleD", grants::Invisible::kAllow));
  CHECK(text_problem("a\r\u200B", grants::Invisible::kAllow) == "contains a control character (\\r)");
  CHECK_FALSE(text_problem("\u00A0H\u00e9l\u00e8ne\u2009Roux"));  // spaces show: not invisible
}

TEST_CASE("char_count counts characters, a byte that is not UTF-8 as one") {
  CHECK(char_count("") == 0);
  CHECK(char_count("H\u00e9l\u00e8ne \u738b \U0001F600") == 10);
  CHECK(char_count("H\xe9l\xe8ne") == 6);
}

TEST_CASE("printable shows a long text by its first 60 characters and its length") {
  const std::string just = std::string(199, 'a') + "\u00e9";
  CHECK(printable(just) == just);
  CHECK(printable(just + "\n") == std::string(60, 'a') + "\u2026 (201 characters)");
  CHECK(printable(std::string(59, 'a') + "\r" + std::string(300, 'b')) ==
        std::string(59, 'a') + "\\r\u2026 (360 characters)");
}

TEST_CASE("length_problem counts characters against the most allowed") {
  CHECK_FALSE(length_problem("\u00e9\u00e9\u00e9", 3));
  CHECK(length_problem("\u00e9\u00e9\u00e9\u00e9", 3) == "is 4 characters long, more than the 3 it may have");
}
