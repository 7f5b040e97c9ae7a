// SPDX-License-Identifier: GPL-2.0
/* Loading Google Benchmark JSON files and nightly directories (results.h). */
#include "results.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gbench.h"

/*
 * Not counters to compare: the keys of every row, and the two rates
 * Google Benchmark derives from the time (SetBytes/ItemsProcessed).
 */
static bool standard_key(const char *k)
{
	return gbench_fixed_key(k) || !strcmp(k, "bytes_per_second") ||
	       !strcmp(k, "items_per_second");
}

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen,
						      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static double unit_to_ns(const char *unit)
{
	if (!strcmp(unit, "ns"))
		return 1;
	if (!strcmp(unit, "us"))
		return 1e3;
	if (!strcmp(unit, "ms"))
		return 1e6;
	if (!strcmp(unit, "s"))
		return 1e9;
	return 0;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d) {
		perror("gmapbench-compare");
		exit(2);
	}
	return d;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		perror("gmapbench-compare");
		exit(2);
	}
	return p;
}

static struct bench *bench_get(struct result_file *rf, const char *name)
{
	size_t i;

	for (i = 0; i < rf->nb; i++)
		if (!strcmp(rf->b[i].name, name))
			return &rf->b[i];
	rf->b = xrealloc(rf->b, (rf->nb + 1) * sizeof(*rf->b));
	memset(&rf->b[rf->nb], 0, sizeof(*rf->b));
	rf->b[rf->nb].name = xstrdup(name);
	return &rf->b[rf->nb++];
}

static int counter_index(struct bench *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->ncounters; i++)
		if (!strcmp(b->cnames[i], name))
			return (int)i;
	b->cnames = xrealloc(b->cnames, (b->ncounters + 1) * sizeof(char *));
	b->cvals = xrealloc(b->cvals, (b->ncounters + 1) * sizeof(double *));
	b->cnames[b->ncounters] = xstrdup(name);
	/* earlier repetitions did not have it */
	b->cvals[b->ncounters] = xrealloc(NULL, (b->nrep + 1) * sizeof(double));
	for (i = 0; i < b->nrep + 1; i++)
		b->cvals[b->ncounters][i] = NAN;
	return (int)b->ncounters++;
}

/* Inserts one iteration run at its repetition index (or at the end). */
static int add_run(struct result_file *rf, const struct json *e, size_t idx,
		   char *err, size_t errlen)
{
	const char *run_name = json_str(json_get(e, "run_name"));
	const char *name = json_str(json_get(e, "name"));
	const char *unit = json_str(json_get(e, "time_unit"));
	const struct json *rt = json_get(e, "real_time"),
			  *ct = json_get(e, "cpu_time");
	struct bench *b;
	double scale;
	size_t i, r;

	if (!name)
		return fail(err, errlen,
			    "%s:%d: benchmarks[%zu]: missing key \"name\"",
			    rf->path, e->line, idx);
	b = bench_get(rf, run_name ? run_name : name);
	if (json_get(e, "error_occurred") &&
	    json_get(e, "error_occurred")->type == JSON_TRUE) {
		const char *m = json_str(json_get(e, "error_message"));

		free(b->error);
		b->error = xstrdup(m ? m : "error_occurred");
		return 0;
	}
	if (!unit)
		unit = "ns"; /* Google Benchmark omits it for nanoseconds in old versions */
	scale = unit_to_ns(unit);
	if (!scale)
		return fail(
			err, errlen,
			"%s:%d: benchmarks[%zu] (%s): unknown time_unit \"%s\"",
			rf->path, e->line, idx, name, unit);
	if (!json_is_num(rt) || !json_is_num(ct))
		return fail(err, errlen,
			    "%s:%d: benchmarks[%zu] (%s): missing key \"%s\"",
			    rf->path, e->line, idx, name,
			    json_is_num(rt) ? "cpu_time" : "real_time");
	if (!isfinite(rt->num * scale) || !isfinite(ct->num * scale))
		return fail(
			err, errlen,
			"%s:%d: benchmarks[%zu] (%s): a time too large in nanoseconds",
			rf->path, e->line, idx, name);
	r = b->nrep++;
	b->real_ns = xrealloc(b->real_ns, b->nrep * sizeof(double));
	b->cpu_ns = xrealloc(b->cpu_ns, b->nrep * sizeof(double));
	b->iterations = xrealloc(b->iterations, b->nrep * sizeof(double));
	for (i = 0; i < b->ncounters; i++) {
		b->cvals[i] = xrealloc(b->cvals[i], b->nrep * sizeof(double));
		b->cvals[i][r] = NAN;
	}
	b->real_ns[r] = rt->num * scale;
	b->cpu_ns[r] = ct->num * scale;
	b->iterations[r] = json_num(json_get(e, "iterations"), NAN);
	for (i = 0; i < json_len(e); i++) {
		const char *k = json_key(e, i);
		const struct json *v = json_at(e, i);
		int c;

		if (standard_key(k) || !json_is_num(v))
			continue;
		c = counter_index(b, k);
		b->cvals[c] = xrealloc(b->cvals[c], b->nrep * sizeof(double));
		b->cvals[c][r] = v->num;
	}
	return 0;
}

