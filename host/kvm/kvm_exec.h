/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command the IBM Z runner executes goes through here, so that
 * --dry-run prints exactly what would run (one shell-quoted line per
 * command, prefixed "+ ") instead of running it.
 */
#ifndef GMAPBENCH_KVM_EXEC_H
#define GMAPBENCH_KVM_EXEC_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

struct kvm_exec {
	bool dry_run;
	FILE *log; /* commands are printed here (NULL: not printed) */
};

/* Writes argv as one shell-quoted line (no prefix, with newline). */
void kvm_exec_print(FILE *f, char *const argv[]);

/*
 * Runs argv to completion (stdout/stderr inherited, or stdout to
 * out_path when it is not NULL). Returns the exit status (0..255), 128+sig
 * when killed, or -errno if it could not start; 0 in a dry run.
 */
int kvm_exec_run(struct kvm_exec *x, char *const argv[], const char *out_path);

/*
 * Starts argv in the background with stdin from /dev/null and its stdout
 * on a pipe (*out_fd, or inherited when out_fd is NULL). Returns the pid,
 * 0 in a dry run, or -errno.
 */
pid_t kvm_exec_spawn(struct kvm_exec *x, char *const argv[], int *out_fd);

/* Waits for pid up to timeout_ms, then SIGKILLs it; its status as above. */
int kvm_exec_wait(pid_t pid, int timeout_ms);

#endif /* GMAPBENCH_KVM_EXEC_H */
