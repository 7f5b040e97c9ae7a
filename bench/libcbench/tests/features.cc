// SPDX-License-Identifier: GPL-2.0
// The reference: features.c's benchmarks against Google Benchmark 1.7.1.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>

// Manual time t(n) = f(n) * 1e-7 s (+2% on every third n): deterministic fits.
static double wobble(int64_t n)
{
	return n % 3 == 1 ? 1.02 : 1.0;
}

#define CPLX(name, expr)                                                   \
	static void name(benchmark::State &st)                             \
	{                                                                  \
		double n = (double)st.range(0);                            \
		for (auto _ : st)                                          \
			st.SetIterationTime((expr) * 1e-7 * wobble(st.range(0))); \
		st.SetComplexityN(st.range(0));                            \
	}
CPLX(BM_cN, n)
CPLX(BM_cN2, n * n)
CPLX(BM_cN3, n * n * n)
CPLX(BM_cLogN, std::log2(n))
CPLX(BM_cNLogN, n * std::log2(n))
CPLX(BM_c1, 1.0 + 0 * n)
static void BM_cAuto(benchmark::State &st)
{
	int64_t n = st.range(0);
	for (auto _ : st) {
		for (int64_t i = 0; i < 300 * n * n; i++)
			benchmark::DoNotOptimize(i);
		st.SetIterationTime((double)(n * n) * 1e-7);
	}
	st.SetComplexityN(n);
}
CPLX(BM_cLambda, std::sqrt(n))

#define CPLX_FAMILY(fn) \
	BENCHMARK(fn)->RangeMultiplier(2)->Range(1 << 2, 1 << 7)->Iterations(10)->UseManualTime()
CPLX_FAMILY(BM_cN)->Complexity(benchmark::oN);
CPLX_FAMILY(BM_cN2)->Complexity(benchmark::oNSquared);
CPLX_FAMILY(BM_cN3)->Complexity(benchmark::oNCubed);
CPLX_FAMILY(BM_cLogN)->Complexity(benchmark::oLogN);
CPLX_FAMILY(BM_cNLogN)->Complexity(benchmark::oNLogN);
CPLX_FAMILY(BM_c1)->Complexity(benchmark::o1);
CPLX_FAMILY(BM_cAuto)->Complexity();
CPLX_FAMILY(BM_cLambda)->Complexity([](benchmark::IterationCount n) { return std::sqrt((double)n); });
// with repetitions, a label and microseconds: the fit over every repetition
CPLX(BM_cRep, n)
BENCHMARK(BM_cRep)->DenseRange(10, 30, 10)->Iterations(5)->UseManualTime()->Repetitions(2)
	->Unit(benchmark::kMicrosecond)->Complexity(benchmark::oN);

// BENCHMARK_CAPTURE
static void BM_cap(benchmark::State &st, int v)
{
	for (auto _ : st) {
	}
	st.counters["v"] = v;
}
BENCHMARK_CAPTURE(BM_cap, two, 2)->Iterations(1);
BENCHMARK_CAPTURE(BM_cap, three, 3)->Iterations(1);

// Custom statistics next to mean, median, stddev and cv.
static int stat_calls;
static void BM_stat(benchmark::State &st)
{
	double t = 1e-3 * (1 + stat_calls++ % 4);
	for (auto _ : st)
		st.SetIterationTime(t);
	st.counters["c"] = benchmark::Counter(10.0 * stat_calls);
}
static double max_of(const std::vector<double> &v)
{
	return *std::max_element(v.begin(), v.end());
}
static double spread(const std::vector<double> &v)
{
	return (max_of(v) - *std::min_element(v.begin(), v.end())) / max_of(v);
}
BENCHMARK(BM_stat)->Iterations(100)->UseManualTime()->Repetitions(4)
	->ComputeStatistics("max", max_of)
	->ComputeStatistics("spread", spread, benchmark::StatisticUnit::kPercentage);

