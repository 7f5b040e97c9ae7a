// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-merge: assembles one variant's Google Benchmark JSON from the
 * parts a night wrote (per suite and round, or per shard host).
 *
 *	gmapbench-merge -o OUT [-c COST.json]... [-F FUNCS.json]... [-f FUNCS_OUT]
 *		PART.json...
 *	gmapbench-merge -s -o PREFIX FILE.json
 *
 * Merge: the context is the first part's (every part must name the same
 * variant). A benchmark (run_name) found in one part only is copied as
 * written. One found in several parts (the rounds of a night) gets the
 * iteration rows of all of them, in the order of the parts, with
 * repetition_index renumbered 0..R-1 and repetitions set to R; its
 * aggregates (_mean, _median, _stddev, _cv) are computed again by
 * libcbench's statistics and written by its JSON reporter, which compute
 * and write them as Google Benchmark 1.7.1 does. Benchmarks keep the order
 * in which they first appear; family_index is renumbered so that the
 * families of different parts stay distinct and the rounds of one family
 * share one. OUT is written to a temporary name and renamed.
 *
 * Refused before anything is written, naming the file: a part given twice
 * (the same path, a link to the same file, or the same content), and what
 * gbench_check_rows() refuses (a sample counted twice, a bad time or
 * iteration count); lib/json refuses a duplicate key.
 *
 * Google Benchmark computes the statistics on the accumulated times of
 * repetitions that ran the same number of iterations. Rounds are separate
 * processes and may have run different counts, so a row's accumulated time
 * is taken as real_time * N / unit, N the iteration count of the first
 * repetition without an error: the aggregates are the statistics of the
 * per-iteration times. When the counts agree they are Google Benchmark's
 * own, digit for digit where the written times convert back exactly;
 * else an accumulated time may come back an ulp off, which can show in the
 * last digits.
 *
 * Kernel work (docs/verdicts.md): -c names a count pass's output
 * (gmapbench-<variant> --gmap_cost); the kernel_bb* counters of each of its
 * benchmarks are copied onto every row of that benchmark in OUT (0 in
 * _stddev and _cv rows), in the counters' sorted place. -F names its
 * --gmap_cost_out files; -f FUNCS_OUT gathers them into one object,
 * benchmark -> function -> count per iteration.
 *
 * Split (-s), the other way, for tests: the iteration rows of repetition k
 * of FILE go to PREFIX.r<k+1>.json as a run of one repetition.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h" /* libcbench: cb_compute_stats, the JSON reporter */
#include "gbench.h"
#include "json.h"

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#ifdef MERGE_FUZZ
/* fuzz/merge_fuzz.c: longjmp()s back after merge_release() */
void merge_fuzz_bail(void) __attribute__((noreturn));
#endif
void merge_release(void);

static char tmp_path[4096]; /* removed by die() */

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("gmapbench-merge: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (tmp_path[0])
		unlink(tmp_path);
#ifdef MERGE_FUZZ
	merge_fuzz_bail();
#endif
	exit(2);
}

static void indent(FILE *f, int level)
{
	fprintf(f, "%*s", 2 * level, "");
}

static bool all_scalars(const struct json *v)
{
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i]->type == JSON_ARRAY ||
		    v->items[i]->type == JSON_OBJECT)
			return false;
	return v->len > 0;
}

/*
 * Google Benchmark's layout: two spaces per level, "key": value, an array
 * of numbers on one line ("load_avg": [1,2,3]), an empty one on two.
 */
static void put_value(FILE *f, const struct json *v, int level)
{
	size_t i;

	if (v->type == JSON_ARRAY && all_scalars(v)) {
		fputc('[', f);
		for (i = 0; i < v->len; i++) {
			if (i)
				fputc(',', f);
			put_value(f, v->items[i], level + 1);
		}
		fputc(']', f);
		return;
	}
	switch (v->type) {
	case JSON_NULL:
		fputs("null", f);
		break;
	case JSON_FALSE:
		fputs("false", f);
		break;
	case JSON_TRUE:
		fputs("true", f);
		break;
	case JSON_NUMBER:
		fputs(v->str, f);
		break;
	case JSON_STRING:
		json_put_string(f, v->str);
		break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		fputc(v->type == JSON_ARRAY ? '[' : '{', f);
		for (i = 0; i < v->len; i++) {
			fputs(i ? ",\n" : "\n", f);
			indent(f, level + 1);
			if (v->type == JSON_OBJECT) {
				json_put_string(f, v->keys[i]);
				fputs(": ", f);
			}
			put_value(f, v->items[i], level + 1);
		}
		if (v->len || v->type == JSON_ARRAY) {
			fputc('\n', f);
			indent(f, level);
		}
		fputc(v->type == JSON_ARRAY ? ']' : '}', f);
		break;
	}
}

