#include "grants/text.h"

#include <fmt/format.h>
#include <utf8proc.h>

namespace grants {

namespace {

// Steps through `text`: each code point, or -1 and one byte for a byte that
// does not start a valid sequence.
template <class F>
void each_code_point(std::string_view text, F&& f) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size()); left > 0;) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      cp = -1;
      n = 1;
    }
    if (!f(cp, std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)))) return;
    p += n;
    left -= n;
  }
}

bool is_control(utf8proc_int32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

// Characters that show nothing: format characters (Unicode category Cf) such
// as a byte-order mark U+FEFF left mid-file by two exports pasted together,
// zero-width spaces and joiners U+200B..U+200D, direction marks U+200E,
// U+200F, U+202A..U+202E, the word joiner U+2060 and the soft hyphen U+00AD.
// A value holding one looks like the right one in a message.
bool is_invisible(utf8proc_int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_CF; }

std::string escaped(utf8proc_int32_t cp) {
  switch (cp) {
    case '\r': return "\\r";
    case '\n': return "\\n";
    case '\t': return "\\t";
    default: return fmt::format("\\u{{{:x}}}", cp);
  }
}

}  // namespace

bool valid_utf8(std::string_view text) {
  bool ok = true;
  each_code_point(text, [&](utf8proc_int32_t cp, std::string_view) { return ok = cp >= 0; });
  return ok;
}

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  each_code_point(text, [&](utf8proc_int32_t, std::string_view) { return ++n, true; });
  return n;
}

std::string printable(std::string_view text) {
  // A value pasted by mistake (a whole file) would bury the message: a long
  // one is shown by its start and its length.
  constexpr std::size_t kLong = 200, kShown = 60;
  const std::size_t length = char_count(text);
  std::string out;
  std::size_t shown = 0;
  each_code_point(text, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (length > kLong && shown++ == kShown) return false;
    if (cp < 0)
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(bytes[0]));
    else if (is_control(cp) || is_invisible(cp))
      out += escaped(cp);
    else
      out += bytes;
    return true;
  });
  if (length > kLong) out += fmt::format("… ({} characters)", length);
  return out;
}

std::optional<std::string> text_problem(std::string_view text, Invisible invisible) {
  std::optional<std::string> out;
  each_code_point(text, [&](utf8proc_int32_t cp, std::string_view) {
    if (cp < 0)
      out = "is not valid UTF-8";
    else if (is_control(cp))
      out = fmt::format("contains a control character ({})", escaped(cp));
    else if (invisible == Invisible::kRefuse && is_invisible(cp))
      out = fmt::format("contains an invisible character ({})", escaped(cp));
    return !out;
  });
  return out;
}

std::optional<std::string> length_problem(std::string_view text, std::size_t max) {
  const std::size_t n = char_count(text);
  if (n <= max) return std::nullopt;
  return fmt::format("is {} characters long, more than the {} it may have", n, max);
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace grants
