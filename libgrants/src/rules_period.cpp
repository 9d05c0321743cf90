// One period of a scheme: its keys read over a copy of the period before
// (see rules/README.md, "Periods and inheritance"), then the rules that span
// several keys.
//
// Those multi-key rules (a monthly amount needs `months`, a cesp clawback
// needs its three sums) are checked on the merged result, but only for the
// first period and for sections a period writes itself: a section inherited
// unchanged was already checked where it was written, and reporting it
// again for every later period would bury the one real mistake.
#include <fmt/format.h>

#include <algorithm>

#include "grants/text.h"
#include "rules_internal.h"

namespace grants::rules_detail {

namespace {

constexpr Name<AmountType> kAmountTypes[] = {
    {"monthly", AmountType::kMonthly},
    {"lump-sum", AmountType::kLumpSum},
    {"share-of-cost", AmountType::kShareOfCost},
};
constexpr Name<MonthsFrom> kMonthsFrom[] = {
    {"fixed", MonthsFrom::kFixed},
    {"remaining-study-years", MonthsFrom::kRemainingStudyYears},
};
constexpr Name<FirstPayment> kFirstPayments[] = {
    {"signature", FirstPayment::kSignature},
    {"start", FirstPayment::kStart},
};
constexpr Name<ClawbackFormula> kFormulas[] = {
    {"all-sums", ClawbackFormula::kAllSums},      {"pro-rata", ClawbackFormula::kProRata},
    {"decreasing", ClawbackFormula::kDecreasing}, {"cesp", ClawbackFormula::kCesp},
    {"multiplier", ClawbackFormula::kMultiplier},
};
constexpr Name<ProRataUnit> kUnits[] = {
    {"month", ProRataUnit::kMonth},
    {"day", ProRataUnit::kDay},
};

// The keys of each section, for the unknown-key check.
const std::initializer_list<std::string_view> kPeriodKeys = {
    "from",      "until",  "reference", "professions", "study_years", "commune_in_departement",
    "documents", "amount", "payment",   "obligation",  "clawback",    "accounts",
    "cumul"};
const std::initializer_list<std::string_view> kAmountKeys = {
    "type", "monthly",           "months", "months_from", "max_months", "lump_sum",
    "rate", "cap_by_profession", "cap",    "shares"};
const std::initializer_list<std::string_view> kClawbackKeys = {"formula",
                                                               "rounding",
                                                               "unit",
                                                               "decreasing",
                                                               "cesp_per_month",
                                                               "cesp_minimum",
                                                               "cesp_flat_after_diploma",
                                                               "factor",
                                                               "annual_interest",
                                                               "waiver_reasons"};

bool is_known(std::initializer_list<std::string_view> keys, std::string_view k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// Reports keys a section needs and lacks in the merged draft, at the line
// of the section if this period writes it, else of the period.
class Needs {
 public:
  Needs(const TableReader& period, const Draft& d, std::string_view section, Problems& p)
      : d_(d), section_(section), key_(period.key_of(section)), line_(period.line()), p_(p) {
    if (const toml::node* n = period.table().get(section)) line_ = line_of(*n);
  }
  // True when present.
  bool need(std::string_view k, std::string_view why = "missing (required)") {
    if (d_.has(join_key(section_, k))) return true;
    p_.add(line_, join_key(key_, k), why);
    return false;
  }

 private:
  const Draft& d_;
  std::string section_;
  std::string key_;
  int line_;
  Problems& p_;
};

}  // namespace

Draft PeriodReader::read(const toml::table& raw, const std::string& key, const Draft* before) {
  Draft d = before != nullptr ? *before : Draft{};
  d.dated = false;
  SchemePeriod& p = d.period;
  p.line = line_of(raw);
  p.reference.clear();
  p.to.reset();
  TableReader t(raw, key, p_, kPeriodKeys);
  for (const auto& [k, v] : raw) {
    d.written.insert(std::string(k.str()));
    if (const auto* sub = v.as_table())
      for (const auto& [sk, sv] : *sub) d.written.insert(join_key(k.str(), sk.str()));
  }
  if (auto v = t.date("from", Need::kRequired)) {
    p.from = *v;
    d.dated = true;
  }
  if (auto v = t.string("reference", Need::kRequired)) p.reference = *v;
  if (auto v = t.date("until")) p.to = *v;
  read_professions(t, d);
  read_study_years(t, p);
  if (auto v = t.boolean("commune_in_departement")) p.commune_in_departement = *v;
  read_documents(t, p);
  if (const auto* s = t.subtable("amount"))
    read_amount(TableReader(*s, t.key_of("amount"), p_, kAmountKeys), p.amount);
  if (const auto* s = t.subtable("payment"))
    read_payment(TableReader(*s, t.key_of("payment"), p_,
                             {"day_of_month", "first", "partial", "month_end", "rounding"}),
                 p.payment);
  if (const auto* s = t.subtable("obligation"))
    read_obligation(
        TableReader(*s, t.key_of("obligation"), p_,
                    {"years", "trigger", "start_within_months", "suspension", "evidence"}),
        p.obligation);
  if (const auto* s = t.subtable("clawback"))
    read_clawback(TableReader(*s, t.key_of("clawback"), p_, kClawbackKeys), p.clawback);
  if (const auto* s = t.subtable("accounts"))
    read_accounts(
        TableReader(*s, t.key_of("accounts"), p_, {"expense", "payable", "receivable", "recovery"}),
        p.accounts);
  if (const auto* s = t.subtable("cumul"))
    read_cumul(TableReader(*s, t.key_of("cumul"), p_, {"same_kind_within_years", "cesp_from"}),
               p.cumul);

  const bool first = before == nullptr;
  if (first && !d.has("professions"))
    t.missing("professions", "missing (required in the first period)");
  for (std::string_view section : {"amount", "obligation", "clawback", "accounts"}) {
    if (first && !t.has(section)) {
      t.missing(section, "missing (required in the first period)");
      continue;
    }
    if (t.has(section) && !raw.get(section)->is_table()) continue;  // reported as a wrong type
    if (!first && !t.has(section) &&
        !(section == "amount" && (t.has("professions") || t.has("study_years"))))
      continue;
    if (section == "amount") check_amount(t, d);
    if (section == "obligation") check_obligation(t, d);
    if (section == "clawback") check_clawback(t, d);
    if (section == "accounts") check_accounts(t, d);
  }
  return d;
}

bool PeriodReader::check_profession(const toml::node& n, const std::string& key,
                                    const std::string& id) {
  const Profession* prof = find_profession(id);
  if (prof == nullptr) {
    p_.add(n, key, fmt::format("unknown profession \"{}\" (rules/README.md lists them)", id));
    return false;
  }
  if (beneficiary_ && prof->kind != *beneficiary_) {
    p_.add(n, key,
           fmt::format("\"{}\" is {}, but the scheme's beneficiary is \"{}\"", id,
                       prof->kind == BeneficiaryKind::kPerson ? "a person's profession"
                                                              : "a structure type",
                       name_of(kBeneficiaries, *beneficiary_)));
    return false;
  }
  return true;
}

// The strings of the array `k`, each listed once and passing `check`,
// which reports its own problem; nothing when the key is absent or any
// fails.
std::optional<std::vector<std::string>> PeriodReader::distinct_names(const TableReader& t, std::string_view k,
                                                                     const NameCheck& check) {
  auto list = t.strings(k);
  if (!list) return std::nullopt;
  const toml::array& a = *t.table().get(k)->as_array();
  const std::string key = t.key_of(k);
  bool ok = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string& name = (*list)[i];
    const auto before = list->begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(list->begin(), before, name) != before) {
      p_.add(*a.get(i), index_key(key, i), fmt::format("\"{}\" is listed twice", name));
      ok = false;
    } else {
      ok = check(*a.get(i), index_key(key, i), name) && ok;
    }
  }
  if (!ok) return std::nullopt;
  return list;
}

