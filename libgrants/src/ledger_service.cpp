#include "grants/ledger_service.h"

#include <fmt/format.h>


namespace grants {

// The whole chain is read into memory: verify_chain looks ahead to tell a
// deletion from an insertion. At about 400 bytes an entry this is fine for
// the ledgers of a département (tens of thousands of entries a year).
Result<ChainCheck> verify_ledger(Store& store) {
  std::vector<LedgerEntry> all;
  auto st = store.for_each_ledger_entry(std::nullopt, std::nullopt,
                                        [&](const LedgerEntry& e, const std::string&) { all.push_back(e); });
  if (!st) return st.error();
  return verify_chain(all);
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
