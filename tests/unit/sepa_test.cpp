// The SEPA credit-transfer writer: character set, totals, grouping, errors.
#include "grants/sepa.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <ios>
#include <optional>
#include <pugixml.hpp>
#include <span>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "grants/payment.h"

namespace grants {
namespace {

// Valid French IBANs (mod-97 and RIB key).
constexpr const char* kIbanA = "FR7630006000011234567890189";
constexpr const char* kIbanB = "FR7610278373000002019060105";
constexpr const char* kIbanLoirEtCher = "FR7630004001230001000123402";
constexpr const char* kIbanCher = "FR7617515900000812345678938";

Payment payment(std::string ref, std::string departement, std::int64_t cents, std::string e2e) {
  Payment p;
  p.beneficiary_ref = std::move(ref);
  p.departement_code = std::move(departement);
  p.amount = Money::from_cents(cents);
  p.end_to_end_id = std::move(e2e);
  p.creditor_name = "Hélène Lefèvre";
  p.iban = kIbanA;
  p.bic = "CRLYFRPP";
  p.remittance = "Bourse d’études 2026-2027, versement 1/10";
  return p;
}

// Payments get ids 101, 102, ... as stored payments have ids: problems
// name them by id, not by their place in the file.
SepaMessage message_with(std::vector<Payment> payments) {
  for (std::size_t i = 0; i < payments.size(); ++i) payments[i].id = 101 + static_cast<std::int64_t>(i);
  SepaMessage m;
  m.msg_id = "G-2026-11-B0001";
  m.created_at = "2026-11-22T10:15:00";
  m.execution_date = Date(2026, 11, 25);
  m.initiator = "Département de Loir-et-Cher";
  m.debtors = {{"41", "Département de Loir-et-Cher", kIbanLoirEtCher, "BDFEFRPP"},
               {"18", "Département du Cher", kIbanCher, ""}};
  m.payments = std::move(payments);
  return m;
}

SepaMessage sample() {
  return message_with({payment("B-0001", "41", 50000, "G41-A000001-I01-R0"),
                       payment("B-0002", "18", 50000, "G18-A000002-I01-R0"),
                       payment("B-0003", "41", 1, "G41-A000003-I01-R0")});
}

// Writes and parses the file; pugixml ignores the default namespace, so
// plain element names work in XPath.
pugi::xml_document written(const SepaMessage& m) {
  auto xml = write_sepa(m);
  REQUIRE(xml.ok());
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml->c_str()));
  return doc;
}

std::string text_at(const pugi::xml_node& node, const char* xpath) {
  return node.select_node(xpath).node().text().as_string();
}

// `payments` `size` at a time, as export_batch reads them from the store.
PaymentSource in_chunks(const std::vector<Payment>& payments, std::size_t size) {
  return [&payments, size](const PaymentChunk& chunk) -> Status {
    const std::span<const Payment> all(payments);
    for (std::size_t at = 0; at < all.size(); at += size) {
      if (auto st = chunk(all.subspan(at, std::min(size, all.size() - at))); !st) return st;
    }
    return Ok();
  };
}

std::vector<std::string> problems_of(const SepaMessage& m) {
  auto xml = write_sepa(m);
  REQUIRE_FALSE(xml.ok());
  CHECK(xml.error().code() == ErrorCode::kInvalidInput);
  return xml.error().details();
}

// Each text reduced to a name (70 characters) is the one expected.
void check_sepa_text(std::span<const std::pair<const char*, const char*>> cases) {
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(sepa_text(text, 70) == expected);
  }
}

}  // namespace