// ArgsProduct, Apply, DenseThreadRange
static void BM_prod(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::DoNotOptimize(st.range(0) * st.range(1));
}
BENCHMARK(BM_prod)->ArgsProduct({ { 1, 2, 3 }, { 10, 20 } })->Iterations(2);
static void custom_args(benchmark::internal::Benchmark *b)
{
	for (int i = 1; i <= 4; i *= 2)
		b->Args({ i, 100 / i });
}
BENCHMARK(BM_prod)->Apply(custom_args)->Iterations(2);
static void BM_dtr(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::ClobberMemory();
}
BENCHMARK(BM_dtr)->DenseThreadRange(1, 4, 2)->Iterations(2);

// KeepRunningBatch: 10 iterations asked for, batches of 3 (12 done) and 5 (10)
static void BM_batch(benchmark::State &st)
{
	int64_t batches = 0;
	while (st.KeepRunningBatch(st.range(0)))
		batches++;
	st.counters["batches"] = (double)batches;
	st.counters["seen"] = (double)st.iterations();
}
BENCHMARK(BM_batch)->Arg(3)->Arg(5)->Iterations(10);

// A fixture: SetUp and TearDown around the function, in every thread
class Fix : public benchmark::Fixture {
public:
	std::atomic<int> setups{ 0 }, teardowns{ 0 };
	int64_t base = 0;
	void SetUp(benchmark::State &st) override
	{
		setups++;
		if (st.thread_index() == 0)
			base = 100 * st.range(0);
	}
	void TearDown(benchmark::State &st) override
	{
		teardowns++;
	}
};
BENCHMARK_DEFINE_F(Fix, Run)(benchmark::State &st)
{
	for (auto _ : st)
		benchmark::DoNotOptimize(base);
	st.counters["base"] = benchmark::Counter((double)base, benchmark::Counter::kAvgThreads);
	st.counters["setups"] = benchmark::Counter(setups.load(), benchmark::Counter::kAvgThreads);
	st.counters["teardowns"] = benchmark::Counter(teardowns.load(), benchmark::Counter::kAvgThreads);
}
BENCHMARK_REGISTER_F(Fix, Run)->Arg(4)->Threads(1)->Threads(2)->Iterations(3);

// DISABLED_: registered, listed nowhere, never run
static void DISABLED_BM_off(benchmark::State &st)
{
	for (auto _ : st) {
	}
}
BENCHMARK(DISABLED_BM_off);
static void BM_after_off(benchmark::State &st)
{
	for (auto _ : st) {
	}
	st.SetLabel("tab\there \"q\" back\\slash\nnl\r\b\f");
}
BENCHMARK(BM_after_off)->Iterations(1);

// Pause/Resume outside the loop: 1.7.1's check fires
static void BM_misuse(benchmark::State &st)
{
	const char *m = std::getenv("FEATURES_MISUSE");
	if (m && !std::strcmp(m, "pause"))
		st.PauseTiming();
	for (auto _ : st) {
		if (m && !std::strcmp(m, "pause2")) {
			st.PauseTiming();
			st.PauseTiming();
		}
	}
	if (m && !std::strcmp(m, "resume"))
		st.ResumeTiming();
}
BENCHMARK(BM_misuse)->Iterations(1);

// A memory manager with fixed numbers (FEATURES_MEMORY=1)
class FakeMemory : public benchmark::MemoryManager {
public:
	int starts = 0;
	void Start() override
	{
		starts++;
	}
	void Stop(Result *r) override
	{
		r->num_allocs = 48;
		r->max_bytes_used = 4096 * starts;
		if (starts > 1)
			r->total_allocated_bytes = 10000;
		if (starts > 2)
			r->net_heap_growth = -5;
	}
};
static FakeMemory fake_memory;
static struct RegisterFakeMemory {
	RegisterFakeMemory()
	{
		if (std::getenv("FEATURES_MEMORY"))
			benchmark::RegisterMemoryManager(&fake_memory);
	}
} register_fake_memory;

BENCHMARK_MAIN();