void PeriodReader::read_professions(const TableReader& t, Draft& d) {
  auto list = distinct_names(t, "professions", [this](const toml::node& n, const std::string& key,
                                                      const std::string& id) { return check_profession(n, key, id); });
  if (!list) return;
  if (list->empty()) {
    p_.add(*t.table().get("professions"), t.key_of("professions"), "empty: list at least one profession");
    return;
  }
  d.period.professions = std::move(*list);
}

// Each document held for payment is one an officer records with
// `agreement document --kind`: a convention stores each once (signing one
// listed twice would fail), and an empty one could never be recorded, its
// instalments held for good.
void PeriodReader::read_documents(const TableReader& t, SchemePeriod& p) {
  auto list = distinct_names(t, "documents", [this](const toml::node& n, const std::string& key,
                                                    const std::string& name) {
    if (!name.empty()) return true;
    p_.add(n, key, "empty string: name the document, e.g. \"enrolment-certificate\"");
    return false;
  });
  if (list) p.documents = std::move(*list);
}

void PeriodReader::read_study_years(const TableReader& t, SchemePeriod& p) {
  const toml::array* a = t.array("study_years");
  if (a == nullptr) return;
  const std::string key = t.key_of("study_years");
  if (a->empty()) {  // an empty list lifts an inherited range
    p.min_study_year.reset();
    p.max_study_year.reset();
    return;
  }
  if (a->size() != 2) {
    p_.add(*a, key,
           fmt::format("expected [first, last], e.g. [4, 10], found {} values", a->size()));
    return;
  }
  auto lo = read_integer(*a->get(0), index_key(key, 0), 1, kMaxStudyYear, p_);
  auto hi = read_integer(*a->get(1), index_key(key, 1), 1, kMaxStudyYear, p_);
  if (!lo || !hi) return;
  if (*lo > *hi) {
    p_.add(*a, key, fmt::format("first year {} is after last year {}", *lo, *hi));
    return;
  }
  p.min_study_year = static_cast<int>(*lo);
  p.max_study_year = static_cast<int>(*hi);
}

