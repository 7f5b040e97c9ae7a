// SPDX-License-Identifier: GPL-2.0
/* Unit tests of lib/json: valid documents, exact values, malformed input. */
#include "gbench.h"
#include "json.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct json *parse(const char *s, struct json_error *err)
{
	return json_parse(s, strlen(s), "t.json", err);
}

/* The input must fail at line:col with a message containing want. */
static void bad(const char *in, int line, int col, const char *want)
{
	struct json_error err;
	struct json *v = parse(in, &err);

	if (!tap_ok(!v && err.line == line && err.col == col &&
			    strstr(err.msg, want) &&
			    !strncmp(err.msg, "t.json:", 7),
		    "rejects %s at %d:%d", want, line, col))
		tap_diag("got %s: %s", v ? "a value" : "error", err.msg);
	json_free(v);
}

static void test_document(void)
{
	const char *doc =
		"{\n  \"context\": {\"date\": \"2026-11-24\", \"num_cpus\": 2},\n"
		"  \"benchmarks\": [\n"
		"    {\"name\": \"a/1\", \"real_time\": 1.5e+02, \"iterations\": 18446744073709551615,\n"
		"     \"neg\": -9223372036854775808, \"z\": -0, \"t\": true, \"f\": false, \"n\": null}\n"
		"  ]\n}\n";
	struct json_error err;
	struct json *v = parse(doc, &err);
	const struct json *b, *e;
	uint64_t u = 0;
	int64_t s = 0;

	tap_ok(v && v->type == JSON_OBJECT,
	       "parses a Google Benchmark-shaped document");
	tap_ok(json_len(v) == 2 && !strcmp(json_key(v, 0), "context") &&
		       !strcmp(json_key(v, 1), "benchmarks"),
	       "object keys keep their order");
	b = json_get(v, "benchmarks");
	e = json_at(b, 0);
	tap_ok(json_len(b) == 1 && e && e->line == 4 && e->col == 5,
	       "values know their line and column (%d:%d)", e ? e->line : 0,
	       e ? e->col : 0);
	tap_ok(!strcmp(json_str(json_get(e, "name")), "a/1"), "string value");
	tap_ok(json_num(json_get(e, "real_time"), 0) == 150.0, "double value");
	tap_ok(json_uint64(json_get(e, "iterations"), &u) &&
		       u == 18446744073709551615ULL,
	       "a 64-bit unsigned integer survives exactly");
	tap_ok(json_int64(json_get(e, "neg"), &s) && s == INT64_MIN,
	       "INT64_MIN survives exactly");
	tap_ok(!json_int64(json_get(e, "iterations"), &s),
	       "json_int64 refuses what does not fit");
	tap_ok(!json_uint64(json_get(e, "neg"), &u),
	       "json_uint64 refuses negatives");
	tap_ok(!json_int64(json_get(e, "real_time"), &s),
	       "json_int64 refuses a number written with an exponent");
	tap_ok(json_get(e, "z")->type == JSON_NUMBER &&
		       signbit(json_get(e, "z")->num),
	       "-0 is a negative zero");
	tap_ok(json_get(e, "t")->type == JSON_TRUE &&
		       json_get(e, "f")->type == JSON_FALSE &&
		       json_get(e, "n")->type == JSON_NULL,
	       "literals");
	tap_ok(!json_get(e, "missing") && !json_get(b, "name") &&
		       !json_at(e, 99) && !json_str(json_get(e, "real_time")) &&
		       json_num(NULL, 7) == 7,
	       "accessors return nothing for missing keys and wrong types");
	json_free(v);
}

