/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counting the perf events of the mapping (kvm_map.h terms "cpum_cf:",
 * "tp:", "kprobe:") system-wide on every online CPU, with
 * perf_event_open(2). An event the host lacks is left out (its counter
 * then absent); why is said in the log.
 */
#ifndef GMAPBENCH_KVM_PERF_H
#define GMAPBENCH_KVM_PERF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kvm_stats.h"

struct kvm_perf_paths {
	const char *sysfs, *tracefs, *cpuinfo, *kallsyms;
};

struct kvm_perf_event {
	char term[KVM_STAT_NAME_MAX];
	uint32_t type;
	uint64_t config;
	const char *filter;
	int *fds; /* one per CPU */
	unsigned int nr_fds;
};

struct kvm_perf {
	struct kvm_perf_event *ev;
	unsigned int nr;
	int cpus[1024];
	unsigned int nr_cpus;
};

/*
 * Resolves and (unless dry_run) opens the events of the mapping. Each
 * decision is logged to log ("# perf: ..."). Returns the number opened.
 */
int kvm_perf_open(struct kvm_perf *p, const struct kvm_perf_paths *paths,
		  bool dry_run, FILE *log);
void kvm_perf_enable(struct kvm_perf *p);
/* Disables and adds each event's count over CPUs to out (by term). */
void kvm_perf_read(struct kvm_perf *p, struct kvm_stat_set *out);
void kvm_perf_close(struct kvm_perf *p);

/* Is sym a function in kallsyms (a kprobe can be placed on it)? */
bool kvm_perf_kallsyms_has(const char *kallsyms, const char *sym);
/* Parses a CPU list ("0-3,8") into cpus; returns how many. */
unsigned int kvm_perf_parse_cpulist(const char *s, int *cpus, unsigned int max);

#endif /* GMAPBENCH_KVM_PERF_H */
