// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the KVM binary-stats parser on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kvm_stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvm_stat_set s;
	char err[256];
	uint64_t v;
	size_t i;

	/* a private copy: the parser must not read past size */
	uint8_t *copy = malloc(size ? size : 1);

	memcpy(copy, data, size);
	if (kvm_stats_parse(copy, size, &s, err, sizeof(err)) == 0) {
		for (i = 0; i < s.nr; i++)
			if (!kvm_stat_get(&s, s.stats[i].name, &v) ||
			    strlen(s.stats[i].name) >= KVM_STAT_NAME_MAX)
				abort();
	} else if (s.nr || !err[0]) {
		abort(); /* an error leaves an empty set and a message */
	}
	kvm_stat_set_free(&s);
	free(copy);
	return 0;
}