static bool is_counter(const char *key)
{
	return !gbench_fixed_key(key);
}

/* the kernel_bb* counters of one benchmark of a count pass */
struct cost_bench {
	const char *name;
	const struct json *row; /* its iteration row */
};

static struct cost_bench *costs;
static size_t ncosts;

static bool is_cost_counter(const char *key)
{
	return !strncmp(key, "kernel_bb", 9);
}

static const struct json *cost_row(const char *bench)
{
	for (size_t i = 0; i < ncosts; i++)
		if (!strcmp(costs[i].name, bench))
			return costs[i].row;
	return NULL;
}

/*
 * Writes the cost counters of bench that sort before key (all of them
 * when key is NULL) and are not in row already; *next: the first one left.
 */
static void put_cost_counters(FILE *f, const struct json *row,
			      const char *bench, const char *key, bool zero,
			      size_t *next)
{
	const struct json *c = cost_row(bench);

	for (; c && *next < c->len; ++*next) {
		const char *k = c->keys[*next];

		if (!is_cost_counter(k) || json_get(row, k))
			continue;
		if (key && strcmp(k, key) > 0)
			return;
		fputs(",\n", f);
		indent(f, 3);
		json_put_string(f, k);
		fputs(": ", f);
		fputs(zero ? "0.0000000000000000e+00" : c->items[*next]->str,
		      f);
	}
}

/*
 * The output file: opened under a temporary name, rows appended (the
 * separator before each as libcbench's reporter writes it), renamed at
 * the end.
 */
struct out {
	const char *path;
	FILE *f;
	bool first;
};

/* path under a temporary name (die() removes it) until tmp_commit() */
static FILE *tmp_create(const char *path)
{
	FILE *f;

	snprintf(tmp_path, sizeof(tmp_path), "%s.tmp.%d", path, (int)getpid());
	f = fopen(tmp_path, "w");
	if (!f) {
		int e = errno;

		tmp_path[0] = 0;
		die("%s: %s", path, strerror(e));
	}
	return f;
}

static void tmp_commit(FILE *f, const char *path)
{
	/* fflush first: ferror alone keeps no errno for the message */
	int bad, e;

	errno = 0;
	bad = fflush(f) || ferror(f);
	e = errno;
	if (fclose(f) && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) /* die() removes tmp_path */
		die("%s: write failed: %s", tmp_path,
		    e ? strerror(e) : "I/O error");
	if (rename(tmp_path, path))
		die("%s: %s", path, strerror(errno));
	tmp_path[0] = 0;
}

static void out_open(struct out *o, const char *path,
		     const struct json *context)
{
	o->path = path;
	o->first = true;
	o->f = tmp_create(path);
	fputs("{\n  \"context\": ", o->f);
	put_value(o->f, context, 1);
	fputs(",\n  \"benchmarks\": [\n", o->f);
}

static void out_close(struct out *o)
{
	FILE *f = o->f;

	o->f = NULL; /* closed by tmp_commit(), even when it fails */
	fputs("\n  ]\n}\n", f);
	tmp_commit(f, o->path);
}

/*
 * One row as it was written, but family_index, and repetitions and
 * repetition_index when not negative, replaced.
 */
static void put_row(struct out *o, const struct json *row, int64_t family,
		    int64_t reps, int64_t rep_index)
{
	const char *bench = json_str(json_get(row, "run_name"));
	const char *agg = json_str(json_get(row, "aggregate_name"));
	bool zero = agg && (!strcmp(agg, "stddev") || !strcmp(agg, "cv"));
	FILE *f = o->f;
	size_t i, cost = 0;

	fputs(o->first ? "    {" : ",\n    {", f);
	o->first = false;
	for (i = 0; i < row->len; i++) {
		const char *k = row->keys[i];

		if (i && bench && is_counter(k))
			put_cost_counters(f, row, bench, k, zero, &cost);
		fputs(i ? ",\n" : "\n", f);
		indent(f, 3);
		json_put_string(f, k);
		fputs(": ", f);
		if (!strcmp(k, "family_index"))
			fprintf(f, "%lld", (long long)family);
		else if (!strcmp(k, "repetitions") && reps >= 0)
			fprintf(f, "%lld", (long long)reps);
		else if (!strcmp(k, "repetition_index") && rep_index >= 0)
			fprintf(f, "%lld", (long long)rep_index);
		else
			put_value(f, row->items[i], 3);
	}
	if (bench)
		put_cost_counters(f, row, bench, NULL, zero, &cost);
	fputs("\n    }", f);
}

