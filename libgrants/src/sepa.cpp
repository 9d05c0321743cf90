#include "grants/sepa.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <pugixml.hpp>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ascii.h"
#include "grants/date.h"
#include "grants/iban.h"

#include <utf8proc.h>

namespace grants {
namespace {

constexpr std::size_t kMaxIdChars = 35;
constexpr std::size_t kMaxNameChars = 70;
constexpr std::size_t kMaxRemittanceChars = 140;
// The SEPA profile (pain.001.003.03) caps one transfer at 999 999 999.99.
constexpr std::int64_t kMaxAmountCents = 99'999'999'999;

using ascii::is_digit;
using ascii::is_upper;

bool is_sepa_char(char c) {
  constexpr std::string_view kPunctuation = "/-?:().,'+ ";
  return ascii::is_alnum(c) || kPunctuation.find(c) != std::string_view::npos;
}

// ---- sepa_text ----------------------------------------------------------

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the UTF-8 sequence at `pos` and moves past it. A malformed byte
// decodes as U+FFFD, so it ends up a space like any other foreign character.
char32_t decode_utf8(std::string_view s, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  const std::size_t length = lead < 0x80           ? 1
                             : (lead >> 5) == 0x6  ? 2
                             : (lead >> 4) == 0xE  ? 3
                             : (lead >> 3) == 0x1E ? 4
                                                   : 0;
  if (length == 0 || pos + length > s.size()) {
    ++pos;
    return kReplacement;
  }
  auto cp = static_cast<char32_t>(length == 1 ? lead : lead & (0x7Fu >> length));
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(s[pos + k]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (next & 0x3Fu);
  }
  pos += length;
  return cp;
}

// One ASCII letter per code point from U+00C0 to U+017F (Latin-1 Supplement
// letters, then Latin Extended-A): the letter without its diacritic. '*'
// marks the letters that become two (kLigatures); ' ' marks × and ÷.
constexpr char32_t kFoldedFirst = 0xC0;
constexpr std::string_view kFolded =
    "AAAAAA*CEEEEIIIIDNOOOOO OUUUUY**aaaaaa*ceeeeiiiidnooooo ouuuuy*y"     // U+00C0
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlLlLl"  // U+0100
    "NnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";       // U+0143
static_assert(kFolded.size() == 0x180 - kFoldedFirst);

constexpr std::array<std::pair<char32_t, std::string_view>, 9> kLigatures = {{
    {0xC6, "AE"},
    {0xDE, "TH"},
    {0xDF, "ss"},
    {0xE6, "ae"},
    {0xFE, "th"},
    {0x132, "IJ"},
    {0x133, "ij"},
    {0x152, "OE"},
    {0x153, "oe"},
}};

// What a letter without decomposition becomes (Œ, ß, Ø, Ł...), and
// apostrophes and dashes that utf8proc does not lump.
std::string_view fold_letter(char32_t cp) {
  if (cp >= kFoldedFirst && cp - kFoldedFirst < kFolded.size()) {
    const std::size_t at = cp - kFoldedFirst;
    if (kFolded[at] != '*') return kFolded.substr(at, 1);
    for (const auto& [code, text] : kLigatures) {
      if (code == cp) return text;
    }
  }
  // Typographic apostrophes, as word processors type "Lycée d’Arsonval".
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) return "'";
  // Hyphens and dashes (U+2010 to U+2015), as in "Saint‑Aignan".
  if (cp >= 0x2010 && cp <= 0x2015) return "-";
  return " ";
}

// Passes what a non-ASCII code point becomes in the SEPA character set to
// `emit`, a piece at a time. utf8proc first decomposes it, compatibility
// forms included ("ﬁ" -> "fi", a full-width "Ａ" -> "A", "½" -> "1/2"),
// and drops its combining marks: accents go whether typed precomposed ("é")
// or decomposed ("e" then U+0301, as macOS saves names), and every Latin
// letter keeps its base ("ș" -> "s", "ễ" -> "e"). It also lumps
// typographic spaces, quotes and dashes to ASCII and drops invisible
// characters (soft hyphen, zero-width space). What is still not ASCII goes
// through fold_letter.
template <class Emit>
void fold(char32_t cp, Emit&& emit) {
  constexpr auto kOptions = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                           UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE);
  // Longer than any decomposition (18 code points, U+FDFA).
  constexpr utf8proc_ssize_t kMaxParts = 32;
  std::array<utf8proc_int32_t, kMaxParts> parts{};
  int boundclass = UTF8PROC_BOUNDCLASS_START;
  const utf8proc_ssize_t n = utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(cp))
                                 ? utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts.data(),
                                                           kMaxParts, kOptions, &boundclass)
                                 : -1;
  if (n < 0 || n > kMaxParts) {
    emit(" ");
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const auto part = static_cast<char32_t>(parts[static_cast<std::size_t>(i)]);
    if (part < 0x80) {
      const char c = static_cast<char>(part);
      emit(is_sepa_char(c) ? std::string_view(&c, 1) : std::string_view(" "));
    } else {
      emit(fold_letter(part));
    }
  }
}

