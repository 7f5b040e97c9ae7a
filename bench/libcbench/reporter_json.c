// SPDX-License-Identifier: GPL-2.0
/* JSON output, key for key and digit for digit as 1.7.1's json_reporter.cc. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
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
	n = cb_custom_context(&kv);
	for (int i = 0; i < n; i++) {
		fputs(",\n", f);
		kv_str(f, in, kv[i].key, kv[i].value);
	}
	fputs("\n  },\n  \"benchmarks\": [\n", f);
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
	for (int i = 0; i < run->counters.n; i++) {
		fputs(",\n", f);
		kv_double(f, in, run->counters.v[i].name,
			  run->counters.v[i].value);
	}
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
