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

int main(int argc, char **argv)
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
	struct diff_opts o = {.alpha = 0.05, .noise_floor = 5};
	struct history_opts ho = {.alpha = 0.05, .permutations = 199};
	const char *baseline = "baseline", *previous = NULL, *format = "text";
	const char *out = NULL, *plot = NULL, *history[16], *writes[16];
	size_t nhist = 0, nwrites = 0, nd = 0, i;
	struct night nights[2] = {0}, prev = {0};
	struct result_file files[2] = {0};
	struct history hist = {0};
	struct diff *d = NULL;
	struct report r = {.exit_vs_baseline = false};
	char err[1024];
	int c, nn = 0, nfiles = 0;
	writer main_writer;

	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o.alpha = parse_num("--alpha", optarg, 0, 1);
			ho.alpha = o.alpha;
			break;
		case 'n':
			o.noise_floor =
				parse_num("--noise-floor", optarg, 0, 1e6);
			break;
		case 'b':
			baseline = optarg;
			break;
		case 'E':
			if (!strcmp(optarg, "all"))
				r.exit_vs_baseline = true;
			else if (!strcmp(optarg, "previous"))
				r.exit_vs_baseline = false;
			else
				die("--exit-on=%s: expected 'all' or 'previous'",
				    optarg);
			break;
		case 'P':
			previous = optarg;
			break;
		case 'H':
			if (nhist == 16)
				die("--history: at most 16 directories");
			history[nhist++] = optarg;
			break;
		case 'u':
			ho.until = optarg;
			break;
		case 'h':
			ho.host = optarg;
			break;
		case 'N':
			ho.max_nights = (size_t)parse_num("--nights", optarg, 2,
							  100000);
			break;
		case 'p':
			ho.permutations = (int)parse_num("--permutations",
							 optarg, 19, 100000);
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'w':
			if (nwrites == 16)
				die("--write: at most 16");
			if (!strchr(optarg, ':'))
				die("--write=%s: expected FORMAT:FILE", optarg);
			writes[nwrites++] = optarg;
			break;
		case 'D':
			plot = optarg;
			break;
		case '?' + 256:
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	ho.noise_floor = o.noise_floor;
	main_writer = format_writer(format);
	for (i = 0; i < nwrites; i++) {
		char fmt[32];

		snprintf(fmt, sizeof(fmt), "%.*s",
			 (int)(strchr(writes[i], ':') - writes[i]), writes[i]);
		format_writer(fmt);
	}
	argc -= optind;
	argv += optind;
	if (argc > 2 || (argc == 0 && !nhist)) {
		fputs(usage, stderr);
		return 2;
	}

	if (argc == 2 && !is_dir(argv[0]) && !is_dir(argv[1])) {
		for (i = 0; i < 2; i++)
			if (result_load(argv[i], &files[i], err, sizeof(err)))
				die("%s", err);
		nfiles = 2;
		d = add_diff(&d, &nd);
		d->kind = "files";
		d->old_file = &files[0];
		d->new_file = &files[1];
		d->old_label = files[0].variant;
		d->new_label = files[1].variant;
		if (!strcmp(d->old_label, d->new_label)) {
			d->old_label = "old";
			d->new_label = "new";
		}
	} else if (argc == 2) {
		for (i = 0; i < 2; i++) {
			if (!is_dir(argv[i]))
				die("%s: expected a directory like the other argument",
				    argv[i]);
			if (night_load(argv[i], &nights[i], err, sizeof(err)))
				die("%s", err);
		}
		nn = 2;
		diffs_against(&d, &nd, &nights[1], NULL, "previous",
			      &nights[0]);
		if (!nd)
			die("%s and %s have no variant in common", argv[0],
			    argv[1]);
	} else if (argc == 1) {
		struct result_file *base;

		if (!is_dir(argv[0]))
			die("%s: expected a night directory (or give two files)",
			    argv[0]);
		if (night_load(argv[0], &nights[0], err, sizeof(err)))
			die("%s", err);
		nn = 1;
		base = night_variant(&nights[0], baseline);
		if (!base && night_variant_failed(&nights[0], baseline)) {
			/* nothing to compare with: the night reports its failures */
			fprintf(stderr,
				"gmapbench-compare: %s: the baseline '%s' failed; reporting failures only\n",
				argv[0], baseline);
			for (i = 0; i < nights[0].nfailed; i++) {
				const char *v = nights[0].failed[i].variant;
				size_t k;
				bool seen = false;

				for (k = 0; k < nd; k++)
					if (!strcmp(d[k].new_label, v))
						seen = true;
				if (seen)
					continue;
				add_diff(&d, &nd);
				d[nd - 1].kind = "baseline";
				d[nd - 1].old_label = baseline;
				d[nd - 1].new_label = v;
				set_failure(&d[nd - 1], &nights[0], v);
			}
		} else if (!base)
			die("%s: no results of the baseline variant '%s' (%s/%s.json)",
			    argv[0], baseline, argv[0], baseline);
		if (base)
			diffs_against(&d, &nd, &nights[0], base, "baseline",
				      NULL);
		if (previous) {
			if (night_load(previous, &prev, err, sizeof(err)))
				die("--previous: %s", err);
			diffs_against(&d, &nd, &nights[0], NULL, "previous",
				      &prev);
		}
		r.night = &nights[0];
	}
	if (previous && argc != 1)
		die("--previous needs a single night directory argument");

	for (i = 0; i < nd; i++)
		diff_run(&d[i], &o);
	if (nhist) {
		for (i = 0; i < nhist; i++)
			if (history_read(&hist, history[i], &ho, err,
					 sizeof(err)))
				die("%s", err);
		history_detect(&hist, &ho);
		r.h = &hist;
	}
	r.d = d;
	r.nd = nd;
	r.o = &o;
	r.exit_status = diff_exit_status(d, nd, r.exit_vs_baseline);

	for (i = 0; i < nwrites; i++) {
		char fmt[32];

		snprintf(fmt, sizeof(fmt), "%.*s",
			 (int)(strchr(writes[i], ':') - writes[i]), writes[i]);
		write_atomic(strchr(writes[i], ':') + 1, format_writer(fmt),
			     &r);
	}
	if (plot && out_plot_data(plot, &r))
		die("--plot-data=%s: %s", plot, strerror(errno));
	write_atomic(out, main_writer, &r);

	for (i = 0; i < nd; i++)
		diff_free(&d[i]);
	free(d);
	for (i = 0; i < (size_t)nfiles; i++)
		result_free(&files[i]);
	for (i = 0; i < (size_t)nn; i++)
		night_free(&nights[i]);
	if (prev.dir)
		night_free(&prev);
	history_free(&hist);
	return r.exit_status;
}
