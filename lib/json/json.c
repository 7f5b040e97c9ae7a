// SPDX-License-Identifier: GPL-2.0
/*
 * The strict JSON reader of json.h: recursive descent bounded by
 * JSON_MAX_DEPTH, positions tracked for every value and every error.
 */
#include "json.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	const char *p, *end, *line_start;
	int line;
	const char *name;
	struct json_error *err;
	bool failed;
};

static int col_of(const struct parser *ps, const char *at)
{
	return (int)(at - ps->line_start) + 1;
}

__attribute__((format(printf, 3, 4))) static void
fail_at(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;
	int n = 0;
	struct json_error *e = ps->err;

	if (ps->failed)
		return;
	ps->failed = true;
	if (!e)
		return;
	e->line = ps->line;
	e->col = col_of(ps, at);
	if (ps->name)
		n = snprintf(e->msg, sizeof(e->msg), "%s:", ps->name);
	n += snprintf(e->msg + n, sizeof(e->msg) - n, "%d:%d: ", e->line,
		      e->col);
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap);
	va_end(ap);
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end) {
		char c = *ps->p;

		if (c == '\n') {
			ps->line++;
			ps->line_start = ps->p + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		ps->p++;
	}
}

static struct json *new_value(struct parser *ps, enum json_type t)
{
	struct json *v = calloc(1, sizeof(*v));

	if (!v) {
		fail_at(ps, ps->p, "out of memory");
		return NULL;
	}
	v->type = t;
	v->line = ps->line;
	v->col = col_of(ps, ps->p);
	return v;
}

/* Growable byte buffer for decoded strings. */
struct buf {
	char *s;
	size_t len, cap;
};

