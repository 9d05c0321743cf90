// IBAN validation (ISO 13616) and, for French accounts, the RIB key.
#pragma once

#include <string>
#include <string_view>

#include "grants/result.h"

namespace grants {

// Validates an IBAN and returns it normalised: upper case, no spaces.
// Accepts spaces anywhere and lower case letters. Checks, in order: only
// letters and digits; a known country code; that country's length; the
// ISO 7064 mod-97 check digits; and for FR (and MC) the RIB key of the BBAN.
// Errors quote the text and say which check failed, e.g.
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
// "VIR FR76 **** **** 0189 DUPONT". An IBAN here is a word of letters and
// digits (upper or lower case, single spaces between groups allowed)
// that starts with a SEPA country code and two digits and has exactly
// that country's length; its check digits are not required to be right,
// so a mistyped account number is masked too.
std::string mask_ibans_in(std::string_view text);

}  // namespace grants
