#include "grants/profession.h"

#include <algorithm>
#include <array>

namespace grants {

namespace {

using K = BeneficiaryKind;
// Sorted by id: find_profession searches it by bisection.
constexpr std::array<Profession, 22> kProfessions{{
    {"association", "Association", K::kStructure},
    {"centre-de-sante", "Centre de santé", K::kStructure},
    {"commune", "Commune", K::kStructure},
    {"dental-student", "Étudiant en chirurgie dentaire", K::kPerson},
    {"dentist", "Chirurgien-dentiste", K::kPerson},
    {"doctor", "Médecin spécialiste", K::kPerson},
    {"general-medicine-intern", "Interne en médecine générale", K::kPerson},
    {"general-practitioner", "Médecin généraliste", K::kPerson},
    {"intercommunality", "Établissement public de coopération intercommunale", K::kStructure},
    {"maison-de-sante", "Maison de santé pluriprofessionnelle", K::kStructure},
    {"medical-intern", "Interne en médecine (autre spécialité)", K::kPerson},
    {"medical-student", "Étudiant en médecine", K::kPerson},
    {"midwife", "Sage-femme", K::kPerson},
    {"midwifery-student", "Étudiant sage-femme", K::kPerson},
    {"nurse", "Infirmier", K::kPerson},
    {"nursing-student", "Étudiant en soins infirmiers", K::kPerson},
    {"orthoptist", "Orthoptiste", K::kPerson},
    {"paramedical-student", "Étudiant paramédical", K::kPerson},
    {"physiotherapist", "Masseur-kinésithérapeute", K::kPerson},
    {"physiotherapy-student", "Étudiant en masso-kinésithérapie", K::kPerson},
    {"speech-therapist", "Orthophoniste", K::kPerson},
    {"speech-therapy-student", "Étudiant en orthophonie", K::kPerson},
}};

}  // namespace

std::string_view to_string(BeneficiaryKind kind) {
  return kind == BeneficiaryKind::kPerson ? "person" : "structure";
}

std::span<const Profession> professions() { return kProfessions; }

const Profession* find_profession(std::string_view id) {
  auto it = std::lower_bound(kProfessions.begin(), kProfessions.end(), id,
                             [](const Profession& p, std::string_view v) { return p.id < v; });
  return it != kProfessions.end() && it->id == id ? &*it : nullptr;
}

}  // namespace grants
