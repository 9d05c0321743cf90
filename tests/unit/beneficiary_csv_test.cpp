#include "grants/beneficiary_csv.h"

#include <doctest/doctest.h>

#include "grants/csv.h"

using grants::Beneficiary;
using grants::BeneficiaryKind;
using grants::parse_beneficiaries_csv;
using grants::parse_csv;
using grants::read_csv_file;
using grants::validate_beneficiary;

namespace {

using Lines = std::vector<std::string>;

const std::string kHeader = "ref,kind,name,first_name,profession,commune,iban,bic,email\n";
// What an unknown profession's message lists.
const std::string kNotAProfession =
    "is not a known profession (a person's is one of dental-student, dentist, doctor, general-medicine-intern, "
    "general-practitioner, medical-intern, medical-student, midwife, midwifery-student, nurse, nursing-student, "
    "orthoptist, paramedical-student, physiotherapist, physiotherapy-student, speech-therapist, "
    "speech-therapy-student)";

Beneficiary person() {
  Beneficiary b;
  b.ref = "B-0001";
  b.kind = BeneficiaryKind::kPerson;
  b.name = "Lefèvre";
  b.first_name = "Hélène";
  b.profession = "general-medicine-intern";
  b.commune = "41018";
  b.iban = "FR7630006000011234567890189";
  return b;
}

Lines problems_of(Beneficiary b) { return validate_beneficiary(b); }

// The rows of an import of `content` that must succeed.
std::vector<Beneficiary> rows_of(const std::string& content) {
  auto table = parse_csv(content, "in.csv");
  REQUIRE_MESSAGE(table.ok(), table.error().message());
  auto rows = parse_beneficiaries_csv(*table, "in.csv");
  REQUIRE_MESSAGE(rows.ok(), rows.error().to_string());
  return *rows;
}

grants::Error import_error(const std::string& content) {
  auto table = parse_csv(content, "in.csv");
  REQUIRE_MESSAGE(table.ok(), table.error().message());
  auto rows = parse_beneficiaries_csv(*table, "in.csv");
  REQUIRE_FALSE(rows.ok());
  return rows.error();
}

std::vector<Beneficiary> imported(const std::string& path) {
  auto table = read_csv_file(path);
  REQUIRE_MESSAGE(table.ok(), table.error().message());
  auto rows = parse_beneficiaries_csv(*table, path);
  REQUIRE_MESSAGE(rows.ok(), rows.error().to_string());
  return *rows;
}

}  // namespace

TEST_CASE("beneficiary: a valid person is normalised in place") {
  Beneficiary b = person();
  b.ref = " B-0001 ";
  b.name = "  Lefèvre";
  b.iban = " fr76 3000 6000 0112 3456 7890 189 ";
  b.bic = " agrifrpp ";
  b.email = "helene.lefevre@example.fr ";
  CHECK(validate_beneficiary(b).empty());
  CHECK(b.ref == "B-0001");
  CHECK(b.name == "Lefèvre");
  CHECK(b.iban == "FR7630006000011234567890189");
  CHECK(b.bic == "AGRIFRPP");
  CHECK(b.email == "helene.lefevre@example.fr");
}

TEST_CASE("beneficiary: an empty IBAN, BIC and e-mail are allowed") {
  Beneficiary b = person();
  b.iban = "  ";
  CHECK(validate_beneficiary(b).empty());
  CHECK(b.iban.empty());
}

TEST_CASE("beneficiary: a structure has no first name") {
  Beneficiary b = person();
  b.kind = BeneficiaryKind::kStructure;
  b.name = "Maison de santé pluriprofessionnelle de Salbris";
  b.first_name = "";
  b.profession = "maison-de-sante";
  b.commune = "41232";
  CHECK(problems_of(b).empty());
  b.first_name = "Jean";
  CHECK(problems_of(b) ==
        Lines{"field 'first_name': value \"Jean\": must be empty for a structure"});
}

TEST_CASE("beneficiary: every problem of a record is reported, in field order") {
  Beneficiary b;
  b.ref = "B 0001";
  b.profession = "plumber";
  b.commune = "4101";
  b.iban = "FR76 3000 6000 0112 3456 7890 188";
  b.bic = "AGRI-FRPP";
  b.email = "helene@example";
  CHECK(problems_of(b) ==
        Lines{
            "field 'ref': value \"B 0001\": must be 1 to 32 letters, digits, '.', '_' or '-'",
            "field 'profession': value \"plumber\": " + kNotAProfession,
            "field 'name': value \"\": is required",
            "field 'first_name': value \"\": is required for a person",
            "field 'commune': value \"4101\": is not an INSEE commune code (5 digits, or 2A/2B and "
            "3 digits)",
            "field 'iban': value \"FR76 3000 6000 0112 3456 7890 188\": mod-97 check failed",
            "field 'bic': value \"AGRI-FRPP\": is not a BIC: has 9 characters, not 8 or 11",
            "field 'email': value \"helene@example\": is not an e-mail address",
        });
}

