#include <doctest/doctest.h>

#include "grants/digest.h"
#include "grants/profession.h"

TEST_CASE("SHA-256 matches the published test vectors") {
  CHECK(grants::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(grants::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the profession vocabulary is sorted and searchable") {
  auto all = grants::professions();
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].id < all[i].id);
  const auto* p = grants::find_profession("general-medicine-intern");
  REQUIRE(p != nullptr);
  CHECK(p->kind == grants::BeneficiaryKind::kPerson);
  CHECK(grants::find_profession("maison-de-sante")->kind == grants::BeneficiaryKind::kStructure);
  CHECK(grants::find_profession("astronaut") == nullptr);
}
