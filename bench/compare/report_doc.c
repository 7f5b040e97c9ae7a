// SPDX-License-Identifier: GPL-2.0
/* The night's report as Markdown and HTML (output.h). */
#include "output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "fmt.h"
#include "json.h"

static void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void md_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '<')
			fputc('\\', f);
		fputc(*s, f);
	}
}

static const char *const context_keys[][2] = {
	{"kernel_base", "kernel base"},
	{"gmapbench_commit", "commit"},
	{"backend", "backend"},
	{"host_name", "host"},
	{"cpu_model", "CPU"},
	{"topology", "topology"},
	{"pinning", "pinning"},
	{"library_build_type", "build"},
	{"date", "run at"},
};
#define NCTX (sizeof(context_keys) / sizeof(*context_keys))

static void run_cell(char *buf, size_t len, const struct result_file *rf,
		     size_t k)
{
	const char *s = context_str(rf, context_keys[k][0]);
	const char *running = context_str(rf, "kernel_release");

	/* host/kvm: the kernel that ran, beside the base the variant is on */
	if (!strcmp(context_keys[k][0], "kernel_base") && running)
		snprintf(buf, len, "%s (running %s)", s ? s : "-", running);
	else
		snprintf(buf, len, "%s", s ? s : "-");
}

static void load_cell(char *buf, size_t len, const struct result_file *rf)
{
	const struct json *l = json_get(rf->context, "load_avg");
	size_t minrep = 0, i;

	for (i = 0; i < rf->nb; i++)
		if (!minrep || rf->b[i].nrep < minrep)
			minrep = rf->b[i].nrep;
	snprintf(buf, len, "%.2f / %g CPUs, %zu reps",
		 json_num(json_at(l, 0), NAN),
		 json_num(json_get(rf->context, "num_cpus"), NAN), minrep);
}

static const char *status_word(enum diff_status s)
{
	return s == ST_OK	   ? "ok"
	       : s == ST_CHANGED   ? "behaviour changed"
	       : s == ST_IMPROVED  ? "improved"
	       : s == ST_REGRESSED ? "REGRESSED"
	       : s == ST_WRONG	   ? "WRONG"
				   : "FAILED";
}