std::optional<Money> PeriodReader::positive_money(const toml::node& n, const std::string& key) {
  auto m = read_money(n, key, p_);
  if (m && *m <= Money()) {
    p_.add(n, key, fmt::format("must be positive, found {}", m->to_string()));
    return std::nullopt;
  }
  return m;
}

std::optional<Money> PeriodReader::positive_money(const TableReader& t, std::string_view k) {
  const toml::node* n = t.node(k, Need::kOptional);
  return n != nullptr ? positive_money(*n, t.key_of(k)) : std::nullopt;
}

void PeriodReader::read_amount(const TableReader& t, AmountRule& a) {
  if (auto v = t.name("type", kAmountTypes)) a.type = *v;
  if (auto v = positive_money(t, "monthly")) a.monthly = *v;
  if (auto v = t.name("months_from", kMonthsFrom)) a.months_from = *v;
  if (auto v = t.integer("months", 1, 600)) a.months = *v;
  if (auto v = t.integer("max_months", 0, 600)) a.max_months = *v;
  if (auto v = positive_money(t, "lump_sum")) a.lump_sum = *v;
  if (auto v = t.rate("rate")) {
    if (*v == 0)
      p_.add(*t.table().get("rate"), t.key_of("rate"), "a rate of 0 % pays nothing");
    else
      a.rate = *v;
  }
  if (auto v = positive_money(t, "cap")) a.cap = *v;
  if (const toml::table* caps = t.subtable("cap_by_profession")) {
    // Keys are profession ids, so they are checked as professions.
    for (const auto& [k, v] : *caps) {
      const std::string id(k.str());
      const std::string key = join_key(t.key_of("cap_by_profession"), id);
      if (!check_profession(v, key, id)) continue;
      if (auto m = positive_money(v, key)) a.cap_by_profession[id] = *m;
    }
  }
  if (const toml::array* shares = t.array("shares")) read_shares(*shares, t.key_of("shares"), a);
}

