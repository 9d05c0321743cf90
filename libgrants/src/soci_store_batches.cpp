// SociStore: schedule changes, payment batches and payments. Portable SQL
// with bound parameters only; rows are written in bulk (use(vector)), each
// statement prepared afresh, never a prepared statement re-executed over
// vectors (SOCI 4.0.3 resends the first chunk on PostgreSQL, see DOMAIN.md).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "soci_rows.h"
#include "soci_store.h"

namespace grants::detail {

namespace {

using soci::into;
using soci::use;

constexpr std::array kBatchStates{BatchState::kDraft, BatchState::kApproved, BatchState::kExported,
                                  BatchState::kSettled, BatchState::kCancelled};
constexpr std::array kPaymentStates{PaymentState::kPending, PaymentState::kPaid,
                                    PaymentState::kReturned, PaymentState::kCancelled};
constexpr std::array kAgreementStates{AgreementState::kActive, AgreementState::kSuspended,
                                      AgreementState::kTerminated, AgreementState::kCompleted};

// An empty text or missing date is NULL in the batches table (msg_id is
// UNIQUE, approved_by is checked against prepared_by).
struct Nullable {
  std::string text;
  soci::indicator ind = soci::i_null;
  static Nullable of(const std::string& s) { return {s, s.empty() ? soci::i_null : soci::i_ok}; }
  static Nullable of(const std::optional<Date>& d) {
    return d ? Nullable{format_date(*d), soci::i_ok} : Nullable{};
  }
};

std::optional<Date> optional_date(const std::string& text, std::string_view column) {
  if (text.empty()) return std::nullopt;
  return to_date(text, column);
}

// The SELECT ... FROM of a batch; `where` filters on the alias "t".
struct BatchRow {
  static constexpr const char* kSelect =
      "SELECT t.id, t.month, t.state, t.prepared_by, t.prepared_on, COALESCE(t.approved_by, ''), "
      "COALESCE(t.approved_on, ''), COALESCE(t.msg_id, ''), COALESCE(t.pain_version, ''), "
      "COALESCE(t.created_at, ''), COALESCE(t.execution_date, ''), COALESCE(t.settled_on, ''), "
      "COALESCE(t.cancelled_by, ''), COALESCE(t.cancelled_on, ''), t.payment_count, t.total_cents "
      "FROM batches t ";
  BatchSummary b;
  std::string month, state, prepared_on, approved_on, execution_date, settled_on, cancelled_on;
  long long total = 0;
  void bind(soci::statement& st) {
    exchange_all(st, into(b.id), into(month), into(state), into(b.prepared_by), into(prepared_on),
                 into(b.approved_by), into(approved_on), into(b.msg_id), into(b.pain_version),
                 into(b.created_at), into(execution_date), into(settled_on), into(b.cancelled_by),
                 into(cancelled_on), into(b.count), into(total));
  }
  BatchSummary value() const {
    BatchSummary out = b;
    auto m = YearMonth::parse(month);
    if (!m) bad_column("batches.month", m.error().message());
    out.month = *m;
    out.state = to_enum(state, "batches.state", kBatchStates);
    out.prepared_on = to_date(prepared_on, "batches.prepared_on");
    out.approved_on = optional_date(approved_on, "batches.approved_on");
    out.execution_date = optional_date(execution_date, "batches.execution_date");
    out.settled_on = optional_date(settled_on, "batches.settled_on");
    out.cancelled_on = optional_date(cancelled_on, "batches.cancelled_on");
    out.total = Money::from_cents(total);
    return out;
  }
};

// The columns of a PaymentOutcome, aggregated over payments aliased "p".
struct OutcomeColumns {
  static constexpr const char* kSelect =
      "sum(CASE WHEN p.state = 'pending' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN p.state = 'pending' THEN p.amount_cents ELSE 0 END), "
      "sum(CASE WHEN p.state = 'paid' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN p.state = 'paid' THEN p.amount_cents ELSE 0 END), "
      "sum(CASE WHEN p.state = 'returned' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN p.state = 'returned' THEN p.amount_cents ELSE 0 END)";
  std::array<long long, 6> v{};
  void bind(soci::statement& st) {
    exchange_all(st, into(v[0]), into(v[1]), into(v[2]), into(v[3]), into(v[4]), into(v[5]));
  }
  PaymentOutcome value() const {
    auto tally = [&](std::size_t i) { return PaymentTally{v[i], Money::from_cents(v[i + 1])}; };
    return {tally(0), tally(2), tally(4)};
  }
};

void add_tally(PaymentTally& to, const PaymentTally& t) {
  to.count += t.count;
  to.total += t.total;
}
void add_outcome(PaymentOutcome& to, const PaymentOutcome& o) {
  add_tally(to.pending, o.pending);
  add_tally(to.paid, o.paid);
  add_tally(to.returned, o.returned);
}

template <class... Params>
std::vector<BatchSummary> load_batches(soci::session& sql, std::string_view where,
                                       std::string_view order, const Params&... params) {
  return rows_of<BatchRow>(
      sql, std::string(BatchRow::kSelect) + std::string(where) + std::string(order), params...);
}

// A payment as the bank file needs it. The IBAN, BIC and due date are those
// taken when the batch was prepared: a later change of account is for the
// next batch, a resumption moves the instalment's date, not the payment's,
// and a batch exported again writes the file that was sent. The creditor's
// name is the beneficiary's, which no command changes.
struct PaymentRow {
  static constexpr const char* kSelect =
      "SELECT p.id, p.batch_id, p.agreement_id, p.instalment, p.due_on, p.amount_cents, b.ref, "
      "b.first_name, b.name, p.iban, p.bic, "
      "g.scheme_id, g.departement_code, p.end_to_end_id, p.state, COALESCE(p.return_reason, '') "
      "FROM payments p "
      "JOIN agreements g ON g.id = p.agreement_id "
      "JOIN beneficiaries b ON b.id = g.beneficiary_id ";
  Payment p;
  std::string due, first_name, name, state;
  long long amount = 0;
  void bind(soci::statement& st) {
    exchange_all(st, into(p.id), into(p.batch_id), into(p.agreement_id), into(p.instalment), into(due), into(amount),
                 into(p.beneficiary_ref), into(first_name), into(name), into(p.iban), into(p.bic), into(p.scheme_id),
                 into(p.departement_code), into(p.end_to_end_id), into(state), into(p.return_reason));
  }
  Payment value() const {
    Payment out = p;
    out.due = to_date(due, "payments.due_on");
    out.amount = Money::from_cents(amount);
    out.creditor_name = first_name.empty() ? name : first_name + " " + name;
    out.state = to_enum(state, "payments.state", kPaymentStates);
    out.remittance = remittance_text(out.agreement_id, out.instalment, out.due, out.scheme_id);
    return out;
  }
};

// The statement of an instalment that no batch has taken: open, and no
// pending or paid payment (the database's unique index enforces the rest).
constexpr const char* kNoLivePayment =
    "NOT EXISTS (SELECT 1 FROM payments p WHERE p.agreement_id = i.agreement_id "
    "AND p.instalment = i.number AND p.state IN ('pending', 'paid'))";

// Joins the kinds of documents missing for an instalment: a control
// character, which no kind an officer can record holds.
constexpr std::string_view kKindSeparator = "\x1f";

// The kinds joined by the selection, in byte order: the database joins them
// in no set order, and collations differ between backends.
std::vector<std::string> missing_kinds(std::string_view joined) {
  std::vector<std::string> kinds;
  if (joined.empty()) return kinds;
  for (std::size_t from = 0;;) {
    const std::size_t to = joined.find(kKindSeparator, from);
    kinds.emplace_back(joined.substr(from, to - from));
    if (to == std::string_view::npos) break;
    from = to + kKindSeparator.size();
  }
  std::sort(kinds.begin(), kinds.end());
  return kinds;
}

}  // namespace

Status SociStore::set_iban(std::string_view ref, const std::string& iban, const std::string& bic,
                           const std::string& returned_reason) {
  std::string key(ref);
  return in_transaction(fmt::format("changing the IBAN of \"{}\"", ref), [&]() -> Status {
    soci::statement st =
        (sql().prepare << "UPDATE beneficiaries SET iban = :iban, bic = :bic WHERE ref = :ref", use(iban),
         use(bic), use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0)
      return Error::NotFound(fmt::format("beneficiary \"{}\" does not exist", ref));
    // An IBAN the bank sent back is the returned one again, which batches
    // hold on; another leaves the last return as it was (it names an
    // account no longer on file).
    if (!returned_reason.empty())
      sql() << "UPDATE beneficiaries SET returned_iban = :iban, return_reason = :reason WHERE ref = :ref",
          use(iban), use(returned_reason), use(key);
    return Ok();
  });
}

Result<std::string> SociStore::returned_reason(std::int64_t beneficiary_id, const std::string& iban) {
  return in_read(fmt::format("reading the returns of beneficiary {}", beneficiary_id), [&]() -> Result<std::string> {
    std::string reason;
    soci::indicator ind = soci::i_null;
    sql() << "SELECT p.return_reason FROM payments p JOIN agreements g ON g.id = p.agreement_id "
             "WHERE g.beneficiary_id = :beneficiary AND p.state = 'returned' AND p.iban = :iban "
             "ORDER BY p.id DESC LIMIT 1",
        use(beneficiary_id), use(iban), into(reason, ind);
    return sql().got_data() && ind == soci::i_ok ? reason : std::string();
  });
}

Status SociStore::set_agreement_state(std::int64_t id, AgreementState expected, AgreementState next) {
  return in_transaction(fmt::format("changing the state of convention {}", id), [&]() -> Status {
    std::string from(to_string(expected)), to(to_string(next));
    soci::statement st =
        (sql().prepare << "UPDATE agreements SET state = :next WHERE id = :id AND state = :expected",
         use(to), use(id), use(from));
    st.execute(true);
    if (st.get_affected_rows() == 1) return Ok();
    std::string current;
    soci::indicator ind = soci::i_null;
    sql() << "SELECT state FROM agreements WHERE id = :id", use(id), into(current, ind);
    if (!sql().got_data()) return Error::NotFound(fmt::format("convention {} does not exist", id));
    return Error::Conflict(fmt::format("convention {} is {}, not {}", id, current, from));
  });
}

Result<std::int64_t> SociStore::add_agreement_event(const AgreementEvent& e) {
  return in_transaction(fmt::format("recording an event of convention {}", e.agreement_id),
                        [&]() -> Result<std::int64_t> {
                          std::string kind(to_string(e.kind)), on = format_date(e.on);
                          std::int64_t id = 0;
                          sql() << "INSERT INTO agreement_events (agreement_id, kind, effective_on, "
                                   "reason, shifted_months, cancelled_instalments) VALUES "
                                   "(:agreement_id, :kind, :on, :reason, :shifted, :cancelled) "
                                   "RETURNING id",
                              use(e.agreement_id), use(kind), use(on), use(e.reason),
                              use(e.shifted_months), use(e.cancelled_instalments), into(id);
                          return id;
                        });
}

Result<std::int64_t> SociStore::add_document(const AgreementDocument& d) {
  return in_transaction(
      fmt::format("recording a document of convention {}", d.agreement_id),
      [&]() -> Result<std::int64_t> {
        std::string from = format_date(d.from), to = format_date(d.to),
                    recorded = format_date(d.recorded_on);
        std::int64_t id = 0;
        try {
          sql() << "INSERT INTO agreement_documents (agreement_id, kind, valid_from, valid_to, "
                   "reference, recorded_on) VALUES (:agreement_id, :kind, :from, :to, :reference, "
                   ":recorded_on) RETURNING id",
              use(d.agreement_id), use(d.kind), use(from), use(to), use(d.reference), use(recorded),
              into(id);
        } catch (const soci::soci_error& e) {
          if (classify(e) == Violation::kForeignKey)
            return Error::NotFound(fmt::format("convention {} does not exist", d.agreement_id));
          throw;
        }
        return id;
      });
}

Result<std::vector<Instalment>> SociStore::unpaid_instalments(std::int64_t agreement_id) {
  auto movable = unpaid_movable_instalments(agreement_id);
  if (!movable) return movable.error();
  std::vector<Instalment> out;
  out.reserve(movable->size());
  for (const MovableInstalment& m : *movable) out.push_back(m.now);
  return out;
}

Result<std::vector<MovableInstalment>> SociStore::unpaid_movable_instalments(std::int64_t agreement_id) {
  return in_read(fmt::format("reading the unpaid instalments of convention {}", agreement_id),
                 [&]() -> Result<std::vector<MovableInstalment>> {
                   struct Row {
                     int number = 0;
                     std::string due, from, to, scheduled_due, scheduled_from, scheduled_to;
                     long long amount = 0;
                     int months_moved = 0;
                     void bind(soci::statement& st) {
                       exchange_all(st, into(number), into(due), into(amount), into(from), into(to),
                                    into(scheduled_due), into(scheduled_from), into(scheduled_to),
                                    into(months_moved));
                     }
                   } row;
                   std::vector<MovableInstalment> out;
                   for_each_row(
                       sql(),
                       std::string("SELECT i.number, i.due_on, i.amount_cents, i.covers_from, "
                                   "i.covers_to, i.scheduled_due_on, i.scheduled_covers_from, "
                                   "i.scheduled_covers_to, i.months_moved FROM instalments i "
                                   "WHERE i.agreement_id = :id AND i.state = 'open' AND ") +
                           kNoLivePayment + " ORDER BY i.number",
                       row,
                       [&] {
                         const Money amount = Money::from_cents(row.amount);
                         out.push_back(MovableInstalment{
                             Instalment{row.number, to_date(row.due, "instalments.due_on"), amount,
                                        to_date(row.from, "instalments.covers_from"),
                                        to_date(row.to, "instalments.covers_to")},
                             Instalment{row.number, to_date(row.scheduled_due, "instalments.scheduled_due_on"),
                                        amount, to_date(row.scheduled_from, "instalments.scheduled_covers_from"),
                                        to_date(row.scheduled_to, "instalments.scheduled_covers_to")},
                             row.months_moved});
                       },
                       agreement_id);
                   return out;
                 });
}

Status SociStore::move_instalments(std::int64_t agreement_id, const std::vector<MovableInstalment>& moved) {
  if (moved.empty()) return Ok();
  return in_transaction(fmt::format("moving instalments of convention {}", agreement_id), [&]() -> Status {
    std::vector<std::string> due, from, to;
    std::vector<int> numbers, months;
    std::vector<std::int64_t> ids(moved.size(), agreement_id);
    for (const MovableInstalment& m : moved) {
      due.push_back(format_date(m.now.due));
      from.push_back(format_date(m.now.covers_from));
      to.push_back(format_date(m.now.covers_to));
      months.push_back(m.months_moved);
      numbers.push_back(m.now.number);
    }
    sql() << "UPDATE instalments SET due_on = :due, covers_from = :from, covers_to = :to, "
             "months_moved = :months WHERE agreement_id = :agreement_id AND number = :number",
        use(due), use(from), use(to), use(months), use(ids), use(numbers);
    return Ok();
  });
}

Status SociStore::cancel_instalments(std::int64_t agreement_id, const std::vector<int>& numbers) {
  if (numbers.empty()) return Ok();
  return in_transaction(fmt::format("cancelling instalments of convention {}", agreement_id),
                        [&]() -> Status {
                          std::vector<int> n = numbers;
                          std::vector<std::int64_t> ids(n.size(), agreement_id);
                          sql() << "UPDATE instalments SET state = 'cancelled' WHERE agreement_id "
                                   "= :agreement_id AND number = :number AND state = 'open'",
                              use(ids), use(n);
                          return Ok();
                        });
}

Result<std::int64_t> SociStore::add_batch(const BatchSummary& b) {
  return in_transaction(fmt::format("creating the batch of {}", b.month.to_string()),
                        [&]() -> Result<std::int64_t> {
                          std::string month = b.month.to_string(), on = format_date(b.prepared_on);
                          std::int64_t id = 0;
                          try {
                            // The next number, not the column's default: a
                            // PostgreSQL sequence moves even when the
                            // transaction rolls back (a month with nothing to
                            // pay), which would leave a gap in the batch
                            // numbers. Writers hold the write lock.
                            sql() << "INSERT INTO batches (id, month, state, prepared_by, prepared_on) "
                                     "SELECT COALESCE(MAX(id), 0) + 1, :month, 'draft', :by, :on "
                                     "FROM batches RETURNING id",
                                use(month), use(b.prepared_by), use(on), into(id);
                          } catch (const soci::soci_error& e) {
                            if (classify(e) == Violation::kUnique)
                              return Error::Conflict(
                                  fmt::format("{} already has a batch", month));
                            throw;
                          }
                          return id;
                        });
}

Result<std::optional<BatchSummary>> SociStore::find_batch(std::int64_t id) {
  return in_read(fmt::format("reading batch {}", id), [&]() -> Result<std::optional<BatchSummary>> {
    auto b = only(load_batches(sql(), "WHERE t.id = :id", "", id));
    if (!b) return b;
    struct SchemeRow {
      SchemeTotal t;
      long long total = 0;
      OutcomeColumns outcome;
      void bind(soci::statement& st) {
        exchange_all(st, into(t.scheme_id), into(t.count), into(total));
        outcome.bind(st);
      }
    } scheme;
    for_each_row(
        sql(),
        std::string("SELECT g.scheme_id, count(*), sum(p.amount_cents), ") + OutcomeColumns::kSelect +
            " FROM payments p JOIN agreements g ON g.id = p.agreement_id WHERE p.batch_id = :id "
            "GROUP BY g.scheme_id ORDER BY g.scheme_id",
        scheme,
        [&] {
          scheme.t.total = Money::from_cents(scheme.total);
          scheme.t.outcome = scheme.outcome.value();
          b->per_scheme.push_back(scheme.t);
          add_outcome(b->outcome, scheme.t.outcome);
        },
        id);
    struct HoldRow {
      Hold h;
      std::string due;
      long long amount = 0;
      void bind(soci::statement& st) {
        exchange_all(st, into(h.agreement_id), into(h.instalment), into(due), into(amount),
                     into(h.beneficiary_ref), into(h.scheme_id), into(h.reason));
      }
    } hold;
    for_each_row(
        sql(),
        "SELECT h.agreement_id, h.instalment, h.due_on, h.amount_cents, b.ref, g.scheme_id, h.reason "
        "FROM batch_holds h "
        "JOIN agreements g ON g.id = h.agreement_id JOIN beneficiaries b ON b.id = g.beneficiary_id "
        "WHERE h.batch_id = :id ORDER BY h.due_on, h.agreement_id, h.instalment",
        hold,
        [&] {
          hold.h.due = to_date(hold.due, "batch_holds.due_on");
          hold.h.amount = Money::from_cents(hold.amount);
          b->holds.push_back(hold.h);
        },
        id);
    return b;
  });
}

Result<std::optional<BatchSummary>> SociStore::live_batch(YearMonth month) {
  std::string m = month.to_string();
  return in_read(fmt::format("reading the batch of {}", m), [&]() -> Result<std::optional<BatchSummary>> {
    return only(load_batches(sql(), "WHERE t.month = :month AND t.state <> 'cancelled'", "", m));
  });
}

Result<std::optional<BatchSummary>> SociStore::latest_live_batch() {
  return in_read("reading the latest batch", [&]() -> Result<std::optional<BatchSummary>> {
    return only(load_batches(sql(), "WHERE t.state <> 'cancelled'", " ORDER BY t.month DESC LIMIT 1"));
  });
}

Result<std::vector<BatchSummary>> SociStore::list_batches() {
  return in_read("listing batches", [&]() -> Result<std::vector<BatchSummary>> {
    auto all = load_batches(sql(), "", " ORDER BY t.id");
    struct BatchOutcomeRow {
      std::int64_t batch_id = 0;
      OutcomeColumns outcome;
      void bind(soci::statement& st) {
        exchange_all(st, into(batch_id));
        outcome.bind(st);
      }
    } row;
    // Both in id order: one walk matches them.
    auto b = all.begin();
    for_each_row(sql(),
                 std::string("SELECT p.batch_id, ") + OutcomeColumns::kSelect +
                     " FROM payments p GROUP BY p.batch_id ORDER BY p.batch_id",
                 row, [&] {
                   while (b != all.end() && b->id < row.batch_id) ++b;
                   if (b != all.end() && b->id == row.batch_id) b->outcome = row.outcome.value();
                 });
    return all;
  });
}

Status SociStore::update_batch(const BatchSummary& b, BatchState expected) {
  return in_transaction(fmt::format("updating batch {}", b.id), [&]() -> Status {
    std::string state(to_string(b.state)), from(to_string(expected));
    auto approved_by = Nullable::of(b.approved_by), approved_on = Nullable::of(b.approved_on),
         msg_id = Nullable::of(b.msg_id), pain = Nullable::of(b.pain_version),
         created_at = Nullable::of(b.created_at), execution = Nullable::of(b.execution_date),
         settled_on = Nullable::of(b.settled_on), cancelled_by = Nullable::of(b.cancelled_by),
         cancelled_on = Nullable::of(b.cancelled_on);
    long long total = b.total.cents();
    soci::statement st =
        (sql().prepare << "UPDATE batches SET state = :state, approved_by = :approved_by, "
                          "approved_on = :approved_on, msg_id = :msg_id, pain_version = :pain, "
                          "created_at = :created_at, execution_date = :execution_date, "
                          "settled_on = :settled_on, cancelled_by = :cancelled_by, "
                          "cancelled_on = :cancelled_on, payment_count = :count, "
                          "total_cents = :total WHERE id = :id AND state = :expected",
         use(state), use(approved_by.text, approved_by.ind), use(approved_on.text, approved_on.ind),
         use(msg_id.text, msg_id.ind), use(pain.text, pain.ind), use(created_at.text, created_at.ind),
         use(execution.text, execution.ind), use(settled_on.text, settled_on.ind),
         use(cancelled_by.text, cancelled_by.ind), use(cancelled_on.text, cancelled_on.ind),
         use(b.count), use(total), use(b.id), use(from));
    try {
      st.execute(true);
    } catch (const soci::soci_error& e) {
      if (classify(e) == Violation::kCheck)
        return Error::Conflict(
            fmt::format("batch {}: {} prepared it and cannot also approve it", b.id, b.prepared_by));
      throw;
    }
    if (st.get_affected_rows() == 1) return Ok();
    auto current = only(load_batches(sql(), "WHERE t.id = :id", "", b.id));
    if (!current) return Error::NotFound(fmt::format("batch {} does not exist", b.id));
    return Error::Conflict(
        fmt::format("batch {} is {}, not {}", b.id, to_string(current->state), from));
  });
}

Status SociStore::for_each_due_instalment(
    Date until, std::optional<std::int64_t> agreement_id, std::size_t size,
    const std::function<Status(std::vector<DueInstalment>&)>& chunk) {
  const std::string what =
      agreement_id ? fmt::format("selecting the instalments of convention {} due by {}", *agreement_id,
                                 format_date(until))
                   : fmt::format("selecting the instalments due by {}", format_date(until));
  return in_read(what, [&]() -> Status {
    // Every required document that no received one covers on the due
    // date: a hold names them all, not the first alone.
    const std::string missing = fmt::format(
        "COALESCE((SELECT {}(r.kind, '{}') FROM agreement_required_documents r "
        "WHERE r.agreement_id = i.agreement_id AND NOT EXISTS (SELECT 1 FROM "
        "agreement_documents d WHERE d.agreement_id = r.agreement_id AND d.kind = "
        "r.kind AND d.valid_from <= i.due_on AND d.valid_to >= i.due_on)), '')",
        dialect_.join_texts, kKindSeparator);
    const std::string query =
        std::string(
            "SELECT i.agreement_id, i.number, i.due_on, i.amount_cents, i.attempts, b.ref, "
            "b.first_name, b.name, b.iban, b.bic, g.scheme_id, g.departement_code, "
            "g.rule_sha256, g.expense_account, g.payable_account, g.state, ") +
        missing +
        ", b.returned_iban, b.return_reason, "
        // The first day of the suspension in force, if any.
        "CASE WHEN g.state = 'suspended' THEN (SELECT max(e.effective_on) FROM agreement_events e "
        "WHERE e.agreement_id = g.id AND e.kind = 'suspend') END "
        "FROM instalments i JOIN agreements g ON g.id = i.agreement_id "
        "JOIN beneficiaries b ON b.id = g.beneficiary_id "
        // A terminated convention still owes what fell due before its
        // end; the rest was cancelled.
        "WHERE i.state = 'open' AND i.due_on <= ? AND " +
        (agreement_id ? "i.agreement_id = ? AND " : "") + kNoLivePayment +
        " ORDER BY i.due_on, i.agreement_id, i.number";
    std::vector<std::string> params{format_date(until)};
    if (agreement_id) params.push_back(std::to_string(*agreement_id));
    std::vector<DueInstalment> rows;
    rows.reserve(size);
    Status result = Ok();
    // Rows are handed on `size` at a time; the caller writes payments
    // between chunks while the scan goes on.
    auto flush = [&] {
      result = chunk(rows);
      rows.clear();
      return result.ok();
    };
    auto text = [](const ScanRow& r, int c) { return std::string(r.text(c)); };
    scan(query, params, [&](const ScanRow& r) {
      DueInstalment& d = rows.emplace_back();
      d.agreement_id = r.integer(0);
      d.instalment = static_cast<int>(r.integer(1));
      d.due = to_date(text(r, 2), "instalments.due_on");
      d.amount = Money::from_cents(r.integer(3));
      d.attempt = static_cast<int>(r.integer(4));
      d.beneficiary_ref = text(r, 5);
      const std::string_view first_name = r.text(6), name = r.text(7);
      d.creditor_name = first_name.empty() ? std::string(name) : fmt::format("{} {}", first_name, name);
      d.iban = text(r, 8);
      d.bic = text(r, 9);
      d.scheme_id = text(r, 10);
      d.departement_code = text(r, 11);
      d.rule_sha256 = text(r, 12);
      d.expense_account = text(r, 13);
      d.payable_account = text(r, 14);
      d.agreement_state = to_enum(text(r, 15), "agreements.state", kAgreementStates);
      d.missing_documents = missing_kinds(r.text(16));
      d.returned_iban = text(r, 17);
      d.return_reason = text(r, 18);
      if (!r.is_null(19)) d.suspended_from = to_date(text(r, 19), "agreement_events.effective_on");
      return rows.size() < size || flush();
    });
    if (result && !rows.empty()) flush();
    return result;
  });
}

Result<std::int64_t> SociStore::last_payment_id() {
  return in_read("reading the last payment id", [&]() -> Result<std::int64_t> {
    std::int64_t id = 0;
    sql() << "SELECT COALESCE(max(id), 0) FROM payments", into(id);
    return id;
  });
}

Status SociStore::add_payments(const std::vector<Payment>& payments) {
  if (payments.empty()) return Ok();
  return in_transaction(fmt::format("adding {} payments", payments.size()), [&]() -> Status {
    const auto& p = payments;
    using B = BulkInsert;
    try {
      bulk_insert({"payments",
                   p.size(),
                   {B::integer("id", [&](std::size_t r) { return p[r].id; }),
                    B::integer("batch_id", [&](std::size_t r) { return p[r].batch_id; }),
                    B::integer("agreement_id", [&](std::size_t r) { return p[r].agreement_id; }),
                    B::integer("instalment", [&](std::size_t r) { return p[r].instalment; }),
                    B::integer("attempt", [&](std::size_t r) { return p[r].attempt; }),
                    B::integer("amount_cents", [&](std::size_t r) { return p[r].amount.cents(); }),
                    B::text("iban", [&](std::size_t r, std::string&) { return std::string_view(p[r].iban); }),
                    B::text("bic", [&](std::size_t r, std::string&) { return std::string_view(p[r].bic); }),
                    B::text("due_on",
                            [&](std::size_t r, std::string& s) {
                              s = format_date(p[r].due);
                              return std::string_view(s);
                            }),
                    B::text("end_to_end_id",
                            [&](std::size_t r, std::string&) { return std::string_view(p[r].end_to_end_id); }),
                    B::text("state", [&](std::size_t r, std::string&) { return to_string(p[r].state); })}});
    } catch (const soci::soci_error& e) {
      // Either an instalment already has a live payment, or an EndToEndId
      // is taken: the database's message says which.
      if (classify(e) == Violation::kUnique)
        return Error::Conflict(fmt::format("a payment of this batch clashes with a stored one ({}): nothing written",
                                           describe(e)));
      throw;
    }
    return Ok();
  });
}

Status SociStore::add_holds(std::int64_t batch_id, const std::vector<Hold>& holds) {
  if (holds.empty()) return Ok();
  return in_transaction(fmt::format("recording the holds of batch {}", batch_id), [&]() -> Status {
    using B = BulkInsert;
    bulk_insert({"batch_holds",
                 holds.size(),
                 {B::integer("batch_id", [&](std::size_t) { return batch_id; }),
                  B::integer("agreement_id", [&](std::size_t r) { return holds[r].agreement_id; }),
                  B::integer("instalment", [&](std::size_t r) { return holds[r].instalment; }),
                  B::text("due_on",
                          [&](std::size_t r, std::string& s) {
                            s = format_date(holds[r].due);
                            return std::string_view(s);
                          }),
                  B::integer("amount_cents", [&](std::size_t r) { return holds[r].amount.cents(); }),
                  B::text("reason", [&](std::size_t r, std::string&) { return std::string_view(holds[r].reason); })}});
    return Ok();
  });
}

Result<std::vector<Payment>> SociStore::batch_payments(std::int64_t batch_id) {
  return in_read(fmt::format("reading the payments of batch {}", batch_id),
                 [&]() -> Result<std::vector<Payment>> {
                   return rows_of<PaymentRow>(
                       sql(),
                       std::string(PaymentRow::kSelect) + "WHERE p.batch_id = :id ORDER BY p.id",
                       batch_id);
                 });
}

Result<std::vector<Payment>> SociStore::batch_payments(std::int64_t batch_id, std::optional<PaymentState> state,
                                                       std::int64_t after_id, std::size_t limit) {
  return in_read(fmt::format("reading the payments of batch {}", batch_id),
                 [&]() -> Result<std::vector<Payment>> {
                   long long n = static_cast<long long>(limit);
                   const std::string select = std::string(PaymentRow::kSelect) + "WHERE p.batch_id = :batch ";
                   if (!state)
                     return rows_of<PaymentRow>(sql(), select + "AND p.id > :after ORDER BY p.id LIMIT :limit",
                                                batch_id, after_id, n);
                   std::string s(to_string(*state));
                   return rows_of<PaymentRow>(
                       sql(), select + "AND p.state = :state AND p.id > :after ORDER BY p.id LIMIT :limit",
                       batch_id, s, after_id, n);
                 });
}

Result<std::optional<Payment>> SociStore::find_payment(std::int64_t payment_id) {
  return in_read(fmt::format("reading payment {}", payment_id),
                 [&]() -> Result<std::optional<Payment>> {
                   return only(rows_of<PaymentRow>(
                       sql(), std::string(PaymentRow::kSelect) + "WHERE p.id = :id", payment_id));
                 });
}

Status SociStore::set_payment_states(const std::vector<std::int64_t>& ids, PaymentState from,
                                     PaymentState to, const std::string& reason) {
  if (ids.empty()) return Ok();
  return in_transaction(fmt::format("marking {} payments {}", ids.size(), to_string(to)), [&]() -> Status {
    std::vector<long long> id(ids.begin(), ids.end());
    std::vector<std::string> next(ids.size(), std::string(to_string(to)));
    std::vector<std::string> expected(ids.size(), std::string(to_string(from)));
    std::vector<std::string> why(ids.size(), reason);
    std::vector<soci::indicator> why_ind(ids.size(), reason.empty() ? soci::i_null : soci::i_ok);
    soci::statement st =
        (sql().prepare << "UPDATE payments SET state = :state, return_reason = :reason "
                          "WHERE id = :id AND state = :expected",
         use(next), use(why, why_ind), use(id), use(expected));
    st.execute(true);
    const auto changed = static_cast<std::size_t>(st.get_affected_rows());
    if (changed != ids.size())
      return Error::Conflict(fmt::format("{} of {} payments were not {}: nothing written",
                                         ids.size() - changed, ids.size(), to_string(from)));
    return Ok();
  });
}

Status SociStore::mark_instalments_paid(const std::vector<std::int64_t>& payment_ids) {
  if (payment_ids.empty()) return Ok();
  return in_transaction("marking instalments paid", [&]() -> Status {
    std::vector<long long> id(payment_ids.begin(), payment_ids.end());
    sql() << "UPDATE instalments SET state = 'paid' WHERE state = 'open' AND "
             "(agreement_id, number) IN (SELECT agreement_id, instalment FROM payments WHERE id = :id)",
        use(id);
    return Ok();
  });
}

Status SociStore::count_failed_attempts(const std::vector<std::int64_t>& payment_ids) {
  if (payment_ids.empty()) return Ok();
  return in_transaction("counting failed payment attempts", [&]() -> Status {
    std::vector<long long> id(payment_ids.begin(), payment_ids.end());
    sql() << "UPDATE instalments SET attempts = attempts + 1 WHERE "
             "(agreement_id, number) IN (SELECT agreement_id, instalment FROM payments WHERE id = :id)",
        use(id);
    return Ok();
  });
}

Status SociStore::record_return(std::int64_t agreement_id, int number, const std::string& returned_iban,
                                const std::string& reason) {
  return in_transaction(
      fmt::format("recording the return of convention {} instalment {}", agreement_id, number),
      [&]() -> Status {
        soci::statement st =
            (sql().prepare << "UPDATE instalments SET state = 'open', attempts = attempts + 1 "
                              "WHERE agreement_id = :agreement_id AND number = :number "
                              "AND state IN ('open', 'paid')",
             use(agreement_id), use(number));
        st.execute(true);
        if (st.get_affected_rows() != 1)
          return Error::Conflict(fmt::format("instalment {} of convention {} is cancelled", number,
                                             agreement_id));
        // Batches hold a beneficiary while the account on file is the one
        // sent back. A late return of an account replaced since says
        // nothing of the one on file, which may itself have come back:
        // only a return of the account on file is recorded against it.
        sql() << "UPDATE beneficiaries SET returned_iban = :iban, return_reason = :reason "
                 "WHERE id = (SELECT beneficiary_id FROM agreements WHERE id = :agreement_id) "
                 "AND iban = :on_file",
            use(returned_iban), use(reason), use(agreement_id), use(returned_iban);
        return Ok();
      });
}

}  // namespace grants::detail
