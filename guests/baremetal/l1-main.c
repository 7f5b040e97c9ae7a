// SPDX-License-Identifier: GPL-2.0
/*
 * build/guests/l1.elf: the portable L1 (guests/l1) and scenarios
 * (guests/scenarios), unchanged, on the bare-metal platform. The command
 * line is "<scenario> name=value ..." ("list": the scenario names); the
 * result is one JSON line (docs/baremetal.md).
 */
#include "platform-baremetal.h"
#include "runtime.h"
#include "scenario.h"

static bool parse_i64(const char *s, int64_t *out)
{
	uint64_t v;
	bool neg = *s == '-';

	if (!bm_parse_u64(s + neg, &v) || v > (uint64_t)INT64_MAX)
		return false;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

static void json_u(const char *key, uint64_t v, bool comma)
{
	if (comma)
		bm_puts(",");
	bm_json_str(key);
	bm_puts(":");
	bm_putu(v);
}

void bm_program(const struct bm_cmdline *cl)
{
	static int64_t args[SCENARIO_MAX_PARAMS];
	static struct scenario_result res;
	static char err[192];
	const struct scenario *s;
	struct l1_platform *p;
	uint64_t t0, t1;
	int64_t v;

	if (cl->error) {
		bm_json_error(cl, cl->error, cl->key[0]);
		return;
	}
	if (!strcmp(cl->scenario, "list") && !cl->nargs) {
		bm_puts("{\"scenarios\":[");
		for (unsigned int i = 0; i < scenario_count(); i++) {
			bm_puts(i ? "," : "");
			bm_json_str(scenario_at(i)->name);
		}
		bm_puts("]}\n");
		return;
	}
	s = scenario_find(cl->scenario);
	if (!s) {
		bm_json_error(cl, "unknown scenario", cl->scenario);
		return;
	}
	scenario_defaults(s, args);
	for (int i = 0; i < cl->nargs; i++) {
		if (!parse_i64(cl->val[i], &v)) {
			bm_json_error(cl, "bad value: not an integer",
				      cl->key[i]);
			return;
		}
		if (scenario_set(s, args, cl->key[i], v, err, sizeof(err))) {
			bm_json_error(cl, err, cl->key[i]);
			return;
		}
	}
	p = bm_platform();
	if (scenario_check(s, args, p, err, sizeof(err))) {
		bm_json_error(cl, err, NULL);
		return;
	}
	bm_puts(bm_sie_available()
			? "# SIE available: L2 runs under SIE\n"
			: "# SIE unavailable: L2's accesses go through the "
			  "machine's DAT (LRAG/TPROT) on L1's tables\n");

	t0 = bm_stckf();
	scenario_run(s, args, p, &res);
	t1 = bm_stckf();

	bm_puts("{\"scenario\":");
	bm_json_str(s->name);
	bm_puts(",\"args\":{");
	for (unsigned int i = 0; i < s->nr_params; i++) {
		if (i)
			bm_puts(",");
		bm_json_str(s->params[i].name);
		bm_puts(":");
		if (args[i] < 0)
			bm_puts("-");
		bm_putu(args[i] < 0 ? -(uint64_t)args[i] : (uint64_t)args[i]);
	}
	bm_puts("},\"rc\":");
	bm_puts(res.rc < 0 ? "-" : "");
	bm_putu(res.rc < 0 ? -res.rc : res.rc);
	if (res.rc) {
		bm_puts(",\"error\":");
		bm_json_str(res.error[0] ? res.error : "scenario failed");
	}
	bm_puts(",\"phases\":[{\"name\":\"run\",\"stckf_ns\":");
	bm_putu(bm_tod_to_ns(t1 - t0));
	bm_puts("}],\"mem_size\":");
	bm_putu(bm_mem_size);
	bm_puts(",\"l1\":{");
	json_u("sies", res.l1.sies, false);
	json_u("reflected", res.l1.reflected, true);
	json_u("accesses", res.l1.accesses, true);
	json_u("pages_mapped", res.l1.pages_mapped, true);
	json_u("rewrites", res.l1.rewrites, true);
	json_u("invalidations", res.l1.invalidations, true);
	json_u("tables_alloc", res.l1.tables_alloc, true);
	json_u("tables_freed", res.l1.tables_freed, true);
	json_u("l1_stores", res.l1.l1_stores, true);
	bm_puts("}");
	bm_platform_json();
	bm_puts("}\n");
}