void PeriodReader::read_shares(const toml::array& a, const std::string& key, AmountRule& amount) {
  if (a.empty()) {
    p_.add(a, key, "empty: list at least one share, e.g. [{ fraction = \"100%\" }]");
    return;
  }
  std::vector<Share> shares;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const toml::table* s = a.get(i)->as_table();
    if (s == nullptr) {
      wrong_type(*a.get(i), index_key(key, i),
                 "a table such as { fraction = \"50%\", after_months = 12 }", p_);
      continue;
    }
    const TableReader r(*s, index_key(key, i), p_, {"fraction", "after_months"});
    const toml::node* f = r.node("fraction", Need::kRequired);
    auto fraction =
        f ? read_rate(*f, r.key_of("fraction"), RateRange::kUnitInterval, p_) : std::nullopt;
    if (fraction && *fraction == 0) {
      p_.add(*f, r.key_of("fraction"), "a share of 0 % pays nothing");
      fraction.reset();
    }
    auto after = r.has("after_months") ? r.integer("after_months", 0, 600) : std::optional<int>(0);
    if (fraction && after) shares.push_back({*fraction, *after});
  }
  if (shares.size() != a.size()) return;
  Rational sum = 0;
  for (const auto& s : shares) sum += s.fraction;
  if (sum != 1) {
    p_.add(a, key, fmt::format("the fractions sum to {}, not 100 %", format_rate(sum)));
    return;
  }
  amount.shares = std::move(shares);
}

void PeriodReader::read_payment(const TableReader& t, PaymentRule& r) {
  if (auto v = t.integer("day_of_month", 1, 31)) r.day_of_month = *v;
  if (auto v = t.name("first", kFirstPayments)) r.first = *v;
  if (auto v = t.parsed("partial", &parse_partial_month)) r.partial = *v;
  if (auto v = t.parsed("month_end", &parse_month_end)) r.month_end = *v;
  if (auto v = t.parsed("rounding", &parse_rounding)) r.rounding = *v;
}

void PeriodReader::read_obligation(const TableReader& t, ObligationRule& r) {
  if (auto v = t.integer("years", 0, 40)) r.years = *v;
  if (auto v = t.name("trigger", kTriggers)) r.trigger = *v;
  if (auto v = t.integer("start_within_months", 1, 120)) r.start_within_months = *v;
  if (auto v = t.name("suspension", kSuspensions)) r.suspension = *v;
  if (auto v = t.string("evidence")) r.evidence = *v;
}

void PeriodReader::read_clawback(const TableReader& t, ClawbackPolicy& c) {
  if (auto v = t.name("formula", kFormulas)) c.formula = *v;
  if (auto v = t.parsed("rounding", &parse_rounding)) c.rounding = *v;
  if (auto v = t.name("unit", kUnits)) c.unit = *v;
  if (const toml::array* a = t.array("decreasing")) {
    const std::string key = t.key_of("decreasing");
    std::vector<Rational> shares;
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto r = read_rate(*a->get(i), index_key(key, i), RateRange::kUnitInterval, p_);
      if (!r) continue;
      if (!shares.empty() && *r > shares.back())
        p_.add(
            *a->get(i), index_key(key, i),
            fmt::format("{} after {} whole years is more than {} after {}: the share owed must not "
                        "grow with years served",
                        format_rate(*r), i, format_rate(shares.back()), i - 1));
      shares.push_back(*r);
    }
    if (a->empty())
      p_.add(*a, key, "empty: give the share owed after 0, 1, 2... whole years served");
    if (shares.size() == a->size()) c.decreasing = std::move(shares);
  }
  if (auto v = positive_money(t, "cesp_per_month")) c.cesp_per_month = *v;
  if (auto v = positive_money(t, "cesp_minimum")) c.cesp_minimum = *v;
  if (auto v = positive_money(t, "cesp_flat_after_diploma")) c.cesp_flat_after_diploma = *v;
  if (auto v = t.rate("factor", RateRange::kAnyNonNegative)) {
    if (*v == 0)
      p_.add(*t.table().get("factor"), t.key_of("factor"), "a factor of 0 recovers nothing");
    else
      c.factor = *v;
  }
  if (auto v = t.rate("annual_interest")) c.annual_interest = *v;
  read_waiver_reasons(t, c);
}

