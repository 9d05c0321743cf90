#include "grants/ledger_service.h"

#include <fmt/format.h>

#include <optional>


namespace grants {

// Streams the chain through a ChainVerifier: constant memory however long
// the ledger. A lookup failure while diagnosing is reported as such.
Result<ChainCheck> verify_ledger(Store& store) {
  std::optional<Error> lookup_failed;
  ChainVerifier verifier([&](const std::string& hash) {
    auto found = store.ledger_has_hash(hash);
    if (!found) {
      lookup_failed = found.error();
      return false;
    }
    return *found;
  });
  auto st = store.for_each_ledger_entry(std::nullopt, std::nullopt,
                                        [&](const LedgerEntry& e, const std::string&) { verifier.add(e); });
  if (!st) return st.error();
  if (lookup_failed) return *lookup_failed;
  return verifier.finish();
}

Result<ChainCheck> export_ledger(Store& store, const LedgerExportRequest& r, std::ostream& out) {
  if (r.to < r.from)
    return Error::InvalidInput(fmt::format("--to {} is before --from {}", format_date(r.to), format_date(r.from)));
  // The chain and both passes over the period read one snapshot: a batch
  // committed meanwhile cannot slip entries between them.
  auto snapshot = store.begin_read();
  if (!snapshot) return snapshot.error();
  auto chain = verify_ledger(store);
  if (!chain) return chain.error();
  if (!chain->ok)
    return Error::Integrity(fmt::format("the ledger does not verify ({}): nothing exported", chain->problem));

  LedgerExportCheck check(r.format);
  auto st = store.for_each_ledger_entry(r.from, r.to, [&](const LedgerEntry& e, const std::string&) { check.add(e); });
  if (!st) return st.error();
  if (st = check.status(); !st) return st.error();

  const LedgerExportHeader header = check.complete(
      {r.departement, r.from, r.to, r.iban_display, chain->last_hash, chain->entries, 0, {}});
  auto writer = ledger_writer(r.format, header, out);
  if (!writer) return writer.error();
  Status written = Ok();
  st = store.for_each_ledger_entry(r.from, r.to, [&](const LedgerEntry& e, const std::string& iban) {
    if (written) written = (*writer)->add(e, iban);
  });
  if (!st) return st.error();
  if (!written) return written.error();
  if (st = (*writer)->finish(); !st) return st.error();
  return chain;
}

}  // namespace grants
