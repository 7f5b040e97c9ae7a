// SPDX-License-Identifier: GPL-2.0
/*
 * The cpum_cf event table against the kernel's own perf event lists,
 * tools/perf/pmu-events/arch/s390/<generation>/{basic,extended}.json and
 * mapfile.csv of the pinned tree, read here with lib/json; the sysfs and
 * cpuinfo readers on fake files; every generation can give tlb_misses.
 */
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "json.h"
#include "kvm_cpumcf.h"
#include "kvm_map.h"

#ifndef KVM_KSRC
#define KVM_KSRC "build/kernel/pristine/linux-source-6.1"
#endif
#define ARCH KVM_KSRC "/tools/perf/pmu-events/arch/s390"
#define SUBSET \
	"^(CPU_CYCLES|INSTRUCTIONS|[DI]TLB[12]_.*|TLB2_.*|L1C_TLB2_MISSES)$"

static unsigned int count(const struct cpumcf_event *e)
{
	unsigned int n = 0;

	while (e[n].name)
		n++;
	return n;
}

static void generation(const struct cpumcf_generation *g, regex_t *subset)
{
	static const char *const files[] = {"basic.json", "extended.json"};
	unsigned int seen = 0, bad = 0, missing = 0, f;
	struct json_error jerr;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", ARCH, g->dir);
	if (access(path, R_OK)) {
		tap_skip("%s: no %s in the pinned tree's pmu-events (newer "
			 "than it): its codes are by review, not checked here",
			 g->name, g->dir);
		return;
	}
	for (f = 0; f < 2; f++) {
		struct json *doc;
		size_t i;

		snprintf(path, sizeof(path), "%s/%s/%s", ARCH, g->dir,
			 files[f]);
		doc = json_parse_file(path, &jerr);
		if (!tap_ok(doc && doc->type == JSON_ARRAY, "%s parses (%s)",
			    path, doc ? "array" : jerr.msg)) {
			json_free(doc);
			continue;
		}
		for (i = 0; i < json_len(doc); i++) {
			const struct json *e = json_at(doc, i);
			const char *name = json_str(json_get(e, "EventName"));
			const char *code = json_str(json_get(e, "EventCode"));
			int mine;

			if (!name || !code || regexec(subset, name, 0, NULL, 0))
				continue;
			seen++;
			mine = cpumcf_code(g, name);
			if (mine < 0) {
				missing++;
				tap_diag("%s: %s (code %s) not in the table",
					 g->name, name, code);
			} else if (mine != atoi(code)) {
				bad++;
				tap_diag("%s: %s is %d in the table, %s in %s",
					 g->name, name, mine, code, files[f]);
			}
		}
		json_free(doc);
	}
	tap_ok(!bad && !missing && seen == count(g->events),
	       "%s: %u events, names and codes as in %s/{basic,extended}.json",
	       g->name, seen, g->dir);
}

static void mapfile(void)
{
	char line[512], dir[64], digits[16];
	const struct cpumcf_generation *g;
	unsigned int ok = 0, lines = 0;
	FILE *f = fopen(ARCH "/mapfile.csv", "r");

	if (!tap_ok(f != NULL, "mapfile.csv opens"))
		return;
	/* ^IBM.209[78].*[13]\.[1-5].[[:xdigit:]]+$,1,cf_z10,core */
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "^IBM."), *q;
		unsigned int t1, t2;

		if (!p)
			continue;
		lines++;
		p += 5;
		q = strchr(p, '[');
		if (!q || q - p != 3)
			continue;
		snprintf(digits, sizeof(digits), "%.3s", p);
		t1 = atoi(digits) * 10 + (q[1] - '0');
		t2 = atoi(digits) * 10 + (q[2] - '0');
		q = strstr(line, ",cf_");
		if (!q)
			continue;
		snprintf(dir, sizeof(dir), "%s", q + 1);
		dir[strcspn(dir, ",")] = 0;
		g = cpumcf_by_machine(t1);
		if (g && g == cpumcf_by_machine(t2) && !strcmp(g->dir, dir))
			ok++;
		else
			tap_diag("mapfile: %u/%u -> %s, table says %s", t1, t2,
				 dir, g ? g->dir : "nothing");
	}
	fclose(f);
	tap_ok(lines == 7 && ok == lines,
	       "mapfile.csv: all %u machine-type lines agree with the table",
	       lines);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void fakes(void)
{
	char dir[] = "build/tests/kvm-cpumcf-XXXXXX", p[512], ev[256],
	     cpuinfo[256], why[512];

	if (!tap_ok(mkdtemp(dir) != NULL, "temporary directory"))
		return;
	snprintf(ev, sizeof(ev), "%s/events", dir);
	mkdir(ev, 0755);
	snprintf(p, sizeof(p), "%s/DTLB2_WRITES", ev);
	put(p, "event=0x0081\n");
	snprintf(p, sizeof(p), "%s/BROKEN", ev);
	put(p, "config=1\n");
	snprintf(cpuinfo, sizeof(cpuinfo), "%s/cpuinfo", dir);
	put(cpuinfo,
	    "vendor_id       : IBM/S390\n# processors    : 2\n"
	    "processor 0: version = 00,  identification = 0C1B98,  machine = 3931\n"
	    "processor 1: version = 00,  identification = 1C1B98,  machine = 3931\n");

	tap_ok(cpumcf_sysfs_code(dir, "DTLB2_WRITES") == 0x81,
	       "sysfs: event=0x0081 read as 129");
	tap_ok(cpumcf_sysfs_code(dir, "BROKEN") == -EINVAL,
	       "sysfs: a file without event= is an error");
	tap_ok(cpumcf_sysfs_code(dir, "NOPE") == -ENOENT,
	       "sysfs: absent event");
	tap_ok(cpumcf_machine_type(cpuinfo) == 3931, "cpuinfo: machine 3931");
	tap_ok(cpumcf_resolve(dir, cpuinfo, "TLB2_ENGINES_BUSY", why,
			      sizeof(why)) == 139 &&
		       !strcmp(why, "table (z16)"),
	       "resolve: not in sysfs, from the z16 table: 139 (%s)", why);
	tap_ok(cpumcf_resolve(dir, cpuinfo, "DTLB2_WRITES", why, sizeof(why)) ==
			       129 &&
		       !strcmp(why, "sysfs"),
	       "resolve: sysfs first (%s)", why);
	tap_ok(cpumcf_resolve(dir, cpuinfo, "DTLB1_WRITES", NULL, 0) == -ENOENT,
	       "resolve: z13's DTLB1_WRITES does not exist on z16");
	tap_ok(cpumcf_resolve(dir, "build/tests/no-such-cpuinfo",
			      "TLB2_ENGINES_BUSY", NULL, 0) == -ENOENT,
	       "resolve: no sysfs entry and no machine type: absent");

	/* a model the table does not know: its PMU's sysfs list is used */
	put(cpuinfo,
	    "vendor_id       : IBM/S390\n"
	    "processor 0: version = 00,  identification = 0C1B98,  machine = 9999\n");
	tap_ok(cpumcf_resolve(dir, cpuinfo, "DTLB2_WRITES", why, sizeof(why)) ==
			       129 &&
		       !strcmp(why, "sysfs"),
	       "unknown machine 9999: DTLB2_WRITES from the sysfs list (%s)",
	       why);
	tap_ok(cpumcf_resolve(dir, cpuinfo, "TLB2_ENGINES_BUSY", why,
			      sizeof(why)) == -ENOENT &&
		       strstr(why, "machine 9999 is not in the table"),
	       "unknown machine, event not in sysfs: absent, saying why (%s)",
	       why);
	/* z17 with a PMU list lacking the TLB events: the table */
	put(cpuinfo,
	    "vendor_id       : IBM/S390\n"
	    "processor 0: version = 00,  identification = 0C1B98,  machine = 9175\n");
	tap_ok(cpumcf_resolve(dir, cpuinfo, "TLB2_PTE_WRITES", why,
			      sizeof(why)) == 137 &&
		       !strcmp(why, "table (z17)"),
	       "z17 (9175): TLB2_PTE_WRITES 137 from the table (%s)", why);
	snprintf(p, sizeof(p), "%s/DTLB2_WRITES", ev);
	unlink(p);
	snprintf(p, sizeof(p), "%s/BROKEN", ev);
	unlink(p);
	rmdir(ev);
	unlink(cpuinfo);
	rmdir(dir);
}

