// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "gbench.h"

bool gbench_fixed_key(const char *key)
{
	static const char *const fixed[] = {
		"name",
		"family_index",
		"per_family_instance_index",
		"run_name",
		"run_type",
		"repetitions",
		"repetition_index",
		"threads",
		"aggregate_name",
		"aggregate_unit",
		"error_occurred",
		"error_message",
		"iterations",
		"real_time",
		"cpu_time",
		"time_unit",
		"label",
	};

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!strcmp(key, fixed[i]))
			return true;
	return false;
}
