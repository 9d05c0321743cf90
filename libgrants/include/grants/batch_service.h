// The finance officer's operations on payment batches and on the conventions
// they pay, one function each (see service.h for the conventions).
//
// Each function validates its input and writes through the Store in one
// transaction; on any error nothing is written.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "grants/batch.h"
#include "grants/result.h"
#include "grants/rules.h"
#include "grants/sepa.h"
#include "grants/store.h"

namespace grants {

enum class RunMode { kWrite, kDryRun };

struct RunBatchRequest {
  YearMonth month;
  std::string prepared_by;
  Date on;  // preparation date: the date of the payment orders in the ledger
  RunMode mode = RunMode::kWrite;
  // Called after each chunk with the number of instalments examined so far.
  std::function<void(std::int64_t)> progress;
};
// Selects every instalment due up to the end of the month and not yet paid
// (catching up earlier months, held ones included), holds those that cannot
// be paid (see hold_reason) and, unless kDryRun, stores a draft batch with
// its payments, holds and payment-order ledger entries in one transaction.
// With kDryRun nothing is written and the summary's id is 0. A month with
// nothing to pay stores no batch (id 0).
// Conflict, writing nothing, when the month already has a batch that is not
// cancelled (naming it) or a later month has one (months are paid in order).
// InvalidInput, writing nothing, when the month starts after the month that
// follows the preparation date (a dry run may look further ahead).
Result<BatchSummary> run_batch(Store& store, const RunBatchRequest& r);

// What a batch would do with one instalment it takes.
struct DueDecision {
  int instalment = 0;
  Date due;
  Money amount;
  // Why the batch would hold it, as its hold says (see hold_reason); empty
  // when the batch would pay it.
  std::string hold;
};
// What run_batch for `month`, prepared on `on`, would do with each
// instalment of convention `agreement_id` it would take, by due date and
// number: the same selection (open, due by the end of the month, in no
// batch that is not cancelled or returned), the same breach check and the
// same hold_reason, for that convention alone. Empty when it would take
// none (an unknown convention included: the caller says whether it
// exists). Whether the month already has a batch is not asked: the caller
// picks the month (agreement show takes the next one then). Only reads,
// never opening a write transaction (a read-only role may call it); inside
// a Store snapshot (begin_read) all its reads see one state.
Result<std::vector<DueDecision>> batch_decisions(Store& store, std::int64_t agreement_id, YearMonth month,
                                                 Date on);

// The steps below are InvalidInput, writing nothing, when dated before a
// step the batch went through (naming the option, the date and the latest
// such step's): the approval before the preparation; the file's creation
// time or execution date before the approval, or the execution date before
// the creation; the settlement before the export; a return before the
// export, or before the settlement once paid; a cancellation before the
// preparation or approval. So the batch's entries keep the ledger in date
// order.

// A second person approves a draft. Conflict when `by` prepared it, or the
// batch is not a draft; InvalidInput when `by` is empty.
Result<BatchSummary> approve_batch(Store& store, std::int64_t batch_id, const std::string& by, Date on);

// Ok when `text` is a creation time a SEPA file takes (see
// is_iso_date_time); else InvalidInput naming the option: `option
// --created-at: "2024-11-03 10:00:00" is not an ISO date-time
// (YYYY-MM-DDTHH:MM:SS)`.
Status valid_created_at(std::string_view option, std::string_view text);

struct ExportRequest {
  std::int64_t batch_id = 0;
  PainVersion version = PainVersion::k001_001_03;
  // The file's creation time (--created-at, an ISO date-time) and requested
  // execution date (--execution-date) as the user gave them, empty when not
  // given: a first export then takes `now` and `today`.
  std::string created_at;
  std::optional<Date> execution_date;
  std::string now;  // "YYYY-MM-DDTHH:MM:SS"
  Date today;
};
// Writes to `out` the SEPA credit-transfer file of an approved batch, its
// payments paid from each département's [payer] account in the rule
// files, read a chunk at a time (see write_sepa). The first export fixes
// the MsgId, creation time and execution date and marks the batch exported,
// committed once the whole file went into `out` (flushed): if the caller
// then fails to keep the file, a re-export gives the same MsgId, never a
// second file for the same payments. Exporting an exported batch again
// writes the same file (all its payments, those the bank has paid or sent
// back since included), with the first export's creation time and
// execution date.
// The execution date is a TARGET business day (see target_closing_day):
// without one given, the first on or after `today`.
// InvalidInput, before anything is read, when created_at is given and is
// not an ISO date-time (see valid_created_at); on a first export, when the
// creation time given is on a day after `today`, and when the
// execution date is after the end of the month after `today`'s or is a
// TARGET2 closing day. Conflict for a batch in
// another state, for a re-export in another pain version, and for a
// re-export given a creation time or execution date that differs from the
// file's (one detail line for each: the file would not say what was asked);
// InvalidInput when a payment cannot go into the file (no payer for its
// département, see write_sepa), nothing written to `out`, or when `out`
// fails. On any error the batch is left as it was; `out` may hold part of
// a file.
Status export_batch(Store& store, const RuleBook& rules, const ExportRequest& r, std::ostream& out);

// The bank executed an exported batch: its pending payments become paid,
// their instalments paid, each with a settlement entry (payable debited,
// the payer's treasury account credited) dated `on`. Payments returned
// before settlement stay returned: the batch returned has its outcome
// (paid and returned) as stored once settled. InvalidInput, writing
// nothing, when `on` is before the execution date the file asked for.
Result<BatchSummary> settle_batch(Store& store, const RuleBook& rules, std::int64_t batch_id, Date on);

// What became of a returned payment's instalment.
struct ReturnedPayment {
  std::int64_t agreement_id = 0;
  int instalment = 0;
  Date due;
  // Empty when the instalment is due again; otherwise why the convention no
  // longer owes it, e.g. "convention 1 was terminated on 2024-11-20", and
  // the instalment is cancelled.
  std::string not_owed;
  // For a paid payment, the recovery order (open or settled) that counted
  // it among the sums received, whose amount is now too high (what to do
  // with it: order_after_return in clawback_service.h). Empty when there is
  // none.
  std::string counted_by_order;
  // When the instalment is due again but the convention's obligation is
  // broken on the day of the return, the breach as the compliance check
  // describes it ("stopped practice on 2025-09-30"): batches hold the
  // instalment until the département decides on the clawback. Empty
  // otherwise.
  std::string breach;
  // The payment's beneficiary, and whether their IBAN is still the one the
  // bank sent back: batches then hold all their instalments until another
  // is given (false when one was given since the batch was prepared).
  std::string beneficiary_ref;
  bool waiting_for_iban = false;
};

// Records a bank return of one payment of an exported or settled batch.
// `reason` is an ISO 20022 return code such as AC04 (closed account). A
// paid payment gets a return entry (treasury debited, payable credited);
// either way the payment order is cancelled in the ledger, the payment is
// returned, and its instalment is due again: the next batch pays it once
// the beneficiary's IBAN differs from the one returned. Unless the
// convention no longer owes it: terminated before its due date, or its
// clawback decided (which cancelled every unpaid instalment); then the
// instalment is cancelled, as the termination or the decision would have.
// A recovery order issued before counted the paid payment as received: it
// is named in the result, and left as it is.
Result<ReturnedPayment> return_payment(Store& store, const RuleBook& rules, std::int64_t batch_id,
                                       std::int64_t payment_id, const std::string& reason, Date on);

// Cancels a draft or approved batch (never once exported): its payments
// are cancelled, each payment order reversed in the ledger, and its month
// is free again.
Result<BatchSummary> cancel_batch(Store& store, std::int64_t batch_id, const std::string& by, Date on);

// The three below are recorded on `today` (the machine's date, or
// GRANTS_TODAY). Each is InvalidInput, naming the option and both dates,
// for a date before the convention's signature, or after the end of the
// month after today's (the message says from which day it can be
// recorded): no batch that can be prepared today pays an instalment due
// later (a batch is prepared during the month before its own at the
// earliest), and a date years ahead is a mistyped year that no command
// could take back. An event dated ahead, within that bound, changes the
// convention's state at once; batches pay the instalments due before its
// date as usual.

// Instalments due from the first day a suspension or termination applies
// to that a settled batch already paid: the event does not undo them, nor
// recover them.
struct PaidAlready {
  int count = 0;
  Money amount;
};

// Suspends an active convention from `from` (gap year, illness, parental
// leave): its instalments due from that day are held until it resumes.
// Conflict, writing nothing, when the convention is not active, while
// an instalment due on or after `from` has a payment in a batch the bank
// has not paid, as terminate_agreement, or when no unpaid instalment is due
// on or after `from`: the suspension would hold nothing (a convention paid
// to its last instalment stays active while its practice obligation runs).
// InvalidInput when `from` is before the day the convention last resumed:
// the months of that suspension were moved already, and would be moved
// twice. A suspension dated in the past may cover instalments already
// paid: they are counted in the result, not undone.
Result<PaidAlready> suspend_agreement(Store& store, std::int64_t agreement_id, Date from, const std::string& reason,
                                      Date today);
// Resumes a suspended convention on `on`: its unpaid instalments due from
// the suspension on move by the calendar months between the suspension's
// month and the resumption's, counted from their dates at signature by all
// the months moved so far, with the end-of-month rule of its frozen rules
// (see shift_months); the total is unchanged. InvalidInput when `on` is
// before the suspension it ends; Integrity when its frozen rule file cannot
// be read.
struct Resumption {
  int months = 0;  // calendar months from the suspension's month to the resumption's
  int moved = 0;   // unpaid instalments moved by them
};
Result<Resumption> resume_agreement(Store& store, std::int64_t agreement_id, Date on, const std::string& reason,
                                    Date today);
// What a termination did.
struct Termination {
  int cancelled = 0;  // unpaid instalments no longer owed, now cancelled
  // Instalments due after the date that a settled batch already paid: the
  // termination does not recover them.
  PaidAlready paid_after;
};
// Terminates a convention on `on`: its unpaid instalments due after that day
// are cancelled; those due on or before it stay owed, except, when the
// convention is suspended, those due from the suspension's first day (held
// for a resumption that will not come): cancelled too. Conflict, writing
// nothing, while an instalment due after `on` has a payment in a batch the
// bank has not paid (naming each, with what to do: cancel a draft or
// approved batch; wait for an exported one to be settled or the payment
// returned), since the termination could not stop it. InvalidInput when
// `on` is before the day the convention last resumed: it would end the
// convention while suspended, yet leave owed the instalments the
// resumption moved to fall due before `on`. Instalments due after `on` and
// already paid are counted in the result, not undone.
Result<Termination> terminate_agreement(Store& store, std::int64_t agreement_id, Date on, const std::string& reason,
                                        Date today);

// How many of a convention's instalments are in one state, and their sum.
struct StateTotal {
  InstalmentState state;
  std::int64_t count = 0;
  Money sum;
};

// The instalments due from `from` to `to` in each state, in the order a
// reader follows the money: paid, pending in a batch, open, cancelled.
// Empty when the states are not known (a convention just signed).
std::vector<StateTotal> state_totals(const Agreement& g, Date from, Date to);
// The same of the whole schedule.
std::vector<StateTotal> state_totals(const Agreement& g);

// Records a document the convention requires (e.g. an enrolment
// certificate) allowing the instalments due from `from` to `to`, and gives
// those instalments by state, as they stand: that the document releases
// open ones, or that every one it covers is paid or cancelled.
// InvalidInput when `kind` is not one the convention requires, `to`
// precedes `from`, or no instalment of the schedule is due from `from` to
// `to`; Conflict when the same document (kind, dates and reference) is
// already recorded.
Result<std::vector<StateTotal>> add_document(Store& store, const AgreementDocument& d);

// A beneficiary's bank account before and after set_iban (normalised).
struct AccountChange {
  std::string iban_before, bic_before;
  std::string iban, bic;
  // The bank's return reason when `iban` is the IBAN it sent back: batches
  // go on holding the beneficiary's instalments. Empty otherwise.
  std::string returned_reason;
};

// Replaces a beneficiary's IBAN (validated and normalised), e.g. after a
// bank return, and its BIC: `bic` when given (normalised; empty for none),
// else the stored one when the IBAN is the same, else none. A BIC names one
// bank: the one of the old account, sent with the new IBAN, could have the
// transfer routed to the old bank. InvalidInput for an invalid IBAN, or a
// BIC bic_problem refuses (naming the option --bic); NotFound for an unknown
// ref.
Result<AccountChange> set_iban(Store& store, const std::string& ref, const std::string& iban,
                               const std::optional<std::string>& bic);

}  // namespace grants