/* Every generation can compute tlb_misses from its own events. */
static void tlb_source(void)
{
	const struct cpumcf_generation *g;
	unsigned int ok = 0, n = 0;

	for (g = cpumcf_generations; g->dir; g++) {
		struct kvm_stat_set s = {0};
		const struct cpumcf_event *e;
		char term[128];
		uint64_t v;

		for (e = g->events; e->name; e++) {
			snprintf(term, sizeof(term), "cpum_cf:%s", e->name);
			kvm_stat_put(&s, term, 1);
		}
		n++;
		if (kvm_map_eval(kvm_map_rows[GC_tlb_misses].source, &s, &v) &&
		    v == 2)
			ok++;
		else
			tap_diag("%s: tlb_misses has no complete alternative",
				 g->name);
		kvm_stat_set_free(&s);
	}
	tap_ok(n == 8 && ok == n,
	       "tlb_misses = D + I TLB writes on all %u generations", n);
}

int main(void)
{
	const struct cpumcf_generation *g;
	regex_t subset;

	tap_plan_unknown();
	if (access(ARCH, R_OK)) {
		tap_ok(false, "%s: missing (run scripts/kernel-tree)", ARCH);
		return tap_done();
	}
	regcomp(&subset, SUBSET, REG_EXTENDED | REG_NOSUB);
	for (g = cpumcf_generations; g->dir; g++)
		generation(g, &subset);
	regfree(&subset);
	mapfile();
	fakes();
	tlb_source();
	/* the names the brief's users ask for, on the newest machine */
	g = cpumcf_by_machine(3931);
	tap_ok(g && cpumcf_code(g, "DTLB2_WRITES") == 129 &&
		       cpumcf_code(g, "ITLB2_WRITES") == 134 &&
		       cpumcf_code(g, "TLB2_PTE_WRITES") == 137 &&
		       cpumcf_code(g, "TLB2_CRSTE_WRITES") == 138 &&
		       cpumcf_code(g, "TLB2_ENGINES_BUSY") == 139,
	       "z16: DTLB2/ITLB2/TLB2_PTE/TLB2_CRSTE writes, engines busy");
	g = cpumcf_by_machine(9175);
	tap_ok(g && g == cpumcf_by_machine(9176) &&
		       cpumcf_code(g, "DTLB2_WRITES") == 129 &&
		       cpumcf_code(g, "ITLB2_WRITES") == 134 &&
		       cpumcf_code(g, "TLB2_PTE_WRITES") == 137 &&
		       cpumcf_code(g, "TLB2_CRSTE_WRITES") == 138 &&
		       cpumcf_code(g, "TLB2_ENGINES_BUSY") == 139,
	       "z17 (9175, 9176): z16's codes for the five TLB events");
	g = cpumcf_by_machine(2964);
	tap_ok(g && cpumcf_code(g, "DTLB2_WRITES") < 0 &&
		       cpumcf_code(g, "DTLB1_WRITES") == 129,
	       "z13: DTLB1_WRITES instead of DTLB2_WRITES");
	return tap_done();
}
