// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for gmapbench-merge: the input is one part, or two
 * parts separated by a NUL byte (rounds of a night to merge); merge.c is
 * built with MERGE_FUZZ and main() renamed, so that its die() comes back
 * here (after it removed the output's temporary) instead of exiting.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int merge_main(int argc, char **argv);
void merge_release(void);
void merge_fuzz_bail(void) __attribute__((noreturn));

static jmp_buf bail;
static char dir[64];

static void remove_dir(void)
{
	rmdir(dir);
}

void merge_fuzz_bail(void)
{
	longjmp(bail, 1);
}

static int part_fd(const char *name)
{
	int fd = memfd_create(name, 0);

	if (fd < 0)
		abort();
	return fd;
}

/* merge_main, with die() coming back here; argc and argv are not touched
 * after setjmp(), so nothing is clobbered by the longjmp */
static void run_merge(int argc, char **argv)
{
	if (!setjmp(bail))
		merge_main(argc, argv);
}

static void put(int fd, const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd[2] = {-1, -1};
	static char out[96], pa[2][64];
	const uint8_t *nul = memchr(data, 0, size);
	char *argv[6];
	int argc = 0;

	if (fd[0] < 0) {
		const char *base =
			access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";

		snprintf(dir, sizeof(dir), "%s/merge-fuzz.XXXXXX", base);
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
		snprintf(out, sizeof(out), "%s/out.json", dir);
		for (int i = 0; i < 2; i++) {
			fd[i] = part_fd("merge-fuzz-part.json");
			snprintf(pa[i], sizeof(pa[i]), "/proc/self/fd/%d",
				 fd[i]);
		}
	}
	argv[argc++] = "gmapbench-merge";
	argv[argc++] = "-o";
	argv[argc++] = out;
	put(fd[0], data, nul ? (size_t)(nul - data) : size);
	argv[argc++] = pa[0];
	if (nul) {
		put(fd[1], nul + 1, size - (size_t)(nul - data) - 1);
		argv[argc++] = pa[1];
	}
	argv[argc] = NULL;
	optind = 0; /* getopt starts over */
	run_merge(argc, argv);
	merge_release();
	unlink(out);
	return 0;
}
