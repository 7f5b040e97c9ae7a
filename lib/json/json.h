/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small, strict JSON (RFC 8259) reader with a DOM, and a writer helper.
 * One extension: NaN, Infinity and their negatives are numbers, because
 * Google Benchmark writes them (the CV of a counter that is always 0).
 *
 *	struct json_error err;
 *	struct json *doc = json_parse_file("x.json", &err);
 *	if (!doc)
 *		fprintf(stderr, "%s\n", err.msg);	// "x.json:3:14: ..."
 *	const struct json *b = json_get(doc, "benchmarks");
 *	for (size_t i = 0; i < json_len(b); i++) ...json_at(b, i)...
 *	json_free(doc);
 *
 * Objects keep their key order; a duplicate key is an error (file:line:col
 * of the second). Numbers keep their original text beside the double, so
 * 64-bit integers survive (json_int64/json_uint64). Strings are UTF-8
 * (validated), may contain NUL (see .len), and are NUL-terminated. Nesting
 * is limited to JSON_MAX_DEPTH, so hostile input cannot exhaust the stack.
 */
#ifndef GMAPBENCH_JSON_H
#define GMAPBENCH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 256

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type type;
	int line, col; /* where the value starts, 1-based */
	double num; /* JSON_NUMBER */
	char *str; /* JSON_STRING: the decoded text; JSON_NUMBER: as written */
	size_t len; /* bytes in str, or items in an array/object */
	struct json **items; /* JSON_ARRAY, JSON_OBJECT: the values */
	char **keys; /* JSON_OBJECT: the keys, NUL-terminated */
	size_t cap;
};

struct json_error {
	int line, col; /* 0 when the error is not about a position */
	char msg[256]; /* complete message, prefixed by the name when given */
};

/* Parses len bytes; name (may be NULL) prefixes error messages. */
struct json *json_parse(const char *text, size_t len, const char *name,
			struct json_error *err);
struct json *json_parse_file(const char *path, struct json_error *err);
void json_free(struct json *v);

const char *json_type_name(enum json_type t);

/* Accessors: all accept NULL and wrong types (they return NULL/0/false). */
const struct json *json_get(const struct json *obj, const char *key);
const struct json *json_at(const struct json *arr, size_t i);
size_t json_len(const struct json *v);
const char *json_key(const struct json *obj, size_t i);
const char *json_str(const struct json *v); /* JSON_STRING only */
bool json_is_num(const struct json *v);
double json_num(const struct json *v, double dflt);
bool json_int64(const struct json *v, int64_t *out); /* exact integers only */
bool json_uint64(const struct json *v, uint64_t *out); /* exact integers only */

/* Writer helpers: a quoted, escaped string; a number (null if not finite). */
void json_put_string(FILE *f, const char *s);
void json_put_number(FILE *f, double d);

#endif /* GMAPBENCH_JSON_H */
