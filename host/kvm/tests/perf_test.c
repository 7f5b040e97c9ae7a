// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_perf for real, on whatever host runs the test: perf_event_open on
 * every online CPU, enable, read and sum. The host has no cpum_cf PMU, so
 * a fake sysfs names the software PMU (type 1) as "cpum_cf" and gives two
 * of the mapping's events the codes of cpu-clock and context-switches;
 * what the mapping then makes of the counts (tlb_misses) is checked too.
 * Tracepoints and kprobes the fake trees lack are left out, so their
 * counters are absent. The CPU-MF events themselves need IBM Z.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "kvm_map.h"
#include "kvm_perf.h"

static char root[] = "build/tests/kvm-perf-XXXXXX";

static void put(const char *rel, const char *text)
{
	char p[512], *s;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	/* make the parent directories */
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void helpers(void)
{
	int cpus[16];
	char p[512];

	tap_eq(kvm_perf_parse_cpulist("0-3,8\n", cpus, 16), 5,
	       "cpu list 0-3,8: 5 CPUs");
	tap_ok(cpus[3] == 3 && cpus[4] == 8, "cpu list order kept");
	tap_eq(kvm_perf_parse_cpulist("3-1", cpus, 16), 0,
	       "a reversed range is rejected");
	tap_eq(kvm_perf_parse_cpulist("0,x", cpus, 16), 0,
	       "junk in a cpu list is rejected");
	tap_eq(kvm_perf_parse_cpulist("0-99", cpus, 16), 16,
	       "at most the room given");

	put("kallsyms", "000003ff80123456 t gmap_unshadow_page\t[kvm]\n"
			"000003ff80123460 T kvm_s390_shadow_fault\t[kvm]\n"
			"000003ff80200000 d gmap_unshadow\t[kvm]\n");
	snprintf(p, sizeof(p), "%s/kallsyms", root);
	tap_ok(kvm_perf_kallsyms_has(p, "gmap_unshadow_page") &&
		       kvm_perf_kallsyms_has(p, "kvm_s390_shadow_fault"),
	       "kallsyms: static (t) and global (T) functions found");
	tap_ok(!kvm_perf_kallsyms_has(p, "gmap_unshadow") &&
		       !kvm_perf_kallsyms_has(p, "gmap_unshadow_pag"),
	       "kallsyms: data symbols and prefixes are not functions");
}

/* Can this process count CPU-wide at all (root or perf_event_paranoid)? */
static int cpu_wide_allowed(void)
{
	struct perf_event_attr a = {0};
	int fd;

	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_CPU_CLOCK;
	fd = (int)syscall(SYS_perf_event_open, &a, -1, 0, -1, 0);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static void counting(void)
{
	struct kvm_perf_paths pp;
	struct kvm_stat_set d = {0};
	struct gmap_counters c;
	struct kvm_perf perf;
	char sys[512], tr[512], ci[512], ks[512], online[256] = "", log[8192];
	struct timespec ts = {0, 50 * 1000 * 1000};
	uint64_t clock_ns = 0, switches = 0;
	unsigned int n_online;
	int cpus[1024], opened, rc;
	FILE *f, *lf;

	f = fopen("/sys/devices/system/cpu/online", "r");
	if (!f || !fgets(online, sizeof(online), f))
		snprintf(online, sizeof(online), "0\n");
	if (f)
		fclose(f);
	n_online = kvm_perf_parse_cpulist(online, cpus, 1024);
	put("sys/devices/system/cpu/online", online);
	put("sys/bus/event_source/devices/cpum_cf/type", "1\n");
	put("sys/bus/event_source/devices/cpum_cf/events/DTLB2_WRITES",
	    "event=0x0000\n"); /* PERF_COUNT_SW_CPU_CLOCK */
	put("sys/bus/event_source/devices/cpum_cf/events/ITLB2_WRITES",
	    "event=0x0003\n"); /* PERF_COUNT_SW_CONTEXT_SWITCHES */
	put("sys/bus/event_source/devices/cpum_cf/events/TLB2_PTE_WRITES",
	    "nonsense\n");
	put("tracing/events/kvm/README", "no kvm_s390_sie_exit here\n");
	put("cpuinfo", "vendor_id\t: GenuineIntel\n"); /* no machine type */
	snprintf(sys, sizeof(sys), "%s/sys", root);
	snprintf(tr, sizeof(tr), "%s/tracing", root);
	snprintf(ci, sizeof(ci), "%s/cpuinfo", root);
	snprintf(ks, sizeof(ks), "%s/kallsyms", root);
	pp = (struct kvm_perf_paths){sys, tr, ci, ks};

	/* the plan, as --dry-run prints it */
	lf = fmemopen(log, sizeof(log), "w");
	opened = kvm_perf_open(&perf, &pp, true, lf);
	fclose(lf);
	tap_eq(opened, 0, "a dry run opens nothing");
	tap_ok(strstr(log, "cpum_cf:DTLB2_WRITES: perf_event_open type=1 "
			   "config=0x0 on ") &&
		       strstr(log,
			      "cpum_cf:ITLB2_WRITES: perf_event_open type=1 "
			      "config=0x3 on "),
	       "the two events resolved from the (fake) sysfs");
	tap_ok(strstr(log, "cpum_cf:DTLB2_WRITES: code 0 from sysfs"),
	       "where the code came from is logged");
	tap_ok(strstr(log, "cpum_cf:TLB2_PTE_WRITES: sysfs: ") &&
		       strstr(log, "TLB2_PTE_WRITES unreadable") &&
		       strstr(log, "cpum_cf:DTLB1_WRITES: not in ") &&
		       strstr(log, "is not in the table"),
	       "a malformed sysfs event and an unknown machine: left out, "
	       "saying why");
	tap_ok(strstr(log,
		      "tp:kvm-s390:kvm_s390_gmap_notifier: no tracepoint") &&
		       strstr(log, "kprobe:kvm_s390_shadow_fault: not in "
				   "kallsyms or no kprobe PMU"),
	       "no tracepoint, no kprobe PMU: said, left out");
	tap_ok(perf.nr_cpus == n_online, "%u online CPUs from sysfs",
	       perf.nr_cpus);
	kvm_perf_close(&perf);

	rc = cpu_wide_allowed();
	if (rc) {
		tap_skip(
			"counting: CPU-wide perf_event_open not allowed here (%s)",
			strerror(-rc));
		return;
	}
	opened = kvm_perf_open(&perf, &pp, false, NULL);
	tap_eq(opened, 2, "two events opened on every online CPU");
	kvm_perf_enable(&perf);
	nanosleep(&ts, NULL);
	kvm_perf_read(&perf, &d);
	kvm_perf_close(&perf);
	kvm_stat_get(&d, "cpum_cf:DTLB2_WRITES", &clock_ns);
	kvm_stat_get(&d, "cpum_cf:ITLB2_WRITES", &switches);
	/* one CPU's clock over 50 ms at least; the sleep itself switches */
	tap_ok(clock_ns >= 50000000ull && switches >= 1 && d.nr == 2,
	       "counted over 50 ms: cpu-clock %llu ns summed over CPUs, "
	       "%llu context switches, nothing else",
	       (unsigned long long)clock_ns, (unsigned long long)switches);
	kvm_map_counters(&d, &c);
	tap_ok(gmap_counter_present(&c, GC_tlb_misses) &&
		       c.v[GC_tlb_misses] == clock_ns + switches,
	       "tlb_misses = DTLB2_WRITES + ITLB2_WRITES of the counts");
	tap_ok(!gmap_counter_present(&c, GC_prot_faults) &&
		       !gmap_counter_present(&c, GC_exits_l0) &&
		       !gmap_counter_present(&c, GC_unshadow_pte),
	       "counters of the events left out are absent");
	kvm_stat_set_free(&d);
}

int main(void)
{
	tap_plan_unknown();
	if (!tap_ok(mkdtemp(root) != NULL, "scratch directory"))
		return tap_done();
	helpers();
	counting();
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		if (system(cmd))
			tap_diag("could not remove %s", root);
	}
	return tap_done();
}