/* Aggregate rows, written by libcbench's JSON reporter. */
static void put_runs(struct out *o, const struct cb_run *runs, int n)
{
	struct cb_reporter r;

	if (!n)
		return;
	memset(&r, 0, sizeof(r));
	cb_json_reporter(&r);
	r.out = o->f;
	r.first_report = o->first;
	r.runs(&r, runs, n);
	o->first = false;
}

static int64_t need_int(const struct json *row, const char *key,
			const char *file, size_t at)
{
	int64_t v;

	if (!json_int64(json_get(row, key), &v))
		die("%s: benchmarks[%zu]: no integer \"%s\"", file, at, key);
	return v;
}

static double need_num(const struct json *row, const char *key,
		       const char *file, size_t at)
{
	const struct json *v = json_get(row, key);

	if (!json_is_num(v))
		die("%s: benchmarks[%zu]: no number \"%s\"", file, at, key);
	return json_num(v, 0);
}

static const char *need_str(const struct json *row, const char *key,
			    const char *file, size_t at)
{
	const char *s = json_str(json_get(row, key));

	if (!s)
		die("%s: benchmarks[%zu]: no string \"%s\"", file, at, key);
	return s;
}

static bool row_failed(const struct json *row)
{
	const struct json *e = json_get(row, "error_occurred");

	return e && e->type == JSON_TRUE;
}

struct row {
	const struct json *j;
	int part;
	size_t at; /* index in the part's benchmarks */
};

struct bench {
	const char *name; /* run_name */
	int64_t family; /* in the output */
	struct row *iter, *agg;
	size_t niter, nagg;
	bool several; /* rows from more than one part */
	int64_t iters; /* of its rows' accumulated times, when several */
};

/* All a merge holds, released by merge_release() (after die() too) */
struct merge {
	char **files;
	char **texts; /* the parts as read */
	size_t *lens;
	dev_t *dev;
	ino_t *ino;
	struct json **docs;
	int nparts;
	struct bench *b;
	size_t nb;
	int64_t families;
	int64_t *fam_old, *fam_new; /* collect(): one part's family map */
	struct out o;
};

static struct merge merge_state;

void merge_release(void)
{
	struct merge *m = &merge_state;

	for (size_t i = 0; i < m->nb; i++) {
		free(m->b[i].iter);
		free(m->b[i].agg);
	}
	free(m->b);
	for (int i = 0; m->docs && i < m->nparts; i++) {
		json_free(m->docs[i]);
		free(m->texts[i]);
	}
	free(m->docs);
	free(m->texts);
	free(m->lens);
	free(m->dev);
	free(m->ino);
	free(m->fam_old);
	free(m->fam_new);
	if (m->o.f)
		fclose(m->o.f);
	memset(m, 0, sizeof(*m));
}

static struct bench *find_bench(struct merge *m, const char *name)
{
	for (size_t i = 0; i < m->nb; i++)
		if (!strcmp(m->b[i].name, name))
			return &m->b[i];
	return NULL;
}

static void add_row(struct row **v, size_t *n, const struct json *j, int part,
		    size_t at)
{
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v)
		die("out of memory");
	(*v)[(*n)++] = (struct row){j, part, at};
}