TEST_CASE("sepa_text reduces text to the SEPA character set") {
  const std::pair<const char*, const char*> cases[] = {
      // Diacritics of French and other Latin letters go.
      {"Hélène Lefèvre", "Helene Lefevre"},
      {"Maison de santé pluriprofessionnelle de Salbris",
       "Maison de sante pluriprofessionnelle de Salbris"},
      {"àâä çéèêë îï ôö ùûü ÿ ñ", "aaa ceeee ii oo uuu y n"},
      {"ÀÂÄ ÇÉÈÊË ÎÏ ÔÖ ÙÛÜ Ÿ Ñ", "AAA CEEEE II OO UUU Y N"},
      {"Łódź, Dvořák, Ærø", "Lodz, Dvorak, AEro"},
      // Ligatures and sharp s become two letters.
      {"cœur", "coeur"},
      {"Œuvre", "OEuvre"},
      {"Lætitia", "Laetitia"},
      {"Straße", "Strasse"},
      // Typographic apostrophes and dashes become ASCII ones.
      {"Lycée d’Arsonval", "Lycee d'Arsonval"},
      {"l'école", "l'ecole"},
      {"Saint‑Aignan – 41", "Saint-Aignan - 41"},
      {"/-?:().,'+", "/-?:().,'+"},
      // Other symbols become spaces, which collapse and are trimmed.
      {"Dupont & Fils", "Dupont Fils"},
      {"Aide 500 € « logement »", "Aide 500 logement"},
      {"a_b;c\"d@e", "a b c d e"},
      {"  Jean\t\tMartin \n", "Jean Martin"},
      {"€€€", ""},
      {"", ""},
  };
  check_sepa_text(cases);
}

// Regression: decomposed accents (a letter, then U+0301, as files saved on
// macOS spell "Hélène") became spaces, "He le ne"; so did every Latin
// letter after U+017F (Romanian ș and ț, Vietnamese ễ), "Nguy n".
TEST_CASE("sepa_text strips accents however they are typed, from any Latin letter") {
  const std::pair<const char*, const char*> cases[] = {
      {"He\u0301le\u0300ne Le\u0301fe\u0300vre", "Helene Lefevre"},
      {"Nguye\u0302\u0303n", "Nguyen"},
      {"Nguyễn Thị Hương", "Nguyen Thi Huong"},
      {"Ștefan Țurcanu, Ion Șerban", "Stefan Turcanu, Ion Serban"},
      {"Ǆurić, ǅ, Ǳ", "DZuric, Dz, DZ"},
      // Compatibility forms: ligatures, full-width letters, fractions.
      {"ﬁnance Ａｂ ½", "finance Ab 1/2"},
      // Invisible characters go; typographic spaces are spaces.
      {"Jean\u00ADPierre\u200B Martin\u00A0Roux\u202FSA", "JeanPierre Martin Roux SA"},
      // A mark with nothing before it leaves nothing.
      {"\u0301abc", "abc"},
      // Letters of other scripts still become spaces.
      {"Δ Дмитрий 李", ""},
  };
  check_sepa_text(cases);
}

TEST_CASE("sepa_text turns malformed UTF-8 into a space") {
  CHECK(sepa_text(std::string("ab") + '\xff' + "cd", 70) == "ab cd");
  CHECK(sepa_text("ab\xc3", 70) == "ab");
}

TEST_CASE("sepa_text cuts to a number of characters, not bytes") {
  CHECK(sepa_text(std::string(80, 'a'), 70) == std::string(70, 'a'));
  std::string accents;
  for (int i = 0; i < 80; ++i) accents += "é";
  CHECK(sepa_text(accents, 70) == std::string(70, 'e'));
  CHECK(sepa_text("abc def", 4) == "abc");  // no trailing space left by the cut
  CHECK(sepa_text("Œuvre", 1) == "O");
}

