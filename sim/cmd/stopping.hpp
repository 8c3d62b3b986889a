// How the program stops: Ctrl-C and SIGTERM, the phases a signal is answered at, and the
// exit status and message of whatever ended a command.
//
// Exit status: 0 done; 2 the scenario or the arguments are invalid (the message says
// where and why); 1 a failure while running, with its reason; 128 + the signal when
// interrupted, saying whether results were written.
#pragma once

#include <atomic>
#include <exception>

namespace flowfolio::cmd {

inline constexpr int kExitInvalid = 2;
inline constexpr int kExitFailure = 1;

// Set by the first Ctrl-C or SIGTERM; the trial loops and trials.csv check it.
extern std::atomic<bool> g_stop;

// The first signal asks the command to stop; a second one ends the program at once.
void catch_signals();

// Called as each phase begins (reading, planning, writing, committing): a signal that came
// during the phase before stops the program here, with Interrupted. For the hostile tests,
// FLOWFOLIO_TEST_SIGNAL_IN=PHASE[:TERM] sends the program a signal as PHASE begins, as a
// user's Ctrl-C at that moment would.
void phase(const char* name);

// What an interruption from now on leaves behind, for its message ("nothing was written"
// until a command says otherwise). `note` must outlive the program.
void when_interrupted(const char* note);

// Turns what stopped a command into its exit status and one message on stderr. Library
// exceptions become sentences; none of their internal words reach the user.
int exit_status(std::exception_ptr failure);

}  // namespace flowfolio::cmd
