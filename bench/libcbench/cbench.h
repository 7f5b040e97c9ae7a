/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libcbench: a Google Benchmark (1.7.1) compatible benchmark library in C.
 *
 *	#include <cbench.h>
 *
 *	static void BM_sum(cbench_state *st)
 *	{
 *		int64_t n = cbench_range(st, 0);		// state.range(0)
 *		while (cbench_keep_running(st))		// for (auto _ : state)
 *			cbench_do_not_optimize(work(n));
 *		cbench_set_items_processed(st, cbench_iterations(st) * n);
 *		cbench_counter(st, "faults", 3.0, CBENCH_COUNTER_AVG_ITERATIONS);
 *		cbench_set_label(st, "label");
 *	}
 *	CBENCH(BM_sum) { cbench_add_range(f, 8, 512); }	// BENCHMARK(BM_sum)->Range(8, 512)
 *	CBENCH_MAIN()					// BENCHMARK_MAIN()
 *
 * Every Google Benchmark call has a counterpart named in the same way:
 * State::Foo() is cbench_foo(st), Benchmark::Foo() is cbench_foo(f) (or
 * cbench_set_foo(f) / cbench_add_foo(f) where the C name needs a verb).
 * Flags, instance names, console/JSON/CSV output and statistics are those of
 * Google Benchmark 1.7.1; see docs/libcbench.md.
 */
#ifndef CBENCH_H
#define CBENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cbench_family cbench_family; /* a registered benchmark */
typedef struct cbench_state cbench_state; /* one running thread of it */
typedef void (*cbench_fn)(cbench_state *st);
/* ->Setup(fn), ->Teardown(fn): around each run, in one thread */
typedef void (*cbench_setup_fn)(const cbench_state *st);

enum cbench_time_unit {
	CBENCH_NANOSECOND,
	CBENCH_MICROSECOND,
	CBENCH_MILLISECOND,
	CBENCH_SECOND,
};

/* benchmark::Counter::Flags, same values. */
enum cbench_counter_flags {
	CBENCH_COUNTER_DEFAULTS = 0, /* the value as it is */
	CBENCH_COUNTER_RATE = 1 << 0, /* divided by the run's seconds */
	CBENCH_COUNTER_AVG_THREADS = 1 << 1, /* divided by the thread count */
	CBENCH_COUNTER_AVG_THREADS_RATE = (1 << 0) | (1 << 1),
	CBENCH_COUNTER_ITERATION_INVARIANT = 1 << 2, /* times the iterations */
	CBENCH_COUNTER_ITERATION_INVARIANT_RATE = (1 << 0) | (1 << 2),
	CBENCH_COUNTER_AVG_ITERATIONS = 1 << 3, /* divided by the iterations */
	CBENCH_COUNTER_AVG_ITERATIONS_RATE = (1 << 0) | (1 << 3),
	CBENCH_COUNTER_INVERT = 1u << 31, /* 1/value, applied last */
};

/* benchmark::Counter::OneK: the base of the k/M/G prefixes on the console. */
enum cbench_counter_base {
	CBENCH_BASE_1000 = 1000,
	CBENCH_BASE_1024 = 1024,
};

/* ---- registration -------------------------------------------------------
 *
 * CBENCH(fn) { ...configure f... } registers fn at program start, like
 * BENCHMARK(fn)->...; the block gets `cbench_family *f`.  cbench_register()
 * does the same at run time (one family per row of a table, say); it copies
 * name.  Families run in the order they were registered.
 */
cbench_family *cbench_register(const char *name, cbench_fn fn);

void cbench_add_arg(cbench_family *f, int64_t x); /* ->Arg(x) */
void cbench_add_args_n(cbench_family *f, const int64_t *args, size_t n);
/* ->Args({a, b, ...}): cbench_add_args(f, 8, 2) */
#define cbench_add_args(f, ...)                                \
	cbench_add_args_n((f), (const int64_t[]){__VA_ARGS__}, \
			  sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t))
void cbench_add_range(cbench_family *f, int64_t lo, int64_t hi); /* ->Range */
void cbench_set_range_multiplier(cbench_family *f, int mult); /* default 8 */
/* ->Ranges({{lo0, hi0}, {lo1, hi1}}): cbench_add_ranges(f, lo0, hi0, lo1, hi1) */
void cbench_add_ranges_n(cbench_family *f, const int64_t *lo_hi, size_t pairs);
#define cbench_add_ranges(f, ...)                                \
	cbench_add_ranges_n((f), (const int64_t[]){__VA_ARGS__}, \
			    sizeof((int64_t[]){__VA_ARGS__}) /   \
				    sizeof(int64_t) / 2)
