/* SPDX-License-Identifier: GPL-2.0 */
/*
 * host/kvm: one scenario run on a real IBM Z host (docs/ibm-z.md).
 *
 * The L1 (build/guests/l1.elf) boots in qemu-system-s390x with KVM, pinned
 * with hwloc-bind; the run reports the counters of host/counters.h under
 * the same names as host/sim (what the kernel cannot show is absent, see
 * kvm_map.c), taken as deltas around the run from KVM statistics (debugfs
 * or QMP query-stats), tracepoints, kprobes and CPU-MF counters, plus the
 * L1's own STCKF timings from its console JSON.
 *
 *	struct kvm_backend_config cfg;
 *	kvm_backend_config_default(&cfg);	(kvm_config.h)
 *	cfg.cpuset = "core:2";
 *	rc = kvm_backend_run(&cfg, "pte_churn", "interval=64", &counters,
 *			     &timing, err, sizeof(err));
 *
 * With cfg.dry_run the run prints (to cfg.log) every command and step it
 * would take, and runs nothing.
 */
#ifndef GMAPBENCH_KVM_BACKEND_H
#define GMAPBENCH_KVM_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../counters.h"
#include "kvm_console.h"
#include "kvm_stats.h"

enum kvm_stats_source {
	KVM_STATS_AUTO, /* the binary stats fds, else debugfs, else QMP */
	KVM_STATS_FD, /* KVM_GET_STATS_FD on QEMU's VM and vCPU fds */
	KVM_STATS_DEBUGFS,
	KVM_STATS_QMP,
	KVM_STATS_NONE, /* e.g. under TCG */
};

struct kvm_backend_config {
	const char *qemu; /* qemu-system-s390x */
	const char *l1_elf; /* build/guests/l1.elf */
	const char *accel; /* "kvm" ("tcg" for tests) */
	const char *cpu; /* "host"; "" for QEMU's default */
	const char *cpuset; /* hwloc-bind location, "" for none */
	unsigned int memory_mib, smp;
	enum kvm_stats_source stats;
	const char *debugfs; /* /sys/kernel/debug */
	const char *tracefs; /* /sys/kernel/tracing */
	const char *sysfs; /* /sys */
	const char *cpuinfo; /* /proc/cpuinfo */
	const char *kallsyms; /* /proc/kallsyms */
	const char *proc; /* /proc: QEMU's file descriptors */
	const char *work_dir; /* for the QMP socket */
	int timeout_ms; /* per run, boot to shutdown */
	bool perf; /* tracepoints, kprobes, CPU-MF */
	bool dry_run;
	FILE *log; /* dry-run output and the commands run */
	/* GMAPBENCH_KVM_CONFIG could not be read: every run fails with it */
	const char *config_error;
};

struct kvm_run_timing {
	uint64_t wall_ns; /* "cont" to the L1's shutdown, host clock */
	uint64_t l1_ns; /* the L1's phases, STCKF */
	unsigned int nr_phases;
	struct {
		char name[32];
		uint64_t ns;
	} phase[KVM_L1_PHASES_MAX];
	char sie[16]; /* the L1's "sie": available / unavailable */
};

/* Everything one run produced. */
struct kvm_run_report {
	struct gmap_counters counters;
	struct kvm_run_timing timing;
	struct kvm_stat_set deltas; /* every source's delta, by term name */
	struct kvm_stat_set l1_counts; /* the L1's counts ("l1:...") */
	char *console; /* the L1's JSON line (malloc'd) */
	char stats_source[16]; /* statsfd / debugfs / qmp / none */
	char kernel_release[65];
};

/*
 * Runs scenario with args_kv ("k=v k=v", may be NULL) once. Returns 0, or
 * -errno with a message in err: QEMU did not start or time out, the L1
 * reported an error, no JSON line. Counters are absent, not 0, when their
 * sources are missing.
 */
int kvm_backend_run(const struct kvm_backend_config *cfg, const char *scenario,
		    const char *args_kv, struct gmap_counters *out,
		    struct kvm_run_timing *t, char *err, size_t errlen);
int kvm_backend_run_report(const struct kvm_backend_config *cfg,
			   const char *scenario, const char *args_kv,
			   struct kvm_run_report *r, char *err, size_t errlen);
void kvm_run_report_free(struct kvm_run_report *r);

/* The running kernel's release (uname -r), for the JSON context. */
const char *kvm_backend_kernel_release(char *buf, size_t len);

#endif /* GMAPBENCH_KVM_BACKEND_H */
