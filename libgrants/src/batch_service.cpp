// The finance officer's operations on batches and on the schedules they pay.
// Each opens one write transaction: the batch, its payments and ledger
// entries are committed together or not at all.
#include "grants/batch_service.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "ascii.h"
#include "grants/iban.h"
#include "grants/obligation_service.h"
#include "grants/text.h"
#include "frozen_rules.h"
#include "service_internal.h"

namespace grants {

namespace {

// Rows handled at a time: bounds memory whatever the size of the batch.
constexpr std::size_t kChunk = 8192;

Result<BatchSummary> load_batch(Store& store, std::int64_t id) {
  return existing(store.find_batch(id), fmt::format("batch {}", id));
}

using detail::load_agreement;
using detail::require_reason;
using detail::treasury_of;

std::string describe_batch(const BatchSummary& b) {
  return fmt::format("batch {} ({}, prepared by {} on {})", b.id, to_string(b.state), b.prepared_by,
                     format_date(b.prepared_on));
}

// Where batch `b` stands, with the day and person that put it there, then
// what can still be done with it: a refusal of a step the batch is not in
// the state for, e.g. "batch 3 (2024-11) was exported on 2024-11-04 (MsgId
// GRANTS-B000003-20241104093000) for execution on 2024-11-05: only a draft
// can be approved; once the bank has paid, settle it with `batch settle 3`,
// and record a transfer that comes back with `batch return 3 --payment ID
// --reason CODE`".
Error wrong_batch_state(const BatchSummary& b, std::string_view only) {
  const std::string id = std::to_string(b.id);
  const std::string returned =
      fmt::format("record a transfer that comes back with `batch return {} --payment ID --reason CODE`", id);
  std::string where, next;
  switch (b.state) {
    case BatchState::kDraft:
      where = fmt::format("is a draft, prepared by {} on {}", b.prepared_by, format_date(b.prepared_on));
      next = fmt::format("approve it with `batch approve {} --by NAME` (someone other than {}), or cancel it with "
                         "`batch cancel {} --by NAME`",
                         id, b.prepared_by, id);
      break;
    case BatchState::kApproved:
      where = fmt::format("was approved by {} on {}", b.approved_by, b.approved_on ? format_date(*b.approved_on) : "?");
      next = fmt::format("export it with `batch export {} --sepa FILE`, or cancel it with `batch cancel {} --by NAME`",
                         id, id);
      break;
    case BatchState::kExported:
      where = fmt::format("was exported on {} (MsgId {}) for execution on {}", b.created_at.substr(0, 10), b.msg_id,
                          b.execution_date ? format_date(*b.execution_date) : "?");
      next = fmt::format("once the bank has paid, settle it with `batch settle {}`, and {}", id, returned);
      break;
    case BatchState::kSettled:
      where = fmt::format("was settled on {}", b.settled_on ? format_date(*b.settled_on) : "?");
      next = fmt::format("the bank has paid it: {}", returned);
      break;
    case BatchState::kCancelled:
      where = fmt::format("was cancelled by {} on {}", b.cancelled_by,
                          b.cancelled_on ? format_date(*b.cancelled_on) : "?");
      next = fmt::format("its payments are cancelled: prepare {} again with `batch run --month {}`",
                         b.month.to_string(), b.month.to_string());
      break;
  }
  return Error::Conflict(fmt::format("batch {} ({}) {}: {}; {}", id, b.month.to_string(), where, only, next));
}

// The département paying each payment, from the rule files' [payer].
std::vector<Debtor> debtors(const RuleBook& rules) {
  std::vector<Debtor> out;
  for (const auto& f : rules.files)
    if (f.payer) out.push_back(Debtor{f.code, f.payer->name, f.payer->iban, f.payer->bic});
  return out;
}

// "GRANTS-B000012-20250105101500": the batch and the file's creation time;
// 29 characters of the SEPA set, unique per export.
std::string msg_id(std::int64_t batch_id, std::string_view created_at) {
  std::string stamp;
  for (char c : created_at)
    if (ascii::is_digit(c)) stamp += c;
  return fmt::format("GRANTS-B{:06}-{}", batch_id, stamp.substr(0, 14));
}

// The last day a date given on `today` may be ahead of it: the end of the
// month after today's. A batch is prepared during the month before its own
// at the earliest, so a later date concerns no batch that can be prepared
// yet: years ahead, it is a mistyped year (2035 for 2025).
Date latest_ahead(Date today) { return add_months(today, 1, MonthEnd::kClamp).end_of_month(); }

// The day of an ISO date-time such as a SEPA file's creation time; nullopt
// when empty (a batch not exported) or not a date-time (write_sepa refuses
// it).
std::optional<Date> date_of(std::string_view date_time) {
  auto d = parse_date(date_time.substr(0, 10));
  if (!d) return std::nullopt;
  return *d;
}

// InvalidInput when `on`, given as `option` (typed `shown`), is before a
// step batch `b` went through, naming the latest: each step is dated on or
// after those before it, so that the ledger's entries (payment orders on
// the preparation day, settlements, returns, cancellations) keep the order
// of their dates.
Status not_before_steps(std::string_view option, std::string_view shown, Date on, const BatchSummary& b) {
  struct Done {
    const char* what;
    std::optional<Date> day;
  };
  const Done latest_first[] = {{"settled", b.settled_on},
                               {"exported", date_of(b.created_at)},
                               {"approved", b.approved_on},
                               {"prepared", b.prepared_on}};
  for (const Done& step : latest_first)
    if (step.day && on < *step.day)
      return Error::InvalidInput(fmt::format("option {}: {} is before batch {} was {}, on {}", option, shown, b.id,
                                             step.what, format_date(*step.day)));
  return Ok();
}
Status not_before_steps(std::string_view option, Date on, const BatchSummary& b) {
  return not_before_steps(option, format_date(on), on, b);
}

// Runs `step` on the payment orders of a batch's payments in `state`, a
// chunk at a time. `step` must move those payments out of `state`.
template <class Step>
Status for_each_order_chunk(Store& store, std::int64_t batch_id, PaymentState state, Step&& step) {
  std::int64_t after = 0;
  for (;;) {
    auto orders = store.payment_orders(batch_id, state, after, kChunk);
    if (!orders) return orders.error();
    if (orders->empty()) return Ok();
    after = orders->back().payment_id;
    if (auto st = step(*orders); !st) return st;
  }
}

// The due date of instalment `number` of `g`.
Result<Date> due_of(const Agreement& g, int number) {
  for (const Instalment& i : g.schedule.instalments)
    if (i.number == number) return i.due;
  return Error::Internal(
      fmt::format("convention {} has a payment of instalment {}, not in its schedule", g.id, number));
}

// The last event of `g` of that kind; nullptr when there is none.
const AgreementEvent* last_event(const Agreement& g, AgreementEventKind kind) {
  auto e = std::find_if(g.events.rbegin(), g.events.rend(), [kind](const AgreementEvent& x) { return x.kind == kind; });
  return e == g.events.rend() ? nullptr : &*e;
}

// Refusal of a step convention `g` is not in the state for: where it
// stands, since when and why, then what can be done with it, e.g.
// "convention 1 of B-0001 was suspended from 2024-11-01 (congé maternité):
// only an active convention can be suspended; resume it with `agreement
// resume 1 --on DATE --reason TEXT`, or terminate it with `agreement
// terminate 1 --on DATE --reason TEXT`".
Error wrong_agreement_state(const Agreement& g, std::string_view only) {
  const auto since = [&](AgreementEventKind kind, std::string_view done) {
    const AgreementEvent* e = last_event(g, kind);
    if (e == nullptr) return fmt::format("is {}", to_string(g.state));
    return fmt::format("was {} {} ({})", done, format_date(e->on), e->reason);
  };
  const std::string terminate = fmt::format("terminate it with `agreement terminate {} --on DATE --reason TEXT`", g.id);
  std::string where, next;
  switch (g.state) {
    case AgreementState::kActive:
      where = "is active";
      next =
          fmt::format("it pays as scheduled: suspend it with `agreement suspend {} --from DATE --reason TEXT`, or {}",
                      g.id, terminate);
      break;
    case AgreementState::kSuspended:
      where = since(AgreementEventKind::kSuspend, "suspended from");
      next = fmt::format("resume it with `agreement resume {} --on DATE --reason TEXT`, or {}", g.id, terminate);
      break;
    case AgreementState::kTerminated:
      where = since(AgreementEventKind::kTerminate, "terminated on");
      next = "its unpaid instalments are cancelled: nothing more is suspended, resumed or terminated";
      break;
    case AgreementState::kCompleted:
      where = "is completed";
      next = "nothing more is suspended, resumed or terminated";
      break;
  }
  return Error::Conflict(fmt::format("convention {} of {} {}: {}; {}", g.id, g.beneficiary_ref, where, only, next));
}

// Whether a termination on `on`, recorded after the events `before`,
// cancels an instalment due on `due`: one due after that day, and, when the
// convention was suspended then, one due from the suspension's first day,
// which only a resumption that will never come would have moved and paid.
bool terminated_before_due(std::span<const AgreementEvent> before, Date on, Date due) {
  if (due > on) return true;
  for (auto e = before.rbegin(); e != before.rend(); ++e) {
    if (e->kind == AgreementEventKind::kSuspend) return due >= e->on;
    if (e->kind == AgreementEventKind::kResume) return false;
  }
  return false;
}

// Why convention `g`, with its obligation events `events`, no longer owes
// an instalment due on `due` (empty when it does): as the termination
// cancelled the unpaid instalments due after its date (or from the
// suspension it ended), and a clawback decision every unpaid one.
std::string no_longer_owed(const Agreement& g, std::span<const ObligationEvent> events, Date due) {
  for (const ObligationEvent& e : events)
    if (e.kind == ObligationEventKind::kBreach)
      return fmt::format("the clawback of convention {} was decided on {} ({})", g.id, format_date(e.recorded_on),
                         e.reason);
  if (g.state != AgreementState::kTerminated) return std::string();
  // A convention is terminated once: its last termination is its only one.
  const AgreementEvent* e = last_event(g, AgreementEventKind::kTerminate);
  if (e != nullptr && terminated_before_due(std::span(g.events.data(), e), e->on, due))
    return fmt::format("convention {} was terminated on {}", g.id, format_date(e->on));
  return std::string();
}

// The breach of convention `id`'s obligation on `until`, described as the
// compliance check describes it; empty when it is not broken on that day.
// The convention's frozen rules are read.
Result<std::string> breach_on(Store& store, std::int64_t id, Date until) {
  auto v = show_obligation(store, id, until);
  if (!v) return v.error();
  if (v->status.state != ObligationState::kBreached) return std::string();
  return describe_status(v->terms, v->status);
}

// The breach of each convention by id.
using Breaches = std::unordered_map<std::int64_t, std::string>;

// The breach of each convention with instalments due by `until` whose
// obligation is broken on that day (of convention `only` alone when
// given). Few conventions.
Result<Breaches> broken_obligations(Store& store, Date until, std::optional<std::int64_t> only) {
  auto ids = store.breached_with_instalments_due(until, only);
  if (!ids) return ids.error();
  Breaches out;
  for (std::int64_t id : *ids) {
    auto breach = breach_on(store, id, until);
    if (!breach) return breach.error();
    if (!breach->empty()) out.emplace(id, std::move(*breach));
  }
  return out;
}

// The day by which a batch of `month` prepared on `on` looks for broken
// obligations: a broken obligation holds what is still due until the
// département decides (paid now, it would be clawed back with the rest).
// Broken by the end of the month paid, or by the day the batch is prepared
// when that is later (a month paid late, after the stop was recorded).
Date breach_day(YearMonth month, Date on) { return std::max(month.last_day(), on); }

// Why a batch holds `d`, an instalment it selected, given the breaches
// found for its month (setting d.breach from them); nullopt when it pays
// it. See hold_reason.
std::optional<std::string> batch_hold(DueInstalment& d, const Breaches& breaches) {
  if (!breaches.empty())
    if (auto found = breaches.find(d.agreement_id); found != breaches.end()) d.breach = found->second;
  return hold_reason(d);
}

}  // namespace

Result<std::vector<DueDecision>> batch_decisions(Store& store, std::int64_t agreement_id, YearMonth month,
                                                 Date on) {
  auto breaches = broken_obligations(store, breach_day(month, on), agreement_id);
  if (!breaches) return breaches.error();
  // One schedule: a few dozen instalments, not a batch's chunk.
  constexpr std::size_t kOneSchedule = 128;
  std::vector<DueDecision> out;
  auto st = store.for_each_due_instalment(month.last_day(), agreement_id, kOneSchedule,
                                          [&](std::vector<DueInstalment>& chunk) -> Status {
                                            for (DueInstalment& d : chunk)
                                              out.push_back({d.instalment, d.due, d.amount,
                                                             batch_hold(d, *breaches).value_or("")});
                                            return Ok();
                                          });
  if (!st) return st.error();
  return out;
}

Result<BatchSummary> run_batch(Store& store, const RunBatchRequest& r) {
  if (auto st = valid_person_name("--by", r.prepared_by); !st) return st.error();
  const bool write = r.mode == RunMode::kWrite;
  // A batch pays everything due up to the end of its month: a mistyped year
  // (2052 for 2025) would pay whole schedules years in advance. A month's
  // batch may be prepared during the month before it, no earlier.
  const Date next = add_months(r.on, 1, MonthEnd::kClamp);
  if (write && r.month > YearMonth{next.year(), next.month()})
    return Error::InvalidInput(fmt::format(
        "option --month: {} starts more than a month after the preparation date {}: its batch would pay "
        "every instalment due until {} in advance; prepare it from {} (a dry run shows it now)",
        r.month.to_string(), format_date(r.on), format_date(r.month.last_day()),
        format_date(add_months(r.month.first_day(), -1, MonthEnd::kClamp))));
  std::unique_ptr<Store::Transaction> tx;
  if (write) {
    auto t = store.begin_write();
    if (!t) return t.error();
    tx = std::move(*t);
  }
  // Under the write lock: another run for the month has either committed
  // (and is seen here) or not started.
  auto existing = store.live_batch(r.month);
  if (!existing) return existing.error();
  if (*existing)
    return Error::Conflict(fmt::format("{} already has {}: nothing written", r.month.to_string(),
                                       describe_batch(**existing)));
  auto latest = store.latest_live_batch();
  if (!latest) return latest.error();
  if (*latest && (*latest)->month > r.month)
    return Error::Conflict(fmt::format("{} is later than {}: months are paid in order, nothing written",
                                       describe_batch(**latest), r.month.to_string()));

  auto breaches = broken_obligations(store, breach_day(r.month, r.on), std::nullopt);
  if (!breaches) return breaches.error();

  BatchSummary b;
  b.month = r.month;
  b.prepared_by = canonical_name(r.prepared_by);
  b.prepared_on = r.on;
  std::int64_t next_id = 0;
  if (write) {
    auto id = store.add_batch(b);
    if (!id) return id.error();
    b.id = *id;
    auto last = store.last_payment_id();
    if (!last) return last.error();
    next_id = *last;
  }

  std::int64_t examined = 0;
  std::vector<Payment> payments;
  std::vector<LedgerEntry> entries;
  std::vector<Hold> holds;
  auto st = store.for_each_due_instalment(
      r.month.last_day(), std::nullopt, kChunk, [&](std::vector<DueInstalment>& chunk) -> Status {
        payments.clear();
        entries.clear();
        const std::size_t held_before = b.holds.size();
        for (DueInstalment& d : chunk) {
          if (auto why = batch_hold(d, *breaches)) {
            b.holds.push_back(Hold{d.agreement_id, d.instalment, d.due, d.amount, d.beneficiary_ref,
                                   d.scheme_id, std::move(*why)});
            continue;
          }
          add_to_summary(b, d.scheme_id, d.amount);
          if (!write) continue;
          entries.push_back(payment_entry(d, b.id, ++next_id, r.on));
          payments.push_back(make_payment(std::move(d), b.id, next_id));
        }
        examined += static_cast<std::int64_t>(chunk.size());
        if (r.progress) r.progress(examined);
        if (!write) return Ok();
        holds.assign(b.holds.begin() + static_cast<std::ptrdiff_t>(held_before), b.holds.end());
        if (auto s = store.add_payments(payments); !s) return s;
        if (auto s = store.add_holds(b.id, holds); !s) return s;
        return append_to_ledger(store, entries);
      });
  if (!st) return st.error();
  if (!write) return b;
  if (b.count == 0) {
    b.id = 0;  // nothing to pay: the transaction is rolled back, no batch
    return b;
  }
  if (auto s = store.update_batch(b, BatchState::kDraft); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return b;
}

Result<BatchSummary> approve_batch(Store& store, std::int64_t batch_id, const std::string& by, Date on) {
  if (auto st = valid_person_name("--by", by); !st) return st.error();
  // Under the write lock, as every other step: an approval that meets
  // another reads the batch once the other has written it, and is refused
  // in the words of a late one.
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto b = load_batch(store, batch_id);
  if (!b) return b.error();
  if (b->state != BatchState::kDraft)
    return wrong_batch_state(*b, "only a draft can be approved");
  if (same_person(b->prepared_by, by))
    return Error::Conflict(
        fmt::format("batch {} was prepared by {}: a second person must approve it", batch_id, b->prepared_by));
  if (auto st = not_before_steps("--on", on, *b); !st) return st.error();
  b->state = BatchState::kApproved;
  b->approved_by = canonical_name(by);
  b->approved_on = on;
  if (auto st = store.update_batch(*b, BatchState::kDraft); !st) return st.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return b;
}

Status valid_created_at(std::string_view option, std::string_view text) {
  if (is_iso_date_time(text)) return Ok();
  return Error::InvalidInput(
      fmt::format("option {}: \"{}\" is not an ISO date-time (YYYY-MM-DDTHH:MM:SS)", option, text));
}

Status export_batch(Store& store, const RuleBook& rules, const ExportRequest& r, std::ostream& out) {
  if (!r.created_at.empty())
    if (auto st = valid_created_at("--created-at", r.created_at); !st) return st;
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto b = load_batch(store, r.batch_id);
  if (!b) return b.error();
  const std::string version(to_string(r.version));
  SepaHeader h;
  h.version = r.version;
  if (b->state == BatchState::kApproved) {
    h.created_at = r.created_at.empty() ? r.now : r.created_at;
    // Banks execute transfers on TARGET business days only: a date asked
    // for that is not one is refused; the default moves to the next one.
    h.execution_date = r.execution_date.value_or(next_target_day(r.today));
    if (auto st = not_before_steps("--execution-date", h.execution_date, *b); !st) return st;
    // Once exported, the batch cannot be cancelled, its file keeps its date,
    // and it is settled on or after that date: a date mistyped years ahead
    // would lock it, its month and its payments.
    if (const Date latest = latest_ahead(r.today); h.execution_date > latest)
      return Error::InvalidInput(fmt::format(
          "option --execution-date: {} is more than a month ahead: today is {}, and the bank would hold or refuse "
          "the file, while an exported batch can be neither cancelled nor exported again with another date, nor "
          "settled before that date; ask for a date until {}",
          format_date(h.execution_date), format_date(r.today), format_date(latest)));
    if (auto created = date_of(h.created_at)) {
      if (auto st = not_before_steps("--created-at", h.created_at, *created, *b); !st) return st;
      // Settling and returning are dated on or after the file's creation and
      // not after today, and an exported batch cannot be cancelled: a file
      // created ahead would lock the batch, its month and its payments until
      // that day.
      if (*created > r.today)
        return Error::InvalidInput(fmt::format(
            "option --created-at: {} is after today, {}: a file is created now at the latest; dated ahead, its "
            "batch, which cannot be cancelled once exported, could be neither settled nor its payments returned "
            "before that day",
            h.created_at, format_date(r.today)));
      if (h.execution_date < *created)
        return Error::InvalidInput(fmt::format("option --execution-date: {} is before the file was created, at {}",
                                               format_date(h.execution_date), h.created_at));
    }
    if (auto closed = target_closing_day(h.execution_date))
      return Error::InvalidInput(fmt::format(
          "option --execution-date: {} is a TARGET2 closing day ({}), when no bank executes a SEPA transfer; "
          "the next business day is {}",
          format_date(h.execution_date), *closed, format_date(next_target_day(h.execution_date))));
    h.msg_id = msg_id(b->id, h.created_at);
  } else if (b->state == BatchState::kExported) {
    if (b->pain_version != version)
      return Error::Conflict(fmt::format("batch {} was exported as pain.{} (MsgId {}): export it again in that version",
                                         r.batch_id, b->pain_version, b->msg_id));
    // The same file again: a value asked for that the file does not hold
    // is refused rather than silently replaced.
    std::vector<std::string> differ;
    if (r.execution_date && r.execution_date != b->execution_date)
      differ.push_back(fmt::format("option --execution-date {}: the file's is {}", format_date(*r.execution_date),
                                   format_date(*b->execution_date)));
    if (!r.created_at.empty() && r.created_at != b->created_at)
      differ.push_back(fmt::format("option --created-at {}: the file's is {}", r.created_at, b->created_at));
    if (!differ.empty())
      return Error::Conflict(fmt::format("batch {} was exported (MsgId {}): exporting it again writes the same "
                                         "file; leave out the options that differ from it",
                                         r.batch_id, b->msg_id),
                             std::move(differ));
    h.created_at = b->created_at;
    h.execution_date = *b->execution_date;
    h.msg_id = b->msg_id;
  } else {
    return wrong_batch_state(*b, "only an approved batch can be exported, or an exported one again");
  }
  h.debtors = debtors(rules);
  h.initiator = h.debtors.empty() ? "grants" : h.debtors.front().name;
  // Read again for each pass of write_sepa, the same rows each time under
  // the write lock. Every payment of the batch: all pending at the first
  // export; at a re-export, those the bank has since paid or sent back were
  // in the file too, which is written again the same.
  PaymentSource in_file = [&](const PaymentChunk& chunk) -> Status {
    for (std::int64_t after = 0;;) {
      auto payments = store.batch_payments(r.batch_id, std::nullopt, after, kChunk);
      if (!payments) return payments.error();
      if (payments->empty()) return Ok();
      after = payments->back().id;
      if (auto st = chunk(*payments); !st) return st;
    }
  };
  if (auto st = write_sepa(h, in_file, out); !st) {
    if (st.error().code() != ErrorCode::kInvalidInput) return st;
    return Error::InvalidInput(fmt::format("batch {} cannot be exported: {}", r.batch_id, st.error().message()),
                               st.error().details());
  }
  if (b->state == BatchState::kApproved) {
    // Recorded once the whole file is in `out`, before the caller keeps it:
    // if keeping it fails, a re-export gives the same MsgId, never a second
    // file for the same payments.
    const BatchState from = b->state;
    b->state = BatchState::kExported;
    b->msg_id = h.msg_id;
    b->pain_version = version;
    b->created_at = h.created_at;
    b->execution_date = h.execution_date;
    if (auto st = store.update_batch(*b, from); !st) return st.error();
  }
  return (*tx)->commit();
}

Result<BatchSummary> settle_batch(Store& store, const RuleBook& rules, std::int64_t batch_id, Date on) {
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto b = load_batch(store, batch_id);
  if (!b) return b.error();
  if (b->state != BatchState::kExported)
    return wrong_batch_state(*b, "only an exported batch can be settled");
  if (auto st = not_before_steps("--on", on, *b); !st) return st.error();
  // The bank pays on the execution date the file asked for, not before.
  if (b->execution_date && on < *b->execution_date)
    return Error::InvalidInput(fmt::format(
        "option --on: {} is before the execution date of batch {}, {}: the bank pays on that date",
        format_date(on), batch_id, format_date(*b->execution_date)));
  auto st = for_each_order_chunk(store, batch_id, PaymentState::kPending,
                                 [&](const std::vector<LedgerEntry>& orders) -> Status {
                                   std::vector<std::int64_t> ids;
                                   std::vector<LedgerEntry> entries;
                                   for (const LedgerEntry& o : orders) {
                                     auto treasury = treasury_of(rules, o.scheme_id);
                                     if (!treasury) return treasury.error();
                                     ids.push_back(o.payment_id);
                                     entries.push_back(follow_up_entry(o, EntryKind::kSettlement, *treasury, on,
                                                                       fmt::format("lot {}", batch_id)));
                                   }
                                   if (auto s = store.set_payment_states(ids, PaymentState::kPending,
                                                                         PaymentState::kPaid, "");
                                       !s)
                                     return s;
                                   if (auto s = store.mark_instalments_paid(ids); !s) return s;
                                   return append_to_ledger(store, entries);
                                 });
  if (!st) return st.error();
  b->state = BatchState::kSettled;
  b->settled_on = on;
  if (auto s = store.update_batch(*b, BatchState::kExported); !s) return s.error();
  // Read again for what the bank paid: payments returned before settlement
  // stay returned, not paid.
  auto settled = load_batch(store, batch_id);
  if (!settled) return settled.error();
  if (auto s = (*tx)->commit(); !s) return s.error();
  return settled;
}

Result<ReturnedPayment> return_payment(Store& store, const RuleBook& rules, std::int64_t batch_id,
                                       std::int64_t payment_id, const std::string& reason, Date on) {
  // ISO 20022 external return reason codes are four capital letters or digits.
  if (reason.size() != 4 || !std::all_of(reason.begin(), reason.end(), [](char c) {
        return ascii::is_upper(c) || ascii::is_digit(c);
      }))
    return Error::InvalidInput(
        fmt::format("option --reason: \"{}\" is not an ISO 20022 return code such as AC04 or MD07", reason));
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto b = load_batch(store, batch_id);
  if (!b) return b.error();
  if (b->state != BatchState::kExported && b->state != BatchState::kSettled)
    return wrong_batch_state(*b, "only payments sent to the bank can be returned");
  if (auto st = not_before_steps("--on", on, *b); !st) return st.error();
  auto p = store.find_payment(payment_id);
  if (!p) return p.error();
  if (!*p || (*p)->batch_id != batch_id)
    return Error::NotFound(fmt::format("batch {} has no payment {}", batch_id, payment_id));
  const Payment& pay = **p;
  if (pay.state != PaymentState::kPending && pay.state != PaymentState::kPaid) {
    // A second return of the same payment is most often the bank's notice
    // read twice: when and why the first was recorded tells which.
    std::string state(to_string(pay.state));
    if (pay.state == PaymentState::kReturned) {
      auto returned = store.payment_entry(payment_id, EntryKind::kCancellation);
      if (!returned) return returned.error();
      if (!*returned)
        return Error::Internal(fmt::format("returned payment {} has no cancellation in the ledger", payment_id));
      state = fmt::format("returned ({}, on {})", pay.return_reason, format_date((*returned)->date));
    }
    return Error::Conflict(
        fmt::format("payment {} of batch {} ({}, {}, instalment {} of convention {}) is {}: only "
                    "a pending or paid payment can be returned, once: nothing written; `batch "
                    "payments {}` lists the batch's payments with their ids and states",
                    payment_id, batch_id, pay.beneficiary_ref, pay.amount.to_display(), pay.instalment,
                    pay.agreement_id, state, batch_id));
  }
  auto order = store.payment_entry(payment_id, EntryKind::kPayment);
  if (!order) return order.error();
  if (!*order) return Error::Internal(fmt::format("payment {} has no payment order in the ledger", payment_id));
  auto treasury = treasury_of(rules, pay.scheme_id);
  if (!treasury) return treasury.error();

  const std::string why = fmt::format("rejet bancaire {}", reason);
  std::vector<LedgerEntry> entries;
  // Money that left the treasury comes back; a payment never executed only
  // loses its order.
  if (pay.state == PaymentState::kPaid)
    entries.push_back(follow_up_entry(**order, EntryKind::kReturn, *treasury, on, why));
  entries.push_back(follow_up_entry(**order, EntryKind::kCancellation, *treasury, on, why));
  auto g = load_agreement(store, pay.agreement_id);
  if (!g) return g.error();
  auto due = due_of(*g, pay.instalment);
  if (!due) return due.error();
  auto events = store.obligation_events(pay.agreement_id);
  if (!events) return events.error();
  auto beneficiary = existing(store.find_beneficiary(pay.beneficiary_ref),
                              fmt::format("beneficiary \"{}\"", pay.beneficiary_ref));
  if (!beneficiary) return beneficiary.error();
  ReturnedPayment out{pay.agreement_id, pay.instalment, *due, no_longer_owed(*g, *events, *due), "", "",
                      pay.beneficiary_ref, beneficiary->iban == pay.iban};
  // An order is issued only once no payment is pending, and cancels what
  // is unpaid: every payment paid by then was counted as received.
  if (pay.state == PaymentState::kPaid) {
    auto orders = store.recovery_orders_of(pay.agreement_id);
    if (!orders) return orders.error();
    if (const RecoveryOrder* live = live_order(*orders)) out.counted_by_order = live->number;
  }

  if (auto st = store.set_payment_states({payment_id}, pay.state, PaymentState::kReturned, reason); !st)
    return st.error();
  if (auto st = store.record_return(pay.agreement_id, pay.instalment, pay.iban, reason); !st) return st.error();
  if (!out.not_owed.empty()) {
    if (auto st = store.cancel_instalments(pay.agreement_id, {pay.instalment}); !st) return st.error();
  } else if (first_breach(*events) != nullptr) {
    auto breach = breach_on(store, pay.agreement_id, on);
    if (!breach) return breach.error();
    out.breach = std::move(*breach);
  }
  if (auto st = append_to_ledger(store, entries); !st) return st.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return out;
}

Result<BatchSummary> cancel_batch(Store& store, std::int64_t batch_id, const std::string& by, Date on) {
  if (auto st = valid_person_name("--by", by); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto b = load_batch(store, batch_id);
  if (!b) return b.error();
  if (b->state != BatchState::kDraft && b->state != BatchState::kApproved)
    return wrong_batch_state(*b, "only a batch not yet exported can be cancelled");
  if (auto st = not_before_steps("--on", on, *b); !st) return st.error();
  const std::string why = fmt::format("lot {} annulé par {}", batch_id, canonical_name(by));
  auto st = for_each_order_chunk(store, batch_id, PaymentState::kPending,
                                 [&](const std::vector<LedgerEntry>& orders) -> Status {
                                   std::vector<std::int64_t> ids;
                                   std::vector<LedgerEntry> entries;
                                   for (const LedgerEntry& o : orders) {
                                     ids.push_back(o.payment_id);
                                     entries.push_back(follow_up_entry(o, EntryKind::kCancellation, "", on, why));
                                   }
                                   if (auto s = store.set_payment_states(ids, PaymentState::kPending,
                                                                         PaymentState::kCancelled, "");
                                       !s)
                                     return s;
                                   if (auto s = store.count_failed_attempts(ids); !s) return s;
                                   return append_to_ledger(store, entries);
                                 });
  if (!st) return st.error();
  const BatchState from = b->state;
  b->state = BatchState::kCancelled;
  b->cancelled_by = canonical_name(by);
  b->cancelled_on = on;
  if (auto s = store.update_batch(*b, from); !s) return s.error();
  if (auto s = (*tx)->commit(); !s) return s.error();
  return b;
}

namespace {

// InvalidInput, naming `option`, when `on` cannot date a schedule event of
// `g` recorded on `today`:
// - before `g` was signed: the event would move or cancel instalments by a
//   time the convention did not run;
// - after the end of the month after today's: a batch is prepared during
//   the month before its own at the earliest, so no batch that can be
//   prepared today is changed by such a date, which is, years ahead, a
//   mistyped year (2035 for 2025) that no command can take back: a
//   termination that cancels nothing while the convention shows
//   terminated, a suspension that holds nothing until then. It is recorded
//   from the first day of the month before its own.
Status event_date(std::string_view option, Date on, const Agreement& g, Date today) {
  if (auto st = detail::not_before_signature(option, on, g.id, g.signed_on); !st) return st;
  const Date latest = latest_ahead(today);
  if (on <= latest) return Ok();
  return Error::InvalidInput(fmt::format(
      "option {}: {} is more than a month ahead: today is {}, and a date after {} changes no batch that can be "
      "prepared yet (a batch is prepared during the month before its own at the earliest); record it from {}",
      option, format_date(on), format_date(today), format_date(latest),
      format_date(add_months(YearMonth{on.year(), on.month()}.first_day(), -1, MonthEnd::kClamp))));
}

// InvalidInput, naming `option`, when `on` is before the day `g` last
// resumed: that resumption moved the instalments held by the suspension it
// ended by the months suspended. A suspension from an earlier day would
// move those months a second time. A termination on an earlier day would
// end the convention before it resumed, while suspended, yet leave owed,
// and paid by the next batch, the held instalments the resumption moved
// to fall due before that day (suspended from 2025-02-01, resumed on
// 2025-06-20, terminated on 2025-06-10: February's instalment, moved to
// 2025-06-05).
Status not_before_resumption(std::string_view option, Date on, const Agreement& g) {
  const AgreementEvent* resumed = last_event(g, AgreementEventKind::kResume);
  if (resumed == nullptr || on >= resumed->on) return Ok();
  return Error::InvalidInput(fmt::format("option {}: {} is before convention {} resumed, on {}", option,
                                         format_date(on), g.id, format_date(resumed->on)));
}

}  // namespace

Status detail::interruption_date(std::string_view option, Date on, const Agreement& g, Date today) {
  if (auto st = event_date(option, on, g, today); !st) return st;
  return not_before_resumption(option, on, g);
}

namespace {

// A payment of an instalment due on or after the first day a schedule
// event applies to, with its due date.
struct DueAfter {
  int instalment;
  std::int64_t batch_id;
  Date due;
};

// The payments of `g` in a batch the bank has not paid whose instalment is
// due on or after `first`; adds those the bank paid to `paid`.
Result<std::vector<DueAfter>> payments_due_from(Store& store, const Agreement& g, Date first, PaidAlready& paid) {
  auto payments = store.agreement_payments(g.id);
  if (!payments) return payments.error();
  std::vector<DueAfter> pending;
  for (const AgreementPayment& p : *payments) {
    if (p.state != PaymentState::kPending && p.state != PaymentState::kPaid) continue;
    auto due = due_of(g, p.instalment);
    if (!due) return due.error();
    if (*due < first) continue;
    if (p.state == PaymentState::kPending) {
      pending.push_back({p.instalment, p.batch_id, *due});
    } else {
      ++paid.count;
      paid.amount += p.amount;
    }
  }
  return pending;
}

// Conflict naming each of `pending` (payments in a batch the bank has not
// paid): a suspension or termination cannot stop them (the batch would pay
// them, or, once cancelled, a later batch would take them again). `event`
// says what was refused ("terminated on 2024-11-30") and `verb` what to do
// again once the payments are dealt with ("terminate").
Status no_payment_pending(Store& store, const Agreement& g, std::string_view event, std::string_view verb,
                          const std::vector<DueAfter>& pending) {
  std::vector<std::string> found;
  std::vector<std::int64_t> to_cancel, at_bank;
  for (const auto& [instalment, batch_id, due] : pending) {
    auto b = load_batch(store, batch_id);
    if (!b) return b.error();
    found.push_back(fmt::format("instalment {}, due {}, is in batch {} ({})", instalment, format_date(due), batch_id,
                                to_string(b->state)));
    auto& ids = b->state == BatchState::kExported ? at_bank : to_cancel;
    if (std::find(ids.begin(), ids.end(), batch_id) == ids.end()) ids.push_back(batch_id);
  }
  if (found.empty()) return Ok();
  auto list = [](const auto& items) { return fmt::format("{}", fmt::join(items, ", ")); };
  std::vector<std::string> todo;
  if (!to_cancel.empty()) todo.push_back(fmt::format("cancel batch {} first", list(to_cancel)));
  if (!at_bank.empty())
    todo.push_back(
        fmt::format("wait until batch {}, sent to the bank, is settled or the payment returned", list(at_bank)));
  return Error::Conflict(fmt::format("convention {} cannot be {}: {}: {}, then {}; nothing written", g.id, event,
                                     fmt::join(found, "; "), fmt::join(todo, " and "), verb));
}

// Instalment `scheduled` of a schedule of `period`, `months` later. A share
// moves with the end-of-month rule its delay was counted with; a monthly
// instalment falls due on `day_of_month` of its new calendar month, as the
// schedule set it, whatever `month_end`, which only says where the aid ends
// (moved with `overflow`, 31 January would skip February for 3 March).
Instalment moved_by(const SchemePeriod& period, const Instalment& scheduled, int months) {
  if (period.amount.type == AmountType::kMonthly) return shift_monthly(scheduled, months, period.payment.day_of_month);
  return shift_months(scheduled, months, period.payment.month_end);
}

// Moves the unpaid instalments of `g` due from `since` by `months` more,
// counted from the dates its schedule set at signature with its frozen
// rules (moved_by): moved from their last dates, a 31st clamped once would
// stay the 28th. Returns how many it moved.
Result<int> move_held(Store& store, const Agreement& g, Date since, int months) {
  detail::FrozenRules frozen(store);
  auto f = frozen.find(g);
  if (!f) return f.error();
  auto unpaid = store.unpaid_movable_instalments(g.id);
  if (!unpaid) return unpaid.error();
  std::vector<MovableInstalment> moved;
  for (const MovableInstalment& m : *unpaid) {
    if (m.now.due < since) continue;
    const int total = m.months_moved + months;
    moved.push_back({moved_by(*f->period, m.scheduled, total), m.scheduled, total});
  }
  if (auto st = store.move_instalments(g.id, moved); !st) return st.error();
  return static_cast<int>(moved.size());
}

// Conflict unless an unpaid instalment of `g` is due on or after `from`,
// for a suspension from that day, which would otherwise hold nothing.
Status something_to_hold(Store& store, const Agreement& g, Date from) {
  auto unpaid = store.unpaid_instalments(g.id);
  if (!unpaid) return unpaid.error();
  std::optional<Date> last;
  for (const Instalment& i : *unpaid) {
    if (i.due >= from) return Ok();
    last = std::max(last.value_or(i.due), i.due);
  }
  const std::string left =
      last ? fmt::format("its last unpaid instalment is due on {}", format_date(*last)) : "every instalment is paid";
  return Error::Conflict(
      fmt::format("convention {} of {} has no unpaid instalment due from {} ({}): a suspension would hold nothing; "
                  "a practice obligation is suspended with `obligation suspend`",
                  g.id, g.beneficiary_ref, format_date(from), left));
}

}  // namespace

Result<PaidAlready> suspend_agreement(Store& store, std::int64_t agreement_id, Date from, const std::string& reason,
                                      Date today) {
  if (auto st = require_reason(reason); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto g = load_agreement(store, agreement_id);
  if (!g) return g.error();
  // Said before the payments in a batch: cancelling the batch would not
  // make the convention suspendable.
  if (g->state != AgreementState::kActive)
    return wrong_agreement_state(*g, "only an active convention can be suspended");
  if (auto st = detail::interruption_date("--from", from, *g, today); !st) return st.error();
  PaidAlready paid;
  auto pending = payments_due_from(store, *g, from, paid);
  if (!pending) return pending.error();
  if (auto st = no_payment_pending(store, *g, fmt::format("suspended from {}", format_date(from)), "suspend",
                                   *pending);
      !st)
    return st.error();
  if (auto st = something_to_hold(store, *g, from); !st) return st.error();
  if (auto st = store.set_agreement_state(agreement_id, AgreementState::kActive, AgreementState::kSuspended); !st)
    return st.error();
  AgreementEvent e{0, agreement_id, AgreementEventKind::kSuspend, from, reason, 0, 0};
  if (auto id = store.add_agreement_event(e); !id) return id.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return paid;
}

Result<Resumption> resume_agreement(Store& store, std::int64_t agreement_id, Date on, const std::string& reason,
                                    Date today) {
  if (auto st = require_reason(reason); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto g = load_agreement(store, agreement_id);
  if (!g) return g.error();
  if (g->state != AgreementState::kSuspended)
    return wrong_agreement_state(*g, "only a suspended convention can be resumed");
  if (auto st = event_date("--on", on, *g, today); !st) return st.error();
  const AgreementEvent* last = last_event(*g, AgreementEventKind::kSuspend);
  if (last == nullptr)
    return Error::Internal(fmt::format("convention {} is suspended without a suspension event", agreement_id));
  const Date since = last->on;
  if (on < since)
    return Error::InvalidInput(fmt::format("option --on: {} is before convention {} was suspended, from {}",
                                           format_date(on), agreement_id, format_date(since)));
  Resumption r;
  r.months = (on.year() - since.year()) * 12 + (on.month() - since.month());
  if (r.months > 0) {
    auto moved = move_held(store, *g, since, r.months);
    if (!moved) return moved.error();
    r.moved = *moved;
  }
  if (auto st = store.set_agreement_state(agreement_id, AgreementState::kSuspended, AgreementState::kActive); !st)
    return st.error();
  AgreementEvent e{0, agreement_id, AgreementEventKind::kResume, on, reason, r.months, 0};
  if (auto id = store.add_agreement_event(e); !id) return id.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return r;
}

Result<Termination> terminate_agreement(Store& store, std::int64_t agreement_id, Date on, const std::string& reason,
                                        Date today) {
  if (auto st = require_reason(reason); !st) return st.error();
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto g = load_agreement(store, agreement_id);
  if (!g) return g.error();
  if (g->state != AgreementState::kActive && g->state != AgreementState::kSuspended)
    return wrong_agreement_state(*g, "only an active or suspended convention can be terminated");
  if (auto st = detail::interruption_date("--on", on, *g, today); !st) return st.error();
  Termination t;
  auto pending = payments_due_from(store, *g, on + boost::gregorian::days(1), t.paid_after);
  if (!pending) return pending.error();
  if (auto st = no_payment_pending(store, *g, fmt::format("terminated on {}", format_date(on)), "terminate", *pending);
      !st)
    return st.error();
  auto unpaid = store.unpaid_instalments(agreement_id);
  if (!unpaid) return unpaid.error();
  std::vector<int> cancelled;
  for (const Instalment& i : *unpaid)
    if (terminated_before_due(g->events, on, i.due)) cancelled.push_back(i.number);
  if (auto st = store.cancel_instalments(agreement_id, cancelled); !st) return st.error();
  if (auto st = store.set_agreement_state(agreement_id, g->state, AgreementState::kTerminated); !st)
    return st.error();
  t.cancelled = static_cast<int>(cancelled.size());
  AgreementEvent e{0, agreement_id, AgreementEventKind::kTerminate, on, reason, 0, t.cancelled};
  if (auto id = store.add_agreement_event(e); !id) return id.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return t;
}

namespace {

// The instalments `counted` takes, by state (see state_totals).
template <class Counted>
std::vector<StateTotal> counted_by_state(const Agreement& g, Counted counted) {
  const auto& due = g.schedule.instalments;
  if (g.instalment_states.size() != due.size()) return {};
  std::vector<StateTotal> out;
  for (auto state :
       {InstalmentState::kPaid, InstalmentState::kPending, InstalmentState::kOpen, InstalmentState::kCancelled}) {
    StateTotal t{state, 0, Money{}};
    for (std::size_t k = 0; k < due.size(); ++k)
      if (g.instalment_states[k] == state && counted(due[k])) {
        ++t.count;
        t.sum += due[k].amount;
      }
    out.push_back(t);
  }
  return out;
}

}  // namespace

std::vector<StateTotal> state_totals(const Agreement& g, Date from, Date to) {
  return counted_by_state(g, [&](const Instalment& i) { return from <= i.due && i.due <= to; });
}

std::vector<StateTotal> state_totals(const Agreement& g) {
  return counted_by_state(g, [](const Instalment&) { return true; });
}

Result<std::vector<StateTotal>> add_document(Store& store, const AgreementDocument& d) {
  if (d.to < d.from)
    return Error::InvalidInput(fmt::format("option --to: {} is before --from {}", format_date(d.to),
                                           format_date(d.from)));
  // Read under the write lock: of the same document typed twice at once,
  // the second sees the first.
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto g = load_agreement(store, d.agreement_id);
  if (!g) return g.error();
  const auto& required = g->required_documents;
  if (std::find(required.begin(), required.end(), d.kind) == required.end()) {
    std::string list;
    for (const auto& k : required) list += (list.empty() ? "" : ", ") + k;
    return Error::InvalidInput(fmt::format("option --kind: \"{}\": convention {} requires {}", d.kind,
                                           d.agreement_id, list.empty() ? "no document" : list));
  }
  // A year typed wrong (2030 for 2025) would record a document that frees
  // nothing, while the officer believes the held instalments released.
  const auto& due = g->schedule.instalments;
  if (!due.empty() &&
      std::none_of(due.begin(), due.end(), [&](const Instalment& i) { return d.from <= i.due && i.due <= d.to; }))
    return Error::InvalidInput(fmt::format(
        "options --from and --to: {} to {} covers no instalment of convention {}, which are due from {} to {}",
        format_date(d.from), format_date(d.to), d.agreement_id, format_date(due.front().due),
        format_date(due.back().due)));
  // The same document typed again (a command run twice) would be listed
  // twice on the convention; another reference is another paper, kept.
  for (const AgreementDocument& e : g->documents)
    if (e.kind == d.kind && e.from == d.from && e.to == d.to && e.reference == d.reference)
      return Error::Conflict(fmt::format(
          "convention {}: {} allowing instalments due from {} to {}{} is already recorded (received on {}): "
          "nothing recorded",
          d.agreement_id, d.kind, format_date(d.from), format_date(d.to),
          d.reference.empty() ? std::string(", without reference,")
                              : fmt::format(", reference \"{}\",", printable(d.reference)),
          format_date(e.recorded_on)));
  auto id = store.add_document(d);
  if (!id) return id.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return state_totals(*g, d.from, d.to);
}

Result<AccountChange> set_iban(Store& store, const std::string& ref, const std::string& iban,
                               const std::optional<std::string>& bic) {
  auto normal = normalise_iban(iban);
  if (!normal) return normal.error();
  std::string normal_bic = normalise_bic(bic.value_or(""));
  if (!normal_bic.empty()) {
    if (auto why = bic_problem(normal_bic))
      return Error::InvalidInput(fmt::format("option --bic: \"{}\" is not a BIC: {}", printable(*bic), *why));
  }
  // The account replaced is read under the write lock: another change
  // committed meanwhile is the one replaced (and its BIC the one kept).
  auto tx = store.begin_write();
  if (!tx) return tx.error();
  auto b = existing(store.find_beneficiary(ref), fmt::format("beneficiary \"{}\"", ref));
  if (!b) return b.error();
  AccountChange change{b->iban, b->bic, *normal, std::move(normal_bic), ""};
  if (!bic && change.iban == change.iban_before) change.bic = change.bic_before;
  // Every account the bank sent back stays refused, not only the last one
  // recorded on the beneficiary.
  if (change.iban == b->returned_iban) {
    change.returned_reason = b->return_reason;
  } else {
    auto reason = store.returned_reason(b->id, change.iban);
    if (!reason) return reason.error();
    change.returned_reason = *reason;
  }
  if (auto st = store.set_iban(ref, change.iban, change.bic, change.returned_reason); !st) return st.error();
  if (auto st = (*tx)->commit(); !st) return st.error();
  return change;
}

}  // namespace grants
