// Monthly payment batches: which instalments are paid this month, which are
// held and why.
//
// The store finds the candidates and writes the batch in one transaction;
// the decisions about each candidate (hold or pay, the payment's bank
// identifiers, its ledger entry) are the pure functions here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/ledger.h"
#include "grants/model.h"
#include "grants/money.h"
#include "grants/payment.h"
#include "grants/result.h"

namespace grants {

enum class BatchState {
  kDraft,      // "draft": prepared, can be approved or cancelled
  kApproved,   // "approved": a second person approved it
  kExported,   // "exported": the SEPA file was written; cannot be cancelled
  kSettled,    // "settled": the bank paid it
  kCancelled,  // "cancelled": withdrawn before export; its month is free again
};
std::string_view to_string(BatchState s);

// An instalment due by the end of the batch month, not yet paid, of a
// convention that is not terminated, with what a decision needs.
struct DueInstalment {
  std::int64_t agreement_id = 0;
  int instalment = 0;
  Date due;
  Money amount;
  int attempt = 0;  // earlier payments of it that did not go through (returned, cancelled)
  std::string beneficiary_ref;
  std::string creditor_name;
  std::string iban;  // normalised, empty when none
  std::string bic;
  std::string scheme_id;
  std::string departement_code;
  std::string rule_sha256;
  std::string expense_account;
  std::string payable_account;
  AgreementState agreement_state = AgreementState::kActive;
  // While the convention is suspended, the first day of the suspension:
  // instalments due from that day on are held.
  std::optional<Date> suspended_from;
  // The documents the scheme requires that do not cover the due date, in
  // byte order, e.g. {"enrolment-certificate", "internship-agreement"};
  // empty when all are there.
  std::vector<std::string> missing_documents;
  // The IBAN and ISO 20022 reason of the beneficiary's last bank return;
  // empty when none came back.
  std::string returned_iban;
  std::string return_reason;
  // The breach of the convention's obligation, as the compliance check
  // describes it ("stopped practice on 2027-03-01"), when the obligation is
  // broken by the end of the batch month, or by the day the batch is
  // prepared when later; empty otherwise. Its instalments wait for the
  // département's decision, which cancels them.
  std::string breach;
};

struct Hold {
  std::int64_t agreement_id = 0;
  int instalment = 0;
  Date due;
  Money amount;
  std::string beneficiary_ref;
  std::string scheme_id;
  std::string reason;  // e.g. "no valid IBAN"
};

// A number of payments and their sum.
struct PaymentTally {
  std::int64_t count = 0;
  Money total;
};

// What became of a batch's payments at the bank, by state. `count` and
// `total` of a batch stay what it holds (the file as sent); these say how
// much of it is still waiting, was paid or came back, which is what a bank
// statement shows. All pending until the batch is settled; only a bank
// return makes a payment of an exported or settled batch returned.
struct PaymentOutcome {
  PaymentTally pending;   // not yet executed by the bank
  PaymentTally paid;      // executed at settlement
  PaymentTally returned;  // sent back by the bank, before or after settlement
};

struct SchemeTotal {
  std::string scheme_id;
  std::int64_t count = 0;
  Money total;
  PaymentOutcome outcome;
};

// A batch as stored, with its totals. Fields of later steps are empty (or
// nullopt) until the step happens.
struct BatchSummary {
  std::int64_t id = 0;  // 0 for a dry run
  YearMonth month;
  BatchState state = BatchState::kDraft;
  std::string prepared_by;
  Date prepared_on;  // also the date of its payment orders in the ledger
  std::string approved_by;
  std::optional<Date> approved_on;
  std::string msg_id;        // fixed by the first export
  std::string pain_version;  // "001.001.03" | "001.001.09", at export
  std::string created_at;    // the SEPA file's creation time, at export
  std::optional<Date> execution_date;
  std::optional<Date> settled_on;
  std::string cancelled_by;
  std::optional<Date> cancelled_on;
  std::int64_t count = 0;  // the payments it holds, whatever became of them
  Money total;
  // Its payments by state, from the stored payments (find_batch and
  // list_batches; empty in a run's summary and in live_batch's).
  PaymentOutcome outcome;
  std::vector<SchemeTotal> per_scheme;  // sorted by scheme id
  std::vector<Hold> holds;              // in due-date order
};

// Why `d` cannot be paid now, or nullopt when it can: every reason that
// applies, in this order, joined by "; " (one of the IBAN reasons at most):
//   "convention suspended" (when due on or after suspended_from)
//   "no IBAN"
//   "IBAN \"FR76…\" is not valid: RIB key 55 is wrong, expected 56" (an
//     IBAN stored before a check, or by another tool)
//   "IBAN FR76 **** **** 0189 returned by the bank (AC04): waiting for a new IBAN"
//   "BIC \"BNPAFR1P\" is not valid: location code \"1P\" must start with ..."
//     (stored unchecked, likewise; the SEPA file would refuse it)
//   "missing enrolment-certificate covering 2024-11-05", or every document
//     missing: "missing enrolment-certificate, internship-agreement covering 2024-11-05"
// e.g. "convention suspended; no IBAN; missing enrolment-certificate covering 2024-11-05".
std::optional<std::string> hold_reason(const DueInstalment& d);

// Names typed for --by. `valid_person_name` refuses a name that is blank,
// not valid UTF-8 or holds a control character (a line break), naming the
// option. `canonical_name` is the form stored:
// Unicode NFC, without leading, trailing or repeated spaces, case and
// accents as typed. `same_person` says whether two names are the same
// person's for the four-eyes rule, erring towards "same": it ignores letter
// case, accents ("Hélène" is "HELENE"), the composed or decomposed form of
// a letter, compatibility forms, invisible characters and the kind of space
// or dash.
Status valid_person_name(std::string_view option, std::string_view name);
std::string canonical_name(std::string_view name);
bool same_person(std::string_view a, std::string_view b);

// "G41-A000123-I07-R0": département, convention, instalment, attempt.
// Unique per payment, stable across re-exports, at most 35 SEPA characters.
std::string end_to_end_id(const DueInstalment& d);

// The unstructured remittance text the beneficiary sees on the transfer, e.g.
// "Convention 12 echeance 3 du 2025-01-05 loir-et-cher/intern-bursary".
std::string remittance_text(std::int64_t agreement_id, int instalment, Date due,
                            const std::string& scheme_id);

// The payment of `d` in batch `batch_id`, with id `payment_id`, as stored;
// its remittance text is left empty (the store gives it with the batch's
// payments, see remittance_text).
// Takes `d` by value: pass it moved when it is no longer needed, and its
// strings move into the payment instead of being copied.
Payment make_payment(DueInstalment d, std::int64_t batch_id, std::int64_t payment_id);

// The ledger entry of a payment order: expense debited, payable credited,
// dated `on`, traceable to the rule file that produced the amount. prev_hash
// and hash are left for chain_entries.
LedgerEntry payment_entry(const DueInstalment& d, std::int64_t batch_id, std::int64_t payment_id, Date on);

// The entries that follow a payment order `order` (a kPayment entry), same
// amount and references, dated `on`:
// - kSettlement: the bank paid it; payable debited, `treasury` credited.
// - kReturn: the bank sent it back; `treasury` debited, payable credited.
// - kCancellation: the order is withdrawn; payable debited, expense credited.
// `why` ends the label (a return code, who cancelled).
LedgerEntry follow_up_entry(const LedgerEntry& order, EntryKind kind, const std::string& treasury,
                            Date on, const std::string& why);

// Adds one payment to a summary's totals.
void add_to_summary(BatchSummary& s, const std::string& scheme_id, Money amount);

}  // namespace grants
