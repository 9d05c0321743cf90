// SociStore: practice obligations, the payments a clawback counts, and what
// the anti-cumul conditions read. Portable SQL with bound parameters only.
#include <fmt/format.h>
#include <fmt/ranges.h>

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
constexpr std::array kConventionStates{AgreementState::kActive, AgreementState::kSuspended,
                                       AgreementState::kTerminated};

ObligationEventKind event_kind(std::string_view text) {
  for (ObligationEventKind k : kEventKinds)
    if (to_string(k) == text) return k;
  bad_column("obligation_events.kind", fmt::format("unexpected value \"{}\"", text));
}

// The columns EventRow reads, then what follows (FROM ... or more columns).
constexpr const char* kEventSelect =
    "SELECT e.id, e.agreement_id, e.kind, e.on_date, e.reason, e.commune, e.evidence, e.reference, "
    "e.recorded_on ";
// An event `e` that no void takes out of force.
constexpr const char* kInForce =
    "NOT EXISTS (SELECT 1 FROM obligation_event_voids v WHERE v.event_id = e.id)";

struct EventRow {
  ObligationEvent e;
  std::string kind, on, recorded;
  void bind(soci::statement& st) {
    exchange_all(st, into(e.id), into(e.agreement_id), into(kind), into(on), into(e.reason), into(e.commune),
                 into(e.evidence), into(e.reference), into(recorded));
  }
  ObligationEvent value() const {
    ObligationEvent out = e;
    out.kind = event_kind(kind);
    out.on = to_date(on, "obligation_events.on_date");
    out.recorded_on = to_date(recorded, "obligation_events.recorded_on");
    return out;
  }
};

}  // namespace

Status SociStore::add_obligation_events(const std::vector<ObligationEvent>& events) {
  if (events.empty()) return Ok();
  return in_transaction(fmt::format("recording {} obligation events", events.size()), [&]() -> Status {
    const auto& v = events;
    using B = BulkInsert;
    auto text = [&](std::string ObligationEvent::*field) {
      return [&v, field](std::size_t r, std::string&) { return std::string_view(v[r].*field); };
    };
    auto date = [&](Date ObligationEvent::*field) {
      return [&v, field](std::size_t r, std::string& scratch) {
        scratch = format_date(v[r].*field);
        return std::string_view(scratch);
      };
    };
    try {
      bulk_insert({"obligation_events",
                   v.size(),
                   {B::integer("agreement_id", [&](std::size_t r) { return v[r].agreement_id; }),
                    B::text("kind", [&](std::size_t r, std::string&) { return to_string(v[r].kind); }),
                    B::text("on_date", date(&ObligationEvent::on)), B::text("reason", text(&ObligationEvent::reason)),
                    B::text("commune", text(&ObligationEvent::commune)),
                    B::text("evidence", text(&ObligationEvent::evidence)),
                    B::text("reference", text(&ObligationEvent::reference)),
                    B::text("recorded_on", date(&ObligationEvent::recorded_on))}});
    } catch (const soci::soci_error& e) {
      if (classify(e) == Violation::kForeignKey)
        return Error::NotFound(fmt::format("convention {} does not exist", events.front().agreement_id));
      throw;
    }
    return Ok();
  });
}

Result<std::vector<ObligationEvent>> SociStore::obligation_events(std::int64_t agreement_id) {
  return in_read(
      fmt::format("reading the obligation events of convention {}", agreement_id),
      [&]() -> Result<std::vector<ObligationEvent>> {
        return rows_of<EventRow>(sql(),
                                 std::string(kEventSelect) + "FROM obligation_events e WHERE e.agreement_id = :id AND " + kInForce +
                                     " ORDER BY e.on_date, e.id",
                                 agreement_id);
      });
}

Result<std::vector<std::pair<ObligationEvent, EventVoid>>> SociStore::voided_obligation_events(
    std::int64_t agreement_id) {
  using Voided = std::pair<ObligationEvent, EventVoid>;
  return in_read(fmt::format("reading the voided obligation events of convention {}", agreement_id),
                 [&]() -> Result<std::vector<Voided>> {
                   struct Row : EventRow {
                     EventVoid v;
                     std::string voided_on;
                     void bind(soci::statement& st) {
                       EventRow::bind(st);
                       exchange_all(st, into(v.reason), into(v.by), into(voided_on));
                     }
                     Voided value() const {
                       EventVoid out = v;
                       out.event_id = e.id;
                       out.recorded_on = to_date(voided_on, "obligation_event_voids.recorded_on");
                       return {EventRow::value(), out};
                     }
                   };
                   return rows_of<Row>(sql(),
                                       std::string(kEventSelect) +
                                           ", v.reason, v.voided_by, v.recorded_on FROM obligation_events e "
                                           "JOIN obligation_event_voids v ON v.event_id = e.id "
                                           "WHERE e.agreement_id = :id ORDER BY e.id",
                                       agreement_id);
                 });
}

