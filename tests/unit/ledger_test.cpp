// The hash-chained ledger: canonical text, hashes, chaining, and how
// verify_chain names each kind of tampering.
#include "grants/ledger.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace grants {
namespace {

// Text fields carry every character the canonical text must escape.
LedgerEntry fixed_entry() {
  LedgerEntry e;
  e.seq = 1;
  e.date = Date(2025, 1, 5);
  e.kind = EntryKind::kPayment;
  e.debit = "6513";
  e.credit = "4041";
  e.amount = Money::from_cents(50000);
  e.beneficiary_ref = "B-0001";
  e.agreement_id = 12;
  e.batch_id = 3;
  e.payment_id = 45;
  e.scheme_id = "41-internes";
  e.rule_sha256 = "abc123";
  e.label = "Bourse 41 | internes\\ échéance\n3/24";
  return e;
}

// A chained ledger of `n` payments, seq 1..n, amounts 100.00, 200.00...
std::vector<LedgerEntry> ledger_of(int n) {
  std::vector<LedgerEntry> entries;
  for (int i = 1; i <= n; ++i) {
    LedgerEntry e = fixed_entry();
    e.amount = Money::from_cents(10000 * i);
    e.payment_id = 100 + i;
    e.label = "Bourse 41 internes, échéance " + std::to_string(i) + "/24";
    entries.push_back(std::move(e));
  }
  chain_entries(entries, genesis_hash(), 0);
  return entries;
}

// A 3-entry ledger with an intruder before entry 2: a copy of entry 2 that
// `forge` alters, keeping seq 2 so the sequence looks consistent.
std::vector<LedgerEntry> with_intruder(const std::function<void(LedgerEntry&)>& forge) {
  auto entries = ledger_of(3);
  LedgerEntry intruder = entries[1];
  forge(intruder);
  entries.insert(entries.begin() + 1, intruder);
  return entries;
}

// What an attacker does to hide a gap or an insertion: seq = 1, 2, 3...
// again, without re-hashing.
void renumber(std::vector<LedgerEntry>& entries) {
  std::int64_t seq = 0;
  for (auto& e : entries) e.seq = ++seq;
}

void check_problem(const std::vector<LedgerEntry>& entries, std::int64_t first_bad,
                   const std::string& problem) {
  const ChainCheck check = verify_chain(entries);
  CHECK_FALSE(check.ok);
  CHECK(check.first_bad == first_bad);
  CHECK(check.problem == problem);
  CHECK(check.entries == static_cast<std::int64_t>(entries.size()));
}

TEST_CASE("entry kinds round-trip through their names") {
  for (auto kind : {EntryKind::kPayment, EntryKind::kReturn, EntryKind::kCancellation,
                    EntryKind::kClawback, EntryKind::kReceipt}) {
    auto parsed = parse_entry_kind(to_string(kind));
    REQUIRE(parsed.ok());
    CHECK(*parsed == kind);
  }
  CHECK(to_string(EntryKind::kCancellation) == "cancellation");
  auto bad = parse_entry_kind("refund");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() ==
        "unknown ledger entry kind \"refund\" (expected one of: payment, settlement, return, cancellation, "
        "clawback, receipt)");
}

TEST_CASE("canonical text escapes pipe, backslash and newline") {
  CHECK(canonical_text(fixed_entry()) ==
        "1|2025-01-05|payment|6513|4041|500.00|B-0001|12|3|45|41-internes|abc123|"
        "Bourse 41 \\| internes\\\\ échéance\\n3/24");
}

TEST_CASE("canonical text leaves out prev_hash and hash") {
  LedgerEntry e = fixed_entry();
  const std::string before = canonical_text(e);
  e.prev_hash = "x";
  e.hash = "y";
  CHECK(canonical_text(e) == before);
}

TEST_CASE("escaping keeps different labels apart") {
  LedgerEntry a = fixed_entry();
  LedgerEntry b = fixed_entry();
  a.label = "x|y";    // a field separator inside the label
  b.label = "x\\|y";  // a backslash then a pipe
  CHECK(canonical_text(a) != canonical_text(b));
}

TEST_CASE("entry hash of a fixed entry is pinned") {
  // Computed independently: sha256("0"×64 + "\n" + canonical text).
  CHECK(entry_hash(genesis_hash(), fixed_entry()) ==
        "b41a514980dc7056444b23c5d79851c41247a17da7663d5d156bffe2a7ab9a8c");
  CHECK(genesis_hash() == std::string(64, '0'));
}

