// SPDX-License-Identifier: GPL-2.0
/*
 * The --benchmark_out file: written under a temporary name in the same
 * directory and renamed at the end, so it is whole or absent; a crash
 * removes the temporary file and says which benchmark crashed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static char *final_path;
static char tmp_path[4096];

void cb_output_abandon(void);

int cb_output_open(const char *path, FILE **f, char *err, size_t errlen)
{
	static bool registered;
	mode_t mask;
	int fd;

	/* exit() in the middle of the run (a fatal error) leaves no file */
	if (!registered) {
		atexit(cb_output_abandon);
		registered = true;
	}

	if (snprintf(tmp_path, sizeof(tmp_path), "%s.tmp.XXXXXX", path) >=
	    (int)sizeof(tmp_path)) {
		snprintf(err, errlen, "--benchmark_out=%s: name too long",
			 path);
		return -1;
	}
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		snprintf(err, errlen, "--benchmark_out=%s: cannot write: %s",
			 path, strerror(errno));
		tmp_path[0] = 0;
		return -1;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	*f = fdopen(fd, "w");
	if (!*f) {
		snprintf(err, errlen, "--benchmark_out=%s: %s", path,
			 strerror(errno));
		close(fd);
		unlink(tmp_path);
		tmp_path[0] = 0;
		return -1;
	}
	final_path = cb_xstrdup(path);
	return 0;
}

int cb_output_commit(FILE *f, char *err, size_t errlen)
{
	int bad = ferror(f);

	if (fflush(f) || fsync(fileno(f)))
		bad = 1;
	if (fclose(f))
		bad = 1;
	if (!bad && rename(tmp_path, final_path) == 0) {
		tmp_path[0] = 0;
		free(final_path);
		final_path = NULL;
		return 0;
	}
	snprintf(err, errlen, "--benchmark_out=%s: writing failed: %s",
		 final_path, strerror(errno ? errno : EIO));
	unlink(tmp_path);
	tmp_path[0] = 0;
	free(final_path);
	final_path = NULL;
	return -1;
}

void cb_output_abandon(void)
{
	if (tmp_path[0])
		unlink(tmp_path);
	tmp_path[0] = 0;
	free(final_path);
	final_path = NULL;
}

extern const struct cb_instance *cb_current_instance;
extern int cb_current_repetition, cb_current_repeats;

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
	if (tmp_path[0]) {
		unlink(tmp_path);
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

int cb_color_auto(void)
{
	static const char *const terms[] = {
		"xterm",
		"xterm-color",
		"xterm-256color",
		"screen",
		"screen-256color",
		"tmux",
		"tmux-256color",
		"rxvt-unicode",
		"rxvt-unicode-256color",
		"linux",
		"cygwin",
		"xterm-kitty",
		"alacritty",
		"foot",
		"foot-extra",
		"wezterm",
	};
	const char *t = getenv("TERM");

	if (!isatty(1) || !t)
		return 0;
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (!strcmp(t, terms[i]))
			return 1;
	return 0;
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
