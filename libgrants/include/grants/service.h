// The operations a user performs, one function each: the command line calls
// exactly one of these per command and prints the result.
//
// Each function validates its input, reads the rules and writes through the
// Store in one transaction; on any error nothing is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "grants/model.h"
#include "grants/result.h"
#include "grants/rules.h"
#include "grants/store.h"

namespace grants {

// Validates and stores one beneficiary (IBAN normalised). InvalidInput lists
// every problem ("field 'iban': value \"…\": mod-97 check failed");
// Conflict when the ref exists.
Result<Beneficiary> add_beneficiary(Store& store, Beneficiary b);

// Imports a CSV file of beneficiaries, all or nothing. InvalidInput lists
// every bad row as "FILE:LINE: field 'F': value \"V\": reason"; Conflict when
// refs already exist in the database, listing each such row the same way.
// Returns the number imported.
Result<std::size_t> import_beneficiaries(Store& store, const std::string& csv_path);

struct SubmitRequest {
  std::string beneficiary_ref;
  std::string scheme_id;
  Date on;
  std::optional<int> study_year;
  std::optional<Date> start;
  std::optional<Money> expenses;
};
// Checks eligibility against the scheme's period in force on `on` (with the
// beneficiary's conventions and CESP for its anti-cumul limits) and stores
// the application with every condition, eligible or not. NotFound for an
// unknown beneficiary; InvalidInput for an unknown scheme (listing the known
// ones), negative expenses, a study year outside 1-kMaxStudyYear, or a start
// date or expenses the period in force on `on` does not use (it pays from
// the signature; its amount is no share of expenses).
Result<Application> submit_application(Store& store, const RuleBook& rules, const SubmitRequest& r);

struct DecideRequest {
  std::int64_t application_id = 0;
  ApplicationState outcome = ApplicationState::kApproved;
  std::string deliberation;
  Date date;
  std::string reason;
};
// Records a CESP the beneficiary `ref` requested or signed, for the
// anti-cumul conditions of later applications. NotFound for an unknown
// beneficiary.
Status declare_cesp(Store& store, const std::string& ref, CespDeclaration c);

// Records the délibération. InvalidInput when the délibération number is
// empty, a rejection has no reason, or the date precedes submission;
// Conflict when approving an application that does not meet every condition
// or that was already decided; NotFound for an unknown id.
Result<Application> decide_application(Store& store, const DecideRequest& r);

struct SignRequest {
  std::int64_t application_id = 0;
  Date on;
};
// Creates the convention of an approved application: the period in force on
// the signature date computes the schedule, and the rule file's content and
// hash are stored with it. Conflict when the application is not approved or
// already has a convention; InvalidInput when the signature precedes the
// decision, the scheme has no period in force that day, or the award cannot
// be computed.
Result<Agreement> sign_agreement(Store& store, const RuleBook& rules, const SignRequest& r);

}  // namespace grants
