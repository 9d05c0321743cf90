#include "grants/beneficiary_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>

#include "ascii.h"
#include "grants/iban.h"
#include "grants/profession.h"
#include "grants/sepa.h"
#include "grants/text.h"

namespace grants {

namespace {

using ascii::is_alnum;
using ascii::is_digit;
// The names typed in a file or an option (columns, kinds, professions) are
// all ASCII lower case: compared lowered.
using ascii::lowered;

void trim(std::string& s) {
  constexpr const char* kBlanks = " \t\r\n";
  s.erase(s.find_last_not_of(kBlanks) + 1);
  s.erase(0, std::min(s.find_first_not_of(kBlanks), s.size()));
}

// The ids of one kind's professions, for a message: "a, b, c".
std::string profession_ids(BeneficiaryKind kind) {
  std::string out;
  for (const Profession& p : professions())
    if (p.kind == kind) out += fmt::format("{}{}", out.empty() ? "" : ", ", p.id);
  return out;
}

bool valid_ref(std::string_view ref) {
  return !ref.empty() && ref.size() <= 32 && std::all_of(ref.begin(), ref.end(), [](char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '-';
  });
}

// Deliberately loose: catches a name or phone number typed in the wrong
// column, not every address a mail server would refuse.
bool valid_email(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = email.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

std::string problem(std::string_view field, std::string_view value, std::string_view reason) {
  return fmt::format("field '{}': value \"{}\": {}", field, printable(value), reason);
}

// The IBAN check's own reason, without its `IBAN "…": ` prefix, which the
// caller replaces with the field and value.
std::string iban_reason(const std::string& text, const Error& e) {
  std::string prefix = fmt::format("IBAN \"{}\": ", printable(text));
  const std::string& m = e.message();
  return m.starts_with(prefix) ? m.substr(prefix.size()) : m;
}

struct Column {
  std::string_view name;
  std::string Beneficiary::*member;  // nullptr for `kind`, which is not a string
  bool required;
};

constexpr std::array<Column, 9> kColumns{{
    {"ref", &Beneficiary::ref, true},
    {"kind", nullptr, true},
    {"name", &Beneficiary::name, true},
    {"first_name", &Beneficiary::first_name, true},
    {"profession", &Beneficiary::profession, true},
    {"commune", &Beneficiary::commune, true},
    {"iban", &Beneficiary::iban, true},
    {"bic", &Beneficiary::bic, false},
    {"email", &Beneficiary::email, false},
}};

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// Where each known column is in the table (-1 for an absent optional one),
// or an error naming the missing, unknown and repeated columns.
Result<std::array<int, kColumns.size()>> map_header(const CsvTable& table, std::string_view file) {
  constexpr std::string_view kExpected =
      "ref, kind, name, first_name, profession, commune, iban, and optionally bic, email";
  if (table.header.empty())
    return Error::InvalidInput(fmt::format("{}: the file is empty: expected a header line ({})", file, kExpected));
  // Column names are taken whatever their case and blanks ("IBAN", " Ref "),
  // as a spreadsheet user may type them.
  std::vector<std::string> names;
  for (std::string h : table.header) {
    trim(h);
    names.push_back(lowered(std::move(h)));
  }
  auto column = [&](std::string_view name) {
    auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
  };
  std::array<int, kColumns.size()> at{};
  std::vector<std::string> missing, unknown, repeated;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    at[i] = column(kColumns[i].name);
    if (at[i] < 0 && kColumns[i].required) missing.emplace_back(kColumns[i].name);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& h = names[i];
    bool known =
        std::any_of(kColumns.begin(), kColumns.end(), [&](const Column& c) { return c.name == h; });
    if (!known)
      unknown.push_back("\"" + printable(table.header[i]) + "\"");
    else if (column(h) != static_cast<int>(i))
      repeated.push_back(h);
  }
  if (missing.empty() && unknown.empty() && repeated.empty()) return at;
  std::vector<std::string> parts;
  if (!missing.empty()) parts.push_back("missing columns " + join(missing));
  if (!unknown.empty()) parts.push_back("unknown columns " + join(unknown));
  if (!repeated.empty()) parts.push_back("repeated columns " + join(repeated));
  return Error::InvalidInput(fmt::format("{}: bad header: {} (expected {})", file, join(parts, "; "), kExpected));
}

// The row's problems, in column order; fills `b` from it.
std::vector<std::string> read_row(const CsvRow& row, const std::array<int, kColumns.size()>& at,
                                  Beneficiary& b) {
  std::string kind;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (at[i] < 0) continue;
    const std::string& cell = row.fields[static_cast<std::size_t>(at[i])];
    if (kColumns[i].member != nullptr)
      b.*kColumns[i].member = cell;
    else
      kind = cell;
  }
  std::optional<std::string> kind_problem;
  if (auto k = parse_beneficiary_kind(kind)) {
    b.kind = *k;
  } else {
    trim(kind);
    kind_problem = problem("kind", kind, "must be \"person\" or \"structure\"");
    // Take the profession's kind, so that the one mistake is reported once.
    std::string profession = b.profession;
    trim(profession);
    if (const Profession* p = find_profession(lowered(profession))) b.kind = p->kind;
  }
  auto problems = validate_beneficiary(b);
  // After ref, which comes before kind in the header.
  if (kind_problem) {
    auto after_ref = std::find_if(problems.begin(), problems.end(), [](const std::string& p) {
      return !p.starts_with("field 'ref'");
    });
    problems.insert(after_ref, *kind_problem);
  }
  return problems;
}

}  // namespace

