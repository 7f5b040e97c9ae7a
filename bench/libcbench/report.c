// SPDX-License-Identifier: GPL-2.0
/* What the reporters share: run helpers, numbers as Google Benchmark prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *cb_time_unit_string(int u)
{
	static const char *const s[] = {"ns", "us", "ms", "s"};

	return u >= 0 && u < 4 ? s[u] : "ns";
}

double cb_time_unit_multiplier(int u)
{
	static const double m[] = {1e9, 1e6, 1e3, 1};

	return u >= 0 && u < 4 ? m[u] : 1e9;
}

double cb_adjusted_real(const struct cb_run *r)
{
	double t = r->real_acc * cb_time_unit_multiplier(r->time_unit);

	if (r->iterations != 0)
		t /= (double)r->iterations;
	return t;
}

double cb_adjusted_cpu(const struct cb_run *r)
{
	double t = r->cpu_acc * cb_time_unit_multiplier(r->time_unit);

	if (r->iterations != 0)
		t /= (double)r->iterations;
	return t;
}

char *cb_benchmark_name(const struct cb_run *r)
{
	if (r->aggregate_name)
		return cb_asprintf("%s_%s", r->run_name, r->aggregate_name);
	return cb_xstrdup(r->run_name);
}

void cb_run_free(struct cb_run *r)
{
	free(r->error_message);
	free(r->label);
	cb_counters_free(&r->counters);
	memset(r, 0, sizeof(*r));
}

void cb_run_copy(struct cb_run *d, const struct cb_run *s)
{
	*d = *s;
	d->error_message =
		s->error_message ? cb_xstrdup(s->error_message) : NULL;
	d->label = s->label ? cb_xstrdup(s->label) : NULL;
	cb_counters_copy(&d->counters, &s->counters);
}

/* string_util.cc's HumanReadableNumber: 1.1 threshold, k/M/G or m/u/n. */
void cb_human_readable(char *buf, size_t len, double val, double one_k)
{
	static const char big[] = "kMGTPEZY", small[] = "munpfazy";
	const double thresh = 1.1, big_thresh = thresh * one_k;
	char sign[2] = "";
	double scaled;

	if (val < 0) {
		sign[0] = '-';
		val = -val;
	}
	if (val > big_thresh) {
		scaled = val;
		for (int i = 0; i < 9; i++) {
			scaled /= one_k;
			if (scaled <= big_thresh) {
				snprintf(buf, len, "%s%g%.*s", sign, scaled,
					 i < 8 ? 1 : 0, &big[i < 8 ? i : 0]);
				return;
			}
		}
	} else if (val < thresh && val < 0.01) {
		scaled = val;
		for (int i = 0; i < 9; i++) {
			scaled *= one_k;
			if (scaled >= thresh) {
				snprintf(buf, len, "%s%g%.*s", sign, scaled,
					 i < 8 ? 1 : 0, &small[i < 8 ? i : 0]);
				return;
			}
		}
	}
	snprintf(buf, len, "%s%g", sign, val);
}

/* BenchmarkReporter::PrintBasicContext, plus what hwloc adds. */
void cb_print_basic_context(FILE *f)
{
	const struct cb_sysinfo *si = cb_sysinfo();
	const struct cb_kv *kv;
	char date[64];
	int n;

	cb_local_date_time(date, sizeof(date));
	fprintf(f, "%s\n", date);
	fprintf(f, "Running %s\n", cb_executable);
	fprintf(f, "Run on (%d X %g MHz CPU %s)\n", si->num_cpus,
		si->cycles_per_second / 1000000.0, si->num_cpus > 1 ? "s" : "");
	if (si->ncaches) {
		fprintf(f, "CPU Caches:\n");
		for (int i = 0; i < si->ncaches; i++) {
			const struct cb_cache *c = &si->caches[i];

			fprintf(f, "  L%d %s %lld KiB", c->level, c->type,
				c->size / 1024);
			if (c->num_sharing)
				fprintf(f, " (x%d)",
					si->num_cpus / c->num_sharing);
			fprintf(f, "\n");
		}
	}
	if (si->nload) {
		fprintf(f, "Load Average: ");
		for (int i = 0; i < si->nload; i++)
			fprintf(f, "%.2f%s", si->load_avg[i],
				i + 1 < si->nload ? ", " : "\n");
	}
	if (*cb_sanitizers())
		fprintf(f, "Sanitizers: %s\n", cb_sanitizers());
	if (si->cpu_model[0])
		fprintf(f, "CPU model: %s\n", si->cpu_model);
	if (si->topology[0])
		fprintf(f, "Topology: %s\n", si->topology);
	if (si->pinned[0])
		fprintf(f, "Pinned to: %s\n", si->pinned);
	if (*cb_iterations_from_file())
		fprintf(f, "Iterations from: %s\n", cb_iterations_from_file());
	n = cb_custom_context(&kv);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s: %s\n", kv[i].key, kv[i].value);
	if (si->scaling_enabled)
		fprintf(f,
			"***WARNING*** CPU scaling is enabled, the benchmark "
			"real time measurements may be noisy and will incur "
			"extra overhead.\n");
	if (strcmp(cb_build_type(), "release"))
		fprintf(f, "***WARNING*** Library was built as DEBUG. Timings "
			   "may be affected.\n");
}