TEST_CASE("TARGET2 closing days: weekends, the fixed holidays and Easter's") {
  CHECK(target_closing_day(Date(2024, 11, 9)) == "Saturday");
  CHECK(target_closing_day(Date(2024, 11, 10)) == "Sunday");
  CHECK(target_closing_day(Date(2024, 11, 11)) == std::nullopt);  // 11 November: a French holiday, not TARGET's
  CHECK(target_closing_day(Date(2025, 1, 1)) == "New Year's Day");
  CHECK(target_closing_day(Date(2025, 5, 1)) == "Labour Day");
  CHECK(target_closing_day(Date(2024, 12, 25)) == "Christmas Day");
  CHECK(target_closing_day(Date(2024, 12, 26)) == "26 December");
  CHECK(target_closing_day(Date(2024, 12, 24)) == std::nullopt);
  // Easter Sunday on 2024-03-31, 2025-04-20, 2026-04-05, 2038-04-25 (the
  // latest it falls), 2285-03-22 (the earliest).
  for (const auto& [sunday_year, month, day] : {std::tuple{2024, 3, 31}, std::tuple{2025, 4, 20},
                                               std::tuple{2026, 4, 5}, std::tuple{2038, 4, 25},
                                               std::tuple{2285, 3, 22}}) {
    const Date easter(static_cast<unsigned short>(sunday_year), static_cast<unsigned short>(month),
                      static_cast<unsigned short>(day));
    CAPTURE(sunday_year);
    CHECK(target_closing_day(easter - boost::gregorian::days(2)) == "Good Friday");
    CHECK(target_closing_day(easter + boost::gregorian::days(1)) == "Easter Monday");
    CHECK(target_closing_day(easter + boost::gregorian::days(2)) == std::nullopt);
    CHECK(target_closing_day(easter - boost::gregorian::days(3)) == std::nullopt);
  }
}

TEST_CASE("the next TARGET business day") {
  CHECK(next_target_day(Date(2024, 11, 6)) == Date(2024, 11, 6));
  CHECK(next_target_day(Date(2024, 11, 9)) == Date(2024, 11, 11));
  CHECK(next_target_day(Date(2024, 12, 25)) == Date(2024, 12, 27));
  CHECK(next_target_day(Date(2026, 12, 25)) == Date(2026, 12, 28));
  CHECK(next_target_day(Date(2026, 12, 31)) == Date(2026, 12, 31));
  CHECK(next_target_day(Date(2027, 1, 1)) == Date(2027, 1, 4));
  CHECK(next_target_day(Date(2025, 4, 18)) == Date(2025, 4, 22));  // Good Friday to after Easter Monday
}

TEST_CASE("pain versions parse and print") {
  CHECK(parse_pain_version("001.001.03").value() == PainVersion::k001_001_03);
  CHECK(parse_pain_version("001.001.09").value() == PainVersion::k001_001_09);
  CHECK(to_string(PainVersion::k001_001_09) == "001.001.09");
  auto bad = parse_pain_version("001.003.03");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() ==
        "unknown pain version \"001.003.03\": expected 001.001.03 or 001.001.09");
}

TEST_CASE("payment states have their stored names") {
  CHECK(to_string(PaymentState::kPending) == "pending");
  CHECK(to_string(PaymentState::kPaid) == "paid");
  CHECK(to_string(PaymentState::kReturned) == "returned");
  CHECK(to_string(PaymentState::kCancelled) == "cancelled");
}

TEST_CASE("sepa NbOfTxs and CtrlSum are exact sums of cents") {
  auto doc = written(sample());
  CHECK(text_at(doc, "/Document/CstmrCdtTrfInitn/GrpHdr/NbOfTxs") == "3");
  CHECK(text_at(doc, "/Document/CstmrCdtTrfInitn/GrpHdr/CtrlSum") == "1000.01");
  CHECK(text_at(doc, "/Document/CstmrCdtTrfInitn/PmtInf[1]/CtrlSum") == "500.01");
  CHECK(text_at(doc, "/Document/CstmrCdtTrfInitn/PmtInf[2]/CtrlSum") == "500.00");
  CHECK(text_at(doc, "//CdtTrfTxInf[PmtId/EndToEndId='G41-A000003-I01-R0']/Amt/InstdAmt") ==
        "0.01");
  CHECK(std::string(doc.select_node("(//InstdAmt)[1]").node().attribute("Ccy").value()) == "EUR");
}