/* Sorts the rows of every part into benchmarks, families renumbered. */
static void collect(struct merge *m)
{
	for (int p = 0; p < m->nparts; p++) {
		const struct json *bs = json_get(m->docs[p], "benchmarks");
		const char *file = m->files[p];
		int64_t *old = m->fam_old =
			calloc(json_len(bs) + 1, sizeof(int64_t));
		int64_t *new = m->fam_new =
			calloc(json_len(bs) + 1, sizeof(int64_t));
		size_t nmap = 0, k;

		if (!old || !new)
			die("out of memory");

		for (size_t i = 0; i < json_len(bs); i++) {
			const struct json *row = json_at(bs, i);
			const char *name, *type;
			int64_t fi, nf = -1;
			struct bench *b;

			if (!row || row->type != JSON_OBJECT)
				die("%s: benchmarks[%zu]: not an object", file,
				    i);
			name = need_str(row, "run_name", file, i);
			type = need_str(row, "run_type", file, i);
			fi = need_int(row, "family_index", file, i);
			if (strcmp(type, "iteration") &&
			    strcmp(type, "aggregate"))
				die("%s: benchmarks[%zu]: run_type \"%s\"",
				    file, i, type);
			b = find_bench(m, name);
			for (k = 0; k < nmap; k++)
				if (old[k] == fi)
					nf = new[k];
			if (nf < 0) {
				nf = b ? b->family : m->families++;
				old[nmap] = fi;
				new[nmap++] = nf;
			}
			if (!b) {
				m->b = realloc(m->b, (m->nb + 1) * sizeof(*b));
				if (!m->b)
					die("out of memory");
				b = &m->b[m->nb++];
				memset(b, 0, sizeof(*b));
				b->name = name;
				b->family = nf;
			} else if (b->family != nf) {
				die("%s: benchmarks[%zu]: %s is not in the family it has in %s",
				    file, i, name,
				    m->files[b->niter ? b->iter[0].part
						      : b->agg[0].part]);
			}
			if ((b->niter && b->iter[0].part != p) ||
			    (b->nagg && b->agg[0].part != p))
				b->several = true;
			if (!strcmp(type, "iteration"))
				add_row(&b->iter, &b->niter, row, p, i);
			else
				add_row(&b->agg, &b->nagg, row, p, i);
		}
		free(old);
		free(new);
		m->fam_old = m->fam_new = NULL;
	}
}

/* libcbench's number of a time_unit ("ns" 0 ... "s" 3), or -1 */
static int unit_index(const char *u)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(u, cb_time_unit_string(i)))
			return i;
	return -1;
}

/* What libcbench multiplies seconds by for unit u (1e9 for ns) */
static double unit_multiplier(int u)
{
	struct cb_run one = {.real_acc = 1.0, .time_unit = u};

	return cb_adjusted_real(&one);
}

/* An iteration row as libcbench's run, accumulated over iters iterations. */
static void to_run(const struct merge *m, const struct bench *b,
		   const struct row *r, int64_t iters, struct cb_run *run)
{
	const char *file = m->files[r->part];
	const struct json *j = r->j;
	const char *label = json_str(json_get(j, "label"));
	int u = unit_index(need_str(j, "time_unit", file, r->at));
	double mult;

	if (u < 0)
		die("%s: benchmarks[%zu]: time_unit \"%s\"", file, r->at,
		    json_str(json_get(j, "time_unit")));
	mult = unit_multiplier(u);
	memset(run, 0, sizeof(*run));
	run->run_name = b->name;
	run->family_index = (int)b->family;
	run->per_family_instance_index =
		(int)need_int(j, "per_family_instance_index", file, r->at);
	run->threads = (int)need_int(j, "threads", file, r->at);
	run->error = row_failed(j);
	run->iterations = iters;
	run->real_acc = need_num(j, "real_time", file, r->at) * iters / mult;
	run->cpu_acc = need_num(j, "cpu_time", file, r->at) * iters / mult;
	run->time_unit = u;
	run->label = label ? cb_xstrdup(label) : NULL;
	for (size_t k = 0; k < j->len; k++) {
		if (!is_counter(j->keys[k]))
			continue;
		if (!json_is_num(j->items[k]))
			die("%s: benchmarks[%zu]: \"%s\" is not a number", file,
			    r->at, j->keys[k]);
		cb_counters_set(&run->counters, j->keys[k],
				json_num(j->items[k], 0), 0, 1000, false);
	}
	for (size_t k = 0; k < json_len(cost_row(b->name)); k++) {
		const struct json *c = cost_row(b->name);

		if (is_cost_counter(c->keys[k]) && !json_get(j, c->keys[k]))
			cb_counters_set(&run->counters, c->keys[k],
					json_num(c->items[k], 0), 0, 1000,
					false);
	}
}

