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

}  // namespace grants