TEST_CASE("sepa groups payments into one PmtInf per debtor, in order of first appearance") {
  auto m = message_with({payment("B-1", "18", 100, "E1"), payment("B-2", "41", 200, "E2"),
                         payment("B-3", "18", 300, "E3"), payment("B-4", "41", 400, "E4"),
                         payment("B-5", "18", 500, "E5")});
  auto doc = written(m);
  auto infos = doc.select_nodes("/Document/CstmrCdtTrfInitn/PmtInf");
  REQUIRE(infos.size() == 2);
  const pugi::xml_node cher = infos[0].node();
  const pugi::xml_node loir = infos[1].node();
  CHECK(text_at(cher, "PmtInfId") == "G-2026-11-B0001-18");
  CHECK(text_at(cher, "NbOfTxs") == "3");
  CHECK(text_at(cher, "CtrlSum") == "9.00");
  CHECK(text_at(cher, "Dbtr/Nm") == "Departement du Cher");
  CHECK(text_at(cher, "DbtrAcct/Id/IBAN") == kIbanCher);
  // No BIC for the Cher: "IBAN only".
  CHECK(text_at(cher, "DbtrAgt/FinInstnId/Othr/Id") == "NOTPROVIDED");
  std::vector<std::string> cher_ids;
  for (const auto& id : cher.select_nodes("CdtTrfTxInf/PmtId/EndToEndId")) {
    cher_ids.emplace_back(id.node().text().as_string());
  }
  CHECK(cher_ids == std::vector<std::string>{"E1", "E3", "E5"});
  CHECK(text_at(loir, "PmtInfId") == "G-2026-11-B0001-41");
  CHECK(text_at(loir, "NbOfTxs") == "2");
  CHECK(text_at(loir, "CtrlSum") == "6.00");
  CHECK(text_at(loir, "DbtrAgt/FinInstnId/BIC") == "BDFEFRPP");
  CHECK(text_at(loir, "PmtMtd") == "TRF");
  CHECK(text_at(loir, "BtchBookg") == "true");
  CHECK(text_at(loir, "PmtTpInf/SvcLvl/Cd") == "SEPA");
  CHECK(text_at(loir, "ChrgBr") == "SLEV");
}

TEST_CASE("sepa transactions carry cleaned names, remittance and optional creditor BIC") {
  auto m = sample();
  m.payments[1].bic.clear();
  m.payments[1].remittance = "€€";
  m.payments[2].creditor_name = "Maison de santé pluriprofessionnelle de Salbris & associés";
  auto doc = written(m);
  auto tx = [&doc](const char* e2e) {
    return doc.select_node((std::string("//CdtTrfTxInf[PmtId/EndToEndId='") + e2e + "']").c_str())
        .node();
  };
  const pugi::xml_node first = tx("G41-A000001-I01-R0");
  CHECK(text_at(first, "Cdtr/Nm") == "Helene Lefevre");
  CHECK(text_at(first, "CdtrAcct/Id/IBAN") == kIbanA);
  CHECK(text_at(first, "CdtrAgt/FinInstnId/BIC") == "CRLYFRPP");
  CHECK(text_at(first, "RmtInf/Ustrd") == "Bourse d'etudes 2026-2027, versement 1/10");
  const pugi::xml_node second = tx("G18-A000002-I01-R0");
  CHECK_FALSE(second.child("CdtrAgt"));
  CHECK_FALSE(second.child("RmtInf"));  // nothing left of the text
  CHECK(text_at(tx("G41-A000003-I01-R0"), "Cdtr/Nm") ==
        "Maison de sante pluriprofessionnelle de Salbris associes");
  CHECK(text_at(doc, "//GrpHdr/InitgPty/Nm") == "Departement de Loir-et-Cher");
  CHECK(text_at(doc, "//GrpHdr/MsgId") == "G-2026-11-B0001");
  CHECK(text_at(doc, "//GrpHdr/CreDtTm") == "2026-11-22T10:15:00");
}

