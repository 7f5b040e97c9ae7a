// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-compare: compares Google Benchmark JSON results of gmapbench
 * (two files, two nights, every variant of a night against its baseline,
 * and change points over the nightly history).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diff.h"
#include "history.h"
#include "output.h"
#include "results.h"
#include "verdict.h"

static const char usage[] =
	"usage: gmapbench-compare [options] OLD.json NEW.json\n"
	"       gmapbench-compare [options] OLD_DIR NEW_DIR     each variant against the same variant\n"
	"       gmapbench-compare [options] NIGHT_DIR           each variant against --baseline in NIGHT_DIR\n"
	"       gmapbench-compare [options] --history=RESULTS   change points only\n"
	"\n"
	"  --alpha=P            significance level of the U test (default 0.05)\n"
	"  --noise-floor=PCT    smallest change that counts, in % (default 5; at least 2 x CV)\n"
	"  --baseline=NAME      the variant others are compared with (default baseline)\n"
	"  --previous=DIR       also compare each variant with the same one in DIR\n"
	"  --history=DIR        walk DIR/<date>/<host>/ for change points (repeatable)\n"
	"  --until=YYYY-MM-DD   ignore later nights in the history\n"
	"  --host=NAME          only this host in the history\n"
	"  --nights=N           at most N most recent nights (default 60)\n"
	"  --permutations=N     permutations of the change-point test (default 199)\n"
	"  --format=FMT         text (default), json, markdown, html, summary, verdict\n"
	"  -o FILE              write there (atomically) instead of stdout\n"
	"  --write=FMT:FILE     write another format too (repeatable)\n"
	"  --plot-data=DIR      write gnuplot data and DIR/charts.tsv for scripts/report\n"
	"  --exit-on=WHAT       previous (default): exit 1 on regressions and behaviour\n"
	"                       changes against the previous night or between two files;\n"
	"                       all: against the baseline too\n"
	"\n"
	"Exit status (docs/verdicts.md): 0 nothing an operator must act on, 1 a wrong,\n"
	"hung, memory or failed variant, lost benchmarks, or regressions and behaviour\n"
	"changes (see --exit-on), 2 bad input.\n";

