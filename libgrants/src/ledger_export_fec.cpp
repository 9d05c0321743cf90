// FEC (fichier des écritures comptables, article A47 A-1 LPF).
//
// Choices, where the text leaves them to us:
// - Tab-separated, LF line ends, UTF-8, no BOM, header line first.
// - Two lines per entry, debit then credit; EcritureNum is the ledger seq.
// - JournalCode by kind: "HA" (mandats de dépenses) for payment orders and
//   their cancellations; "TR" (titres de recette) for clawbacks and their
//   cancellations; "BQ" (trésorerie) for settlements, bank returns and
//   receipts, which move the treasury.
// - CompteLib is "Compte <code>": the ledger holds M57 codes, whose labels
//   belong to the rule files, not to this export.
// - CompAuxNum/CompAuxLib carry the beneficiary reference on lines of class-4
//   (third-party) accounts only, as auxiliary accounts are used in accounting.
// - PieceRef is the payment ("P<id>") or else the agreement ("C<id>");
//   PieceDate and ValidDate are the entry date (entries are final once
//   appended). EcritureLet, DateLet, Montantdevise and Idevise are empty:
//   nothing is lettered here and every amount is in euros.
// - Amounts: decimal comma, no thousands separator, "0,00" on the other side.
// The FEC's fixed 18 columns leave no place for the chain hash; the other
// exports carry it.
#include <algorithm>
#include <array>
#include <string>

#include "grants/ledger_export.h"
#include "ledger_export_internal.h"

namespace grants::detail {

namespace {

constexpr std::string_view kHeader =
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\t"
    "CompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\t"
    "EcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n";

struct Journal {
  std::string_view code;
  std::string_view label;
};

// A cancellation withdraws what it cancels: a payment order (it names its
// payment) in the orders' journal, a recovery order in the titres'.
Journal journal_of(const LedgerEntry& e) {
  switch (e.kind) {
    case EntryKind::kCancellation:
      if (e.payment_id == 0) return {"TR", "Titres de recette"};
      return {"HA", "Mandats de dépenses"};
    case EntryKind::kPayment:
      return {"HA", "Mandats de dépenses"};
    case EntryKind::kClawback:
      return {"TR", "Titres de recette"};
    case EntryKind::kSettlement:
    case EntryKind::kReturn:
    case EntryKind::kReceipt:
      return {"BQ", "Trésorerie"};
  }
  return {"OD", "Opérations diverses"};
}

// "20250105".
std::string fec_date(Date d) {
  std::string iso = format_date(d);
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

// "1234,50": Money's machine form with a decimal comma.
std::string fec_amount(Money m) {
  std::string text = m.to_string();
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

enum class Side { kDebit, kCredit };

std::string fec_line(const LedgerEntry& e, Side side) {
  const Journal journal = journal_of(e);
  const std::string& account = side == Side::kDebit ? e.debit : e.credit;
  const bool third_party = account.front() == '4';
  const std::string auxiliary = third_party ? one_line(e.beneficiary_ref) : std::string();
  const std::string piece =
      e.payment_id != 0 ? "P" + std::to_string(e.payment_id) : "C" + std::to_string(e.agreement_id);
  const std::string date = fec_date(e.date);
  const std::string amount = fec_amount(e.amount);
  const std::string zero = fec_amount(Money());
  // std::array makes the count of 18 a compile-time fact.
  const std::array<std::string, 18> fields = {
      std::string(journal.code),
      std::string(journal.label),
      std::to_string(e.seq),
      date,
      account,
      "Compte " + account,
      auxiliary,
      auxiliary,
      piece,
      date,
      one_line(e.label),
      side == Side::kDebit ? amount : zero,
      side == Side::kCredit ? amount : zero,
      "",
      "",
      date,
      "",
      "",
  };
  std::string line;
  for (const auto& field : fields) {
    if (&field != &fields.front()) line += '\t';
    line += field;
  }
  return line + "\n";
}

class FecWriter : public LedgerWriter {
 public:
  explicit FecWriter(std::ostream& out) : out_(out) { out_ << kHeader; }
  Status add(const LedgerEntry& e, const std::string&) override {
    out_ << fec_line(e, Side::kDebit) << fec_line(e, Side::kCredit);
    return Ok();
  }
  Status finish() override { return Ok(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<LedgerWriter> fec_writer(const LedgerExportHeader&, std::ostream& out) {
  return std::make_unique<FecWriter>(out);
}

}  // namespace grants::detail