// Each reason is what `recovery compute --waiver` must match exactly: listed
// once, and spelt so that it is typed as it is ("Force majeure " never
// matched). A file stored with its conventions reads as it was accepted.
void PeriodReader::read_waiver_reasons(const TableReader& t, ClawbackPolicy& c) {
  if (p_.checks() == RuleChecks::kStored) {
    if (auto v = t.strings("waiver_reasons")) c.waiver_reasons = std::move(*v);
    return;
  }
  auto list =
      distinct_names(t, "waiver_reasons", [this](const toml::node& n, const std::string& key, const std::string& name) {
        if (is_scheme_key(name)) return true;
        p_.add(n, key,
               fmt::format("\"{}\" is given to `--waiver` as it is: spell it with lower-case letters, digits and "
                           "'-', e.g. \"force-majeure\"",
                           printable(name)));
        return false;
      });
  if (list) c.waiver_reasons = std::move(*list);
}

void PeriodReader::read_accounts(const TableReader& t, Accounts& a) {
  for (auto [k, field] :
       {std::pair{"expense", &a.expense}, {"payable", &a.payable}, {"receivable", &a.receivable},
        {"recovery", &a.recovery}}) {
    if (auto v = t.account(k)) *field = *v;
  }
}

void PeriodReader::read_cumul(const TableReader& t, CumulRule& c) {
  if (auto v = t.integer("same_kind_within_years", 0, 40)) c.same_kind_within_years = *v;
  if (auto v = t.date("cesp_from")) c.cesp_from = *v;
}

void PeriodReader::check_amount(const TableReader& period, const Draft& d) {
  Needs needs(period, d, "amount", p_);
  if (!needs.need("type")) return;
  const AmountRule& a = d.period.amount;
  const std::string key = period.key_of("amount");
  const toml::table* raw = period.table().get_as<toml::table>("amount");
  const int line = raw != nullptr ? line_of(*raw) : period.line();
  switch (a.type) {
    case AmountType::kMonthly:
      needs.need("monthly");
      if (a.months_from == MonthsFrom::kFixed)
        needs.need("months",
                   "a monthly amount needs `months`, or months_from = \"remaining-study-years\"");
      else if (!d.period.max_study_year)
        p_.add(line, join_key(key, "months_from"),
               "\"remaining-study-years\" needs the period's study_years = [first, last]");
      break;
    case AmountType::kLumpSum:
      needs.need("lump_sum");
      break;
    case AmountType::kShareOfCost:
      needs.need("rate", "a share-of-cost amount needs `rate`, e.g. \"80%\"");
      for (const auto& [id, cap] : a.cap_by_profession)
        if (std::find(d.period.professions.begin(), d.period.professions.end(), id) ==
            d.period.professions.end())
          p_.add(line, join_key(join_key(key, "cap_by_profession"), id),
                 fmt::format("\"{}\" is not among the period's professions", id));
      break;
  }
  if (raw == nullptr) return;
  check_cap(*raw, key, a);
  for (const auto& [k, v] : *raw)
    if (is_known(kAmountKeys, k.str()) && !amount_key_applies(a.type, k.str()))
      p_.add(v, join_key(key, k.str()),
             fmt::format("does not apply to a \"{}\" amount", name_of(kAmountTypes, a.type)));
}

// An overall cap below one month's amount, or below the lump sum, is a slip
// (a monthly cap typed for the award's): every award would be the cap, in
// one instalment. Checked where the period writes the cap or the amount it
// limits; a file stored with its conventions reads as it was accepted.
void PeriodReader::check_cap(const toml::table& raw, const std::string& key, const AmountRule& a) {
  if (!a.cap || p_.checks() == RuleChecks::kStored) return;
  const bool monthly = a.type == AmountType::kMonthly;
  if (!monthly && a.type != AmountType::kLumpSum) return;
  const char* limited = monthly ? "monthly" : "lump_sum";
  if (!raw.contains("cap") && !raw.contains(limited)) return;
  const Money& amount = monthly ? a.monthly : a.lump_sum;
  if (amount.cents() == 0 || *a.cap >= amount) return;
  const toml::node* at = raw.get("cap") != nullptr ? raw.get("cap") : raw.get(limited);
  p_.add(*at, join_key(key, "cap"),
         fmt::format("{} is below {} {}: every award would be {}{}; the cap limits the whole award",
                     a.cap->to_display(), monthly ? "one month's" : "the lump sum of", amount.to_display(),
                     monthly ? "one instalment of " : "", a.cap->to_display()));
}

