// SHA-256 as hex: what names a sweep variant (its resolved scenario) and what manifest.json
// records of the scenario file. Internal to flowfolio, not part of the public API.
#pragma once

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace flowfolio {

inline std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("cannot compute a SHA-256");
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

}  // namespace flowfolio