Result<std::vector<std::int64_t>> SociStore::breached_with_instalments_due(
    Date until, std::optional<std::int64_t> agreement_id) {
  return in_read(
      fmt::format("finding the broken obligations with instalments due by {}", format_date(until)),
      [&]() -> Result<std::vector<std::int64_t>> {
        std::vector<std::string> breaches;
        for (ObligationEventKind k : kEventKinds)
          if (is_breach(k)) breaches.push_back(fmt::format("'{}'", to_string(k)));
        struct Row {
          std::int64_t id = 0;
          void bind(soci::statement& st) { exchange_all(st, into(id)); }
          std::int64_t value() const { return id; }
        };
        const std::string day = format_date(until);
        const std::string query =
            fmt::format("SELECT DISTINCT e.agreement_id FROM obligation_events e "
                        "WHERE e.kind IN ({}) AND e.on_date <= :until AND {} AND EXISTS "
                        "(SELECT 1 FROM instalments i WHERE i.agreement_id = e.agreement_id "
                        "AND i.state = 'open' AND i.due_on <= :due){} ORDER BY e.agreement_id",
                        fmt::join(breaches, ", "), kInForce, agreement_id ? " AND e.agreement_id = :id" : "");
        if (agreement_id) return rows_of<Row>(sql(), query, day, day, *agreement_id);
        return rows_of<Row>(sql(), query, day, day);
      });
}

Result<std::optional<ObligationEvent>> SociStore::find_obligation_event(std::int64_t event_id) {
  return in_read(fmt::format("reading obligation event {}", event_id),
                 [&]() -> Result<std::optional<ObligationEvent>> {
                   return only(rows_of<EventRow>(sql(), std::string(kEventSelect) + "FROM obligation_events e WHERE e.id = :id",
                                                 event_id));
                 });
}

Status SociStore::add_event_void(const EventVoid& v) {
  return in_transaction(fmt::format("voiding obligation event {}", v.event_id), [&]() -> Status {
    const std::string on = format_date(v.recorded_on);
    try {
      sql() << "INSERT INTO obligation_event_voids (event_id, reason, voided_by, recorded_on) "
               "VALUES (:id, :reason, :by, :on)",
          use(v.event_id), use(v.reason), use(v.by), use(on);
    } catch (const soci::soci_error& e) {
      switch (classify(e)) {
        case Violation::kUnique:
          return Error::Conflict(fmt::format("obligation event {} is already voided", v.event_id));
        case Violation::kForeignKey:
          return Error::NotFound(fmt::format("obligation event {} does not exist", v.event_id));
        default:
          throw;
      }
    }
    return Ok();
  });
}

// One scan in convention order, each convention followed by its events in
// date order (none: one row with NULL event columns). Records are handed on
// `size` at a time, their strings and the event pool reused from chunk to
// chunk, so reading allocates nothing once warm.
Status SociStore::for_each_obligation(Date as_of, std::size_t size,
                                      const std::function<Status(const std::vector<ObligationRecord>&)>& chunk) {
  return in_read(fmt::format("reading the obligations as of {}", format_date(as_of)), [&]() -> Status {
    const std::string until = format_date(as_of);
    // The convention's state on the day, as convention_state_on reads it
    // from the convention's events (obligation_service.cpp).
    const std::string query =
        "SELECT g.id, b.ref, g.scheme_id, g.rule_sha256, g.rule_period_from, g.signed_on, "
        "e.kind, e.on_date, e.reason, e.commune, "
        "CASE WHEN EXISTS (SELECT 1 FROM agreement_events a WHERE a.agreement_id = g.id "
        "AND a.kind = 'terminate' AND a.effective_on <= ?) THEN 'terminated' "
        "WHEN (SELECT a.kind FROM agreement_events a WHERE a.agreement_id = g.id AND a.kind <> 'terminate' "
        "AND a.effective_on <= ? ORDER BY a.id DESC LIMIT 1) = 'suspend' THEN 'suspended' ELSE 'active' END "
        "FROM agreements g JOIN beneficiaries b ON b.id = g.beneficiary_id "
        "LEFT JOIN obligation_events e ON e.agreement_id = g.id AND e.on_date <= ? AND " +
        std::string(kInForce) + " "
        "WHERE g.signed_on <= ? ORDER BY g.id, e.on_date, e.id";
    std::vector<ObligationRecord> records(size);
    std::size_t used = 0;                // records filled in this chunk
    std::vector<ObligationEvent> pool;   // the events of this chunk
    std::vector<std::size_t> first;      // where each record's events start in `pool`
    Status result = Ok();
    auto flush = [&] {
      first.push_back(pool.size());
      for (std::size_t k = 0; k < used; ++k)
        records[k].events = std::span<const ObligationEvent>(pool.data() + first[k], first[k + 1] - first[k]);
      records.resize(used);
      result = chunk(records);
      records.resize(size);
      used = 0;
      pool.clear();
      first.clear();
      return result.ok();
    };
    scan(query, {until, until, until, until}, [&](const ScanRow& row) {
      const std::int64_t id = row.integer(0);
      if (used == 0 || records[used - 1].agreement_id != id) {
        if (used == size && !flush()) return false;
        ObligationRecord& r = records[used++];
        r.agreement_id = id;
        r.beneficiary_ref.assign(row.text(1));
        r.rule_version.assign(row.text(2)).append("|").append(row.text(3)).append("|").append(row.text(4));
        r.signed_on = to_date(row.text(5), "agreements.signed_on");
        r.convention_state = to_enum(std::string(row.text(10)), "agreements.state", kConventionStates);
        first.push_back(pool.size());
      }
      if (row.is_null(6)) return true;
      ObligationEvent& e = pool.emplace_back();
      e.agreement_id = id;
      e.kind = event_kind(row.text(6));
      e.on = to_date(row.text(7), "obligation_events.on_date");
      e.reason.assign(row.text(8));
      e.commune.assign(row.text(9));
      return true;
    });
    if (result && used > 0) flush();
    return result;
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
