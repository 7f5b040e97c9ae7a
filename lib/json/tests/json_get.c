// SPDX-License-Identifier: GPL-2.0
/*
 * json-get FILE PATH...: prints the value at each PATH (.key, [index], [*]
 * for every element, a final # for the length of an array or object), one
 * line per value, for the shell tests. Paths of one argument separated by
 * spaces print on one line: json-get f '.a[*].name .a[*].n'. Exit 1 when a
 * value is missing, 2 when FILE is not valid JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static int print_value(const struct json *v)
{
	if (!v)
		return 1;
	if (v->type == JSON_STRING || v->type == JSON_NUMBER)
		fputs(v->str, stdout);
	else
		fputs(json_type_name(v->type), stdout);
	return 0;
}

/* Resolves path p (up to a space or the end) from v; returns 1 if missing. */
static const struct json *walk(const struct json *v, const char *p,
			       const char **end, size_t star, bool *len)
{
	*len = false;
	while (v && *p && *p != ' ') {
		if (*p == '.') {
			char key[256];
			size_t n = strcspn(p + 1, ".[# ");

			snprintf(key, sizeof(key), "%.*s", (int)n, p + 1);
			v = n ? json_get(v, key) : v;
			p += n + 1;
		} else if (*p == '[') {
			char *e;
			long i;

			if (p[1] == '*' && p[2] == ']') {
				i = (long)star;
				e = (char *)p + 2;
			} else {
				i = strtol(p + 1, &e, 10);
			}
			v = *e == ']' && i >= 0 ? json_at(v, (size_t)i) : NULL;
			p = *e ? e + 1 : e;
		} else if (*p == '#') {
			*len = true;
			p++;
		} else {
			fprintf(stderr, "json-get: bad path at '%s'\n", p);
			exit(2);
		}
	}
	while (*p && *p != ' ') /* the rest of a path to nothing */
		p++;
	*end = p;
	return v;
}

/* The number of elements [*] ranges over: the array before the first [*]. */
static size_t star_count(const struct json *doc, const char *path)
{
	const char *s = strstr(path, "[*]"), *end;
	char prefix[1024];
	bool len;

	if (!s)
		return 1;
	snprintf(prefix, sizeof(prefix), "%.*s", (int)(s - path), path);
	return json_len(walk(doc, prefix, &end, 0, &len));
}

int main(int argc, char **argv)
{
	struct json_error err;
	struct json *doc;
	int rc = 0, a;

	if (argc < 3) {
		fprintf(stderr, "usage: json-get FILE PATH...\n");
		return 2;
	}
	doc = json_parse_file(argv[1], &err);
	if (!doc) {
		fprintf(stderr, "json-get: %s\n", err.msg);
		return 2;
	}
	for (a = 2; a < argc; a++) {
		size_t n = star_count(doc, argv[a]), i;

		for (i = 0; i < n; i++) {
			const char *p = argv[a];

			while (*p) {
				const char *end;
				bool len;
				const struct json *v =
					walk(doc, p, &end, i, &len);

				if (len)
					printf("%zu", json_len(v));
				else
					rc |= print_value(v);
				p = end;
				while (*p == ' ')
					p++;
				if (*p)
					putchar(' ');
			}
			putchar('\n');
		}
	}
	json_free(doc);
	return rc;
}