__attribute__((noreturn, format(printf, 1, 2))) static void die(const char *fmt,
								...)
{
	va_list ap;

	fprintf(stderr, "gmapbench-compare: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

static bool is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

typedef void (*writer)(FILE *, const struct report *);

static writer format_writer(const char *fmt)
{
	if (!strcmp(fmt, "text"))
		return out_text;
	if (!strcmp(fmt, "json"))
		return out_json;
	if (!strcmp(fmt, "markdown"))
		return out_markdown;
	if (!strcmp(fmt, "html"))
		return out_html;
	if (!strcmp(fmt, "summary"))
		return out_summary;
	if (!strcmp(fmt, "verdict"))
		return out_verdict;
	die("--format=%s: expected text, json, markdown, html, summary or verdict",
	    fmt);
}

static void write_atomic(const char *path, writer w, const struct report *r)
{
	char tmp[8192];
	FILE *f;

	if (!path) {
		w(stdout, r);
		if (fflush(stdout))
			die("stdout: %s", strerror(errno));
		return;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		die("%s: %s", tmp, strerror(errno));
	w(f, r);
	if (fflush(f) || ferror(f) || fclose(f)) {
		unlink(tmp);
		die("%s: write error: %s", tmp, strerror(errno));
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		die("%s: %s", path, strerror(errno));
	}
}

static double parse_num(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi)
		die("%s=%s: expected a number in [%g, %g]", opt, s, lo, hi);
	return v;
}

static struct diff *add_diff(struct diff **d, size_t *n)
{
	*d = realloc(*d, (*n + 1) * sizeof(**d));
	if (!*d)
		die("out of memory");
	memset(&(*d)[*n], 0, sizeof(**d));
	return &(*d)[(*n)++];
}

static void set_failure(struct diff *d, const struct night *n,
			const char *variant)
{
	size_t i;

	for (i = 0; n && i < n->nfailed; i++) {
		if (!strcmp(n->failed[i].variant, variant)) {
			if (!d->nfailed || failure_rank(&n->failed[i]) >
						   failure_rank(d->failed))
				d->failed = &n->failed[i];
			d->nfailed++;
		}
	}
}

/* Every variant of night (and every failed one) against base. */
static void diffs_against(struct diff **d, size_t *nd, struct night *night,
			  struct result_file *base, const char *kind,
			  struct night *old_night)
{
	size_t i;

	for (i = 0; i < night->nfiles; i++) {
		struct result_file *nf = &night->files[i];
		struct result_file *of = base;
		struct diff *x;

		if (!strcmp(kind, "baseline") && nf == base)
			continue;
		if (!of)
			of = night_variant(old_night, nf->variant);
		if (!of)
			continue;
		x = add_diff(d, nd);
		x->kind = kind;
		x->old_file = of;
		x->new_file = nf;
		x->old_label = strcmp(kind, "previous") ? of->variant
							: old_night->date;
		x->new_label = nf->variant;
		set_failure(x, night, nf->variant);
		if (base)
			diff_judge_memory(x, night, base->variant);
	}
	if (strcmp(kind, "previous")) {
		/* failed variants without any results */
		for (i = 0; i < night->nfailed; i++) {
			const char *v = night->failed[i].variant;
			struct diff *x;
			size_t k;
			bool seen = false;

			if (night_variant(night, v))
				continue;
			for (k = 0; k < *nd; k++)
				if (!strcmp((*d)[k].new_label, v))
					seen = true;
			if (seen)
				continue;
			x = add_diff(d, nd);
			x->kind = kind;
			x->old_file = base;
			x->new_file = NULL;
			x->old_label = base ? base->variant : "-";
			x->new_label = v;
			set_failure(x, night, v);
		}
	}
}

/* A --write=FORMAT:FILE or --format=FORMAT: its writer, and the file. */
static writer spec_writer(const char *spec, const char **file)
{
	const char *colon = strchr(spec, ':');
	char fmt[32];

	if (!colon) {
		*file = NULL;
		return format_writer(spec);
	}
	snprintf(fmt, sizeof(fmt), "%.*s", (int)(colon - spec), spec);
	*file = colon + 1;
	return format_writer(fmt);
}

struct options {
	struct diff_opts o;
	struct history_opts ho;
	const char *baseline, *previous, *format, *out, *plot;
	const char *history[16], *writes[16];
	size_t nhist, nwrites;
	bool exit_vs_baseline;
};

/* What main compares, and what it must free. */
struct compare {
	struct night nights[2], prev;
	struct result_file files[2];
	struct history hist;
	struct diff *d;
	size_t nd;
	int nn, nfiles;
	struct night *night; /* the single night compared, or NULL */
};

/* Returns -1 to go on, else main's exit status (--help, a usage error). */
static int parse_options(int argc, char **argv, struct options *p)
{
	static const struct option longopts[] = {
		{"alpha", required_argument, NULL, 'a'},
		{"noise-floor", required_argument, NULL, 'n'},
		{"baseline", required_argument, NULL, 'b'},
		{"previous", required_argument, NULL, 'P'},
		{"history", required_argument, NULL, 'H'},
		{"until", required_argument, NULL, 'u'},
		{"host", required_argument, NULL, 'h'},
		{"nights", required_argument, NULL, 'N'},
		{"permutations", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{"write", required_argument, NULL, 'w'},
		{"plot-data", required_argument, NULL, 'D'},
		{"exit-on", required_argument, NULL, 'E'},
		{"help", no_argument, NULL, '?' + 256},
		{0}};
	int c;

	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			p->o.alpha = parse_num("--alpha", optarg, 0, 1);
			p->ho.alpha = p->o.alpha;
			break;
		case 'n':
			p->o.noise_floor =
				parse_num("--noise-floor", optarg, 0, 1e6);
			break;
		case 'b':
			p->baseline = optarg;
			break;
		case 'E':
			if (!strcmp(optarg, "all"))
				p->exit_vs_baseline = true;
			else if (!strcmp(optarg, "previous"))
				p->exit_vs_baseline = false;
			else
				die("--exit-on=%s: expected 'all' or 'previous'",
				    optarg);
			break;
		case 'P':
			p->previous = optarg;
			break;
		case 'H':
			if (p->nhist == 16)
				die("--history: at most 16 directories");
			p->history[p->nhist++] = optarg;
			break;
		case 'u':
			p->ho.until = optarg;
			break;
		case 'h':
			p->ho.host = optarg;
			break;
		case 'N':
			p->ho.max_nights = (size_t)parse_num("--nights", optarg,
							     2, 100000);
			break;
		case 'p':
			p->ho.permutations = (int)parse_num("--permutations",
							    optarg, 19, 100000);
			break;
		case 'f':
			p->format = optarg;
			break;
		case 'o':
			p->out = optarg;
			break;
		case 'w':
			if (p->nwrites == 16)
				die("--write: at most 16");
			if (!strchr(optarg, ':'))
				die("--write=%s: expected FORMAT:FILE", optarg);
			p->writes[p->nwrites++] = optarg;
			break;
		case 'D':
			p->plot = optarg;
			break;
		case '?' + 256:
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	return -1;
}

static void compare_files(struct compare *c, char **argv)
{
	char err[1024];
	struct diff *d;
	int i;

	for (i = 0; i < 2; i++)
		if (result_load(argv[i], &c->files[i], err, sizeof(err)))
			die("%s", err);
	c->nfiles = 2;
	d = add_diff(&c->d, &c->nd);
	d->kind = "files";
	d->old_file = &c->files[0];
	d->new_file = &c->files[1];
	d->old_label = c->files[0].variant;
	d->new_label = c->files[1].variant;
	if (!strcmp(d->old_label, d->new_label)) {
		d->old_label = "old";
		d->new_label = "new";
	}
}

static void compare_nights(struct compare *c, char **argv)
{
	char err[1024];
	int i;

	for (i = 0; i < 2; i++) {
		if (!is_dir(argv[i]))
			die("%s: expected a directory like the other argument",
			    argv[i]);
		if (night_load(argv[i], &c->nights[i], err, sizeof(err)))
			die("%s", err);
	}
	c->nn = 2;
	diffs_against(&c->d, &c->nd, &c->nights[1], NULL, "previous",
		      &c->nights[0]);
	if (!c->nd)
		die("%s and %s have no variant in common", argv[0], argv[1]);
}

/* The baseline failed: one diff per failed variant, to report. */
static void failures_only(struct compare *c, struct night *n,
			  const char *baseline)
{
	size_t i, k;

	for (i = 0; i < n->nfailed; i++) {
		const char *v = n->failed[i].variant;
		struct diff *x;
		bool seen = false;

		for (k = 0; k < c->nd; k++)
			if (!strcmp(c->d[k].new_label, v))
				seen = true;
		if (seen)
			continue;
		x = add_diff(&c->d, &c->nd);
		x->kind = "baseline";
		x->old_label = baseline;
		x->new_label = v;
		set_failure(x, n, v);
	}
}

static void compare_night(struct compare *c, const char *dir,
			  const struct options *p)
{
	struct night *n = &c->nights[0];
	struct result_file *base;
	char err[1024];

	if (!is_dir(dir))
		die("%s: expected a night directory (or give two files)", dir);
	if (night_load(dir, n, err, sizeof(err)))
		die("%s", err);
	c->nn = 1;
	base = night_variant(n, p->baseline);
	if (!base && night_variant_failed(n, p->baseline)) {
		/* nothing to compare with: the night reports its failures */
		fprintf(stderr,
			"gmapbench-compare: %s: the baseline '%s' failed; reporting failures only\n",
			dir, p->baseline);
		failures_only(c, n, p->baseline);
	} else if (!base)
		die("%s: no results of the baseline variant '%s' (%s/%s.json)",
		    dir, p->baseline, dir, p->baseline);
	if (base)
		diffs_against(&c->d, &c->nd, n, base, "baseline", NULL);
	if (p->previous) {
		if (night_load(p->previous, &c->prev, err, sizeof(err)))
			die("--previous: %s", err);
		diffs_against(&c->d, &c->nd, n, NULL, "previous", &c->prev);
	}
	c->night = n;
}

static void read_history(struct compare *c, const struct options *p)
{
	char err[1024];
	size_t i;

	for (i = 0; i < p->nhist; i++)
		if (history_read(&c->hist, p->history[i], &p->ho, err,
				 sizeof(err)))
			die("%s", err);
	history_detect(&c->hist, &p->ho);
}

/* The --write files, the --plot-data directory, then -o or stdout. */
static void write_outputs(const struct options *p, const struct report *r,
			  writer main_writer)
{
	const char *file;
	size_t i;

	for (i = 0; i < p->nwrites; i++) {
		writer w = spec_writer(p->writes[i], &file);

		write_atomic(file, w, r);
	}
	if (p->plot && out_plot_data(p->plot, r))
		die("--plot-data=%s: %s", p->plot, strerror(errno));
	write_atomic(p->out, main_writer, r);
}

static void compare_free(struct compare *c)
{
	size_t i;

	for (i = 0; i < c->nd; i++)
		diff_free(&c->d[i]);
	free(c->d);
	for (i = 0; i < (size_t)c->nfiles; i++)
		result_free(&c->files[i]);
	for (i = 0; i < (size_t)c->nn; i++)
		night_free(&c->nights[i]);
	if (c->prev.dir)
		night_free(&c->prev);
	history_free(&c->hist);
}

int main(int argc, char **argv)
{
	struct options p = {
		.o = {.alpha = 0.05, .noise_floor = 5},
		.ho = {.alpha = 0.05, .permutations = 199},
		.baseline = "baseline",
		.format = "text",
	};
	struct compare c = {0};
	struct report r = {0};
	writer main_writer;
	const char *file;
	size_t i;
	int rc;

	rc = parse_options(argc, argv, &p);
	if (rc >= 0)
		return rc;
	p.ho.noise_floor = p.o.noise_floor;
	main_writer = format_writer(p.format);
	for (i = 0; i < p.nwrites; i++)
		spec_writer(p.writes[i], &file);
	argc -= optind;
	argv += optind;
	if (argc > 2 || (argc == 0 && !p.nhist)) {
		fputs(usage, stderr);
		return 2;
	}

	if (argc == 2 && !is_dir(argv[0]) && !is_dir(argv[1]))
		compare_files(&c, argv);
	else if (argc == 2)
		compare_nights(&c, argv);
	else if (argc == 1)
		compare_night(&c, argv[0], &p);
	if (p.previous && argc != 1)
		die("--previous needs a single night directory argument");

	for (i = 0; i < c.nd; i++)
		diff_run(&c.d[i], &p.o);
	if (p.nhist) {
		read_history(&c, &p);
		r.h = &c.hist;
	}
	r.d = c.d;
	r.nd = c.nd;
	r.o = &p.o;
	r.night = c.night;
	r.exit_vs_baseline = p.exit_vs_baseline;
	r.exit_status = diff_exit_status(c.d, c.nd, r.exit_vs_baseline);
	write_outputs(&p, &r, main_writer);

	rc = r.exit_status;
	compare_free(&c);
	return rc;
}
