// SociStore: recovery orders (titres de recette), their plans and receipts.
// Portable SQL with bound parameters only.
#include <fmt/format.h>

#include <array>

#include "soci_rows.h"
#include "soci_store.h"

namespace grants::detail {

namespace {

using soci::into;
using soci::use;

constexpr std::array kRecoveryStates{RecoveryState::kOpen, RecoveryState::kSettled, RecoveryState::kCancelled};

// `where` filters on the alias "o" of recovery_orders.
struct OrderRow {
  static constexpr const char* kSelect =
      "SELECT o.id, o.number, o.agreement_id, b.ref, g.scheme_id, g.rule_sha256, o.breach_date, o.formula, "
      "o.amount_cents, o.explanation, o.notice_on, o.answer_by, o.decided_on, o.issued_by, o.due_on, "
      "o.receivable_account, o.recovery_account, o.state, COALESCE(o.cancelled_on, ''), o.cancel_reason, "
      "o.written_off_cents FROM recovery_orders o JOIN agreements g ON g.id = o.agreement_id "
      "JOIN beneficiaries b ON b.id = g.beneficiary_id ";
  RecoveryOrder o;
  std::string breach, notice, answer, decided, due, state, cancelled;
  long long amount = 0, written_off = 0;
  void bind(soci::statement& st) {
    exchange_all(st, into(o.id), into(o.number), into(o.agreement_id), into(o.beneficiary_ref), into(o.scheme_id),
                 into(o.rule_sha256), into(breach), into(o.formula), into(amount), into(o.explanation),
                 into(notice), into(answer), into(decided), into(o.issued_by), into(due),
                 into(o.receivable_account), into(o.recovery_account), into(state), into(cancelled),
                 into(o.cancel_reason), into(written_off));
  }
  RecoveryOrder value() const {
    RecoveryOrder out = o;
    out.breach = to_date(breach, "recovery_orders.breach_date");
    out.amount = Money::from_cents(amount);
    out.notice_on = to_date(notice, "recovery_orders.notice_on");
    out.answer_by = to_date(answer, "recovery_orders.answer_by");
    out.decided_on = to_date(decided, "recovery_orders.decided_on");
    out.due = to_date(due, "recovery_orders.due_on");
    out.state = to_enum(state, "recovery_orders.state", kRecoveryStates);
    if (!cancelled.empty()) out.cancelled_on = to_date(cancelled, "recovery_orders.cancelled_on");
    out.written_off = Money::from_cents(written_off);
    return out;
  }
};

// Orders matching `where`, by number, with their plans and receipts.
template <class... Params>
std::vector<RecoveryOrder> load_orders(soci::session& sql, std::string_view where, const Params&... params) {
  std::vector<RecoveryOrder> out = rows_of<OrderRow>(
      sql, std::string(OrderRow::kSelect) + std::string(where) + " ORDER BY o.number", params...);
  auto index = index_by_id(out);
  struct PlanRow {
    std::int64_t order = 0;
    RecoveryInstalment i;
    std::string due;
    long long amount = 0;
    void bind(soci::statement& st) { exchange_all(st, into(order), into(i.number), into(due), into(amount)); }
  } plan;
  for_each_row(
      sql,
      "SELECT r.order_id, r.number, r.due_on, r.amount_cents FROM recovery_instalments r "
      "JOIN recovery_orders o ON o.id = r.order_id JOIN agreements g ON g.id = o.agreement_id "
      "JOIN beneficiaries b ON b.id = g.beneficiary_id " +
          std::string(where) + " ORDER BY r.order_id, r.number",
      plan,
      [&] {
        RecoveryInstalment i = plan.i;
        i.due = to_date(plan.due, "recovery_instalments.due_on");
        i.amount = Money::from_cents(plan.amount);
        out[index.at(plan.order)].plan.push_back(i);
      },
      params...);
  struct ReceiptRow {
    Receipt r;
    std::string on;
    long long amount = 0;
    void bind(soci::statement& st) {
      exchange_all(st, into(r.id), into(r.order_id), into(on), into(amount), into(r.reference));
    }
  } receipt;
  for_each_row(
      sql,
      "SELECT r.id, r.order_id, r.received_on, r.amount_cents, r.reference FROM receipts r "
      "JOIN recovery_orders o ON o.id = r.order_id JOIN agreements g ON g.id = o.agreement_id "
      "JOIN beneficiaries b ON b.id = g.beneficiary_id " +
          std::string(where) + " ORDER BY r.order_id, r.received_on, r.id",
      receipt,
      [&] {
        Receipt r = receipt.r;
        r.on = to_date(receipt.on, "receipts.received_on");
        r.amount = Money::from_cents(receipt.amount);
        out[index.at(r.order_id)].receipts.push_back(r);
      },
      params...);
  return out;
}

}  // namespace

Result<int> SociStore::last_recovery_rank(int year) {
  return in_read("reading the last recovery order number", [&]() -> Result<int> {
    // Numbers are zero-padded, so the last in text order has the highest rank.
    const std::string prefix = recovery_number(year, 0).substr(0, 8) + "%";
    std::string last;
    soci::indicator ind = soci::i_null;
    sql() << "SELECT number FROM recovery_orders WHERE number LIKE :prefix ORDER BY number DESC LIMIT 1",
        use(prefix), into(last, ind);
    if (!sql().got_data() || ind != soci::i_ok) return 0;
    const std::string digits = last.substr(8);
    if (digits.size() != 5 || digits.find_first_not_of("0123456789") != std::string::npos)
      bad_column("recovery_orders.number", fmt::format("\"{}\" is not TR-YYYY-NNNNN", last));
    return std::stoi(digits);
  });
}

Result<std::int64_t> SociStore::add_recovery_order(const RecoveryOrder& o) {
  return in_transaction(fmt::format("recording recovery order {}", o.number), [&]() -> Result<std::int64_t> {
    // Looked up first so that the conflict names the order (PostgreSQL
    // refuses any statement after a failed one in a transaction); the
    // unique index still guards against a race.
    std::string live;
    soci::indicator live_ind = soci::i_null;
    sql() << "SELECT number FROM recovery_orders WHERE agreement_id = :agreement AND state <> 'cancelled'",
        use(o.agreement_id), into(live, live_ind);
    if (sql().got_data() && live_ind == soci::i_ok)
      return Error::Conflict(fmt::format("convention {} already has recovery order {}", o.agreement_id, live));
    std::string breach = format_date(o.breach), notice = format_date(o.notice_on), answer = format_date(o.answer_by),
                decided = format_date(o.decided_on), due = format_date(o.due), state(to_string(o.state));
    long long amount = o.amount.cents();
    std::int64_t id = 0;
    try {
      sql() << "INSERT INTO recovery_orders (number, agreement_id, breach_date, formula, amount_cents, "
               "explanation, notice_on, answer_by, decided_on, issued_by, due_on, receivable_account, "
               "recovery_account, state) VALUES (:number, :agreement, :breach, :formula, :amount, :explanation, "
               ":notice, :answer, :decided, :by, :due, :receivable, :recovery, :state) RETURNING id",
          use(o.number), use(o.agreement_id), use(breach), use(o.formula), use(amount),
          use(o.explanation), use(notice), use(answer), use(decided), use(o.issued_by), use(due),
          use(o.receivable_account), use(o.recovery_account), use(state), into(id);
    } catch (const soci::soci_error& e) {
      if (classify(e) == Violation::kUnique)
        return Error::Conflict(fmt::format("recovery order {} already exists", o.number));
      throw;
    }
    const std::size_t n = o.plan.size();
    std::vector<long long> order(n, id), amounts(n);
    std::vector<int> numbers(n);
    std::vector<std::string> dues(n);
    for (std::size_t k = 0; k < n; ++k) {
      numbers[k] = o.plan[k].number;
      dues[k] = format_date(o.plan[k].due);
      amounts[k] = o.plan[k].amount.cents();
    }
    if (n > 0)
      sql() << "INSERT INTO recovery_instalments (order_id, number, due_on, amount_cents) "
               "VALUES (:order, :number, :due, :amount)",
          use(order), use(numbers), use(dues), use(amounts);
    return id;
  });
}

Result<std::optional<RecoveryOrder>> SociStore::find_recovery_order(std::string_view number) {
  std::string key(number);
  return in_read(fmt::format("reading recovery order {}", number), [&]() -> Result<std::optional<RecoveryOrder>> {
    return only(load_orders(sql(), "WHERE o.number = :number", key));
  });
}

Result<std::vector<RecoveryOrder>> SociStore::recovery_orders_of(std::int64_t agreement_id) {
  return in_read(fmt::format("reading the recovery orders of convention {}", agreement_id),
                 [&]() -> Result<std::vector<RecoveryOrder>> {
                   return load_orders(sql(), "WHERE o.agreement_id = :id", agreement_id);
                 });
}

Result<std::vector<RecoveryOrder>> SociStore::list_recovery_orders() {
  return in_read("listing recovery orders", [&]() -> Result<std::vector<RecoveryOrder>> {
    return load_orders(sql(), "");
  });
}

Result<std::int64_t> SociStore::add_receipt(const Receipt& r) {
  return in_transaction(fmt::format("recording a receipt of order {}", r.order_id), [&]() -> Result<std::int64_t> {
    if (!r.reference.empty()) {
      std::string on;
      soci::indicator ind = soci::i_null;
      sql() << "SELECT received_on FROM receipts WHERE order_id = :order AND reference = :reference",
          use(r.order_id), use(r.reference), into(on, ind);
      if (sql().got_data() && ind == soci::i_ok)
        return Error::Conflict(fmt::format("a receipt with reference \"{}\" was already recorded on {}",
                                           r.reference, on));
    }
    std::string on = format_date(r.on);
    long long amount = r.amount.cents();
    std::int64_t id = 0;
    try {
      sql() << "INSERT INTO receipts (order_id, received_on, amount_cents, reference) "
               "VALUES (:order, :on, :amount, :reference) RETURNING id",
          use(r.order_id), use(on), use(amount), use(r.reference), into(id);
    } catch (const soci::soci_error& e) {
      if (classify(e) == Violation::kUnique)
        return Error::Conflict(fmt::format("a receipt with reference \"{}\" is already recorded", r.reference));
      throw;
    }
    return id;
  });
}

Status SociStore::update_recovery_order(const RecoveryOrder& o, RecoveryState expected) {
  return in_transaction(fmt::format("updating recovery order {}", o.number), [&]() -> Status {
    std::string state(to_string(o.state)), from(to_string(expected));
    std::string cancelled = o.cancelled_on ? format_date(*o.cancelled_on) : "";
    soci::indicator cancelled_ind = o.cancelled_on ? soci::i_ok : soci::i_null;
    long long written_off = o.written_off.cents();
    soci::statement st =
        (sql().prepare << "UPDATE recovery_orders SET state = :state, cancelled_on = :cancelled_on, "
                          "cancel_reason = :reason, written_off_cents = :written_off "
                          "WHERE id = :id AND state = :expected",
         use(state), use(cancelled, cancelled_ind), use(o.cancel_reason), use(written_off), use(o.id), use(from));
    st.execute(true);
    if (st.get_affected_rows() == 1) return Ok();
    std::string current;
    soci::indicator ind = soci::i_null;
    sql() << "SELECT state FROM recovery_orders WHERE id = :id", use(o.id), into(current, ind);
    if (!sql().got_data()) return Error::NotFound(fmt::format("recovery order {} does not exist", o.number));
    return Error::Conflict(fmt::format("recovery order {} is {}, not {}", o.number, current, from));
  });
}

}  // namespace grants::detail
