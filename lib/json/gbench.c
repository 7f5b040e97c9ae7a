// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A row as a sample: what makes it the same as another. */
struct sample {
	const char *name;
	bool iteration;
	int64_t rep; /* repetition_index; -1 when absent or an aggregate */
	size_t at;
};

static int cmp_sample(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	if (x->iteration != y->iteration)
		return x->iteration ? -1 : 1;
	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

__attribute__((format(printf, 6, 7))) static int
bad_row(char *err, size_t errlen, const char *path, const struct json *at,
	size_t i, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errlen, "%s:%d:%d: benchmarks[%zu]", path,
		     at ? at->line : 0, at ? at->col : 0, i);
	if (n < 0 || (size_t)n >= errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* A time of a row that ran: a finite number > 0. */
static int check_time(const struct json *row, const char *key, const char *path,
		      size_t i, const char *name, char *err, size_t errlen)
{
	const struct json *v = json_get(row, key);

	if (!v)
		return 0;
	if (!json_is_num(v))
		return bad_row(err, errlen, path, v, i,
			       " (%.80s): %s is not a number", name, key);
	if (!isfinite(v->num) || v->num <= 0)
		return bad_row(err, errlen, path, v, i,
			       " (%.80s): %s %.40s is not a time > 0", name,
			       key, v->str);
	return 0;
}

int gbench_check_rows(const struct json *benchmarks, const char *path,
		      char *err, size_t errlen)
{
	size_t n = json_len(benchmarks), ns = 0, i, dup = 0, first = 0;
	struct sample *s;
	int rc = 0;

	if (!path)
		path = "";
	s = calloc(n ? n : 1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	for (i = 0; i < n && !rc; i++) {
		const struct json *row = json_at(benchmarks, i), *v;
		const char *type = json_str(json_get(row, "run_type"));
		const char *name = json_str(json_get(row, "name"));
		const struct json *fail = json_get(row, "error_occurred");
		bool iteration = type ? !strcmp(type, "iteration")
				      : !json_get(row, "aggregate_name");
		int64_t rep = -1;

		if (!row || row->type != JSON_OBJECT) {
			rc = bad_row(err, errlen, path, row, i,
				     " is not an object");
			break;
		}
		if (!name) /* Google Benchmark writes it; else run_name, as compare */
			name = json_str(json_get(row, "run_name"));
		v = json_get(row, "repetition_index");
		if (iteration && v && (!json_int64(v, &rep) || rep < 0)) {
			rc = bad_row(
				err, errlen, path, v, i,
				" (%.80s): repetition_index %.40s is not an integer >= 0",
				name ? name : "",
				v->type == JSON_NUMBER
					? v->str
					: json_type_name(v->type));
			break;
		}
		if (name)
			s[ns++] = (struct sample){name, iteration, rep, i};
		else
			name = "";
		if (!iteration || (fail && fail->type == JSON_TRUE))
			continue;
		if (check_time(row, "real_time", path, i, name, err, errlen) ||
		    check_time(row, "cpu_time", path, i, name, err, errlen)) {
			rc = -1;
			break;
		}
		v = json_get(row, "iterations");
		if (v && (!json_int64(v, &rep) || rep <= 0))
			rc = bad_row(
				err, errlen, path, v, i,
				" (%.80s): iterations %.40s is not an integer > 0",
				name,
				v->type == JSON_NUMBER
					? v->str
					: json_type_name(v->type));
	}
	if (!rc && ns > 1) {
		qsort(s, ns, sizeof(*s), cmp_sample);
		/* the earliest row in the file that repeats an earlier one */
		for (i = 1; i < ns; i++)
			if (!strcmp(s[i].name, s[i - 1].name) &&
			    s[i].iteration == s[i - 1].iteration &&
			    s[i].rep == s[i - 1].rep &&
			    (!dup || s[i].at < dup)) {
				dup = s[i].at;
				first = s[i - 1].at;
			}
		if (dup) {
			const struct json *a = json_at(benchmarks, first);
			const struct sample *d = NULL;

			for (i = 0; i < ns && !d; i++)
				if (s[i].at == dup)
					d = &s[i];
			if (d->iteration && d->rep < 0)
				rc = bad_row(
					err, errlen, path,
					json_at(benchmarks, dup), dup,
					" (%.80s): a second sample of that name, neither has a repetition_index (the first is benchmarks[%zu], line %d)",
					d->name, first, a->line);
			else if (d->iteration)
				rc = bad_row(
					err, errlen, path,
					json_at(benchmarks, dup), dup,
					" (%.80s): a second sample of repetition_index %lld (the first is benchmarks[%zu], line %d)",
					d->name, (long long)d->rep, first,
					a->line);
			else
				rc = bad_row(
					err, errlen, path,
					json_at(benchmarks, dup), dup,
					" (%.80s): a second aggregate of that name (the first is benchmarks[%zu], line %d)",
					d->name, first, a->line);
		}
	}
	free(s);
	return rc;
}
