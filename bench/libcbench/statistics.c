// SPDX-License-Identifier: GPL-2.0
/*
 * The aggregates over repetitions, computed with the same floating-point
 * operations as Google Benchmark 1.7.1's statistics.cc so that the printed
 * digits agree: mean, median, sample standard deviation, and cv.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static double sum(const double *v, int n)
{
	double s = 0.0;

	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

double cb_stat_mean(const double *v, int n)
{
	if (n == 0)
		return 0.0;
	return sum(v, n) * (1.0 / n);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double cb_stat_median(const double *v, int n)
{
	double *c, m;

	if (n < 3)
		return cb_stat_mean(v, n);
	c = cb_xmalloc(n * sizeof(double));
	memcpy(c, v, n * sizeof(double));
	qsort(c, n, sizeof(double), cmp_double);
	if (n % 2 == 1)
		m = c[n / 2];
	else
		m = (c[n / 2] + c[n / 2 - 1]) / 2.0;
	free(c);
	return m;
}

double cb_stat_stddev(const double *v, int n)
{
	double mean = cb_stat_mean(v, n), squares = 0.0, var;

	if (n == 0)
		return mean;
	if (n == 1)
		return 0.0;
	for (int i = 0; i < n; i++)
		squares += v[i] * v[i];
	var = (double)n / (n - 1.0) * (squares * (1.0 / n) - mean * mean);
	return var < 0.0 ? 0.0 : sqrt(var);
}

double cb_stat_cv(const double *v, int n)
{
	if (n < 2)
		return 0.0;
	return cb_stat_stddev(v, n) / cb_stat_mean(v, n);
}

static double mean_n(const double *v, size_t n)
{
	return cb_stat_mean(v, (int)n);
}

static double median_n(const double *v, size_t n)
{
	return cb_stat_median(v, (int)n);
}

static double stddev_n(const double *v, size_t n)
{
	return cb_stat_stddev(v, (int)n);
}

static double cv_n(const double *v, size_t n)
{
	return cb_stat_cv(v, (int)n);
}

/* What the Benchmark constructor of 1.7.1 adds to every family */
void cb_default_statistics(struct cbench_family *f)
{
	cbench_compute_statistics(f, "mean", mean_n, CBENCH_STAT_TIME);
	cbench_compute_statistics(f, "median", median_n, CBENCH_STAT_TIME);
	cbench_compute_statistics(f, "stddev", stddev_n, CBENCH_STAT_TIME);
	cbench_compute_statistics(f, "cv", cv_n, CBENCH_STAT_PERCENTAGE);
}

void cbench_compute_statistics(cbench_family *f, const char *name,
			       cbench_statistic_fn fn,
			       enum cbench_statistic_unit unit)
{
	struct cb_statistic *s;

	if (!name || !*name || !fn)
		cb_fatal("%s: cbench_compute_statistics needs a name and a "
			 "function",
			 f->name);
	f->stats = cb_xrealloc(f->stats, (f->nstats + 1) * sizeof(*f->stats));
	s = &f->stats[f->nstats++];
	s->name = cb_xstrdup(name);
	s->fn = fn;
	s->unit = unit == CBENCH_STAT_PERCENTAGE ? CB_AGG_PERCENTAGE
						 : CB_AGG_TIME;
}

/* ComputeStats: out gets nstats aggregate runs (or none); how many. */
static int compute_stats(const struct cb_run *runs, int n,
			 const struct cb_statistic *stats, int nstats,
			 struct cb_run *out)
{
	int ok = 0, nc = 0;
	double *real, *cpu, **cv;
	const char *label;
	struct cb_counters names = {0};

	for (int i = 0; i < n; i++)
		ok += !runs[i].error;
	if (ok < 2)
		return 0;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < runs[i].counters.n; k++) {
			const struct cb_counter *c = &runs[i].counters.v[k];

			if (!cb_counters_find(&names, c->name))
				cb_counters_set(&names, c->name, 0, c->flags,
						c->base, false);
		}
	nc = names.n;
	real = cb_xmalloc(n * sizeof(double));
	cpu = cb_xmalloc(n * sizeof(double));
	cv = cb_xmalloc((nc + 1) * sizeof(double *));
	int *cn = cb_xmalloc((nc + 1) * sizeof(int));

	for (int k = 0; k < nc; k++)
		cv[k] = cb_xmalloc(n * sizeof(double));
	ok = 0;
	for (int i = 0; i < n; i++) {
		if (runs[i].error)
			continue;
		real[ok] = runs[i].real_acc;
		cpu[ok] = runs[i].cpu_acc;
		ok++;
		for (int k = 0; k < runs[i].counters.n; k++) {
			const struct cb_counter *c = &runs[i].counters.v[k];
			int idx = (int)(cb_counters_find(&names, c->name) -
					names.v);

			cv[idx][cn[idx]++] = c->value;
		}
	}
	label = runs[0].label;
	for (int i = 1; i < n; i++)
		if (strcmp(runs[i].label ? runs[i].label : "",
			   label ? label : "")) {
			label = NULL;
			break;
		}
	double rescale = (double)n / (double)runs[0].iterations;

	for (int s = 0; s < nstats; s++) {
		struct cb_run *d = &out[s];

		memset(d, 0, sizeof(*d));
		d->run_name = runs[0].run_name;
		d->family_index = runs[0].family_index;
		d->per_family_instance_index =
			runs[0].per_family_instance_index;
		d->threads = runs[0].threads;
		d->repetitions = runs[0].repetitions;
		d->repetition_index = -1;
		d->aggregate_name = stats[s].name;
		d->aggregate_unit = stats[s].unit;
		d->label = label && *label ? cb_xstrdup(label) : NULL;
		d->iterations = n;
		d->real_acc = stats[s].fn(real, ok);
		d->cpu_acc = stats[s].fn(cpu, ok);
		if (d->aggregate_unit == CB_AGG_TIME) {
			d->real_acc *= rescale;
			d->cpu_acc *= rescale;
		}
		d->time_unit = runs[0].time_unit;
		for (int k = 0; k < nc; k++)
			cb_counters_set(&d->counters, names.v[k].name,
					stats[s].fn(cv[k], cn[k]),
					names.v[k].flags, names.v[k].base,
					false);
	}
	for (int k = 0; k < nc; k++)
		free(cv[k]);
	free(cv);
	free(cn);
	free(real);
	free(cpu);
	cb_counters_free(&names);
	return nstats;
}

int cb_compute_family_stats(const struct cb_run *runs, int n,
			    const struct cbench_family *f, struct cb_run *out)
{
	return compute_stats(runs, n, f->stats, f->nstats, out);
}

/* mean, median, stddev, cv: what gmapbench-merge recomputes */
int cb_compute_stats(const struct cb_run *runs, int n, struct cb_run *out)
{
	static const struct cb_statistic builtin[] = {
		{(char *)"mean", mean_n, CB_AGG_TIME},
		{(char *)"median", median_n, CB_AGG_TIME},
		{(char *)"stddev", stddev_n, CB_AGG_TIME},
		{(char *)"cv", cv_n, CB_AGG_PERCENTAGE},
	};

	return compute_stats(runs, n, builtin, 4, out);
}