std::optional<BeneficiaryKind> parse_beneficiary_kind(std::string_view text) {
  std::string kind(text);
  trim(kind);
  kind = lowered(std::move(kind));
  if (kind == "person") return BeneficiaryKind::kPerson;
  if (kind == "structure") return BeneficiaryKind::kStructure;
  return std::nullopt;
}

std::vector<std::string> validate_beneficiary(Beneficiary& b) {
  for (std::string* s :
       {&b.ref, &b.name, &b.first_name, &b.profession, &b.commune, &b.iban, &b.bic, &b.email})
    trim(*s);
  b.bic = normalise_bic(b.bic);

  std::vector<std::string> out;
  if (!valid_ref(b.ref))
    out.push_back(problem("ref", b.ref, "must be 1 to 32 letters, digits, '.', '_' or '-'"));

  // Whatever its case, as a spreadsheet user may type it ("Nurse"); stored
  // as the vocabulary spells it.
  const Profession* p = find_profession(lowered(b.profession));
  if (p != nullptr) b.profession = std::string(p->id);
  if (p == nullptr)
    out.push_back(problem(
        "profession", b.profession,
        b.kind == BeneficiaryKind::kPerson
            ? "is not a known profession (a person's is one of " + profession_ids(BeneficiaryKind::kPerson) + ")"
            : "is not a known structure type (one of " + profession_ids(BeneficiaryKind::kStructure) + ")"));
  else if (p->kind != b.kind)
    out.push_back(problem("profession", b.profession,
                          p->kind == BeneficiaryKind::kPerson
                              ? "is a person's profession, not a structure type"
                              : "is a structure type, not a person's profession"));

  // Free text is stored and sent to the bank as it is: UTF-8, one line.
  // (The other fields only take ASCII letters, digits and signs.)
  bool names_readable = true;
  for (const auto& [field, text] : {std::pair{"name", &b.name}, std::pair{"first_name", &b.first_name},
                                    std::pair{"email", &b.email}}) {
    if (auto why = text_problem(*text)) {
      out.push_back(problem(field, *text, *why + (valid_utf8(*text) ? "" : " (save the file as UTF-8)")));
      if (text != &b.email) names_readable = false;
    }
  }
  // The longest name a SEPA party may have (ISO 20022 Max140Text; the
  // transfer itself carries the first 70 characters), and the longest
  // address mail can deliver to (RFC 5321).
  for (const auto& [field, text, max] : {std::tuple{"name", &b.name, std::size_t{140}},
                                         std::tuple{"first_name", &b.first_name, std::size_t{140}},
                                         std::tuple{"email", &b.email, std::size_t{254}}}) {
    if (auto why = length_problem(*text, max)) out.push_back(problem(field, *text, *why));
  }
  if (b.name.empty()) out.push_back(problem("name", b.name, "is required"));
  if (b.kind == BeneficiaryKind::kPerson && b.first_name.empty())
    out.push_back(problem("first_name", b.first_name, "is required for a person"));
  // The name the bank gets: a payment order needs one, which punctuation
  // alone ("?", "-") is not.
  const std::string sepa_name = sepa_text(b.first_name + " " + b.name, 70);
  if (names_readable && !b.name.empty() && std::none_of(sepa_name.begin(), sepa_name.end(), is_alnum))
    out.push_back(problem("name", b.name,
                          "has no letter or digit a SEPA transfer can carry (Latin letters, with or without "
                          "accents, and digits): give the name in Latin letters"));
  if (b.kind == BeneficiaryKind::kStructure && !b.first_name.empty())
    out.push_back(problem("first_name", b.first_name, "must be empty for a structure"));

  if (auto why = commune_problem(b.commune)) out.push_back(problem("commune", b.commune, *why));

  if (!b.iban.empty()) {
    auto iban = normalise_iban(b.iban);
    if (iban)
      b.iban = std::move(*iban);
    else
      out.push_back(problem("iban", b.iban, iban_reason(b.iban, iban.error())));
  }
  if (!b.bic.empty()) {
    if (auto why = bic_problem(b.bic)) out.push_back(problem("bic", b.bic, "is not a BIC: " + *why));
  }
  if (!b.email.empty() && !valid_email(b.email))
    out.push_back(problem("email", b.email, "is not an e-mail address"));
  return out;
}

