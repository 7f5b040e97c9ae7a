// SPDX-License-Identifier: GPL-2.0
/*
 * cbench_run_specified(): the instances that pass the filter, their
 * repetitions (shuffled with --benchmark_enable_random_interleaving), the
 * aggregates and complexity rows, to the display and the --benchmark_out
 * reporters, as 1.7.1's RunBenchmarks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/*
 * The runs of a family with ->Complexity() over all its instances and
 * repetitions (those without an error), for the _BigO and _RMS rows once
 * the last one is done.
 */
struct family_runs {
	int total, done;
	struct cb_run *runs;
	int n;
	const struct cb_instance *first;
};

static void family_runs_add(struct family_runs *fr,
			    const struct cb_instance *in,
			    const struct cb_run *runs, int n)
{
	for (int i = 0; i < n; i++) {
		fr->done++;
		if (runs[i].error)
			continue;
		if (!fr->n)
			fr->first = in;
		fr->runs =
			cb_xrealloc(fr->runs, (fr->n + 1) * sizeof(*fr->runs));
		cb_run_copy(&fr->runs[fr->n++], &runs[i]);
	}
}

static void family_runs_free(struct family_runs *fr)
{
	for (int i = 0; i < fr->n; i++)
		cb_run_free(&fr->runs[i]);
	free(fr->runs);
	memset(fr, 0, sizeof(*fr));
}

static void report(struct cb_reporter *rep, bool aggregates_only,
		   struct cb_run *runs, int n, struct cb_run *aggs, int nagg)
{
	if (!(aggregates_only && nagg))
		rep->runs(rep, runs, n);
	if (nagg)
		rep->runs(rep, aggs, nagg);
}

static unsigned long long rng_state;

