// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the function rules and the unreachable list of make coverage
 * (covrules.h has both formats).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "covrules.h"

void *cov_xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("covreport");
		exit(2);
	}
	return p;
}

char *cov_xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("covreport");
		exit(2);
	}
	return d;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

char *cov_collapse(const char *s)
{
	char *d = cov_xrealloc(NULL, strlen(s) + 1), *o = d;

	while (isspace((unsigned char)*s))
		s++;
	while (*s) {
		if (isspace((unsigned char)*s)) {
			while (isspace((unsigned char)*s))
				s++;
			if (*s)
				*o++ = ' ';
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return d;
}

/* The next line without its newline, NULL at the end; *nr counts lines. */
static char *next_line(FILE *f, char **buf, size_t *cap, int *nr)
{
	ssize_t n = getline(buf, cap, f);

	if (n < 0)
		return NULL;
	if (n && (*buf)[n - 1] == '\n')
		(*buf)[n - 1] = '\0';
	(*nr)++;
	return *buf;
}

static bool skip_line(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return !*s || *s == '#';
}

/* "NAME why..." of an add or drop line */
static int add_named(struct cov_named **v, size_t *nr, const char *rest,
		     int line, const char *path, char *err, size_t errlen)
{
	char *c = cov_collapse(rest), *sp = strchr(c, ' ');
	struct cov_named *n;

	if (!*c || !sp) {
		free(c);
		return fail(err, errlen, "%s:%d: expected NAME and the reason",
			    path, line);
	}
	*sp = '\0';
	*v = cov_xrealloc(*v, (*nr + 1) * sizeof(**v));
	n = &(*v)[(*nr)++];
	n->name = cov_xstrdup(c);
	n->why = cov_xstrdup(sp + 1);
	n->line = line;
	n->used = false;
	free(c);
	return 0;
}

static int compile(regex_t *re, bool *have, const char *kw, const char *ere,
		   int line, const char *path, char *err, size_t errlen)
{
	char msg[128];
	int e;

	if (*have)
		return fail(err, errlen, "%s:%d: a second %s line", path, line,
			    kw);
	e = regcomp(re, ere, REG_EXTENDED | REG_NOSUB);
	if (e) {
		regerror(e, re, msg, sizeof(msg));
		return fail(err, errlen, "%s:%d: %s %s: %s", path, line, kw,
			    ere, msg);
	}
	*have = true;
	return 0;
}

int cov_rules_load(struct cov_rules *r, const char *path, char *err,
		   size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, *s, *kw, *rest;
	size_t cap = 0;
	int nr = 0, rc = 0;

	memset(r, 0, sizeof(*r));
	r->path = path;
	if (!f)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	while (!rc && (s = next_line(f, &buf, &cap, &nr))) {
		if (skip_line(s))
			continue;
		kw = s + strspn(s, " \t");
		rest = kw + strcspn(kw, " \t");
		if (*rest)
			*rest++ = '\0';
		rest += strspn(rest, " \t");
		if (!strcmp(kw, "file") && *rest && !strpbrk(rest, " \t")) {
			r->files = cov_xrealloc(
				r->files, (r->nr_files + 1) * sizeof(char *));
			r->files[r->nr_files++] = cov_xstrdup(rest);
		} else if (!strcmp(kw, "match") && *rest) {
			rc = compile(&r->match, &r->have_match, kw, rest, nr,
				     path, err, errlen);
		} else if (!strcmp(kw, "assert") && *rest) {
			rc = compile(&r->assert, &r->have_assert, kw, rest, nr,
				     path, err, errlen);
		} else if (!strcmp(kw, "add")) {
			rc = add_named(&r->adds, &r->nr_adds, rest, nr, path,
				       err, errlen);
		} else if (!strcmp(kw, "drop")) {
			rc = add_named(&r->drops, &r->nr_drops, rest, nr, path,
				       err, errlen);
		} else {
			rc = fail(
				err, errlen,
				"%s:%d: expected 'file PATH', 'match ERE', "
				"'assert ERE', 'add NAME why' or 'drop NAME why'",
				path, nr);
		}
	}
	free(buf);
	fclose(f);
	if (!rc && (!r->nr_files || !r->have_match))
		rc = fail(err, errlen, "%s: needs file lines and a match line",
			  path);
	return rc;
}

/* "FUNCTION+OFFSET | source | why" */
static int parse_unreachable(struct cov_unreachable *u, const char *s, int line,
			     const char *path, char *err, size_t errlen)
{
	const char *bar1 = strstr(s, " | "), *bar2 = NULL, *p;
	char *head, *plus, *end;
	long off;

	for (p = bar1 ? strstr(bar1 + 3, " | ") : NULL; p;
	     p = strstr(p + 3, " | "))
		bar2 = p;
	if (!bar1 || !bar2)
		return fail(err, errlen,
			    "%s:%d: expected 'FUNCTION+OFFSET | source | why'",
			    path, line);
	head = strndup(s, bar1 - s);
	end = head;
	plus = strchr(head, '+');
	if (plus) {
		*plus++ = '\0';
		if (!strcmp(plus, "*")) {
			off = -1;
		} else {
			errno = 0;
			off = strtol(plus, &end, 10);
			if (errno || end == plus || *end || off < 0 ||
			    off > 100000)
				plus = NULL;
		}
	}
	u->function = cov_collapse(head);
	free(head);
	if (!plus || !*u->function || strchr(u->function, ' '))
		return fail(err, errlen,
			    "%s:%d: expected FUNCTION+OFFSET (a line count "
			    "from the function's name) or FUNCTION+*",
			    path, line);
	u->offset = (int)off;
	head = strndup(bar1 + 3, bar2 - bar1 - 3);
	u->source = cov_collapse(head);
	free(head);
	u->why = cov_collapse(bar2 + 3);
	if (off < 0 && strcmp(u->source, "*"))
		return fail(err, errlen,
			    "%s:%d: a whole function takes '*' "
			    "as its source text",
			    path, line);
	if (off >= 0 && !*u->source)
		return fail(err, errlen, "%s:%d: the source text is empty",
			    path, line);
	if (!*u->why)
		return fail(err, errlen, "%s:%d: say why it is unreachable",
			    path, line);
	u->line = line;
	u->used = false;
	return 0;
}

int cov_unreachable_load(struct cov_unreachable_list *u, const char *path,
			 char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, *s;
	size_t cap = 0;
	int nr = 0, rc = 0;

	memset(u, 0, sizeof(*u));
	u->path = path;
	if (!f)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	while (!rc && (s = next_line(f, &buf, &cap, &nr))) {
		if (skip_line(s))
			continue;
		u->items =
			cov_xrealloc(u->items, (u->nr + 1) * sizeof(*u->items));
		memset(&u->items[u->nr], 0, sizeof(*u->items));
		rc = parse_unreachable(&u->items[u->nr++], s, nr, path, err,
				       errlen);
	}
	free(buf);
	fclose(f);
	return rc;
}

void cov_rules_free(struct cov_rules *r)
{
	size_t i;

	for (i = 0; i < r->nr_files; i++)
		free(r->files[i]);
	for (i = 0; i < r->nr_adds; i++)
		free(r->adds[i].name), free(r->adds[i].why);
	for (i = 0; i < r->nr_drops; i++)
		free(r->drops[i].name), free(r->drops[i].why);
	free(r->files);
	free(r->adds);
	free(r->drops);
	if (r->have_match)
		regfree(&r->match);
	if (r->have_assert)
		regfree(&r->assert);
}

void cov_unreachable_free(struct cov_unreachable_list *u)
{
	size_t i;

	for (i = 0; i < u->nr; i++) {
		free(u->items[i].function);
		free(u->items[i].source);
		free(u->items[i].why);
	}
	free(u->items);
}

const char *cov_rules_file(const struct cov_rules *r, const char *path)
{
	size_t i, n = strlen(path), k;

	for (i = 0; i < r->nr_files; i++) {
		k = strlen(r->files[i]);
		if (n >= k && !strcmp(path + n - k, r->files[i]) &&
		    (n == k || path[n - k - 1] == '/'))
			return r->files[i];
	}
	return NULL;
}

static struct cov_named *find_named(struct cov_named *v, size_t nr,
				    const char *name)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

bool cov_rules_select(struct cov_rules *r, const char *name, const char **why)
{
	struct cov_named *n;

	if ((n = find_named(r->drops, r->nr_drops, name))) {
		n->used = true;
		return false;
	}
	if ((n = find_named(r->adds, r->nr_adds, name))) {
		n->used = true;
		*why = n->why;
		return true;
	}
	*why = "match";
	return !regexec(&r->match, name, 0, NULL, 0);
}

bool cov_rules_assertion(const struct cov_rules *r, const char *source)
{
	return r->have_assert && !regexec(&r->assert, source, 0, NULL, 0);
}
