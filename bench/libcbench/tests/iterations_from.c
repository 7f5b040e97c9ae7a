// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks that count every iteration they run, estimation included,
 * for iterations-from.sh: at exit, one "ran <name> <iterations>" line per
 * benchmark on stderr.
 */
#include <stdio.h>

#include <cbench.h>

static long long ran_spin, ran_threads, ran_other;

static void spin(cbench_state *st, long long *ran)
{
	unsigned x = 1;

	while (cbench_keep_running(st)) {
		for (int i = 0; i < 200; i++)
			x = x * 1103515245u + 12345u;
		cbench_do_not_optimize(x);
		__atomic_add_fetch(ran, 1, __ATOMIC_RELAXED);
	}
}

static void BM_spin(cbench_state *st)
{
	spin(st, &ran_spin);
}
CBENCH(BM_spin)
{
}

static void BM_threads(cbench_state *st)
{
	spin(st, &ran_threads);
}
CBENCH(BM_threads)
{
	cbench_set_threads(f, 2);
}

static void BM_other(cbench_state *st)
{
	spin(st, &ran_other);
}
CBENCH(BM_other)
{
}

int main(int argc, char **argv)
{
	int n;

	cbench_initialize(&argc, argv);
	if (cbench_report_unrecognized_arguments(argc, argv))
		return 1;
	n = cbench_run_specified();
	cbench_shutdown();
	fprintf(stderr,
		"ran BM_spin %lld\nran BM_threads/threads:2 %lld\n"
		"ran BM_other %lld\n",
		ran_spin, ran_threads, ran_other);
	return n < 0;
}
