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
#include "verdict.h"

struct line {
	double weight;
	char text[800];
};

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	return (x->weight < y->weight) - (x->weight > y->weight);
}

/* The one line that says most about a comparison; its weight orders lines. */
static double headline(const struct diff *d, char *buf, size_t len)
{
	const struct counter_row *bc = NULL;
	const struct timing_row *bt = NULL, *reg = NULL;
	double bm = -1, tm = -1, rm = -1;
	char p[32];
	size_t i;

	for (i = 0; i < d->nc; i++) {
		if (d->c[i].kind == CK_BEHAVIOUR &&
		    change_magnitude(d->c[i].old_v, d->c[i].new_v) > bm) {
			bm = change_magnitude(d->c[i].old_v, d->c[i].new_v);
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
		if (change_magnitude(t->old_mean, t->new_mean) > tm) {
			tm = change_magnitude(t->old_mean, t->new_mean);
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
	snprintf(buf, len, "%s: no significant change vs %s", d->new_label,
		 d->old_label);
	return 0;
}

/* The top table of docs/verdicts.md in plain text, columns aligned. */
static void top_table(FILE *f, const struct variant_verdict *v, size_t n)
{
	int w[3] = {7, 6, 11};
	size_t i;

	for (i = 0; i < n; i++) {
		if ((int)strlen(v[i].name) > w[0])
			w[0] = (int)strlen(v[i].name);
		if ((int)strlen(v[i].kernel_work) > w[2] &&
		    v[i].status < ST_FAILED)
			w[2] = (int)strlen(v[i].kernel_work);
	}
	fprintf(f, "%-*s  %-*s  %-*s  %s  |  %s\n", w[0], "variant", 9,
		"status", w[2], "kernel work", "biggest counter change",
		"timing");
	for (i = 0; i < n; i++) {
		if (v[i].status >= ST_FAILED)
			fprintf(f, "%-*s  %-*s  %s\n", w[0], v[i].name, 9,
				status_upper(v[i].status), v[i].headline);
		else
			fprintf(f, "%-*s  %-*s  %-*s  %s  |  %s\n", w[0],
				v[i].name, 9, status_upper(v[i].status), w[2],
				v[i].kernel_work, v[i].counter, v[i].timing);
	}
}

void out_summary(FILE *f, const struct report *r)
{
	struct variant_verdict *vv;
	size_t nv = verdicts_build(r, &vv);
	struct line *lines = calloc(nv + 1, sizeof(*lines));
	size_t i, k, n = 0;
	char a[64], b[64], p[32];
	bool any;

	if (!lines) {
		free(vv);
		return;
	}
	top_table(f, vv, nv);
	night_notes(f, r);
	fprintf(f, "\n");
	for (i = 0; i < nv; i++) {
		if (vv[i].status >= ST_FAILED) {
			snprintf(lines[n].text, sizeof(lines[n].text), "%s: %s",
				 vv[i].name, vv[i].headline);
			lines[n].weight = 1000 + vv[i].status;
		} else if (vv[i].vs_base) {
			lines[n].weight = headline(vv[i].vs_base, lines[n].text,
						   sizeof(lines[n].text));
		} else {
			continue;
		}
		n++;
	}
	free(vv);
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
			fprintf(f, "\nJobs that did not end done:\n");
		any = true;
		fprintf(f, "  %s (%s, %s); end of its log:\n", fl->variant,
			fl->what, fl->outcome);
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
