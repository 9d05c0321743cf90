#include "grants/service.h"

#include <algorithm>

#include <fmt/format.h>

#include "grants/award.h"
#include "grants/beneficiary_csv.h"
#include "grants/csv.h"
#include "grants/eligibility.h"
#include "service_internal.h"

namespace grants {

namespace {

Result<Application> load_application(Store& store, std::int64_t id) {
  return existing(store.find_application(id), fmt::format("application {}", id));
}

std::string unmet_conditions(const Application& a) {
  std::string out;
  for (const auto& c : a.conditions)
    if (!c.met) out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", c.name, c.why);
  return out;
}

}  // namespace

Result<Beneficiary> add_beneficiary(Store& store, Beneficiary b) {
  auto problems = validate_beneficiary(b);
  if (!problems.empty())
    return Error::InvalidInput(fmt::format("beneficiary \"{}\" is not valid, nothing written", b.ref),
                               std::move(problems));
  if (auto st = store.add_beneficiaries({b}); !st) return st.error();
  auto stored = store.find_beneficiary(b.ref);
  if (!stored) return stored.error();
  if (!stored->has_value()) return Error::Internal("beneficiary vanished after insert: " + b.ref);
  return std::move(**stored);
}

Result<std::size_t> import_beneficiaries(Store& store, const std::string& csv_path) {
  auto table = read_csv_file(csv_path);
  if (!table) return table.error();
  auto rows = parse_beneficiaries_csv(*table, csv_path);
  if (!rows) {
    // The list names every bad row: the rows whose ref is already stored
    // go in it too, read again with the store's answers.
    Status lookup = Ok();
    auto stored = [&](const std::string& ref) {
      auto found = lookup ? store.find_beneficiary(ref) : Result<std::optional<Beneficiary>>(std::nullopt);
      if (!found) lookup = found.error();
      return found && found->has_value();
    };
    auto again = parse_beneficiaries_csv(*table, csv_path, stored);
    if (!lookup) return lookup.error();
    return again ? rows.error() : again.error();
  }
  auto st = store.add_beneficiaries(*rows);
  if (st) return rows->size();
  if (st.error().code() != ErrorCode::kConflict) return st.error();
  // Name every row whose ref is already stored, with its line, as for any
  // other bad row; rows[i] is the record of table->rows[i].
  std::vector<std::string> details;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    auto existing = store.find_beneficiary((*rows)[i].ref);
    if (!existing) return existing.error();
    if (existing->has_value())
      details.push_back(fmt::format("{}:{}: field 'ref': value \"{}\": already exists in the database",
                                    csv_path, table->rows[i].line, (*rows)[i].ref));
  }
  if (details.empty()) return st.error();  // a clash with a row written meanwhile
  std::string message = fmt::format("{}: {} with stored beneficiaries, nothing imported", csv_path,
                                    details.size() == 1 ? "1 row clashes" : fmt::format("{} rows clash", details.size()));
  return Error::Conflict(std::move(message), std::move(details));
}

namespace {

// What else the store holds of `in.beneficiary` that the eligibility rules
// weigh: the conventions already signed, with their schemes' kinds, and the
// CESP declarations.
Status add_records(Store& store, const RuleBook& rules, EligibilityInput& in) {
  auto prior = store.conventions_of(in.beneficiary->id);
  if (!prior) return prior.error();
  for (PriorConvention& c : *prior)
    if (auto scheme = rules.find(c.scheme_id)) {
      c.kind = scheme->scheme->kind;
      in.conventions.push_back(std::move(c));
    }
  auto cesp = store.cesp_of(in.beneficiary->id);
  if (!cesp) return cesp.error();
  in.cesp = std::move(*cesp);
  return Ok();
}

}  // namespace

