// IBAN validation (ISO 13616) and, for French accounts, the RIB key; BIC
// validation (ISO 9362).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grants/result.h"

namespace grants {

// Validates an IBAN and returns it normalised: upper case, no spaces.
// Accepts spaces anywhere (no-break, narrow no-break, figure and thin spaces
// too, as a RIB copied from a PDF has them) and lower case letters. Checks,
// in order: only letters and digits (naming the first other character,
// with its code point when not ASCII); a known country code; that
// country's length; the ISO 7064 mod-97 check digits; and for FR (and MC)
// the RIB key of the BBAN. Errors quote the text and say which check
// failed, e.g.
//   IBAN "FR76 3000 6000 0112 3456 7890 188": mod-97 check failed
//   IBAN "FR14 2004 1010 0505 0001 3M02 606": RIB key 06 is wrong, expected 60
Result<std::string> normalise_iban(std::string_view text);

// Groups of four for display: "FR76 3000 6000 0112 3456 7890 189".
std::string format_iban(std::string_view normalised);
// Masked for exports: country, check digits and last four:
// "FR76 **** **** 0189".
std::string mask_iban(std::string_view normalised);

// `text` with every IBAN written in it masked as mask_iban does: a bank
// reference or a reason typed with an account number in it, say
// "VIR FR76 3000 6000 0112 3456 7890 189 DUPONT" ->
// "VIR FR76 **** **** 0189 DUPONT". An IBAN here is a run of letters and
// digits (upper or lower case; spaces between groups allowed, the ASCII
// one or a no-break, narrow no-break, figure or thin space, as a RIB
// copied from a PDF has them, with at most one hyphen or dot among them)
// that starts with a SEPA country code and two digits and has exactly
// that country's length. When it is a whole word its check digits are not
// required to be right, so a mistyped account number is masked too; glued
// to a letter or digit ("IBAN:FR76...0189x") it is masked when they are.
std::string mask_ibans_in(std::string_view text);

// A BIC as it is stored and sent: without spaces, letters in upper case
// ("bnpa fr pp" -> "BNPAFRPP"). Check it with bic_problem.
std::string normalise_bic(std::string_view text);

// Why `bic` is not a BIC that both pain.001 schemas accept, or nothing:
// 8 or 11 characters, upper case: a bank code of 4 letters, a country code
// of 2 letters, a location code of 2 letters or digits (the first not 0
// or 1, the second not the letter O), optionally a branch code of 3
// letters or digits. The reason names the part at fault, e.g.
//   location code "1P" must start with a capital letter or a digit from 2 to 9
// The beneficiary import and the SEPA file check BICs with it, so that a
// BIC accepted in one is never refused by the other.
std::optional<std::string> bic_problem(std::string_view bic);

}  // namespace grants
