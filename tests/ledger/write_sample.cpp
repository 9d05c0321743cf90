// Writes a sample ledger export for the outside validators (hledger, awk).
//
// Usage: write_sample FORMAT PATH
//   FORMAT is an export format (csv, json, xlsx, fec, hledger) or
//   "hledger-undeclared": the hledger export with the `account 4041`
//   directive removed, a negative control that `hledger check --strict`
//   must reject.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "grants/ledger_export.h"

namespace {

grants::LedgerEntry entry(grants::Date date, grants::EntryKind kind, std::string debit,
                          std::string credit, std::int64_t cents, std::string label) {
  grants::LedgerEntry e;
  e.date = date;
  e.kind = kind;
  e.debit = std::move(debit);
  e.credit = std::move(credit);
  e.amount = grants::Money::from_cents(cents);
  e.beneficiary_ref = "B-0001";
  e.agreement_id = 12;
  e.scheme_id = "41-internes";
  e.rule_sha256 = std::string(64, 'a');
  e.label = std::move(label);
  return e;
}

// One entry of each kind, with labels that need escaping in some format.
grants::LedgerExport sample() {
  using grants::Date;
  using grants::EntryKind;
  grants::LedgerExport x;
  x.departement = "Loir-et-Cher";
  x.from = Date(2025, 1, 1);
  x.to = Date(2025, 12, 31);
  x.entries = {
      entry(Date(2025, 1, 5), EntryKind::kPayment, "6513", "4041", 50000,
            "Bourse 41 internes, échéance 1/24"),
      entry(Date(2025, 1, 20), EntryKind::kReturn, "4041", "6513", 50000,
            "Retour banque; compte clos | échéance 1/24"),
      entry(Date(2025, 2, 5), EntryKind::kPayment, "6513", "4041", 50000,
            "Bourse 41 internes, échéance 2/24"),
      entry(Date(2025, 6, 30), EntryKind::kClawback, "4641", "7718", 1234567,
            "Titre de recette \"rupture\"\tpro rata"),
      entry(Date(2025, 7, 15), EntryKind::kReceipt, "515", "4641", 100000, "Encaissement 1/12"),
  };
  grants::chain_entries(x.entries, grants::genesis_hash(), 0);
  x.ibans = {"FR7630006000011234567890189", "", "FR7630006000011234567890189", "", ""};
  x.chain_hash = x.entries.back().hash;
  x.chain_length = x.entries.back().seq;
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: write_sample FORMAT PATH\n";
    return 2;
  }
  std::string_view name = argv[1];
  const bool undeclared = name == "hledger-undeclared";
  auto format = grants::parse_export_format(undeclared ? "hledger" : name);
  if (!format) {
    std::cerr << format.error().to_string() << "\n";
    return 2;
  }
  auto bytes = grants::export_ledger(sample(), *format);
  if (!bytes) {
    std::cerr << bytes.error().to_string() << "\n";
    return 1;
  }
  std::string out = std::move(*bytes);
  if (undeclared) {
    const std::string directive = "account 4041\n";
    const auto at = out.find(directive);
    if (at == std::string::npos) {
      std::cerr << "no `account 4041` directive to remove\n";
      return 1;
    }
    out.erase(at, directive.size());
  }
  std::ofstream file(argv[2], std::ios::binary);
  file << out;
  if (!file.flush()) {
    std::cerr << "cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