Result<Application> submit_application(Store& store, const RuleBook& rules, const SubmitRequest& r) {
  if (r.expenses && *r.expenses < Money())
    return Error::InvalidInput(fmt::format("expenses of {} are negative: nothing recorded", r.expenses->to_display()));
  if (r.study_year && (*r.study_year < 1 || *r.study_year > kMaxStudyYear))
    return Error::InvalidInput(
        fmt::format("study year {} is outside 1-{}: nothing recorded", *r.study_year, kMaxStudyYear));
  auto found = rules.require(r.scheme_id);
  if (!found) return found.error();
  // A start date or expenses the scheme does not use would be recorded and
  // shown with the application, and the officer believe the aid paid from
  // that date or on those expenses.
  if (const SchemePeriod* p = found->scheme->in_force(r.on)) {
    if (r.start && p->payment.first != FirstPayment::kStart)
      return Error::InvalidInput(fmt::format(
          "option --start: {} is paid from the convention's signature, not from a start date: leave --start out; "
          "nothing recorded",
          r.scheme_id));
    if (r.expenses && p->amount.type != AmountType::kShareOfCost)
      return Error::InvalidInput(fmt::format(
          "option --expenses: {} pays {}, not a share of expenses: leave --expenses out; nothing recorded",
          r.scheme_id, p->amount.type == AmountType::kMonthly ? "a monthly amount" : "a lump sum"));
  }
  auto b = existing(store.find_beneficiary(r.beneficiary_ref),
                    fmt::format("beneficiary \"{}\"", r.beneficiary_ref));
  if (!b) return b.error();

  Application a;
  a.beneficiary_id = b->id;
  a.beneficiary_ref = b->ref;
  a.scheme_id = r.scheme_id;
  a.submitted_on = r.on;
  a.study_year = r.study_year;
  a.start = r.start;
  a.expenses = r.expenses;
  EligibilityInput in{&*b, r.on, r.study_year, r.start, r.expenses};
  if (auto st = add_records(store, rules, in); !st) return st.error();
  a.conditions = check_eligibility(*found->file, *found->scheme, in);
  a.eligible = std::all_of(a.conditions.begin(), a.conditions.end(),
                           [](const Condition& c) { return c.met; });
  auto id = store.add_application(a);
  if (!id) return id.error();
  a.id = *id;
  return a;
}

Status declare_cesp(Store& store, const std::string& ref, CespDeclaration c) {
  auto b = existing(store.find_beneficiary(ref), fmt::format("beneficiary \"{}\"", ref));
  if (!b) return b.error();
  c.beneficiary_id = b->id;
  auto id = store.add_cesp(c);
  if (!id) return id.error();
  return Ok();
}

Result<Application> decide_application(Store& store, const DecideRequest& r) {
  auto a = load_application(store, r.application_id);
  if (!a) return a.error();
  // Decided already comes first: an officer told to give a reason or
  // another date would do so, only to learn then that it was decided.
  if (a->state != ApplicationState::kSubmitted)
    return Error::Conflict(fmt::format("application {} was already {} ({} of {})", a->id,
                                       to_string(a->state), a->decision->deliberation,
                                       format_date(a->decision->date)));
  if (r.deliberation.empty())
    return Error::InvalidInput("a decision needs the délibération number (--deliberation)");
  if (r.outcome == ApplicationState::kRejected && r.reason.empty())
    return Error::InvalidInput("a rejection needs a reason (--reason)");
  if (r.date < a->submitted_on)
    return Error::InvalidInput(fmt::format("decision date {} is before the submission on {}",
                                           format_date(r.date), format_date(a->submitted_on)));
  if (r.outcome == ApplicationState::kApproved && !a->eligible)
    return Error::Conflict(fmt::format("application {} cannot be approved: {}", a->id,
                                       unmet_conditions(*a)));
  Decision d{r.outcome, r.deliberation, r.date, r.reason};
  if (auto st = store.record_decision(a->id, d); !st) return st.error();
  a->state = r.outcome;
  a->decision = d;
  return a;
}

