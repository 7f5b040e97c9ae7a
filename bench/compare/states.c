// SPDX-License-Identifier: GPL-2.0
/*
 * What a night's state/ says beside its results (results.h): the jobs that
 * did not end done, the peak resident set of the timed rounds, and how the
 * wall time of the night split (night-time.txt). docs/verdicts.md defines
 * the files.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"

static const char *const ranked[] = {"failed", "memory", "hung", "wrong"};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("gmapbench-compare");
		exit(2);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (!d) {
		perror("gmapbench-compare");
		exit(2);
	}
	return d;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = NULL, buf[4096];
	size_t len = 0, got;

	if (!f)
		return xstrndup("", 0);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		s = xrealloc(s, len + got + 1);
		memcpy(s + len, buf, got);
		len += got;
	}
	fclose(f);
	if (!s)
		return xstrndup("", 0);
	s[len] = 0;
	return s;
}

int failure_rank(const struct failure *f)
{
	size_t i;

	for (i = 0; i < sizeof(ranked) / sizeof(*ranked); i++)
		if (!strcmp(f->outcome, ranked[i]))
			return (int)i + 1;
	return 1;
}

static bool is_outcome(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(ranked) / sizeof(*ranked); i++)
		if (!strcmp(s, ranked[i]))
			return true;
	return false;
}

/*
 * The headline is the first line when it says what happened (docs/
 * verdicts.md); state files of older nights hold only the log's tail.
 */
static char *headline_of(const char *text)
{
	static const char *const words[] = {"WRONG", "HUNG", "MEMORY",
					    "FAILED"};
	size_t i, l = strcspn(text, "\n");

	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strncmp(text, words[i], strlen(words[i])))
			return xstrndup(text, l);
	return xstrndup("", 0);
}

static void add_failure(struct night *n, const char *variant, size_t vlen,
			const char *what, size_t wlen, const char *outcome,
			const char *path)
{
	char *tail = read_text(path);
	struct failure *f;
	size_t j;

	/* a failed build or oracle pass marks every round with its file */
	for (j = 0; j < n->nfailed; j++) {
		if (!strncmp(n->failed[j].variant, variant, vlen) &&
		    !n->failed[j].variant[vlen] &&
		    !strcmp(n->failed[j].tail, tail)) {
			free(tail);
			return;
		}
	}
	n->failed = xrealloc(n->failed, (n->nfailed + 1) * sizeof(*f));
	f = &n->failed[n->nfailed++];
	f->variant = xstrndup(variant, vlen);
	f->what = xstrndup(what, wlen);
	f->outcome = xstrndup(outcome, strlen(outcome));
	f->headline = headline_of(tail);
	f->tail = tail;
}

static void add_absent(struct night *n, const char *variant, size_t vlen,
		       const char *path)
{
	char *text = read_text(path);

	n->absent = xrealloc(n->absent, (n->nabsent + 1) * sizeof(*n->absent));
	n->absent[n->nabsent].variant = xstrndup(variant, vlen);
	n->absent[n->nabsent].reason = xstrndup(text, strcspn(text, "\n"));
	n->nabsent++;
	free(text);
}

struct rss_sample {
	char *variant, *suite;
	double kib;
};

static int cmp_sample(const void *a, const void *b)
{
	const struct rss_sample *x = a, *y = b;
	int c = strcmp(x->variant, y->variant);

	if (!c)
		c = strcmp(x->suite, y->suite);
	return c ? c : (x->kib > y->kib) - (x->kib < y->kib);
}

/* A timed round's done file: its peak_rss_kib, under its variant and suite. */
static void add_sample(struct rss_sample **s, size_t *ns, const char *variant,
		       size_t vlen, const char *what, size_t wlen,
		       const char *path)
{
	const char *r = NULL, *p;
	char *text;
	double kib;

	for (p = what; p + 2 <= what + wlen; p++)
		if (p[0] == '-' && p[1] == 'r')
			r = p;
	if (!r || r[2] < '0' || r[2] > '9')
		return;
	text = read_text(path);
	p = strstr(text, "peak_rss_kib=");
	if (p && sscanf(p, "peak_rss_kib=%lf", &kib) == 1 && kib > 0) {
		*s = xrealloc(*s, (*ns + 1) * sizeof(**s));
		(*s)[*ns] = (struct rss_sample){
			xstrndup(variant, vlen),
			xstrndup(what, (size_t)(r - what)), kib};
		(*ns)++;
	}
	free(text);
}

