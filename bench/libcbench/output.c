// SPDX-License-Identifier: GPL-2.0
/*
 * The --benchmark_out file: written under a temporary name in the same
 * directory and renamed at the end, so it is whole or absent.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static char *final_path;
static char tmp_path[4096];

int cb_output_open(const char *path, FILE **f, char *err, size_t errlen)
{
	static bool registered;
	mode_t mask;
	int fd;

	/* exit() in the middle of the run (a fatal error) leaves no file */
	if (!registered) {
		atexit(cb_output_abandon);
		registered = true;
	}

	if (snprintf(tmp_path, sizeof(tmp_path), "%s.tmp.XXXXXX", path) >=
	    (int)sizeof(tmp_path)) {
		snprintf(err, errlen, "--benchmark_out=%s: name too long",
			 path);
		return -1;
	}
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		snprintf(err, errlen, "--benchmark_out=%s: cannot write: %s",
			 path, strerror(errno));
		tmp_path[0] = 0;
		return -1;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	*f = fdopen(fd, "w");
	if (!*f) {
		snprintf(err, errlen, "--benchmark_out=%s: %s", path,
			 strerror(errno));
		close(fd);
		unlink(tmp_path);
		tmp_path[0] = 0;
		return -1;
	}
	final_path = cb_xstrdup(path);
	return 0;
}

int cb_output_commit(FILE *f, char *err, size_t errlen)
{
	int bad = ferror(f);

	if (fflush(f) || fsync(fileno(f)))
		bad = 1;
	if (fclose(f))
		bad = 1;
	if (!bad && rename(tmp_path, final_path) == 0) {
		tmp_path[0] = 0;
		free(final_path);
		final_path = NULL;
		return 0;
	}
	snprintf(err, errlen, "--benchmark_out=%s: writing failed: %s",
		 final_path, strerror(errno ? errno : EIO));
	unlink(tmp_path);
	tmp_path[0] = 0;
	free(final_path);
	final_path = NULL;
	return -1;
}

void cb_output_abandon(void)
{
	if (tmp_path[0])
		unlink(tmp_path);
	tmp_path[0] = 0;
	free(final_path);
	final_path = NULL;
}

/* The temporary file being written, "" if none: for the crash handler */
const char *cb_output_tmp_path(void)
{
	return tmp_path;
}
