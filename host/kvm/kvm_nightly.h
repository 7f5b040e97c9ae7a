/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IBM Z nightly: for each variant build, install and boot a patched
 * kernel with kvm.nested=1, then (after the reboot, resumed from the state
 * file by the gmapbench-kvm-resume.service unit) run the suite on it.
 * Every step that touches the machine goes through kvm_exec, so --dry-run
 * prints the whole night. docs/ibm-z.md describes it.
 */
#ifndef GMAPBENCH_KVM_NIGHTLY_H
#define GMAPBENCH_KVM_NIGHTLY_H

#include <stdbool.h>
#include <stdio.h>

#include "kvm_config.h"

struct kvm_nightly_opts {
	bool dry_run;
	bool resume; /* continue from the state file */
	FILE *log;
	const char *config_path; /* for the resume unit */
	const char *self; /* this program, for the resume unit */
	const char *proc_cmdline; /* /proc/cmdline */
	const char *nested_param; /* /sys/module/kvm/parameters/nested */
	/* --dry-run only: variants whose boot the dry run lets fail (the
	 * host comes back on the default kernel), space-separated */
	const char *dry_run_no_boot;
};

/* The whole night (or its continuation); 0, or -errno with err. */
int kvm_nightly(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		char *err, size_t errlen);

/* Writes (or prints) the systemd unit that resumes after each reboot. */
int kvm_nightly_install_resume(const struct kvm_config *c,
			       const struct kvm_nightly_opts *o, char *err,
			       size_t errlen);

/*
 * The kernel command line for a variant: cmdline without BOOT_IMAGE=,
 * kvm.nested=, kvm.hpage=, panic= and panic_on_oops=, then
 * "kvm.nested=1 kvm.hpage=0 panic=<panic_s> panic_on_oops=1" and extra.
 */
void kvm_nightly_cmdline(const char *cmdline, const char *extra,
			 unsigned int panic_s, char *out, size_t outlen);

/* The release a variant's kernel gets: <Makefile version>-gmapbench-<v>. */
int kvm_nightly_release(const char *ksrc, const char *variant, char *out,
			size_t outlen);

#endif /* GMAPBENCH_KVM_NIGHTLY_H */
