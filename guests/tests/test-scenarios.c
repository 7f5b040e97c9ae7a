// SPDX-License-Identifier: GPL-2.0
/*
 * The scenario registry and argument handling, and every scenario run on
 * the fake machine (fake-platform.h) with the L1-side counts each must
 * produce there.
 */
#include <string.h>

#include "fake-platform.h"
#include "scenario.h"
#include "tap.h"

#define MEM (64ULL << 20)

static struct fake f;
static int64_t args[SCENARIO_MAX_PARAMS];
static char err[256];

static void test_registry(void)
{
	static const char *const names[] = {
		"table_creation",  "prot_fault_storm", "pte_churn",
		"top_level_churn", "multi_guest",      "large_pages",
		"l2_reboot",	   "dat_protection",   "short_tables",
		"edat_toggle",	   "l0_events",	       "top_table_sweep",
		"l1_insns",	   "dat_exceptions",   "races",
	};
	const unsigned int nr = sizeof(names) / sizeof(names[0]);
	unsigned int i, j, k, bad = 0;

	tap_eq(scenario_count(), nr, "%u scenarios", nr);
	for (i = 0; i < nr; i++)
		tap_ok(scenario_find(names[i]) &&
			       !strcmp(scenario_find(names[i])->name, names[i]),
		       "scenario_find(\"%s\")", names[i]);
	tap_ok(!scenario_find("nope") && !scenario_at(nr),
	       "unknown names and indexes give NULL");
	for (i = 0; i < scenario_count(); i++) {
		const struct scenario *s = scenario_at(i);

		if (s->nr_params > SCENARIO_MAX_PARAMS || !s->desc)
			bad++;
		for (j = 0; j < s->nr_params; j++) {
			const struct scenario_param *p = &s->params[j];

			if (p->def < p->min || p->def > p->max || !p->desc ||
			    !p->desc[0] ||
			    scenario_param_index(s, p->name) != (int)j)
				bad++;
			for (k = 0; p->name[k]; k++)
				if (!((p->name[k] >= 'a' &&
				       p->name[k] <= 'z') ||
				      (p->name[k] >= '0' &&
				       p->name[k] <= '9') ||
				      p->name[k] == '_'))
					bad++;
		}
	}
	tap_eq(bad, 0,
	       "parameters: unique [a-z0-9_] names, defaults in "
	       "range, described");
}

static void test_args(void)
{
	const struct scenario *s = scenario_find("table_creation");
	int i;

	scenario_defaults(s, args);
	tap_eq(args[scenario_param_index(s, "span_gib")], 4, "defaults filled");
	tap_eq(scenario_parse(s, args, "span_gib:64/stride_mib:2048", err,
			      sizeof(err)),
	       0, "parse name:value/name:value");
	tap_ok(args[0] == 64 && args[1] == 2048, "both set");
	tap_eq(scenario_parse(s, args, "span_gib=8,passes=2", err, sizeof(err)),
	       0, "= and , also work");
	i = scenario_param_index(s, "passes");
	tap_ok(args[0] == 8 && args[i] == 2, "and set");
	tap_eq(scenario_parse(s, args, "span_gb:8", err, sizeof(err)), -22,
	       "unknown parameter refused");
	tap_ok(strstr(err, "table_creation: unknown parameter \"span_gb\"") &&
		       strstr(err, "span_gib stride_mib asce_levels"),
	       "message names it and lists the known ones: %s", err);
	tap_eq(scenario_parse(s, args, "span_gib:2000", err, sizeof(err)), -22,
	       "out of range refused");
	tap_ok(strstr(err, "span_gib = 2000 is out of range [1, 1024]") != NULL,
	       "message gives the range: %s", err);
	tap_eq(scenario_parse(s, args, "span_gib:12x", err, sizeof(err)), -22,
	       "non-integer refused");
	tap_ok(strstr(err, "span_gib: \"12x\" is not an integer") != NULL,
	       "message: %s", err);
	tap_eq(scenario_parse(s, args, "span_gib", err, sizeof(err)), -22,
	       "missing value refused");
	tap_ok(strstr(err, "expected name:value") != NULL, "message: %s", err);
	tap_eq(scenario_set(s, args, "prebuild", 2, err, sizeof(err)), -22,
	       "scenario_set checks the range too");
	tap_eq(scenario_set(s, args, "prebuild", 0, err, sizeof(err)), 0,
	       "and sets a good value");
}

static int check(const char *name, const char *spec, bool edat1, bool edat2)
{
	const struct scenario *s = scenario_find(name);

	fake_fini(&f);
	fake_init(&f, MEM, 1 << 20, edat1, edat2);
	scenario_defaults(s, args);
	err[0] = 0;
	if (scenario_parse(s, args, spec, err, sizeof(err)))
		return -1;
	return scenario_check(s, args, &f.plat, err, sizeof(err));
}

