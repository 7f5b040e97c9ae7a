// SPDX-License-Identifier: GPL-2.0
/*
 * cbench-example: a small suite showing libcbench the way a Google
 * Benchmark user writes one: ranges, argument sets, threads, counters,
 * labels, manual time, a fixture with its complexity, and a family
 * registered at run time from a table.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cbench.h>

/* memcpy throughput over sizes 8 B .. 64 KiB (Range, bytes counter) */
static void BM_memcpy(cbench_state *st)
{
	int64_t n = cbench_range(st, 0);
	char *src = malloc(n), *dst = malloc(n);

	memset(src, 'x', n);
	while (cbench_keep_running(st)) {
		memcpy(dst, src, n);
		cbench_clobber_memory();
	}
	cbench_set_bytes_processed(st, cbench_iterations(st) * n);
	free(src);
	free(dst);
}
CBENCH(BM_memcpy)
{
	cbench_add_range(f, 8, 64 << 10);
}

/* sorting: two named arguments (Args, ArgNames, items counter, label) */
static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void BM_qsort(cbench_state *st)
{
	int64_t n = cbench_range(st, 0), sorted = cbench_range(st, 1);
	int *v = malloc(n * sizeof(int));
	unsigned seed = 1;

	while (cbench_keep_running(st)) {
		cbench_pause_timing(st);
		for (int64_t i = 0; i < n; i++)
			v[i] = sorted ? (int)i : (int)(rand_r(&seed) % 1000);
		cbench_resume_timing(st);
		qsort(v, n, sizeof(int), cmp_int);
		cbench_do_not_optimize(v[0]);
	}
	cbench_set_items_processed(st, cbench_iterations(st) * n);
	cbench_set_label(st, sorted ? "presorted" : "random");
	free(v);
}
CBENCH(BM_qsort)
{
	cbench_set_arg_names(f, "n", "sorted");
	cbench_add_args(f, 1024, 0);
	cbench_add_args(f, 1024, 1);
	cbench_set_unit(f, CBENCH_MICROSECOND);
}

/* a shared atomic counter under contention (Threads, per-thread counters) */
static atomic_long shared_counter;

static void BM_atomic_inc(cbench_state *st)
{
	long mine = 0;

	while (cbench_keep_running(st)) {
		atomic_fetch_add_explicit(&shared_counter, 1,
					  memory_order_relaxed);
		mine++;
	}
	cbench_counter(st, "incs", (double)mine, CBENCH_COUNTER_RATE);
	cbench_counter(st, "per_thread", (double)mine,
		       CBENCH_COUNTER_AVG_THREADS);
}
CBENCH(BM_atomic_inc)
{
	cbench_set_threads(f, 1);
	cbench_set_threads(f, 2);
	cbench_use_real_time(f);
}

/* a timed section measured by the benchmark itself (manual time) */
static void BM_nanosleep(cbench_state *st)
{
	struct timespec req = {0, cbench_range(st, 0) * 1000};

	while (cbench_keep_running(st)) {
		struct timespec a, b;

		clock_gettime(CLOCK_MONOTONIC, &a);
		nanosleep(&req, NULL);
		clock_gettime(CLOCK_MONOTONIC, &b);
		cbench_set_iteration_time(
			st,
			(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9);
	}
	cbench_counter(st, "requested_us", (double)cbench_range(st, 0),
		       CBENCH_COUNTER_DEFAULTS);
}
CBENCH(BM_nanosleep)
{
	cbench_add_arg(f, 50);
	cbench_use_manual_time(f);
	cbench_set_iterations(f, 200);
	cbench_set_unit(f, CBENCH_MICROSECOND);
}

/*
 * a fixture (BENCHMARK_F) around a linear scan, and its complexity
 * (->Complexity(oN)): Scan/Sum/1024 .. Scan/Sum/65536, then the fitted
 * Scan/Sum_BigO and Scan/Sum_RMS rows
 */
struct scan {
	int64_t *v;
	int64_t n;
};
static struct scan scan_data;

static void Scan_setup(cbench_state *st)
{
	struct scan *s = cbench_user(st);

	s->n = cbench_range(st, 0);
	s->v = malloc(s->n * sizeof(*s->v));
	for (int64_t i = 0; i < s->n; i++)
		s->v[i] = i;
}

static void Scan_teardown(cbench_state *st)
{
	struct scan *s = cbench_user(st);

	free(s->v);
	s->v = NULL;
}

static void Scan_Sum(cbench_state *st)
{
	const struct scan *s = cbench_user(st);

	CBENCH_FOR(st)
	{
		int64_t sum = 0;

		for (int64_t i = 0; i < s->n; i++)
			sum += s->v[i];
		cbench_do_not_optimize(sum);
	}
	cbench_set_complexity_n(st, s->n);
}
CBENCH_F(Scan, Sum)
{
	cbench_set_user(f, &scan_data);
	cbench_set_range_multiplier(f, 4);
	cbench_add_range(f, 1 << 10, 1 << 16);
	cbench_set_complexity(f, CBENCH_O_N);
}

/* families made at run time from a table, one per row (cbench_register) */
struct scenario {
	const char *name;
	size_t stride;
};

static const struct scenario scenarios[] = {
	{"BM_walk/seq", 64},
	{"BM_walk/page", 4096},
};

static void BM_walk(cbench_state *st)
{
	const struct scenario *sc = cbench_user(st);
	size_t size = 4 << 20;
	volatile char *buf = calloc(size, 1);
	size_t pos = 0;

	CBENCH_FOR(st)
	{ /* for (auto _ : state) */
		buf[pos]++;
		pos = (pos + sc->stride) % size;
	}
	cbench_counter(st, "stride", (double)sc->stride,
		       CBENCH_COUNTER_DEFAULTS);
	free((void *)buf);
}

int main(int argc, char **argv)
{
	int ran;

	cbench_initialize(&argc, argv);
	if (cbench_report_unrecognized_arguments(argc, argv))
		return 1;
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		cbench_set_user(cbench_register(scenarios[i].name, BM_walk),
				(void *)&scenarios[i]);
	cbench_add_custom_context("suite", "cbench-example");
	ran = cbench_run_specified();
	cbench_shutdown();
	return ran < 0;
}
