// hledger journal export, checked by `hledger check --strict` (which needs
// every account and commodity declared).
//
// Accounts are the bare M57 codes ("6513"), declared with `account`
// directives; the commodity is declared as `commodity 1000.00 EUR` so
// amounts read "500.00 EUR" with a decimal point, exactly Money's machine
// form. One transaction per entry: date, status "*" (entries are final),
// the seq as transaction code, the label as description, then a comment
// with the other fields as tags and two postings, debit then credit.
#include <algorithm>
#include <string>

#include "grants/ledger_export.h"
#include "ledger_export_internal.h"

namespace grants::detail {

namespace {

// hledger reads ';' as the start of a comment and a newline as the end of
// the description, so the label loses them here (the CSV, JSON and XLSX
// exports keep it whole).
std::string description(std::string_view label) {
  std::string out = one_line(label);
  std::replace(out.begin(), out.end(), ';', ',');
  return out;
}

// Tag values end at a comma or the end of the line.
std::string tag_value(std::string_view text) {
  std::string out = one_line(text);
  std::replace(out.begin(), out.end(), ',', ' ');
  return out;
}

class HledgerWriter : public LedgerWriter {
 public:
  HledgerWriter(const LedgerExportHeader& h, std::ostream& out) : out_(out) {
    out_ << "; Grants disbursement ledger, " << (h.departement.empty() ? "" : one_line(h.departement) + ", ")
         << format_date(h.from) << " to " << format_date(h.to) << "\n";
    out_ << "; chain: length " << h.chain_length << ", last hash " << h.chain_hash << "\n\n";
    out_ << "commodity 1000.00 EUR\n\n";
    for (const auto& account : h.accounts) out_ << "account " << account << "\n";
  }
  Status add(const LedgerEntry& e, const std::string&) override {
    const std::string amount = e.amount.to_string() + " EUR";
    const std::string negated = (-e.amount).to_string() + " EUR";
    out_ << "\n" << format_date(e.date) << " * (" << e.seq << ") " << description(e.label) << "\n";
    out_ << "    ; kind:" << to_string(e.kind) << ", beneficiary:" << tag_value(e.beneficiary_ref)
         << ", agreement:" << e.agreement_id << ", batch:" << e.batch_id << ", payment:" << e.payment_id
         << ", scheme:" << tag_value(e.scheme_id) << ", rule:" << tag_value(e.rule_sha256) << "\n";
    out_ << "    ; prev_hash:" << e.prev_hash << ", hash:" << e.hash << "\n";
    out_ << "    " << e.debit << "  " << amount << "\n";
    out_ << "    " << e.credit << "  " << negated << "\n";
    return Ok();
  }
  Status finish() override { return Ok(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<LedgerWriter> hledger_writer(const LedgerExportHeader& h, std::ostream& out) {
  return std::make_unique<HledgerWriter>(h, out);
}

}  // namespace grants::detail