struct pending {
	const struct json *e;
	size_t idx;
	double rep;
};

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * <name>.functions.json beside <name>.json (gmapbench-merge -f): the
 * kernel's basic blocks per benchmark and function, if the night has them.
 */
static int load_functions(struct result_file *rf, char *err, size_t errlen)
{
	size_t n = strlen(rf->path);
	struct json_error jerr;
	char *path;
	int rc = 0;

	if (n < 5 || strcmp(rf->path + n - 5, ".json"))
		return 0;
	path = xrealloc(NULL, n + 16);
	snprintf(path, n + 16, "%.*s.functions.json", (int)(n - 5), rf->path);
	if (access(path, F_OK)) {
		free(path);
		return 0;
	}
	rf->functions = json_parse_file(path, &jerr);
	if (!rf->functions)
		rc = fail(err, errlen, "%s", jerr.msg);
	else if (rf->functions->type != JSON_OBJECT)
		rc = fail(err, errlen, "%s: not an object of benchmarks", path);
	free(path);
	return rc;
}

int result_load(const char *path, struct result_file *rf, char *err,
		size_t errlen)
{
	struct json_error jerr;
	const struct json *list;
	struct pending *runs;
	size_t i, nruns = 0;
	const char *variant, *base;
	char *dot;

	memset(rf, 0, sizeof(*rf));
	rf->path = xstrdup(path);
	rf->doc = json_parse_file(path, &jerr);
	if (!rf->doc)
		return fail(err, errlen, "%s", jerr.msg);
	if (rf->doc->type != JSON_OBJECT)
		return fail(
			err, errlen,
			"%s: not Google Benchmark JSON (the top level is %s %s, not an object)",
			path, rf->doc->type == JSON_ARRAY ? "an" : "a",
			json_type_name(rf->doc->type));
	list = json_get(rf->doc, "benchmarks");
	rf->context = json_get(rf->doc, "context");
	if (!list || list->type != JSON_ARRAY)
		return fail(
			err, errlen,
			"%s: not Google Benchmark JSON (no \"benchmarks\" array)",
			path);
	if (!rf->context || rf->context->type != JSON_OBJECT)
		return fail(
			err, errlen,
			"%s: not Google Benchmark JSON (no \"context\" object)",
			path);
	if (gbench_check_rows(list, path, err, errlen))
		return -1;
	variant = json_str(json_get(rf->context, "variant"));
	if (!variant) {
		base = strrchr(path, '/');
		rf->variant = xstrdup(base ? base + 1 : path);
		dot = strrchr(rf->variant, '.');
		if (dot && !strcmp(dot, ".json"))
			*dot = 0;
	} else {
		rf->variant = xstrdup(variant);
	}

	/* iteration runs, ordered by repetition (random interleaving mixes them) */
	runs = xrealloc(NULL, json_len(list) * sizeof(*runs));
	for (i = 0; i < json_len(list); i++) {
		const struct json *e = json_at(list, i);
		const char *rt = json_str(json_get(e, "run_type"));

		if (!e || e->type != JSON_OBJECT) {
			free(runs);
			return fail(err, errlen,
				    "%s:%d: benchmarks[%zu] is not an object",
				    path, e ? e->line : 0, i);
		}
		if (rt ? strcmp(rt, "iteration") != 0
		       : json_get(e, "aggregate_name") != NULL)
			continue;
		runs[nruns++] = (struct pending){
			e, i, json_num(json_get(e, "repetition_index"), 0)};
	}
	qsort(runs, nruns, sizeof(*runs), cmp_pending);
	for (i = 0; i < nruns; i++) {
		if (add_run(rf, runs[i].e, runs[i].idx, err, errlen)) {
			free(runs);
			return -1;
		}
	}
	free(runs);
	return load_functions(rf, err, errlen);
}

