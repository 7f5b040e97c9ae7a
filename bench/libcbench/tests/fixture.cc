// SPDX-License-Identifier: GPL-2.0
// The reference: fixture.c's benchmarks against Google Benchmark 1.7.1.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <ctime>
#include <pthread.h>

static void BM_sum(benchmark::State &st)
{
	int64_t n = st.range(0), s = 0;
	for (auto _ : st) {
		for (int64_t i = 0; i < n; i++)
			s += i;
		benchmark::DoNotOptimize(s);
	}
	st.SetItemsProcessed(st.iterations() * n);
	st.counters["faults"] = benchmark::Counter(3.0, benchmark::Counter::kAvgIterations);
	st.SetLabel("label");
}
BENCHMARK(BM_sum)->Range(8, 512);

static void BM_two(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::DoNotOptimize(st.range(0) + st.range(1));
	st.SetBytesProcessed(100);
}
BENCHMARK(BM_two)->ArgNames({ "n", "m" })->Args({ 8, 2 })->UseRealTime()->Threads(2);

static void BM_err(benchmark::State &st)
{
	st.SkipWithError("boom \"quoted\"");
	for (auto _ : st) {
	}
}
BENCHMARK(BM_err);

static int man_calls;
static void BM_man(benchmark::State &st)
{
	double t = 0.001 * (1 + man_calls++ % 3);
	for (auto _ : st)
		st.SetIterationTime(t);
	using C = benchmark::Counter;
	st.counters["a_rate"] = C(1000.0 * man_calls, C::kIsRate);
	st.counters["b_inv"] = C(2000.0, C::kIsRate | C::kInvert);
	st.counters["c_inv_iter"] = C(3.0, C::kIsIterationInvariant);
	st.counters["d_avg_iter"] = C(5000.0 * man_calls, C::kAvgIterations);
	st.counters["e_k1024"] = C(3.0 * 1024 * 1024, C::kDefaults, C::kIs1024);
	st.counters["f_plain"] = 42;
	st.counters["g_small"] = 0.000123;
	st.counters["h_inv"] = C(4.0, C::kInvert);
	st.counters["i_inv_iter_rate"] = C(2.0, C::kIsIterationInvariantRate);
	st.counters["j_avg_iter_rate"] = C(7e6 * man_calls, C::kAvgIterationsRate);
	st.counters["k_k1000"] = C(1234567.0 * man_calls, C::kAvgThreads, C::kIs1000);
	st.counters["l_k1024_rate"] = C(5e9, C::kIsRate, C::kIs1024);
	st.SetLabel(man_calls == 2 ? "two" : "other");
}
BENCHMARK(BM_man)->Iterations(1000)->UseManualTime()->Repetitions(3);

static void BM_grid(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::DoNotOptimize(st.range(0));
}

static void BM_neg(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::DoNotOptimize(st.range(0));
}
BENCHMARK(BM_neg)->Range(-64, 64)->Iterations(10);

static void BM_pause(benchmark::State &st)
{
	for (auto _ : st) {
		st.PauseTiming();
		benchmark::DoNotOptimize(st.iterations());
		st.ResumeTiming();
	}
}
BENCHMARK(BM_pause)->Threads(1)->Threads(2)->Iterations(100);

// Manual time only: the iteration counts chosen are deterministic.
static void BM_pred(benchmark::State &st)
{
	for (auto _ : st)
		st.SetIterationTime(3.7e-6);
}
BENCHMARK(BM_pred)->UseManualTime();

// Threads with manual time and fixed iterations: deterministic too.
static void BM_tman(benchmark::State &st)
{
	for (auto _ : st)
		st.SetIterationTime(1e-4 * (1 + st.thread_index()));
	using C = benchmark::Counter;
	st.counters["avg"] = C(10.0 * (1 + st.thread_index()), C::kAvgThreads);
	st.counters["sum"] = 1 + st.thread_index();
	st.counters["rate"] = C(1000, C::kAvgThreadsRate);
}
BENCHMARK(BM_tman)->Threads(1)->Threads(3)->Iterations(100)->UseManualTime();

// Warm-up: the counter says how often the function ran (1.7.1 applies a
// family's MinWarmUpTime only together with its MinTime).
static int wu_calls;
static void BM_wu(benchmark::State &st)
{
	wu_calls++;
	for (auto _ : st)
		st.SetIterationTime(1e-4);
	st.counters["calls"] = wu_calls;
}
BENCHMARK(BM_wu)->UseManualTime()->MinWarmUpTime(0.01);
BENCHMARK(BM_wu)->UseManualTime()->MinWarmUpTime(0.01)->MinTime(0.02);

// ThreadRange and a Range whose limit is no power of the multiplier
static void BM_tr(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::DoNotOptimize(st.range(0));
}
BENCHMARK(BM_tr)->Range(3, 100)->ThreadRange(1, 3)->Iterations(10);

// Setup/Teardown around every run (warm-up and prediction included), Name, ArgName, ThreadPerCpu
static int su_setups, su_teardowns, su_runs;
static void su_setup(const benchmark::State &st)
{
	su_setups += 1 + 10 * (int)st.range(0) * st.threads();
}
static void su_teardown(const benchmark::State &)
{
	su_teardowns++;
}
static void BM_su(benchmark::State &st)
{
	su_runs++;
	for (auto _ : st)
		st.SetIterationTime(1e-3);
	st.counters["runs"] = su_runs;
	st.counters["setups"] = su_setups;
	st.counters["teardowns"] = su_teardowns;
}
BENCHMARK(BM_su)->UseManualTime()->Arg(5)->Setup(su_setup)->Teardown(su_teardown)->Threads(2)->MinWarmUpTime(0.005)->MinTime(0.01)->Repetitions(2);
BENCHMARK(BM_su)->Name("su_renamed")->ArgName("x")->Arg(7)->ThreadPerCpu()->Iterations(3)->UseManualTime()->Setup(su_setup);

// A helper thread burns 20 ms of CPU inside the timed loop: only process CPU time sees it.
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
static void BM_proc(benchmark::State &st)
{
	for (auto _ : st) {
		pthread_t t;
		pthread_create(&t, NULL, burn, NULL);
		pthread_join(t, NULL);
	}
}
BENCHMARK(BM_proc)->Iterations(1);
BENCHMARK(BM_proc)->Iterations(1)->MeasureProcessCPUTime()->UseRealTime();

// Each call numbered: random interleaving shows in the order of the numbers.
static int seq_calls;
static void BM_seq(benchmark::State &st)
{
	int call = ++seq_calls;
	for (auto _ : st)
		benchmark::DoNotOptimize(call);
	st.counters["seq"] = call;
}
BENCHMARK(BM_seq)->DenseRange(0, 3, 1)->Iterations(1);

static void BM_crash(benchmark::State &st)
{
	static int calls;
	const char *at = getenv("FIXTURE_CRASH");
	for (auto _ : st) {
	}
	if (at && ++calls == atoi(at))
		*(volatile int *)16 = 1; /* a segfault, not UB a sanitizer stops */
}
BENCHMARK(BM_crash)->Iterations(10);

// Last, as fixture.c registers them at run time from main().
BENCHMARK(BM_grid)->RangeMultiplier(2)->Ranges({ { 1, 8 }, { 16, 64 } });
BENCHMARK(BM_grid)->DenseRange(0, 4, 2)->Unit(benchmark::kMillisecond)->MinTime(0.01);

BENCHMARK_MAIN();