Result<Agreement> sign_agreement(Store& store, const RuleBook& rules, const SignRequest& r) {
  // The checks below and the convention are one transaction under the write
  // lock: two applications of one beneficiary signed at the same moment see
  // each other.
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto a = load_application(store, r.application_id);
  if (!a) return a.error();
  if (a->state != ApplicationState::kApproved)
    return Error::Conflict(fmt::format("application {} is {}, only an approved application can be signed",
                                       a->id, to_string(a->state)));
  if (r.on < a->decision->date)
    return Error::InvalidInput(fmt::format("signature date {} is before the decision of {}",
                                           format_date(r.on), format_date(a->decision->date)));
  auto found = rules.require(a->scheme_id);
  if (!found) return found.error();
  const SchemePeriod* period = found->scheme->in_force(r.on);
  if (period == nullptr)
    return Error::InvalidInput(found->scheme->not_in_force(r.on));
  auto b = store.find_beneficiary(a->beneficiary_id);
  if (!b) return b.error();
  if (!b->has_value()) return Error::Internal("application without beneficiary");

  // The conditions that depend on other records, asked again: a convention
  // signed or a CESP declared since the application was submitted (two
  // applications for one aid, approved side by side) counts as it would
  // have then.
  EligibilityInput now{&**b, a->submitted_on, a->study_year, a->start, a->expenses};
  if (auto st = add_records(store, rules, now); !st) return st.error();
  // Signed already: said so, rather than as a condition its own convention
  // fails (the same months paid twice, anti-cumul), which would send the
  // officer looking for another aid.
  for (const PriorConvention& c : now.conventions) {
    if (c.scheme_id != a->scheme_id) continue;
    auto other = detail::load_agreement(store, c.id);
    if (!other) return other.error();
    if (other->application_id == a->id)
      return Error::Conflict(fmt::format("application {} already has convention {}, signed on {}", a->id, c.id,
                                         format_date(c.signed_on)));
  }
  for (const Condition& c : check_eligibility(*found->file, *found->scheme, now))
    if (!c.met && (c.name == "anti-cumul" || c.name == "CESP"))
      return Error::Conflict(fmt::format("application {} cannot be signed: {}: {}", a->id, c.name, c.why));

  AwardInput in{(*b)->profession, r.on, a->start, a->study_year, a->expenses};
  auto schedule = compute_award(*period, in);
  if (!schedule)
    return Error::InvalidInput(fmt::format("application {}: {}", a->id, schedule.error().message()),
                               schedule.error().details());

  // The same aid twice for the same months would pay them twice: a live
  // convention of this scheme must have ended before this one begins.
  const auto& own = schedule->instalments;
  for (const PriorConvention& c : now.conventions) {
    if (c.scheme_id != a->scheme_id || own.empty()) continue;
    const Date from = own.front().covers_from, to = own.back().covers_to;
    auto other = detail::load_agreement(store, c.id);
    if (!other) return other.error();
    if (other->state != AgreementState::kActive && other->state != AgreementState::kSuspended) continue;
    const auto& paid = other->schedule.instalments;
    if (paid.empty() || paid.back().covers_to < from || to < paid.front().covers_from) continue;
    return Error::Conflict(fmt::format(
        "application {} cannot be signed: convention {} of {}, {}, covers {} to {}, and this one would cover {} "
        "to {}: the same months would be paid twice",
        a->id, c.id, a->beneficiary_ref, to_string(other->state), format_date(paid.front().covers_from),
        format_date(paid.back().covers_to), format_date(from), format_date(to)));
  }

  Agreement g;
  g.application_id = a->id;
  g.beneficiary_id = a->beneficiary_id;
  g.beneficiary_ref = a->beneficiary_ref;
  g.scheme_id = a->scheme_id;
  g.signed_on = r.on;
  g.start = schedule->instalments.empty() ? r.on : schedule->instalments.front().covers_from;
  g.rule_file = found->file->name;
  g.rule_sha256 = found->file->sha256;
  g.rule_period_from = period->from;
  g.rule_reference = period->reference;
  g.schedule = std::move(*schedule);
  g.departement_code = found->file->code;
  g.expense_account = period->accounts.expense;
  g.payable_account = period->accounts.payable;
  g.receivable_account = period->accounts.receivable;
  g.required_documents = period->documents;
  StoredRuleFile stored{found->file->sha256, found->file->name, found->file->content};
  auto id = store.add_agreement(g, stored);
  if (!id) return id.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  g.id = *id;
  return g;
}

}  // namespace grants
