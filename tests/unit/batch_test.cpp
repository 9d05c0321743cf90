#include <doctest/doctest.h>

#include "grants/batch.h"

using grants::Date;
using grants::DueInstalment;
using grants::EntryKind;
using grants::LedgerEntry;
using grants::Money;

namespace {

DueInstalment due() {
  DueInstalment d;
  d.agreement_id = 123;
  d.instalment = 7;
  d.due = Date(2024, 11, 5);
  d.amount = Money::from_cents(50000);
  d.beneficiary_ref = "B-0001";
  d.creditor_name = "Hélène Lefèvre";
  d.iban = "FR7630004616159956466929456";
  d.scheme_id = "loir-et-cher/intern-bursary";
  d.departement_code = "41";
  d.rule_sha256 = std::string(64, 'a');
  d.expense_account = "6513";
  d.payable_account = "4671";
  return d;
}

}  // namespace

TEST_CASE("an instalment with everything in order is not held") { CHECK_FALSE(grants::hold_reason(due()).has_value()); }

TEST_CASE("a hold lists every reason at once: breach, suspension, IBAN, BIC, documents") {
  DueInstalment d = due();
  d.missing_documents = {"enrolment-certificate"};
  CHECK(*grants::hold_reason(d) == "missing enrolment-certificate covering 2024-11-05");
  d.returned_iban = d.iban;
  d.return_reason = "AC04";
  CHECK(*grants::hold_reason(d) ==
        "IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN; "
        "missing enrolment-certificate covering 2024-11-05");
  d.bic = "BNPAFR1P";
  CHECK(*grants::hold_reason(d) ==
        "IBAN FR76 **** **** 9456 returned by the bank (AC04): waiting for a new IBAN; "
        "BIC \"BNPAFR1P\" is not valid: location code \"1P\" must start with a capital letter or a digit from 2 to 9; "
        "missing enrolment-certificate covering 2024-11-05");
  d.bic.clear();
  d.iban = "FR0630004616159956466929455";  // mod-97 passes, RIB key does not
  CHECK(*grants::hold_reason(d) ==
        "IBAN is not valid: IBAN \"FR0630004616159956466929455\": RIB key 55 is wrong, expected 56; "
        "missing enrolment-certificate covering 2024-11-05");
  d.iban.clear();
  CHECK(*grants::hold_reason(d) == "no IBAN; missing enrolment-certificate covering 2024-11-05");
  d.agreement_state = grants::AgreementState::kSuspended;
  CHECK(*grants::hold_reason(d) == "convention suspended; no IBAN; missing enrolment-certificate covering 2024-11-05");
  d.missing_documents.clear();
  CHECK(*grants::hold_reason(d) == "convention suspended; no IBAN");
  d.breach = "stopped practice on 2024-09-30";
  CHECK(*grants::hold_reason(d) ==
        "obligation broken, held until the département decides on the clawback: stopped practice on 2024-09-30; "
        "convention suspended; no IBAN");
}

TEST_CASE("a broken obligation alone holds an instalment otherwise in order") {
  DueInstalment d = due();
  d.breach = "moved out of the département on 2024-10-15 (37261)";
  CHECK(*grants::hold_reason(d) ==
        "obligation broken, held until the département decides on the clawback: moved out of the département on "
        "2024-10-15 (37261)");
}

TEST_CASE("a BIC stored unchecked that the SEPA file would refuse holds the instalment") {
  DueInstalment d = due();
  d.bic = "BNPAFR1P";
  CHECK(*grants::hold_reason(d) ==
        "BIC \"BNPAFR1P\" is not valid: location code \"1P\" must start with a capital letter or a digit from 2 to 9");
  d.bic = "BNPAFRPP";
  CHECK_FALSE(grants::hold_reason(d).has_value());
  d.bic.clear();
  CHECK_FALSE(grants::hold_reason(d).has_value());
}

TEST_CASE("a suspension holds only the instalments due from its first day") {
  DueInstalment d = due();
  d.agreement_state = grants::AgreementState::kSuspended;
  d.suspended_from = Date(2024, 11, 6);
  CHECK_FALSE(grants::hold_reason(d).has_value());
  d.suspended_from = Date(2024, 11, 5);
  CHECK(*grants::hold_reason(d) == "convention suspended");
}

TEST_CASE("a returned IBAN no longer holds once the beneficiary gives another") {
  DueInstalment d = due();
  d.returned_iban = "FR7630006000011234567890189";
  d.return_reason = "AC04";
  CHECK_FALSE(grants::hold_reason(d).has_value());
}

TEST_CASE("EndToEndId names département, convention, instalment and attempt") {
  DueInstalment d = due();
  CHECK(grants::end_to_end_id(d) == "G41-A000123-I07-R0");
  d.attempt = 2;
  CHECK(grants::end_to_end_id(d) == "G41-A000123-I07-R2");
}

