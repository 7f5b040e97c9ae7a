// SPDX-License-Identifier: GPL-2.0
/*
 * --cbench_iterations_from=FILE: each benchmark's iteration count from an
 * earlier Google Benchmark JSON result of the same binary, the iterations
 * of its first repetition by run_name, so that a later process runs that
 * count at once instead of estimating it again. Benchmarks not in the
 * file estimate as usual.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "json.h"

struct count {
	char *run_name;
	int64_t per_thread;
};

static struct count *counts;
static size_t ncounts;
static char *source;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct count *)a)->run_name,
		      ((const struct count *)b)->run_name);
}

static void __attribute__((noreturn))
bad(const char *path, const struct json *v, const char *what)
{
	cb_fatal("--cbench_iterations_from: %s:%d:%d: %s", path, v->line,
		 v->col, what);
}

/* The run's count per thread, or 0 if the row gives none to reuse. */
static int64_t row_count(const char *path, const struct json *row)
{
	const struct json *v;
	int64_t iters, threads = 1, rep = 0;

	if (row->type != JSON_OBJECT)
		bad(path, row, "a benchmark row must be an object");
	v = json_get(row, "run_name");
	if (!json_str(v))
		bad(path, v ? v : row, "expected a string \"run_name\"");
	v = json_get(row, "run_type");
	if (v && !json_str(v))
		bad(path, v, "\"run_type\" must be a string");
	if (v && strcmp(json_str(v), "iteration"))
		return 0; /* an aggregate */
	v = json_get(row, "repetition_index");
	if (v && (!json_int64(v, &rep) || rep < 0))
		bad(path, v, "\"repetition_index\" must be an integer >= 0");
	v = json_get(row, "error_occurred");
	if (v && v->type == JSON_TRUE)
		return 0;
	v = json_get(row, "threads");
	if (v && (!json_int64(v, &threads) || threads < 1))
		bad(path, v, "\"threads\" must be an integer >= 1");
	v = json_get(row, "iterations");
	if (!v || !json_int64(v, &iters) || iters < 1 ||
	    iters > CB_MAX_ITERATIONS * threads)
		bad(path, v ? v : row,
		    "expected \"iterations\", an integer from 1 to 1e9 per "
		    "thread");
	if (iters % threads)
		bad(path, v, "\"iterations\" is not a multiple of \"threads\"");
	return rep == 0 ? iters / threads : 0;
}

void cb_iterations_from_load(const char *path)
{
	struct json_error err;
	struct json *doc = json_parse_file(path, &err);
	const struct json *rows;

	if (!doc)
		cb_fatal("--cbench_iterations_from: %s", err.msg);
	rows = json_get(doc, "benchmarks");
	if (!rows || rows->type != JSON_ARRAY)
		bad(path, rows ? rows : doc,
		    "expected a Google Benchmark JSON result with a "
		    "\"benchmarks\" array");
	counts = cb_xmalloc((json_len(rows) + 1) * sizeof(*counts));
	for (size_t i = 0; i < json_len(rows); i++) {
		const struct json *row = json_at(rows, i);
		int64_t n = row_count(path, row);

		if (n)
			counts[ncounts++] = (struct count){
				cb_xstrdup(json_str(json_get(row, "run_name"))),
				n};
	}
	json_free(doc);
	/* stable order is not needed: a run_name has one first repetition */
	qsort(counts, ncounts, sizeof(*counts), by_name);
	for (size_t i = 1; i < ncounts; i++)
		if (!strcmp(counts[i - 1].run_name, counts[i].run_name))
			cb_fatal("--cbench_iterations_from: %s: two first "
				 "repetitions of %s",
				 path, counts[i].run_name);
	source = cb_xstrdup(path);
}

int64_t cb_iterations_from(const char *run_name)
{
	struct count key = {(char *)run_name, 0}, *c;

	if (!ncounts)
		return 0;
	c = bsearch(&key, counts, ncounts, sizeof(*counts), by_name);
	return c ? c->per_thread : 0;
}

const char *cb_iterations_from_file(void)
{
	return source ? source : "";
}

void cb_iterations_from_free(void)
{
	for (size_t i = 0; i < ncounts; i++)
		free(counts[i].run_name);
	free(counts);
	free(source);
	counts = NULL;
	source = NULL;
	ncounts = 0;
}