void out_markdown(FILE *f, const struct report *r)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k, nch;
	char a[64], b[64], p[32], cell[256], warn[16][160];
	struct chart *ch;

	if (r->night)
		fprintf(f, "# gmapbench night %s on %s\n\n", r->night->date,
			r->night->host);
	else
		fprintf(f, "# gmapbench comparison\n\n");
	fprintf(f,
		"Exit status %d (0 nothing significant, 1 regressions, behaviour changes, wrong results or failed variants).\n\n",
		r->exit_status);
	fprintf(f,
		"| variant | vs | status | regressions | improvements | behaviour changes |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		fprintf(f, "| ");
		md_esc(f, d->new_label);
		fprintf(f, " | ");
		md_esc(f, d->kind[0] == 'p' ? "previous night" : d->old_label);
		fprintf(f, " | **%s** | %zu | %zu | %zu |\n",
			status_word(d->status), d->regressions, d->improvements,
			d->behaviour);
	}
	fprintf(f, "\n## Runs\n\n| variant |");
	for (k = 0; k < NCTX; k++)
		fprintf(f, " %s |", context_keys[k][1]);
	fprintf(f, " load, CPUs, repetitions |\n|---|");
	for (k = 0; k <= NCTX; k++)
		fprintf(f, "---|");
	fprintf(f, "\n");
	for (i = 0; i < nv; i++) {
		fprintf(f, "| ");
		md_esc(f, label[i]);
		fprintf(f, " |");
		for (k = 0; k < NCTX; k++) {
			run_cell(cell, sizeof(cell), v[i], k);
			fputc(' ', f);
			md_esc(f, cell);
			fprintf(f, " |");
		}
		load_cell(cell, sizeof(cell), v[i]);
		fprintf(f, " %s |\n", cell);
	}
	for (i = 0; i < nv; i++) {
		size_t nw = result_warnings(v[i], warn, 16);

		for (k = 0; k < nw; k++) {
			fprintf(f, "\n> **Warning** (");
			md_esc(f, label[i]);
			fprintf(f, "): ");
			md_esc(f, warn[k]);
			fprintf(f, "\n");
		}
	}
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		if (!d->new_file)
			continue;
		fprintf(f, "\n## ");
		md_esc(f, d->new_label);
		fprintf(f, " vs ");
		md_esc(f,
		       d->kind[0] == 'p' ? "the previous night" : d->old_label);
		fprintf(f, ": %s\n\n", status_word(d->status));
		fprintf(f, "| benchmark | metric | ");
		md_esc(f, d->old_label);
		fprintf(f, " | ");
		md_esc(f, d->new_label);
		fprintf(f,
			" | %%change | p | |\n|---|---|---:|---:|---:|---:|---|\n");
		for (k = 0; k < d->nt; k++) {
			const struct timing_row *t = &d->t[k];

			fprintf(f, "| ");
			md_esc(f, t->bench);
			fprintf(f, " | ");
			md_esc(f, t->metric);
			fprintf(f,
				" | %s (±%.1f%%) | %s (±%.1f%%) | %s | %.2g | %s |\n",
				fmt_value(a, sizeof(a), t->metric, t->old_mean),
				t->old_cv,
				fmt_value(b, sizeof(b), t->metric, t->new_mean),
				t->new_cv,
				fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
				t->t.p,
				t->verdict == CH_SAME ? ""
				: t->verdict == CH_REGRESSED
					? "**regression**"
					: change_name(t->verdict));
		}
		if (d->nc) {
			fprintf(f,
				"\n| benchmark | counter | old | new | %%change | |\n|---|---|---:|---:|---:|---|\n");
			for (k = 0; k < d->nc; k++) {
				const struct counter_row *c = &d->c[k];

				fprintf(f, "| ");
				md_esc(f, c->bench);
				fprintf(f, " | ");
				md_esc(f, c->counter);
				fprintf(f, " | %s | %s | %s | %s |\n",
					fmt_value(a, sizeof(a), c->counter,
						  c->old_v),
					fmt_value(b, sizeof(b), c->counter,
						  c->new_v),
					fmt_pct(p, sizeof(p), c->old_v,
						c->new_v),
					c->kind == CK_WRONG ? "**WRONG**"
					: c->kind == CK_BEHAVIOUR
						? "behaviour change"
						: kind_name(c->kind));
			}
		}
	}
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];

		fprintf(f, "\n## FAILED: ");
		md_esc(f, fl->variant);
		fprintf(f, " (");
		md_esc(f, fl->what);
		fprintf(f, ")\n\n```\n%s%s```\n", fl->tail,
			fl->tail[0] && fl->tail[strlen(fl->tail) - 1] != '\n'
				? "\n"
				: "");
	}
	if (r->h) {
		size_t ncp = 0;

		fprintf(f, "\n## Change points over %zu nights\n\n",
			r->h->nights);
		for (i = 0; i < r->h->ns; i++)
			ncp += r->h->s[i].ncp;
		if (!ncp)
			fprintf(f, "None found.\n");
		else
			fprintf(f,
				"| night | variant | benchmark | metric | before | after | %%change | p |\n|---|---|---|---|---:|---:|---:|---:|\n");
		for (i = 0; i < r->h->ns; i++) {
			const struct series *s = &r->h->s[i];

			for (k = 0; k < s->ncp; k++) {
				size_t from = k ? s->cp[k - 1].index : 0;
				size_t to = k + 1 < s->ncp ? s->cp[k + 1].index
							   : s->n;
				double bf = series_segment_mean(s, from,
								s->cp[k].index);
				double af = series_segment_mean(
					s, s->cp[k].index, to);

				fprintf(f, "| %s | ", s->dates[s->cp[k].index]);
				md_esc(f, s->variant);
				fprintf(f, " | ");
				md_esc(f, s->bench);
				fprintf(f, " | ");
				md_esc(f, s->metric);
				fprintf(f, " | %s | %s | %s | %.3f |\n",
					fmt_value(a, sizeof(a), s->metric, bf),
					fmt_value(b, sizeof(b), s->metric, af),
					fmt_pct(p, sizeof(p), bf, af),
					s->cp[k].p);
			}
		}
	}
	nch = charts_list(r, &ch);
	if (nch)
		fprintf(f, "\n## Charts\n");
	for (i = 0; i < nch; i++) {
		fprintf(f, "\n![");
		md_esc(f, ch[i].title);
		fprintf(f, "](charts/%s.png)\n", ch[i].name);
	}
	free(ch);
}

