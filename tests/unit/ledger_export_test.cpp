// Ledger exports: exact CSV and FEC text for a small ledger, JSON fields,
// IBAN masking, the hledger journal's declarations, XLSX as a zip.
#include "grants/ledger_export.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace grants {
namespace {

constexpr const char* kIban = "FR7630006000011234567890189";

// Two entries with short stand-in hashes: exports copy hashes, they do not
// check them. The labels need CSV quoting (a comma, a quote).
LedgerExport two_entries() {
  LedgerExport x;
  x.departement = "Loir-et-Cher";
  x.from = Date(2025, 1, 1);
  x.to = Date(2025, 12, 31);
  x.chain_hash = "h9";
  x.chain_length = 7;

  const LedgerEntry a{.seq = 1,
                      .date = Date(2025, 1, 5),
                      .kind = EntryKind::kPayment,
                      .debit = "6513",
                      .credit = "4041",
                      .amount = Money::from_cents(50000),
                      .beneficiary_ref = "B-0001",
                      .agreement_id = 12,
                      .batch_id = 3,
                      .payment_id = 45,
                      .scheme_id = "41-internes",
                      .rule_sha256 = "abc123",
                      .label = "Bourse 41 internes, échéance 3/24",
                      .prev_hash = "h0",
                      .hash = "h1"};
  const LedgerEntry b{.seq = 2,
                      .date = Date(2025, 2, 10),
                      .kind = EntryKind::kClawback,
                      .debit = "4641",
                      .credit = "7718",
                      .amount = Money::from_cents(123456),
                      .beneficiary_ref = "B-0002",
                      .agreement_id = 13,
                      .scheme_id = "41-paramedical",
                      .rule_sha256 = "def456",
                      .label = "Titre de recette \"rupture\"",
                      .prev_hash = "h1",
                      .hash = "h2"};
  x.entries = {a, b};
  x.ibans = {kIban, ""};
  return x;
}

std::string exported(const LedgerExport& x, ExportFormat f) {
  auto out = export_ledger(x, f);
  REQUIRE(out.ok());
  return *out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_CASE("export formats are parsed by name") {
  CHECK(*parse_export_format("csv") == ExportFormat::kCsv);
  CHECK(*parse_export_format("json") == ExportFormat::kJson);
  CHECK(*parse_export_format("xlsx") == ExportFormat::kXlsx);
  CHECK(*parse_export_format("fec") == ExportFormat::kFec);
  CHECK(*parse_export_format("hledger") == ExportFormat::kHledger);
  auto bad = parse_export_format("pdf");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "\"pdf\": expected csv, json, xlsx, fec or hledger");
}

TEST_CASE("CSV export of a two-entry ledger, IBAN masked") {
  CHECK(exported(two_entries(), ExportFormat::kCsv) ==
        "seq,date,kind,debit,credit,amount,beneficiary_ref,iban,agreement_id,batch_id,"
        "payment_id,scheme_id,rule_sha256,label,prev_hash,hash\r\n"
        "1,2025-01-05,payment,6513,4041,500.00,B-0001,FR76 **** **** 0189,12,3,45,"
        "41-internes,abc123,\"Bourse 41 internes, échéance 3/24\",h0,h1\r\n"
        "2,2025-02-10,clawback,4641,7718,1234.56,B-0002,,13,0,0,41-paramedical,def456,"
        "\"Titre de recette \"\"rupture\"\"\",h1,h2\r\n"
        "# chain 7 h9\r\n");
}

TEST_CASE("IBANs are shown in full only when revealed") {
  LedgerExport x = two_entries();
  const std::string masked = exported(x, ExportFormat::kCsv);
  CHECK(masked.find("FR76 **** **** 0189") != std::string::npos);
  CHECK(masked.find("3000") == std::string::npos);

  x.iban_display = IbanDisplay::kRevealed;
  const std::string revealed = exported(x, ExportFormat::kCsv);
  CHECK(revealed.find(",FR76 3000 6000 0112 3456 7890 189,") != std::string::npos);
  CHECK(revealed.find("****") == std::string::npos);
  const auto json = nlohmann::json::parse(exported(x, ExportFormat::kJson));
  CHECK(json["entries"][0]["iban"] == "FR76 3000 6000 0112 3456 7890 189");
  CHECK(json["iban_display"] == "revealed");
}

TEST_CASE("an IBAN typed into a label or a reference is masked in every format unless revealed") {
  LedgerExport x = two_entries();
  x.entries[1].label = "Encaissement : VIR FR76 3000 6000 0112 3456 7890 189 DUPONT";
  x.entries[1].beneficiary_ref = "FR7630006000011234567890189";
  for (auto f : {ExportFormat::kCsv, ExportFormat::kJson, ExportFormat::kFec, ExportFormat::kHledger}) {
    CAPTURE(static_cast<int>(f));
    x.iban_display = IbanDisplay::kMasked;
    const std::string masked = exported(x, f);
    CHECK(masked.find("Encaissement : VIR FR76 **** **** 0189 DUPONT") != std::string::npos);
    CHECK(masked.find("3000") == std::string::npos);
    CHECK(masked.find("30006000") == std::string::npos);
    if (f != ExportFormat::kFec) CHECK(masked.find("h2") != std::string::npos);  // the hash as stored
    x.iban_display = IbanDisplay::kRevealed;
    const std::string revealed = exported(x, f);
    CHECK(revealed.find("VIR FR76 3000 6000 0112 3456 7890 189 DUPONT") != std::string::npos);
    CHECK(revealed.find("FR7630006000011234567890189") != std::string::npos);
  }
}

TEST_CASE("FEC export of a two-entry ledger, debit line then credit line") {
  CHECK(exported(two_entries(), ExportFormat::kFec) ==
        "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\t"
        "CompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\t"
        "EcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"
        "HA\tMandats de dépenses\t1\t20250105\t6513\tCompte 6513\t\t\tP45\t20250105\t"
        "Bourse 41 internes, échéance 3/24\t500,00\t0,00\t\t\t20250105\t\t\n"
        "HA\tMandats de dépenses\t1\t20250105\t4041\tCompte 4041\tB-0001\tB-0001\tP45\t20250105\t"
        "Bourse 41 internes, échéance 3/24\t0,00\t500,00\t\t\t20250105\t\t\n"
        "TR\tTitres de recette\t2\t20250210\t4641\tCompte 4641\tB-0002\tB-0002\tC13\t20250210\t"
        "Titre de recette \"rupture\"\t1234,56\t0,00\t\t\t20250210\t\t\n"
        "TR\tTitres de recette\t2\t20250210\t7718\tCompte 7718\t\t\tC13\t20250210\t"
        "Titre de recette \"rupture\"\t0,00\t1234,56\t\t\t20250210\t\t\n");
}

TEST_CASE("FEC has 18 tab-separated columns on every line, even with tabs in a label") {
  LedgerExport x = two_entries();
  x.entries[0].label = "tab\there\nnewline";
  const auto lines = lines_of(exported(x, ExportFormat::kFec));
  REQUIRE(lines.size() == 5);
  for (const auto& line : lines) {
    CHECK(std::count(line.begin(), line.end(), '\t') == 17);
  }
  CHECK(lines[1].find("tab here newline") != std::string::npos);
}

TEST_CASE("FEC and hledger refuse an account code with a space") {
  LedgerExport x = two_entries();
  x.entries[1].credit = "77 18";
  for (auto f : {ExportFormat::kFec, ExportFormat::kHledger}) {
    auto out = export_ledger(x, f);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().message() ==
          "ledger entry 2: credit account \"77 18\" is not an account code (letters and digits "
          "only)");
  }
}