static void bench_free(struct bench *b)
{
	size_t i;

	for (i = 0; i < b->ncounters; i++) {
		free(b->cnames[i]);
		free(b->cvals[i]);
	}
	free(b->cnames);
	free(b->cvals);
	free(b->name);
	free(b->real_ns);
	free(b->cpu_ns);
	free(b->iterations);
	free(b->error);
}

void result_free(struct result_file *rf)
{
	size_t i;

	for (i = 0; i < rf->nb; i++)
		bench_free(&rf->b[i]);
	free(rf->b);
	json_free(rf->doc);
	json_free(rf->functions);
	free(rf->path);
	free(rf->variant);
	memset(rf, 0, sizeof(*rf));
}

const struct bench *result_bench(const struct result_file *rf, const char *name)
{
	size_t i;

	for (i = 0; i < rf->nb; i++)
		if (!strcmp(rf->b[i].name, name))
			return &rf->b[i];
	return NULL;
}

double bench_counter(const struct bench *b, const char *counter, bool *found)
{
	size_t i;

	for (i = 0; i < b->ncounters; i++) {
		if (!strcmp(b->cnames[i], counter)) {
			*found = b->nrep > 0 && !isnan(b->cvals[i][0]);
			return *found ? b->cvals[i][0] : NAN;
		}
	}
	*found = false;
	return NAN;
}

const char *context_str(const struct result_file *rf, const char *key)
{
	const char *s = json_str(json_get(rf->context, key));

	/* libcbench records the CPU it pinned to as cbench_pin */
	if (!s && !strcmp(key, "pinning"))
		s = json_str(json_get(rf->context, "cbench_pin"));
	return s;
}

size_t result_warnings(const struct result_file *rf, char warn[][160],
		       size_t max)
{
	const struct json *c = rf->context, *v;
	const char *s;
	size_t n = 0, i, minrep = (size_t)-1;
	double cpus = json_num(json_get(c, "num_cpus"), 0), load;

#define WARN(...)                                              \
	do {                                                   \
		if (n < max)                                   \
			snprintf(warn[n++], 160, __VA_ARGS__); \
	} while (0)
	s = json_str(json_get(c, "library_build_type"));
	if (s && strcmp(s, "release"))
		WARN("%s build of the benchmark library: timings are not representative",
		     s);
	v = json_get(c, "cpu_scaling_enabled");
	if (v && v->type == JSON_TRUE)
		WARN("CPU frequency scaling was enabled: timings may be noisy");
	load = json_num(json_at(json_get(c, "load_avg"), 0), 0);
	if (cpus > 0 && load > cpus / 2)
		WARN("load average %.2f on %.0f CPUs: other work competed with the run",
		     load, cpus);
	s = json_str(json_get(c, "sanitizers"));
	if (s && *s && strcmp(s, "none"))
		WARN("built with sanitizers (%s): timings are not representative",
		     s);
	s = json_str(json_get(c, "gmap_check"));
	if (s && !strcmp(s, "true"))
		WARN("the oracle was on (--gmap_check): timings include its checks");
	s = context_str(rf, "gmapbench_commit");
	if (s && strstr(s, "-dirty"))
		WARN("built from a tree with uncommitted changes (%s): the commit does not name the code",
		     s);
	s = context_str(rf, "pinning");
	if (!s || !*s || !strcmp(s, "none"))
		WARN("no CPU pinning recorded: the benchmark may have migrated between CPUs");
	for (i = 0; i < rf->nb; i++)
		if (!rf->b[i].error && rf->b[i].nrep < minrep)
			minrep = rf->b[i].nrep;
	if (minrep != (size_t)-1 && minrep < 5)
		WARN("only %zu repetition%s: too few for the U test to find a change",
		     minrep, minrep == 1 ? "" : "s");
	for (i = 0; i < rf->nb; i++)
		if (rf->b[i].error)
			WARN("%s failed: %s", rf->b[i].name, rf->b[i].error);
#undef WARN
	return n;
}