static void test_strings(void)
{
	struct json_error err;
	struct json *v = parse(
		"[\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u20ac\", "
		"\"\\ud83d\\ude00\", \"x\\u0000y\", \"\xc3\xa9\xe2\x82\xac\", \"\"]",
		&err);

	tap_ok(v != NULL, "string escapes parse (%s)", v ? "" : err.msg);
	if (!v)
		return;
	tap_ok(!strcmp(json_str(json_at(v, 0)), "a\"\\/\b\f\n\r\t"),
	       "simple escapes");
	tap_ok(!strcmp(json_str(json_at(v, 1)), "\xc3\xa9\xe2\x82\xac"),
	       "\\u escapes become UTF-8");
	tap_ok(!strcmp(json_str(json_at(v, 2)), "\xf0\x9f\x98\x80"),
	       "a surrogate pair becomes one 4-byte UTF-8 character");
	tap_ok(json_at(v, 3)->len == 3 &&
		       !memcmp(json_at(v, 3)->str, "x\0y", 3),
	       "\\u0000 is kept, with the length");
	tap_ok(!strcmp(json_str(json_at(v, 4)), "\xc3\xa9\xe2\x82\xac"),
	       "raw UTF-8 passes");
	tap_ok(json_str(json_at(v, 5)) && json_at(v, 5)->len == 0,
	       "empty string");
	json_free(v);
}

static void test_malformed(void)
{
	char deep[2 * JSON_MAX_DEPTH + 8];
	struct json_error err;
	struct json *v;
	int i;

	bad("", 1, 1, "unexpected end of input");
	bad("   \n  ", 2, 3, "unexpected end of input");
	bad("{\"a\": 1,}", 1, 9, "expected a string key");
	bad("[1, 2,]", 1, 7, "unexpected ']'");
	bad("[1 2]", 1, 4, "expected ',' or ']'");
	bad("{\"a\" 1}", 1, 6, "expected ':'");
	bad("{\"a\": 1", 1, 8, "unexpected end of input");
	bad("[01]", 1, 2, "leading zero");
	bad("[1.]", 1, 4, "after '.'");
	bad("[1e]", 1, 4, "exponent");
	bad("[-]", 1, 3, "expected a digit");
	bad("[+1]", 1, 2, "unexpected '+'");
	bad("[.5]", 1, 2, "unexpected '.'");
	bad("[NaNa]", 1, 5, "expected ',' or ']'");
	bad("[Inf]", 1, 2, "expected a digit");
	bad("[nan]", 1, 2, "expected a value");
	bad("[tru]", 1, 2, "expected a value");
	bad("[\"abc]", 1, 2, "unterminated string");
	bad("[\"a\tb\"]", 1, 4, "control character 0x09");
	bad("[\"\\x\"]", 1, 3, "bad escape");
	bad("[\"\\u12G4\"]", 1, 3, "bad \\u escape");
	bad("[\"\\ud800\"]", 1, 3, "without a low one");
	bad("[\"\\udc00\"]", 1, 3, "lone low surrogate");
	bad("[\"\xff\"]", 1, 3, "invalid UTF-8");
	bad("[\"\xc0\xaf\"]", 1, 3, "invalid UTF-8"); /* overlong */
	bad("[\"\xed\xa0\x80\"]", 1, 3,
	    "invalid UTF-8"); /* encoded surrogate */
	bad("[\"\xe2\x82\"]", 1, 3, "invalid UTF-8"); /* truncated */
	bad("{} x", 1, 4, "trailing data");
	bad("{}\n\n  ]", 3, 3, "trailing data");
	bad("{\"a\":\n  [1,\n   2,\n   }", 4, 4, "unexpected '}'");
	bad("{'a': 1}", 1, 2, "expected a string key");
	bad("[1] // comment", 1, 5, "trailing data");
	bad("\x01", 1, 1, "unexpected byte 0x01");

	for (i = 0; i < JSON_MAX_DEPTH; i++)
		deep[i] = '[';
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		deep[JSON_MAX_DEPTH + i] = ']';
	deep[2 * JSON_MAX_DEPTH] = 0;
	v = parse(deep, &err);
	tap_ok(v != NULL, "nesting of exactly JSON_MAX_DEPTH parses");
	json_free(v);

	{
		size_t n = 1000000;
		char *hostile = malloc(n + 1);

		memset(hostile, '[', n);
		hostile[n] = 0;
		v = json_parse(hostile, n, "t.json", &err);
		tap_ok(!v && strstr(err.msg, "nesting deeper than"),
		       "a million '[' fail cleanly: %s", err.msg);
		free(hostile);
	}
	v = json_parse("[1] trailing", 3, NULL, &err);
	tap_ok(v && json_len(v) == 1,
	       "parses exactly len bytes, no NUL needed");
	json_free(v);
	v = json_parse("\xef\xbb\xbf{}", 5, NULL, &err);
	tap_ok(v && v->type == JSON_OBJECT,
	       "tolerates a UTF-8 byte order mark");
	json_free(v);
}

