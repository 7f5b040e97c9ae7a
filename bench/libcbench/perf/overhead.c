// SPDX-License-Identifier: GPL-2.0
/*
 * make perf: loop overhead and suite time, the libcbench side of
 * overhead.cc.  CBENCH_FOR pairs with the range-for, cbench_keep_running()
 * with State::KeepRunning().
 */
#include <cbench.h>

static void BM_empty(cbench_state *st)
{
	CBENCH_FOR(st)
	{
	}
}
CBENCH(BM_empty)
{
}

static void BM_dno(cbench_state *st)
{
	int64_t i = 0;

	CBENCH_FOR(st)
	cbench_do_not_optimize(i++);
}
CBENCH(BM_dno)
{
}

static void BM_kr_empty(cbench_state *st)
{
	while (cbench_keep_running(st)) {
	}
}
CBENCH(BM_kr_empty)
{
}

static void BM_kr_dno(cbench_state *st)
{
	int64_t i = 0;

	while (cbench_keep_running(st))
		cbench_do_not_optimize(i++);
}
CBENCH(BM_kr_dno)
{
}

static void BM_work(cbench_state *st)
{
	int64_t n = cbench_range(st, 0);

	CBENCH_FOR(st)
	{
		int64_t s = 0;

		for (int64_t i = 0; i < n; i++) {
			s += i * i;
			cbench_do_not_optimize(s);
		}
	}
}
CBENCH(BM_work)
{
	cbench_add_range(f, 8, 512);
}

CBENCH_MAIN()
