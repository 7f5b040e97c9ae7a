// SPDX-License-Identifier: GPL-2.0
/* The benchmarks of fixture.cc, written against libcbench. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include <cbench.h>

static void BM_sum(cbench_state *st)
{
	int64_t n = cbench_range(st, 0), s = 0;

	while (cbench_keep_running(st)) {
		for (int64_t i = 0; i < n; i++)
			s += i;
		cbench_do_not_optimize(s);
	}
	cbench_set_items_processed(st, cbench_iterations(st) * n);
	cbench_counter(st, "faults", 3.0, CBENCH_COUNTER_AVG_ITERATIONS);
	cbench_set_label(st, "label");
}
CBENCH(BM_sum)
{
	cbench_add_range(f, 8, 512);
}

static void BM_two(cbench_state *st)
{
	CBENCH_FOR(st)
	cbench_do_not_optimize(cbench_range(st, 0) + cbench_range(st, 1));
	cbench_set_bytes_processed(st, 100);
}
CBENCH(BM_two)
{
	cbench_set_arg_names(f, "n", "m");
	cbench_add_args(f, 8, 2);
	cbench_use_real_time(f);
	cbench_set_threads(f, 2);
}

static void BM_err(cbench_state *st)
{
	cbench_skip_with_error(st, "boom \"quoted\"");
	while (cbench_keep_running(st)) {
	}
}
CBENCH(BM_err)
{
}

static int man_calls;
static void BM_man(cbench_state *st)
{
	double t = 0.001 * (1 + man_calls++ % 3);

	while (cbench_keep_running(st))
		cbench_set_iteration_time(st, t);
	cbench_counter(st, "a_rate", 1000.0 * man_calls, CBENCH_COUNTER_RATE);
	cbench_counter(st, "b_inv", 2000.0,
		       CBENCH_COUNTER_RATE | CBENCH_COUNTER_INVERT);
	cbench_counter(st, "c_inv_iter", 3.0,
		       CBENCH_COUNTER_ITERATION_INVARIANT);
	cbench_counter(st, "d_avg_iter", 5000.0 * man_calls,
		       CBENCH_COUNTER_AVG_ITERATIONS);
	cbench_counter_ex(st, "e_k1024", 3.0 * 1024 * 1024,
			  CBENCH_COUNTER_DEFAULTS, CBENCH_BASE_1024);
	cbench_counter_u64(st, "f_plain", 42, CBENCH_COUNTER_DEFAULTS);
	cbench_counter(st, "g_small", 0.000123, CBENCH_COUNTER_DEFAULTS);
	cbench_counter(st, "h_inv", 4.0, CBENCH_COUNTER_INVERT);
	cbench_counter(st, "i_inv_iter_rate", 2.0,
		       CBENCH_COUNTER_ITERATION_INVARIANT_RATE);
	cbench_counter(st, "j_avg_iter_rate", 7e6 * man_calls,
		       CBENCH_COUNTER_AVG_ITERATIONS_RATE);
	cbench_counter_ex(st, "k_k1000", 1234567.0 * man_calls,
			  CBENCH_COUNTER_AVG_THREADS, CBENCH_BASE_1000);
	cbench_counter_ex(st, "l_k1024_rate", 5e9, CBENCH_COUNTER_RATE,
			  CBENCH_BASE_1024);
	cbench_set_label(st, man_calls == 2 ? "two" : "other");
}
CBENCH(BM_man)
{
	cbench_set_iterations(f, 1000);
	cbench_use_manual_time(f);
	cbench_set_repetitions(f, 3);
}

static void BM_grid(cbench_state *st)
{
	CBENCH_FOR(st)
	cbench_do_not_optimize(cbench_range(st, 0));
}

static void BM_neg(cbench_state *st)
{
	while (cbench_keep_running(st))
		cbench_do_not_optimize(cbench_range(st, 0));
	if (getenv("FIXTURE_BAD_RANGE")) /* robustness.sh: a fatal misuse */
		cbench_do_not_optimize(cbench_range(st, 1));
}
CBENCH(BM_neg)
{
	cbench_add_range(f, -64, 64);
	cbench_set_iterations(f, 10);
}

static void BM_pause(cbench_state *st)
{
	while (cbench_keep_running(st)) {
		cbench_pause_timing(st);
		cbench_do_not_optimize(cbench_iterations(st));
		cbench_resume_timing(st);
	}
}
CBENCH(BM_pause)
{
	cbench_set_threads(f, 1);
	cbench_set_threads(f, 2);
	cbench_set_iterations(f, 100);
}

/* Manual time only: the iteration counts chosen are deterministic. */
static void BM_pred(cbench_state *st)
{
	while (cbench_keep_running(st))
		cbench_set_iteration_time(st, 3.7e-6);
}
CBENCH(BM_pred)
{
	cbench_use_manual_time(f);
}

/* Threads with manual time and fixed iterations: deterministic too. */
static void BM_tman(cbench_state *st)
{
	int t = cbench_thread_index(st);

	CBENCH_FOR(st)
	cbench_set_iteration_time(st, 1e-4 * (1 + t));
	cbench_counter(st, "avg", 10.0 * (1 + t), CBENCH_COUNTER_AVG_THREADS);
	cbench_counter(st, "sum", 1 + t, CBENCH_COUNTER_DEFAULTS);
	cbench_counter(st, "rate", 1000, CBENCH_COUNTER_AVG_THREADS_RATE);
}
CBENCH(BM_tman)
{
	cbench_set_threads(f, 1);
	cbench_set_threads(f, 3);
	cbench_set_iterations(f, 100);
	cbench_use_manual_time(f);
}