// ---- checks -------------------------------------------------------------

// Why the bank would refuse `id` as a MsgId, PmtInfId or EndToEndId; empty
// when it is fine.
std::string id_problem(std::string_view id) {
  if (id.empty()) return "is empty";
  if (id.size() > kMaxIdChars) return "is longer than 35 characters";
  if (!std::all_of(id.begin(), id.end(), is_sepa_char)) {
    return "has a character outside the SEPA set";
  }
  return {};
}

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

int two_digits(std::string_view s, std::size_t at) {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

bool is_iso_date_time(std::string_view s) {
  constexpr std::string_view kShape = "0000-00-00T00:00:00";
  if (s.size() < kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == '0' ? !is_digit(s[i]) : s[i] != kShape[i]) return false;
  }
  if (!parse_date(s.substr(0, 10)).ok()) return false;
  if (two_digits(s, 11) > 23 || two_digits(s, 14) > 59 || two_digits(s, 17) > 59) return false;
  const std::string_view zone = s.substr(kShape.size());
  return zone.empty() || zone == "Z" ||
         (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && all_digits(zone.substr(1, 2)) &&
          zone[3] == ':' && all_digits(zone.substr(4, 2)));
}

namespace {

// ---- plan: the checked counts and sums of the file ----------------------

// One PmtInf: the payments of one debtor.
struct Instruction {
  const Debtor* debtor;
  std::string id;
  std::string iban;
  std::string name;
  std::size_t count = 0;
  Money total;
};

struct Plan {
  std::string initiator;
  std::vector<Instruction> instructions;
  std::size_t count = 0;
  Money total;
};

// How a problem names a payment: by its id, the one `grants batch
// payments` lists and `grants batch return --payment` takes; a payment not
// stored (id 0) by its place `number` in the file.
std::string payment_name(const Payment& p, std::size_t number) {
  return p.id != 0 ? fmt::format("payment {}", p.id) : fmt::format("payment #{} of the file", number);
}

std::string payment_prefix(const Payment& p, std::size_t number) {
  return p.beneficiary_ref.empty() ? payment_name(p, number) + ": "
                                   : fmt::format("{} ({}): ", payment_name(p, number), p.beneficiary_ref);
}

// What the duplicate check keeps of an EndToEndId; never 0, which marks an
// empty slot of HashSet.
std::uint64_t id_hash(std::string_view id) {
  const std::uint64_t h = std::hash<std::string_view>{}(id);
  return h == 0 ? 1 : h;
}

// A set of hashes, open addressing with linear probing: 8 bytes a slot, at
// most three quarters of the slots used.
class HashSet {
 public:
  // False when `h` is already in the set.
  bool insert(std::uint64_t h) {
    if (4 * (size_ + 1) > 3 * slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (auto at = static_cast<std::size_t>(h) & mask;; at = (at + 1) & mask) {
      if (slots_[at] == h) return false;
      if (slots_[at] == 0) {
        slots_[at] = h;
        ++size_;
        return true;
      }
    }
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, 2 * old.size()), 0);  // a power of two
    size_ = 0;
    for (const std::uint64_t h : old) {
      if (h != 0) insert(h);
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

// Collects every problem of a file instead of stopping at the first, so
// that one run tells the user everything to fix; and counts and sums what
// each PmtInf and the group header say before their transactions.
class Planner {
 public:
  Planner(const SepaHeader& header, const PaymentSource& payments)
      : header_(header), payments_(payments) {}

  Result<Plan> run() {
    check_header();
    index_debtors();
    std::size_t number = 0;
    auto read = payments_([&](std::span<const Payment> chunk) {
      for (const Payment& p : chunk) add_payment(p, ++number);
      return Ok();
    });
    if (!read) return read.error();
    if (!suspects_.empty()) {
      if (auto st = confirm_duplicates(); !st) return st.error();
    }
    // The first check of all, known only once the payments were read.
    if (number == 0) problems_.insert(problems_.begin(), "no payment to write");
    if (!problems_.empty()) {
      const std::size_t n = problems_.size();
      return Error::InvalidInput(fmt::format("cannot write SEPA file \"{}\": {} problem{}",
                                             header_.msg_id, n, n == 1 ? "" : "s"),
                                 std::move(problems_));
    }
    return std::move(plan_);
  }

 private:
  void problem(std::string text) { problems_.push_back(std::move(text)); }

  void check_id(std::string_view prefix, std::string_view field, std::string_view id) {
    if (auto why = id_problem(id); !why.empty()) {
      problem(fmt::format("{}{} \"{}\" {}", prefix, field, id, why));
    }
  }

  void check_bic(std::string_view prefix, std::string_view bic) {
    if (bic.empty()) return;
    if (auto why = bic_problem(bic)) problem(fmt::format("{}BIC \"{}\" is not valid: {}", prefix, bic, *why));
  }

  std::string checked_iban(std::string_view prefix, std::string_view text) {
    auto iban = normalise_iban(text);
    if (!iban.ok()) {
      problem(fmt::format("{}{}", prefix, iban.error().message()));
      return {};
    }
    return std::move(iban).value();
  }

  // The name reduced to the SEPA set; an empty result would break the schema.
  std::string checked_name(std::string_view prefix, std::string_view what, std::string_view text) {
    std::string name = sepa_text(text, kMaxNameChars);
    if (name.empty()) {
      problem(fmt::format("{}{} name \"{}\" is empty once reduced to the SEPA character set",
                          prefix, what, text));
    }
    return name;
  }

  void check_header() {
    check_id("", "MsgId", header_.msg_id);
    if (!is_iso_date_time(header_.created_at)) {
      problem(fmt::format("CreDtTm \"{}\" is not an ISO date-time such as 2026-11-22T10:15:00",
                          header_.created_at));
    }
    if (header_.execution_date.is_special()) problem("the requested execution date is missing");
    plan_.initiator = checked_name("", "initiator", header_.initiator);
  }

  void index_debtors() {
    for (const auto& debtor : header_.debtors) {
      if (!debtors_.emplace(debtor.departement_code, &debtor).second) {
        problem(fmt::format("departement {} has two debtor accounts", debtor.departement_code));
      }
    }
  }

  // The PmtInf of `code`, created and its debtor checked on first use: a
  // debtor that pays nothing in this file cannot spoil it.
  Instruction* instruction_for(const std::string& code) {
    if (auto it = instruction_at_.find(code); it != instruction_at_.end()) {
      return &plan_.instructions[it->second];
    }
    auto debtor = debtors_.find(code);
    if (debtor == debtors_.end()) return nullptr;
    const std::string prefix = fmt::format("debtor of departement {}: ", code);
    Instruction instruction{debtor->second, header_.msg_id + "-" + code, {}, {}, 0, Money{}};
    check_id(prefix, "PmtInfId", instruction.id);
    instruction.iban = checked_iban(prefix, debtor->second->iban);
    instruction.name = checked_name(prefix, "debtor", debtor->second->name);
    check_bic(prefix, debtor->second->bic);
    instruction_at_.emplace(code, plan_.instructions.size());
    plan_.instructions.push_back(std::move(instruction));
    return &plan_.instructions.back();
  }

  void add_payment(const Payment& p, std::size_t number) {
    const std::string prefix = payment_prefix(p, number);
    // Checked only: the writing pass cleans the texts again rather than
    // keep a million of them.
    checked_iban(prefix, p.iban);
    checked_name(prefix, "creditor", p.creditor_name);
    if (p.amount.cents() <= 0) {
      problem(fmt::format("{}amount {} is not positive", prefix, p.amount.to_string()));
    } else if (p.amount.cents() > kMaxAmountCents) {
      problem(fmt::format("{}amount {} is above the SEPA maximum 999999999.99", prefix,
                          p.amount.to_string()));
    }
    check_bic(prefix, p.bic);
    check_id(prefix, "EndToEndId", p.end_to_end_id);
    check_unique(p.end_to_end_id, number);
    Instruction* instruction = instruction_for(p.departement_code);
    if (instruction == nullptr) {
      problem(fmt::format("{}departement {} has no debtor account", prefix, p.departement_code));
      return;
    }
    instruction->total += p.amount;
    ++instruction->count;
    plan_.total += p.amount;
    ++plan_.count;
  }

  // Only the hashes of the ids are kept. An id whose hash was seen before
  // is a suspect, almost surely used twice: its problem takes its place in
  // the list, left empty until confirm_duplicates() knows.
  void check_unique(std::string_view id, std::size_t number) {
    const std::uint64_t h = id_hash(id);
    if (id_hashes_.insert(h)) return;
    suspect_hashes_.insert(h);
    suspects_.push_back({number, problems_.size()});
    problem({});
  }

  // One more pass, keeping the ids of the suspects' hashes only: each
  // suspect's problem names the first payment that used its id, or goes
  // when the id merely shares a hash with another.
  Status confirm_duplicates() {
    // hash -> the distinct ids with that hash so far, each with the name
    // of its first payment
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::string, std::string>>> firsts;
    auto suspect = suspects_.begin();
    std::size_t number = 0;
    auto read = payments_([&](std::span<const Payment> chunk) {
      for (const Payment& p : chunk) {
        ++number;
        const std::uint64_t h = id_hash(p.end_to_end_id);
        if (!suspect_hashes_.contains(h)) continue;
        auto& ids = firsts[h];
        auto first = std::find_if(ids.begin(), ids.end(),
                                  [&](const auto& id) { return id.first == p.end_to_end_id; });
        const bool suspected = suspect != suspects_.end() && suspect->number == number;
        if (first == ids.end()) {
          ids.emplace_back(p.end_to_end_id, payment_name(p, number));
        } else if (suspected) {
          problems_[suspect->problem] =
              fmt::format("{}EndToEndId \"{}\" is used twice (first by {})",
                          payment_prefix(p, number), p.end_to_end_id, first->second);
        }
        if (suspected) ++suspect;
      }
      return Ok();
    });
    if (!read) return read;
    std::erase(problems_, std::string());
    return Ok();
  }

  struct Suspect {
    std::size_t number;   // of the payment
    std::size_t problem;  // its place in problems_
  };

  const SepaHeader& header_;
  const PaymentSource& payments_;
  std::map<std::string, const Debtor*> debtors_;
  std::map<std::string, std::size_t> instruction_at_;
  HashSet id_hashes_;
  std::vector<Suspect> suspects_;
  std::unordered_set<std::uint64_t> suspect_hashes_;
  std::vector<std::string> problems_;
  Plan plan_;
};

// ---- XML ----------------------------------------------------------------

// Appends the chain of elements `path` ("DbtrAcct/Id/IBAN") under `parent`
// and puts `text` in the last one, which it returns.
pugi::xml_node add(pugi::xml_node parent, std::string_view path, const std::string& text = {}) {
  pugi::xml_node node = parent;
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    node = node.append_child(std::string(path.substr(start, end - start)).c_str());
    start = end + 1;
  }
  if (!text.empty()) node.text().set(text.c_str());
  return node;
}

// The names that differ between the two versions.
struct Dialect {
  const char* xmlns;
  std::string_view bic;             // under FinInstnId
  std::string_view execution_date;  // holds the YYYY-MM-DD date
};

Dialect dialect(PainVersion version) {
  switch (version) {
    case PainVersion::k001_001_09:
      return {"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09", "BICFI", "ReqdExctnDt/Dt"};
    case PainVersion::k001_001_03:
      break;
  }
  return {"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03", "BIC", "ReqdExctnDt"};
}

// Writes a planned file. pugixml builds and prints one element at a time,
// at its depth in the document, formatted as saving the whole document
// would; only the three elements that enclose the transactions (Document,
// CstmrCdtTrfInitn, PmtInf) are opened and closed here.
class Writer {
 public:
  Writer(const SepaHeader& header, const Plan& plan, std::ostream& out)
      : header_(header), plan_(plan), names_(dialect(header.version)), out_(out), xml_(out) {}