static void test_check(void)
{
	tap_eq(check("table_creation", "span_gib:1024", false, false), -22,
	       "a span whose page tables do not fit L1 memory");
	tap_ok(strstr(err, "of L1 heap, the platform has 63 MiB") != NULL,
	       "says how much it needs and has: %s", err);
	tap_eq(check("table_creation", "span_gib:1024/stride_mib:2048", false,
		     false),
	       0, "1 TiB with one touch per region-third fits");
	tap_eq(check("table_creation", "span_gib:4/asce_levels:1", false,
		     false),
	       -22, "a top table that does not reach the span");
	tap_ok(strstr(err, "asce_levels 1 reaches 2 GiB") != NULL, "%s", err);
	tap_eq(check("table_creation", "span_gib:1/stride_mib:2048", false,
		     false),
	       -22, "a stride beyond the span");
	tap_eq(check("large_pages", "edat:2", true, false), -22,
	       "EDAT-2 scenario on a machine without EDAT-2");
	tap_ok(strstr(err, "needs EDAT-2 offered to L1") != NULL, "%s", err);
	tap_eq(check("large_pages", "edat:1", false, false), -22,
	       "EDAT-1 scenario without EDAT-1");
	tap_eq(check("large_pages", "edat:1/touches:32", true, true), -22,
	       "touches beyond a 1 MiB frame");
	tap_ok(strstr(err, "does not fit in one frame") != NULL, "%s", err);
	tap_eq(check("large_pages", "edat:2/write:1", true, true), -22,
	       "stores into EDAT-2 frames that alias L1's tables");
	tap_eq(check("large_pages", "edat:2/touches:2048/touch_stride_kib:64",
		     true, true),
	       -22, "EDAT-2 touches beyond L1 memory");
	tap_ok(strstr(err, "of L1 memory, the platform has 64 MiB") != NULL,
	       "%s", err);
	tap_eq(check("top_level_churn", "asce_levels:2/level:3", false, false),
	       -22, "a level above the top table");
	tap_ok(strstr(err, "level 3 is above the top table") != NULL, "%s",
	       err);
}

/* Runs name with spec on the fake machine; res holds the outcome */
static struct scenario_result res;

static bool run(const char *name, const char *spec, bool edat)
{
	if (check(name, spec, edat, edat)) {
		tap_diag("%s %s: %s", name, spec, err);
		return false;
	}
	scenario_run(scenario_find(name), args, &f.plat, &res);
	if (res.rc)
		tap_diag("%s", res.error);
	return !res.rc && res.l1.tables_alloc == res.l1.tables_freed;
}

static void test_runs(void)
{
	unsigned int i;

	for (i = 0; i < scenario_count(); i++) {
		const struct scenario *s = scenario_at(i);
		struct scenario_needs n;

		scenario_defaults(s, args);
		scenario_needs(s, args, &n);
		if (n.l0_events) {
			/* the fake has no L0 to change its backing of L1 */
			tap_ok(check(s->name, "", true, true) &&
				       strstr(err, "host/sim"),
			       "%s needs an l0_event hook: refused (%s)",
			       s->name, err);
			continue;
		}
		tap_ok(run(s->name, "", true),
		       "%s at its defaults runs on the fake, tables freed",
		       s->name);
	}
	tap_ok(run("table_creation", "span_gib:4", false) &&
		       res.l1.reflected == 0 && res.l1.accesses == 4096 &&
		       res.l1.sies == 1 && res.l1.tables_alloc == 1 + 2 + 4096,
	       "table_creation prebuilt: one SIE, no fault, one page table "
	       "per segment");
	tap_ok(run("table_creation", "span_gib:64/stride_mib:2048/prebuild:0",
		   false) &&
		       res.l1.reflected == 32 && res.l1.pages_mapped == 32 &&
		       res.l1.tables_alloc == 1 + 32 + 32,
	       "table_creation on demand: one fault per region-third touch");
	tap_ok(run("table_creation", "span_gib:2/stride_mib:512/asce_levels:4",
		   false) &&
		       res.l1.tables_alloc == 4 + 4,
	       "asce_levels:4: region-first top, a table per level");
	tap_ok(run("prot_fault_storm", "pages:512", false) &&
		       res.l1.reflected == 510 && res.l1.pages_mapped == 512 &&
		       res.l1.sies == 2 + 510,
	       "prot_fault_storm: a reflected fault per page not premapped");
	tap_ok(run("prot_fault_storm", "pages:100/pages_per_segment:10",
		   false) &&
		       res.l1.reflected == 90 && res.l1.tables_alloc == 1 + 10,
	       "prot_fault_storm sparse: 10 segments");
	tap_ok(run("pte_churn", "ws_pages:32/interval:8/rewrites:40", false) &&
		       res.l1.rewrites == 40 && res.l1.invalidations == 40 &&
		       res.l1.accesses == 32 + 40 * 8 && res.l1.reflected == 0,
	       "pte_churn: a rewrite (invalidate + store) per interval");
	tap_ok(run("top_level_churn", "asce_levels:3/level:2/rewrites:10",
		   false) &&
		       res.l1.rewrites == 10 && res.l1.invalidations == 10 &&
		       res.l1.accesses == 64 + 10 * 256,
	       "top_level_churn: region-third entry rewritten 10 times");
	tap_ok(run("multi_guest", "guests:3/pages:16/rounds:4", false) &&
		       res.l1.sies == 12 && res.l1.accesses == 3 * 16 * 4 &&
		       res.l1.tables_alloc == 3 * 2,
	       "multi_guest: a gmap per guest, an SIE per turn");
	tap_ok(run("large_pages", "edat:1/frames:8/touches:4", true) &&
		       res.l1.accesses == 32 && res.l1.reflected == 0 &&
		       res.l1.pages_mapped == 8 && res.l1.tables_alloc == 1,
	       "large_pages EDAT-1: 8 segment frames, no page table");
	tap_ok(run("large_pages", "edat:2/frames:3/touches:4", true) &&
		       res.l1.accesses == 12 && res.l1.pages_mapped == 3 &&
		       res.l1.tables_alloc == 1,
	       "large_pages EDAT-2: 3 region frames in a region-third table");
	tap_ok(run("l2_reboot", "pages:300/boots:3", false) &&
		       res.l1.reflected == 900 && res.l1.tables_alloc == 3 * 3,
	       "l2_reboot: every boot maps on demand, teardown frees");
}

int main(void)
{
	tap_plan_unknown();
	test_registry();
	test_args();
	test_check();
	test_runs();
	fake_fini(&f);
	return tap_done();
}