Result<std::vector<Beneficiary>> parse_beneficiaries_csv(const CsvTable& table, std::string_view file,
                                                         const std::function<bool(const std::string&)>& stored) {
  auto at = map_header(table, file);
  if (!at) return at.error();
  // Importing nothing is what a wrong file does (a template, the export of
  // an empty sheet); said so, a script cannot take it for an import done.
  if (table.rows.empty())
    return Error::InvalidInput(fmt::format("{}: the file has a header line and no row: nothing to import", file));

  std::vector<Beneficiary> out;
  std::vector<std::string> details;
  std::map<std::string, int> first_line_of_ref;
  int bad_rows = 0;
  for (const CsvRow& row : table.rows) {
    std::vector<std::string> problems;
    Beneficiary b;
    if (!row.malformed.empty()) {
      problems.push_back(row.malformed);
    } else if (row.fields.size() != table.header.size()) {
      // The cells cannot be matched to columns, so nothing more can be said.
      problems.push_back(
          fmt::format("has {}, the header has {}",
                      plural(static_cast<std::int64_t>(row.fields.size()), "field", "fields"),
                      table.header.size()));
    } else {
      problems = read_row(row, *at, b);
      if (valid_ref(b.ref)) {
        auto [it, inserted] = first_line_of_ref.emplace(b.ref, row.line);
        if (!inserted)
          problems.push_back(
              problem("ref", b.ref, fmt::format("already used on line {}", it->second)));
        else if (stored && stored(b.ref))
          problems.push_back(problem("ref", b.ref, "already exists in the database"));
      }
    }
    if (!problems.empty()) ++bad_rows;
    for (const auto& p : problems) details.push_back(fmt::format("{}:{}: {}", file, row.line, p));
    out.push_back(std::move(b));
  }
  if (bad_rows > 0)
    return Error::InvalidInput(
        fmt::format("{}: {} bad row{}, nothing imported", file, bad_rows, bad_rows == 1 ? "" : "s"),
        std::move(details));
  return out;
}

}  // namespace grants
