// SPDX-License-Identifier: GPL-2.0
/* cbench_shutdown(): frees what registration, flags and the run kept. */
#include "internal.h"

void cbench_shutdown(void)
{
	cb_registry_free();
	cb_flags_free();
	cb_context_free();
	cb_iterations_from_free();
	cb_perf_shutdown();
}
