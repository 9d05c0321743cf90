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

Result<std::string> export_ledger(Store& store, const LedgerExportRequest& r) {
  if (r.to < r.from)
    return Error::InvalidInput(fmt::format("--to {} is before --from {}", format_date(r.to), format_date(r.from)));
  auto chain = verify_ledger(store);
  if (!chain) return chain.error();
  if (!chain->ok)
    return Error::Integrity(fmt::format("the ledger does not verify ({}): nothing exported", chain->problem));
  LedgerExport x;
  x.departement = r.departement;
  x.from = r.from;
  x.to = r.to;
  x.iban_display = r.iban_display;
  x.chain_hash = chain->last_hash;
  x.chain_length = chain->entries;
  auto st = store.for_each_ledger_entry(r.from, r.to, [&](const LedgerEntry& e, const std::string& iban) {
    x.entries.push_back(e);
    x.ibans.push_back(iban);
  });
  if (!st) return st.error();
  return grants::export_ledger(x, r.format);
}

}  // namespace grants
