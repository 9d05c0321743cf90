// Payments: one instalment of one convention, paid in a monthly batch.
#pragma once

#include <cstdint>
#include <string>

#include "grants/date.h"
#include "grants/money.h"

namespace grants {

enum class PaymentState {
  kPending,    // "pending": in a batch not yet settled
  kPaid,       // "paid": the bank executed it
  kReturned,   // "returned": the bank sent it back; due again once the IBAN is fixed
  kCancelled,  // "cancelled": its batch was cancelled before export
};
std::string_view to_string(PaymentState s);

struct Payment {
  std::int64_t id = 0;  // assigned by storage
  std::int64_t batch_id = 0;
  std::int64_t agreement_id = 0;
  int instalment = 0;  // instalment number within the convention
  int attempt = 0;     // earlier payments of this instalment that did not go through
  Date due;
  Money amount;
  std::string beneficiary_ref;
  std::string creditor_name;  // as it goes to the bank, e.g. "Hélène Lefèvre"
  // The account as it was when the batch was prepared, stored with the
  // payment: a later change of the beneficiary's is for the next batch.
  std::string iban;  // normalised
  std::string bic;   // may be empty ("IBAN only")
  std::string scheme_id;
  std::string departement_code;  // e.g. "41": which payer account pays it
  // Deterministic, unique per payment and stable across re-exports, e.g.
  // "G41-A000123-I07-R0" (convention, instalment, attempt). At most 35
  // characters of the SEPA set.
  std::string end_to_end_id;
  std::string remittance;  // unstructured remittance text, at most 140 characters
  PaymentState state = PaymentState::kPending;
  std::string return_reason;  // the bank's ISO 20022 code when kReturned, e.g. "AC04"
};

}  // namespace grants