static bool buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16;
		char *ns;

		while (cap < b->len + n + 1)
			cap *= 2;
		ns = realloc(b->s, cap);
		if (!ns)
			return false;
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	return true;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Length of the valid UTF-8 sequence at s (s < end, *s >= 0x80), or 0. */
static size_t utf8_valid(const unsigned char *s, const unsigned char *end)
{
	size_t n, i;
	uint32_t cp;

	if (*s >= 0xc2 && *s <= 0xdf)
		n = 2, cp = *s & 0x1f;
	else if (*s >= 0xe0 && *s <= 0xef)
		n = 3, cp = *s & 0x0f;
	else if (*s >= 0xf0 && *s <= 0xf4)
		n = 4, cp = *s & 0x07;
	else
		return 0;
	if ((size_t)(end - s) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

static int hex4(const char *p, const char *end, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* At the opening quote; decodes into *b and leaves p after the closing one. */
static bool parse_string_raw(struct parser *ps, struct buf *b)
{
	const char *start = ps->p;

	ps->p++;
	for (;;) {
		const char *run = ps->p;
		unsigned char c;

		while (ps->p < ps->end && (unsigned char)*ps->p >= 0x20 &&
		       *ps->p != '"' && *ps->p != '\\' &&
		       (unsigned char)*ps->p < 0x80)
			ps->p++;
		if (ps->p > run && !buf_put(b, run, (size_t)(ps->p - run)))
			goto oom;
		if (ps->p >= ps->end) {
			fail_at(ps, start, "unterminated string");
			return false;
		}
		c = (unsigned char)*ps->p;
		if (c == '"') {
			ps->p++;
			if (!b->s && !buf_put(b, "", 0))
				goto oom;
			return true;
		}
		if (c < 0x20) {
			fail_at(ps, ps->p,
				"control character 0x%02x in a string (must be escaped)",
				c);
			return false;
		}
		if (c >= 0x80) {
			size_t n = utf8_valid((const unsigned char *)ps->p,
					      (const unsigned char *)ps->end);

			if (!n) {
				fail_at(ps, ps->p, "invalid UTF-8 in a string");
				return false;
			}
			if (!buf_put(b, ps->p, n))
				goto oom;
			ps->p += n;
			continue;
		}
		/* backslash */
		if (ps->end - ps->p < 2) {
			fail_at(ps, start, "unterminated string");
			return false;
		}
		{
			const char *esc = ps->p;
			char ch = ps->p[1], out[4];
			uint32_t cp, lo;
			size_t n;

			ps->p += 2;
			switch (ch) {
			case '"':
			case '\\':
			case '/':
				out[0] = ch;
				n = 1;
				break;
			case 'b':
				out[0] = '\b';
				n = 1;
				break;
			case 'f':
				out[0] = '\f';
				n = 1;
				break;
			case 'n':
				out[0] = '\n';
				n = 1;
				break;
			case 'r':
				out[0] = '\r';
				n = 1;
				break;
			case 't':
				out[0] = '\t';
				n = 1;
				break;
			case 'u':
				if (hex4(ps->p, ps->end, &cp)) {
					fail_at(ps, esc,
						"bad \\u escape (need 4 hex digits)");
					return false;
				}
				ps->p += 4;
				if (cp >= 0xdc00 && cp <= 0xdfff) {
					fail_at(ps, esc,
						"lone low surrogate \\u%04X",
						cp);
					return false;
				}
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (ps->end - ps->p < 6 ||
					    ps->p[0] != '\\' ||
					    ps->p[1] != 'u' ||
					    hex4(ps->p + 2, ps->end, &lo) ||
					    lo < 0xdc00 || lo > 0xdfff) {
						fail_at(ps, esc,
							"high surrogate \\u%04X without a low one",
							cp);
						return false;
					}
					ps->p += 6;
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					     (lo - 0xdc00);
				}
				n = utf8_encode(cp, out);
				break;
			default:
				fail_at(ps, esc, "bad escape '\\%c'", ch);
				return false;
			}
			if (!buf_put(b, out, n))
				goto oom;
		}
	}
oom:
	fail_at(ps, ps->p, "out of memory");
	return false;
}

static struct json *parse_string(struct parser *ps)
{
	struct json *v = new_value(ps, JSON_STRING);
	struct buf b = {0};

	if (!v)
		return NULL;
	if (!parse_string_raw(ps, &b)) {
		free(b.s);
		free(v);
		return NULL;
	}
	v->str = b.s;
	v->len = b.len;
	return v;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static struct json *parse_number(struct parser *ps)
{
	const char *s = ps->p, *p = ps->p;
	struct json *v;

	if (p < ps->end && *p == '-')
		p++;
	/* Google Benchmark writes NaN and [-]Infinity (so does Python's
	 * json), e.g. the CV of a counter that is 0 in every repetition */
	if ((size_t)(ps->end - p) >= 3 && !memcmp(p, "NaN", 3)) {
		p += 3;
		goto make;
	}
	if ((size_t)(ps->end - p) >= 8 && !memcmp(p, "Infinity", 8)) {
		p += 8;
		goto make;
	}
	if (p >= ps->end || !is_digit(*p)) {
		fail_at(ps, p, "bad number: expected a digit");
		return NULL;
	}
	if (*p == '0') {
		p++;
		if (p < ps->end && is_digit(*p)) {
			fail_at(ps, s, "bad number: leading zero");
			return NULL;
		}
	} else {
		while (p < ps->end && is_digit(*p))
			p++;
	}
	if (p < ps->end && *p == '.') {
		p++;
		if (p >= ps->end || !is_digit(*p)) {
			fail_at(ps, p,
				"bad number: expected a digit after '.'");
			return NULL;
		}
		while (p < ps->end && is_digit(*p))
			p++;
	}
	if (p < ps->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < ps->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= ps->end || !is_digit(*p)) {
			fail_at(ps, p,
				"bad number: expected a digit in the exponent");
			return NULL;
		}
		while (p < ps->end && is_digit(*p))
			p++;
	}
make:
	v = new_value(ps, JSON_NUMBER);
	if (!v)
		return NULL;
	v->len = (size_t)(p - s);
	v->str = malloc(v->len + 1);
	if (!v->str) {
		free(v);
		fail_at(ps, s, "out of memory");
		return NULL;
	}
	memcpy(v->str, s, v->len);
	v->str[v->len] = 0;
	v->num =
		strtod(v->str, NULL); /* the grammar above is strtod's subset */
	ps->p = p;
	return v;
}

static bool literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n)) {
		fail_at(ps, ps->p, "unexpected '%.*s' (expected a value)",
			ps->end - ps->p > 0 ? 1 : 0, ps->p);
		return false;
	}
	ps->p += n;
	return true;
}

static bool push_item(struct parser *ps, struct json *c, char *key,
		      struct json *item)
{
	if (c->len == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 4;
		struct json **ni = realloc(c->items, cap * sizeof(*ni));

		if (!ni)
			goto oom;
		c->items = ni;
		if (c->type == JSON_OBJECT) {
			char **nk = realloc(c->keys, cap * sizeof(*nk));

			if (!nk)
				goto oom;
			c->keys = nk;
		}
		c->cap = cap;
	}
	c->items[c->len] = item;
	if (c->type == JSON_OBJECT)
		c->keys[c->len] = key;
	c->len++;
	return true;
oom:
	fail_at(ps, ps->p, "out of memory");
	return false;
}

/*
 * The keys of one object being parsed, hashed (open addressing, indexes
 * into c->keys + 1), so that a duplicate is found in constant time even in
 * a hostile object of many keys.
 */
struct key_set {
	size_t *slot;
	size_t cap; /* a power of two, at least twice the keys */
};

