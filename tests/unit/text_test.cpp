#include "grants/text.h"

#include <doctest/doctest.h>

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

TEST_CASE("text_problem names the first problem of a text to store") {
  CHECK_FALSE(text_problem("VIR R\u00e9gie 2028-08"));
  CHECK(text_problem("VIR R\xe9gie") == "is not valid UTF-8");
  CHECK(text_problem("abandon\r") == "contains a control character (\\r)");
  CHECK(text_problem("two\u2029paragraphs") == "contains a control character (\\u{2029})");
  CHECK(text_problem("tab\there") == "contains a control character (\\t)");
}