/* The median over the rounds of each variant and suite. */
static void rss_medians(struct night *n, struct rss_sample *s, size_t ns)
{
	size_t i = 0, j, k;

	if (ns)
		qsort(s, ns, sizeof(*s), cmp_sample);
	while (i < ns) {
		double med;

		for (j = i; j < ns && !strcmp(s[j].variant, s[i].variant) &&
			    !strcmp(s[j].suite, s[i].suite);
		     j++)
			;
		k = j - i;
		med = k % 2 ? s[i + k / 2].kib
			    : (s[i + k / 2 - 1].kib + s[i + k / 2].kib) / 2;
		n->rss = xrealloc(n->rss, (n->nrss + 1) * sizeof(*n->rss));
		n->rss[n->nrss++] =
			(struct peak_rss){s[i].variant, s[i].suite, med};
		for (k = i + 1; k < j; k++) {
			free(s[k].variant);
			free(s[k].suite);
		}
		i = j;
	}
	free(s);
}

static void load_time(struct night *n)
{
	static const char *const keys[] = {"wall",  "build", "oracle", "cost",
					   "timed", "merge", "report"};
	double *v[] = {&n->time.wall,  &n->time.build, &n->time.oracle,
		       &n->time.cost,  &n->time.timed, &n->time.merge,
		       &n->time.report};
	char path[8192], line[256];
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(v) / sizeof(*v); i++)
		*v[i] = NAN;
	snprintf(path, sizeof(path), "%s/night-time.txt", n->dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		for (i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
			size_t l = strlen(keys[i]);
			double us;

			if (!strncmp(line, keys[i], l) &&
			    sscanf(line + l, "_us=%lf", &us) == 1)
				*v[i] = us / 1e6;
		}
	}
	fclose(f);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void night_load_states(struct night *n)
{
	char state[4096], path[8192], **names = NULL;
	struct rss_sample *s = NULL;
	size_t nn = 0, ns = 0, i;
	struct dirent *de;
	DIR *d;

	load_time(n);
	snprintf(state, sizeof(state), "%s/state", n->dir);
	d = opendir(state);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strstr(de->d_name, ".tmp"))
			continue;
		names = xrealloc(names, (nn + 1) * sizeof(*names));
		names[nn++] = xstrndup(de->d_name, strlen(de->d_name));
	}
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof(*names), cmp_name);
	/* <variant>.<what>.<outcome> */
	for (i = 0; i < nn; i++) {
		char *name = names[i], *o = strrchr(name, '.'), *w;

		if (o) {
			*o = 0;
			w = strrchr(name, '.');
			*o = '.';
			snprintf(path, sizeof(path), "%s/%s", state, name);
			if (w && !strcmp(o + 1, "done"))
				add_sample(&s, &ns, name, (size_t)(w - name),
					   w + 1, (size_t)(o - w - 1), path);
			else if (w && !strcmp(o + 1, "absent"))
				add_absent(n, name, (size_t)(w - name), path);
			else if (w && is_outcome(o + 1))
				add_failure(n, name, (size_t)(w - name), w + 1,
					    (size_t)(o - w - 1), o + 1, path);
		}
		free(name);
	}
	free(names);
	rss_medians(n, s, ns);
}

void night_free_states(struct night *n)
{
	size_t i;

	for (i = 0; i < n->nfailed; i++) {
		free(n->failed[i].variant);
		free(n->failed[i].what);
		free(n->failed[i].outcome);
		free(n->failed[i].headline);
		free(n->failed[i].tail);
	}
	free(n->failed);
	for (i = 0; i < n->nrss; i++) {
		free(n->rss[i].variant);
		free(n->rss[i].suite);
	}
	free(n->rss);
	n->failed = NULL;
	for (i = 0; i < n->nabsent; i++) {
		free(n->absent[i].variant);
		free(n->absent[i].reason);
	}
	free(n->absent);
	n->absent = NULL;
	n->nabsent = 0;
	n->rss = NULL;
	n->nfailed = n->nrss = 0;
}
