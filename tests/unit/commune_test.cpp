#include "grants/commune.h"

#include <doctest/doctest.h>

using grants::commune_problem;
using grants::departement_problem;
using grants::valid_commune;

namespace {

const std::string kDepartements = "(a département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)";

}  // namespace

TEST_CASE("commune: codes of every kind of département pass") {
  for (const char* code : {"01004", "19031", "2A004", "2B033", "21231", "41018", "75056", "95680", "97105",
                           "97209", "97302", "97411", "97502", "97611", "01001", "41999"})
    CHECK_MESSAGE(valid_commune(code), std::string(code));
}

TEST_CASE("commune: a code of a département that does not exist is refused, naming it") {
  CHECK(commune_problem("00000") == "is not an INSEE commune code: no département 00 " + kDepartements);
  CHECK(commune_problem("96123") == "is not an INSEE commune code: no département 96 " + kDepartements);
  CHECK(commune_problem("99138") == "is not an INSEE commune code: no département 99 " + kDepartements);
  CHECK(commune_problem("98714") == "is not an INSEE commune code: no département 98 " + kDepartements);
  CHECK(commune_problem("97701") == "is not an INSEE commune code: no département 977 " + kDepartements);
  CHECK(commune_problem("97012") == "is not an INSEE commune code: no département 970 " + kDepartements);
  CHECK(commune_problem("20004") ==
        "is not an INSEE commune code: no département 20 (Corsica is 2A or 2B)");
}

TEST_CASE("commune: number 000 (00 overseas) is no commune") {
  CHECK(commune_problem("41000") == "is not an INSEE commune code: no commune 000 in département 41");
  CHECK(commune_problem("2A000") == "is not an INSEE commune code: no commune 000 in département 2A");
  CHECK(commune_problem("97400") == "is not an INSEE commune code: no commune 00 in département 974");
  CHECK(valid_commune("97410"));
  CHECK(valid_commune("41100"));
}

TEST_CASE("commune: a code of the wrong shape is refused as before") {
  const std::string shape = "is not an INSEE commune code (5 digits, or 2A/2B and 3 digits)";
  for (const char* code : {"", "4101", "410180", "4101A", "2C004", "2a004", "A2004", "41 18", "+4101"})
    CHECK_MESSAGE(commune_problem(code) == shape, std::string(code));
}

TEST_CASE("département codes: 01 to 19, 2A, 2B, 21 to 95, 971 to 976") {
  for (const char* code : {"01", "19", "2A", "2B", "21", "41", "95", "971", "976"})
    CHECK_MESSAGE(!departement_problem(code), std::string(code));
  CHECK(departement_problem("96") == "is not a département code: no département 96 " + kDepartements);
  CHECK(departement_problem("00") == "is not a département code: no département 00 " + kDepartements);
  CHECK(departement_problem("977") == "is not a département code: no département 977 " + kDepartements);
  CHECK(departement_problem("097") == "is not a département code: no département 097 " + kDepartements);
  CHECK(departement_problem("20") == "is not a département code: no département 20 (Corsica is 2A or 2B)");
  for (const char* code : {"", "4", "4101", "2C", "2a", "41A"})
    CHECK_MESSAGE(departement_problem(code) == "is not a département code (\"41\", \"2A\", \"974\")", std::string(code));
}
