// SPDX-License-Identifier: GPL-2.0
/* JSON output, key for key and digit for digit as 1.7.1's json_reporter.cc. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * The length of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlong forms, no surrogates, at most U+10FFFF), 0 if there is none.
 */
static int utf8_length(const unsigned char *s)
{
	int n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/*
 * A JSON string, escaped as 1.7.1's StrEscape does (\" \\ \b \f \n \r \t),
 * but where 1.7.1 writes other bytes as they are, which gives invalid JSON,
 * a control character is \u00XX and so is a byte that is not part of valid
 * UTF-8 (a context value from a Latin-1 terminal, say): the character of
 * that number, readable by any JSON parser, and reversible.
 */
static void str(FILE *f, const char *s)
{
	static const char special[] = "\"\\\b\f\n\r\t", letter[] = "\"\\bfnrt";
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		const char *sp = strchr(special, *p); /* *p != 0 */
		int n = utf8_length(p);

		if (sp)
			fprintf(f, "\\%c", letter[sp - special]);
		else if (*p < 0x20 || n == 0)
			fprintf(f, "\\u%04x", *p);
		else
			fwrite(p, 1, n, f);
		p += n ? n : 1;
	}
	fputc('"', f);
}

static void kv_str(FILE *f, const char *indent, const char *k, const char *v)
{
	fputs(indent, f);
	str(f, k);
	fputs(": ", f);
	str(f, v);
}

static void kv_double(FILE *f, const char *indent, const char *k, double v)
{
	fputs(indent, f);
	str(f, k);
	if (isnan(v))
		fputs(": NaN", f);
	else if (isinf(v))
		fprintf(f, ": %sInfinity", v < 0 ? "-" : "");
	else
		fprintf(f, ": %.16e", v);
}

static void json_context(struct cb_reporter *r)
{
	const struct cb_sysinfo *si = cb_sysinfo();
	const struct cb_kv *kv;
	FILE *f = r->out;
	const char *in = "    ";
	char date[64];
	int n;

	cb_local_date_time(date, sizeof(date));
	fputs("{\n  \"context\": {\n", f);
	kv_str(f, in, "date", date);
	fputs(",\n", f);
	kv_str(f, in, "host_name", si->host_name);
	fputs(",\n", f);
	kv_str(f, in, "executable", cb_executable);
	fputs(",\n", f);
	fprintf(f, "%s\"num_cpus\": %d,\n", in, si->num_cpus);
	fprintf(f, "%s\"mhz_per_cpu\": %lld,\n", in,
		(long long)(si->cycles_per_second / 1000000.0 + 0.5));
	fprintf(f, "%s\"cpu_scaling_enabled\": %s,\n", in,
		si->scaling_enabled ? "true" : "false");
	fprintf(f, "%s\"caches\": [\n", in);
	for (int i = 0; i < si->ncaches; i++) {
		const struct cb_cache *c = &si->caches[i];

		fprintf(f, "      {\n");
		kv_str(f, "        ", "type", c->type);
		fprintf(f, ",\n        \"level\": %d,\n", c->level);
		fprintf(f, "        \"size\": %lld,\n", c->size);
		fprintf(f, "        \"num_sharing\": %d\n", c->num_sharing);
		fprintf(f, "      }%s\n", i + 1 < si->ncaches ? "," : "");
	}
	fprintf(f, "%s],\n", in);
	fprintf(f, "%s\"load_avg\": [", in);
	for (int i = 0; i < si->nload; i++)
		fprintf(f, "%g%s", si->load_avg[i],
			i + 1 < si->nload ? "," : "");
	fprintf(f, "],\n");
	kv_str(f, in, "library_build_type", cb_build_type());
	if (*cb_sanitizers()) {
		fputs(",\n", f);
		kv_str(f, in, "sanitizers", cb_sanitizers());
	}
	if (si->cpu_model[0]) {
		fputs(",\n", f);
		kv_str(f, in, "cpu_model", si->cpu_model);
	}
	if (si->topology[0]) {
		fputs(",\n", f);
		kv_str(f, in, "topology", si->topology);
	}
	if (si->pinned[0]) {
		fputs(",\n", f);
		kv_str(f, in, "cbench_pin", si->pinned);
	}
	if (*cb_iterations_from_file()) {
		fputs(",\n", f);
		kv_str(f, in, "cbench_iterations_from",
		       cb_iterations_from_file());
	}
	n = cb_custom_context(&kv);
	for (int i = 0; i < n; i++) {
		fputs(",\n", f);
		kv_str(f, in, kv[i].key, kv[i].value);
	}
	fputs("\n  },\n  \"benchmarks\": [\n", f);
}