TEST_CASE("JSON export carries the chain, amounts as strings and ids as numbers") {
  const auto json = nlohmann::json::parse(exported(two_entries(), ExportFormat::kJson));
  CHECK(json["departement"] == "Loir-et-Cher");
  CHECK(json["from"] == "2025-01-01");
  CHECK(json["to"] == "2025-12-31");
  CHECK(json["iban_display"] == "masked");
  CHECK(json["chain"]["length"] == 7);
  CHECK(json["chain"]["last_hash"] == "h9");
  REQUIRE(json["entries"].size() == 2);
  const auto& first = json["entries"][0];
  CHECK(first["seq"] == 1);
  CHECK(first["date"] == "2025-01-05");
  CHECK(first["kind"] == "payment");
  CHECK(first["amount"] == "500.00");
  CHECK(first["iban"] == "FR76 **** **** 0189");
  CHECK(first["payment_id"] == 45);
  CHECK(first["label"] == "Bourse 41 internes, échéance 3/24");
  CHECK(first["hash"] == "h1");
  CHECK(json["entries"][1]["amount"] == "1234.56");
  CHECK(json["entries"][1]["iban"].is_null());  // no IBAN: null, as every missing value in JSON
}

TEST_CASE("JSON export of an empty period: no département, no entries") {
  LedgerExport x;
  x.from = Date(2020, 1, 1);
  x.to = Date(2020, 6, 30);
  x.chain_hash = "h9";
  x.chain_length = 7;
  const auto json = nlohmann::json::parse(exported(x, ExportFormat::kJson));
  CHECK(json["departement"].is_null());
  CHECK(json["entries"] == nlohmann::json::array());
  CHECK(json["chain"]["length"] == 7);
}