/*
 * Everything put_rounds() needs of a benchmark of several parts, checked
 * before the output is opened; b->iters: the iteration count its rows'
 * accumulated times are taken over.
 */
static void check_rounds(const struct merge *m, struct bench *b)
{
	const char *unit = NULL;

	for (size_t i = 0; i < b->nagg; i++) {
		const struct row *a = &b->agg[i];
		const char *an = json_str(json_get(a->j, "aggregate_name"));
		bool has_iter = false;

		if (!an || (strcmp(an, "mean") && strcmp(an, "median") &&
			    strcmp(an, "stddev") && strcmp(an, "cv")))
			die("%s: benchmarks[%zu]: aggregate \"%s\" of %s cannot be computed again from several parts",
			    m->files[a->part], a->at, an ? an : "", b->name);
		for (size_t k = 0; k < b->niter; k++)
			has_iter |= b->iter[k].part == a->part;
		if (!has_iter)
			die("%s: %s: aggregates without their repetitions (--benchmark_report_aggregates_only?) cannot be merged with other parts",
			    m->files[a->part], b->name);
	}
	b->iters = 0;
	for (size_t i = 0; i < b->niter; i++) {
		const struct row *r = &b->iter[i];
		const char *file = m->files[r->part];
		const char *u = need_str(r->j, "time_unit", file, r->at);

		if (unit_index(u) < 0)
			die("%s: benchmarks[%zu]: time_unit \"%s\"", file,
			    r->at, u);
		if (unit && strcmp(u, unit))
			die("%s: benchmarks[%zu]: %s in %s, but in %s in %s",
			    file, r->at, b->name, u, unit,
			    m->files[b->iter[0].part]);
		unit = u;
		need_int(r->j, "per_family_instance_index", file, r->at);
		need_int(r->j, "threads", file, r->at);
		need_num(r->j, "real_time", file, r->at);
		need_num(r->j, "cpu_time", file, r->at);
		for (size_t k = 0; k < r->j->len; k++)
			if (is_counter(r->j->keys[k]) &&
			    !json_is_num(r->j->items[k]))
				die("%s: benchmarks[%zu]: \"%s\" is not a number",
				    file, r->at, r->j->keys[k]);
		if (!b->iters && !row_failed(r->j))
			b->iters = need_int(r->j, "iterations", file, r->at);
	}
	if (!b->iters)
		b->iters = 1; /* every repetition failed: no statistics */
}

/* A benchmark of several parts: its rows renumbered, its aggregates anew. */
static void put_rounds(struct out *o, const struct merge *m,
		       const struct bench *b)
{
	int64_t n = (int64_t)b->niter;
	struct cb_run *runs, aggs[4];
	int nagg;

	runs = cb_xmalloc(n * sizeof(*runs));
	for (int64_t i = 0; i < n; i++) {
		to_run(m, b, &b->iter[i], b->iters, &runs[i]);
		runs[i].repetitions = n;
		runs[i].repetition_index = i;
		put_row(o, b->iter[i].j, b->family, n, i);
	}
	nagg = cb_compute_stats(runs, (int)n, aggs);
	put_runs(o, aggs, nagg);
	for (int i = 0; i < nagg; i++)
		cb_run_free(&aggs[i]);
	for (int64_t i = 0; i < n; i++)
		cb_run_free(&runs[i]);
	free(runs);
}

/* A Google Benchmark file parsed (doc NULL: err says why), or die(). */
static struct json *check_doc(struct json *doc, const char *path,
			      const struct json_error *err)
{
	const struct json *bs;
	char msg[512];

	if (!doc)
		die("%s", err->msg);
	bs = json_get(doc, "benchmarks");
	if (!json_get(doc, "context") || !bs || bs->type != JSON_ARRAY)
		die("%s: not Google Benchmark JSON (no context or benchmarks array)",
		    path);
	if (gbench_check_rows(bs, path, msg, sizeof(msg)))
		die("%s", msg);
	return doc;
}

static struct json *load(const char *path)
{
	struct json_error err;

	return check_doc(json_parse_file(path, &err), path, &err);
}

static const char *variant_of(const struct json *doc)
{
	const char *v = json_str(json_get(json_get(doc, "context"), "variant"));

	return v ? v : "";
}

