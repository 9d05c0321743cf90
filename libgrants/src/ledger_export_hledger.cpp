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

}  // namespace

Result<std::string> export_hledger(const LedgerExport& x) {
  if (auto status = check_account_codes(x); !status) return status.error();
  std::string out = "; Grants disbursement ledger, " + one_line(x.departement) + ", " +
                    format_date(x.from) + " to " + format_date(x.to) + "\n";
  out +=
      "; chain: length " + std::to_string(x.chain_length) + ", last hash " + x.chain_hash + "\n\n";
  out += "commodity 1000.00 EUR\n\n";
  for (const auto& account : accounts_used(x)) out += "account " + account + "\n";

  for (const auto& e : x.entries) {
    const std::string amount = e.amount.to_string() + " EUR";
    const std::string negated = (-e.amount).to_string() + " EUR";
    out += "\n" + format_date(e.date) + " * (" + std::to_string(e.seq) + ") " +
           description(e.label) + "\n";
    out += "    ; kind:" + std::string(to_string(e.kind)) +
           ", beneficiary:" + tag_value(e.beneficiary_ref) +
           ", agreement:" + std::to_string(e.agreement_id) +
           ", batch:" + std::to_string(e.batch_id) + ", payment:" + std::to_string(e.payment_id) +
           ", scheme:" + tag_value(e.scheme_id) + ", rule:" + tag_value(e.rule_sha256) + "\n";
    out += "    ; prev_hash:" + e.prev_hash + ", hash:" + e.hash + "\n";
    out += "    " + e.debit + "  " + amount + "\n";
    out += "    " + e.credit + "  " + negated + "\n";
  }
  return out;
}

}  // namespace grants::detail
