// The records the engine keeps: beneficiaries, applications, conventions.
//
// Plain values with no behaviour; storage fills and reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/profession.h"
#include "grants/schedule.h"

namespace grants {

// A person (student, professional) or a structure (maison de santé, commune,
// association) that receives aid.
struct Beneficiary {
  std::int64_t id = 0;     // assigned by storage
  std::string ref;         // the département's own reference, unique, e.g. "B-0001"
  BeneficiaryKind kind = BeneficiaryKind::kPerson;
  std::string name;        // family name, or the structure's name
  std::string first_name;  // empty for a structure
  std::string profession;  // an id from profession.h
  std::string commune;     // INSEE code, 5 characters ("41018", "2A004")
  std::string iban;        // normalised: upper case, no spaces; empty if none yet
  std::string bic;         // optional
  std::string email;       // optional
  // The IBAN of the beneficiary's last transfer the bank sent back, and
  // the ISO 20022 reason it gave ("AC04"); empty when none came back.
  // Batches hold the beneficiary's instalments while `iban` is that one.
  // (Initialised so that a beneficiary written field by field may leave
  // them out: only a bank return sets them.)
  std::string returned_iban = {}, return_reason = {};
};

enum class ApplicationState { kSubmitted, kApproved, kRejected };
std::string_view to_string(ApplicationState s);  // "submitted" | "approved" | "rejected"

// One condition of eligibility and whether the application meets it.
struct Condition {
  std::string name;  // e.g. "profession"
  bool met = false;
  std::string why;   // e.g. "nursing-student is not among general-medicine-intern"
};

struct Decision {
  ApplicationState outcome = ApplicationState::kApproved;  // approved or rejected
  std::string deliberation;  // délibération number, e.g. "CP-2024-11-07"
  Date date;                 // date of the délibération
  std::string reason;        // required when rejected
};

struct Application {
  std::int64_t id = 0;  // assigned by storage
  std::int64_t beneficiary_id = 0;
  std::string beneficiary_ref;
  std::string scheme_id;  // e.g. "loir-et-cher/intern-bursary"
  Date submitted_on;
  std::optional<int> study_year;   // for study aids
  std::optional<Date> start;       // when the aid should start
  std::optional<Money> expenses;   // eligible expenses (excl. VAT) for share-of-cost aids
  ApplicationState state = ApplicationState::kSubmitted;
  bool eligible = false;            // all conditions met at submission
  std::vector<Condition> conditions;
  std::optional<Decision> decision;
};

enum class AgreementState { kActive, kSuspended, kTerminated, kCompleted };
std::string_view to_string(AgreementState s);

// Where one instalment of a convention stands.
enum class InstalmentState {
  kOpen,       // "open": no batch has taken it yet (or the bank sent it back)
  kPending,    // "pending": in a batch the bank has not paid yet
  kPaid,       // "paid": its batch was settled
  kCancelled,  // "cancelled": by a termination; never paid
};
std::string_view to_string(InstalmentState s);

// What changes a convention's schedule: a suspension holds its instalments;
// a resumption moves the unpaid ones by the months suspended; a termination
// cancels those not yet due.
enum class AgreementEventKind { kSuspend, kResume, kTerminate };
std::string_view to_string(AgreementEventKind k);  // "suspend" | "resume" | "terminate"

struct AgreementEvent {
  std::int64_t id = 0;  // assigned by storage, in the order recorded
  std::int64_t agreement_id = 0;
  AgreementEventKind kind = AgreementEventKind::kSuspend;
  Date on;                        // effective date
  std::string reason;             // required
  int shifted_months = 0;         // kResume: how far unpaid instalments moved
  int cancelled_instalments = 0;  // kTerminate: how many were cancelled
};

// A document a scheme requires before paying, e.g. the yearly enrolment
// certificate: it allows the instalments due from `from` to `to`.
struct AgreementDocument {
  std::int64_t id = 0;  // assigned by storage
  std::int64_t agreement_id = 0;
  std::string kind;  // one of the convention's required_documents
  Date from;
  Date to;
  std::string reference;  // e.g. the certificate's number
  Date recorded_on;
};

// A signed convention. Its schedule and the rule version that produced it are
// frozen at signature.
struct Agreement {
  std::int64_t id = 0;  // assigned by storage
  std::int64_t application_id = 0;
  std::int64_t beneficiary_id = 0;
  std::string beneficiary_ref;
  std::string scheme_id;
  Date signed_on;
  Date start;
  std::string rule_file;        // file name, e.g. "loir-et-cher.toml"
  std::string rule_sha256;      // hash of that file's content at signature
  Date rule_period_from;        // the dated parameter set applied
  std::string rule_reference;   // its legal reference
  AgreementState state = AgreementState::kActive;
  Schedule schedule;
  // Frozen from the rule period at signature, for payments and accounting.
  std::string departement_code;               // e.g. "41"
  std::string expense_account;                // M57, debited by a payment
  std::string payable_account;                // credited by a payment
  std::string receivable_account;             // debited by a recovery order
  std::vector<std::string> required_documents;  // held for payment without them
  // Filled by find_agreement only (not by listings).
  std::vector<InstalmentState> instalment_states;  // one per schedule instalment, in order
  std::vector<AgreementEvent> events;
  std::vector<AgreementDocument> documents;
};

// A national CESP (contrat d'engagement de service public) a beneficiary
// requested or signed, as declared to the département: some aids cannot be
// combined with it.
enum class CespStatus { kRequested, kSigned };
std::string_view to_string(CespStatus s);  // "requested" | "signed"

struct CespDeclaration {
  std::int64_t id = 0;  // assigned by storage
  std::int64_t beneficiary_id = 0;
  CespStatus status = CespStatus::kRequested;
  Date on;                // date of the request or of the signature
  std::string reference;  // e.g. the ARS file number
  Date recorded_on;
};

}  // namespace grants