  Status run(const PaymentSource& payments) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<Document xmlns=\"" << names_.xmlns << "\">\n"
         << "  <CstmrCdtTrfInitn>\n";
    pugi::xml_document doc;
    pugi::xml_node header = doc.append_child("GrpHdr");
    add(header, "MsgId", header_.msg_id);
    add(header, "CreDtTm", header_.created_at);
    add(header, "NbOfTxs", std::to_string(plan_.count));
    add(header, "CtrlSum", plan_.total.to_string());
    add(header, "InitgPty/Nm", plan_.initiator);
    print(header, 2);
    for (const Instruction& instruction : plan_.instructions) {
      out_ << "    <PmtInf>\n";
      for (const pugi::xml_node child : instruction_header(doc, instruction).children()) {
        print(child, 3);
      }
      // One pass over the payments per PmtInf: its transactions are
      // scattered through the batch, and there are few debtors.
      const std::string& code = instruction.debtor->departement_code;
      auto written = payments([&](std::span<const Payment> chunk) -> Status {
        for (const Payment& p : chunk) {
          if (p.departement_code == code) print_transaction(p);
        }
        return out_ ? Ok() : failed();
      });
      if (!written) return written;
      out_ << "    </PmtInf>\n";
    }
    out_ << "  </CstmrCdtTrfInitn>\n"
         << "</Document>\n";
    return out_.flush() ? Ok() : failed();
  }

