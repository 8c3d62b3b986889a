// exp by Tang's table method; log is fdlibm's e_log.c (Copyright (C) 1993 by Sun
// Microsystems, Inc. Permission to use, copy, modify, and distribute this software is
// freely granted, provided that this notice is preserved), in C++ with std::bit_cast for
// the word access.
#include "flowfolio/core/portable_math.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace flowfolio {

namespace {

std::int32_t high_word(double x) {
  return static_cast<std::int32_t>(std::bit_cast<std::uint64_t>(x) >> 32);
}
std::uint32_t low_word(double x) { return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(x)); }
double with_high_word(double x, std::int32_t high) {
  return std::bit_cast<double>((std::uint64_t{static_cast<std::uint32_t>(high)} << 32) | low_word(x));
}
// 2^k for -1022 <= k <= 1023.
double power_of_two(int k) { return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52); }

constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;

}  // namespace

// exp(x) = 2^k 2^(j/32) exp(r), with x = (32 k + j) ln2 / 32 + r and |r| <= ln2 / 64: the
// table method of Tang (ACM TOMS 15, 1989), as glibc's exp also works, with 2^(j/32) held
// as a correctly rounded double and the remainder to 2^-106 (generated with Python's
// decimal module at 60 digits), and exp(r) by its Taylor series to r^6 (truncation below
// 4e-18). Error about 0.51 ulp; no division and no data-dependent branch.
double portable_exp(double x) {
  constexpr double kOverflow = 7.09782712893383973096e+02;    // ln(DBL_MAX)
  constexpr double kUnderflow = -7.45133219101941108420e+02;  // ln of half the least subnormal
  constexpr double kInvLn2N = 0x1.71547652b82fep+5;           // 32 / ln 2
  constexpr double kShift = 0x1.8p52;                         // rounds to a whole number
  static constexpr double kTable[32][2] = {
    {0x1.0000000000000p+0, 0x0.0p+0},
    {0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55},
    {0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54},
    {0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54},
    {0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55},
    {0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54},
    {0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54},
    {0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55},
    {0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55},
    {0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54},
    {0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55},
    {0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59},
    {0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56},
    {0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55},
    {0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54},
    {0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54},
    {0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54},
    {0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55},
    {0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55},
    {0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54},
    {0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54},
    {0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57},
    {0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56},
    {0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54},
    {0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54},
    {0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56},
    {0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55},
    {0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56},
    {0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55},
    {0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54},
    {0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54},
    {0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54},
  };
  if (x != x) return x;  // NaN
  if (x > kOverflow) return std::numeric_limits<double>::infinity();
  if (x < kUnderflow) return 0.0;
  const double shifted = x * kInvLn2N + kShift;
  const double kd = shifted - kShift;  // round(32 x / ln 2), whole numbers being exact here
  // n = kd, read off the shifted number's low bits (1.5 2^52 + n, |n| < 2^51).
  const auto n = static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(shifted) -
                                           std::bit_cast<std::uint64_t>(kShift));
  // kd times the high half of ln2 / 32 is exact (its last 21 bits are 0, |kd| < 2^16).
  const double r = (x - kd * (kLn2Hi / 32)) - kd * (kLn2Lo / 32);
  const auto j = static_cast<std::size_t>(n & 31);
  const int k = static_cast<int>(n >> 5);  // n = 32 k + j
  // Estrin's scheme: the same series in fewer dependent steps than Horner's.
  const double r2 = r * r, r4 = r2 * r2;
  const double p = r + r2 * (0.5 + r * (1.0 / 6)) + r4 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720));
  const double hi = kTable[j][0], lo = kTable[j][1];
  const double y = hi + (lo + hi * p);
  // 2^k in two steps, each a normal power of two: exact unless the result is subnormal,
  // which then rounds once.
  const int k1 = k / 2;
  return y * power_of_two(k1) * power_of_two(k - k1);
}

double portable_log(double x) {
  constexpr double kTwo54 = 1.80143985094819840000e+16;
  constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
                   Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                   Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                   Lg7 = 1.479819860511658591e-01;
  std::int32_t hx = high_word(x);
  int k = 0;
  if (hx < 0x00100000) {  // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | static_cast<std::int32_t>(low_word(x))) == 0)
      return -std::numeric_limits<double>::infinity();
    if (hx < 0) return std::numeric_limits<double>::quiet_NaN();
    k -= 54;
    x *= kTwo54;
    hx = high_word(x);
  }
  if (hx >= 0x7ff00000) return x + x;  // infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const std::int32_t i = (hx + 0x95f64) & 0x100000;
  x = with_high_word(x, hx | (i ^ 0x3ff00000));  // x or x / 2, in [sqrt(2) / 2, sqrt(2)]
  k += i >> 20;
  const double f = x - 1.0;
  const double dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {  // -2^-20 <= f < 2^-20
    if (f == 0.0) return k == 0 ? 0.0 : dk * kLn2Hi + dk * kLn2Lo;
    const double R = f * f * (0.5 - 0.33333333333333333 * f);
    return k == 0 ? f - R : dk * kLn2Hi - ((R - dk * kLn2Lo) - f);
  }
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const double hfsq = 0.5 * f * f;
    return k == 0 ? f - (hfsq - s * (hfsq + R)) : dk * kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * kLn2Lo)) - f);
  }
  return k == 0 ? f - s * (f - R) : dk * kLn2Hi - ((s * (f - R) - dk * kLn2Lo) - f);
}

}  // namespace flowfolio
