// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for gmapbench-compare's loader: result_load() on any
 * input (through a memfd, as it reads a path), then every accessor the
 * comparison uses on what it loaded.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct result_file rf;
	char err[512] = "", warn[16][160];
	bool found;

	if (fd < 0) {
		fd = memfd_create("compare-fuzz.json", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (result_load(path, &rf, err, sizeof(err))) {
		/* every refusal names the file */
		if (strncmp(err, path, strlen(path)))
			abort();
	} else {
		result_warnings(&rf, warn, 16);
		context_str(&rf, "pinning");
		for (size_t i = 0; i < rf.nb; i++) {
			const struct bench *b = &rf.b[i];

			if (result_bench(&rf, b->name) != b)
				abort();
			for (size_t r = 0; r < b->nrep; r++)
				if (!(b->real_ns[r] > 0) ||
				    !isfinite(b->cpu_ns[r]))
					abort(); /* gbench_check_rows let it in */
			for (size_t c = 0; c < b->ncounters; c++)
				bench_counter(b, b->cnames[c], &found);
		}
	}
	result_free(&rf);
	return 0;
}