static unsigned long long rng_next(void)
{
	/* splitmix64 */
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The reporters of one run: the display, and the --benchmark_out file */
struct run_output {
	struct cb_reporter disp, file;
	FILE *out_file; /* NULL without --benchmark_out */
};

/*
 * The name column: the longest instance name, and when there may be
 * aggregates, room for "_" and the longest statistic name, as 1.7.1.
 */
static int name_field_width(const struct cb_instance *in, int n)
{
	int width = 10, stat_width = 0;
	bool might_have_aggregates = cb_flags.repetitions > 1;

	for (int i = 0; i < n; i++) {
		int len = (int)strlen(in[i].name);

		if (len > width)
			width = len;
		if (cb_instance_repetitions(&in[i]) > 1)
			might_have_aggregates = true;
		for (int s = 0; s < in[i].fam->nstats; s++) {
			len = (int)strlen(in[i].fam->stats[s].name);
			if (len > stat_width)
				stat_width = len;
		}
	}
	return might_have_aggregates ? width + 1 + stat_width : width;
}

static void open_reporters(struct run_output *o, FILE *out_file, int width)
{
	cb_reporter_init(&o->disp, cb_flags.format, stdout, stderr);
	if (!strcmp(cb_flags.color, "auto"))
		o->disp.color = cb_color_auto();
	else
		o->disp.color = cb_is_truthy(cb_flags.color);
	o->disp.tabular = cb_flags.counters_tabular;
	o->disp.name_width = width;
	o->out_file = out_file;
	/* as 1.7.1: a console file gets neither color nor columns */
	if (out_file) {
		cb_reporter_init(&o->file, cb_flags.out_format, out_file,
				 out_file);
		o->file.name_width = width;
	}
	o->disp.context(&o->disp);
	fflush(o->disp.out);
	fflush(o->disp.err);
	if (out_file) {
		o->file.context(&o->file);
		fflush(out_file);
	}
}

/* 0, or -1 when the --benchmark_out file could not be written */
static int close_reporters(struct run_output *o)
{
	char err[512];

	o->disp.finalize(&o->disp);
	fflush(o->disp.out);
	if (!o->out_file)
		return 0;
	o->file.finalize(&o->file);
	if (cb_output_commit(o->out_file, err, sizeof(err))) {
		fprintf(stderr, "%s: error: %s\n", cb_executable, err);
		return -1;
	}
	return 0;
}

/* Which runner does each repetition: in order, or shuffled (interleaving) */
static int *schedule(const struct cb_runner *runners, int n, int total)
{
	int *order = cb_xmalloc(total * sizeof(int));

	for (int i = 0, k = 0; i < n; i++)
		for (int j = 0; j < runners[i].repeats; j++)
			order[k++] = i;
	if (cb_flags.random_interleaving) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		rng_state = (unsigned long long)ts.tv_nsec ^
			    ((unsigned long long)ts.tv_sec << 32) ^ getpid();
		for (int i = total - 1; i > 0; i--) {
			int j = (int)(rng_next() % (unsigned long long)(i + 1));
			int t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
	}
	return order;
}

/*
 * An instance whose repetitions are all done: its runs, their aggregates
 * and, if it completes a family with ->Complexity(), the _BigO and _RMS
 * rows, to both reporters.
 */
static void report_instance(struct run_output *o, struct cb_runner *r,
			    struct family_runs *fr)
{
	const struct cbench_family *f = r->in->fam;
	struct cb_run *aggs = cb_xmalloc((f->nstats + 2) * sizeof(*aggs));
	int nagg = cb_compute_family_stats(r->runs, r->repeats, f, aggs);

	if (fr->total) {
		family_runs_add(fr, r->in, r->runs, r->repeats);
		if (fr->done == fr->total) {
			nagg += cb_compute_big_o(fr->runs, fr->n, fr->first,
						 aggs + nagg);
			family_runs_free(fr);
		}
	}
	report(&o->disp, r->display_aggregates_only, r->runs, r->repeats, aggs,
	       nagg);
	fflush(o->disp.out);
	if (o->out_file) {
		report(&o->file, r->file_aggregates_only, r->runs, r->repeats,
		       aggs, nagg);
		fflush(o->out_file);
	}
	for (int i = 0; i < r->repeats; i++)
		cb_run_free(&r->runs[i]);
	for (int i = 0; i < nagg; i++)
		cb_run_free(&aggs[i]);
	free(aggs);
	free(r->runs);
	r->runs = NULL;
}

/* Runs the n instances; -1 if the output file could not be written */
static int run_instances(const struct cb_instance *in, int n, FILE *out_file)
{
	struct cb_runner *runners = cb_xmalloc(n * sizeof(*runners));
	struct family_runs *per_family =
		cb_xmalloc((in[n - 1].family_index + 1) * sizeof(*per_family));
	struct run_output o = {0};
	int total = 0, *order, rc;

	open_reporters(&o, out_file, name_field_width(in, n));
	for (int i = 0; i < n; i++) {
		cb_runner_init(&runners[i], &in[i]);
		total += runners[i].repeats;
		if (in[i].fam->complexity != CBENCH_O_NONE)
			per_family[in[i].family_index].total +=
				runners[i].repeats;
	}
	order = schedule(runners, n, total);
	for (int k = 0; k < total; k++) {
		struct cb_runner *r = &runners[order[k]];

		cb_runner_do_one_repetition(r);
		if (r->done == r->repeats)
			report_instance(&o, r,
					&per_family[r->in->family_index]);
	}
	cb_current_instance = NULL;
	rc = close_reporters(&o);
	free(order);
	free(runners);
	free(per_family);
	return rc;
}

int cbench_run_specified(void)
{
	return cbench_run_specified_spec(NULL);
}

int cbench_run_specified_spec(const char *spec)
{
	struct cb_instance *in = NULL;
	FILE *out_file = NULL;
	char err[512];
	int n, rc;

	if (!cb_flags.format) {
		int argc = 0;

		cbench_initialize(&argc, NULL);
	}
	if (!spec)
		spec = cb_flags.filter;
	n = cb_find_instances(spec, &in, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "%s: error: %s\n", cb_executable, err);
		return -1;
	}
	if (cb_flags.list_tests) {
		for (int i = 0; i < n; i++)
			printf("%s\n", in[i].name);
		cb_free_instances(in, n);
		return n;
	}
	if (n == 0) {
		fprintf(stderr,
			"Failed to match any benchmarks against regex: %s\n",
			spec);
		return 0;
	}
	if (cb_flags.out && *cb_flags.out &&
	    cb_output_open(cb_flags.out, &out_file, err, sizeof(err))) {
		fprintf(stderr, "%s: error: %s\n", cb_executable, err);
		cb_free_instances(in, n);
		return -1;
	}
	if (cb_flags.pin_cpu >= 0 &&
	    cb_pin_thread(cb_flags.pin_cpu, err, sizeof(err))) {
		fprintf(stderr, "%s: error: --cbench_pin=%d: %s\n",
			cb_executable, cb_flags.pin_cpu, err);
		if (out_file)
			cb_output_abandon();
		cb_free_instances(in, n);
		return -1;
	}
	cb_crash_handlers_install();
	rc = run_instances(in, n, out_file);
	cb_crash_handlers_remove();
	cb_free_instances(in, n);
	return rc < 0 ? -1 : n;
}
