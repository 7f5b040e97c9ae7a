// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-merge: assembles one variant's Google Benchmark JSON from the
 * parts a nightly wrote per suite (or per shard host).
 *
 *	gmapbench-merge -o OUT PART.json...
 *
 * The context is the first part's (every part must name the same variant);
 * the benchmarks are concatenated in the order of the parts, with
 * family_index renumbered so that families stay distinct. Numbers are
 * copied as they were written. OUT is written to a temporary name and
 * renamed, so it is never seen half-written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"

static void indent(FILE *f, int level)
{
	fprintf(f, "%*s", 2 * level, "");
}

/* Google Benchmark's layout: two spaces per level, "key": value. */
static void put_value(FILE *f, const struct json *v, int level)
{
	size_t i;

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
		if (v->len) {
			fputc('\n', f);
			indent(f, level);
		}
		fputc(v->type == JSON_ARRAY ? ']' : '}', f);
		break;
	}
}

/* One benchmark entry, with family_index shifted by base. */
static void put_benchmark(FILE *f, const struct json *b, int64_t base)
{
	int64_t fi;
	size_t i;

	fputs("{", f);
	for (i = 0; i < b->len; i++) {
		fputs(i ? ",\n" : "\n", f);
		indent(f, 3);
		json_put_string(f, b->keys[i]);
		fputs(": ", f);
		if (!strcmp(b->keys[i], "family_index") &&
		    json_int64(b->items[i], &fi))
			fprintf(f, "%lld", (long long)(fi + base));
		else
			put_value(f, b->items[i], 3);
	}
	fputs("\n    }", f);
}

static const char *variant_of(const struct json *doc)
{
	const char *v = json_str(json_get(json_get(doc, "context"), "variant"));

	return v ? v : "";
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	struct json **docs;
	int64_t base = 0;
	char tmp[4096];
	int n, i, opt, first = 1;
	size_t j;
	FILE *f;

	while ((opt = getopt(argc, argv, "o:h")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		default:
			fprintf(stderr, "usage: gmapbench-merge -o OUT PART.json...\n");
			return opt == 'h' ? 0 : 2;
		}
	}
	n = argc - optind;
	if (!out || n < 1) {
		fprintf(stderr, "gmapbench-merge: need -o OUT and at least one part\n");
		return 2;
	}
	docs = calloc(n, sizeof(*docs));
	for (i = 0; i < n; i++) {
		const char *path = argv[optind + i];
		struct json_error err;

		docs[i] = json_parse_file(path, &err);
		if (!docs[i]) {
			fprintf(stderr, "gmapbench-merge: %s\n", err.msg);
			return 2;
		}
		if (!json_get(docs[i], "context") ||
		    json_get(docs[i], "benchmarks") == NULL ||
		    json_get(docs[i], "benchmarks")->type != JSON_ARRAY) {
			fprintf(stderr,
				"gmapbench-merge: %s: not Google Benchmark JSON (no context or benchmarks array)\n",
				path);
			return 2;
		}
		if (strcmp(variant_of(docs[i]), variant_of(docs[0]))) {
			fprintf(stderr,
				"gmapbench-merge: %s: variant '%s' differs from %s's '%s'\n",
				path, variant_of(docs[i]), argv[optind],
				variant_of(docs[0]));
			return 2;
		}
	}

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", out, (int)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "gmapbench-merge: %s: %s\n", tmp, strerror(errno));
		return 2;
	}
	fputs("{\n  \"context\": ", f);
	put_value(f, json_get(docs[0], "context"), 1);
	fputs(",\n  \"benchmarks\": [", f);
	for (i = 0; i < n; i++) {
		const struct json *bs = json_get(docs[i], "benchmarks");
		int64_t max_fi = -1, fi;

		for (j = 0; j < json_len(bs); j++) {
			const struct json *b = json_at(bs, j);

			fputs(first ? "\n    " : ",\n    ", f);
			first = 0;
			put_benchmark(f, b, base);
			if (json_int64(json_get(b, "family_index"), &fi) &&
			    fi > max_fi)
				max_fi = fi;
		}
		base += max_fi + 1;
	}
	fputs(first ? "]\n}\n" : "\n  ]\n}\n", f);
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gmapbench-merge: %s: write failed\n", tmp);
		unlink(tmp);
		return 2;
	}
	if (rename(tmp, out)) {
		fprintf(stderr, "gmapbench-merge: %s: %s\n", out, strerror(errno));
		unlink(tmp);
		return 2;
	}
	for (i = 0; i < n; i++)
		json_free(docs[i]);
	free(docs);
	return 0;
}