/* Part i read into m->texts[i], refused if an earlier one is the same. */
static void read_part(struct merge *m, int i)
{
	const char *path = m->files[i];
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t cap = 0, n;

	if (!f || fstat(fileno(f), &st)) {
		int e = errno;

		if (f)
			fclose(f);
		die("%s: %s", path, strerror(e));
	}
	m->dev[i] = st.st_dev;
	m->ino[i] = st.st_ino;
	for (;;) {
		char *t;

		if (m->lens[i] + 65536 > cap) {
			cap = cap ? 2 * cap : 65536;
			t = realloc(m->texts[i], cap);
			if (!t) {
				fclose(f);
				die("%s: out of memory", path);
			}
			m->texts[i] = t;
		}
		n = fread(m->texts[i] + m->lens[i], 1, cap - m->lens[i], f);
		m->lens[i] += n;
		if (!n)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		die("%s: read error", path);
	}
	fclose(f);
	for (int k = 0; k < i; k++) {
		if (!strcmp(path, m->files[k]))
			die("%s: given twice (parts %d and %d)", path, k + 1,
			    i + 1);
		if (m->dev[k] == m->dev[i] && m->ino[k] == m->ino[i])
			die("%s: the same file as %s (a link to it)", path,
			    m->files[k]);
		if (m->lens[k] == m->lens[i] &&
		    !memcmp(m->texts[k], m->texts[i], m->lens[i]))
			die("%s: the same content as %s (a part given twice)",
			    path, m->files[k]);
	}
}

static void merge(const char *out, char **files, int n)
{
	struct merge *m = &merge_state;
	struct json_error err;

	m->files = files;
	m->nparts = n;
	m->docs = calloc(n, sizeof(*m->docs));
	m->texts = calloc(n, sizeof(*m->texts));
	m->lens = calloc(n, sizeof(*m->lens));
	m->dev = calloc(n, sizeof(*m->dev));
	m->ino = calloc(n, sizeof(*m->ino));
	if (!m->docs || !m->texts || !m->lens || !m->dev || !m->ino)
		die("out of memory");
	for (int i = 0; i < n; i++) {
		read_part(m, i);
		m->docs[i] = json_parse(m->texts[i] ? m->texts[i] : "",
					m->lens[i], files[i], &err);
		check_doc(m->docs[i], files[i], &err);
		if (strcmp(variant_of(m->docs[i]), variant_of(m->docs[0])))
			die("%s: variant '%s' differs from %s's '%s'", files[i],
			    variant_of(m->docs[i]), files[0],
			    variant_of(m->docs[0]));
	}
	collect(m);
	for (size_t i = 0; i < m->nb; i++)
		if (m->b[i].several)
			check_rounds(m, &m->b[i]);
	out_open(&m->o, out, json_get(m->docs[0], "context"));
	for (size_t i = 0; i < m->nb; i++) {
		struct bench *b = &m->b[i];

		if (b->several) {
			put_rounds(&m->o, m, b);
		} else {
			for (size_t k = 0; k < b->niter; k++)
				put_row(&m->o, b->iter[k].j, b->family, -1, -1);
			for (size_t k = 0; k < b->nagg; k++)
				put_row(&m->o, b->agg[k].j, b->family, -1, -1);
		}
	}
	out_close(&m->o);
	merge_release();
}

/* -c: the iteration rows of a count pass, by benchmark */
static void load_costs(const char *path)
{
	struct json *doc = load(path); /* lives until the end */
	const struct json *bs = json_get(doc, "benchmarks");

	for (size_t i = 0; i < json_len(bs); i++) {
		const struct json *row = json_at(bs, i);
		const char *name = need_str(row, "run_name", path, i);
		const char *type = need_str(row, "run_type", path, i);

		if (strcmp(type, "iteration") || row_failed(row) ||
		    cost_row(name))
			continue;
		if (!json_is_num(json_get(row, "kernel_bb")))
			die("%s: benchmarks[%zu]: no number \"kernel_bb\" (not the output of --gmap_cost?)",
			    path, i);
		costs = realloc(costs, (ncosts + 1) * sizeof(*costs));
		if (!costs)
			die("out of memory");
		costs[ncosts++] = (struct cost_bench){name, row};
	}
}

