// SPDX-License-Identifier: GPL-2.0
/* E-divisive means with a permutation test (see edivisive.h). */
#include "edivisive.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * The best split of x[a..b): q-hat(tau) = m k / (m + k) * (2/(m k) B -
 * 2/(m (m-1)) W_X - 2/(k (k-1)) W_Y) with B, W_X, W_Y the sums of |xi - xj|
 * between and within the halves. W_X and W_Y are updated as tau moves and
 * B = total - W_X - W_Y, so a window costs O(n^2).
 */
static double best_split(const double *x, size_t a, size_t b, size_t min,
			 size_t *tau_out)
{
	double total = 0, wx = 0, wy, best = -1;
	size_t i, j, tau;

	*tau_out = 0;
	if (b - a < 2 * min)
		return -1;
	for (i = a; i < b; i++)
		for (j = i + 1; j < b; j++)
			total += fabs(x[i] - x[j]);
	wy = total;
	for (tau = a + 1; tau < b; tau++) {
		/* move x[tau-1] from Y to X */
		for (i = a; i < tau - 1; i++)
			wx += fabs(x[i] - x[tau - 1]);
		for (j = tau; j < b; j++)
			wy -= fabs(x[tau - 1] - x[j]);
		if (tau - a >= min && b - tau >= min) {
			double m = (double)(tau - a), k = (double)(b - tau);
			double between = total - wx - wy;
			double e = 2 * between / (m * k) -
				   (m > 1 ? 2 * wx / (m * (m - 1)) : 0) -
				   (k > 1 ? 2 * wy / (k * (k - 1)) : 0);
			double q = m * k / (m + k) * e;

			if (q > best) {
				best = q;
				*tau_out = tau;
			}
		}
	}
	return best;
}

/* The best split over every window between known change points. */
static double best_over_windows(const double *x, const size_t *bounds,
				size_t nb, size_t min, size_t *tau)
{
	double best = -1, q;
	size_t w, t;

	*tau = 0;
	for (w = 0; w + 1 < nb; w++) {
		q = best_split(x, bounds[w], bounds[w + 1], min, &t);
		if (q > best) {
			best = q;
			*tau = t;
		}
	}
	return best;
}

static uint64_t next_rand(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

uint64_t edivisive_seed(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 0x100000001b3ULL;
	return h ? h : 1;
}

size_t edivisive(const double *x, size_t n, const struct edivisive_opts *o,
		 struct change_point *out, size_t max)
{
	double alpha = o->alpha > 0 ? o->alpha : 0.05;
	int perms = o->permutations > 0 ? o->permutations : 199;
	size_t min = o->min_size ? o->min_size : 2;
	uint64_t rng = o->seed ? o->seed : 1;
	size_t *bounds, nb = 2, found = 0, i;
	double *shuf;

	if (n < 2 * min || !max)
		return 0;
	bounds = malloc((n + 2) * sizeof(*bounds));
	shuf = malloc(n * sizeof(*shuf));
	if (!bounds || !shuf) {
		free(bounds);
		free(shuf);
		return 0;
	}
	bounds[0] = 0;
	bounds[1] = n;
	while (found < max) {
		size_t tau, t, w;
		double q = best_over_windows(x, bounds, nb, min, &tau);
		int r, above = 0;
		double p;

		/* a flat series (q = 0) has nothing to split */
		if (q <= 1e-12 * (fabs(x[0]) + 1))
			break;
		for (r = 0; r < perms; r++) {
			memcpy(shuf, x, n * sizeof(*shuf));
			for (w = 0; w + 1 < nb; w++) {
				size_t lo = bounds[w], len = bounds[w + 1] - lo;

				for (i = len; i > 1; i--) {
					size_t k =
						(size_t)(next_rand(&rng) % i);
					double tmp = shuf[lo + i - 1];

					shuf[lo + i - 1] = shuf[lo + k];
					shuf[lo + k] = tmp;
				}
			}
			if (best_over_windows(shuf, bounds, nb, min, &t) >= q)
				above++;
		}
		p = (double)(above + 1) / (double)(perms + 1);
		if (p > alpha)
			break;
		out[found++] = (struct change_point){tau, q, p};
		bounds[nb++] = tau;
		qsort(bounds, nb, sizeof(*bounds), cmp_size);
	}
	free(bounds);
	free(shuf);
	/* sort by index */
	for (i = 1; i < found; i++) {
		struct change_point c = out[i];
		size_t j = i;

		for (; j > 0 && out[j - 1].index > c.index; j--)
			out[j] = out[j - 1];
		out[j] = c;
	}
	return found;
}