TEST_CASE("sepa names longer than 70 characters and remittances over 140 are cut") {
  auto m = sample();
  m.payments[0].creditor_name = std::string(100, 'n');
  m.payments[0].remittance = std::string(200, 'r');
  auto doc = written(m);
  CHECK(text_at(doc, "(//CdtTrfTxInf)[1]/Cdtr/Nm") == std::string(70, 'n'));
  CHECK(text_at(doc, "(//CdtTrfTxInf)[1]/RmtInf/Ustrd") == std::string(140, 'r'));
}

TEST_CASE("sepa output is byte-identical for the same input") {
  auto first = write_sepa(sample());
  auto second = write_sepa(sample());
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first == *second);
  CHECK(first->rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document", 0) == 0);
}

TEST_CASE("sepa versions differ in namespace, BIC element and ReqdExctnDt") {
  struct Dialect {
    PainVersion version;
    std::string xmlns, execution_date, bic, other_bic;
  };
  for (const Dialect& d :
       {Dialect{PainVersion::k001_001_03, "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
                "ReqdExctnDt", "BIC", "BICFI"},
        Dialect{PainVersion::k001_001_09, "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09",
                "ReqdExctnDt/Dt", "BICFI", "BIC"}}) {
    CAPTURE(d.xmlns);
    auto m = sample();
    m.version = d.version;
    auto doc = written(m);
    CHECK(doc.child("Document").attribute("xmlns").value() == d.xmlns);
    CHECK(text_at(doc, ("(//PmtInf)[1]/" + d.execution_date).c_str()) == "2026-11-25");
    CHECK(text_at(doc, ("(//PmtInf)[1]/DbtrAgt/FinInstnId/" + d.bic).c_str()) == "BDFEFRPP");
    CHECK(text_at(doc, ("(//CdtTrfTxInf)[1]/CdtrAgt/FinInstnId/" + d.bic).c_str()) == "CRLYFRPP");
    CHECK_FALSE(doc.select_node(("//" + d.other_bic).c_str()));
  }
}

TEST_CASE("sepa refuses a message without payments") {
  auto xml = write_sepa(message_with({}));
  REQUIRE_FALSE(xml.ok());
  CHECK(xml.error().message() == "cannot write SEPA file \"G-2026-11-B0001\": 1 problem");
  CHECK(xml.error().details() == std::vector<std::string>{"no payment to write"});
}

TEST_CASE("sepa names the payment and the check for a bad creditor IBAN") {
  auto m = sample();
  m.payments[2].beneficiary_ref = "B-0004";
  m.payments[2].iban = "FR7630006000011234567890188";
  CHECK(problems_of(m) ==
        std::vector<std::string>{"payment 103 (B-0004): IBAN \"FR7630006000011234567890188\": "
                                 "mod-97 check failed"});
}

TEST_CASE("sepa names a payment by its id, not by its place in the file") {
  // A second batch: its payments' ids do not start at 1.
  auto m = sample();
  m.payments[0].id = 20;
  m.payments[1].id = 22;
  m.payments[2].id = 31;
  m.payments[1].amount = Money::from_cents(0);
  m.payments[2].end_to_end_id = m.payments[0].end_to_end_id;
  CHECK(problems_of(m) ==
        std::vector<std::string>{"payment 22 (B-0002): amount 0.00 is not positive",
                                 "payment 31 (B-0003): EndToEndId \"G41-A000001-I01-R0\" is used "
                                 "twice (first by payment 20)"});
}

TEST_CASE("sepa names a payment not stored by its place in the file") {
  auto m = sample();
  for (Payment& p : m.payments) p.id = 0;
  m.payments[1].beneficiary_ref.clear();
  m.payments[1].amount = Money::from_cents(0);
  m.payments[2].end_to_end_id = m.payments[0].end_to_end_id;
  CHECK(problems_of(m) ==
        std::vector<std::string>{"payment #2 of the file: amount 0.00 is not positive",
                                 "payment #3 of the file (B-0003): EndToEndId \"G41-A000001-I01-R0\" "
                                 "is used twice (first by payment #1 of the file)"});
}

