// SociStore: the ledger. Appending is the only write: the table's triggers
// refuse UPDATE and DELETE, and chaining is done by append_to_ledger.
#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <string_view>
#include <tuple>

#include "grants/text.h"
#include "soci_rows.h"
#include "soci_store.h"

namespace grants {

Status append_to_ledger(Store& store, std::vector<LedgerEntry>& entries) {
  if (entries.empty()) return Ok();
  // An entry cannot be corrected once written, and every export is UTF-8:
  // the last guard, behind the checks on each input.
  for (const LedgerEntry& e : entries) {
    for (const auto& [field, text] : {std::pair{"beneficiary_ref", &e.beneficiary_ref},
                                      std::pair{"scheme_id", &e.scheme_id}, std::pair{"label", &e.label}}) {
      if (auto why = text_problem(*text, Invisible::kAllow))
        return Error::InvalidInput(fmt::format("ledger entry of convention {}: {} \"{}\" {}: nothing written",
                                               e.agreement_id, field, printable(*text), *why));
    }
  }
  auto tail = store.ledger_tail();
  if (!tail) return tail.error();
  // A journal is kept in the order of its dates (and its FEC export must
  // be): a movement is recorded on or after the last one.
  std::optional<Date> last = tail->date;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const LedgerEntry& e = entries[i];
    if (last && e.date < *last)
      return Error::InvalidInput(fmt::format(
          "the {} entry of {}, dated {}, is before entry {} of the ledger, dated {}: the ledger is kept in date "
          "order, so date it on or after {}; nothing written",
          to_string(e.kind),
          e.payment_id != 0 ? fmt::format("payment {}", e.payment_id) : fmt::format("convention {}", e.agreement_id),
          format_date(e.date), tail->seq + static_cast<std::int64_t>(i), format_date(*last), format_date(*last)));
    last = e.date;
  }
  chain_entries(entries, tail->hash, tail->seq);
  return store.add_ledger_entries(entries);
}

namespace detail {

namespace {

using soci::into;
using soci::use;

constexpr const char* kLedgerColumns =
    "l.seq, l.entry_date, l.kind, l.debit, l.credit, l.amount_cents, l.beneficiary_ref, "
    "l.agreement_id, l.batch_id, l.payment_id, l.scheme_id, l.rule_sha256, l.label, l.prev_hash, "
    "l.hash ";

// A whole number as the database gives it in text: digits, a leading '-'
// at most, no leading zero. SQLite keeps whatever a column is given: read
// as an integer, 50000.4 or '6x' in an INTEGER column came back as 50000
// or 6, the value the hash covers, so an entry edited that way verified.
std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t n = 0;
  const char* end = text.data() + text.size();
  auto [at, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || at != end || text.empty() || std::to_string(n) != text) return std::nullopt;
  return n;
}

struct LedgerRow {
  LedgerEntry e;
  std::string date, kind;
  // Read as text, then checked: see whole_number.
  std::string amount, agreement_id, batch_id, payment_id;
  void bind(soci::statement& st) {
    exchange_all(st, into(e.seq), into(date), into(kind), into(e.debit), into(e.credit), into(amount),
                 into(e.beneficiary_ref), into(agreement_id), into(batch_id), into(payment_id),
                 into(e.scheme_id), into(e.rule_sha256), into(e.label), into(e.prev_hash), into(e.hash));
  }
  // The first column of a row that does not read, and why.
  struct Unreadable {
    std::string column;  // "ledger.kind"
    std::string why;     // empty when the row reads
    std::string text() const { return column + ": " + why; }
  };
  // The row as stored. A date or kind that does not parse is left default
  // and `bad` says which and why, so that verify names the damaged entry
  // rather than failing on it.
  LedgerEntry stored(Unreadable& bad) const {
    LedgerEntry out = e;
    bad = {};
    for (auto [column, text, into] :
         {std::tuple{"ledger.agreement_id", &agreement_id, &out.agreement_id},
          std::tuple{"ledger.batch_id", &batch_id, &out.batch_id},
          std::tuple{"ledger.payment_id", &payment_id, &out.payment_id}}) {
      if (auto n = whole_number(*text)) {
        *into = *n;
      } else if (bad.why.empty()) {
        bad = {column, fmt::format("\"{}\" is not a whole number", *text)};
      }
    }
    if (auto cents = whole_number(amount)) {
      out.amount = Money::from_cents(*cents);
    } else if (bad.why.empty()) {
      bad = {"ledger.amount_cents", fmt::format("\"{}\" is not a whole number of cents", amount)};
    }
    if (auto d = parse_date(date)) {
      out.date = *d;
    } else if (bad.why.empty()) {
      bad = {"ledger.entry_date", d.error().message()};
    }
    if (auto k = parse_entry_kind(kind)) {
      out.kind = *k;
    } else if (bad.why.empty()) {
      bad = {"ledger.kind", k.error().message()};
    }
    return out;
  }
  // The row, which must read: else an error naming the entry.
  LedgerEntry value() const {
    Unreadable bad;
    LedgerEntry out = stored(bad);
    if (!bad.why.empty()) bad_column(fmt::format("{} of entry {}", bad.column, e.seq), bad.why);
    return out;
  }
};

}  // namespace

