// SPDX-License-Identifier: GPL-2.0
/* benchmark::RegisterMemoryManager(): the one the runs report from. */
#include "internal.h"

static const struct cbench_memory_manager *manager;

void cbench_register_memory_manager(const struct cbench_memory_manager *mm)
{
	manager = mm;
}

const struct cbench_memory_manager *cb_memory_manager(void)
{
	return manager;
}
