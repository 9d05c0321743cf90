#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "grants/profession.h"

using grants::BeneficiaryKind;

TEST_CASE("the profession vocabulary is sorted by id and closed") {
  std::vector<std::string> ids;
  for (const auto& p : grants::professions()) ids.emplace_back(p.id);
  CHECK(ids == std::vector<std::string>{
                   "association",          "centre-de-sante",       "commune",
                   "dental-student",       "dentist",               "doctor",
                   "general-medicine-intern", "general-practitioner", "intercommunality",
                   "maison-de-sante",      "medical-intern",        "medical-student",
                   "midwife",              "midwifery-student",     "nurse",
                   "nursing-student",      "orthoptist",            "paramedical-student",
                   "physiotherapist",      "physiotherapy-student", "speech-therapist",
                   "speech-therapy-student"});
}

TEST_CASE("every profession and structure type is found by its id with its French label") {
  for (const auto& p : grants::professions()) {
    const auto* found = grants::find_profession(p.id);
    REQUIRE(found != nullptr);
    CHECK(found == &p);
    CHECK_FALSE(p.label.empty());
  }
  const auto* intern = grants::find_profession("general-medicine-intern");
  REQUIRE(intern != nullptr);
  CHECK(intern->label == "Interne en médecine générale");
  CHECK(intern->kind == BeneficiaryKind::kPerson);
  CHECK(grants::find_profession("medical-student")->label == "Étudiant en médecine");
  CHECK(grants::find_profession("maison-de-sante")->kind == BeneficiaryKind::kStructure);
  CHECK(grants::find_profession("intercommunality")->kind == BeneficiaryKind::kStructure);
  CHECK(grants::find_profession("orthoptist")->kind == BeneficiaryKind::kPerson);
}

TEST_CASE("an unknown or misspelt profession is not found") {
  CHECK(grants::find_profession("astronaut") == nullptr);
  CHECK(grants::find_profession("") == nullptr);
  CHECK(grants::find_profession("Nurse") == nullptr);
  CHECK(grants::find_profession("nurses") == nullptr);
  CHECK(grants::find_profession("zzz") == nullptr);
}

TEST_CASE("beneficiary kinds have stable names") {
  CHECK(grants::to_string(BeneficiaryKind::kPerson) == "person");
  CHECK(grants::to_string(BeneficiaryKind::kStructure) == "structure");
}
