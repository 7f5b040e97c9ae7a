/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The nightly history: results/<date>/<host>/<variant>.json over many
 * nights, one series per host x variant x benchmark x metric (the median of
 * the night's repetitions for timings, the value for counters), and the
 * change points E-divisive finds in each.
 */
#ifndef GMAPBENCH_COMPARE_HISTORY_H
#define GMAPBENCH_COMPARE_HISTORY_H

#include <stddef.h>

#include "edivisive.h"

struct series {
	char *host, *variant, *bench, *metric;
	size_t n;
	char **dates; /* the night of each point */
	double *v;
	struct change_point *cp;
	size_t ncp;
};

struct history {
	struct series *s;
	size_t ns;
	size_t nights; /* nights read */
};

struct history_opts {
	const char *until; /* last night to read (YYYY-MM-DD), or NULL */
	const char *host; /* only this host, or NULL */
	size_t max_nights; /* most recent nights kept per host, default 60 */
	double alpha;
	int permutations;
	double noise_floor; /* percent: smaller timing change points are dropped */
};

/* Reads one results root (may be called for several); 0 or -1 with err. */
int history_read(struct history *h, const char *root,
		 const struct history_opts *o, char *err, size_t errlen);
void history_detect(struct history *h, const struct history_opts *o);
double series_segment_mean(const struct series *s, size_t from, size_t to);
/* The means of the segments before and after change point k of s. */
void series_change_means(const struct series *s, size_t k, double *before,
			 double *after);
/* How many change points all series of h (which may be NULL) have. */
size_t history_change_points(const struct history *h);
void history_free(struct history *h);

#endif
