// Keyed random streams (MODEL.md section 9; docs/model.md "Random numbers").
//
// Every draw of the simulation is a pure function of (seed, trial, stream, sub-stream,
// index). A Stream is a counter-based generator (Philox4x64-10) whose key is
// (seed, trial) and whose counter names the stream and the sub-stream; the index is
// the position in the stream's sequence of 64-bit words. Nothing is shared between
// streams, so draws can be made in any order, on any thread, in any process.
//
// Stream models the standard UniformRandomBitGenerator, so Boost.Random's (or the
// standard library's) distributions can run over it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace flowfolio {

enum class StreamKind : std::uint8_t { kPerson = 1, kMarket = 2, kUnit = 3, kAttrition = 4 };

// Sub-streams of PERSON(slot, generation).
enum class PersonDraw : std::uint8_t { kOnline = 0, kDomain = 1, kEta = 2, kRho = 3 };

// Sub-streams of UNIT(t, activity, unit). The first block of kOutcome holds the four words
// every unit draws: its success and incident uniforms, and its value and direct cost by
// inversion (unit_blocks). Value and cost distributions that cannot be inverted cheaply
// (beta, pert) draw from kValue and kCost instead; severity and unmet cost, which few
// units need, from their own sub-streams. (Sub-stream 1 held the incident uniform before
// issue 15 and is no longer drawn.)
enum class UnitDraw : std::uint8_t { kOutcome = 0, kValue = 2, kSeverity = 3, kCost = 4, kUnmet = 5 };

// The words of a unit's kOutcome block.
enum class UnitWord : std::uint8_t { kSuccess = 0, kIncident = 1, kValue = 2, kCost = 3 };

// A uniform double in [0, 1) from a word's top 53 bits, as Stream::uniform() makes it.
inline double uniform_from(std::uint64_t word) { return static_cast<double>(word >> 11) * 0x1.0p-53; }

// A uniform double strictly inside (0, 1): the midpoint of the cell of width 2^-52 that
// the word's top 52 bits name (with 53 bits the top midpoint would round to 1), for
// inverting distributions whose quantile is infinite at 0 or 1.
inline double open_uniform_from(std::uint64_t word) {
  return (static_cast<double>(word >> 12) + 0.5) * 0x1.0p-52;
}

class Stream {
 public:
  using result_type = std::uint64_t;

  // The stream (kind, sub, t, a, b) of trial `trial` under `seed`. Requires: t < 2^48.
  // Constructing a stream is cheap; the generator runs only when a word is drawn.
  Stream(std::uint64_t seed, std::uint64_t trial, StreamKind kind, std::uint8_t sub,
         std::uint64_t t, std::uint64_t a, std::uint64_t b);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  // The next 64-bit word of the stream.
  result_type operator()() {
    if (next_ == 4) refill();
    return buffer_[next_++];
  }

  // The next word as a uniform double in [0, 1): its top 53 bits times 2^-53.
  double uniform() { return uniform_from((*this)()); }

  // Words drawn so far (the index of the next one).
  std::uint64_t words_drawn() const { return counter_[3] == 0 ? 0 : (counter_[3] - 1) * 4 + next_; }

 private:
  void refill();

  std::array<std::uint64_t, 2> key_;
  std::array<std::uint64_t, 4> counter_;  // counter_[3] is the next block to compute
  std::array<std::uint64_t, 4> buffer_{};
  int next_ = 4;
};

using Block = std::array<std::uint64_t, 4>;

// The first block of UNIT(t, activity, i)'s kOutcome sub-stream for i = 0 .. count - 1,
// into out[i]: the same words as unit_stream(..., UnitDraw::kOutcome) draws first, made
// in bulk (independent blocks in flight together). Requires: t < 2^48.
void unit_blocks(std::uint64_t seed, std::uint64_t trial, std::uint64_t t, std::uint64_t activity,
                 std::size_t count, Block* out);

// Philox blocks (four 64-bit words each) computed by the calling thread so far. The
// engine sums it over a run to report how many random numbers the run consumed.
std::uint64_t random_blocks_on_this_thread();

// The named streams of MODEL.md section 9.
inline Stream person_stream(std::uint64_t seed, std::uint64_t trial, std::uint64_t slot,
                            std::uint64_t generation, PersonDraw draw) {
  return Stream(seed, trial, StreamKind::kPerson, static_cast<std::uint8_t>(draw), 0, slot,
                generation);
}
inline Stream market_stream(std::uint64_t seed, std::uint64_t trial, std::uint64_t t) {
  return Stream(seed, trial, StreamKind::kMarket, 0, t, 0, 0);
}
inline Stream unit_stream(std::uint64_t seed, std::uint64_t trial, std::uint64_t t,
                          std::uint64_t activity, std::uint64_t unit, UnitDraw draw) {
  return Stream(seed, trial, StreamKind::kUnit, static_cast<std::uint8_t>(draw), t, activity,
                unit);
}
inline Stream attrition_stream(std::uint64_t seed, std::uint64_t trial, std::uint64_t t,
                               std::uint64_t slot) {
  return Stream(seed, trial, StreamKind::kAttrition, 0, t, slot, 0);
}

}  // namespace flowfolio
