// file_sha256(): a file's SHA-256, read in pieces.
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/digest.hpp"
#include "flowfolio/output/result_folder.hpp"

namespace flowfolio {

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + " to hash it");
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    hash.add(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw std::runtime_error("cannot read " + path + " to hash it");
  return hash.hex();
}

}  // namespace flowfolio