TEST_CASE("hledger journal declares its commodity and every account used") {
  const std::string journal = exported(two_entries(), ExportFormat::kHledger);
  CHECK(journal.find("; chain: length 7, last hash h9\n") != std::string::npos);
  CHECK(journal.find("commodity 1000.00 EUR\n") != std::string::npos);
  CHECK(journal.find("account 4041\naccount 4641\naccount 6513\naccount 7718\n") !=
        std::string::npos);
  CHECK(journal.find("2025-01-05 * (1) Bourse 41 internes, échéance 3/24\n") != std::string::npos);
  CHECK(journal.find("    6513  500.00 EUR\n    4041  -500.00 EUR\n") != std::string::npos);
  CHECK(journal.find("prev_hash:h1, hash:h2\n") != std::string::npos);
  CHECK(journal.find("0189") == std::string::npos);  // no IBAN in a journal
}

TEST_CASE("hledger descriptions lose semicolons, which would start a comment") {
  LedgerExport x = two_entries();
  x.entries[0].label = "a; b";
  CHECK(exported(x, ExportFormat::kHledger).find("(1) a, b\n") != std::string::npos);
}

TEST_CASE("JSON export is written entry by entry exactly as the whole document would print") {
  using Json = nlohmann::ordered_json;
  LedgerExport x = two_entries();
  const std::string text = exported(x, ExportFormat::kJson);
  CHECK(Json::parse(text).dump(2) + "\n" == text);
  CHECK(text.find("  \"entries\": [\n    {\n      \"seq\": 1,\n") != std::string::npos);
  x.entries.clear();
  const std::string empty = exported(x, ExportFormat::kJson);
  CHECK(Json::parse(empty).dump(2) + "\n" == empty);
  CHECK(empty.find("\"entries\": []\n}\n") != std::string::npos);
}

TEST_CASE("an entry that is not valid UTF-8 is refused in every format, before anything is written") {
  LedgerExport x = two_entries();
  x.entries[1].label = "R\xe9gularisation";  // Latin-1
  for (auto f : {ExportFormat::kCsv, ExportFormat::kJson, ExportFormat::kXlsx, ExportFormat::kFec,
                 ExportFormat::kHledger}) {
    auto out = export_ledger(x, f);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().message() == "ledger entry 2: label is not valid UTF-8");
  }
}

TEST_CASE("the check collects the sorted accounts and counts the entries of the period") {
  const LedgerExport x = two_entries();
  LedgerExportCheck check(ExportFormat::kHledger);
  for (const auto& e : x.entries) check.add(e);
  REQUIRE(check.status().ok());
  const LedgerExportHeader h = check.complete({});
  CHECK(h.entries == 2);
  CHECK(h.accounts == std::vector<std::string>{"4041", "4641", "6513", "7718"});
}

TEST_CASE("XLSX refuses more entries than a worksheet has rows, CSV does not") {
  const LedgerEntry e = two_entries().entries[0];
  LedgerExportCheck xlsx(ExportFormat::kXlsx), csv(ExportFormat::kCsv);
  for (int i = 0; i < 1048575; ++i) {
    xlsx.add(e);
    csv.add(e);
  }
  CHECK(xlsx.status().ok());
  xlsx.add(e);
  csv.add(e);
  REQUIRE_FALSE(xlsx.status().ok());
  CHECK(xlsx.status().error().message() ==
        "an XLSX worksheet holds at most 1048575 entries: export a shorter period, or as csv, json, fec or hledger");
  CHECK(csv.status().ok());
}

TEST_CASE("XLSX export is a zip file") {
  const std::string bytes = exported(two_entries(), ExportFormat::kXlsx);
  REQUIRE(bytes.size() > 4);
  CHECK(bytes.substr(0, 2) == "PK");
}

}  // namespace
}  // namespace grants