/* ->DenseRange(start, limit, step) */
void cbench_add_dense_range(cbench_family *f, int64_t start, int64_t limit,
			    int64_t step);
/* ->ArgNames({"n", "m"}): cbench_set_arg_names(f, "n", "m") */
void cbench_set_arg_names_n(cbench_family *f, const char *const *names,
			    size_t n);
#define cbench_set_arg_names(f, ...)                                    \
	cbench_set_arg_names_n((f), (const char *const[]){__VA_ARGS__}, \
			       sizeof((const char *[]){__VA_ARGS__}) /  \
				       sizeof(const char *))
void cbench_set_threads(cbench_family *f, int n); /* ->Threads(n), adds */
void cbench_set_thread_range(cbench_family *f, int lo, int hi); /* doubling */
void cbench_set_repetitions(cbench_family *f, int n); /* ->Repetitions */
void cbench_set_unit(cbench_family *f, enum cbench_time_unit u); /* ->Unit */
void cbench_set_iterations(cbench_family *f, int64_t n); /* ->Iterations */
void cbench_set_min_time(cbench_family *f, double seconds); /* ->MinTime */
void cbench_set_min_warmup_time(cbench_family *f, double seconds);
void cbench_use_real_time(cbench_family *f); /* ->UseRealTime() */
void cbench_use_manual_time(cbench_family *f); /* ->UseManualTime() */
/* ->MeasureProcessCPUTime(): CPU time of the whole process, not the threads' */
void cbench_measure_process_cpu_time(cbench_family *f);
void cbench_set_report_aggregates_only(cbench_family *f, bool v);
void cbench_set_display_aggregates_only(cbench_family *f, bool v);
/* A pointer the benchmark gets back through cbench_user(st). */
void cbench_set_user(cbench_family *f, void *user);
void cbench_set_name(cbench_family *f, const char *name); /* ->Name() */
void cbench_set_arg_name(cbench_family *f, const char *name); /* ->ArgName() */
void cbench_set_thread_per_cpu(cbench_family *f); /* ->ThreadPerCpu() */
/*
 * ->Setup(fn) / ->Teardown(fn): called before and after every run of the
 * benchmark function (each try of the iteration count, the warm-up, each
 * repetition), once for all its threads; st has the arguments, the thread
 * count, thread index 0 and cbench_max_iterations() 1.
 */
void cbench_set_setup(cbench_family *f, cbench_setup_fn fn);
void cbench_set_teardown(cbench_family *f, cbench_setup_fn fn);

/*
 * BENCHMARK_CAPTURE(fn, case, args...)->...: CBENCH_CAPTURE(fn, case, ptr)
 * { ...f... } registers fn as "fn/case" with cbench_user(st) == ptr, the
 * C way of passing it arguments.
 */
#define CBENCH_CAPTURE(fn, test_case, user_ptr)                                \
	static void cbench_setup_##fn##_##test_case(cbench_family *f);         \
	__attribute__((                                                        \
		constructor)) static void cbench_ctor_##fn##_##test_case(void) \
	{                                                                      \
		cbench_family *f = cbench_register(#fn "/" #test_case, fn);    \
		cbench_set_user(f, (user_ptr));                                \
		cbench_setup_##fn##_##test_case(f);                            \
	}                                                                      \
	static void cbench_setup_##fn##_##test_case(cbench_family *f           \
						    __attribute__((unused)))
/* ClearRegisteredBenchmarks(): forget every family registered so far */
void cbench_clear_registered_benchmarks(void);

/*
 * ->ArgsProduct({{1, 2, 3}, {10, 20}}):
 * cbench_args_product(f, CBENCH_ARG_LIST(1, 2, 3), CBENCH_ARG_LIST(10, 20));
 * every combination, the first list varying fastest.
 */
struct cbench_arg_list {
	const int64_t *v;
	size_t n;
};
#define CBENCH_ARG_LIST(...)                                         \
	((struct cbench_arg_list){(const int64_t[]){__VA_ARGS__},    \
				  sizeof((int64_t[]){__VA_ARGS__}) / \
					  sizeof(int64_t)})
void cbench_args_product_n(cbench_family *f,
			   const struct cbench_arg_list *lists, size_t n);
#define cbench_args_product(f, ...)                                 \
	cbench_args_product_n(                                      \
		(f), (const struct cbench_arg_list[]){__VA_ARGS__}, \
		sizeof((struct cbench_arg_list[]){__VA_ARGS__}) /   \
			sizeof(struct cbench_arg_list))