static void test_file_and_writer(const char *argv0)
{
	char path[4096];
	struct json_error err;
	struct json *v, *back;
	char *text = NULL;
	size_t len = 0;
	FILE *m;
	int fd;

	v = json_parse_file("no-such-dir/x.json", &err);
	tap_ok(!v && strstr(err.msg, "no-such-dir/x.json: No such file"),
	       "a missing file names the file: %s", err.msg);

	snprintf(path, sizeof(path), "%s-XXXXXX", argv0);
	fd = mkstemp(path);
	if (write(fd, "{\"a\":\n  [1,,2]}", 15) != 15)
		tap_diag("short write");
	close(fd);
	v = json_parse_file(path, &err);
	tap_ok(!v && !strncmp(err.msg, path, strlen(path)) &&
		       strstr(err.msg, ":2:6: "),
	       "a parse error names file:line:col: %s", err.msg);
	unlink(path);

	m = open_memstream(&text, &len);
	fputc('[', m);
	json_put_string(m, "q\"b\\n\n\t\x01\x7f\xc3\xa9");
	fputc(',', m);
	json_put_number(m, 18446744073709551615.0);
	fputc(',', m);
	json_put_number(m, 42);
	fputc(',', m);
	json_put_number(m, NAN);
	fputc(',', m);
	json_put_number(m, 0.1);
	fputc(']', m);
	fclose(m);
	back = json_parse(text, len, "written", &err);
	tap_ok(back && !strcmp(json_str(json_at(back, 0)),
			       "q\"b\\n\n\t\x01\x7f\xc3\xa9"),
	       "json_put_string round-trips through the parser: %s", text);
	tap_ok(back && json_at(back, 2) &&
		       !strcmp(json_at(back, 2)->str, "42") &&
		       strstr(text, ",0.1]") &&
		       json_at(back, 3)->type == JSON_NULL &&
		       json_num(json_at(back, 4), 0) == 0.1 &&
		       json_num(json_at(back, 1), 0) == 18446744073709551615.0,
	       "json_put_number: integers plain, NaN as null, doubles exact and short");
	json_free(back);
	free(text);
}

/* Google Benchmark 1.7.1 writes these for the CV of an all-zero counter */
static void test_nonfinite(void)
{
	struct json_error err;
	struct json *v = parse("[NaN, -NaN, Infinity, -Infinity, 1]", &err);

	tap_ok(v && json_len(v) == 5, "NaN and Infinity parse as numbers");
	tap_ok(v && isnan(json_num(json_at(v, 0), 0)) &&
		       isnan(json_num(json_at(v, 1), 0)),
	       "NaN and -NaN are NaN");
	tap_ok(v && isinf(json_num(json_at(v, 2), 0)) &&
		       json_num(json_at(v, 2), 0) > 0 &&
		       json_num(json_at(v, 3), 0) < 0,
	       "Infinity and -Infinity keep their sign");
	tap_ok(v && !strcmp(json_at(v, 3)->str, "-Infinity"),
	       "non-finite numbers keep their text");
	json_free(v);
}

/* The input must fail with exactly this message. */
static void bad_exact(const char *in, const char *want)
{
	struct json_error err;
	struct json *v = parse(in, &err);

	if (!tap_ok(!v && !strcmp(err.msg, want), "rejects: %s", want))
		tap_diag("got %s: %s", v ? "a value" : "error", err.msg);
	json_free(v);
}

