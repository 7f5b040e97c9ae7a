/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU-MF counter facility (the cpum_cf PMU): event name -> raw event code
 * per machine generation. On a host, the PMU's sysfs directory
 * (/sys/bus/event_source/devices/cpum_cf/events/<NAME>: "event=0x0081")
 * wins; the table is the fallback and the record of what each generation
 * calls its TLB events (z10..z13: DTLB1/ITLB1, z14..z17: DTLB2/ITLB2).
 */
#ifndef GMAPBENCH_KVM_CPUMCF_H
#define GMAPBENCH_KVM_CPUMCF_H

#include <stddef.h>

struct cpumcf_event {
	const char *name;
	unsigned int code;
};

struct cpumcf_generation {
	const char *dir; /* tools/perf/pmu-events/arch/s390/<dir> */
	const char *name;
	unsigned int machine[2]; /* machine types (decimal digits) */
	const struct cpumcf_event *events; /* ends with name == NULL */
};

extern const struct cpumcf_generation
	cpumcf_generations[]; /* dir == NULL ends */

const struct cpumcf_generation *cpumcf_by_machine(unsigned int type);
/* The code of name in generation g, or -ENOENT. */
int cpumcf_code(const struct cpumcf_generation *g, const char *name);
/* The machine type from /proc/cpuinfo ("machine = 8561"), or -errno. */
int cpumcf_machine_type(const char *cpuinfo_path);
/* The code sysfs gives for name, -ENOENT if none, -EINVAL if unreadable. */
int cpumcf_sysfs_code(const char *pmu_dir, const char *name);
/*
 * The PMU's sysfs event list first (it knows models the table does not),
 * then the table for the machine in cpuinfo; or -ENOENT. why (may be
 * NULL) says where the code came from, or why there is none.
 */
int cpumcf_resolve(const char *pmu_dir, const char *cpuinfo_path,
		   const char *name, char *why, size_t whylen);

#endif /* GMAPBENCH_KVM_CPUMCF_H */