/* ->Apply(fn): fn(f), to configure a family in code shared by several */
void cbench_apply(cbench_family *f, void (*fn)(cbench_family *f));
/* ->DenseThreadRange(lo, hi, stride): lo, lo + stride, ..., and hi */
void cbench_set_dense_thread_range(cbench_family *f, int lo, int hi,
				   int stride);

/*
 * ->Complexity(oN) and friends: after the family's last run, the rows
 * <name>_BigO (the coefficient of the fitted curve, per iteration) and
 * <name>_RMS (the normalised root mean square of the fit) of 1.7.1.  Each
 * run must say its N with cbench_set_complexity_n().  CBENCH_O_AUTO picks
 * the best fitting of the others; cbench_set_complexity_fn() fits your own
 * curve (->Complexity(lambda)).  Same order as benchmark::BigO.
 */
enum cbench_big_o {
	CBENCH_O_NONE,
	CBENCH_O_1,
	CBENCH_O_N,
	CBENCH_O_N_SQUARED,
	CBENCH_O_N_CUBED,
	CBENCH_O_LOG_N,
	CBENCH_O_N_LOG_N,
	CBENCH_O_AUTO,
	CBENCH_O_LAMBDA,
};
typedef double (*cbench_big_o_fn)(int64_t n);
void cbench_set_complexity(cbench_family *f, enum cbench_big_o c);
void cbench_set_complexity_fn(cbench_family *f, cbench_big_o_fn fn);

/*
 * ->ComputeStatistics(name, fn, unit): one more aggregate over the
 * repetitions, <name>_<stat>, after mean, median, stddev and cv.  fn gets
 * the values of the runs without an error (n >= 2).
 */
enum cbench_statistic_unit {
	CBENCH_STAT_TIME,
	CBENCH_STAT_PERCENTAGE,
};
typedef double (*cbench_statistic_fn)(const double *v, size_t n);
void cbench_compute_statistics(cbench_family *f, const char *name,
			       cbench_statistic_fn fn,
			       enum cbench_statistic_unit unit);

/*
 * Fixtures (BENCHMARK_F): setup and teardown run in every thread of every
 * run, right before and after the benchmark function, with its state (the
 * family's data from cbench_user(st), the arguments, the thread index).
 * CBENCH_F(Fix, Name) { ... } registers Fix_Name as "Fix/Name" with the
 * fixture Fix_setup / Fix_teardown (either may be NULL via
 * cbench_set_fixture).
 */
typedef void (*cbench_fixture_fn)(cbench_state *st);
void cbench_set_fixture(cbench_family *f, cbench_fixture_fn setup,
			cbench_fixture_fn teardown);