TEST_CASE("a payment order debits the expense and credits the payable; its follow-ups move the same amount") {
  DueInstalment d = due();
  LedgerEntry order = grants::payment_entry(d, 4, 99, Date(2024, 11, 2));
  order.seq = 17;
  CHECK(order.kind == EntryKind::kPayment);
  CHECK(order.debit == "6513");
  CHECK(order.credit == "4671");
  CHECK(order.amount == Money::from_cents(50000));
  CHECK(order.payment_id == 99);
  CHECK(order.batch_id == 4);
  CHECK(order.label == "Mandat convention 123 échéance 7 du 2024-11-05");

  const LedgerEntry paid = grants::follow_up_entry(order, EntryKind::kSettlement, "515", Date(2024, 11, 6), "lot 4");
  CHECK(paid.debit == "4671");
  CHECK(paid.credit == "515");
  CHECK(paid.date == Date(2024, 11, 6));
  CHECK(paid.label == "Paiement du mandat de l'écriture 17 : lot 4");
  const LedgerEntry back = grants::follow_up_entry(order, EntryKind::kReturn, "515", Date(2024, 11, 12), "rejet bancaire AC04");
  CHECK(back.debit == "515");
  CHECK(back.credit == "4671");
  const LedgerEntry undone = grants::follow_up_entry(order, EntryKind::kCancellation, "515", Date(2024, 11, 12), "");
  CHECK(undone.debit == "4671");
  CHECK(undone.credit == "6513");
  CHECK(undone.label == "Annulation du mandat de l'écriture 17");
  for (const LedgerEntry* e : {&paid, &back, &undone}) {
    CHECK(e->amount == order.amount);
    CHECK(e->payment_id == order.payment_id);
    CHECK(e->rule_sha256 == order.rule_sha256);
    CHECK(e->seq == 0);
    CHECK(e->hash.empty());
  }
}

TEST_CASE("four eyes: the same person whatever the spaces and letter case") {
  CHECK(grants::same_person("Marc Petit", "  marc   PETIT "));
  CHECK(grants::same_person("Marc Petit", "Marc\tPetit"));
  CHECK_FALSE(grants::same_person("Marc Petit", "Marc Petitjean"));
  CHECK_FALSE(grants::same_person("Marc Petit", "Claire Martin"));
  CHECK(grants::canonical_name("  Claire   Martin ") == "Claire Martin");
}

TEST_CASE("four eyes: accents, Unicode forms and invisible characters do not make a second person") {
  const std::string preparer = "H\u00e9l\u00e8ne Roux";  // Hélène, composed
  CHECK(grants::same_person(preparer, "H\u00c9L\u00c8NE ROUX"));             // upper case with accents
  CHECK(grants::same_person(preparer, "Helene Roux"));                        // typed without accents
  CHECK(grants::same_person(preparer, "He\u0301le\u0300ne Roux"));            // decomposed: e + combining accent
  CHECK(grants::same_person(preparer, "H\u00e9l\u00e8ne\u00a0Roux"));        // no-break space
  CHECK(grants::same_person(preparer, "H\u00e9l\u00e8\u200bne Roux"));       // zero-width space inside
  CHECK(grants::same_person(preparer, "\uff28\u00e9l\u00e8ne Roux"));        // fullwidth H
  CHECK(grants::same_person("Jean-Pierre Roux", "Jean\u2010Pierre Roux"));    // Unicode hyphen
  CHECK(grants::same_person("Stra\u00dfe", "STRASSE"));                      // sharp s folds to ss
  CHECK_FALSE(grants::same_person(preparer, "H\u00e9l\u00e8ne Rousseau"));
  CHECK_FALSE(grants::same_person(preparer, "Claire Martin"));
  // Stored as typed, composed (NFC), spaces collapsed.
  CHECK(grants::canonical_name(" He\u0301le\u0300ne   Roux ") == preparer);
}

TEST_CASE("a name for --by must be valid UTF-8, one line and not blank") {
  CHECK(grants::valid_person_name("--by", "H\u00e9l\u00e8ne Roux"));
  auto bad = grants::valid_person_name("--by", "H\xe9l\xe8ne");  // Latin-1 bytes
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message() == "--by \"H\\xE9l\\xE8ne\": the name is not valid UTF-8");
  // Pasted from a spreadsheet with its line end: not another person.
  for (const auto& [name, shown] : {std::pair{"Marc Petit\r", "Marc Petit\\r\": the name contains a control character (\\r)"},
                                    std::pair{"\nMarc Petit", "\\nMarc Petit\": the name contains a control character (\\n)"},
                                    std::pair{"Marc\tPetit", "Marc\\tPetit\": the name contains a control character (\\t)"},
                                    std::pair{"Marc Petit\u2029", "Marc Petit\\u{2029}\": the name contains a control character (\\u{2029})"},
                                    std::pair{"Marc Petit\u0085", "Marc Petit\\u{85}\": the name contains a control character (\\u{85})"}}) {
    auto refused = grants::valid_person_name("--by", name);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message() == std::string("--by \"") + shown);
  }
  auto blank = grants::valid_person_name("--by", " \u3000 ");  // ideographic space
  REQUIRE_FALSE(blank);
  CHECK(blank.error().message() == "--by needs the name of the person acting");
  auto invisible = grants::valid_person_name("--by", " \u200b ");
  REQUIRE_FALSE(invisible);
  CHECK(invisible.error().message() == "--by \" \\u{200b} \": the name contains an invisible character (\\u{200b})");
}
