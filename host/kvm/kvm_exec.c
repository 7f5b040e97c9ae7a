// SPDX-License-Identifier: GPL-2.0
/* Running (or, in a dry run, printing) the runner's commands. */
#include "kvm_exec.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static bool needs_quotes(const char *s)
{
	if (!*s)
		return true;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789-_./=:,+@%",
			    *s))
			return true;
	return false;
}

void kvm_exec_print(FILE *f, char *const argv[])
{
	const char *s;
	int i;

	for (i = 0; argv[i]; i++) {
		if (i)
			fputc(' ', f);
		if (!needs_quotes(argv[i])) {
			fputs(argv[i], f);
			continue;
		}
		fputc('\'', f);
		for (s = argv[i]; *s; s++)
			if (*s == '\'')
				fputs("'\\''", f);
			else
				fputc(*s, f);
		fputc('\'', f);
	}
	fputc('\n', f);
	fflush(f);
}

/* argv, then "> out": the redirection is part of what would run */
static void print_redirected(FILE *f, char *const argv[], const char *out)
{
	char *const *p = argv;
	int n = 0;

	while (*p++)
		n++;
	{
		char *v[n + 3];

		memcpy(v, argv, n * sizeof(*v));
		v[n] = ">";
		v[n + 1] = (char *)out;
		v[n + 2] = NULL;
		kvm_exec_print(f, v);
	}
}

static void announce(struct kvm_exec *x, char *const argv[], const char *out)
{
	if (!x->log)
		return;
	fputs("+ ", x->log);
	if (out)
		print_redirected(x->log, argv, out);
	else
		kvm_exec_print(x->log, argv);
}

static int status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

pid_t kvm_exec_spawn(struct kvm_exec *x, char *const argv[], int *out_fd)
{
	int p[2] = {-1, -1}, e[2];
	pid_t pid;
	int rc;

	announce(x, argv, NULL);
	if (x->dry_run)
		return 0;
	if (out_fd && pipe2(p, O_CLOEXEC))
		return -errno;
	if (pipe2(e, O_CLOEXEC)) {
		rc = -errno;
		goto close_p;
	}
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		close(e[0]);
		close(e[1]);
		goto close_p;
	}
	if (!pid) {
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0)
			dup2(null, 0);
		if (out_fd)
			dup2(p[1], 1);
		setpgid(0, 0);
		execvp(argv[0], argv);
		rc = errno;
		if (write(e[1], &rc, sizeof(rc)) < 0)
			_exit(127);
		_exit(127);
	}
	close(e[1]);
	if (read(e[0], &rc, sizeof(rc)) == sizeof(rc)) {
		/* exec failed: reap the child, report why */
		close(e[0]);
		waitpid(pid, NULL, 0);
		rc = -rc;
		goto close_p;
	}
	close(e[0]);
	if (out_fd) {
		close(p[1]);
		*out_fd = p[0];
	}
	return pid;
close_p:
	if (out_fd) {
		close(p[0]);
		close(p[1]);
	}
	return rc;
}

int kvm_exec_wait(pid_t pid, int timeout_ms)
{
	struct timespec ts = {0, 10 * 1000 * 1000};
	int st, waited = 0;
	pid_t r;

	if (pid <= 0)
		return 0;
	for (;;) {
		r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return status_of(st);
		if (r < 0)
			return -errno;
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			if (waitpid(pid, &st, 0) == pid)
				return status_of(st);
			return -errno;
		}
		nanosleep(&ts, NULL);
		waited += 10;
	}
}

/* stdout to path; the saved stdout to give to restore_stdout, or -errno */
static int redirect_stdout(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644),
	    saved;

	if (fd < 0)
		return -errno;
	fflush(stdout);
	saved = dup(1);
	if (saved < 0) {
		saved = -errno;
		close(fd);
		return saved;
	}
	dup2(fd, 1);
	close(fd);
	return saved;
}

static void restore_stdout(int saved)
{
	if (saved < 0)
		return;
	dup2(saved, 1);
	close(saved);
}

int kvm_exec_run(struct kvm_exec *x, char *const argv[], const char *out_path)
{
	struct kvm_exec quiet = {.dry_run = false, .log = NULL};
	int saved = -1, st;
	pid_t pid;

	announce(x, argv, out_path);
	if (x->dry_run)
		return 0;
	if (out_path) {
		saved = redirect_stdout(out_path);
		if (saved < 0)
			return saved;
	}
	pid = kvm_exec_spawn(&quiet, argv, NULL);
	restore_stdout(saved);
	if (pid < 0)
		return pid;
	return waitpid(pid, &st, 0) == pid ? status_of(st) : -errno;
}
