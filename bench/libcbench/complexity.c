// SPDX-License-Identifier: GPL-2.0
/*
 * ->Complexity(): the least-squares fit of 1.7.1's complexity.cc over a
 * family's runs, with the same floating-point operations so that the
 * digits agree, and its _BigO and _RMS rows.
 */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

/* 1.7.1 computes log2 as kLog2E * log(n) */
static const double log2e = 1.44269504088896340736;

static double curve(enum cbench_big_o c, int64_t n)
{
	switch (c) {
	case CBENCH_O_N:
		return (double)n;
	case CBENCH_O_N_SQUARED:
		return pow((double)n, 2);
	case CBENCH_O_N_CUBED:
		return pow((double)n, 3);
	case CBENCH_O_LOG_N:
		return log2e * log((double)n);
	case CBENCH_O_N_LOG_N:
		return log2e * (double)n * log((double)n);
	default:
		return 1.0;
	}
}

const char *cb_big_o_string(enum cbench_big_o c)
{
	switch (c) {
	case CBENCH_O_N:
		return "N";
	case CBENCH_O_N_SQUARED:
		return "N^2";
	case CBENCH_O_N_CUBED:
		return "N^3";
	case CBENCH_O_LOG_N:
		return "lgN";
	case CBENCH_O_N_LOG_N:
		return "NlgN";
	case CBENCH_O_1:
		return "(1)";
	default:
		return "f(N)";
	}
}

/* MinimalLeastSq for one curve: fn, or the curve of c when fn is NULL */
static struct cb_fit fit_one(const int64_t *n, const double *t, int count,
			     enum cbench_big_o c, cbench_big_o_fn fn)
{
	double gn_squared = 0.0, sum_t = 0.0, t_gn = 0.0, rms = 0.0, mean;
	struct cb_fit r = {.complexity = c};

	for (int i = 0; i < count; i++) {
		double gn = fn ? fn(n[i]) : curve(c, n[i]);

		gn_squared += gn * gn;
		sum_t += t[i];
		t_gn += t[i] * gn;
	}
	r.coef = t_gn / gn_squared;
	for (int i = 0; i < count; i++) {
		double fit = r.coef * (fn ? fn(n[i]) : curve(c, n[i]));

		rms += pow(t[i] - fit, 2);
	}
	mean = sum_t / count;
	r.rms = sqrt(rms / count) / mean;
	return r;
}

struct cb_fit cb_fit_curve(const int64_t *n, const double *t, int count,
			   enum cbench_big_o c, cbench_big_o_fn fn)
{
	static const enum cbench_big_o tries[] = {
		CBENCH_O_LOG_N,	    CBENCH_O_N,	      CBENCH_O_N_LOG_N,
		CBENCH_O_N_SQUARED, CBENCH_O_N_CUBED,
	};
	struct cb_fit best;

	if (c == CBENCH_O_LAMBDA)
		return fit_one(n, t, count, c, fn);
	if (c != CBENCH_O_AUTO)
		return fit_one(n, t, count, c, NULL);
	best = fit_one(n, t, count, CBENCH_O_1, NULL);
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		struct cb_fit f = fit_one(n, t, count, tries[i], NULL);

		if (f.rms < best.rms)
			best = f;
	}
	return best;
}

/* ComputeBigO: runs are the family's runs without an error, in order */
int cb_compute_big_o(const struct cb_run *runs, int count,
		     const struct cb_instance *first, struct cb_run *out)
{
	const struct cbench_family *f = first->fam;
	int64_t *n;
	double *real, *cpu;
	struct cb_fit fcpu, freal;

	if (count < 2)
		return 0;
	n = cb_xmalloc(count * sizeof(*n));
	real = cb_xmalloc(count * sizeof(*real));
	cpu = cb_xmalloc(count * sizeof(*cpu));
	for (int i = 0; i < count; i++) {
		if (runs[i].complexity_n <= 0)
			cb_fatal("%s: complexity N is %lld; did you forget to "
				 "call cbench_set_complexity_n()?",
				 runs[i].run_name,
				 (long long)runs[i].complexity_n);
		n[i] = runs[i].complexity_n;
		real[i] = runs[i].real_acc / (double)runs[i].iterations;
		cpu[i] = runs[i].cpu_acc / (double)runs[i].iterations;
	}
	fcpu = cb_fit_curve(n, cpu, count, f->complexity, f->complexity_fn);
	freal = cb_fit_curve(n, real, count,
			     f->complexity == CBENCH_O_LAMBDA ? CBENCH_O_LAMBDA
							      : fcpu.complexity,
			     f->complexity_fn);
	for (int i = 0; i < 2; i++) {
		struct cb_run *d = &out[i];

		*d = (struct cb_run){
			.run_name = first->name_without_args,
			.family_index = runs[0].family_index,
			.per_family_instance_index =
				runs[0].per_family_instance_index,
			.repetitions = runs[0].repetitions,
			.repetition_index = -1,
			.threads = runs[0].threads,
			.label = runs[0].label && *runs[0].label
					 ? cb_xstrdup(runs[0].label)
					 : NULL,
			.big_o = fcpu.complexity,
		};
	}
	/* the coefficient in ns whatever the unit, as 1.7.1 leaves it */
	out[0].aggregate_name = "BigO";
	out[0].aggregate_unit = CB_AGG_TIME;
	out[0].report_big_o = true;
	out[0].real_acc = freal.coef;
	out[0].cpu_acc = fcpu.coef;
	out[0].time_unit = CBENCH_NANOSECOND;
	/* a ratio: divided here, multiplied again when reported */
	out[1].aggregate_name = "RMS";
	out[1].aggregate_unit = CB_AGG_PERCENTAGE;
	out[1].report_rms = true;
	out[1].time_unit = runs[0].time_unit;
	out[1].real_acc =
		freal.rms / cb_time_unit_multiplier(runs[0].time_unit);
	out[1].cpu_acc = fcpu.rms / cb_time_unit_multiplier(runs[0].time_unit);
	free(n);
	free(real);
	free(cpu);
	return 2;
}
