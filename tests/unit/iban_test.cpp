#include "grants/iban.h"

#include <doctest/doctest.h>

using grants::bic_problem;
using grants::format_iban;
using grants::mask_iban;
using grants::mask_ibans_in;
using grants::normalise_bic;
using grants::normalise_iban;

namespace {

std::string normal(std::string_view text) {
  auto r = normalise_iban(text);
  REQUIRE_MESSAGE(r.ok(), r.error().message());
  return *r;
}

std::string error_of(std::string_view text) {
  auto r = normalise_iban(text);
  REQUIRE_FALSE(r.ok());
  return r.error().message();
}

}  // namespace

TEST_CASE("iban: valid IBANs of several SEPA countries are accepted") {
  CHECK(normal("FR7630006000011234567890189") == "FR7630006000011234567890189");
  CHECK(normal("FR1420041010050500013M02606") ==
        "FR1420041010050500013M02606");  // letter in the account
  CHECK(normal("DE89370400440532013000") == "DE89370400440532013000");
  CHECK(normal("GB29NWBK60161331926819") == "GB29NWBK60161331926819");
  CHECK(normal("BE68539007547034") == "BE68539007547034");
  CHECK(normal("CH9300762011623852957") == "CH9300762011623852957");
  CHECK(normal("MC5811222000010123456789030") == "MC5811222000010123456789030");
}

