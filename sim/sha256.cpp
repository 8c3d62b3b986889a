#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

#include "file_text.hpp"
#include "flowfolio/result_folder.hpp"

namespace flowfolio {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("cannot compute a SHA-256");
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

std::string file_sha256(const std::string& path) {
  const std::optional<std::string> bytes = read_file_text(path);
  if (!bytes) throw std::runtime_error("cannot read " + path + " to hash it");
  return sha256_hex(*bytes);
}

}  // namespace flowfolio
