// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for lib/json: parse anything; on success walk the whole
 * tree through the accessors and write every string back out.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

static void walk(const struct json *v, FILE *out, int depth)
{
	size_t i;
	int64_t s;
	uint64_t u;

	if (depth > JSON_MAX_DEPTH + 1)
		abort(); /* the depth limit did not hold */
	switch (v->type) {
	case JSON_STRING:
		if (strlen(v->str) > v->len)
			abort();
		json_put_string(out, v->str);
		break;
	case JSON_NUMBER:
		json_int64(v, &s);
		json_uint64(v, &u);
		json_put_number(out, json_num(v, 0));
		break;
	case JSON_OBJECT:
		for (i = 0; i < json_len(v); i++) {
			json_put_string(out, json_key(v, i));
			/* keys are unique: each finds its own value */
			if (json_get(v, json_key(v, i)) != json_at(v, i))
				abort();
		}
		/* fall through */
	case JSON_ARRAY:
		for (i = 0; i < json_len(v); i++)
			walk(json_at(v, i), out, depth + 1);
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct json_error err;
	struct json *v;

	if (!sink)
		sink = fopen("/dev/null", "w");
	v = json_parse((const char *)data, size, "fuzz", &err);
	if (v)
		walk(v, sink, 0);
	else if (!err.msg[0] || err.line < 1 || err.col < 1)
		abort(); /* every parse error must say where */
	json_free(v);
	return 0;
}