TEST_CASE("sepa reports a departement without debtor account") {
  auto m = sample();
  m.payments[1].departement_code = "86";
  m.payments[1].beneficiary_ref.clear();
  CHECK(problems_of(m) ==
        std::vector<std::string>{"payment 102: departement 86 has no debtor account"});
}

TEST_CASE("sepa reports a duplicate EndToEndId with the payment that used it first") {
  auto m = sample();
  m.payments[2].end_to_end_id = m.payments[0].end_to_end_id;
  CHECK(problems_of(m) ==
        std::vector<std::string>{"payment 103 (B-0003): EndToEndId \"G41-A000001-I01-R0\" is used "
                                 "twice (first by payment 101)"});
}

TEST_CASE("sepa reports identifiers outside the SEPA set or too long") {
  auto m = sample();
  m.msg_id = std::string(36, 'M');
  m.payments[0].end_to_end_id = "G41_A000001";
  m.payments[1].end_to_end_id = "";
  CHECK(problems_of(m) ==
        std::vector<std::string>{
            "MsgId \"MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM\" is longer than 35 characters",
            "payment 101 (B-0001): EndToEndId \"G41_A000001\" has a character outside the SEPA set",
            "debtor of departement 41: PmtInfId \"MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM-41\" is "
            "longer than 35 characters",
            "payment 102 (B-0002): EndToEndId \"\" is empty",
            "debtor of departement 18: PmtInfId \"MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM-18\" is "
            "longer than 35 characters"});
}

TEST_CASE("sepa refuses amounts that are not positive or above the SEPA maximum") {
  auto m = sample();
  m.payments[0].amount = Money::from_cents(0);
  m.payments[1].amount = Money::from_cents(-1250);
  m.payments[2].amount = Money::from_cents(100'000'000'000);
  CHECK(problems_of(m) ==
        std::vector<std::string>{"payment 101 (B-0001): amount 0.00 is not positive",
                                 "payment 102 (B-0002): amount -12.50 is not positive",
                                 "payment 103 (B-0003): amount 1000000000.00 is above the SEPA "
                                 "maximum 999999999.99"});
}

TEST_CASE("sepa reports bad BICs and names left empty by the SEPA set") {
  auto m = sample();
  m.payments[0].bic = "CRLY";
  m.payments[1].creditor_name = "€ €";
  m.debtors[0].bic = "bdfefrpp";
  CHECK(problems_of(m) ==
        std::vector<std::string>{
            "payment 101 (B-0001): BIC \"CRLY\" is not valid: has 4 characters, not 8 or 11",
            "debtor of departement 41: BIC \"bdfefrpp\" is not valid: bank code \"bdfe\" is not 4 "
            "capital letters",
            "payment 102 (B-0002): creditor name \"€ €\" is empty once reduced to the SEPA "
            "character set"});
}

TEST_CASE("sepa reports problems of the header and of a debtor account") {
  auto m = sample();
  m.created_at = "22/11/2026 10:15";
  m.execution_date = Date(boost::date_time::not_a_date_time);
  m.initiator = "";
  m.debtors.push_back({"41", "Autre", kIbanB, ""});
  m.debtors[1].iban = "FR7617515900000812345678939";
  CHECK(problems_of(m) ==
        std::vector<std::string>{
            "CreDtTm \"22/11/2026 10:15\" is not an ISO date-time such as 2026-11-22T10:15:00",
            "the requested execution date is missing",
            "initiator name \"\" is empty once reduced to the SEPA character set",
            "departement 41 has two debtor accounts",
            "debtor of departement 18: IBAN \"FR7617515900000812345678939\": mod-97 check failed"});
}

TEST_CASE("sepa lists every problem at once and counts them in the message") {
  auto m = sample();
  m.payments[0].amount = Money::from_cents(0);
  m.payments[1].departement_code = "86";
  auto xml = write_sepa(m);
  REQUIRE_FALSE(xml.ok());
  CHECK(xml.error().message() == "cannot write SEPA file \"G-2026-11-B0001\": 2 problems");
  CHECK(xml.error().details().size() == 2);
}

TEST_CASE("sepa accepts created_at with a time zone") {
  auto m = sample();
  for (const char* stamp : {"2026-11-22T10:15:00Z", "2026-11-22T10:15:00+01:00"}) {
    m.created_at = stamp;
    CHECK(write_sepa(m).ok());
  }
  for (const char* stamp :
       {"2026-11-22", "2026-02-30T10:15:00", "2026-11-22T24:00:00", "2026-11-22T10:15:00.5"}) {
    m.created_at = stamp;
    CHECK_FALSE(write_sepa(m).ok());
  }
}

TEST_CASE("sepa writes the same bytes from payments read two at a time as from one chunk") {
  auto m = message_with({payment("B-1", "18", 100, "E1"), payment("B-2", "41", 200, "E2"),
                         payment("B-3", "18", 300, "E3"), payment("B-4", "41", 400, "E4"),
                         payment("B-5", "18", 500, "E5")});
  m.payments[1].bic.clear();
  m.payments[3].remittance.clear();
  for (const PainVersion version : {PainVersion::k001_001_03, PainVersion::k001_001_09}) {
    CAPTURE(to_string(version));
    m.version = version;
    auto whole = write_sepa(m);
    REQUIRE(whole.ok());
    std::ostringstream out;
    REQUIRE(write_sepa(m, in_chunks(m.payments, 2), out).ok());
    CHECK(out.str() == *whole);
  }
}

TEST_CASE("sepa writes nothing to the stream when the message has a problem") {
  auto m = sample();
  m.payments[2].amount = Money::from_cents(0);
  std::ostringstream out;
  auto written = write_sepa(m, in_chunks(m.payments, 2), out);
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().message() == "cannot write SEPA file \"G-2026-11-B0001\": 1 problem");
  CHECK(written.error().details() ==
        std::vector<std::string>{"payment 103 (B-0003): amount 0.00 is not positive"});
  CHECK(out.str().empty());
}