static size_t key_hash(const char *s)
{
	size_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Index of key in c->keys, or -1; the table is grown first if needed. */
static long key_find(struct key_set *ks, const struct json *c, const char *key,
		     bool *oom)
{
	size_t i;

	if (2 * (c->len + 1) > ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 16;
		size_t *ns = calloc(cap, sizeof(*ns));

		if (!ns) {
			*oom = true;
			return -1;
		}
		free(ks->slot);
		ks->slot = ns;
		ks->cap = cap;
		for (size_t k = 0; k < c->len; k++) {
			i = key_hash(c->keys[k]) & (cap - 1);
			while (ns[i])
				i = (i + 1) & (cap - 1);
			ns[i] = k + 1;
		}
	}
	i = key_hash(key) & (ks->cap - 1);
	for (; ks->slot[i]; i = (i + 1) & (ks->cap - 1))
		if (!strcmp(c->keys[ks->slot[i] - 1], key))
			return (long)ks->slot[i] - 1;
	return -1;
}

/* Records key, the c->len-th, after key_find() said it is new. */
static void key_add(struct key_set *ks, const char *key, size_t index)
{
	size_t i = key_hash(key) & (ks->cap - 1);

	while (ks->slot[i])
		i = (i + 1) & (ks->cap - 1);
	ks->slot[i] = index + 1;
}

static struct json *parse_value(struct parser *ps, int depth);

static struct json *parse_container(struct parser *ps, int depth)
{
	bool obj = *ps->p == '{';
	char close = obj ? '}' : ']';
	struct json *c = new_value(ps, obj ? JSON_OBJECT : JSON_ARRAY);
	struct key_set ks = {0};

	if (!c)
		return NULL;
	if (depth >= JSON_MAX_DEPTH) {
		fail_at(ps, ps->p, "nesting deeper than %d", JSON_MAX_DEPTH);
		goto bad;
	}
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		goto done;
	}
	for (;;) {
		char *key = NULL;
		struct json *item;

		skip_ws(ps);
		if (obj) {
			struct buf b = {0};
			const char *at = ps->p;
			bool oom = false;
			long first;

			if (ps->p >= ps->end || *ps->p != '"') {
				fail_at(ps, ps->p,
					ps->p >= ps->end
						? "unexpected end of input (expected a key)"
						: "expected a string key");
				goto bad;
			}
			if (!parse_string_raw(ps, &b)) {
				free(b.s);
				goto bad;
			}
			key = b.s;
			first = key_find(&ks, c, key, &oom);
			if (oom || first >= 0) {
				if (oom)
					fail_at(ps, at, "out of memory");
				else
					fail_at(ps, at,
						"duplicate key \"%.64s\" (its first value is at %d:%d)",
						key, c->items[first]->line,
						c->items[first]->col);
				free(key);
				goto bad;
			}
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				fail_at(ps, ps->p,
					"expected ':' after the key \"%s\"",
					key);
				free(key);
				goto bad;
			}
			ps->p++;
		}
		item = parse_value(ps, depth + 1);
		if (!item || !push_item(ps, c, key, item)) {
			free(key);
			json_free(item);
			goto bad;
		}
		if (obj)
			key_add(&ks, key, c->len - 1);
		skip_ws(ps);
		if (ps->p >= ps->end) {
			fail_at(ps, ps->p,
				"unexpected end of input (expected ',' or '%c')",
				close);
			goto bad;
		}
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			goto done;
		}
		fail_at(ps, ps->p, "expected ',' or '%c', got '%c'", close,
			*ps->p);
		goto bad;
	}
done:
	free(ks.slot);
	return c;
bad:
	free(ks.slot);
	json_free(c);
	return NULL;
}

static struct json *parse_value(struct parser *ps, int depth)
{
	struct json *v;

	skip_ws(ps);
	if (ps->p >= ps->end) {
		fail_at(ps, ps->p,
			"unexpected end of input (expected a value)");
		return NULL;
	}
	switch (*ps->p) {
	case '{':
	case '[':
		return parse_container(ps, depth);
	case '"':
		return parse_string(ps);
	case 't':
		v = new_value(ps, JSON_TRUE);
		if (v && !literal(ps, "true"))
			goto bad;
		return v;
	case 'f':
		v = new_value(ps, JSON_FALSE);
		if (v && !literal(ps, "false"))
			goto bad;
		return v;
	case 'n':
		v = new_value(ps, JSON_NULL);
		if (v && !literal(ps, "null"))
			goto bad;
		return v;
	default:
		if (*ps->p == '-' || is_digit(*ps->p) || *ps->p == 'N' ||
		    *ps->p == 'I')
			return parse_number(ps);
		if ((unsigned char)*ps->p >= 0x20 &&
		    (unsigned char)*ps->p < 0x7f)
			fail_at(ps, ps->p, "unexpected '%c' (expected a value)",
				*ps->p);
		else
			fail_at(ps, ps->p,
				"unexpected byte 0x%02x (expected a value)",
				(unsigned char)*ps->p);
		return NULL;
	}
bad:
	free(v);
	return NULL;
}