TEST_CASE("iban: spaces and lower case are normalised away") {
  CHECK(normal("FR76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189");
  CHECK(normal("  fr76 3000 6000 0112 3456 7890 189 ") == "FR7630006000011234567890189");
  CHECK(normal("fr1420041010050500013m02606") == "FR1420041010050500013M02606");
}

// Regression: a RIB copied from a PDF has no-break spaces between its
// groups; it was refused with "only letters and digits are allowed",
// quoting what looked like an IBAN written with spaces.
TEST_CASE("iban: the no-break spaces of French typography are spaces") {
  CHECK(normal("FR76\u00A03000\u00A06000\u00A00112\u00A03456\u00A07890\u00A0189") == "FR7630006000011234567890189");
  CHECK(normal("FR76\u202F3000\u20076000\u20090112 3456 7890 189") == "FR7630006000011234567890189");
}

TEST_CASE("iban: each failed check is named, quoting the input") {
  CHECK(error_of("") == "IBAN \"\": empty");
  CHECK(error_of("   ") == "IBAN \"   \": empty");
  CHECK(error_of("FR76-3000-6000") ==
        "IBAN \"FR76-3000-6000\": only letters, digits and spaces are allowed, not \"-\"");
  CHECK(error_of("FR76 3000 6000 0112 3456 7890 18é") ==
        "IBAN \"FR76 3000 6000 0112 3456 7890 18é\": only letters, digits and spaces are allowed, not \"é\" (U+00E9)");
  CHECK(error_of("FR76\u200B3000") ==
        "IBAN \"FR76\\u{200b}3000\": only letters, digits and spaces are allowed, not \"\u200B\" (U+200B)");
  // Bytes that are not UTF-8 and control characters are shown escaped, in
  // the value as in the reason: a tab pasted from a spreadsheet was printed
  // as it is, and looked like a space.
  CHECK(error_of("FR76\xFF" "3000") ==
        "IBAN \"FR76\\xFF3000\": only letters, digits and spaces are allowed, not byte \\xFF");
  CHECK(error_of("FR76\t3000") == "IBAN \"FR76\\t3000\": only letters, digits and spaces are allowed, not \"\\t\"");
  CHECK(error_of(std::string_view("FR76\0" "3000", 9)) ==
        "IBAN \"FR76\\u{0}3000\": only letters, digits and spaces are allowed, not \"\\u{0}\"");
  // A country outside SEPA is a real country all the same.
  CHECK(error_of("XX76 3000 6000") == "IBAN \"XX76 3000 6000\": country code \"XX\" is not that of a SEPA country");
  CHECK(error_of("US64 SVBK US6S 3300 9673 8637") ==
        "IBAN \"US64 SVBK US6S 3300 9673 8637\": country code \"US\" is not that of a SEPA country");
  CHECK(error_of("F") == "IBAN \"F\": country code \"F\" is not that of a SEPA country");
  CHECK(error_of("FR76 3000 6000 0112 3456 7890 18") ==
        "IBAN \"FR76 3000 6000 0112 3456 7890 18\": FR IBANs have 27 characters, this one has 26");
  CHECK(error_of("DE8937040044053201300") ==
        "IBAN \"DE8937040044053201300\": DE IBANs have 22 characters, this one has 21");
  CHECK(error_of("FR76 3000 6000 0112 3456 7890 188") ==
        "IBAN \"FR76 3000 6000 0112 3456 7890 188\": mod-97 check failed");
  CHECK(error_of("DE88370400440532013000") ==
        "IBAN \"DE88370400440532013000\": mod-97 check failed");
  // Check digits must be digits, even when letters would happen to pass.
  CHECK(error_of("FRAB30006000011234567890189") ==
        "IBAN \"FRAB30006000011234567890189\": mod-97 check failed");
}

TEST_CASE("iban: a French IBAN with valid check digits but a wrong RIB key is refused") {
  // The account of FR76 3000 6000 0112 3456 7890 189 changed from ...901 to
  // ...900 with the key kept at 89, and the IBAN check digits recomputed.
  CHECK(error_of("FR60 3000 6000 0112 3456 7890 089") ==
        "IBAN \"FR60 3000 6000 0112 3456 7890 089\": RIB key 89 is wrong, expected 92");
  CHECK(normal("FR76 3000 6000 0112 3456 7890 092") == "FR7630006000011234567890092");
}

TEST_CASE("iban: Monaco IBANs carry a RIB key too") {
  // MC58 1122 2000 0101 2345 6789 030 with its key 30 changed to 31 and the
  // check digits recomputed.
  auto e = error_of("MC3111222000010123456789031");
  CHECK(e == "IBAN \"MC3111222000010123456789031\": RIB key 31 is wrong, expected 30");
}

TEST_CASE("iban: display groups of four and masks all but country, check digits and last four") {
  CHECK(format_iban("FR7630006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189");
  CHECK(format_iban("BE68539007547034") == "BE68 5390 0754 7034");
  CHECK(format_iban("") == "");
  CHECK(mask_iban("FR7630006000011234567890189") == "FR76 **** **** 0189");
  CHECK(mask_iban("BE68539007547034") == "BE68 **** **** 7034");
}

TEST_CASE("iban: IBANs written in a text are masked, grouped or not, whatever their case") {
  CHECK(mask_ibans_in("VIR SEPA FR76 3000 6000 0112 3456 7890 189 DUPONT 2028-06") ==
        "VIR SEPA FR76 **** **** 0189 DUPONT 2028-06");
  CHECK(mask_ibans_in("compte FR7630006000011234567890189, clos") == "compte FR76 **** **** 0189, clos");
  CHECK(mask_ibans_in("fr7630006000011234567890189") == "FR76 **** **** 0189");
  CHECK(mask_ibans_in("(BE68539007547034) et BE68 5390 0754 7034") ==
        "(BE68 **** **** 7034) et BE68 **** **** 7034");
  // A mistyped account number (check digits wrong) is masked all the same.
  CHECK(mask_ibans_in("FR00 3000 6000 0112 3456 7890 189") == "FR00 **** **** 0189");
}

// A RIB copied from a PDF or a word processor has no-break, narrow no-break,
// figure or thin spaces between its groups; normalise_iban reads it, so a
// masked export must not show it whole.
TEST_CASE("iban: IBANs grouped with the typographic spaces normalise_iban takes are masked too") {
  CHECK(mask_ibans_in("VIR FR76\u00A03000\u00A06000\u00A00112\u00A03456\u00A07890\u00A0189 DUPONT") ==
        "VIR FR76 **** **** 0189 DUPONT");
  CHECK(mask_ibans_in("VIR FR76\u202F3000\u202F6000\u202F0112\u202F3456\u202F7890\u202F189\u00A0DUPONT") ==
        "VIR FR76 **** **** 0189\u00A0DUPONT");
  CHECK(mask_ibans_in("BE68\u20075390\u20090754 7034.") == "BE68 **** **** 7034.");
  // Two spaces, of any kind, between groups as well.
  CHECK(mask_ibans_in("FR76\u00A0\u00A03000 6000 0112 3456 7890 189") == "FR76 **** **** 0189");
}

// Typed by hand, an IBAN may have two spaces between its groups; the
// masked export showed it whole.
TEST_CASE("iban: IBANs written with two spaces or more between groups are masked") {
  CHECK(mask_ibans_in("VIR FR76  3000  6000  0112  3456  7890  189 DUPONT") == "VIR FR76 **** **** 0189 DUPONT");
  CHECK(mask_ibans_in("RIB BE68   5390 0754  7034") == "RIB BE68 **** **** 7034");
  CHECK(mask_ibans_in("IBAN FR76 - 3000 - 6000 - 0112 - 3456 - 7890 - 189.") == "IBAN FR76 **** **** 0189.");
}

// Typed without a space, an IBAN may be glued to a letter or digit; the
// masked export showed it whole. Glued, it is masked when its check digits
// are right (a reference that starts like an IBAN is not).
TEST_CASE("iban: IBANs glued to a letter or digit are masked when their check digits are right") {
  CHECK(mask_ibans_in("IBAN:FR7630006000011234567890189x") == "IBAN:FR76 **** **** 0189x");
  CHECK(mask_ibans_in("IBANFR7630006000011234567890189") == "IBANFR76 **** **** 0189");
  CHECK(mask_ibans_in("ref FR76 3000 6000 0112 3456 7890 1890") == "ref FR76 **** **** 01890");
  CHECK(mask_ibans_in("VIR2028BE68539007547034DUPONT") == "VIR2028BE68 **** **** 7034DUPONT");
  CHECK(mask_ibans_in("XFR76  3000 6000 0112 3456 7890 189x") == "XFR76 **** **** 0189x");
}

// A bank reference typed by hand may group an IBAN with hyphens or dots;
// the masked export must not show it whole either.
TEST_CASE("iban: IBANs grouped with hyphens or dots are masked too") {
  CHECK(mask_ibans_in("VIR FR76-3000-6000-0112-3456-7890-189 DUPONT") == "VIR FR76 **** **** 0189 DUPONT");
  CHECK(mask_ibans_in("RIB BE68.5390.0754.7034.") == "RIB BE68 **** **** 7034.");
  CHECK(mask_ibans_in("FR76-3000 6000.0112-3456-7890-189-2028-06") == "FR76 **** **** 0189-2028-06");
  // Still one separator between groups: two end the word.
  CHECK(mask_ibans_in("FR76--3000-6000-0112-3456-7890-189") == "FR76--3000-6000-0112-3456-7890-189");
}

TEST_CASE("iban: a text without an IBAN is left as it is") {
  for (const char* text :
       {"", "Encaissement du titre TR-2028-00001 : VIR LEFEVRE 2028-06", "Mandat convention 6 échéance 1 du 2024-09-05",
        "FR76 3000 6000 0112 3456 7890 18",    // a character short
        "FR00 3000 6000 0112 3456 7890 1890",  // a word longer, check digits wrong
        "XFR0030006000011234567890189",        // inside a word, check digits wrong
        "US64 SVBK US6S 3300 9673 8637",       // no IBAN country
        "FR76--3000-6000-0112-3456-7890-189",  // two hyphens end the word
        // References, dates and amounts that start like an IBAN or run on:
        "convention CONV-FR76-2024-000123 du 2024-11-02", "DEPOT20281106DUPONTMARIE0001 TITRE TR-2028-00001",
        "NL12 mois de bourse 2024 2025", "BE12 000,00 € versés le 2024-11-02 pour 1 234,56 €",
        "Encaissement  FR76  2024  11  02  500  00  EUR  DUPONT  MARIE"}) {
    CHECK(mask_ibans_in(text) == text);
  }
}

TEST_CASE("bic: what both pain.001 schemas accept") {
  for (const char* bic : {"BNPAFRPP", "BNPAFRPPXXX", "CMCIFR2A", "CEPAFRPP450", "COBADEFF", "DEUTDE2H", "ABCDFR9Z",
                          "COBADEF0"}) {
    CAPTURE(bic);
    CHECK(bic_problem(bic) == std::nullopt);
  }
}

TEST_CASE("bic: each refusal names the part at fault") {
  CHECK(bic_problem("") == "has 0 characters, not 8 or 11");
  CHECK(bic_problem("BNPAFRPPXX") == "has 10 characters, not 8 or 11");
  CHECK(bic_problem("BNP1FRPP") == "bank code \"BNP1\" is not 4 capital letters");
  CHECK(bic_problem("bnpafrpp") == "bank code \"bnpa\" is not 4 capital letters");
  CHECK(bic_problem("BNPAF1PP") == "country code \"F1\" is not 2 capital letters");
  CHECK(bic_problem("BNPAFR1P") == "location code \"1P\" must start with a capital letter or a digit from 2 to 9");
  CHECK(bic_problem("BNPAFR0P") == "location code \"0P\" must start with a capital letter or a digit from 2 to 9");
  CHECK(bic_problem("BNPAFRPO") == "location code \"PO\" must end with a capital letter other than O or a digit");
  CHECK(bic_problem("BNPAFRPPXX-") == "branch code \"XX-\" is not 3 capital letters or digits");
}

TEST_CASE("bic: spaces go and letters are upper-cased") {
  CHECK(normalise_bic(" bnpa fr pp xxx ") == "BNPAFRPPXXX");
  CHECK(normalise_bic("") == "");
}