static void test_duplicate_keys(void)
{
	struct json_error err;
	struct json *v;
	static char big[16 * 1024];
	size_t n, mark;

	bad_exact(
		"{\"a\": 1,\n \"b\": {\"a\": 2},\n  \"a\": 3}",
		"t.json:3:3: duplicate key \"a\" (its first value is at 1:7)");
	bad_exact(
		"[{\"x\": 1}, {\"y\": [], \"y\": []}]",
		"t.json:1:22: duplicate key \"y\" (its first value is at 1:18)");
	v = parse("[{\"a\": 1}, {\"a\": 2, \"ab\": 3, \"b\": {\"a\": 4}}]",
		  &err);
	tap_ok(v && json_len(json_at(v, 1)) == 3,
	       "the same key in different objects is not a duplicate");
	json_free(v);
	/* many keys, so that the key set grows: the last repeats the first */
	n = (size_t)snprintf(big, sizeof(big), "{");
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "\"k%d\":%d,",
				      i, i);
	mark = n;
	snprintf(big + mark, sizeof(big) - mark, "\"k0\":0}");
	v = parse(big, &err);
	if (!tap_ok(!v && strstr(err.msg,
				 ": duplicate key \"k0\" (its first value is at 1:7)"),
		    "a duplicate after 1000 keys is found"))
		tap_diag("%s", v ? "accepted" : err.msg);
	json_free(v);
	snprintf(big + mark, sizeof(big) - mark, "\"k1000\":0}");
	v = parse(big, &err);
	if (!tap_ok(v && json_len(v) == 1001,
		    "1001 distinct keys are accepted"))
		tap_diag("%s", err.msg);
	json_free(v);
}

/* gbench_check_rows() on {"benchmarks": [rows]}: 0, or exactly want. */
static void rows(const char *rows, const char *want, const char *what)
{
	char text[4096], msg[512] = "";
	struct json_error err;
	struct json *v;
	int rc;

	snprintf(text, sizeof(text), "{\"benchmarks\": [\n%s\n]}", rows);
	v = parse(text, &err);
	if (!v) {
		tap_ok(false, "%s", what);
		tap_diag("does not parse: %s", err.msg);
		return;
	}
	rc = gbench_check_rows(json_get(v, "benchmarks"), "t.json", msg,
			       sizeof(msg));
	if (!tap_ok(want ? rc == -1 && !strcmp(msg, want) : rc == 0 && !msg[0],
		    "%s", what))
		tap_diag("rc %d: %s", rc, msg);
	json_free(v);
}

#define IT(name, rep, t, it)                                      \
	"{\"name\": \"" name "\", \"run_type\": \"iteration\", "  \
	"\"repetition_index\": " rep ", \"iterations\": " it ", " \
	"\"real_time\": " t ", \"cpu_time\": " t ", \"time_unit\": \"ns\"}"
#define AGG(name)                                                \
	"{\"name\": \"" name "\", \"run_type\": \"aggregate\", " \
	"\"aggregate_name\": \"stddev\", \"iterations\": 3, "    \
	"\"real_time\": 0, \"cpu_time\": 0, \"time_unit\": \"ns\"}"