struct json *json_parse(const char *text, size_t len, const char *name,
			struct json_error *err)
{
	struct parser ps = {.p = text,
			    .end = text + len,
			    .line_start = text,
			    .line = 1,
			    .name = name,
			    .err = err};
	struct json *v;

	if (err)
		memset(err, 0, sizeof(*err));
	/* a UTF-8 byte order mark is tolerated, as RFC 8259 allows */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		ps.p += 3;
	v = parse_value(&ps, 0);
	if (!v)
		return NULL;
	skip_ws(&ps);
	if (ps.p < ps.end) {
		fail_at(&ps, ps.p, "trailing data after the value");
		json_free(v);
		return NULL;
	}
	return v;
}

struct json *json_parse_file(const char *path, struct json_error *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	struct json *v;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!f) {
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: %s", path,
				 strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (!buf_put(&b, chunk, n)) {
			if (err)
				snprintf(err->msg, sizeof(err->msg),
					 "%s: out of memory", path);
			fclose(f);
			free(b.s);
			return NULL;
		}
	}
	if (ferror(f)) {
		if (err)
			snprintf(err->msg, sizeof(err->msg),
				 "%s: read error: %s", path, strerror(errno));
		fclose(f);
		free(b.s);
		return NULL;
	}
	fclose(f);
	v = json_parse(b.s ? b.s : "", b.len, path, err);
	free(b.s);
	return v;
}

void json_free(struct json *v)
{
	size_t i;

	if (!v)
		return;
	if (v->type == JSON_ARRAY || v->type == JSON_OBJECT) {
		for (i = 0; i < v->len; i++) {
			json_free(v->items[i]);
			if (v->keys)
				free(v->keys[i]);
		}
		free(v->items);
		free(v->keys);
	}
	free(v->str);
	free(v);
}

const char *json_type_name(enum json_type t)
{
	static const char *const names[] = {
		[JSON_NULL] = "null",	  [JSON_FALSE] = "false",
		[JSON_TRUE] = "true",	  [JSON_NUMBER] = "number",
		[JSON_STRING] = "string", [JSON_ARRAY] = "array",
		[JSON_OBJECT] = "object",
	};

	return (unsigned)t <= JSON_OBJECT ? names[t] : "?";
}

const struct json *json_get(const struct json *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->len; i++)
		if (!strcmp(obj->keys[i], key))
			return obj->items[i];
	return NULL;
}

const struct json *json_at(const struct json *arr, size_t i)
{
	if (!arr || (arr->type != JSON_ARRAY && arr->type != JSON_OBJECT) ||
	    i >= arr->len)
		return NULL;
	return arr->items[i];
}

size_t json_len(const struct json *v)
{
	return v && (v->type == JSON_ARRAY || v->type == JSON_OBJECT) ? v->len
								      : 0;
}

const char *json_key(const struct json *obj, size_t i)
{
	return obj && obj->type == JSON_OBJECT && i < obj->len ? obj->keys[i]
							       : NULL;
}

const char *json_str(const struct json *v)
{
	return v && v->type == JSON_STRING ? v->str : NULL;
}

bool json_is_num(const struct json *v)
{
	return v && v->type == JSON_NUMBER;
}

double json_num(const struct json *v, double dflt)
{
	return json_is_num(v) ? v->num : dflt;
}

static bool integer_text(const struct json *v)
{
	return json_is_num(v) && !strpbrk(v->str, ".eE");
}

bool json_int64(const struct json *v, int64_t *out)
{
	long long x;
	char *end;

	if (!integer_text(v))
		return false;
	errno = 0;
	x = strtoll(v->str, &end, 10);
	if (errno || *end)
		return false;
	*out = x;
	return true;
}

bool json_uint64(const struct json *v, uint64_t *out)
{
	unsigned long long x;
	char *end;

	if (!integer_text(v) || v->str[0] == '-')
		return false;
	errno = 0;
	x = strtoull(v->str, &end, 10);
	if (errno || *end)
		return false;
	*out = x;
	return true;
}

void json_put_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void json_put_number(FILE *f, double d)
{
	if (!isfinite(d))
		fputs("null", f);
	else if (fabs(d) < 1e15 && d == (double)(long long)d)
		fprintf(f, "%lld", (long long)d);
	else {
		char buf[32];

		/* the shortest of %.15g, %.16g, %.17g that reads back exactly */
		snprintf(buf, sizeof(buf), "%.15g", d);
		if (strtod(buf, NULL) != d)
			snprintf(buf, sizeof(buf), "%.16g", d);
		if (strtod(buf, NULL) != d)
			snprintf(buf, sizeof(buf), "%.17g", d);
		fputs(buf, f);
	}
}