TEST_CASE("beneficiary: profession and kind must agree") {
  Beneficiary b = person();
  b.kind = BeneficiaryKind::kStructure;
  b.first_name = "";
  b.profession = "doctor";
  CHECK(
      problems_of(b) ==
      Lines{
          "field 'profession': value \"doctor\": is a person's profession, not a structure type"});
  b = person();
  b.profession = "maison-de-sante";
  CHECK(problems_of(b) == Lines{"field 'profession': value \"maison-de-sante\": is a structure "
                                "type, not a person's profession"});
}

TEST_CASE("beneficiary: field shapes") {
  auto only = [](auto set) {
    Beneficiary b = person();
    set(b);
    return problems_of(b);
  };
  CHECK(only([](Beneficiary& b) { b.ref = std::string(32, 'a'); }).empty());
  CHECK(only([](Beneficiary& b) { b.ref = std::string(33, 'a'); }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.ref = "x.y_z-1"; }).empty());
  CHECK(only([](Beneficiary& b) { b.ref = ""; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.commune = "2A004"; }).empty());
  CHECK(only([](Beneficiary& b) { b.commune = "2B033"; }).empty());
  CHECK(only([](Beneficiary& b) { b.commune = "97411"; }).empty());
  CHECK(only([](Beneficiary& b) { b.commune = "2C004"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.commune = "4101A"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.commune = "410180"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.commune = "96123"; }) ==
        Lines{"field 'commune': value \"96123\": is not an INSEE commune code: no département 96 (a "
              "département is 01 to 19, 2A, 2B, 21 to 95 or 971 to 976)"});
  CHECK(only([](Beneficiary& b) { b.commune = "41000"; }) ==
        Lines{"field 'commune': value \"41000\": is not an INSEE commune code: no commune 000 in "
              "département 41"});
  CHECK(only([](Beneficiary& b) { b.bic = "BNPAFRPPXXX"; }).empty());
  CHECK(only([](Beneficiary& b) { b.bic = "CMCIFR2A"; }).empty());
  CHECK(only([](Beneficiary& b) { b.bic = "CMCIFR2"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.bic = "CMC1FR2A"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.bic = "BNPAFRPPXX"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.bic = "bnpa fr pp"; }).empty());
  CHECK(only([](Beneficiary& b) { b.email = "a@b.fr"; }).empty());
  CHECK(only([](Beneficiary& b) { b.email = "a@@b.fr"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.email = "@b.fr"; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.email = "a@b."; }).size() == 1);
  CHECK(only([](Beneficiary& b) { b.name = " "; }) ==
        Lines{"field 'name': value \"\": is required"});
}

// Regression: a name of 100 000 characters was stored, and only cut to 70
// in the SEPA file. Lengths count characters, not bytes.
TEST_CASE("beneficiary: names and e-mail have the lengths a SEPA party and mail allow") {
  Beneficiary b = person();
  b.name = std::string(70, 'a') + std::string(70 * 2, '\xc3');  // 70 letters, then 70 two-byte ones
  for (std::size_t i = 0; i < 70; ++i) b.name[70 + 2 * i + 1] = '\xa9';  // é
  b.first_name = std::string(140, 'b');
  b.email = std::string(249, 'c') + "@b.fr";
  CHECK(problems_of(b).empty());
  b.name += "e";
  b.first_name += "b";
  b.email = "c" + b.email;
  CHECK(problems_of(b) ==
        Lines{"field 'name': value \"" + b.name + "\": is 141 characters long, more than the 140 it may have",
              "field 'first_name': value \"" + b.first_name +
                  "\": is 141 characters long, more than the 140 it may have",
              "field 'email': value \"" + std::string(60, 'c') +
                  "… (255 characters)\": is 255 characters long, more than the 254 it may have"});
}

