// SPDX-License-Identifier: GPL-2.0
/* Walking results/<date>/<host>/ and finding change points (history.h). */
#include "history.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diff.h"
#include "results.h"
#include "stats.h"

static void *xgrow(void *p, size_t n, size_t size)
{
	p = realloc(p, (n + 1) * size);
	if (!p) {
		perror("gmapbench-compare");
		exit(2);
	}
	return p;
}

static char *xdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("gmapbench-compare");
		exit(2);
	}
	return d;
}

static bool is_date(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return s[10] == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **subdirs(const char *dir, bool dates_only, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char path[8192];
		struct stat st;

		if (de->d_name[0] == '.' ||
		    (dates_only && !is_date(de->d_name)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		/* symlinks such as results/latest are not nights of their own */
		if (lstat(path, &st) || !S_ISDIR(st.st_mode))
			continue;
		v = xgrow(v, *n, sizeof(char *));
		v[(*n)++] = xdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(char *), cmp_str);
	return v;
}

static struct series *series_get(struct history *h, const char *host,
				 const char *variant, const char *bench,
				 const char *metric)
{
	struct series *s;
	size_t i;

	for (i = 0; i < h->ns; i++) {
		s = &h->s[i];
		if (!strcmp(s->host, host) && !strcmp(s->variant, variant) &&
		    !strcmp(s->bench, bench) && !strcmp(s->metric, metric))
			return s;
	}
	h->s = xgrow(h->s, h->ns, sizeof(*h->s));
	s = &h->s[h->ns++];
	memset(s, 0, sizeof(*s));
	s->host = xdup(host);
	s->variant = xdup(variant);
	s->bench = xdup(bench);
	s->metric = xdup(metric);
	return s;
}

static void series_add(struct series *s, const char *date, double v)
{
	if (isnan(v))
		return;
	s->dates = xgrow(s->dates, s->n, sizeof(char *));
	s->v = xgrow(s->v, s->n, sizeof(double));
	s->dates[s->n] = xdup(date);
	s->v[s->n++] = v;
}

static void add_night(struct history *h, struct night *n)
{
	size_t f, b, c;

	for (f = 0; f < n->nfiles; f++) {
		struct result_file *rf = &n->files[f];

		for (b = 0; b < rf->nb; b++) {
			const struct bench *be = &rf->b[b];

			if (be->error || !be->nrep)
				continue;
			series_add(series_get(h, n->host, rf->variant, be->name,
					      "real_time"),
				   n->date,
				   stats_median(be->real_ns, be->nrep));
			series_add(series_get(h, n->host, rf->variant, be->name,
					      "cpu_time"),
				   n->date, stats_median(be->cpu_ns, be->nrep));
			for (c = 0; c < be->ncounters; c++)
				if (counter_is_deterministic(be->cnames[c]))
					series_add(series_get(h, n->host,
							      rf->variant,
							      be->name,
							      be->cnames[c]),
						   n->date, be->cvals[c][0]);
		}
	}
}

int history_read(struct history *h, const char *root,
		 const struct history_opts *o, char *err, size_t errlen)
{
	size_t nd, i, j, nh, first, max = o->max_nights ? o->max_nights : 60;
	char **dates = subdirs(root, true, &nd);
	struct stat st;

	if (stat(root, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "--history=%s: not a directory", root);
		return -1;
	}
	if (!nd) {
		snprintf(
			err, errlen,
			"--history=%s: no nights (expected %s/<YYYY-MM-DD>/<host>/)",
			root, root);
		return -1;
	}
	while (nd && o->until && strcmp(dates[nd - 1], o->until) > 0)
		free(dates[--nd]);
	first = nd > max ? nd - max : 0;
	for (i = 0; i < nd; i++) {
		char path[4096], **hosts;

		if (i < first) {
			free(dates[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", root, dates[i]);
		hosts = subdirs(path, false, &nh);
		for (j = 0; j < nh; j++) {
			char npath[8192], nerr[1024];
			struct night n;

			if (!o->host || !strcmp(o->host, hosts[j])) {
				snprintf(npath, sizeof(npath), "%s/%s", path,
					 hosts[j]);
				/* a broken old night is reported and skipped over */
				if (night_load(npath, &n, nerr, sizeof(nerr)))
					fprintf(stderr,
						"gmapbench-compare: history: %s (skipped)\n",
						nerr);
				add_night(h, &n);
				night_free(&n);
				h->nights++;
			}
			free(hosts[j]);
		}
		free(hosts);
		free(dates[i]);
	}
	free(dates);
	return 0;
}

double series_segment_mean(const struct series *s, size_t from, size_t to)
{
	return stats_mean(s->v + from, to - from);
}

/*
 * The noise of a series around its segment means, in percent of its mean:
 * what is left once the change points are accounted for.
 */
static double residual_cv_pct(const struct series *s)
{
	double ss = 0, sum = 0;
	size_t k, seg, from = 0;

	for (seg = 0; seg <= s->ncp; seg++) {
		size_t to = seg < s->ncp ? s->cp[seg].index : s->n;
		double m = series_segment_mean(s, from, to);

		for (k = from; k < to; k++) {
			ss += (s->v[k] - m) * (s->v[k] - m);
			sum += s->v[k];
		}
		from = to;
	}
	if (s->n <= s->ncp + 1 || sum == 0)
		return 0;
	return sqrt(ss / (double)(s->n - s->ncp - 1)) /
	       fabs(sum / (double)s->n) * 100;
}

void series_change_means(const struct series *s, size_t k, double *before,
			 double *after)
{
	size_t from = k ? s->cp[k - 1].index : 0;
	size_t to = k + 1 < s->ncp ? s->cp[k + 1].index : s->n;

	*before = series_segment_mean(s, from, s->cp[k].index);
	*after = series_segment_mean(s, s->cp[k].index, to);
}

size_t history_change_points(const struct history *h)
{
	size_t i, n = 0;

	for (i = 0; h && i < h->ns; i++)
		n += h->s[i].ncp;
	return n;
}

/* The step at change point k between the means of its two segments, in %. */
static double step_pct(const struct series *s, size_t k)
{
	double before, after;

	series_change_means(s, k, &before, &after);
	return before ? fabs(after - before) / fabs(before) * 100 : 0;
}

/*
 * Drops the weakest change point while its step is below the floor,
 * merging its two segments, then looks again: a slow drift that E-divisive
 * cut into several small steps stays as fewer, bigger ones instead of
 * vanishing.
 */
static void drop_weak_steps(struct series *s, double floor)
{
	while (s->ncp) {
		size_t k, weakest = 0;
		double w = step_pct(s, 0);

		for (k = 1; k < s->ncp; k++) {
			if (step_pct(s, k) < w) {
				w = step_pct(s, k);
				weakest = k;
			}
		}
		if (w >= floor)
			break;
		memmove(&s->cp[weakest], &s->cp[weakest + 1],
			(s->ncp - weakest - 1) * sizeof(*s->cp));
		s->ncp--;
	}
}

void history_detect(struct history *h, const struct history_opts *o)
{
	size_t i, k;

	for (i = 0; i < h->ns; i++) {
		struct series *s = &h->s[i];
		struct edivisive_opts eo = {.alpha = o->alpha,
					    .permutations = o->permutations};
		char key[1024];
		bool flat = true;
		double floor;

		for (k = 1; k < s->n; k++)
			if (s->v[k] != s->v[0])
				flat = false;
		if (flat || s->n < 4)
			continue;
		snprintf(key, sizeof(key), "%s|%s|%s|%s", s->host, s->variant,
			 s->bench, s->metric);
		eo.seed = edivisive_seed(key);
		s->cp = calloc(s->n, sizeof(*s->cp));
		if (!s->cp)
			continue;
		s->ncp = edivisive(s->v, s->n, &eo, s->cp, s->n);
		if (counter_is_deterministic(s->metric))
			continue;
		/*
		 * A step of a timing (or perf count) smaller than the noise
		 * floor is not news: max(--noise-floor, 2 x the noise around
		 * the segments), as for two nights.
		 */
		floor = fmax(o->noise_floor, 2 * residual_cv_pct(s));
		drop_weak_steps(s, floor);
	}
}

void history_free(struct history *h)
{
	size_t i, k;

	for (i = 0; i < h->ns; i++) {
		struct series *s = &h->s[i];

		for (k = 0; k < s->n; k++)
			free(s->dates[k]);
		free(s->dates);
		free(s->v);
		free(s->cp);
		free(s->host);
		free(s->variant);
		free(s->bench);
		free(s->metric);
	}
	free(h->s);
	memset(h, 0, sizeof(*h));
}