void PeriodReader::check_obligation(const TableReader& period, const Draft& d) {
  Needs needs(period, d, "obligation", p_);
  needs.need("years");
  needs.need("trigger");
  const StartTrigger trigger = d.period.obligation.trigger;
  if (trigger == StartTrigger::kWithinMonthsOfDiploma)
    needs.need("start_within_months", "\"within-months-of-diploma\" needs `start_within_months`");
  // Only these two triggers have a deadline to start: elsewhere the value
  // would be read, shown by `rules show`, and never applied.
  if (trigger == StartTrigger::kWithinMonthsOfDiploma || trigger == StartTrigger::kInstallation) return;
  if (p_.checks() == RuleChecks::kStored) return;  // a file conventions were signed under still reads
  if (const toml::table* raw = period.table().get_as<toml::table>("obligation"))
    if (const toml::node* v = raw->get("start_within_months"))
      p_.add(*v, join_key(period.key_of("obligation"), "start_within_months"),
             fmt::format("does not apply to the \"{}\" trigger: only \"within-months-of-diploma\" and "
                         "\"installation\" have a deadline to start",
                         name_of(kTriggers, trigger)));
}

void PeriodReader::check_clawback(const TableReader& period, const Draft& d) {
  Needs needs(period, d, "clawback", p_);
  if (!needs.need("formula")) return;
  const ClawbackFormula f = d.period.clawback.formula;
  const std::string why = fmt::format("the \"{}\" formula needs it", name_of(kFormulas, f));
  switch (f) {
    case ClawbackFormula::kAllSums:
    case ClawbackFormula::kProRata:
      break;
    case ClawbackFormula::kDecreasing:
      needs.need("decreasing", why);
      break;
    case ClawbackFormula::kCesp:
      for (std::string_view k : {"cesp_per_month", "cesp_minimum", "cesp_flat_after_diploma"})
        needs.need(k, why);
      break;
    case ClawbackFormula::kMultiplier:
      needs.need("factor", why);
      needs.need("annual_interest", why);
      break;
  }
  if (const toml::table* raw = period.table().get_as<toml::table>("clawback"))
    for (const auto& [k, v] : *raw)
      if (is_known(kClawbackKeys, k.str()) && !clawback_key_applies(f, k.str()))
        p_.add(v, join_key(period.key_of("clawback"), k.str()),
               fmt::format("does not apply to the \"{}\" formula", name_of(kFormulas, f)));
}

void PeriodReader::check_accounts(const TableReader& period, const Draft& d) {
  Needs needs(period, d, "accounts", p_);
  for (std::string_view k : {"expense", "payable", "receivable"}) needs.need(k);
}

}  // namespace grants::rules_detail

namespace grants {

std::string_view to_string(AmountType t) { return rules_detail::name_of(rules_detail::kAmountTypes, t); }
std::string_view to_string(MonthsFrom m) { return rules_detail::name_of(rules_detail::kMonthsFrom, m); }
std::string_view to_string(FirstPayment f) { return rules_detail::name_of(rules_detail::kFirstPayments, f); }
std::string_view to_string(ProRataUnit u) { return rules_detail::name_of(rules_detail::kUnits, u); }

bool amount_key_applies(AmountType type, std::string_view k) {
  if (k == "type" || k == "cap") return true;
  switch (type) {
    case AmountType::kMonthly:
      return k == "monthly" || k == "months" || k == "months_from" || k == "max_months";
    case AmountType::kLumpSum:
      return k == "lump_sum" || k == "shares";
    case AmountType::kShareOfCost:
      return k == "rate" || k == "cap_by_profession" || k == "shares";
  }
  return false;
}

bool clawback_key_applies(ClawbackFormula f, std::string_view k) {
  if (k == "formula" || k == "rounding" || k == "waiver_reasons") return true;
  switch (f) {
    case ClawbackFormula::kAllSums:
      return false;
    case ClawbackFormula::kProRata:
      return k == "unit";
    case ClawbackFormula::kDecreasing:
      return k == "decreasing";
    case ClawbackFormula::kCesp:
      return k == "cesp_per_month" || k == "cesp_minimum" || k == "cesp_flat_after_diploma";
    case ClawbackFormula::kMultiplier:
      return k == "factor" || k == "annual_interest";
  }
  return false;
}

}  // namespace grants