// Regression: a name of punctuation alone ("?" typed for a name not known
// yet) passed, though the bank gets no letter or digit to name the creditor.
TEST_CASE("beneficiary: a name needs a letter or digit the SEPA set carries") {
  constexpr const char* kWhy =
      ": has no letter or digit a SEPA transfer can carry (Latin letters, with or without accents, and digits): "
      "give the name in Latin letters";
  Beneficiary b = person();
  b.first_name = "?";
  b.name = "?";
  CHECK(problems_of(b) == Lines{std::string("field 'name': value \"?\"") + kWhy});
  b.first_name = "-";
  b.name = "李";
  CHECK(problems_of(b) == Lines{std::string("field 'name': value \"李\"") + kWhy});
  b.first_name = "?";
  b.name = "Lefèvre";
  CHECK(problems_of(b).empty());
}

// Regression: the import took BICs the SEPA file then refused, so that one
// beneficiary's BIC stopped the export of a whole batch.
TEST_CASE("beneficiary: a BIC the SEPA schemas refuse is refused, naming its part at fault") {
  Beneficiary b = person();
  b.bic = "bnpafr1p";
  CHECK(problems_of(b) == Lines{"field 'bic': value \"BNPAFR1P\": is not a BIC: location code \"1P\" must start "
                                "with a capital letter or a digit from 2 to 9"});
  b.bic = "BNPAFRPO";
  CHECK(problems_of(b) == Lines{"field 'bic': value \"BNPAFRPO\": is not a BIC: location code \"PO\" must end "
                                "with a capital letter other than O or a digit"});
}

TEST_CASE("beneficiary: the IBAN reason is the IBAN check's own") {
  Beneficiary b = person();
  b.iban = "FR60 3000 6000 0112 3456 7890 089";
  CHECK(problems_of(b) == Lines{"field 'iban': value \"FR60 3000 6000 0112 3456 7890 089\": RIB "
                                "key 89 is wrong, expected 92"});
  b.iban = "XX76 3000";
  CHECK(problems_of(b) == Lines{"field 'iban': value \"XX76 3000\": country code \"XX\" is not that of a SEPA country"});
  b.iban = "FR76\t3000";
  CHECK(problems_of(b) ==
        Lines{"field 'iban': value \"FR76\\t3000\": only letters, digits and spaces are allowed, not \"\\t\""});
  b.iban = "FR76 3000 6000 0112 3456 7890 18";
  CHECK(problems_of(b) == Lines{"field 'iban': value \"FR76 3000 6000 0112 3456 7890 18\": FR "
                                "IBANs have 27 characters, this one has 26"});
}

TEST_CASE("beneficiary csv: rows are read in any column order, bic and email optional") {
  auto table = parse_csv(
      "iban,commune,profession,first_name,name,kind,ref\r\n"
      "fr76 3000 6000 0112 3456 7890 "
      "189,41018,general-medicine-intern,Hélène,Lefèvre,person,B-1\r\n"
      ",41232,maison-de-sante,,\"Maison de santé, Salbris\",structure,B-2\r\n",
      "in.csv");
  REQUIRE(table.ok());
  auto rows = parse_beneficiaries_csv(*table, "in.csv");
  REQUIRE_MESSAGE(rows.ok(), rows.error().to_string());
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0].iban == "FR7630006000011234567890189");
  CHECK((*rows)[0].kind == BeneficiaryKind::kPerson);
  CHECK((*rows)[1].kind == BeneficiaryKind::kStructure);
  CHECK((*rows)[1].name == "Maison de santé, Salbris");
  CHECK((*rows)[1].bic.empty());
}

TEST_CASE("beneficiary csv: missing, unknown and repeated columns are named") {
  auto e = import_error(
      "ref,kind,name,prenom,profession,commune,bic,bic\nB-1,person,X,Y,nurse,41018,,\n");
  CHECK(e.message() ==
        "in.csv: bad header: missing columns first_name, iban; unknown columns \"prenom\"; "
        "repeated columns bic "
        "(expected ref, kind, name, first_name, profession, commune, iban, and optionally bic, "
        "email)");
}

// Regression: a header typed "Ref,Kind,...,IBAN" was refused as missing
// every column it had ("missing columns ref, ...; unknown columns "Ref"").
TEST_CASE("beneficiary csv: column names are taken whatever their case and blanks") {
  auto table = parse_csv("Ref;KIND;\" Name \";First_Name;profession;Commune;IBAN;Bic\n"
                         "B-1;person;Roux;Anne;nurse;41018;fr76 3000 6000 0112 3456 7890 189;agrifrpp\n",
                         "in.csv");
  REQUIRE(table.ok());
  auto rows = parse_beneficiaries_csv(*table, "in.csv");
  REQUIRE_MESSAGE(rows.ok(), rows.error().to_string());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].ref == "B-1");
  CHECK((*rows)[0].name == "Roux");
  CHECK((*rows)[0].first_name == "Anne");
  CHECK((*rows)[0].iban == "FR7630006000011234567890189");
  CHECK((*rows)[0].bic == "AGRIFRPP");
  // The same column twice in two spellings is a repeated column.
  CHECK(import_error("ref,kind,name,first_name,profession,commune,iban,IBAN\n").message() ==
        "in.csv: bad header: repeated columns iban (expected ref, kind, name, first_name, profession, commune, "
        "iban, and optionally bic, email)");
}

