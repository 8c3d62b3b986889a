// SHA-256 as hex: what names a sweep variant (its resolved scenario), what manifest.json
// records of the scenario file, and what a folder's marker records of each file it wrote.
// Internal to flowfolio, not part of the public API.
#pragma once

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace flowfolio {

// A SHA-256 fed piece by piece, so a large file is never held whole.
class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("cannot compute a SHA-256");
  }
  void add(const char* data, std::size_t size) {
    if (EVP_DigestUpdate(context_.get(), data, size) != 1)
      throw std::runtime_error("cannot compute a SHA-256");
  }
  // The digest of everything added, as lower-case hex. Call once.
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context_.get(), digest, &length) != 1)
      throw std::runtime_error("cannot compute a SHA-256");
    std::string out;
    char pair[3];
    for (unsigned int i = 0; i < length; ++i) {
      std::snprintf(pair, sizeof pair, "%02x", digest[i]);
      out += pair;
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context_;
};

inline std::string sha256_hex(const std::string& text) {
  Sha256 hash;
  hash.add(text.data(), text.size());
  return hash.hex();
}

}  // namespace flowfolio
