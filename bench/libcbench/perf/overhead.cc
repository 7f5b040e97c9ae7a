// SPDX-License-Identifier: GPL-2.0
// make perf: loop overhead and suite time, the Google Benchmark side.
#include <benchmark/benchmark.h>

static void BM_empty(benchmark::State &st)
{
	for (auto _ : st) {
	}
}
BENCHMARK(BM_empty);

static void BM_dno(benchmark::State &st)
{
	int64_t i = 0;
	for (auto _ : st)
		benchmark::DoNotOptimize(i++);
}
BENCHMARK(BM_dno);

static void BM_kr_empty(benchmark::State &st)
{
	while (st.KeepRunning()) {
	}
}
BENCHMARK(BM_kr_empty);

static void BM_kr_dno(benchmark::State &st)
{
	int64_t i = 0;
	while (st.KeepRunning())
		benchmark::DoNotOptimize(i++);
}
BENCHMARK(BM_kr_dno);

static void BM_work(benchmark::State &st)
{
	int64_t n = st.range(0);
	for (auto _ : st) {
		int64_t s = 0;
		for (int64_t i = 0; i < n; i++) {
			s += i * i;
			benchmark::DoNotOptimize(s);
		}
	}
}
BENCHMARK(BM_work)->Range(8, 512);

BENCHMARK_MAIN();