TEST_CASE("chain_entries links each entry to the one before") {
  const auto entries = ledger_of(3);
  CHECK(entries[0].seq == 1);
  CHECK(entries[0].prev_hash == genesis_hash());
  CHECK(entries[1].prev_hash == entries[0].hash);
  CHECK(entries[2].seq == 3);
  CHECK(entries[2].hash == entry_hash(entries[1].hash, entries[2]));
}

TEST_CASE("chain_entries continues an existing chain") {
  auto entries = ledger_of(2);
  std::vector<LedgerEntry> more = {fixed_entry(), fixed_entry()};
  chain_entries(more, entries.back().hash, entries.back().seq);
  CHECK(more[0].seq == 3);
  CHECK(more[1].seq == 4);
  CHECK(more[0].prev_hash == entries[1].hash);
  entries.insert(entries.end(), more.begin(), more.end());
  const ChainCheck check = verify_chain(entries);
  CHECK(check.ok);
  CHECK(check.entries == 4);
  CHECK(check.last_hash == more[1].hash);
}

TEST_CASE("verify_chain accepts an intact ledger") {
  const auto entries = ledger_of(5);
  const ChainCheck check = verify_chain(entries);
  CHECK(check.ok);
  CHECK(check.entries == 5);
  CHECK(check.last_hash == entries.back().hash);
  CHECK(check.first_bad == 0);
  CHECK(check.problem.empty());
}

TEST_CASE("verify_chain accepts an empty ledger, ending at the genesis hash") {
  const ChainCheck check = verify_chain({});
  CHECK(check.ok);
  CHECK(check.entries == 0);
  CHECK(check.last_hash == genesis_hash());
}

TEST_CASE("tamper: a changed amount is reported as changed") {
  auto entries = ledger_of(4);
  entries[1].amount = Money::from_cents(999999);
  check_problem(entries, 2, "entry 2: hash does not match its content (changed)");
}

TEST_CASE("tamper: an edited prev_hash is reported as changed") {
  auto entries = ledger_of(4);
  entries[2].prev_hash = std::string(64, 'e');
  check_problem(entries, 3, "entry 3: hash does not match its content (changed)");
}

TEST_CASE("tamper: a deleted middle entry is reported as a sequence gap") {
  auto entries = ledger_of(3);
  entries.erase(entries.begin() + 1);
  check_problem(entries, 2, "entry 2: sequence jumps from 1 to 3 (deleted)");
}

TEST_CASE("tamper: several deleted entries are one gap") {
  auto entries = ledger_of(6);
  entries.erase(entries.begin() + 2, entries.begin() + 5);
  check_problem(entries, 3, "entry 3: sequence jumps from 2 to 6 (deleted)");
}

TEST_CASE("tamper: a deleted first entry is a gap from 0") {
  auto entries = ledger_of(3);
  entries.erase(entries.begin());
  check_problem(entries, 1, "entry 1: sequence jumps from 0 to 2 (deleted)");
}

TEST_CASE("tamper: a deletion hidden by renumbering is still a deletion") {
  // The hash still covers the original seq, which gives the renumbering away.
  auto entries = ledger_of(4);
  entries.erase(entries.begin() + 1);
  renumber(entries);
  check_problem(entries, 2, "entry 2: sequence jumps from 1 to 3 (deleted)");
}

TEST_CASE("tamper: an inserted entry with a consistent seq and a forged hash") {
  const auto entries = with_intruder([](LedgerEntry& x) {
    x.amount = Money::from_cents(123456);
    x.hash = std::string(64, 'f');  // keeps prev_hash, invents the hash
  });
  check_problem(entries, 2,
                "entry 2: previous hash does not match entry 1 (inserted or reordered)");
}

TEST_CASE("tamper: an inserted entry with a forged previous hash") {
  const auto entries = with_intruder([](LedgerEntry& x) {
    x.prev_hash = std::string(64, 'f');
    x.hash = entry_hash(x.prev_hash, x);
  });
  check_problem(entries, 2,
                "entry 2: previous hash does not match entry 1 (inserted or reordered)");
}

TEST_CASE("tamper: a correctly hashed insertion breaks the next link") {
  auto entries = with_intruder([](LedgerEntry& x) {
    x.amount = Money::from_cents(123456);
    x.hash = entry_hash(x.prev_hash, x);
  });
  // The intruder chains; the genuine entry 2 after it no longer does.
  check_problem(entries, 2,
                "entry 2: previous hash does not match entry 2 (inserted or reordered)");

  // Renumbering the rest to keep seq consistent does not hide it.
  renumber(entries);
  check_problem(entries, 3,
                "entry 3: previous hash does not match entry 2 (inserted or reordered)");
}

