// SHA-256 digests (OpenSSL libcrypto), as 64 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace grants {

std::string sha256_hex(std::string_view data);

}  // namespace grants
