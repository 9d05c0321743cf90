// Writes a realistic pain.001 file for the schema tests (validate.sh):
// two départements paying five beneficiaries whose names carry accents,
// ligatures and symbols outside the SEPA set.
//
// Usage: grants_sepa_sample VERSION FILE   (VERSION: 001.001.03 | 001.001.09)
#include <cstdint>
#include <fstream>
#include <iostream>

#include "grants/sepa.h"

namespace {

grants::Payment payment(const char* ref, const char* departement, std::int64_t cents,
                        const char* name, const char* iban, const char* bic, const char* e2e,
                        const char* remittance) {
  grants::Payment p;
  p.beneficiary_ref = ref;
  p.departement_code = departement;
  p.amount = grants::Money::from_cents(cents);
  p.creditor_name = name;
  p.iban = iban;
  p.bic = bic;
  p.end_to_end_id = e2e;
  p.remittance = remittance;
  return p;
}

grants::SepaMessage sample(grants::PainVersion version) {
  grants::SepaMessage m;
  m.version = version;
  m.msg_id = "G-2026-11-B0001";
  m.created_at = "2026-11-22T10:15:00";
  m.execution_date = grants::Date(2026, 11, 25);
  m.initiator = "Département de Loir-et-Cher";
  m.debtors = {
      {"41", "Département de Loir-et-Cher", "FR7630004001230001000123402", "BDFEFRPP"},
      // No BIC: written as Othr/Id NOTPROVIDED ("IBAN only").
      {"18", "Département du Cher", "FR7617515900000812345678938", ""},
  };
  m.payments = {
      payment("B-0001", "41", 50000, "Hélène Lefèvre", "FR7630006000011234567890189", "CRLYFRPP",
              "G41-A000001-I01-R0", "Bourse d’études 2026-2027, versement 1/10"),
      payment("B-0002", "18", 300000, "Maison de santé pluriprofessionnelle de Salbris",
              "FR7610278373000002019060105", "CMCIFR2A", "G18-A000002-I01-R0",
              "Aide à l’installation – 1er versement (3 000 €)"),
      payment("B-0003", "41", 50000, "Zoé Côté-Dubœuf", "FR7614505000020412345678955", "",
              "G41-A000003-I01-R0", "Bourse d’études 2026-2027, versement 1/10"),
      payment("B-0004", "18", 1, "SCM Kinés & Associés", "FR7630003012340005001234509", "SOGEFRPP",
              "G18-A000004-I01-R0", ""),
      payment("B-0005", "41", 123456, "Jürgen Müller-Straße", "DE89370400440532013000",
              "COBADEFFXXX", "G41-A000005-I02-R1", "Régularisation «trop-perçu» n° 12"),
  };
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: grants_sepa_sample VERSION FILE\n";
    return 2;
  }
  auto version = grants::parse_pain_version(argv[1]);
  if (!version.ok()) {
    std::cerr << version.error().to_string() << '\n';
    return 2;
  }
  auto xml = grants::write_sepa(sample(*version));
  if (!xml.ok()) {
    std::cerr << xml.error().to_string() << '\n';
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << *xml;
  if (!out.flush()) {
    std::cerr << "cannot write " << argv[2] << '\n';
    return 1;
  }
  return 0;
}
