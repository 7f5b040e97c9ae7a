// SPDX-License-Identifier: GPL-2.0
/* Sample statistics and the Mann-Whitney U test (see stats.h). */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double stats_mean(const double *x, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i];
	return n ? s / (double)n : NAN;
}

double stats_stddev(const double *x, size_t n)
{
	double m = stats_mean(x, n), s = 0;
	size_t i;

	if (n < 2)
		return 0;
	for (i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	return sqrt(s / (double)(n - 1));
}

double stats_cv(const double *x, size_t n)
{
	double m = stats_mean(x, n);

	return n < 2 || m == 0 ? 0 : stats_stddev(x, n) / fabs(m);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double stats_median(const double *x, size_t n)
{
	double *s, m;

	if (!n)
		return NAN;
	s = malloc(n * sizeof(*s));
	if (!s)
		return NAN;
	memcpy(s, x, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

struct ranked {
	double v;
	size_t from_x;
};

static int cmp_ranked(const void *a, const void *b)
{
	return cmp_double(&((const struct ranked *)a)->v,
			  &((const struct ranked *)b)->v);
}

/*
 * P(U >= u) under the null for sample sizes m, n: the number of
 * arrangements f(m, n, k) with statistic k follows
 * f(m, n, k) = f(m - 1, n, k - n) + f(m, n - 1, k), f(., ., 0) = 1.
 * Counted in doubles (exact up to 2^53, far beyond C(16, 8)).
 */
static double exact_sf(long u, int m, int n)
{
	long mn = (long)m * n, k, total_k;
	double *f, *prev, total = 0, tail = 0;
	int i, j;

	/* f[i][j][k] for all i <= m, j <= n, rolling over i */
	total_k = mn + 1;
	prev = calloc((size_t)(n + 1) * total_k, sizeof(double));
	f = calloc((size_t)(n + 1) * total_k, sizeof(double));
	if (!prev || !f) {
		free(prev);
		free(f);
		return NAN;
	}
	/* i = 0: only k = 0 is possible */
	for (j = 0; j <= n; j++)
		prev[j * total_k] = 1;
	for (i = 1; i <= m; i++) {
		for (j = 0; j <= n; j++) {
			for (k = 0; k <= mn; k++) {
				double a =
					k >= j ? prev[j * total_k + k - j] : 0;
				double b = j > 0 ? f[(j - 1) * total_k + k] : 0;

				f[j * total_k + k] = k == 0 ? 1 : a + b;
			}
		}
		memcpy(prev, f, (size_t)(n + 1) * total_k * sizeof(double));
	}
	/* by symmetry P(U >= u) = P(U <= mn - u), summed from the left */
	for (k = 0; k <= mn; k++) {
		total += prev[n * total_k + k];
		if (k <= mn - u)
			tail += prev[n * total_k + k];
	}
	free(prev);
	free(f);
	return tail / total;
}

bool mann_whitney_u(const double *x, size_t n1, const double *y, size_t n2,
		    struct mwu_result *r)
{
	size_t n = n1 + n2, i, j;
	struct ranked *a;
	double r1 = 0, tie_term = 0, u1, u2, u;
	bool ties = false;

	if (!n1 || !n2 || n1 > 100000 || n2 > 100000)
		return false;
	a = malloc(n * sizeof(*a));
	if (!a)
		return false;
	for (i = 0; i < n1; i++)
		a[i] = (struct ranked){x[i], 1};
	for (i = 0; i < n2; i++)
		a[n1 + i] = (struct ranked){y[i], 0};
	qsort(a, n, sizeof(*a), cmp_ranked);
	/* average ranks over ties */
	for (i = 0; i < n; i = j) {
		double rank, t;

		for (j = i + 1; j < n && a[j].v == a[i].v; j++)
			;
		rank = (double)(i + 1 + j) / 2;
		t = (double)(j - i);
		if (t > 1)
			ties = true;
		tie_term += t * t * t - t;
		while (i < j) {
			if (a[i].from_x)
				r1 += rank;
			i++;
		}
		i = j;
	}
	free(a);
	u1 = r1 - (double)n1 * (double)(n1 + 1) / 2;
	u2 = (double)n1 * (double)n2 - u1;
	u = u1 > u2 ? u1 : u2;
	r->u1 = u1;
	/* scipy is exact there too; beyond 8 x 2500 the table is too big */
	r->exact = !(n1 > 8 && n2 > 8) && !ties && n1 * n2 <= 20000;
	if (r->exact) {
		r->p = 2 * exact_sf((long)u, (int)(n1 > n2 ? n1 : n2),
				    (int)(n1 > n2 ? n2 : n1));
	} else {
		double nn = (double)n, mu = (double)n1 * (double)n2 / 2;
		double s = sqrt((double)n1 * (double)n2 / 12 *
				((nn + 1) - tie_term / (nn * (nn - 1))));
		double z = (u - mu - 0.5) / s;

		/* every value equal: scipy says NaN; there is no difference */
		r->p = s > 0 ? erfc(z / sqrt(2)) : 1;
	}
	if (r->p > 1)
		r->p = 1;
	return true;
}