/*
 * Warm-up: the counter says how often the function ran (1.7.1 applies a
 * family's MinWarmUpTime only together with its MinTime).
 */
static int wu_calls;
static void BM_wu(cbench_state *st)
{
	wu_calls++;
	while (cbench_keep_running(st))
		cbench_set_iteration_time(st, 1e-4);
	cbench_counter(st, "calls", wu_calls, CBENCH_COUNTER_DEFAULTS);
}
CBENCH(BM_wu)
{
	cbench_use_manual_time(f);
	cbench_set_min_warmup_time(f, 0.01);
}

/* BENCHMARK(BM_wu) a second time: a second family of the same name */
__attribute__((constructor)) static void register_wu_again(void)
{
	cbench_family *f = cbench_register("BM_wu", BM_wu);

	cbench_use_manual_time(f);
	cbench_set_min_warmup_time(f, 0.01);
	cbench_set_min_time(f, 0.02);
}

/* ThreadRange and a Range whose limit is no power of the multiplier */
static void BM_tr(cbench_state *st)
{
	CBENCH_FOR(st)
	cbench_do_not_optimize(cbench_range(st, 0));
}
CBENCH(BM_tr)
{
	cbench_add_range(f, 3, 100);
	cbench_set_thread_range(f, 1, 3);
	cbench_set_iterations(f, 10);
}

/* Setup/Teardown around every run (warm-up and prediction included), Name, ArgName, ThreadPerCpu */
static int su_setups, su_teardowns, su_runs;
static void su_setup(const cbench_state *st)
{
	su_setups += 1 + 10 * (int)cbench_range(st, 0) * cbench_threads(st);
}
static void su_teardown(const cbench_state *st)
{
	su_teardowns++;
}
static void BM_su(cbench_state *st)
{
	su_runs++;
	CBENCH_FOR(st)
	cbench_set_iteration_time(st, 1e-3);
	cbench_counter(st, "runs", su_runs, CBENCH_COUNTER_DEFAULTS);
	cbench_counter(st, "setups", su_setups, CBENCH_COUNTER_DEFAULTS);
	cbench_counter(st, "teardowns", su_teardowns, CBENCH_COUNTER_DEFAULTS);
}
CBENCH(BM_su)
{
	cbench_use_manual_time(f);
	cbench_add_arg(f, 5);
	cbench_set_setup(f, su_setup);
	cbench_set_teardown(f, su_teardown);
	cbench_set_threads(f, 2);
	cbench_set_min_warmup_time(f, 0.005);
	cbench_set_min_time(f, 0.01);
	cbench_set_repetitions(f, 2);
}

__attribute__((constructor)) static void register_su_renamed(void)
{
	cbench_family *f = cbench_register("BM_su", BM_su);

	cbench_set_name(f, "su_renamed");
	cbench_set_arg_name(f, "x");
	cbench_add_arg(f, 7);
	cbench_set_thread_per_cpu(f);
	cbench_set_iterations(f, 3);
	cbench_use_manual_time(f);
	cbench_set_setup(f, su_setup);
}

/* A helper thread burns 20 ms of CPU inside the timed loop: only process CPU time sees it. */
static void *burn(void *arg)
{
	struct timespec ts;
	volatile unsigned long spin = 0;

	do {
		for (int i = 0; i < 10000; i++)
			spin++;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_sec == 0 && ts.tv_nsec < 20000000);
	return arg;
}
static void BM_proc(cbench_state *st)
{
	CBENCH_FOR(st)
	{
		pthread_t t;

		pthread_create(&t, NULL, burn, NULL);
		pthread_join(t, NULL);
	}
}
CBENCH(BM_proc)
{
	cbench_set_iterations(f, 1);
}

__attribute__((constructor)) static void register_proc_process(void)
{
	cbench_family *f = cbench_register("BM_proc", BM_proc);

	cbench_set_iterations(f, 1);
	cbench_measure_process_cpu_time(f);
	cbench_use_real_time(f);
}

/* Each call numbered: random interleaving shows in the order of the numbers. */
static int seq_calls;
static void BM_seq(cbench_state *st)
{
	int call = ++seq_calls;

	CBENCH_FOR(st)
	cbench_do_not_optimize(call);
	cbench_counter(st, "seq", call, CBENCH_COUNTER_DEFAULTS);
}
CBENCH(BM_seq)
{
	cbench_add_dense_range(f, 0, 3, 1);
	cbench_set_iterations(f, 1);
}

static void BM_crash(cbench_state *st)
{
	static int calls;
	const char *at = getenv("FIXTURE_CRASH");

	while (cbench_keep_running(st)) {
	}
	if (at && ++calls == atoi(at))
		*(volatile int *)16 =
			1; /* a segfault, not UB a sanitizer stops */
}
CBENCH(BM_crash)
{
	cbench_set_iterations(f, 10);
}

/* BM_grid is registered at run time, twice, like a table-driven suite. */
int main(int argc, char **argv)
{
	cbench_family *f;
	int ran;

	cbench_initialize(&argc, argv);
	if (cbench_report_unrecognized_arguments(argc, argv))
		return 1;
	f = cbench_register("BM_grid", BM_grid);
	cbench_set_range_multiplier(f, 2);
	cbench_add_ranges(f, 1, 8, 16, 64);
	f = cbench_register("BM_grid", BM_grid);
	cbench_add_dense_range(f, 0, 4, 2);
	cbench_set_unit(f, CBENCH_MILLISECOND);
	cbench_set_min_time(f, 0.01);
	ran = cbench_run_specified();
	cbench_shutdown();
	return ran < 0;
}
