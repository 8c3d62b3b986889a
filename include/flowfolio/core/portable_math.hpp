// exp and log that give the same bits on every x86-64 (and any IEEE 754 machine).
//
// glibc picks its exp, log and pow at run time by the processor (an FMA version where
// the processor has FMA, an SSE2 one where not), and the two disagree in the last bit
// for a few inputs in a million: enough to change a trial's bytes between two machines.
// These use the basic operations only, which IEEE 754 rounds the same everywhere, and the
// library is built with -ffp-contract=off so no compiler fuses them: exp by Tang's table
// method (about 0.51 ulp), log by fdlibm's algorithm (Sun Microsystems, 1993; below one
// ulp).
// Everything a result depends on uses them: the engine, the distributions, the scenario
// reader's parameters and the sketches' buckets.
#pragma once

namespace flowfolio {

double portable_exp(double x);
// log(0) is -infinity and a negative x gives NaN, as std::log's.
double portable_log(double x);
// x^y as exp(y log x). Requires: x > 0.
inline double portable_pow(double x, double y) { return portable_exp(y * portable_log(x)); }

}  // namespace flowfolio
