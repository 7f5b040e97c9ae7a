/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The L1's console (docs/baremetal.md): lines starting with "#" are for
 * people, one line starting with "{" is the run's JSON object: scenario,
 * args, rc (or error), per-phase STCKF timings, L1-side counts, and
 * whether SIE was available.
 */
#ifndef GMAPBENCH_KVM_CONSOLE_H
#define GMAPBENCH_KVM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvm_stats.h"

#define KVM_L1_PHASES_MAX 16

struct kvm_l1_report {
	char scenario[64];
	int64_t rc;
	char error[256]; /* "" unless the L1 reported one */
	char sie[16]; /* "available" / "unavailable" / "" */
	unsigned int nr_phases;
	struct {
		char name[32];
		uint64_t ns; /* from STCKF */
	} phase[KVM_L1_PHASES_MAX];
	uint64_t l1_ns; /* the phases' sum */
	/* the "l1" object's counts and the top-level counts, as "l1:<key>"
	 * and "l1:<top-level key>" (sie_calls, sie_entries, ...) */
	struct kvm_stat_set counts;
	char *line; /* the JSON line itself (malloc'd) */
};

/*
 * Finds the last JSON line in the console text and reads it. Returns 0,
 * or -ENOENT (no JSON line), -EINVAL (a line that does not parse or lacks
 * "scenario"), with the reason (and the line number) in err. A report of
 * the L1's own error is a success here: rc < 0 and error set.
 */
int kvm_console_parse(const char *text, size_t len, struct kvm_l1_report *r,
		      char *err, size_t errlen);
void kvm_l1_report_free(struct kvm_l1_report *r);

#endif /* GMAPBENCH_KVM_CONSOLE_H */
