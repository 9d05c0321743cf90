// The professions and structure types the rule files may name.
//
// One closed vocabulary for every département, so that a typo in a rule
// file or a CSV row is an error rather than a scheme nobody is eligible for.
#pragma once

#include <span>
#include <string_view>

namespace grants {

enum class BeneficiaryKind { kPerson, kStructure };
std::string_view to_string(BeneficiaryKind kind);  // "person" | "structure"

struct Profession {
  std::string_view id;     // e.g. "general-medicine-intern"
  std::string_view label;  // French label, e.g. "Interne en médecine générale"
  BeneficiaryKind kind;    // a person's profession or a structure's type
};

// Every known profession and structure type, sorted by id.
std::span<const Profession> professions();
// nullptr when `id` is not in the vocabulary.
const Profession* find_profession(std::string_view id);

}  // namespace grants