// Regression: a header saved in Latin-1, or with a tab, was printed as its
// raw bytes.
TEST_CASE("beneficiary csv: an unknown column is named as an error message can show it") {
  auto e = import_error("ref,kind,name,pr\xe9nom,first_name,profession,commune,iban\tbic\n");
  CHECK(e.message() ==
        "in.csv: bad header: missing columns iban; unknown columns \"pr\\xE9nom\", \"iban\\tbic\" "
        "(expected ref, kind, name, first_name, profession, commune, iban, and optionally bic, "
        "email)");
}

TEST_CASE("beneficiary csv: all or nothing, every problem of every row in line order") {
  auto e =
      import_error(kHeader +
                   "B-0001,person,Lefèvre,Hélène,general-medicine-intern,41018,,,\n"  // 2: fine
                   "B-0002,persn,Bénard,Loïc,nursing-student,41018,,,\n"              // 3
                   "B-0003,person,\"Pérez\nde la Tour\",Gaëlle,doctor,41018,,,\n"     // 4-5
                   "B-0004,structure,MSP,Jean,doctor,41018,FR7630006000011234567890188,,\n"  // 6
                   "B-0005,person,Roux\n"                                                    // 7
                   "B-0006,person,Morel,Hugo,nurse,41O18,,,hugo@\n"                          // 8
                   "B-0003,person,Faure,Inès,nurse,86194,,,\n");                             // 9
  CHECK(e.code() == grants::ErrorCode::kInvalidInput);
  CHECK(e.message() == "in.csv: 6 bad rows, nothing imported");
  CHECK(e.details() ==
        Lines{
            "in.csv:3: field 'kind': value \"persn\": must be \"person\" or \"structure\"",
            // Read across its two lines, refused for its line break.
            "in.csv:4: field 'name': value \"Pérez\\nde la Tour\": contains a control character (\\n)",
            "in.csv:6: field 'profession': value \"doctor\": is a person's profession, not a "
            "structure type",
            "in.csv:6: field 'first_name': value \"Jean\": must be empty for a structure",
            "in.csv:6: field 'iban': value \"FR7630006000011234567890188\": mod-97 check failed",
            "in.csv:7: has 3 fields, the header has 9",
            "in.csv:8: field 'commune': value \"41O18\": is not an INSEE commune code (5 digits, "
            "or 2A/2B and 3 digits)",
            "in.csv:8: field 'email': value \"hugo@\": is not an e-mail address",
            "in.csv:9: field 'ref': value \"B-0003\": already used on line 4",
        });
}

// Regression: a stray line of one word was said to have "1 fields".
TEST_CASE("beneficiary csv: a row of one field is singular") {
  CHECK(import_error(kHeader + "oops\n").details() == Lines{"in.csv:2: has 1 field, the header has 9"});
}

TEST_CASE("beneficiary csv: one bad row is singular") {
  auto e = import_error(kHeader +
                        "B-0001,person,Lefèvre,Hélène,general-medicine-intern,41018,,,\n"
                        "B-0002,person,Bénard,Loïc,plumber,41018,,,\n");
  CHECK(e.message() == "in.csv: 1 bad row, nothing imported");
  CHECK(e.details() ==
        Lines{"in.csv:3: field 'profession': value \"plumber\": " + kNotAProfession});
}

// Regression: an empty file was reported as a header missing every column.
TEST_CASE("beneficiary csv: an empty file is said to be empty") {
  for (const char* content : {"", "\r\n\r\n", "\xEF\xBB\xBF"}) {
    CAPTURE(content);
    CHECK(import_error(content).message() ==
          "in.csv: the file is empty: expected a header line (ref, kind, name, first_name, profession, commune, "
          "iban, and optionally bic, email)");
  }
}

