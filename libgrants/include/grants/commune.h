// INSEE codes of French départements and communes, as beneficiaries, rule
// files and practice events give them.
//
// Pure functions: no I/O, no shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace grants {

// Why `code` is no département's INSEE code, or nothing when it is one:
// 01 to 19, 2A, 2B (Corsica), 21 to 95, or overseas 971 to 976. E.g.
//   is not a département code ("41", "2A", "974")
//   is not a département code: no département 96 (a département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)
//   is not a département code: no département 20 (Corsica is 2A or 2B)
std::optional<std::string> departement_problem(std::string_view code);

// Why `code` cannot be an INSEE commune code, or nothing when it can. A
// commune code is 5 characters: the département, then the commune's number,
// which is never 0: three digits (41018, 2A004), or two after an overseas
// département (97411). E.g.
//   is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)
//   is not an INSEE commune code: no département 96 (a département is ...)
//   is not an INSEE commune code: no commune 000 in département 41
// Whether the commune exists today is not checked (communes merge every
// year): only that the code is one INSEE could give.
std::optional<std::string> commune_problem(std::string_view code);

// !commune_problem(code).
bool valid_commune(std::string_view code);

}  // namespace grants
