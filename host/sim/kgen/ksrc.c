// SPDX-License-Identifier: GPL-2.0
/*
 * ksrc: reading kernel C sources at the token level, shared by kgen and
 * the mutant generator (host/sim/mutate). Comments, string and character
 * literals and preprocessor lines are skipped when braces are matched.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksrc.h"

const char *ksrc_name = "", *ksrc_prog = "kgen";

void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror(ksrc_prog);
			exit(2);
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

int line_of(const char *src, size_t pos)
{
	int line = 1;
	size_t i;

	for (i = 0; i < pos; i++)
		line += src[i] == '\n';
	return line;
}

void die_at(const char *src, size_t pos, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: %s: ", ksrc_name, line_of(src, pos), ksrc_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/*
 * If src[i] starts something braces must not be counted in (a comment, a
 * literal, a preprocessor line), returns the position after it; else i.
 */
size_t skip_noncode(const char *src, size_t n, size_t i)
{
	if (src[i] == '/' && i + 1 < n && src[i + 1] == '*') {
		const char *e = strstr(src + i + 2, "*/");

		if (!e)
			die_at(src, i, "unterminated comment");
		return (size_t)(e - src) + 2;
	}
	if (src[i] == '/' && i + 1 < n && src[i + 1] == '/') {
		while (i < n && src[i] != '\n')
			i++;
		return i;
	}
	if (src[i] == '"' || src[i] == '\'') {
		char q = src[i];
		size_t j = i + 1;

		while (j < n && src[j] != q && src[j] != '\n')
			j += src[j] == '\\' ? 2 : 1;
		if (j >= n || src[j] != q)
			die_at(src, i, "unterminated literal");
		return j + 1;
	}
	if (src[i] == '#') {
		size_t k = i;

		while (k > 0 && (src[k - 1] == ' ' || src[k - 1] == '\t'))
			k--;
		if (k == 0 || src[k - 1] == '\n') {
			while (i < n && src[i] != '\n')
				i += (src[i] == '\\' && i + 1 < n) ? 2 : 1;
			return i;
		}
	}
	return i;
}

bool is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* Splits src into top-level items; returns how many. */
size_t scan_items(const char *src, size_t n, struct item **out)
{
	struct item *items = NULL, cur = {0};
	size_t nr = 0, cap = 0, i = 0;
	int depth = 0, paren = 0;
	bool in_item = false, saw_paren = false, saw_eq = false;

	while (i < n) {
		size_t j = skip_noncode(src, n, i);
		char c;

		if (j != i) {
			i = j;
			continue;
		}
		c = src[i];
		if (isspace((unsigned char)c)) {
			i++;
			continue;
		}
		if (!in_item) {
			memset(&cur, 0, sizeof(cur));
			cur.start = i;
			cur.brace = (size_t)-1;
			in_item = true;
			saw_paren = saw_eq = false;
		}
		if (c == '(')
			paren++, saw_paren |=
				 depth == 0 && cur.brace == (size_t)-1;
		else if (c == ')')
			paren--;
		else if (c == '=' && depth == 0 && paren == 0)
			saw_eq = true;
		else if (c == '{') {
			if (depth == 0 && cur.brace == (size_t)-1) {
				cur.brace = i;
				cur.function = saw_paren && !saw_eq;
			}
			depth++;
		} else if (c == '}') {
			if (--depth < 0)
				die_at(src, i, "unbalanced '}'");
		}
		i++;
		if (depth == 0 && paren == 0 &&
		    (c == ';' || (c == '}' && cur.function))) {
			cur.end = i;
			if (cur.brace == (size_t)-1)
				cur.brace = i;
			if (nr == cap) {
				cap = cap ? cap * 2 : 256;
				items = realloc(items, cap * sizeof(*items));
				if (!items) {
					perror(ksrc_prog);
					exit(2);
				}
			}
			items[nr++] = cur;
			in_item = false;
		}
	}
	if (depth)
		die_at(src, n, "unbalanced '{' at end of file");
	*out = items;
	return nr;
}

/* Copies [a, b) of src without comments into a new string. */
char *code_only(const char *src, size_t a, size_t b)
{
	struct buf o = {0};
	size_t i = a;

	buf_add(&o, "", 0);
	while (i < b) {
		size_t j = skip_noncode(src, b, i);

		if (j != i) {
			if (src[i] == '"' || src[i] == '\'')
				buf_add(&o, src + i, j - i);
			else
				buf_add(&o, " ", 1);
			i = j;
			continue;
		}
		buf_add(&o, src + i, 1);
		i++;
	}
	return o.p;
}

bool has_word(const char *s, const char *w)
{
	size_t wl = strlen(w);
	const char *p = s;

	while ((p = strstr(p, w))) {
		if ((p == s || !is_ident(p[-1])) && !is_ident(p[wl]))
			return true;
		p += wl;
	}
	return false;
}

static const char *const attr_macros[] = {
	"__attribute__", "__acquires",	"__releases",
	"__must_hold",	 "__aligned",	"__section",
	"__printf",	 "__cond_lock", NULL,
};

/* The name an item defines, or NULL: function name or struct/union/enum tag */
char *item_name(const char *src, const struct item *it)
{
	char *head = code_only(src, it->start, it->brace);
	char *p, *name = NULL;

	if (it->function) {
		int depth = 0;

		for (p = head; *p; p++) {
			if (*p == '(' && depth++ == 0) {
				char *e = p, *s;
				int k;

				while (e > head &&
				       isspace((unsigned char)e[-1]))
					e--;
				s = e;
				while (s > head && is_ident(s[-1]))
					s--;
				for (k = 0; attr_macros[k]; k++)
					if ((size_t)(e - s) ==
						    strlen(attr_macros[k]) &&
					    !strncmp(s, attr_macros[k], e - s))
						break;
				if (!attr_macros[k] && e > s) {
					name = strndup(s, e - s);
					break;
				}
			} else if (*p == ')') {
				depth--;
			}
		}
	} else {
		static const char *const kw[] = {"struct", "union", "enum"};
		int k;

		for (k = 0; k < 3 && !name; k++) {
			char *q = head;
			size_t kl = strlen(kw[k]);

			while ((q = strstr(q, kw[k]))) {
				char *s;

				if ((q > head && is_ident(q[-1])) ||
				    is_ident(q[kl])) {
					q += kl;
					continue;
				}
				s = q + kl;
				while (isspace((unsigned char)*s))
					s++;
				q = s;
				while (is_ident(*q))
					q++;
				while (isspace((unsigned char)*q))
					q++;
				/* the tag of the definition: followed by '{' */
				if (q > s && *q == 0)
					name = strndup(s, strcspn(s, " \t\n{"));
				break;
			}
		}
	}
	free(head);
	return name;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char tmp[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", ksrc_prog, path,
			strerror(errno));
		exit(1);
	}
	buf_add(&b, "", 0);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*len = b.len;
	return b.p;
}