/* Output files of gmapbench that live beside the results; not results. */
static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

static bool not_a_result(const char *name)
{
	return !strcmp(name, "verdict.json") || !strcmp(name, "status.json") ||
	       !strncmp(name, "compare", 7) || !strncmp(name, "report", 6) ||
	       has_suffix(name, ".functions.json");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t sl = strlen(suffix);

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l <= sl ||
		    strcmp(de->d_name + l - sl, suffix))
			continue;
		names = xrealloc(names, (*n + 1) * sizeof(char *));
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(char *), cmp_str);
	return names;
}

int night_load(const char *dir, struct night *n, char *err, size_t errlen)
{
	char **names, *copy, *slash;
	size_t nn, i;
	struct stat st;
	int rc = 0;

	memset(n, 0, sizeof(*n));
	n->dir = xstrdup(dir);
	while (strlen(n->dir) > 1 && n->dir[strlen(n->dir) - 1] == '/')
		n->dir[strlen(n->dir) - 1] = 0;
	errno = 0;
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return fail(err, errlen, "%s: %s", dir,
			    errno ? strerror(errno) : "not a directory");
	copy = xstrdup(n->dir);
	slash = strrchr(copy, '/');
	n->host = xstrdup(slash ? slash + 1 : copy);
	if (slash) {
		*slash = 0;
		slash = strrchr(copy, '/');
		n->date = xstrdup(slash ? slash + 1 : copy);
	} else {
		n->date = xstrdup("");
	}
	free(copy);

	names = list_dir(n->dir, ".json", &nn);
	for (i = 0; i < nn; i++) {
		char path[8192];

		if (rc || not_a_result(names[i])) {
			free(names[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", n->dir, names[i]);
		n->files =
			xrealloc(n->files, (n->nfiles + 1) * sizeof(*n->files));
		if (result_load(path, &n->files[n->nfiles], err, errlen)) {
			/* an unreadable variant fails; the others go on */
			struct failure *f;

			fprintf(stderr, "gmapbench-compare: %s\n", err);
			result_free(&n->files[n->nfiles]);
			n->failed = xrealloc(n->failed,
					     (n->nfailed + 1) * sizeof(*f));
			f = &n->failed[n->nfailed++];
			*strrchr(names[i], '.') = 0;
			f->variant = names[i];
			f->what = xstrdup("results");
			f->outcome = xstrdup("failed");
			f->headline = xstrdup(err);
			f->tail = xstrdup(err);
			err[0] = 0;
			continue;
		}
		n->nfiles++;
		free(names[i]);
	}
	free(names);
	night_load_states(n);
	if (!rc && !n->nfiles && !n->nfailed)
		return fail(
			err, errlen,
			"%s: no Google Benchmark JSON results (<variant>.json) and no state/*.failed",
			dir);
	return rc;
}

void night_free(struct night *n)
{
	size_t i;

	for (i = 0; i < n->nfiles; i++)
		result_free(&n->files[i]);
	night_free_states(n);
	free(n->files);
	free(n->dir);
	free(n->date);
	free(n->host);
	memset(n, 0, sizeof(*n));
}

struct result_file *night_variant(struct night *n, const char *variant)
{
	size_t i;

	for (i = 0; i < n->nfiles; i++)
		if (!strcmp(n->files[i].variant, variant))
			return &n->files[i];
	return NULL;
}

bool night_variant_failed(const struct night *n, const char *variant)
{
	size_t i;

	for (i = 0; i < n->nfailed; i++)
		if (!strcmp(n->failed[i].variant, variant))
			return true;
	return false;
}
