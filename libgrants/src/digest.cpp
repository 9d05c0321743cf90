#include "grants/digest.h"

#include <openssl/evp.h>

#include <cassert>
#include <memory>

namespace grants {

namespace {

// OpenSSL 3 looks an algorithm up by name on every EVP_Digest call with
// EVP_sha256(); fetching it once and reusing one context per thread makes
// hashing a ledger entry several times cheaper.
const EVP_MD* sha256_md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct ContextFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::string sha256_hex(std::string_view data) {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextFree> ctx(EVP_MD_CTX_new());
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // These only fail on allocation failure: an environment error, not input.
  [[maybe_unused]] const bool ok = ctx && sha256_md() != nullptr &&
                                   EVP_DigestInit_ex2(ctx.get(), sha256_md(), nullptr) == 1 &&
                                   EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1 &&
                                   EVP_DigestFinal_ex(ctx.get(), md, &len) == 1;
  assert(ok && len == 32);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * len, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 0x0F];
  }
  return out;
}

}  // namespace grants
