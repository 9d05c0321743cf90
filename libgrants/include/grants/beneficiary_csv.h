// Checking beneficiaries, one at a time or as a CSV import.
//
// Pure functions: no I/O, no shared state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grants/commune.h"
#include "grants/csv.h"
#include "grants/model.h"
#include "grants/result.h"

namespace grants {

// "person" or "structure", whatever the case and the blanks around it
// ("Person ", "STRUCTURE"); nullopt for anything else.
std::optional<BeneficiaryKind> parse_beneficiary_kind(std::string_view text);

// Normalises `b` in place (fields trimmed, IBAN and BIC upper case without
// spaces, the profession as the vocabulary spells it: "Nurse" is "nurse")
// and returns every problem found, one per line, as
//   field 'iban': value "FR76 3000 6000 0112 3456 7890 188": mod-97 check failed
// Empty when `b` is valid. An empty IBAN is valid: payments are held until
// one is given. BIC and e-mail are optional.
std::vector<std::string> validate_beneficiary(Beneficiary& b);

// Reads beneficiaries from a CSV table whose header has the columns
// ref, kind, name, first_name, profession, commune, iban (required) and
// bic, email (optional), in any order and case; `kind` is "person" or
// "structure", in any case.
//
// All or nothing: returns every row, validated and normalised, or an
// InvalidInput error "FILE: N bad rows, nothing imported" whose details hold
// one line per problem, in line order, e.g.
//   FILE:9: field 'ref': value "B-0003": already used on line 4
// A row whose CSV quoting is malformed is a bad row with the parser's
// message (CsvRow::malformed). A header with missing or unknown columns is
// an error naming them; so is a header with no row below it (an empty
// import is a wrong file, not an import done).
// Given `stored`, a row whose ref it says is taken is a bad row too:
//   FILE:2: field 'ref': value "B-0001": already exists in the database
Result<std::vector<Beneficiary>> parse_beneficiaries_csv(
    const CsvTable& table, std::string_view file,
    const std::function<bool(const std::string& ref)>& stored = nullptr);

}  // namespace grants
