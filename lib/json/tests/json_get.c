// SPDX-License-Identifier: GPL-2.0
/*
 * json-get FILE PATH: prints the value at PATH (.key, [index], a final #
 * for the length of an array or object) for the shell tests. Exit 1 when
 * there is no such value, 2 when FILE is not valid JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int main(int argc, char **argv)
{
	struct json_error err;
	struct json *doc;
	const struct json *v;
	const char *p;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: json-get FILE PATH\n");
		return 2;
	}
	doc = json_parse_file(argv[1], &err);
	if (!doc) {
		fprintf(stderr, "json-get: %s\n", err.msg);
		return 2;
	}
	v = doc;
	for (p = argv[2]; v && *p;) {
		if (*p == '.') {
			char key[256];
			size_t n = strcspn(p + 1, ".[#");

			snprintf(key, sizeof(key), "%.*s", (int)n, p + 1);
			v = n ? json_get(v, key) : v;
			p += n + 1;
		} else if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);

			v = *end == ']' && i >= 0 ? json_at(v, (size_t)i)
						  : NULL;
			p = *end ? end + 1 : end;
		} else if (*p == '#' && !p[1]) {
			printf("%zu\n", json_len(v));
			goto out;
		} else {
			fprintf(stderr, "json-get: bad path at '%s'\n", p);
			rc = 2;
			goto out;
		}
	}
	if (!v) {
		rc = 1;
	} else if (v->type == JSON_STRING || v->type == JSON_NUMBER) {
		printf("%s\n", v->str);
	} else {
		printf("%s\n", json_type_name(v->type));
	}
out:
	json_free(doc);
	return rc;
}
