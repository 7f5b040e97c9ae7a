// SPDX-License-Identifier: GPL-2.0
/*
 * A crash or a stop signal during the run says which benchmark was running,
 * removes the unfinished --benchmark_out file, and hands the signal on.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

const struct cb_instance *cb_current_instance;
int cb_current_repetition, cb_current_repeats;

static void put(const char *s)
{
	ssize_t r = write(2, s, strlen(s));

	(void)r;
}

static void put_int(long v)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = 0;
	do
		*--p = '0' + v % 10;
	while ((v /= 10) > 0);
	put(p);
}

static struct sigaction old_actions[NSIG];

static void on_crash(int sig, siginfo_t *si, void *uc)
{
	/* SIGINT, SIGTERM: stopped from outside, not a crash of the benchmark */
	const char *what =
		sig == SIGINT || sig == SIGTERM ? "stopped (" : "crashed (";

	/* async-signal-safe only */
	put("\n");
	put(cb_executable);
	put(": ");
	if (cb_current_instance) {
		put(cb_current_instance->name);
		put(" ");
		put(what);
		put(strsignal(sig));
		put(") in repetition ");
		put_int(cb_current_repetition + 1);
		put(" of ");
		put_int(cb_current_repeats);
	} else {
		put(what);
		put(strsignal(sig));
		put(")");
	}
	if (cb_output_tmp_path()[0]) {
		unlink(cb_output_tmp_path());
		put("; --benchmark_out file not written");
	}
	put("\n");
	/* the previous handler (default, or a sanitizer's) takes it from here */
	sigaction(sig, &old_actions[sig], NULL);
	(void)uc;
	if ((sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	     sig == SIGFPE) &&
	    si && si->si_code > 0)
		return; /* a real fault: the instruction faults again */
	raise(sig);
}

void cb_crash_handlers_install(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE,
				   SIGABRT, SIGINT, SIGTERM};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER | SA_SIGINFO;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		if (sigaction(sigs[i], NULL, &old) ||
		    old.sa_handler == SIG_IGN || old.sa_sigaction == on_crash)
			continue;
		old_actions[sigs[i]] = old;
		sigaction(sigs[i], &sa, NULL);
	}
}

void cb_crash_handlers_remove(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE,
				   SIGABRT, SIGINT, SIGTERM};

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction cur;

		if (sigaction(sigs[i], NULL, &cur) == 0 &&
		    cur.sa_sigaction == on_crash)
			sigaction(sigs[i], &old_actions[sigs[i]], NULL);
	}
}
