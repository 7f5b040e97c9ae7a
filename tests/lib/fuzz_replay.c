// SPDX-License-Identifier: GPL-2.0
/*
 * A main() for a libFuzzer harness built with gcc: it feeds each file
 * named on the command line, or each file in a directory named there, to
 * LLVMFuzzerTestOneInput() once, in name order, and prints how many inputs
 * each gave. Without arguments it replays the harness's seeds
 * (FUZZ_SEEDS) and what `make fuzz` kept (FUZZ_CORPUS, if it exists).
 * make check replays them this way, under ASan and UBSan, without clang.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* a harness may rename its program's own main (-Dmain=...) */
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0;
	uint8_t *buf;

	if (!f)
		return -1;
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		uint8_t *grown = realloc(buf, cap);

		if (!grown)
			free(buf);
		buf = grown;
	}
	if (!buf || ferror(f)) {
		int e = buf ? EIO : ENOMEM;

		free(buf);
		fclose(f);
		errno = e;
		return -1;
	}
	fclose(f);
	*data = buf;
	*size = n;
	return 0;
}

static int run_one(const char *path)
{
	uint8_t *data;
	size_t size;

	if (read_file(path, &data, &size)) {
		fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* the number of inputs run, or -1 */
static long run_path(const char *path)
{
	struct dirent **ents;
	struct stat st;
	long ran = 0;
	int n;

	if (stat(path, &st)) {
		fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_one(path) ? -1 : 1;
	n = scandir(path, &ents, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char file[4096];

		snprintf(file, sizeof(file), "%s/%s", path, ents[i]->d_name);
		if (ents[i]->d_name[0] != '.' && !stat(file, &st) &&
		    S_ISREG(st.st_mode)) {
			if (run_one(file))
				ran = -1;
			else if (ran >= 0)
				ran++;
		}
		free(ents[i]);
	}
	free(ents);
	return ran;
}

static int replay(const char *path)
{
	long ran = run_path(path);

	if (ran < 0)
		return 1;
	printf("%s: %ld input(s)\n", path, ran);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	struct stat st;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			failed |= replay(argv[i]);
		return failed;
	}
#if defined(FUZZ_SEEDS) && defined(FUZZ_CORPUS)
	failed |= replay(FUZZ_SEEDS);
	if (!stat(FUZZ_CORPUS, &st))
		failed |= replay(FUZZ_CORPUS);
	return failed;
#else
	fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
	return 2;
#endif
}
