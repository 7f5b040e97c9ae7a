/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Google Benchmark JSON result files (as libcbench and Google Benchmark
 * 1.7.1 write them) and nightly result directories (results/<date>/<host>/,
 * the layout of scripts/nightly), loaded into samples per benchmark.
 */
#ifndef GMAPBENCH_COMPARE_RESULTS_H
#define GMAPBENCH_COMPARE_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"

/* One benchmark instance (run_name): its iteration runs, in repetition order. */
struct bench {
	char *name;
	size_t nrep;
	double *real_ns, *cpu_ns; /* per repetition, in nanoseconds */
	double *iterations;
	size_t ncounters;
	char **cnames; /* user counters, in file order */
	double **cvals; /* cvals[c][rep] */
	char *error; /* error_message of a failed run, or NULL */
};

struct result_file {
	char *path;
	char *variant; /* context.variant, else the file's base name */
	struct json *doc;
	const struct json *context;
	struct bench *b;
	size_t nb;
	/* <name>.functions.json beside it (kernel work per function), or NULL */
	struct json *functions;
};

/*
 * A job of a night that did not end done (state/<variant>.<what>.<outcome>,
 * docs/verdicts.md): what it was, how it ended, and its state file.
 */
struct failure {
	char *variant;
	char *what; /* "build", "<suite>-oracle", "<suite>-r<k>", "results" */
	char *outcome; /* failed, wrong, hung or memory */
	char *headline; /* the state file's first line, or "" */
	char *tail; /* the whole state file */
};

/* A variant that does not exist on the night's kernel base
 * (state/<variant>.base.absent, docs/bases.md): not run, not failed. */
struct absent {
	char *variant;
	char *reason; /* the state file's first line */
};

/* The peak resident set of a variant's timed rounds on a suite (done files). */
struct peak_rss {
	char *variant, *suite;
	double kib; /* the median over the rounds */
};

/* How the wall time of a night split (night-time.txt), in seconds; NAN absent. */
struct night_time {
	double wall, build, oracle, cost, timed, merge, report;
};

struct night {
	char *dir;
	char *date; /* from the path .../<date>/<host>, or "" */
	char *host;
	struct result_file *files;
	size_t nfiles;
	struct failure *failed;
	size_t nfailed;
	struct absent *absent;
	size_t nabsent;
	struct peak_rss *rss;
	size_t nrss;
	struct night_time time;
};

/* Each returns 0, or -1 with a message naming the file and the problem. */
int result_load(const char *path, struct result_file *rf, char *err,
		size_t errlen);
void result_free(struct result_file *rf);
const struct bench *result_bench(const struct result_file *rf,
				 const char *name);
double bench_counter(const struct bench *b, const char *counter, bool *found);
const char *context_str(const struct result_file *rf, const char *key);

int night_load(const char *dir, struct night *n, char *err, size_t errlen);
void night_free(struct night *n);
struct result_file *night_variant(struct night *n, const char *variant);
bool night_variant_failed(const struct night *n, const char *variant);

/* states.c: the night's state/ and night-time.txt */
void night_load_states(struct night *n);
void night_free_states(struct night *n);
/* The failure's outcome by seriousness: wrong 4, hung 3, memory 2, failed 1. */
int failure_rank(const struct failure *f);

/* Warnings that make this file's timings suspect; returns how many. */
size_t result_warnings(const struct result_file *rf, char warn[][160],
		       size_t max);

#endif
