// SPDX-License-Identifier: GPL-2.0
// Google Benchmark 1.7.1 itself writes the JSON the compare test reads:
// the format check that our fixtures and libcbench only imitate.
#include <benchmark/benchmark.h>

#include <cstdlib>

static void table_creation(benchmark::State &state)
{
	long shift = std::getenv("GBENCH_EXITS_SHIFT") ? 1 : 0;

	for (auto _ : state)
		benchmark::DoNotOptimize(state.range(0) * 3);
	state.counters["exits_l0"] = benchmark::Counter(16384 >> (4 * shift));
	state.counters["oracle_mismatches"] = 0;
	state.counters["shadow_bytes"] = 67383296;
}
BENCHMARK(table_creation)->ArgName("span_gib")->Arg(64)->Arg(512);

BENCHMARK_MAIN();
