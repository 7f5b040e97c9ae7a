// SPDX-License-Identifier: GPL-2.0
/* The text table of gmapbench-compare (mmtests / LKP style), output.h. */
#include "output.h"

#include <stdio.h>

#include "fmt.h"
#include "kernel_work.h"

static void text_diff(FILE *f, const struct diff *d)
{
	char a[64], b[64], p[32];
	size_t i;

	fprintf(f, "%s -> %s (vs %s)\n", d->old_label, d->new_label, d->kind);
	fprintf(f, "  old: %s\n", d->old_file ? d->old_file->path : "-");
	fprintf(f, "  new: %s\n",
		d->new_file ? d->new_file->path : "(no results)");
	if (d->nfailed)
		fprintf(f, "  FAILED: %s\n", d->failed->what);
	if (!d->new_file) {
		fprintf(f, "status: %s\n\n", diff_status_name(d->status));
		return;
	}
	fprintf(f, "\n%-36s %-10s %22s %22s %9s %1s %9s\n", "benchmark",
		"metric", d->old_label, d->new_label, "%change", "", "p");
	for (i = 0; i < d->nt; i++) {
		const struct timing_row *t = &d->t[i];
		char oc[64], nc[64];

		snprintf(oc, sizeof(oc), "%s (+-%4.1f%%)",
			 fmt_value(a, sizeof(a), t->metric, t->old_mean),
			 t->old_cv);
		snprintf(nc, sizeof(nc), "%s (+-%4.1f%%)",
			 fmt_value(b, sizeof(b), t->metric, t->new_mean),
			 t->new_cv);
		fprintf(f, "%-36s %-10s %22s %22s %9s %1s %9.2g\n", t->bench,
			t->metric, oc, nc,
			fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
			t->verdict != CH_SAME ? "*" : "", t->t.p);
	}
	if (d->nc) {
		fprintf(f, "\n%-36s %-18s %14s    %-14s %9s\n",
			"counters (exact)", "counter", d->old_label,
			d->new_label, "%change");
		for (i = 0; i < d->nc; i++) {
			const struct counter_row *c = &d->c[i];

			if (c->kind == CK_WRONG) {
				fprintf(f,
					"%-36s %-18s %s = %.15g in %s  WRONG\n",
					c->bench, c->counter, c->counter,
					c->side[0] == 'n' ? c->new_v : c->old_v,
					c->side[0] == 'n' ? d->new_label
							  : d->old_label);
				continue;
			}
			if (c->kind == CK_NONDETERMINISTIC) {
				fprintf(f,
					"%-36s %-18s repetitions of %s disagree  NONDETERMINISTIC\n",
					c->bench, c->counter,
					c->side[0] == 'n' ? d->new_label
							  : d->old_label);
				continue;
			}
			fprintf(f, "%-36s %-18s %14s -> %-14s %9s  BEHAVIOUR\n",
				c->bench, c->counter,
				fmt_value(a, sizeof(a), c->counter, c->old_v),
				fmt_value(b, sizeof(b), c->counter, c->new_v),
				fmt_pct(p, sizeof(p), c->old_v, c->new_v));
		}
	}
	kernel_work_line(f, d);
	for (i = 0; i < d->n_only_old; i++)
		fprintf(f, "only in %s: %s\n", d->old_label, d->only_old[i]);
	for (i = 0; i < d->n_only_new; i++)
		fprintf(f, "only in %s: %s\n", d->new_label, d->only_new[i]);
	fprintf(f,
		"status: %s (%zu regressions, %zu improvements, %zu behaviour changes, %zu wrong)\n\n",
		diff_status_name(d->status), d->regressions, d->improvements,
		d->behaviour, d->wrong);
}

void out_text_change_points(FILE *f, const struct history *h)
{
	size_t i, k;
	char a[64], b[64], p[32];
	double before, after;

	fprintf(f,
		"change points over %zu night(s) (E-divisive means, permutation test):\n",
		h->nights);
	if (!history_change_points(h))
		fprintf(f, "  none\n");
	for (i = 0; i < h->ns; i++) {
		const struct series *s = &h->s[i];

		for (k = 0; k < s->ncp; k++) {
			series_change_means(s, k, &before, &after);
			fprintf(f, "  %s %s %s %s %s: %s -> %s (%s) p=%.3f\n",
				s->dates[s->cp[k].index], s->host, s->variant,
				s->bench, s->metric,
				fmt_value(a, sizeof(a), s->metric, before),
				fmt_value(b, sizeof(b), s->metric, after),
				fmt_pct(p, sizeof(p), before, after),
				s->cp[k].p);
		}
	}
}

void out_text(FILE *f, const struct report *r)
{
	size_t i;

	fprintf(f,
		"gmapbench-compare: alpha %g, noise floor max(%g%%, 2 x CV of the old sample); * = significant\n\n",
		r->o->alpha, r->o->noise_floor);
	for (i = 0; i < r->nd; i++)
		text_diff(f, &r->d[i]);
	for (i = 0; r->night && i < r->night->nabsent; i++)
		fprintf(f, "%s: absent on this base: %s\n",
			r->night->absent[i].variant,
			r->night->absent[i].reason);
	if (r->h)
		out_text_change_points(f, r->h);
}
