// Clawbacks: what a beneficiary who broke the obligation owes back, under
// the scheme's policy, with the formula and its numbers.
//
// Pure: no I/O. Every amount is computed exactly (Rational) and rounded once,
// at the end, with the policy's named Rounding. Instalments not yet paid
// when the breach is found are cancelled, never clawed back: only sums
// received count. Thread-safe.
//
// The formulas (served and owed time as in obligation.h, on the served
// clock up to the breach date, the first day not served):
// - all-sums:   A = P, the sums received;
// - pro-rata:   A = P × (owed − served) / owed, in whole months or in days;
// - decreasing: A = P × rate[y], y the whole years served (0 past the table);
// - cesp:       before the diploma, A = P + max(per_month × months of aid
//               received, minimum); on or after it, A = the flat sum;
// - multiplier: A = factor × Φ × (t − s) / t, t and s the months owed and
//               served, Φ = P plus simple interest at the annual rate on
//               each payment from the day it was paid to the breach
//               (actual/365);
// - a waiver (a reason the policy lists) gives 0.
#pragma once

#include <string>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/obligation.h"
#include "grants/result.h"
#include "grants/rules.h"

namespace grants {

// A payment the bank made to the beneficiary.
struct ReceivedPayment {
  Money amount;
  Date paid_on;
};

// Whether a breach dated before the obligation's recorded start, with no
// breach recorded, is taken: it counts no day served and claws back every
// sum received, which a date typed a year early would do unseen.
enum class BreachBeforeStart {
  kRefuse,     // the default: refused, naming both dates
  kConfirmed,  // --before-start: the practice was broken before it started
};

struct ClawbackCase {
  ClawbackPolicy policy;
  ObligationTerms terms;
  std::vector<ObligationEvent> events;   // sorted by date, then id
  std::vector<ReceivedPayment> received;
  int unpaid_count = 0;  // instalments not paid: cancelled, not clawed back
  Money unpaid;
  Date breach;           // the first day not served
  std::string waiver;    // a reason of policy.waiver_reasons, or empty
  BreachBeforeStart before_start = BreachBeforeStart::kRefuse;
};

// One line of the explanation: what, and the figures.
struct ExplainLine {
  std::string label;
  std::string text;
};

struct Clawback {
  std::string formula;      // "pro-rata by month", "cesp before the diploma", "waived (death)", ...
  Money received;           // P
  int payments = 0;         // how many make P
  Money amount;             // owed, rounded once
  std::vector<ExplainLine> explanation;
};

// Errors: InvalidInput for a waiver reason the policy does not list (naming
// the accepted ones), a breach before the signature, a breach before the
// recorded start of practice (an "installation" or
// "within-months-of-diploma" obligation, no breaching event recorded)
// unless `before_start` confirms it, or a confirmation given where there is
// nothing to confirm; Conflict when the
// breach is after the last day owed (naming it, and, unless the obligation
// was fulfilled, its state on the breach date).
Result<Clawback> compute_clawback(const ClawbackCase& c);

// "all-sums", "pro-rata", ... as in rule files.
std::string_view to_string(ClawbackFormula f);

// An exact amount of euros for explanations: "7 666,67 €" when whole cents,
// else six decimals cut and an ellipsis: "7 666,666666… €".
std::string format_exact_euros(const Rational& euros);

}  // namespace grants
