#include "flowfolio/core/random.hpp"

#include <Random123/philox.h>

namespace flowfolio {

namespace {
thread_local std::uint64_t blocks_on_this_thread = 0;

// The first counter word of a stream: its kind, sub-stream and period.
std::uint64_t stream_head(StreamKind kind, std::uint8_t sub, std::uint64_t t) {
  return (std::uint64_t{static_cast<std::uint8_t>(kind)} << 56) | (std::uint64_t{sub} << 48) |
         (t & ((std::uint64_t{1} << 48) - 1));
}
}  // namespace

std::uint64_t random_blocks_on_this_thread() { return blocks_on_this_thread; }

Stream::Stream(std::uint64_t seed, std::uint64_t trial, StreamKind kind, std::uint8_t sub,
               std::uint64_t t, std::uint64_t a, std::uint64_t b)
    : key_{seed, trial}, counter_{stream_head(kind, sub, t), a, b, 0} {}

void Stream::refill() {
  r123::Philox4x64 generator;
  const r123::Philox4x64::ctr_type ctr = {{counter_[0], counter_[1], counter_[2], counter_[3]}};
  const r123::Philox4x64::key_type key = {{key_[0], key_[1]}};
  const auto out = generator(ctr, key);
  for (int i = 0; i < 4; ++i) buffer_[i] = out[i];
  ++counter_[3];
  next_ = 0;
  ++blocks_on_this_thread;
}

void unit_blocks(std::uint64_t seed, std::uint64_t trial, std::uint64_t t, std::uint64_t activity,
                 std::size_t count, Block* out) {
  const r123::Philox4x64 generator;
  const r123::Philox4x64::key_type key = {{seed, trial}};
  const std::uint64_t head =
      stream_head(StreamKind::kUnit, static_cast<std::uint8_t>(UnitDraw::kOutcome), t);
  // The blocks are independent, so the processor keeps several in flight at once.
  for (std::size_t i = 0; i < count; ++i) {
    const auto words = generator({{head, activity, i, 0}}, key);
    out[i] = {words[0], words[1], words[2], words[3]};
  }
  blocks_on_this_thread += count;
}

}  // namespace flowfolio
