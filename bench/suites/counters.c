// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-counters: the deterministic counters of a gmapbench JSON file,
 * one line each, for diff and for checking claims:
 *
 *	<run_name> <counter> <value>
 *
 * Only iteration runs count (not aggregates). Every repetition of a run
 * must report the same value of each counter of host/counters.h: a value
 * that differs between repetitions is an error (the simulation is meant to
 * be deterministic), as is a benchmark that reported an error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "json.h"

struct row {
	const char *run;
	int counter;
	double value;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->run, y->run);

	return c ? c : x->counter - y->counter;
}

int main(int argc, char **argv)
{
	const struct json *bs;
	struct json_error err;
	struct json *doc;
	struct row *rows;
	size_t i, n = 0, k;
	int id, rc = 0;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: gmapbench-counters FILE.json\n");
		return 2;
	}
	doc = json_parse_file(argv[1], &err);
	if (!doc) {
		fprintf(stderr, "gmapbench-counters: %s\n", err.msg);
		return 2;
	}
	bs = json_get(doc, "benchmarks");
	if (!bs || bs->type != JSON_ARRAY) {
		fprintf(stderr, "gmapbench-counters: %s: no benchmarks array\n",
			argv[1]);
		return 2;
	}
	rows = calloc(json_len(bs) * GC_NR + 1, sizeof(*rows));
	for (i = 0; i < json_len(bs); i++) {
		const struct json *b = json_at(bs, i);
		const char *run = json_str(json_get(b, "run_name"));
		const char *type = json_str(json_get(b, "run_type"));

		if (!run)
			run = json_str(json_get(b, "name"));
		if (!run || (type && strcmp(type, "iteration")))
			continue;
		if (json_get(b, "error_occurred") &&
		    json_get(b, "error_occurred")->type == JSON_TRUE) {
			fprintf(stderr,
				"gmapbench-counters: %s: %s: error: %s\n",
				argv[1], run,
				json_str(json_get(b, "error_message")));
			rc = 1;
			continue;
		}
		for_each_counter(id) {
			const struct json *v =
				json_get(b, gmap_counter_names[id]);

			if (!json_is_num(v))
				continue;
			for (k = 0; k < n; k++)
				if (rows[k].counter == id &&
				    !strcmp(rows[k].run, run))
					break;
			if (k == n) {
				rows[n++] =
					(struct row){run, id, json_num(v, 0)};
			} else if (rows[k].value != json_num(v, 0)) {
				fprintf(stderr,
					"gmapbench-counters: %s: %s: %s differs between repetitions (%.17g, %.17g)\n",
					argv[1], run, gmap_counter_names[id],
					rows[k].value, json_num(v, 0));
				rc = 1;
			}
		}
	}
	qsort(rows, n, sizeof(*rows), cmp_row);
	for (k = 0; k < n; k++)
		printf("%s %s %.17g\n", rows[k].run,
		       gmap_counter_names[rows[k].counter], rows[k].value);
	free(rows);
	json_free(doc);
	return rc;
}
