// SPDX-License-Identifier: GPL-2.0
// merge-ref: Google Benchmark 1.7.1 itself as the reference for
// gmapbench-merge (merge.sh). The manual times are multiples of 2^-10 s and
// the unit is s, so a repetition's times come back exactly from its JSON
// row, and the merged aggregates can be compared digit for digit:
//   BM_a, BM_b   4 iterations each (a power of two: the CPU times round-trip
//                too); BM_a/3 fails its second repetition, BM_a/2 has a
//                label that differs between repetitions
//   BM_auto      the iteration count Google Benchmark predicts from the
//                time, which differs from round to round
// MERGE_REF_ROUND=k numbers the repetitions from k (default 1): one round
// of a night, run as its own process.
#include <benchmark/benchmark.h>

#include <cstdlib>

static int first_round = 1;
static int calls[8];

static void BM_ref(benchmark::State &st)
{
	int id = (int)st.range(0);
	int k = first_round + calls[id]++;
	double t = (k * k + 3 * id + 5) / 1024.0;

	if (id == 3 && k == 2)
		st.SkipWithError("round two fails");
	for (auto _ : st)
		st.SetIterationTime(t);
	st.counters["plain"] = 10 * k + id;
	st.counters["zero"] = 0;
	st.counters["rate"] =
		benchmark::Counter(1000.0 * k, benchmark::Counter::kIsRate);
	if (id == 2)
		st.SetLabel(k == 2 ? "two" : "other");
	else
		st.SetLabel("same");
}

int main(int argc, char **argv)
{
	const char *r = getenv("MERGE_REF_ROUND");

	if (r)
		first_round = atoi(r);
	benchmark::RegisterBenchmark("BM_a", BM_ref)
		->Arg(1)
		->Arg(2)
		->Arg(3)
		->Iterations(4)
		->UseManualTime()
		->Unit(benchmark::kSecond);
	benchmark::RegisterBenchmark("BM_b", BM_ref)
		->Arg(4)
		->Iterations(4)
		->UseManualTime()
		->Unit(benchmark::kSecond);
	benchmark::RegisterBenchmark("BM_auto", BM_ref)
		->Arg(5)
		->UseManualTime()
		->Unit(benchmark::kSecond);
	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 1;
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