TEST_CASE("tamper: two swapped entries are reported as reordered, not deleted") {
  auto entries = ledger_of(4);
  std::swap(entries[1], entries[2]);
  check_problem(entries, 3,
                "entry 3: previous hash does not match entry 1 (inserted or reordered)");
}

TEST_CASE("tamper: swapped and renumbered entries are reported as reordered") {
  auto entries = ledger_of(4);
  std::swap(entries[1], entries[2]);
  renumber(entries);
  check_problem(entries, 2,
                "entry 2: previous hash does not match entry 1 (inserted or reordered)");
}

TEST_CASE("tamper: a change re-hashed by the attacker breaks the next link") {
  auto entries = ledger_of(4);
  entries[1].amount = Money::from_cents(1);
  entries[1].hash = entry_hash(entries[1].prev_hash, entries[1]);
  check_problem(entries, 3,
                "entry 3: previous hash does not match entry 2 (inserted or reordered)");
}

TEST_CASE("tamper: a forged first entry does not match the genesis hash") {
  auto entries = ledger_of(2);
  LedgerEntry forged = entries[0];
  forged.hash = std::string(64, 'f');
  entries.insert(entries.begin(), forged);
  check_problem(entries, 1,
                "entry 1: previous hash does not match the genesis hash (inserted or reordered)");
}

}  // namespace
}  // namespace grants

namespace grants {

TEST_CASE("the streaming verifier asks for no hash lookup on a sound chain, and counts every entry") {
  const auto entries = ledger_of(50);
  int lookups = 0;
  grants::ChainVerifier verifier([&lookups](const std::string&) {
    ++lookups;
    return false;
  });
  for (const auto& e : entries) CHECK(verifier.add(e));
  const grants::ChainCheck check = verifier.finish();
  CHECK(check.ok);
  CHECK(check.entries == 50);
  CHECK(check.last_hash == entries.back().hash);
  CHECK(lookups == 0);
}

TEST_CASE("the streaming verifier stops at the first bad entry and still counts what it was given") {
  auto entries = ledger_of(10);
  entries[4].amount = entries[4].amount + grants::Money::from_cents(1);
  grants::ChainVerifier verifier([](const std::string&) { return false; });
  int accepted = 0;
  for (const auto& e : entries) accepted += verifier.add(e) ? 1 : 0;
  const grants::ChainCheck check = verifier.finish();
  CHECK_FALSE(check.ok);
  CHECK(check.first_bad == 5);
  CHECK(check.problem == "entry 5: hash does not match its content (changed)");
  CHECK(check.entries == 10);
  CHECK(check.last_hash.empty());
  CHECK(accepted == 5);  // entry 5 is judged when entry 6 arrives
}

namespace {

// What a store passes for a row whose date does not parse: the date left
// default, and why.
bool add_each(grants::ChainVerifier& verifier, const std::vector<LedgerEntry>& entries, std::size_t unreadable) {
  bool going = true;
  for (std::size_t i = 0; i < entries.size() && going; ++i) {
    if (i != unreadable) {
      going = verifier.add(entries[i]);
      continue;
    }
    LedgerEntry e = entries[i];
    e.date = Date();
    going = verifier.add_unreadable(e, "ledger.entry_date: date \"2025-01-32\": day 32 does not exist in January 2025");
  }
  return going;
}

}  // namespace

TEST_CASE("an entry whose stored date does not read was changed, unless an earlier entry is bad") {
  auto entries = ledger_of(10);
  grants::ChainVerifier verifier([](const std::string&) { return false; });
  CHECK_FALSE(add_each(verifier, entries, 6));
  grants::ChainCheck check = verifier.finish();
  CHECK_FALSE(check.ok);
  CHECK(check.first_bad == 7);
  CHECK(check.problem ==
        "entry 7: its content does not read (changed): ledger.entry_date: date \"2025-01-32\": day 32 does not "
        "exist in January 2025");
  CHECK(check.entries == 8);

  entries[2].amount = entries[2].amount + grants::Money::from_cents(1);
  grants::ChainVerifier earlier([](const std::string&) { return false; });
  add_each(earlier, entries, 6);
  check = earlier.finish();
  CHECK(check.first_bad == 3);
  CHECK(check.problem == "entry 3: hash does not match its content (changed)");

  // the last entry, which nothing follows
  grants::ChainVerifier last([](const std::string&) { return false; });
  CHECK(add_each(last, ledger_of(4), 3));
  CHECK(last.finish().problem.starts_with("entry 4: its content does not read (changed): "));
}

}  // namespace grants