TEST_CASE("sepa names the first payment of an EndToEndId used three times, across chunks") {
  auto m = message_with({payment("B-1", "41", 100, "E1"), payment("B-2", "18", 200, "E2"),
                         payment("B-3", "41", 300, "E1"), payment("B-4", "18", 400, "E2"),
                         payment("B-5", "41", 500, "E1")});
  // The duplicate's problem keeps its place among the payment's others.
  m.payments[2].amount = Money::from_cents(0);
  m.payments[2].departement_code = "86";
  std::ostringstream out;
  auto written = write_sepa(m, in_chunks(m.payments, 2), out);
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().details() ==
        std::vector<std::string>{
            "payment 103 (B-3): amount 0.00 is not positive",
            "payment 103 (B-3): EndToEndId \"E1\" is used twice (first by payment 101)",
            "payment 103 (B-3): departement 86 has no debtor account",
            "payment 104 (B-4): EndToEndId \"E2\" is used twice (first by payment 102)",
            "payment 105 (B-5): EndToEndId \"E1\" is used twice (first by payment 101)"});
  CHECK(out.str().empty());
}

TEST_CASE("sepa passes on the error of its payment source and writes nothing") {
  const SepaMessage m = sample();
  std::ostringstream out;
  auto written = write_sepa(
      m,
      [](const PaymentChunk&) -> Status {
        return Error::Storage("reading payments: disk I/O error");
      },
      out);
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().code() == ErrorCode::kStorage);
  CHECK(written.error().message() == "reading payments: disk I/O error");
  CHECK(out.str().empty());
}

TEST_CASE("sepa reports an output that fails, such as a full disk") {
  const SepaMessage m = sample();
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  auto written = write_sepa(m, in_chunks(m.payments, 2), out);
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().code() == ErrorCode::kInvalidInput);
  CHECK(written.error().message() ==
        "cannot write SEPA file \"G-2026-11-B0001\": writing it out failed");
}

}  // namespace grants
