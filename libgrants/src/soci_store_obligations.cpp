// SociStore: practice obligations, the payments a clawback counts, and what
// the anti-cumul conditions read. Portable SQL with bound parameters only.
#include <fmt/format.h>

#include <array>

#include "soci_rows.h"
#include "soci_store.h"

namespace grants {

std::optional<RuleVersion> split_rule_version(std::string_view text) {
  constexpr std::size_t kTail = 1 + 64 + 1 + 10;  // "|<sha256>|<YYYY-MM-DD>"
  if (text.size() <= kTail || text[text.size() - kTail] != '|' || text[text.size() - 11] != '|')
    return std::nullopt;
  const std::size_t scheme_end = text.size() - kTail;
  return RuleVersion{text.substr(0, scheme_end), text.substr(scheme_end + 1, 64), text.substr(text.size() - 10)};
}

namespace detail {

namespace {

using soci::into;
using soci::use;

constexpr std::array kEventKinds{
    ObligationEventKind::kDiploma, ObligationEventKind::kStart,    ObligationEventKind::kEvidence,
    ObligationEventKind::kSuspend, ObligationEventKind::kResume,   ObligationEventKind::kMove,
    ObligationEventKind::kMovedOut, ObligationEventKind::kLeftZone, ObligationEventKind::kStopped,
    ObligationEventKind::kBreach};
constexpr std::array kPaymentStates{PaymentState::kPending, PaymentState::kPaid, PaymentState::kReturned,
                                    PaymentState::kCancelled};
constexpr std::array kCespStatuses{CespStatus::kRequested, CespStatus::kSigned};

struct EventRow {
  ObligationEvent e;
  std::string kind, on, recorded;
  void bind(soci::statement& st) {
    exchange_all(st, into(e.id), into(e.agreement_id), into(kind), into(on), into(e.reason), into(e.commune),
                 into(e.evidence), into(e.reference), into(recorded));
  }
  ObligationEvent value() const {
    ObligationEvent out = e;
    out.kind = to_enum(kind, "obligation_events.kind", kEventKinds);
    out.on = to_date(on, "obligation_events.on_date");
    out.recorded_on = to_date(recorded, "obligation_events.recorded_on");
    return out;
  }
};

}  // namespace

Status SociStore::add_obligation_events(const std::vector<ObligationEvent>& events) {
  if (events.empty()) return Ok();
  return in_transaction(fmt::format("recording {} obligation events", events.size()), [&]() -> Status {
    const std::size_t n = events.size();
    std::vector<long long> agreement(n);
    std::vector<std::string> kind(n), on(n), reason(n), commune(n), evidence(n), reference(n), recorded(n);
    for (std::size_t k = 0; k < n; ++k) {
      const ObligationEvent& e = events[k];
      agreement[k] = e.agreement_id;
      kind[k] = std::string(to_string(e.kind));
      on[k] = format_date(e.on);
      reason[k] = e.reason;
      commune[k] = e.commune;
      evidence[k] = e.evidence;
      reference[k] = e.reference;
      recorded[k] = format_date(e.recorded_on);
    }
    try {
      sql() << "INSERT INTO obligation_events (agreement_id, kind, on_date, reason, commune, evidence, "
               "reference, recorded_on) VALUES (:agreement, :kind, :on, :reason, :commune, :evidence, "
               ":reference, :recorded)",
          use(agreement), use(kind), use(on), use(reason), use(commune), use(evidence), use(reference),
          use(recorded);
    } catch (const soci::soci_error& e) {
      if (classify(e) == Violation::kForeignKey)
        return Error::NotFound(fmt::format("convention {} does not exist", events.front().agreement_id));
      throw;
    }
    return Ok();
  });
}

Result<std::vector<ObligationEvent>> SociStore::obligation_events(std::int64_t agreement_id) {
  return in_read(fmt::format("reading the obligation events of convention {}", agreement_id),
                 [&]() -> Result<std::vector<ObligationEvent>> {
                   std::vector<ObligationEvent> out;
                   EventRow row;
                   for_each_row(
                       sql(),
                       "SELECT id, agreement_id, kind, on_date, reason, commune, evidence, reference, "
                       "recorded_on FROM obligation_events WHERE agreement_id = :id ORDER BY on_date, id",
                       row, [&] { out.push_back(row.value()); }, agreement_id);
                   return out;
                 });
}

// Two cursors read in step, both in convention order: the conventions, and
// the events of all of them. Merging here rather than joining in SQL sends
// each convention's columns once, not once per event. Rows come `size` at a
// time (SOCI's bulk fetch). SOCI allocates for every text value it reads,
// which is most of the cost of reading: so the rule version comes as one
// text, dates as numbers YYYYMMDD, and empty texts as NULL.
Status SociStore::for_each_obligation(Date as_of, std::size_t size,
                                      const std::function<Status(const std::vector<ObligationRecord>&)>& chunk) {
  return in_read(fmt::format("reading the obligations as of {}", format_date(as_of)), [&]() -> Status {
    const std::string until = format_date(as_of);
    std::vector<long long> id(size);
    std::vector<int> signed_on(size);
    std::vector<std::string> ref(size), version(size);
    soci::statement conventions =
        (sql().prepare << "SELECT g.id, b.ref, g.scheme_id || '|' || g.rule_sha256 || '|' || g.rule_period_from, "
                          "CAST(replace(g.signed_on, '-', '') AS INTEGER) "
                          "FROM agreements g JOIN beneficiaries b ON b.id = g.beneficiary_id "
                          "WHERE g.signed_on <= :as_of ORDER BY g.id",
         use(until), into(id), into(ref), into(version), into(signed_on));
    std::vector<long long> ev_agreement(size);
    std::vector<int> ev_on(size);
    std::vector<std::string> ev_kind(size), ev_reason(size), ev_commune(size);
    std::vector<soci::indicator> reason_ind(size), commune_ind(size);
    soci::statement events =
        (sql().prepare << "SELECT e.agreement_id, e.kind, CAST(replace(e.on_date, '-', '') AS INTEGER), "
                          "NULLIF(e.reason, ''), NULLIF(e.commune, '') "
                          "FROM obligation_events e WHERE e.on_date <= :as_of "
                          "ORDER BY e.agreement_id, e.on_date, e.id",
         use(until), into(ev_agreement), into(ev_kind), into(ev_on), into(ev_reason, reason_ind),
         into(ev_commune, commune_ind));
    conventions.execute(false);
    events.execute(false);

    // The event cursor's current bulk and our place in it.
    std::size_t next = 0, fetched = 0;
    bool more_events = true;
    auto fetch_events = [&] {
      for (auto* v : {&ev_agreement}) v->resize(size);
      for (auto* v : {&ev_on}) v->resize(size);
      for (auto* v : {&ev_kind, &ev_reason, &ev_commune}) v->resize(size);
      for (auto* v : {&reason_ind, &commune_ind}) v->resize(size);
      more_events = events.fetch();
      fetched = more_events ? ev_agreement.size() : 0;
      next = 0;
    };
    fetch_events();

    std::vector<ObligationRecord> records;
    std::vector<ObligationEvent> pool;  // the events of one chunk, reused
    std::vector<std::size_t> first;     // where each record's events start in `pool`
    for (;;) {
      id.resize(size);
      signed_on.resize(size);
      for (auto* v : {&ref, &version}) v->resize(size);
      if (!conventions.fetch()) break;
      records.resize(id.size());
      pool.clear();
      first.clear();
      for (std::size_t k = 0; k < id.size(); ++k) {
        ObligationRecord& r = records[k];
        r.agreement_id = id[k];
        r.beneficiary_ref.swap(ref[k]);
        r.rule_version.swap(version[k]);
        r.signed_on = to_date(signed_on[k], "agreements.signed_on");
        first.push_back(pool.size());
        for (;;) {
          if (next == fetched) {
            if (!more_events) break;
            fetch_events();
            continue;
          }
          if (ev_agreement[next] > r.agreement_id) break;
          if (ev_agreement[next] == r.agreement_id) {
            ObligationEvent& e = pool.emplace_back();
            e.agreement_id = r.agreement_id;
            e.kind = to_enum(ev_kind[next], "obligation_events.kind", kEventKinds);
            e.on = to_date(ev_on[next], "obligation_events.on_date");
            if (reason_ind[next] == soci::i_ok) e.reason.swap(ev_reason[next]);
            if (commune_ind[next] == soci::i_ok) e.commune.swap(ev_commune[next]);
          }
          ++next;  // an event of a convention signed after as_of is skipped
        }
      }
      first.push_back(pool.size());
      for (std::size_t k = 0; k < records.size(); ++k)
        records[k].events = std::span<const ObligationEvent>(pool.data() + first[k], first[k + 1] - first[k]);
      if (auto st = chunk(records); !st) return st;
    }
    return Ok();
  });
}

Result<std::vector<AgreementPayment>> SociStore::agreement_payments(std::int64_t agreement_id) {
  return in_read(fmt::format("reading the payments of convention {}", agreement_id),
                 [&]() -> Result<std::vector<AgreementPayment>> {
                   struct Row {
                     AgreementPayment p;
                     long long amount = 0;
                     std::string state, settled;
                     void bind(soci::statement& st) {
                       exchange_all(st, into(p.id), into(p.batch_id), into(p.instalment), into(amount),
                                    into(state), into(settled));
                     }
                   } row;
                   std::vector<AgreementPayment> out;
                   for_each_row(
                       sql(),
                       "SELECT p.id, p.batch_id, p.instalment, p.amount_cents, p.state, "
                       "COALESCE(t.settled_on, '') FROM payments p JOIN batches t ON t.id = p.batch_id "
                       "WHERE p.agreement_id = :id ORDER BY p.id",
                       row,
                       [&] {
                         AgreementPayment p = row.p;
                         p.amount = Money::from_cents(row.amount);
                         p.state = to_enum(row.state, "payments.state", kPaymentStates);
                         if (!row.settled.empty()) p.settled_on = to_date(row.settled, "batches.settled_on");
                         out.push_back(p);
                       },
                       agreement_id);
                   return out;
                 });
}

Result<std::vector<PriorConvention>> SociStore::conventions_of(std::int64_t beneficiary_id) {
  return in_read(fmt::format("reading the conventions of beneficiary {}", beneficiary_id),
                 [&]() -> Result<std::vector<PriorConvention>> {
                   struct Row {
                     PriorConvention c;
                     std::string signed_on;
                     void bind(soci::statement& st) {
                       exchange_all(st, into(c.id), into(c.scheme_id), into(signed_on));
                     }
                   } row;
                   std::vector<PriorConvention> out;
                   for_each_row(
                       sql(),
                       "SELECT id, scheme_id, signed_on FROM agreements WHERE beneficiary_id = :id "
                       "ORDER BY signed_on, id",
                       row,
                       [&] {
                         row.c.signed_on = to_date(row.signed_on, "agreements.signed_on");
                         out.push_back(row.c);
                       },
                       beneficiary_id);
                   return out;
                 });
}

Result<std::int64_t> SociStore::add_cesp(const CespDeclaration& c) {
  return in_transaction(fmt::format("recording a CESP of beneficiary {}", c.beneficiary_id),
                        [&]() -> Result<std::int64_t> {
                          std::string status(to_string(c.status)), on = format_date(c.on),
                              recorded = format_date(c.recorded_on);
                          std::int64_t id = 0;
                          sql() << "INSERT INTO cesp_declarations (beneficiary_id, status, on_date, reference, "
                                   "recorded_on) VALUES (:beneficiary, :status, :on, :reference, :recorded) "
                                   "RETURNING id",
                              use(c.beneficiary_id), use(status), use(on), use(c.reference), use(recorded),
                              into(id);
                          return id;
                        });
}

Result<std::vector<CespDeclaration>> SociStore::cesp_of(std::int64_t beneficiary_id) {
  return in_read(fmt::format("reading the CESP of beneficiary {}", beneficiary_id),
                 [&]() -> Result<std::vector<CespDeclaration>> {
                   struct Row {
                     CespDeclaration c;
                     std::string status, on, recorded;
                     void bind(soci::statement& st) {
                       exchange_all(st, into(c.id), into(c.beneficiary_id), into(status), into(on),
                                    into(c.reference), into(recorded));
                     }
                   } row;
                   std::vector<CespDeclaration> out;
                   for_each_row(
                       sql(),
                       "SELECT id, beneficiary_id, status, on_date, reference, recorded_on "
                       "FROM cesp_declarations WHERE beneficiary_id = :id ORDER BY on_date, id",
                       row,
                       [&] {
                         CespDeclaration c = row.c;
                         c.status = to_enum(row.status, "cesp_declarations.status", kCespStatuses);
                         c.on = to_date(row.on, "cesp_declarations.on_date");
                         c.recorded_on = to_date(row.recorded, "cesp_declarations.recorded_on");
                         out.push_back(c);
                       },
                       beneficiary_id);
                   return out;
                 });
}

}  // namespace detail
}  // namespace grants
