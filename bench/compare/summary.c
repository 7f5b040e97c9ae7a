// SPDX-License-Identifier: GPL-2.0
/*
 * The mailing-list summary (output.h): one headline per variant, most
 * important first, then the regressions, behaviour changes, failed
 * variants with the end of their logs, and the change points.
 */
#include "output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

struct line {
	double weight;
	char text[512];
};

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	return (x->weight < y->weight) - (x->weight > y->weight);
}

/*
 * How big a change is, for picking a headline: |ln(new/old)|, so that a
 * 16-fold drop weighs what a 16-fold rise does (percentages would rank
 * -94% below +100%). To or from zero counts as a change by the factor of
 * the other value; present on one side only as a doubling.
 */
static double magnitude(double old_v, double new_v)
{
	old_v = fabs(old_v);
	new_v = fabs(new_v);
	if (isnan(old_v) || isnan(new_v))
		return log(2);
	if (old_v == 0 || new_v == 0)
		return log1p(old_v + new_v);
	return fabs(log(new_v / old_v));
}

/* The one line that says most about a comparison; its weight orders lines. */
static double headline(const struct diff *d, char *buf, size_t len)
{
	const struct counter_row *bc = NULL;
	const struct timing_row *bt = NULL, *reg = NULL;
	double bm = -1, tm = -1, rm = -1;
	char p[32];
	size_t i;

	if (d->status == ST_FAILED && !d->new_file) {
		snprintf(buf, len, "%s: FAILED (%s)", d->new_label,
			 d->nfailed ? d->failed->what : "no results");
		return 900;
	}
	for (i = 0; i < d->nc; i++) {
		if (d->c[i].kind == CK_WRONG && d->c[i].side[0] == 'n') {
			snprintf(
				buf, len,
				"%s: WRONG: %.15g oracle_mismatches on %s vs %s",
				d->new_label, d->c[i].new_v, d->c[i].bench,
				d->old_label);
			return 1000;
		}
		if (d->c[i].kind == CK_BEHAVIOUR &&
		    magnitude(d->c[i].old_v, d->c[i].new_v) > bm) {
			bm = magnitude(d->c[i].old_v, d->c[i].new_v);
			bc = &d->c[i];
		}
	}
	for (i = 0; i < d->nt; i++) {
		const struct timing_row *t = &d->t[i];

		if (t->verdict == CH_SAME)
			continue;
		if (t->verdict == CH_REGRESSED && fabs(t->change_pct) > rm) {
			rm = fabs(t->change_pct);
			reg = t;
		}
		if (magnitude(t->old_mean, t->new_mean) > tm) {
			tm = magnitude(t->old_mean, t->new_mean);
			bt = t;
		}
	}
	if (reg) {
		snprintf(buf, len, "%s: %s %s on %s vs %s (regression, p=%.2g)",
			 d->new_label,
			 fmt_pct1(p, sizeof(p), reg->old_mean, reg->new_mean),
			 reg->metric, reg->bench, d->old_label, reg->t.p);
		return 500 + rm;
	}
	if (bc && bm >= tm) {
		snprintf(buf, len, "%s: %s %s on %s vs %s", d->new_label,
			 fmt_pct1(p, sizeof(p), bc->old_v, bc->new_v),
			 bc->counter, bc->bench, d->old_label);
		return 100 + fmin(bm, 39);
	}
	if (bt) {
		snprintf(buf, len, "%s: %s %s on %s vs %s (%s)", d->new_label,
			 fmt_pct1(p, sizeof(p), bt->old_mean, bt->new_mean),
			 bt->metric, bt->bench, d->old_label,
			 change_name(bt->verdict));
		return 100 + fmin(tm, 39);
	}
	snprintf(buf, len, "%s: no significant change vs %s%s", d->new_label,
		 d->old_label, d->nfailed ? " (but a suite FAILED)" : "");
	return d->nfailed ? 900 : 0;
}

void out_summary(FILE *f, const struct report *r)
{
	struct line *lines = calloc(r->nd + 1, sizeof(*lines));
	size_t i, k, n = 0;
	char a[64], b[64], p[32];
	bool any;

	if (!lines)
		return;
	for (i = 0; i < r->nd; i++) {
		if (!strcmp(r->d[i].kind, "previous"))
			continue;
		lines[n].weight = headline(&r->d[i], lines[n].text,
					   sizeof(lines[n].text));
		n++;
	}
	qsort(lines, n, sizeof(*lines), cmp_line);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i].text);
	free(lines);

	any = false;
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		for (k = 0; k < d->nt; k++) {
			const struct timing_row *t = &d->t[k];

			if (t->verdict != CH_REGRESSED &&
			    t->verdict != CH_CHANGED)
				continue;
			if (!any)
				fprintf(f, "\nRegressions:\n");
			any = true;
			fprintf(f,
				"  %s vs %s: %s %s %s -> %s (%s, p=%.2g, noise floor %.1f%%)\n",
				d->new_label, d->old_label, t->bench, t->metric,
				fmt_value(a, sizeof(a), t->metric, t->old_mean),
				fmt_value(b, sizeof(b), t->metric, t->new_mean),
				fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
				t->t.p, t->floor_pct);
		}
	}
	any = false;
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		for (k = 0; k < d->nc; k++) {
			const struct counter_row *c = &d->c[k];

			if (c->kind == CK_NONDETERMINISTIC)
				continue;
			if (!any)
				fprintf(f,
					"\nBehaviour changes (deterministic counters):\n");
			any = true;
			if (c->kind == CK_WRONG)
				fprintf(f, "  %s: %s %s = %.15g  WRONG\n",
					c->side[0] == 'n' ? d->new_label
							  : d->old_label,
					c->bench, c->counter,
					c->side[0] == 'n' ? c->new_v
							  : c->old_v);
			else
				fprintf(f, "  %s vs %s: %s %s %s -> %s (%s)\n",
					d->new_label, d->old_label, c->bench,
					c->counter,
					fmt_value(a, sizeof(a), c->counter,
						  c->old_v),
					fmt_value(b, sizeof(b), c->counter,
						  c->new_v),
					fmt_pct(p, sizeof(p), c->old_v,
						c->new_v));
		}
	}
	any = false;
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];
		const char *t = fl->tail, *nl = t + strlen(t);
		int lines = 1;

		if (!any)
			fprintf(f, "\nFailed variants:\n");
		any = true;
		fprintf(f, "  %s (%s); end of its log:\n", fl->variant,
			fl->what);
		/* the start of the last 10 lines of the tail */
		if (nl > t && nl[-1] == '\n')
			nl--;
		for (; nl > t; nl--)
			if (nl[-1] == '\n' && lines++ == 10)
				break;
		for (t = nl; *t;) {
			const char *e = strchr(t, '\n');
			size_t l = e ? (size_t)(e - t) : strlen(t);

			fprintf(f, "    | %.*s\n", (int)l, t);
			t += l + (e ? 1 : 0);
		}
	}
	if (history_change_points(r->h)) {
		fprintf(f, "\n");
		out_text_change_points(f, r->h);
	}
}