static const char *status_class(enum diff_status s)
{
	return s == ST_OK	  ? "ok"
	       : s == ST_IMPROVED ? "good"
	       : s == ST_CHANGED  ? "info"
				  : "bad";
}

void out_html(FILE *f, const struct report *r)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k, nch;
	char a[64], b[64], p[32], cell[256], warn[16][160];
	struct chart *ch;

	fprintf(f, "<h1>gmapbench ");
	if (r->night) {
		fprintf(f, "night ");
		html_esc(f, r->night->date);
		fprintf(f, " on ");
		html_esc(f, r->night->host);
	} else {
		fprintf(f, "comparison");
	}
	fprintf(f,
		"</h1>\n<p>Exit status %d (0 nothing significant, 1 regressions, behaviour changes, wrong results or failed variants).</p>\n",
		r->exit_status);
	fprintf(f,
		"<table class=\"verdict\"><tr><th>variant</th><th>vs</th><th>status</th><th>regressions</th><th>improvements</th><th>behaviour changes</th></tr>\n");
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		fprintf(f, "<tr><td>");
		html_esc(f, d->new_label);
		fprintf(f, "</td><td>");
		html_esc(f,
			 d->kind[0] == 'p' ? "previous night" : d->old_label);
		fprintf(f,
			"</td><td class=\"%s\">%s</td><td>%zu</td><td>%zu</td><td>%zu</td></tr>\n",
			status_class(d->status), status_word(d->status),
			d->regressions, d->improvements, d->behaviour);
	}
	fprintf(f,
		"</table>\n<h2>Runs</h2>\n<table class=\"runs\"><tr><th>variant</th>");
	for (k = 0; k < NCTX; k++)
		fprintf(f, "<th>%s</th>", context_keys[k][1]);
	fprintf(f, "<th>load, CPUs, repetitions</th></tr>\n");
	for (i = 0; i < nv; i++) {
		fprintf(f, "<tr><td>");
		html_esc(f, label[i]);
		fprintf(f, "</td>");
		for (k = 0; k < NCTX; k++) {
			run_cell(cell, sizeof(cell), v[i], k);
			fprintf(f, "<td>");
			html_esc(f, cell);
			fprintf(f, "</td>");
		}
		load_cell(cell, sizeof(cell), v[i]);
		fprintf(f, "<td>%s</td></tr>\n", cell);
	}
	fprintf(f, "</table>\n");
	for (i = 0; i < nv; i++) {
		size_t nw = result_warnings(v[i], warn, 16);

		for (k = 0; k < nw; k++) {
			fprintf(f, "<p class=\"warning\">Warning (");
			html_esc(f, label[i]);
			fprintf(f, "): ");
			html_esc(f, warn[k]);
			fprintf(f, "</p>\n");
		}
	}
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		if (!d->new_file)
			continue;
		fprintf(f, "<h2>");
		html_esc(f, d->new_label);
		fprintf(f, " vs ");
		html_esc(f, d->kind[0] == 'p' ? "the previous night"
					      : d->old_label);
		fprintf(f, ": <span class=\"%s\">%s</span></h2>\n",
			status_class(d->status), status_word(d->status));
		fprintf(f, "<table><tr><th>benchmark</th><th>metric</th><th>");
		html_esc(f, d->old_label);
		fprintf(f, "</th><th>");
		html_esc(f, d->new_label);
		fprintf(f, "</th><th>%%change</th><th>p</th><th></th></tr>\n");
		for (k = 0; k < d->nt; k++) {
			const struct timing_row *t = &d->t[k];

			fprintf(f, "<tr class=\"%s\"><td>",
				t->verdict == CH_SAME	    ? ""
				: t->verdict == CH_IMPROVED ? "good"
							    : "bad");
			html_esc(f, t->bench);
			fprintf(f, "</td><td>");
			html_esc(f, t->metric);
			fprintf(f,
				"</td><td class=\"n\">%s (&plusmn;%.1f%%)</td><td class=\"n\">%s (&plusmn;%.1f%%)</td><td class=\"n\">%s</td><td class=\"n\">%.2g</td><td>%s</td></tr>\n",
				fmt_value(a, sizeof(a), t->metric, t->old_mean),
				t->old_cv,
				fmt_value(b, sizeof(b), t->metric, t->new_mean),
				t->new_cv,
				fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
				t->t.p,
				t->verdict == CH_SAME
					? ""
					: change_name(t->verdict));
		}
		fprintf(f, "</table>\n");
		if (d->nc) {
			fprintf(f,
				"<table><tr><th>benchmark</th><th>counter</th><th>old</th><th>new</th><th>%%change</th><th></th></tr>\n");
			for (k = 0; k < d->nc; k++) {
				const struct counter_row *c = &d->c[k];

				fprintf(f, "<tr class=\"%s\"><td>",
					c->kind == CK_WRONG ? "bad" : "info");
				html_esc(f, c->bench);
				fprintf(f, "</td><td>");
				html_esc(f, c->counter);
				fprintf(f,
					"</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
					fmt_value(a, sizeof(a), c->counter,
						  c->old_v),
					fmt_value(b, sizeof(b), c->counter,
						  c->new_v),
					fmt_pct(p, sizeof(p), c->old_v,
						c->new_v),
					c->kind == CK_WRONG ? "WRONG"
					: c->kind == CK_BEHAVIOUR
						? "behaviour change"
						: kind_name(c->kind));
			}
			fprintf(f, "</table>\n");
		}
	}
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];

		fprintf(f, "<h2 class=\"bad\">FAILED: ");
		html_esc(f, fl->variant);
		fprintf(f, " (");
		html_esc(f, fl->what);
		fprintf(f, ")</h2>\n<pre>");
		html_esc(f, fl->tail);
		fprintf(f, "</pre>\n");
	}
	if (r->h) {
		size_t ncp = 0;

		fprintf(f, "<h2>Change points over %zu nights</h2>\n",
			r->h->nights);
		for (i = 0; i < r->h->ns; i++)
			ncp += r->h->s[i].ncp;
		if (!ncp)
			fprintf(f, "<p>None found.</p>\n");
		else
			fprintf(f,
				"<table><tr><th>night</th><th>variant</th><th>benchmark</th><th>metric</th><th>before</th><th>after</th><th>%%change</th><th>p</th></tr>\n");
		for (i = 0; i < r->h->ns; i++) {
			const struct series *s = &r->h->s[i];

			for (k = 0; k < s->ncp; k++) {
				size_t from = k ? s->cp[k - 1].index : 0;
				size_t to = k + 1 < s->ncp ? s->cp[k + 1].index
							   : s->n;
				double bf = series_segment_mean(s, from,
								s->cp[k].index);
				double af = series_segment_mean(
					s, s->cp[k].index, to);

				fprintf(f, "<tr><td>");
				html_esc(f, s->dates[s->cp[k].index]);
				fprintf(f, "</td><td>");
				html_esc(f, s->variant);
				fprintf(f, "</td><td>");
				html_esc(f, s->bench);
				fprintf(f, "</td><td>");
				html_esc(f, s->metric);
				fprintf(f,
					"</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%.3f</td></tr>\n",
					fmt_value(a, sizeof(a), s->metric, bf),
					fmt_value(b, sizeof(b), s->metric, af),
					fmt_pct(p, sizeof(p), bf, af),
					s->cp[k].p);
			}
		}
		if (ncp)
			fprintf(f, "</table>\n");
	}
	nch = charts_list(r, &ch);
	if (nch)
		fprintf(f, "<h2>Charts</h2>\n<div class=\"charts\">\n");
	for (i = 0; i < nch; i++) {
		/* scripts/report replaces the marker with the chart's SVG */
		fprintf(f,
			"<figure class=\"chart\" id=\"chart-%s\">\n<!--chart:%s-->\n<figcaption>",
			ch[i].name, ch[i].name);
		html_esc(f, ch[i].title);
		fprintf(f, "</figcaption></figure>\n");
	}
	if (nch)
		fprintf(f, "</div>\n");
	free(ch);
}