static void test_gbench_rows(void)
{
	rows(IT("a/1", "0", "2.5", "10") ",\n" IT("b/1", "0", "3", "10") ",\n" IT(
		     "a/1", "1", "2.4",
		     "12") ",\n" AGG("a/1_stddev") ",\n"
						   "{\"name\": \"c/1\", \"run_type\": \"iteration\", \"repetition_index\": 0, \"error_occurred\": true, \"error_message\": \"x\", \"iterations\": 0, \"real_time\": 0, \"cpu_time\": 0}",
	     NULL,
	     "repetitions, aggregates with a zero stddev, a failed row with zero times: accepted");
	rows("{\"name\": \"a\", \"real_time\": 1, \"cpu_time\": 1},\n{\"name\": \"b\", \"real_time\": 1, \"cpu_time\": 1}",
	     NULL, "rows without run_type, index or iterations: accepted");
	rows(IT("a/1", "0", "2.5", "10") ",\n" IT(
		     "a/1", "1", "2.5", "10") ",\n" IT("a/1", "0", "2.5", "10"),
	     "t.json:4:1: benchmarks[2] (a/1): a second sample of repetition_index 0 (the first is benchmarks[0], line 2)",
	     "the same row twice: refused, naming both");
	rows(IT("a/1", "0", "2.5", "10") ",\n" IT(
		     "a/1", "0", "2.5", "10") ",\n" IT("a/1", "0", "2.5", "10"),
	     "t.json:3:1: benchmarks[1] (a/1): a second sample of repetition_index 0 (the first is benchmarks[0], line 2)",
	     "a row tripled: refused at its first copy");
	rows(AGG("a/1_stddev") ",\n" AGG("a/1_stddev"),
	     "t.json:3:1: benchmarks[1] (a/1_stddev): a second aggregate of that name (the first is benchmarks[0], line 2)",
	     "an aggregate twice: refused");
	rows("{\"name\": \"a\"},\n{\"name\": \"a\"}",
	     "t.json:3:1: benchmarks[1] (a): a second sample of that name, neither has a repetition_index (the first is benchmarks[0], line 2)",
	     "rows of one name without repetition_index: refused");
	rows(IT("a/1", "0", "0", "10"),
	     "t.json:2:96: benchmarks[0] (a/1): real_time 0 is not a time > 0",
	     "a zero time: refused");
	rows(IT("a/1", "0", "-1.5", "10"),
	     "t.json:2:96: benchmarks[0] (a/1): real_time -1.5 is not a time > 0",
	     "a negative time: refused");
	rows(IT("a/1", "0", "NaN", "10"),
	     "t.json:2:96: benchmarks[0] (a/1): real_time NaN is not a time > 0",
	     "a NaN time: refused");
	rows(IT("a/1", "0", "Infinity", "10"),
	     "t.json:2:96: benchmarks[0] (a/1): real_time Infinity is not a time > 0",
	     "an infinite time: refused");
	rows("{\"name\": \"a\", \"real_time\": 1, \"cpu_time\": \"1\"}",
	     "t.json:2:43: benchmarks[0] (a): cpu_time is not a number",
	     "a time that is a string: refused");
	rows(IT("a/1", "0", "1", "0"),
	     "t.json:2:79: benchmarks[0] (a/1): iterations 0 is not an integer > 0",
	     "zero iterations: refused");
	rows(IT("a/1", "0", "1", "-3"),
	     "t.json:2:79: benchmarks[0] (a/1): iterations -3 is not an integer > 0",
	     "negative iterations: refused");
	rows(IT("a/1", "0", "1", "2.5"),
	     "t.json:2:79: benchmarks[0] (a/1): iterations 2.5 is not an integer > 0",
	     "fractional iterations: refused");
	rows(IT("a/1", "0", "1", "true"),
	     "t.json:2:79: benchmarks[0] (a/1): iterations true is not an integer > 0",
	     "iterations that are not a number: refused");
	rows(IT("a/1", "-1", "1", "1"),
	     "t.json:2:62: benchmarks[0] (a/1): repetition_index -1 is not an integer >= 0",
	     "a negative repetition_index: refused");
	rows("{\"run_name\": \"r\", \"repetition_index\": 1},\n{\"run_name\": \"r\", \"repetition_index\": 1}",
	     "t.json:3:1: benchmarks[1] (r): a second sample of repetition_index 1 (the first is benchmarks[0], line 2)",
	     "rows without a name: identified by run_name");
	rows("{\"real_time\": 1},\n{\"real_time\": 1}", NULL,
	     "rows without name or run_name: left to the reader");
	rows("1", "t.json:2:1: benchmarks[0] is not an object",
	     "a row that is not an object: refused");
}

int main(int argc, char **argv)
{
	tap_plan_unknown();
	test_document();
	test_strings();
	test_malformed();
	test_nonfinite();
	test_duplicate_keys();
	test_gbench_rows();
	test_file_and_writer(argv[0]);
	return tap_done();
}
