// SEPA credit-transfer files (ISO 20022 pain.001), written with pugixml one
// transaction at a time, so that a file of a million payments streams.
//
// The XML schema does not check IBAN checksums, that NbOfTxs and CtrlSum
// match the transactions, or the SEPA character set: write_sepa does.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grants/payment.h"
#include "grants/result.h"

namespace grants {

enum class PainVersion { k001_001_03, k001_001_09 };
// "001.001.03" | "001.001.09"; Error quotes the text.
Result<PainVersion> parse_pain_version(std::string_view text);
std::string_view to_string(PainVersion v);

// The département's account that pays (the payer, from the rule file).
struct Debtor {
  std::string departement_code;  // payments with this code are paid from this account
  std::string name;
  std::string iban;  // normalised
  std::string bic;   // may be empty: written as Othr/Id NOTPROVIDED ("IBAN only")
};

// Everything a file says but its payments.
struct SepaHeader {
  PainVersion version = PainVersion::k001_001_03;
  std::string msg_id;          // unique per file, at most 35 SEPA characters
  std::string created_at;      // ISO date-time, e.g. "2026-11-22T10:15:00"
  Date execution_date;         // requested execution date
  std::string initiator;       // InitgPty/Nm, e.g. "Département de Loir-et-Cher"
  std::vector<Debtor> debtors;
};

// A whole file in memory.
struct SepaMessage : SepaHeader {
  std::vector<Payment> payments;  // grouped into one PmtInf per debtor, in order
};

// The payments of a file, in file order, a chunk at a time: a PaymentSource
// calls `chunk` with each run of payments in turn and returns the first
// error `chunk` returns, or its own (a database that fails). write_sepa
// replays it several times; every replay must give the same payments in the
// same order (a database read inside one transaction or snapshot).
using PaymentChunk = std::function<Status(std::span<const Payment>)>;
using PaymentSource = std::function<Status(const PaymentChunk& chunk)>;

// Whether `text` is a creation time a bank accepts as CreDtTm:
// "YYYY-MM-DDTHH:MM:SS", optionally followed by "Z" or "+HH:MM" (the
// xs:dateTime forms without fractions of a second), a real date and time.
bool is_iso_date_time(std::string_view text);

// The TARGET2 closing days, on which the Eurosystem settles no SEPA credit
// transfer (ECB): Saturday, Sunday, New Year's Day, Good Friday, Easter
// Monday, Labour Day (1 May), Christmas Day and 26 December. The day's
// name, e.g. "Good Friday", or nothing on a TARGET business day.
std::optional<std::string_view> target_closing_day(Date d);
// The first TARGET business day on or after `d`.
Date next_target_day(Date d);

// Reduces text to the SEPA character set (a-z A-Z 0-9 / - ? : ( ) . , ' +
// and space): Latin letters lose their diacritics, precomposed or not
// ("Hélène Lefèvre" -> "Helene Lefevre", "Nguyễn" -> "Nguyen", "Ș" -> "S",
// "Œ" -> "OE", "ß" -> "ss"), compatibility forms become what they stand for
// ("ﬁ" -> "fi"), typographic apostrophes and dashes become ' and -,
// invisible characters (soft hyphen) go, other characters become spaces,
// runs of spaces collapse; then cut to `max_chars` characters and trimmed.
std::string sepa_text(std::string_view utf8, std::size_t max_chars);

// Writes the XML document, UTF-8, to `out`, with NbOfTxs and CtrlSum
// computed from the payments. Memory does not grow with the file but for
// an 8-byte hash of each EndToEndId (11 to 22 bytes a payment with its
// table's free slots). A first pass over `payments` checks them and sums
// them up; then one pass per PmtInf writes its transactions.
//
// Error (InvalidInput), with nothing written to `out`, listing every
// problem, one detail line each: no payment, a payment whose departement
// has no debtor (or two debtors for one departement), an invalid IBAN or
// BIC (creditor or debtor), an amount <= 0 or above 999999999.99, an
// EndToEndId, MsgId or PmtInfId not of the SEPA set or too long, duplicate
// EndToEndIds, a name left empty by sepa_text, a created_at that is not
// "YYYY-MM-DDTHH:MM:SS" (optionally with a zone), no execution date.
// Payments are named by their id and beneficiary ("payment 31 (B-0004):
// ...", the id of `grants batch payments`), or, when not stored (id 0), by
// their place in the file ("payment #3 of the file (B-0004): ..."). Names
// are cut to 70 characters and remittance to 140; an empty
// remittance is left out.
//
// Once writing has begun, an error of the source or of `out` (InvalidInput:
// a full disk) is returned at once and `out` holds part of the file.
Status write_sepa(const SepaHeader& header, const PaymentSource& payments, std::ostream& out);

// The same for a message held in memory: the document, or the same Error.
Result<std::string> write_sepa(const SepaMessage& message);

}  // namespace grants
