// Rule files: the schemes of one département and their dated parameters.
//
// One TOML file per département (rules/loir-et-cher.toml, rules/vienne.toml).
// Each scheme has one or more periods; a period starts on `from` and carries a
// legal reference and the full parameter set in force until the next period
// starts (a period repeats only the keys that change: the others are
// inherited from the period before). A convention signed on date D uses the
// period in force on D and keeps the file's SHA-256, so later edits never
// change it. The file format is documented in rules/README.md.
//
// Parsing is pure: no I/O except in the load_* functions. Values are
// immutable once loaded; thread-safe to share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grants/date.h"
#include "grants/money.h"
#include "grants/profession.h"
#include "grants/result.h"
#include "grants/schedule.h"

namespace grants {

enum class SchemeKind { kBursary, kAllowance, kEquipmentAid, kInvestmentAid, kSupplement };
std::string_view to_string(SchemeKind k);  // "bursary", "allowance", "equipment-aid", ...

enum class AmountType {
  kMonthly,      // "monthly": a rate per month over a number of months
  kLumpSum,      // "lump-sum": a fixed sum paid in shares
  kShareOfCost,  // "share-of-cost": a rate of the eligible expenses, capped, paid in shares
};
enum class MonthsFrom {
  kFixed,                  // "fixed": `months` months
  kRemainingStudyYears,    // "remaining-study-years": 12 per study year from the
                           // applicant's year to the scheme's last eligible year
};
std::string_view to_string(AmountType t);  // "monthly" | "lump-sum" | "share-of-cost"
std::string_view to_string(MonthsFrom m);  // "fixed" | "remaining-study-years"

// Whether an amount of `type` reads the key `k` of its `amount` table:
// `rules check` reports any other as not applying (it would be silently
// ignored), and `rules show` gives it as null.
bool amount_key_applies(AmountType type, std::string_view k);

struct AmountRule {
  AmountType type = AmountType::kMonthly;
  // kMonthly
  Money monthly;
  MonthsFrom months_from = MonthsFrom::kFixed;
  int months = 0;       // kFixed
  int max_months = 0;   // 0: no maximum
  // kLumpSum
  Money lump_sum;
  // kShareOfCost
  Rational rate;
  std::map<std::string, Money> cap_by_profession;  // profession id -> cap
  // all types: overall cap of the award (none when empty)
  std::optional<Money> cap;
  // kLumpSum and kShareOfCost: how the award is paid (default: all at start)
  std::vector<Share> shares;
};

enum class FirstPayment {
  kSignature,  // "signature": the aid starts on the signature date
  kStart,      // "start": on the start date given at application (e.g. academic year)
};
std::string_view to_string(FirstPayment f);  // "signature" | "start"

struct PaymentRule {
  int day_of_month = 5;
  FirstPayment first = FirstPayment::kStart;
  PartialMonth partial = PartialMonth::kFull;
  MonthEnd month_end = MonthEnd::kClamp;
  Rounding rounding = Rounding::kHalfEven;
};

enum class StartTrigger {
  kDiploma,                // "diploma": on the date of the diploma
  kInstallation,           // "installation": when the professional settles
  kWithinMonthsOfDiploma,  // "within-months-of-diploma": installation, at most
                           // `start_within_months` after the diploma
  kAidGranted,             // "aid-granted": on the date the aid is granted
};
enum class SuspensionEffect {
  kExtends,   // "extends": a suspension pushes the end date back
  kCounts,    // "counts": suspended time counts as served
};
std::string_view to_string(StartTrigger t);      // "diploma", "installation", ...
std::string_view to_string(SuspensionEffect e);  // "extends" | "counts"

struct ObligationRule {
  int years = 3;
  StartTrigger trigger = StartTrigger::kInstallation;
  int start_within_months = 0;  // deadline to start, 0 when none
  SuspensionEffect suspension = SuspensionEffect::kExtends;
  std::string evidence;         // e.g. "yearly-certificate"
};

enum class ClawbackFormula {
  kAllSums,     // "all-sums": every sum received
  kProRata,     // "pro-rata": paid × unserved / owed, by month or by day
  kDecreasing,  // "decreasing": a share of the sums by whole years served
  kCesp,        // "cesp": sums + per-month penalty (with a minimum) before the
                // diploma, a flat sum after it
  kMultiplier,  // "multiplier": factor × Φ × (t − s) / t, Φ with interest
};
enum class ProRataUnit { kMonth, kDay };
std::string_view to_string(ProRataUnit u);  // "month" | "day"

// As amount_key_applies, for the keys of a `clawback` table and `f`.
bool clawback_key_applies(ClawbackFormula f, std::string_view k);

struct ClawbackPolicy {
  ClawbackFormula formula = ClawbackFormula::kProRata;
  Rounding rounding = Rounding::kHalfEven;
  ProRataUnit unit = ProRataUnit::kMonth;  // kProRata
  std::vector<Rational> decreasing;        // kDecreasing: share owed after 0, 1, 2... whole years
  Money cesp_per_month;                    // kCesp
  Money cesp_minimum;                      // kCesp
  Money cesp_flat_after_diploma;           // kCesp
  Rational factor;                         // kMultiplier
  Rational annual_interest;                // kMultiplier
  std::vector<std::string> waiver_reasons; // e.g. "death", "disability", "force-majeure"
};

// M57 account codes used for ledger entries of this scheme.
struct Accounts {
  std::string expense;     // debited by a payment, e.g. "6513"
  std::string payable;     // credited by a payment, e.g. "4041"
  std::string receivable;  // debited by a recovery order, e.g. "4641"
  // Credited by a recovery order (titre de recette), e.g. "773"; empty when
  // the file gives none, and then no recovery order can be booked.
  std::string recovery;
};

// Limits on combining aids, checked at application (anti-cumul).
struct CumulRule {
  // No convention of a scheme of the same kind signed within this many years
  // before the application; 0 for no limit.
  int same_kind_within_years = 0;
  // A CESP (national public-service contract) signed or requested on or
  // after this date excludes the aid; none when unset.
  std::optional<Date> cesp_from;
};

// Years of study are counted from 1; no health curriculum runs past this one.
constexpr int kMaxStudyYear = 15;

struct SchemePeriod {
  Date from;
  std::optional<Date> to;  // the day before the next period starts, or open
  std::string reference;   // délibération or legal text
  int line = 0;            // where the period starts in its file
  std::vector<std::string> professions;  // eligible profession ids
  std::optional<int> min_study_year;
  std::optional<int> max_study_year;
  // The beneficiary's commune must be in the département (INSEE code starts
  // with the file's `code`); for installation and structure aids.
  bool commune_in_departement = false;
  std::vector<std::string> documents;  // e.g. "enrolment-certificate", held for payment
  AmountRule amount;
  PaymentRule payment;
  ObligationRule obligation;
  ClawbackPolicy clawback;
  Accounts accounts;
  CumulRule cumul;
};

struct Scheme {
  std::string id;    // "<file stem>/<key>", e.g. "loir-et-cher/intern-bursary"
  int line = 0;      // where its table starts in its file
  std::string name;  // French name
  SchemeKind kind = SchemeKind::kBursary;
  BeneficiaryKind beneficiary = BeneficiaryKind::kPerson;
  std::vector<SchemePeriod> periods;  // sorted by `from`, not overlapping
  // The period in force on `d`, or nullptr when none is.
  const SchemePeriod* in_force(Date d) const;
  // Where a date in_force() has no period for lies: "before the scheme
  // starts on 2025-01-01" or "after the scheme ended on ...", so that a date
  // typed in the wrong year is seen at once. Periods leave no gap.
  std::string outside(Date d) const;
  // "scheme \"ID\" has no parameters in force on D, " and outside(D).
  std::string not_in_force(Date d) const;
};

// The département's account that pays its aids (the debtor of SEPA credit
// transfers), and the treasury account the ledger credits when the bank pays.
struct Payer {
  std::string name;     // as sent to the bank, e.g. "Departement de Loir-et-Cher"
  std::string iban;     // normalised (validated like any IBAN)
  std::string bic;      // optional
  std::string account;  // M57 treasury account, e.g. "515"
};

struct RuleFile {
  std::string path;         // as given
  std::string name;         // file name, e.g. "loir-et-cher.toml"
  std::string departement;  // e.g. "Loir-et-Cher"
  std::string code;         // département code, e.g. "41"
  std::string reference;    // the plan or texts the file comes from
  std::optional<Payer> payer;  // [payer]; without it the file's aids cannot be paid
  std::string sha256;       // of `content`
  std::string content;      // the exact bytes parsed
  std::vector<Scheme> schemes;
};

// Parses and validates one rule file's text. `path` names it in errors.
// On error, details lists every problem found, each as
//   "<path>:<line>: <key>: <what is wrong>"
// e.g. "rules/x.toml:12: schemes.intern-bursary.periods[0].amount.monthly:
// \"500,005\" is not an amount: more than two decimals". Problems found:
// TOML syntax, unknown keys, wrong types, missing required keys, unknown
// professions or enum values, amounts or rates that do not parse, periods
// out of order or with the same start date, study years out of range,
// account numbers that are not M57 accounts.
//
// `checks` is kStored for a file read back from the database, where it was
// stored with the conventions signed under it: the checks added to the
// engine since (kAll's account shape, a start_within_months its trigger
// does not use, the file name's spelling) are left out, so that a file once
// accepted still reads and its conventions are still paid and exported.
enum class RuleChecks { kAll, kStored };
Result<RuleFile> parse_rules(std::string_view content, std::string_view path,
                             RuleChecks checks = RuleChecks::kAll);
// Reads a file and parses it. Error when it cannot be read.
Result<RuleFile> load_rules_file(const std::string& path);

// All schemes of several rule files.
struct RuleBook {
  std::vector<RuleFile> files;

  struct Found {
    const RuleFile* file = nullptr;
    const Scheme* scheme = nullptr;
  };
  // The scheme with this id; nullopt when unknown.
  std::optional<Found> find(std::string_view scheme_id) const;
  // The same, or an error that lists the known ids: a typo is seen at once.
  Result<Found> require(std::string_view scheme_id) const;
};
// Loads every path; a directory contributes its *.toml files in name order.
// Error lists the problems of every file, and scheme ids defined twice.
Result<RuleBook> load_rule_book(const std::vector<std::string>& paths);

}  // namespace grants
