// SPDX-License-Identifier: GPL-2.0
/* The benchmarks of features.cc, written against libcbench. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cbench.h>

/* Manual time t(n) = f(n) * 1e-7 s (+2% on some n): deterministic fits. */
static double wobble(int64_t n)
{
	return n % 3 == 1 ? 1.02 : 1.0;
}

#define CPLX(name, expr)                                                \
	static void name(cbench_state *st)                              \
	{                                                               \
		double n = (double)cbench_range(st, 0);                 \
		CBENCH_FOR(st)                                          \
		cbench_set_iteration_time(                              \
			st, (expr)*1e-7 * wobble(cbench_range(st, 0))); \
		cbench_set_complexity_n(st, cbench_range(st, 0));       \
	}
CPLX(BM_cN, n)
CPLX(BM_cN2, n *n)
CPLX(BM_cN3, n *n *n)
CPLX(BM_cLogN, log2(n))
CPLX(BM_cNLogN, n *log2(n))
CPLX(BM_c1, 1.0 + 0 * n)
CPLX(BM_cLambda, sqrt(n))
CPLX(BM_cRep, n)

static void BM_cAuto(cbench_state *st)
{
	int64_t n = cbench_range(st, 0);

	CBENCH_FOR(st)
	{
		for (int64_t i = 0; i < 300 * n * n; i++)
			cbench_do_not_optimize(i);
		cbench_set_iteration_time(st, (double)(n * n) * 1e-7);
	}
	cbench_set_complexity_n(st, n);
}

static double sqrt_curve(int64_t n)
{
	return sqrt((double)n);
}

static void cplx_family(cbench_family *f)
{
	cbench_set_range_multiplier(f, 2);
	cbench_add_range(f, 1 << 2, 1 << 7);
	cbench_set_iterations(f, 10);
	cbench_use_manual_time(f);
}

CBENCH(BM_cN)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_N);
}
CBENCH(BM_cN2)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_N_SQUARED);
}
CBENCH(BM_cN3)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_N_CUBED);
}
CBENCH(BM_cLogN)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_LOG_N);
}
CBENCH(BM_cNLogN)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_N_LOG_N);
}
CBENCH(BM_c1)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_1);
}
CBENCH(BM_cAuto)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity(f, CBENCH_O_AUTO);
}
CBENCH(BM_cLambda)
{
	cbench_apply(f, cplx_family);
	cbench_set_complexity_fn(f, sqrt_curve);
}
/* with repetitions and microseconds: the fit over every repetition */
CBENCH(BM_cRep)
{
	cbench_add_dense_range(f, 10, 30, 10);
	cbench_set_iterations(f, 5);
	cbench_use_manual_time(f);
	cbench_set_repetitions(f, 2);
	cbench_set_unit(f, CBENCH_MICROSECOND);
	cbench_set_complexity(f, CBENCH_O_N);
}

/* BENCHMARK_CAPTURE: arguments through the user pointer */
static void BM_cap(cbench_state *st)
{
	const int *v = cbench_user(st);

	CBENCH_FOR(st);
	cbench_counter(st, "v", *v, CBENCH_COUNTER_DEFAULTS);
}
static const int two = 2, three = 3;
CBENCH_CAPTURE(BM_cap, two, (void *)&two)
{
	cbench_set_iterations(f, 1);
}
CBENCH_CAPTURE(BM_cap, three, (void *)&three)
{
	cbench_set_iterations(f, 1);
}

