#include "grants/batch.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <optional>
#include <vector>

#include "grants/iban.h"
#include "grants/text.h"

#include <utf8proc.h>

namespace grants {

std::string_view to_string(BatchState s) {
  switch (s) {
    case BatchState::kDraft: return "draft";
    case BatchState::kApproved: return "approved";
    case BatchState::kExported: return "exported";
    case BatchState::kSettled: return "settled";
    case BatchState::kCancelled: return "cancelled";
  }
  return "?";
}

std::optional<std::string> hold_reason(const DueInstalment& d) {
  // Every reason at once: an officer who fixes the IBAN should not learn of
  // the missing certificate only at next month's batch.
  std::vector<std::string> why;
  if (!d.breach.empty())
    why.push_back(fmt::format("obligation broken, held until the département decides on the clawback: {}", d.breach));
  if (d.agreement_state == AgreementState::kSuspended && (!d.suspended_from || d.due >= *d.suspended_from))
    why.emplace_back("convention suspended");
  if (d.iban.empty()) {
    why.emplace_back("no IBAN");
  } else if (auto valid = normalise_iban(d.iban); !valid || *valid != d.iban) {
    why.push_back(valid ? fmt::format("IBAN \"{}\" is not stored in normal form", d.iban)
                        : fmt::format("IBAN is not valid: {}", valid.error().message()));
  } else if (!d.returned_iban.empty() && d.returned_iban == d.iban) {
    why.push_back(fmt::format("IBAN {} returned by the bank ({}): waiting for a new IBAN", mask_iban(d.iban),
                              d.return_reason));
  }
  if (!d.bic.empty()) {
    if (auto problem = bic_problem(d.bic)) why.push_back(fmt::format("BIC \"{}\" is not valid: {}", d.bic, *problem));
  }
  if (!d.missing_documents.empty())
    why.push_back(fmt::format("missing {} covering {}", fmt::join(d.missing_documents, ", "), format_date(d.due)));
  if (why.empty()) return std::nullopt;
  return fmt::format("{}", fmt::join(why, "; "));
}

std::string end_to_end_id(const DueInstalment& d) {
  return fmt::format("G{}-A{:06}-I{:02}-R{}", d.departement_code, d.agreement_id, d.instalment, d.attempt);
}

namespace {

// `name` through utf8proc with `options`, or nothing when it is not valid
// UTF-8.
std::optional<std::string> utf8_map(std::string_view name, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()), static_cast<utf8proc_ssize_t>(name.size()),
                   &out, static_cast<utf8proc_option_t>(options | UTF8PROC_STABLE));
  if (n < 0) return std::nullopt;
  std::string mapped(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return mapped;
}

// Leading, trailing and repeated spaces and tabs removed.
std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// What two spellings of one person's name have in common: compatibility
// forms and letter case folded (NFKC_Casefold), accents stripped, invisible
// characters (zero-width space, soft hyphen) dropped, and Unicode spaces and
// dashes lumped to ASCII (a no-break space is a space).
std::string person_key(std::string_view name) {
  constexpr int kFold = UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                        UTF8PROC_LUMP | UTF8PROC_IGNORE;
  return collapse_spaces(utf8_map(name, kFold).value_or(std::string(name)));
}

}  // namespace

Status valid_person_name(std::string_view option, std::string_view name) {
  // A line break pasted along would make two spellings of one person.
  if (auto why = text_problem(name))
    return Error::InvalidInput(fmt::format("{} \"{}\": the name {}", option, printable(name), *why));
  if (person_key(name).empty())
    return Error::InvalidInput(fmt::format("{} needs the name of the person acting", option));
  return Ok();
}

std::string canonical_name(std::string_view name) {
  return collapse_spaces(utf8_map(name, UTF8PROC_COMPOSE).value_or(std::string(name)));
}

bool same_person(std::string_view a, std::string_view b) { return person_key(a) == person_key(b); }

std::string remittance_text(std::int64_t agreement_id, int instalment, Date due,
                            const std::string& scheme_id) {
  return fmt::format("Convention {} echeance {} du {} {}", agreement_id, instalment, format_date(due),
                     scheme_id);
}

Payment make_payment(DueInstalment d, std::int64_t batch_id, std::int64_t payment_id) {
  Payment p;
  p.id = payment_id;
  p.batch_id = batch_id;
  p.agreement_id = d.agreement_id;
  p.instalment = d.instalment;
  p.due = d.due;
  p.amount = d.amount;
  p.end_to_end_id = end_to_end_id(d);
  p.beneficiary_ref = std::move(d.beneficiary_ref);
  p.creditor_name = std::move(d.creditor_name);
  p.iban = std::move(d.iban);
  p.bic = std::move(d.bic);
  p.scheme_id = std::move(d.scheme_id);
  p.departement_code = std::move(d.departement_code);
  p.attempt = d.attempt;
  return p;
}

LedgerEntry payment_entry(const DueInstalment& d, std::int64_t batch_id, std::int64_t payment_id, Date on) {
  LedgerEntry e;
  e.date = on;
  e.kind = EntryKind::kPayment;
  e.debit = d.expense_account;
  e.credit = d.payable_account;
  e.amount = d.amount;
  e.beneficiary_ref = d.beneficiary_ref;
  e.agreement_id = d.agreement_id;
  e.batch_id = batch_id;
  e.payment_id = payment_id;
  e.scheme_id = d.scheme_id;
  e.rule_sha256 = d.rule_sha256;
  e.label = fmt::format("Mandat convention {} échéance {} du {}", d.agreement_id, d.instalment, format_date(d.due));
  return e;
}

LedgerEntry follow_up_entry(const LedgerEntry& order, EntryKind kind, const std::string& treasury,
                            Date on, const std::string& why) {
  assert(order.kind == EntryKind::kPayment);
  LedgerEntry e = order;
  e.seq = 0;
  e.date = on;
  e.kind = kind;
  e.prev_hash.clear();
  e.hash.clear();
  std::string_view what;
  switch (kind) {
    case EntryKind::kSettlement:
      e.debit = order.credit;
      e.credit = treasury;
      what = "Paiement";
      break;
    case EntryKind::kReturn:
      e.debit = treasury;
      e.credit = order.credit;
      what = "Rejet bancaire";
      break;
    case EntryKind::kCancellation:
      e.debit = order.credit;
      e.credit = order.debit;
      what = "Annulation";
      break;
    default:
      assert(false && "not a follow-up of a payment order");
  }
  e.label = fmt::format("{} du mandat de l'écriture {}{}{}", what, order.seq, why.empty() ? "" : " : ", why);
  return e;
}

void add_to_summary(BatchSummary& s, const std::string& scheme_id, Money amount) {
  s.count += 1;
  s.total += amount;
  auto it = std::lower_bound(s.per_scheme.begin(), s.per_scheme.end(), scheme_id,
                             [](const SchemeTotal& t, const std::string& id) { return t.scheme_id < id; });
  if (it == s.per_scheme.end() || it->scheme_id != scheme_id) it = s.per_scheme.insert(it, SchemeTotal{scheme_id, 0, {}, {}});
  it->count += 1;
  it->total += amount;
}

}  // namespace grants