Result<LedgerTail> SociStore::ledger_tail() {
  return in_read("reading the end of the ledger", [&]() -> Result<LedgerTail> {
    LedgerTail tail{0, genesis_hash(), std::nullopt};
    std::int64_t seq = 0;
    std::string hash, date;
    sql() << "SELECT seq, hash, entry_date FROM ledger ORDER BY seq DESC LIMIT 1", into(seq), into(hash),
        into(date);
    if (sql().got_data()) tail = {seq, hash, to_date(date, fmt::format("ledger.entry_date of entry {}", seq))};
    return tail;
  });
}

Result<bool> SociStore::ledger_has_hash(const std::string& hash) {
  return in_read("looking up a ledger hash", [&]() -> Result<bool> {
    int found = 0;
    // No index on hash: only asked when a broken chain is diagnosed.
    sql() << "SELECT count(*) FROM ledger WHERE hash = :hash", use(hash), into(found);
    return found > 0;
  });
}

Status SociStore::add_ledger_entries(const std::vector<LedgerEntry>& entries) {
  if (entries.empty()) return Ok();
  return in_transaction(fmt::format("appending {} ledger entries", entries.size()), [&]() -> Status {
    const auto& e = entries;
    using B = BulkInsert;
    auto text = [&](std::string LedgerEntry::*field) {
      return [&e, field](std::size_t r, std::string&) { return std::string_view(e[r].*field); };
    };
    bulk_insert({"ledger",
                 e.size(),
                 {B::integer("seq", [&](std::size_t r) { return e[r].seq; }),
                  B::text("entry_date",
                          [&](std::size_t r, std::string& s) {
                            s = format_date(e[r].date);
                            return std::string_view(s);
                          }),
                  B::text("kind", [&](std::size_t r, std::string&) { return to_string(e[r].kind); }),
                  B::text("debit", text(&LedgerEntry::debit)),
                  B::text("credit", text(&LedgerEntry::credit)),
                  B::integer("amount_cents", [&](std::size_t r) { return e[r].amount.cents(); }),
                  B::text("beneficiary_ref", text(&LedgerEntry::beneficiary_ref)),
                  B::integer("agreement_id", [&](std::size_t r) { return e[r].agreement_id; }),
                  B::integer("batch_id", [&](std::size_t r) { return e[r].batch_id; }),
                  B::integer("payment_id", [&](std::size_t r) { return e[r].payment_id; }),
                  B::text("scheme_id", text(&LedgerEntry::scheme_id)),
                  B::text("rule_sha256", text(&LedgerEntry::rule_sha256)),
                  B::text("label", text(&LedgerEntry::label)),
                  B::text("prev_hash", text(&LedgerEntry::prev_hash)),
                  B::text("hash", text(&LedgerEntry::hash))}});
    return Ok();
  });
}

Status SociStore::for_each_ledger_entry(
    std::optional<Date> from, std::optional<Date> to, LedgerIbans ibans,
    const std::function<void(const LedgerEntry&, const std::string& iban)>& f,
    const UnreadableLedgerRow& unreadable) {
  return in_read("reading the ledger", [&]() -> Status {
    struct Row : LedgerRow {
      std::string iban;
      void bind(soci::statement& st) {
        LedgerRow::bind(st);
        st.exchange(into(iban));
      }
    } row;
    const std::string select =
        std::string("SELECT ") + kLedgerColumns +
        (ibans == LedgerIbans::kLeftOut
             ? ", '' FROM ledger l "
             : ", COALESCE(p.iban, b.iban, '') FROM ledger l LEFT JOIN payments p ON p.id = l.payment_id "
               "LEFT JOIN beneficiaries b ON b.ref = l.beneficiary_ref ");
    LedgerRow::Unreadable bad;
    auto each = [&] {
      if (!unreadable) return f(row.value(), row.iban);
      const LedgerEntry e = row.stored(bad);
      if (bad.why.empty()) return f(e, row.iban);
      unreadable(e, bad.text());
    };
    if (from && to) {
      std::string lo = format_date(*from), hi = format_date(*to);
      for_each_row(sql(), select + "WHERE l.entry_date >= :lo AND l.entry_date <= :hi ORDER BY l.seq", row,
                   each, lo, hi);
    } else {
      for_each_row(sql(), select + "ORDER BY l.seq", row, each);
    }
    return Ok();
  });
}

Result<std::vector<LedgerEntry>> SociStore::payment_orders(std::int64_t batch_id, PaymentState state,
                                                           std::int64_t after_id, std::size_t limit) {
  return in_read(fmt::format("reading the payment orders of batch {}", batch_id),
                 [&]() -> Result<std::vector<LedgerEntry>> {
                   std::string s(to_string(state));
                   long long n = static_cast<long long>(limit);
                   return rows_of<LedgerRow>(
                       sql(),
                       std::string("SELECT ") + kLedgerColumns +
                           "FROM payments p JOIN ledger l ON l.payment_id = p.id AND l.kind = "
                           "'payment' WHERE p.batch_id = :batch AND p.state = :state AND p.id > "
                           ":after ORDER BY p.id LIMIT :limit",
                       batch_id, s, after_id, n);
                 });
}

Result<std::optional<LedgerEntry>> SociStore::payment_entry(std::int64_t payment_id, EntryKind kind) {
  std::string k(to_string(kind));
  return in_read(fmt::format("reading the {} entry of payment {}", k, payment_id),
                 [&]() -> Result<std::optional<LedgerEntry>> {
                   return only(rows_of<LedgerRow>(
                       sql(),
                       std::string("SELECT ") + kLedgerColumns +
                           "FROM ledger l WHERE l.payment_id = :id AND l.kind = :kind",
                       payment_id, k));
                 });
}

}  // namespace detail
}  // namespace grants
