// Private to rules_parse.cpp and rules_period.cpp: the names rule files
// use for enums, and the reader of one period.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "grants/rules.h"
#include "rules_reader.h"

namespace grants::rules_detail {

inline constexpr Name<SchemeKind> kSchemeKinds[] = {
    {"bursary", SchemeKind::kBursary},
    {"allowance", SchemeKind::kAllowance},
    {"equipment-aid", SchemeKind::kEquipmentAid},
    {"investment-aid", SchemeKind::kInvestmentAid},
    {"supplement", SchemeKind::kSupplement},
};
inline constexpr Name<StartTrigger> kTriggers[] = {
    {"diploma", StartTrigger::kDiploma},
    {"installation", StartTrigger::kInstallation},
    {"within-months-of-diploma", StartTrigger::kWithinMonthsOfDiploma},
    {"aid-granted", StartTrigger::kAidGranted},
};
inline constexpr Name<SuspensionEffect> kSuspensions[] = {
    {"extends", SuspensionEffect::kExtends},
    {"counts", SuspensionEffect::kCounts},
};
inline constexpr Name<BeneficiaryKind> kBeneficiaries[] = {
    {"person", BeneficiaryKind::kPerson},
    {"structure", BeneficiaryKind::kStructure},
};

// Lower-case letters, digits and '-', neither first nor last: the spelling
// of a scheme key, of a rule file's name, and of anything else a command line
// takes as it is (a waiver reason).
bool is_scheme_key(std::string_view k);

// A period's merged parameters, and which keys ("professions",
// "amount.months", ...) it or an earlier period wrote: the struct's defaults
// cannot tell a missing key from one written with the default value.
struct Draft {
  SchemePeriod period;
  std::set<std::string, std::less<>> written;
  bool dated = false;  // this period's own `from` was read
  bool has(std::string_view k) const { return written.find(k) != written.end(); }
};

// Reads the periods of one scheme, in order. `beneficiary` is nullopt when the scheme's own
// beneficiary key was bad, so professions are then checked only for existence.
class PeriodReader {
 public:
  PeriodReader(Problems& problems, std::optional<BeneficiaryKind> beneficiary)
      : p_(problems), beneficiary_(beneficiary) {}

  Draft read(const toml::table& raw, const std::string& key, const Draft* before);

 private:
  bool check_profession(const toml::node& n, const std::string& key, const std::string& id);
  using NameCheck = std::function<bool(const toml::node& n, const std::string& key, const std::string& name)>;
  std::optional<std::vector<std::string>> distinct_names(const TableReader& t, std::string_view k,
                                                         const NameCheck& check);
  void read_professions(const TableReader& t, Draft& d);
  void read_documents(const TableReader& t, SchemePeriod& p);
  void read_study_years(const TableReader& t, SchemePeriod& p);
  void read_amount(const TableReader& t, AmountRule& a);
  void read_shares(const toml::array& a, const std::string& key, AmountRule& amount);
  void read_payment(const TableReader& t, PaymentRule& r);
  void read_obligation(const TableReader& t, ObligationRule& r);
  void read_clawback(const TableReader& t, ClawbackPolicy& c);
  void read_waiver_reasons(const TableReader& t, ClawbackPolicy& c);
  void read_accounts(const TableReader& t, Accounts& a);
  void read_cumul(const TableReader& t, CumulRule& c);
  std::optional<Money> positive_money(const toml::node& n, const std::string& key);
  std::optional<Money> positive_money(const TableReader& t, std::string_view k);

  // Multi-key rules, on the merged draft (see rules_period.cpp).
  void check_amount(const TableReader& period, const Draft& d);
  void check_cap(const toml::table& raw, const std::string& key, const AmountRule& a);
  void check_obligation(const TableReader& period, const Draft& d);
  void check_clawback(const TableReader& period, const Draft& d);
  void check_accounts(const TableReader& period, const Draft& d);

  Problems& p_;
  std::optional<BeneficiaryKind> beneficiary_;
};

}  // namespace grants::rules_detail