/* -F ... -f OUT: the --gmap_cost_out files as one object */
static void gather_functions(const char *out, char **files, int n)
{
	struct json **docs = calloc(n + 1, sizeof(*docs));
	struct json_error err;
	bool first = true;
	FILE *f;

	if (!docs)
		die("out of memory");
	for (int i = 0; i < n; i++) {
		docs[i] = json_parse_file(files[i], &err);
		if (!docs[i])
			die("%s", err.msg);
		if (docs[i]->type != JSON_OBJECT)
			die("%s: not an object of benchmarks (--gmap_cost_out)",
			    files[i]);
		for (size_t k = 0; k < docs[i]->len; k++) {
			if (docs[i]->items[k]->type != JSON_OBJECT)
				die("%s: \"%s\": not an object of functions",
				    files[i], docs[i]->keys[k]);
			for (int p = 0; p < i; p++)
				if (json_get(docs[p], docs[i]->keys[k]))
					die("%s: \"%s\" is in %s too", files[i],
					    docs[i]->keys[k], files[p]);
		}
	}
	f = tmp_create(out);
	fputc('{', f);
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < docs[i]->len; k++) {
			fputs(first ? "\n  " : ",\n  ", f);
			first = false;
			json_put_string(f, docs[i]->keys[k]);
			fputs(": ", f);
			put_value(f, docs[i]->items[k], 1);
		}
		json_free(docs[i]);
	}
	fputs(first ? "}\n" : "\n}\n", f);
	free(docs);
	tmp_commit(f, out);
}

static void split(const char *prefix, const char *file)
{
	struct json *doc = load(file);
	const struct json *bs = json_get(doc, "benchmarks");
	int64_t reps = 0;
	char path[4096];

	for (size_t i = 0; i < json_len(bs); i++) {
		const struct json *row = json_at(bs, i);
		const char *type = json_str(json_get(row, "run_type"));
		int64_t ri;

		if (!type || strcmp(type, "iteration"))
			continue;
		ri = need_int(row, "repetition_index", file, i);
		if (ri < 0)
			die("%s: benchmarks[%zu]: repetition_index %lld", file,
			    i, (long long)ri);
		if (ri >= reps)
			reps = ri + 1;
	}
	if (!reps)
		die("%s: no iteration rows to split", file);
	for (int64_t k = 0; k < reps; k++) {
		struct out o;

		snprintf(path, sizeof(path), "%s.r%lld.json", prefix,
			 (long long)k + 1);
		out_open(&o, path, json_get(doc, "context"));
		for (size_t i = 0; i < json_len(bs); i++) {
			const struct json *row = json_at(bs, i);
			const char *type = json_str(json_get(row, "run_type"));
			int64_t ri, fi;

			if (!type || strcmp(type, "iteration") ||
			    !json_int64(json_get(row, "repetition_index"),
					&ri) ||
			    ri != k)
				continue;
			fi = need_int(row, "family_index", file, i);
			put_row(&o, row, fi, 1, 0);
		}
		out_close(&o);
	}
	json_free(doc);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gmapbench-merge -o OUT [-c COST.json]... [-F FUNCS.json]... [-f FUNCS_OUT]\n"
		"                       PART.json...\n"
		"       (-c: kernel_bb* of a --gmap_cost run onto OUT's rows; -F: its\n"
		"       --gmap_cost_out files, gathered into FUNCS_OUT by -f)\n"
		"       gmapbench-merge -s -o PREFIX FILE.json   (PREFIX.r1.json, ...: one file per repetition)\n");
}

int main(int argc, char **argv)
{
	const char *out = NULL, *funcs_out = NULL;
	char **funcs = calloc(argc, sizeof(*funcs));
	bool do_split = false;
	int opt, n, nfuncs = 0;

	if (!funcs)
		die("out of memory");
	while ((opt = getopt(argc, argv, "o:c:F:f:sh")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'c':
			load_costs(optarg);
			break;
		case 'F':
			funcs[nfuncs++] = optarg;
			break;
		case 'f':
			funcs_out = optarg;
			break;
		case 's':
			do_split = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	n = argc - optind;
	if (!out || n < 1)
		die("need -o OUT and at least one part (see -h)");
	if (nfuncs && !funcs_out)
		die("-F %s: needs -f FUNCS_OUT", funcs[0]);
	if (funcs_out)
		gather_functions(funcs_out, funcs, nfuncs);
	free(funcs);
	if (do_split) {
		if (n != 1)
			die("-s splits one file, not %d", n);
		split(out, argv[optind]);
	} else {
		merge(out, argv + optind, n);
	}
	return 0;
}
