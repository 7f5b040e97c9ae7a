// SPDX-License-Identifier: GPL-2.0
/* The L1 console reader on the shapes docs/baremetal.md gives. */
#include <errno.h>
#include <string.h>

#include "tap.h"
#include "kvm_console.h"

static int parse(const char *text, struct kvm_l1_report *r, char *err)
{
	return kvm_console_parse(text, strlen(text), r, err, 256);
}

int main(void)
{
	static const char ok_run[] =
		"# SIE unavailable: L2's accesses go through the machine's DAT\r\n"
		"{\"scenario\":\"pte_churn\",\"args\":{\"interval\":64},\"rc\":0,"
		"\"phases\":[{\"name\":\"setup\",\"stckf_ns\":1000},{\"name\":\"run\",\"stckf_ns\":234}],"
		"\"mem_size\":67108864,\"l1\":{\"sies\":5,\"reflected\":3,\"accesses\":100},"
		"\"sie\":\"available\",\"sie_calls\":5,\"sie_entries\":8,\"edat1\":true,"
		"\"heap_start\":\"0x100000\"}\r\n"
		"# done\n";
	static const char l1_error[] =
		"{\"scenario\":\"pte_churn\",\"args\":{\"interval\":\"x\"},"
		"\"error\":\"bad parameter\",\"detail\":\"interval: not a number\"}\n";
	static const char fatal[] =
		"# boot\n{\"error\":\"unexpected program interrupt\",\"a\":\"0x4\",\"b\":\"0x1c0\"}\n";
	struct kvm_l1_report r;
	char err[256];
	uint64_t v;
	int rc;

	tap_plan_unknown();
	rc = parse(ok_run, &r, err);
	tap_ok(rc == 0, "a run's line parses (%s)", rc ? err : "ok");
	tap_ok(!strcmp(r.scenario, "pte_churn") && r.rc == 0 && !r.error[0],
	       "scenario and rc");
	tap_ok(r.nr_phases == 2 && r.phase[0].ns == 1000 &&
		       !strcmp(r.phase[1].name, "run") && r.l1_ns == 1234,
	       "two STCKF phases, summed to 1234 ns");
	tap_ok(!strcmp(r.sie, "available"), "sie available");
	tap_ok(kvm_stat_get(&r.counts, "l1:reflected", &v) && v == 3 &&
		       kvm_stat_get(&r.counts, "l1:sie_entries", &v) && v == 8,
	       "L1 counts from \"l1\" and the top level");
	tap_ok(!kvm_stat_get(&r.counts, "l1:edat1", &v) &&
		       !kvm_stat_get(&r.counts, "l1:heap_start", &v),
	       "booleans and hex strings are not counts");
	tap_ok(r.line && r.line[0] == '{' && !strchr(r.line, '\r'),
	       "the line kept, without the console's \\r");
	kvm_l1_report_free(&r);

	rc = parse(l1_error, &r, err);
	tap_ok(rc == 0 && r.rc < 0 &&
		       strstr(r.error, "bad parameter: interval"),
	       "the L1's own error is reported: %s", r.error);
	kvm_l1_report_free(&r);
	rc = parse(fatal, &r, err);
	tap_ok(rc == 0 && r.rc < 0 && !r.scenario[0] &&
		       strstr(r.error, "unexpected program interrupt"),
	       "a fatal runtime error: %s", r.error);
	kvm_l1_report_free(&r);

	rc = parse("# only comments\nbooting...\n", &r, err);
	tap_ok(rc == -ENOENT && strstr(err, "no JSON line"), "no JSON: %s",
	       err);
	rc = parse("# x\n{\"scenario\":\"a\",\n", &r, err);
	tap_ok(rc == -EINVAL && strstr(err, "console line 2"),
	       "a broken line names its line: %s", err);
	rc = parse("[1]\n{\"rc\":0}\n", &r, err);
	tap_ok(rc == -EINVAL && strstr(err, "no \"scenario\""),
	       "an object without scenario or error: %s", err);
	rc = parse(
		"{\"scenario\":\"a\",\"phases\":[{\"name\":\"run\",\"stckf_ns\":-5}]}",
		&r, err);
	tap_ok(rc == -EINVAL && strstr(err, "phase 0"),
	       "a negative phase time: %s", err);
	rc = parse("{\"scenario\":\"first\"}\n{\"scenario\":\"last\",\"rc\":0}",
		   &r, err);
	tap_ok(rc == 0 && !strcmp(r.scenario, "last"),
	       "the last JSON line wins; no final newline needed");
	kvm_l1_report_free(&r);
	return tap_done();
}