 private:
  Status failed() const {
    return Error::InvalidInput(
        fmt::format("cannot write SEPA file \"{}\": writing it out failed", header_.msg_id));
  }

  void print(const pugi::xml_node& node, unsigned depth) {
    node.print(xml_, "  ", pugi::format_default, pugi::encoding_utf8, depth);
  }

  // A PmtInf with what comes before its transactions, built in `doc`.
  pugi::xml_node instruction_header(pugi::xml_document& doc, const Instruction& instruction) {
    doc.reset();
    pugi::xml_node info = doc.append_child("PmtInf");
    add(info, "PmtInfId", instruction.id);
    add(info, "PmtMtd", "TRF");
    add(info, "BtchBookg", "true");
    add(info, "NbOfTxs", std::to_string(instruction.count));
    add(info, "CtrlSum", instruction.total.to_string());
    add(info, "PmtTpInf/SvcLvl/Cd", "SEPA");
    add(info, names_.execution_date, format_date(header_.execution_date));
    add(info, "Dbtr/Nm", instruction.name);
    add(info, "DbtrAcct/Id/IBAN", instruction.iban);
    pugi::xml_node debtor_bank = add(info, "DbtrAgt/FinInstnId");
    if (instruction.debtor->bic.empty()) {
      // "IBAN only": the SEPA profile's way of saying the BIC is not given.
      add(debtor_bank, "Othr/Id", "NOTPROVIDED");
    } else {
      add(debtor_bank, names_.bic, instruction.debtor->bic);
    }
    add(info, "ChrgBr", "SLEV");
    return info;
  }