/* Custom statistics next to mean, median, stddev and cv. */
static int stat_calls;
static void BM_stat(cbench_state *st)
{
	double t = 1e-3 * (1 + stat_calls++ % 4);

	CBENCH_FOR(st)
	cbench_set_iteration_time(st, t);
	cbench_counter(st, "c", 10.0 * stat_calls, CBENCH_COUNTER_DEFAULTS);
}
static double max_of(const double *v, size_t n)
{
	double m = v[0];

	for (size_t i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}
static double spread(const double *v, size_t n)
{
	double lo = v[0];

	for (size_t i = 1; i < n; i++)
		lo = v[i] < lo ? v[i] : lo;
	return (max_of(v, n) - lo) / max_of(v, n);
}
CBENCH(BM_stat)
{
	cbench_set_iterations(f, 100);
	cbench_use_manual_time(f);
	cbench_set_repetitions(f, 4);
	cbench_compute_statistics(f, "max", max_of, CBENCH_STAT_TIME);
	cbench_compute_statistics(f, "spread", spread, CBENCH_STAT_PERCENTAGE);
}

/* ArgsProduct, Apply, DenseThreadRange */
static void BM_prod(cbench_state *st)
{
	CBENCH_FOR(st)
	cbench_do_not_optimize(cbench_range(st, 0) * cbench_range(st, 1));
}
CBENCH(BM_prod)
{
	cbench_args_product(f, CBENCH_ARG_LIST(1, 2, 3),
			    CBENCH_ARG_LIST(10, 20));
	cbench_set_iterations(f, 2);
}
static void custom_args(cbench_family *f)
{
	for (int i = 1; i <= 4; i *= 2)
		cbench_add_args(f, i, 100 / i);
}
__attribute__((constructor)) static void register_prod_apply(void)
{
	cbench_family *f = cbench_register("BM_prod", BM_prod);

	cbench_apply(f, custom_args);
	cbench_set_iterations(f, 2);
}
static void BM_dtr(cbench_state *st)
{
	int a[4] = {0};

	CBENCH_FOR(st)
	cbench_do_not_optimize(a); /* an array: any lvalue */
	cbench_clobber_memory();
}
CBENCH(BM_dtr)
{
	cbench_set_dense_thread_range(f, 1, 4, 2);
	cbench_set_iterations(f, 2);
}

/* keep_running_batch: 10 iterations asked for, batches of 3 (12 done) and 5 (10) */
static void BM_batch(cbench_state *st)
{
	int64_t batches = 0;

	while (cbench_keep_running_batch(st, cbench_range(st, 0)))
		batches++;
	cbench_counter(st, "batches", (double)batches, CBENCH_COUNTER_DEFAULTS);
	cbench_counter(st, "seen", (double)cbench_iterations(st),
		       CBENCH_COUNTER_DEFAULTS);
}
CBENCH(BM_batch)
{
	cbench_add_arg(f, 3);
	cbench_add_arg(f, 5);
	cbench_set_iterations(f, 10);
}

/* A fixture: setup and teardown around the function, in every thread */
struct fix {
	int setups, teardowns;
	int64_t base;
};
static struct fix fix_data;
static void Fix_setup(cbench_state *st)
{
	struct fix *x = cbench_user(st);

	__atomic_add_fetch(&x->setups, 1, __ATOMIC_SEQ_CST);
	if (cbench_thread_index(st) == 0)
		x->base = 100 * cbench_range(st, 0);
}
static void Fix_teardown(cbench_state *st)
{
	struct fix *x = cbench_user(st);

	__atomic_add_fetch(&x->teardowns, 1, __ATOMIC_SEQ_CST);
}
static void Fix_Run(cbench_state *st)
{
	struct fix *x = cbench_user(st);

	CBENCH_FOR(st)
	cbench_do_not_optimize(x->base);
	cbench_counter(st, "base", (double)x->base, CBENCH_COUNTER_AVG_THREADS);
	cbench_counter(st, "setups",
		       __atomic_load_n(&x->setups, __ATOMIC_SEQ_CST),
		       CBENCH_COUNTER_AVG_THREADS);
	cbench_counter(st, "teardowns",
		       __atomic_load_n(&x->teardowns, __ATOMIC_SEQ_CST),
		       CBENCH_COUNTER_AVG_THREADS);
}
CBENCH_F(Fix, Run)
{
	cbench_set_user(f, &fix_data);
	cbench_add_arg(f, 4);
	cbench_set_threads(f, 1);
	cbench_set_threads(f, 2);
	cbench_set_iterations(f, 3);
}

/* DISABLED_: registered, listed nowhere, never run */
static void DISABLED_BM_off(cbench_state *st)
{
	CBENCH_FOR(st);
}
CBENCH(DISABLED_BM_off)
{
}
static void BM_after_off(cbench_state *st)
{
	CBENCH_FOR(st);
	cbench_set_label(st, "tab\there \"q\" back\\slash\nnl\r\b\f");
}
CBENCH(BM_after_off)
{
	cbench_set_iterations(f, 1);
}

/* Pause/Resume outside the loop: 1.7.1's check fires */
static void BM_misuse(cbench_state *st)
{
	const char *m = getenv("FEATURES_MISUSE");

	if (m && !strcmp(m, "pause"))
		cbench_pause_timing(st);
	CBENCH_FOR(st)
	{
		if (m && !strcmp(m, "pause2")) {
			cbench_pause_timing(st);
			cbench_pause_timing(st);
		}
	}
	if (m && !strcmp(m, "resume"))
		cbench_resume_timing(st);
}
CBENCH(BM_misuse)
{
	cbench_set_iterations(f, 1);
}

/* A memory manager with fixed numbers (FEATURES_MEMORY=1) */
static int memory_starts;
static void fake_start(void *user)
{
	(*(int *)user)++;
}
static void fake_stop(void *user, struct cbench_memory_result *r)
{
	int starts = *(int *)user;

	r->num_allocs = 48;
	r->max_bytes_used = 4096 * starts;
	if (starts > 1)
		r->total_allocated_bytes = 10000;
	if (starts > 2)
		r->net_heap_growth = -5;
}
static const struct cbench_memory_manager fake_memory = {
	fake_start,
	fake_stop,
	&memory_starts,
};

__attribute__((constructor)) static void register_fake_memory(void)
{
	if (getenv("FEATURES_MEMORY"))
		cbench_register_memory_manager(&fake_memory);
}

CBENCH_MAIN()