// Regression: a misplaced quote on line 2 was the only thing an import
// said, the bad kind on line 3 waiting for the next try.
TEST_CASE("beneficiary csv: a row with malformed quoting is listed with the other bad rows") {
  auto e = import_error(kHeader +
                        "B-0001,person,Dupont \"Jo\",Jean,nurse,41018,,,\n"
                        "B-0002,persn,Durand,Paul,nurse,41018,,,\n"
                        "B-0003,person,Roux,Anne,nurse,41018,,,\n"
                        "B-0004,person,\"Morel,Hugo,nurse,41018,,,\n"
                        "B-0005,person,Faure,Inès,nurse,4101,,,\n");
  CHECK(e.message() == "in.csv: 3 bad rows, nothing imported");
  CHECK(e.details() ==
        Lines{"in.csv:2: malformed CSV: misplaced quote at column 22 (within a field, a quote is written \"\" and the "
              "field put between quotes); reading goes on at line 3",
              "in.csv:3: field 'kind': value \"persn\": must be \"person\" or \"structure\"",
              "in.csv:5: malformed CSV: unterminated quoted field: the quote opened on line 5 is never closed, so "
              "from line 6 on, the file cannot be read"});
}

// Regression: a file of its header alone "imported 0 beneficiaries" and
// succeeded, as a wrong file (a template, an empty sheet's export) does.
TEST_CASE("beneficiary csv: a header alone is refused: there is nothing to import") {
  for (const std::string& content : {kHeader, kHeader + ",,,,,,,,\r\n\r\n"}) {
    CAPTURE(content);
    auto e = import_error(content);
    CHECK(e.code() == grants::ErrorCode::kInvalidInput);
    CHECK(e.message() == "in.csv: the file has a header line and no row: nothing to import");
    CHECK(e.details().empty());
  }
}

// Regression: "Person" was refused though "Ref" was taken as "ref".
TEST_CASE("beneficiary csv: kind and profession are taken whatever their case and blanks") {
  auto rows = rows_of(kHeader +
                      "B-1, Person ,Roux,Anne,Nurse,41018,,,\n"
                      "B-2,STRUCTURE,MSP,,\"Maison-de-Sante \",41232,,,\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].kind == BeneficiaryKind::kPerson);
  CHECK(rows[0].profession == "nurse");  // stored as the vocabulary spells it
  CHECK(rows[1].kind == BeneficiaryKind::kStructure);
  CHECK(rows[1].profession == "maison-de-sante");
  CHECK(grants::parse_beneficiary_kind("\tstructure") == BeneficiaryKind::kStructure);
  CHECK_FALSE(grants::parse_beneficiary_kind("persons").has_value());
  CHECK_FALSE(grants::parse_beneficiary_kind("").has_value());
  // An unknown structure type lists the structure types.
  auto e = import_error(kHeader + "B-3,structure,MSP,,hospital,41232,,,\n");
  CHECK(e.details() == Lines{"in.csv:2: field 'profession': value \"hospital\": is not a known structure type (one "
                             "of association, centre-de-sante, commune, intercommunality, maison-de-sante)"});
}

TEST_CASE("beneficiary csv: the example file imports all 14 beneficiaries") {
  auto rows = imported(std::string(GRANTS_SOURCE_DIR) + "/examples/beneficiaries.csv");
  REQUIRE(rows.size() == 14);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].ref == "B-00" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1));
    if (i < 13) CHECK(rows[i].iban.size() == 27);
  }
  CHECK(rows[12].kind == BeneficiaryKind::kStructure);
  CHECK(rows[12].profession == "maison-de-sante");
  CHECK(rows[12].commune == "41232");
  CHECK(rows[12].first_name.empty());
  CHECK(rows[13].iban.empty());
  CHECK(rows[0].first_name == "Hélène");
}

TEST_CASE("beneficiary csv: the bad example file reports its three bad rows") {
  std::string path = std::string(GRANTS_SOURCE_DIR) + "/examples/bad-beneficiaries.csv";
  auto table = read_csv_file(path);
  REQUIRE(table.ok());
  auto rows = parse_beneficiaries_csv(*table, "bad-beneficiaries.csv");
  REQUIRE_FALSE(rows.ok());
  CHECK(rows.error().message() == "bad-beneficiaries.csv: 3 bad rows, nothing imported");
  CHECK(rows.error().details() == Lines{
                                      "bad-beneficiaries.csv:3: field 'iban': value \"FR76 2004 "
                                      "1010 0700 0123 4567 806\": mod-97 check failed",
                                      "bad-beneficiaries.csv:4: field 'profession': value "
                                      "\"plumber\": " + kNotAProfession,
                                      "bad-beneficiaries.csv:5: field 'commune': value \"8619\": "
                                      "is not an INSEE commune code (5 digits, or 2A/2B "
                                      "and 3 digits)",
                                  });
}