  // The Planner checked the payment: its IBAN normalises and its name is
  // not empty.
  void print_transaction(const Payment& p) {
    transaction_.reset();
    pugi::xml_node tx = transaction_.append_child("CdtTrfTxInf");
    add(tx, "PmtId/EndToEndId", p.end_to_end_id);
    add(tx, "Amt/InstdAmt", p.amount.to_string()).append_attribute("Ccy") = "EUR";
    if (!p.bic.empty()) add(add(tx, "CdtrAgt/FinInstnId"), names_.bic, p.bic);
    add(tx, "Cdtr/Nm", sepa_text(p.creditor_name, kMaxNameChars));
    add(tx, "CdtrAcct/Id/IBAN", normalise_iban(p.iban).value());
    const std::string remittance = sepa_text(p.remittance, kMaxRemittanceChars);
    if (!remittance.empty()) add(tx, "RmtInf/Ustrd", remittance);
    print(tx, 3);
  }

  const SepaHeader& header_;
  const Plan& plan_;
  const Dialect names_;
  std::ostream& out_;
  pugi::xml_writer_stream xml_;
  pugi::xml_document transaction_;  // one at a time
};

}  // namespace

Result<PainVersion> parse_pain_version(std::string_view text) {
  if (text == "001.001.03") return PainVersion::k001_001_03;
  if (text == "001.001.09") return PainVersion::k001_001_09;
  return Error::InvalidInput(
      fmt::format("unknown pain version \"{}\": expected 001.001.03 or 001.001.09", text));
}