static void json_times(FILE *f, const char *in, const struct cb_run *run)
{
	fprintf(f, "%s\"iterations\": %lld,\n", in, (long long)run->iterations);
	if (run->aggregate_unit == CB_AGG_PERCENTAGE) {
		kv_double(f, in, "real_time", run->real_acc);
		fputs(",\n", f);
		kv_double(f, in, "cpu_time", run->cpu_acc);
	} else {
		kv_double(f, in, "real_time", cb_adjusted_real(run));
		fputs(",\n", f);
		kv_double(f, in, "cpu_time", cb_adjusted_cpu(run));
	}
	fputs(",\n", f);
	kv_str(f, in, "time_unit", cb_time_unit_string(run->time_unit));
}

/* MemoryManager::Result; the keys left at the tombstone are not written */
static void json_memory(FILE *f, const char *in, const struct cb_run *run)
{
	const struct cbench_memory_result *m = &run->memory;

	fputs(",\n", f);
	kv_double(f, in, "allocs_per_iter", run->allocs_per_iter);
	fprintf(f, ",\n%s\"max_bytes_used\": %lld", in,
		(long long)m->max_bytes_used);
	if (m->total_allocated_bytes != CBENCH_MEMORY_TOMBSTONE)
		fprintf(f, ",\n%s\"total_allocated_bytes\": %lld", in,
			(long long)m->total_allocated_bytes);
	if (m->net_heap_growth != CBENCH_MEMORY_TOMBSTONE)
		fprintf(f, ",\n%s\"net_heap_growth\": %lld", in,
			(long long)m->net_heap_growth);
}

static void json_run(FILE *f, const struct cb_run *run)
{
	const char *in = "      ";
	char *name = cb_benchmark_name(run);

	kv_str(f, in, "name", name);
	free(name);
	fprintf(f, ",\n%s\"family_index\": %d,\n", in, run->family_index);
	fprintf(f, "%s\"per_family_instance_index\": %d,\n", in,
		run->per_family_instance_index);
	kv_str(f, in, "run_name", run->run_name);
	fputs(",\n", f);
	kv_str(f, in, "run_type",
	       run->aggregate_name ? "aggregate" : "iteration");
	fprintf(f, ",\n%s\"repetitions\": %lld,\n", in,
		(long long)run->repetitions);
	if (!run->aggregate_name)
		fprintf(f, "%s\"repetition_index\": %lld,\n", in,
			(long long)run->repetition_index);
	fprintf(f, "%s\"threads\": %d,\n", in, run->threads);
	if (run->aggregate_name) {
		kv_str(f, in, "aggregate_name", run->aggregate_name);
		fputs(",\n", f);
		kv_str(f, in, "aggregate_unit",
		       run->aggregate_unit == CB_AGG_PERCENTAGE ? "percentage"
								: "time");
		fputs(",\n", f);
	}
	if (run->error) {
		fprintf(f, "%s\"error_occurred\": true,\n", in);
		kv_str(f, in, "error_message",
		       run->error_message ? run->error_message : "");
		fputs(",\n", f);
	}
	if (run->report_big_o) {
		kv_double(f, in, "cpu_coefficient", cb_adjusted_cpu(run));
		fputs(",\n", f);
		kv_double(f, in, "real_coefficient", cb_adjusted_real(run));
		fputs(",\n", f);
		kv_str(f, in, "big_o", cb_big_o_string(run->big_o));
		fputs(",\n", f);
		kv_str(f, in, "time_unit", cb_time_unit_string(run->time_unit));
	} else if (run->report_rms) {
		kv_double(f, in, "rms", cb_adjusted_cpu(run));
	} else {
		json_times(f, in, run);
	}
	for (int i = 0; i < run->counters.n; i++) {
		fputs(",\n", f);
		kv_double(f, in, run->counters.v[i].name,
			  run->counters.v[i].value);
	}
	if (run->has_memory)
		json_memory(f, in, run);
	if (run->label && *run->label) {
		fputs(",\n", f);
		kv_str(f, in, "label", run->label);
	}
	fputc('\n', f);
}

static void json_runs(struct cb_reporter *r, const struct cb_run *runs, int n)
{
	if (!n)
		return;
	if (!r->first_report)
		fputs(",\n", r->out);
	r->first_report = false;
	for (int i = 0; i < n; i++) {
		fputs("    {\n", r->out);
		json_run(r->out, &runs[i]);
		fputs("    }", r->out);
		if (i + 1 < n)
			fputs(",\n", r->out);
	}
}

static void json_finalize(struct cb_reporter *r)
{
	fputs("\n  ]\n}\n", r->out);
}

void cb_json_reporter(struct cb_reporter *r)
{
	r->context = json_context;
	r->runs = json_runs;
	r->finalize = json_finalize;
}