#define CBENCH_F(fixture, name)                                                \
	static void cbench_setup_##fixture##_##name(cbench_family *f);         \
	__attribute__((                                                        \
		constructor)) static void cbench_ctor_##fixture##_##name(void) \
	{                                                                      \
		cbench_family *f =                                             \
			cbench_register(#fixture "/" #name, fixture##_##name); \
		cbench_set_fixture(f, fixture##_setup, fixture##_teardown);    \
		cbench_setup_##fixture##_##name(f);                            \
	}                                                                      \
	static void cbench_setup_##fixture##_##name(cbench_family *f           \
						    __attribute__((unused)))

#define CBENCH(fn)                                                      \
	static void cbench_setup_##fn(cbench_family *f);                \
	__attribute__((constructor)) static void cbench_ctor_##fn(void) \
	{                                                               \
		cbench_setup_##fn(cbench_register(#fn, fn));            \
	}                                                               \
	static void cbench_setup_##fn(cbench_family *f __attribute__((unused)))

/* ---- the program ----------------------------------------------------------
 *
 * cbench_initialize() reads the --benchmark_* and --cbench_* flags (and the
 * BENCHMARK_* environment variables), removes them from argv and leaves the
 * rest for the program; --help prints the usage and exits 0, a malformed or
 * unknown --benchmark_* / --cbench_* flag prints an error naming it and
 * exits 1.  cbench_report_unrecognized_arguments() prints every argument
 * left in argv[1..] as an error and returns true if there was one.
 * cbench_run_specified() runs the families that pass --benchmark_filter and
 * returns how many instances it ran, or -1 after an error it reported (a
 * filter that does not compile, an unwritable --benchmark_out).
 */
void cbench_initialize(int *argc, char **argv);
bool cbench_report_unrecognized_arguments(int argc, char **argv);
void cbench_add_custom_context(const char *key, const char *value);
int cbench_run_specified(void);
/* RunSpecifiedBenchmarks(spec): with spec in place of --benchmark_filter */
int cbench_run_specified_spec(const char *spec);
/* Get/SetBenchmarkFilter(), Get/SetDefaultTimeUnit() (after initialize) */
const char *cbench_get_benchmark_filter(void);
void cbench_set_benchmark_filter(const char *filter);
enum cbench_time_unit cbench_get_default_time_unit(void);
void cbench_set_default_time_unit(enum cbench_time_unit u);

/*
 * RegisterMemoryManager(): after each repetition, the benchmark runs once
 * more, untimed, for min(16, iterations) iterations in one thread, between
 * start(user) and stop(user, result); the JSON entry then has 1.7.1's
 * allocs_per_iter (num_allocs per iteration) and max_bytes_used, and
 * total_allocated_bytes and net_heap_growth unless stop left them at
 * CBENCH_MEMORY_TOMBSTONE.  The structure must outlive the run; NULL
 * unregisters.
 */
#define CBENCH_MEMORY_TOMBSTONE INT64_MAX
struct cbench_memory_result {
	int64_t num_allocs;
	int64_t max_bytes_used;
	int64_t total_allocated_bytes;
	int64_t net_heap_growth;
};
struct cbench_memory_manager {
	void (*start)(void *user);
	void (*stop)(void *user, struct cbench_memory_result *result);
	void *user;
};
void cbench_register_memory_manager(const struct cbench_memory_manager *mm);
void cbench_shutdown(void);

#define CBENCH_MAIN()                                                 \
	int main(int argc, char **argv)                               \
	{                                                             \
		int cbench_ran_;                                      \
		cbench_initialize(&argc, argv);                       \
		if (cbench_report_unrecognized_arguments(argc, argv)) \
			return 1;                                     \
		cbench_ran_ = cbench_run_specified();                 \
		cbench_shutdown();                                    \
		return cbench_ran_ < 0;                               \
	}

/* ---- how libcbench was built ----------------------------------------------
 *
 * Besides 1.7.1's keys, the JSON context says how libcbench itself was
 * compiled.  "library_build_type" is "release" when it was compiled with
 * -DNDEBUG (the default build does), else "debug", and then the console
 * warns, both as in 1.7.1.  "sanitizers" names the sanitizers it was
 * compiled with, comma-separated ("address,undefined"), right after
 * library_build_type (and on the console as "Sanitizers:"); it is absent
 * without any.  The names are those the compiler announces (gcc: address,
 * thread; clang: also memory, undefined) and those the build of libcbench
 * gives in the macro CBENCH_SANITIZERS: gcc does not announce
 * -fsanitize=undefined, so a gcc build adds -DCBENCH_SANITIZERS='"undefined"'
 * (naming one the compiler announces too does no harm; our Makefile passes
 * the -fsanitize= list of CFLAGS_TEST).  The keys describe the library:
 * link a benchmark built with sanitizers against a libcbench built the
 * same way, as the tests link libcbench-san.a.
 */

/* ---- inside a benchmark ---------------------------------------------------*/

/* Only the fields the inlined loop needs are public; do not touch them. */
struct cbench_state {
	int64_t cb_remaining; /* iterations left in this run */
	int64_t cb_max_iterations;
	const int64_t *cb_args;
	int cb_nargs;
	int cb_thread_index;
	int cb_threads;
	bool cb_started, cb_finished, cb_error;
	void *cb_user;
	int64_t cb_batch_leftover; /* iterations the last batch went past */
};

bool cbench_keep_running_slow(cbench_state *st);
bool cbench_keep_running_batch_slow(cbench_state *st, int64_t n);

/*
 * `while (cbench_keep_running(st))` is `for (auto _ : state)`: the first call
 * starts the timer, the call after the last iteration stops it.
 */
static inline __attribute__((always_inline)) bool
cbench_keep_running(cbench_state *st)
{
	if (__builtin_expect(st->cb_remaining != 0, 1)) {
		st->cb_remaining--;
		return true;
	}
	return cbench_keep_running_slow(st);
}

/*
 * while (state.KeepRunningBatch(n)): n iterations at a time; the last batch
 * may go past the iteration count, and cbench_iterations() counts it all.
 */
static inline __attribute__((always_inline)) bool
cbench_keep_running_batch(cbench_state *st, int64_t n)
{
	if (__builtin_expect(st->cb_remaining >= n && n > 0, 1)) {
		st->cb_remaining -= n;
		return true;
	}
	return cbench_keep_running_batch_slow(st, n);
}

/*
 * CBENCH_FOR(st) { body } is `for (auto _ : state) { body }`: the iteration
 * count counts up in a local, so the loop is the same as Google Benchmark's
 * range-for (g++ and gcc delete an empty one alike), while the
 * cbench_keep_running() loop, like State::KeepRunning(), goes through
 * memory.  As with the range-for, cbench_iterations() is 0 inside the loop
 * and the count after it; after cbench_skip_with_error() inside the loop,
 * `break` (or let it run out untimed).
 */
int64_t cbench_loop_start(cbench_state *st);
bool cbench_loop_finish(cbench_state *st);
#define CBENCH_FOR(st)                                                 \
	for (int64_t cbench_n_ = cbench_loop_start(st), cbench_i_ = 0; \
	     __builtin_expect(cbench_i_ != cbench_n_, 1) ||            \
	     (cbench_loop_finish(st), false);                          \
	     cbench_i_++)

/* state.range(i); an index past the arguments is a fatal error. */
int64_t cbench_range_checked(const cbench_state *st, int i);
static inline int64_t cbench_range(const cbench_state *st, int i)
{
	if (__builtin_expect(i >= 0 && i < st->cb_nargs, 1))
		return st->cb_args[i];
	return cbench_range_checked(st, i);
}

/* state.iterations(): iterations done so far (all of them after the loop). */
static inline int64_t cbench_iterations(const cbench_state *st)
{
	if (!st->cb_started)
		return 0;
	return st->cb_max_iterations - st->cb_remaining + st->cb_batch_leftover;
}
static inline int64_t cbench_max_iterations(const cbench_state *st)
{
	return st->cb_max_iterations;
}
static inline int cbench_thread_index(const cbench_state *st)
{
	return st->cb_thread_index;
}
static inline int cbench_threads(const cbench_state *st)
{
	return st->cb_threads;
}
static inline void *cbench_user(const cbench_state *st)
{
	return st->cb_user;
}
static inline bool cbench_error_occurred(const cbench_state *st)
{
	return st->cb_error;
}

void cbench_pause_timing(cbench_state *st);
void cbench_resume_timing(cbench_state *st);
/* With cbench_use_manual_time(): the time of this iteration, in seconds. */
void cbench_set_iteration_time(cbench_state *st, double seconds);
/* Marks the run failed; leave the loop (it returns false from now on). */
void cbench_skip_with_error(cbench_state *st, const char *msg);
void cbench_set_label(cbench_state *st, const char *label);
/* "bytes_per_second" (base 1024) and "items_per_second" (base 1000). */
void cbench_set_bytes_processed(cbench_state *st, int64_t bytes);
void cbench_set_items_processed(cbench_state *st, int64_t items);
/* state.SetComplexityN(n): the N of this run for ->Complexity() */
void cbench_set_complexity_n(cbench_state *st, int64_t n);

/*
 * state.counters[name] = Counter(value, flags): sets (replaces) a counter;
 * with CBENCH_COUNTER_DEFAULTS the value is reported as it is.  The _ex
 * form also takes the base; cbench_counter_add() adds to the counter's
 * value (creating it with the given flags), for totals counted in pieces,
 * and the _u64 form takes an integer count.  Threads' counters are summed.
 */
void cbench_counter(cbench_state *st, const char *name, double value,
		    unsigned flags);
void cbench_counter_ex(cbench_state *st, const char *name, double value,
		       unsigned flags, enum cbench_counter_base base);
void cbench_counter_add(cbench_state *st, const char *name, double value,
			unsigned flags);
static inline void cbench_counter_u64(cbench_state *st, const char *name,
				      uint64_t value, unsigned flags)
{
	cbench_counter(st, name, (double)value, flags);
}

/*
 * benchmark::DoNotOptimize(value): the value counts as used, so the code
 * computing it stays, and, as in Google Benchmark, memory is clobbered.
 * Any expression: an array is passed as its address, so with the clobber
 * its contents count as used too.  cbench_clobber_memory() is
 * benchmark::ClobberMemory().
 */
#ifdef __cplusplus
#define CBENCH_AUTO_ auto
#else
#define CBENCH_AUTO_ __auto_type
#endif
#define cbench_do_not_optimize(x)                                     \
	do {                                                          \
		CBENCH_AUTO_ cbench_v_ = (x);                         \
		__asm__ volatile("" : : "r,m"(cbench_v_) : "memory"); \
	} while (0)
static inline __attribute__((always_inline)) void cbench_clobber_memory(void)
{
	__asm__ volatile("" : : : "memory");
}

#ifdef __cplusplus
}
#endif

#endif /* CBENCH_H */