std::string_view to_string(PainVersion v) {
  switch (v) {
    case PainVersion::k001_001_03:
      return "001.001.03";
    case PainVersion::k001_001_09:
      return "001.001.09";
  }
  return "?";
}

namespace {

// Easter Sunday of `year` in the Gregorian calendar (the anonymous
// algorithm of Nature, 1876, also known as Meeus/Jones/Butcher).
Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

}  // namespace

std::optional<std::string_view> target_closing_day(Date d) {
  switch (d.day_of_week().as_number()) {
    case 0: return "Sunday";
    case 6: return "Saturday";
    default: break;
  }
  const int month = d.month(), day = d.day();
  if (month == 1 && day == 1) return "New Year's Day";
  if (month == 5 && day == 1) return "Labour Day";
  if (month == 12 && day == 25) return "Christmas Day";
  if (month == 12 && day == 26) return "26 December";
  const Date easter = easter_sunday(d.year());
  if (d == easter - boost::gregorian::days(2)) return "Good Friday";
  if (d == easter + boost::gregorian::days(1)) return "Easter Monday";
  return std::nullopt;
}

Date next_target_day(Date d) {
  while (target_closing_day(d)) d += boost::gregorian::days(1);
  return d;
}

std::string sepa_text(std::string_view utf8, std::size_t max_chars) {
  std::string out;
  auto append = [&out](std::string_view piece) {
    for (const char c : piece) {
      // Drops leading spaces and collapses runs as it goes.
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += c;
    }
  };
  for (std::size_t pos = 0; pos < utf8.size() && out.size() <= max_chars;) {
    const char32_t cp = decode_utf8(utf8, pos);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      append(is_sepa_char(c) ? std::string_view(&c, 1) : std::string_view(" "));
    } else {
      fold(cp, append);
    }
  }
  // The output is ASCII, so characters are bytes.
  if (out.size() > max_chars) out.resize(max_chars);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status write_sepa(const SepaHeader& header, const PaymentSource& payments, std::ostream& out) {
  auto plan = Planner(header, payments).run();
  if (!plan.ok()) return plan.error();
  return Writer(header, plan.value(), out).run(payments);
}

Result<std::string> write_sepa(const SepaMessage& message) {
  std::ostringstream out;
  auto written = write_sepa(
      message, [&](const PaymentChunk& chunk) { return chunk(message.payments); }, out);
  if (!written.ok()) return written.error();
  return std::move(out).str();
}

}  // namespace grants
