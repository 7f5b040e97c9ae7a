// SPDX-License-Identifier: GPL-2.0
/*
 * covreport: line and branch coverage of the kernel's shadow functions,
 * from gcov's JSON (gcov -b -j -t, one document per file argument).
 *
 *	covreport --functions=FILE --unreachable=FILE [--json=OUT]
 *		  [--variant=NAME] [--list] GCOV_JSON...
 *
 * Prints per function the lines run and the branches taken, the totals,
 * the lines never run (file:line, function, source line) and, apart, the
 * lines host/sim cannot run (the unreachable list, not in the totals).
 * --list prints instead every function of the files and the rule that
 * counts it, or "-".
 * Exit 0; 1 if an input is bad or an entry of the unreachable list is
 * wrong (the line ran, or its source text no longer matches).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "covrules.h"
#include "json.h"

#define GOAL_LINES 95.0
#define GOAL_BRANCHES 85.0

struct cov_line {
	int nr;
	long long count;
	long long *br; /* the count of each branch (throws left out) */
	int nbr;
	const struct cov_unreachable *unreachable;
};

struct cov_fn {
	char *name;
	const char *file; /* the rules' suffix, e.g. arch/s390/mm/gmap.c */
	char *path; /* where the source is read */
	int start, end;
	bool selected;
	const char *why;
	struct cov_line *lines;
	size_t nr_lines;
	int lines_total, lines_run, br_total, br_taken, unreachable;
	int br_assert, br_assert_taken; /* on assertion lines, apart */
};

struct source {
	char *path;
	char **lines;
	size_t nr;
};

static struct cov_fn *fns;
static size_t nr_fns;
static struct source *sources;
static size_t nr_sources;
static int problems;

static struct cov_fn *find_fn(const char *file, const char *name)
{
	size_t i;

	for (i = 0; i < nr_fns; i++)
		if (!strcmp(fns[i].name, name) && fns[i].file == file)
			return &fns[i];
	return NULL;
}

static struct cov_fn *find_fn_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < nr_fns; i++)
		if (!strcmp(fns[i].name, name))
			return &fns[i];
	return NULL;
}

static struct cov_fn *get_fn(const char *file, const char *path,
			     const char *name)
{
	struct cov_fn *f = find_fn(file, name);

	if (f)
		return f;
	fns = cov_xrealloc(fns, (nr_fns + 1) * sizeof(*fns));
	f = &fns[nr_fns++];
	memset(f, 0, sizeof(*f));
	f->name = cov_xstrdup(name);
	f->file = file;
	f->path = cov_xstrdup(path);
	return f;
}

static struct cov_line *get_line(struct cov_fn *f, int nr)
{
	size_t i;

	for (i = 0; i < f->nr_lines; i++)
		if (f->lines[i].nr == nr)
			return &f->lines[i];
	f->lines =
		cov_xrealloc(f->lines, (f->nr_lines + 1) * sizeof(*f->lines));
	memset(&f->lines[f->nr_lines], 0, sizeof(*f->lines));
	f->lines[f->nr_lines].nr = nr;
	return &f->lines[f->nr_lines++];
}

static int64_t int_of(const struct json *v, const char *key)
{
	int64_t x = 0;

	json_int64(json_get(v, key), &x);
	return x;
}

/* The function a line belongs to: gcov names it, or its line range. */
static const char *line_function(const struct json *file, const struct json *l)
{
	const struct json *fs = json_get(file, "functions");
	const char *name = json_str(json_get(l, "function_name"));
	int64_t nr = int_of(l, "line_number");
	size_t i;

	if (name)
		return name;
	for (i = 0; i < json_len(fs); i++) {
		const struct json *fn = json_at(fs, i);

		if (nr >= int_of(fn, "start_line") &&
		    nr <= int_of(fn, "end_line"))
			return json_str(json_get(fn, "name"));
	}
	return NULL;
}

static void read_file_coverage(struct cov_rules *r, const char *cwd,
			       const struct json *file)
{
	const char *path = json_str(json_get(file, "file"));
	const struct json *fs = json_get(file, "functions");
	const struct json *ls = json_get(file, "lines");
	const char *suffix = path ? cov_rules_file(r, path) : NULL;
	char full[4096];
	size_t i, k;
	int nb;

	if (!suffix)
		return;
	if (path[0] == '/' || !cwd)
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "%s/%s", cwd, path);
	for (i = 0; i < json_len(fs); i++) {
		const struct json *fn = json_at(fs, i);
		const char *name = json_str(json_get(fn, "name"));
		struct cov_fn *f;

		if (!name)
			continue;
		f = get_fn(suffix, full, name);
		f->start = (int)int_of(fn, "start_line");
		f->end = (int)int_of(fn, "end_line");
	}
	for (i = 0; i < json_len(ls); i++) {
		const struct json *l = json_at(ls, i);
		const struct json *brs = json_get(l, "branches");
		const char *name = line_function(file, l);
		struct cov_line *cl;
		int64_t count = int_of(l, "count");

		if (!name)
			continue;
		cl = get_line(get_fn(suffix, full, name),
			      (int)int_of(l, "line_number"));
		cl->count += count;
		/* the same line from a second object adds up branch by branch */
		for (k = 0, nb = 0; k < json_len(brs); k++) {
			const struct json *b = json_at(brs, k);

			if (json_get(b, "throw") &&
			    json_get(b, "throw")->type == JSON_TRUE)
				continue;
			if (nb >= cl->nbr) {
				cl->br = cov_xrealloc(
					cl->br, (nb + 1) * sizeof(*cl->br));
				cl->br[nb] = 0;
				cl->nbr = nb + 1;
			}
			cl->br[nb++] += int_of(b, "count");
		}
	}
}

static struct source *get_source(const char *path)
{
	struct source *s;
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, i;
	ssize_t n;

	for (i = 0; i < nr_sources; i++)
		if (!strcmp(sources[i].path, path))
			return &sources[i];
	sources = cov_xrealloc(sources, (nr_sources + 1) * sizeof(*sources));
	s = &sources[nr_sources++];
	memset(s, 0, sizeof(*s));
	s->path = cov_xstrdup(path);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "covreport: %s: %s (source lines not shown)\n",
			path, strerror(errno));
		return s;
	}
	while ((n = getline(&buf, &cap, f)) >= 0) {
		if (n && buf[n - 1] == '\n')
			buf[n - 1] = '\0';
		s->lines = cov_xrealloc(s->lines, (s->nr + 1) * sizeof(char *));
		s->lines[s->nr++] = cov_xstrdup(buf);
	}
	free(buf);
	fclose(f);
	return s;
}

static const char *source_line(const struct cov_fn *f, int nr)
{
	struct source *s = get_source(f->path);

	return nr >= 1 && (size_t)nr <= s->nr ? s->lines[nr - 1] : "";
}

static int cmp_line(const void *a, const void *b)
{
	return ((const struct cov_line *)a)->nr -
	       ((const struct cov_line *)b)->nr;
}

static int cmp_fn(const void *a, const void *b)
{
	const struct cov_fn *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : x->start - y->start;
}

/* an add or drop line that named no compiled function */
static void report_unused(const char *path, const char *kw,
			  const struct cov_named *v, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!v[i].used) {
			fprintf(stderr,
				"covreport: %s:%d: %s %s: no such function "
				"in the compiled sources\n",
				path, v[i].line, kw, v[i].name);
			problems++;
		}
}

static void select_functions(struct cov_rules *r)
{
	size_t i;

	for (i = 0; i < nr_fns; i++) {
		fns[i].selected = cov_rules_select(r, fns[i].name, &fns[i].why);
		qsort(fns[i].lines, fns[i].nr_lines, sizeof(*fns[i].lines),
		      cmp_line);
	}
	qsort(fns, nr_fns, sizeof(*fns), cmp_fn);
	report_unused(r->path, "add", r->adds, r->nr_adds);
	report_unused(r->path, "drop", r->drops, r->nr_drops);
}

static void mark_unreachable(struct cov_unreachable_list *u)
{
	size_t i, k;

	for (i = 0; i < u->nr; i++) {
		struct cov_unreachable *e = &u->items[i];
		struct cov_fn *f = find_fn_by_name(e->function);
		struct cov_line *l = NULL;
		char *src;

		if (!f || !f->selected) {
			fprintf(stderr,
				"covreport: %s:%d: %s is %s: entry ignored\n",
				u->path, e->line, e->function,
				f ? "not a counted function" : "not compiled");
			problems++;
			continue;
		}
		if (e->offset < 0) {
			for (k = 0; k < f->nr_lines; k++)
				f->lines[k].unreachable = e;
			e->used = true;
			continue;
		}
		for (k = 0; k < f->nr_lines; k++)
			if (f->lines[k].nr == f->start + e->offset)
				l = &f->lines[k];
		src = cov_collapse(source_line(f, f->start + e->offset));
		if (!l || strcmp(src, e->source)) {
			fprintf(stderr,
				"covreport: %s:%d: %s+%d is %s '%s', not an "
				"executable line '%s': stale entry ignored\n",
				u->path, e->line, e->function, e->offset,
				l ? "now" : "", src, e->source);
			problems++;
		} else {
			l->unreachable = e;
			e->used = true;
		}
		free(src);
	}
}

static void count(const struct cov_rules *r)
{
	size_t i, k;
	int b;

	for (i = 0; i < nr_fns; i++) {
		struct cov_fn *f = &fns[i];

		for (k = 0; k < f->nr_lines; k++) {
			struct cov_line *l = &f->lines[k];

			if (l->unreachable) {
				f->unreachable++;
				continue;
			}
			f->lines_total++;
			f->lines_run += l->count > 0;
			if (cov_rules_assertion(r, source_line(f, l->nr))) {
				f->br_assert += l->nbr;
				for (b = 0; b < l->nbr; b++)
					f->br_assert_taken += l->br[b] > 0;
				continue;
			}
			f->br_total += l->nbr;
			for (b = 0; b < l->nbr; b++)
				f->br_taken += l->br[b] > 0;
		}
	}
}

static double pct(int part, int whole)
{
	return whole ? 100.0 * part / whole : 100.0;
}

/* "3/4  75.0%", or "-" for a function with nothing to count */
static void fraction(char *buf, size_t len, int part, int whole)
{
	if (whole)
		snprintf(buf, len, "%d/%d %5.1f%%", part, whole,
			 pct(part, whole));
	else
		snprintf(buf, len, "-");
}

static void print_text(const char *variant, const char *fpath,
		       const char *upath)
{
	int lt = 0, lr = 0, bt = 0, bk = 0, n = 0, never = 0, unr = 0;
	int ba = 0, bat = 0;
	size_t i, k;

	printf("coverage of the shadow code, variant %s (%s)\n\n", variant,
	       fpath);
	printf("%-36s %-24s %17s %19s\n", "function", "file", "lines",
	       "branches");
	for (i = 0; i < nr_fns; i++) {
		struct cov_fn *f = &fns[i];
		char lbuf[32], bbuf[32];

		if (!f->selected)
			continue;
		fraction(lbuf, sizeof(lbuf), f->lines_run, f->lines_total);
		fraction(bbuf, sizeof(bbuf), f->br_taken, f->br_total);
		printf("%-36s %-24s %17s %19s%s\n", f->name, f->file, lbuf,
		       bbuf, f->unreachable ? "  (+unreachable)" : "");
		lt += f->lines_total, lr += f->lines_run;
		bt += f->br_total, bk += f->br_taken;
		ba += f->br_assert, bat += f->br_assert_taken;
		n++;
	}
	printf("\ntotal, %d functions: lines %d/%d %.1f%% (goal %.0f%%: %s), "
	       "branches %d/%d %.1f%% (goal %.0f%%: %s)\n",
	       n, lr, lt, pct(lr, lt), GOAL_LINES,
	       pct(lr, lt) >= GOAL_LINES ? "met" : "missed", bk, bt,
	       pct(bk, bt), GOAL_BRANCHES,
	       pct(bk, bt) >= GOAL_BRANCHES ? "met" : "missed");
	printf("not in the branches: %d branches of assertions (BUG_ON, "
	       "WARN_ON: the side that fires is never meant to run), %d "
	       "taken\n",
	       ba, bat);

	for (i = 0; i < nr_fns; i++)
		for (k = 0; fns[i].selected && k < fns[i].nr_lines; k++) {
			never += !fns[i].lines[k].count &&
				 !fns[i].lines[k].unreachable;
			unr += !!fns[i].lines[k].unreachable;
		}
	printf("\nlines never run (%d):\n", never);
	for (i = 0; i < nr_fns; i++)
		for (k = 0; fns[i].selected && k < fns[i].nr_lines; k++) {
			struct cov_line *l = &fns[i].lines[k];

			if (!l->count && !l->unreachable)
				printf("%s:%d: %s: %s\n", fns[i].file, l->nr,
				       fns[i].name,
				       source_line(&fns[i], l->nr));
		}
	printf("\nunreachable on host/sim (%s; %d lines, not in the "
	       "totals):\n",
	       upath, unr);
	for (i = 0; i < nr_fns; i++)
		for (k = 0; fns[i].selected && k < fns[i].nr_lines; k++) {
			struct cov_line *l = &fns[i].lines[k];

			if (!l->unreachable)
				continue;
			printf("%s:%d: %s: %s\n", fns[i].file, l->nr,
			       fns[i].name, source_line(&fns[i], l->nr));
			if (!k || l[-1].unreachable != l->unreachable)
				printf("\t-> %s\n", l->unreachable->why);
			if (l->count) {
				fprintf(stderr,
					"covreport: %s:%d: %s:%d ran %lld "
					"times: it is not unreachable\n",
					upath, l->unreachable->line,
					fns[i].file, l->nr, l->count);
				problems++;
			}
		}
}

static void put_line(FILE *o, const struct cov_fn *f, const struct cov_line *l,
		     bool first)
{
	fprintf(o, "%s\n    {\"file\": ", first ? "" : ",");
	json_put_string(o, f->file);
	fprintf(o, ", \"line\": %d, \"function\": ", l->nr);
	json_put_string(o, f->name);
	fprintf(o, ", \"count\": %lld, \"source\": ", l->count);
	json_put_string(o, source_line(f, l->nr));
	if (l->unreachable) {
		fprintf(o, ", \"why\": ");
		json_put_string(o, l->unreachable->why);
	}
	fputc('}', o);
}

static int write_json(const char *out, const char *variant)
{
	int lt = 0, lr = 0, bt = 0, bk = 0, n = 0, unr = 0, pass;
	int ba = 0, bat = 0;
	char tmp[4096];
	bool first;
	size_t i, k;
	FILE *o;

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	o = fopen(tmp, "w");
	if (!o) {
		fprintf(stderr, "covreport: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	fprintf(o, "{\n  \"variant\": ");
	json_put_string(o, variant);
	fprintf(o, ",\n  \"functions\": {");
	for (i = 0; i < nr_fns; i++) {
		struct cov_fn *f = &fns[i];

		if (!f->selected)
			continue;
		fprintf(o, "%s\n    ", n++ ? "," : "");
		json_put_string(o, f->name);
		fprintf(o, ": {\"file\": ");
		json_put_string(o, f->file);
		fprintf(o,
			", \"line\": %d, \"lines\": %d, \"lines_run\": %d, "
			"\"branches\": %d, \"branches_taken\": %d, "
			"\"assertion_branches\": %d, "
			"\"unreachable_lines\": %d, \"selected_by\": ",
			f->start, f->lines_total, f->lines_run, f->br_total,
			f->br_taken, f->br_assert, f->unreachable);
		json_put_string(o, f->why);
		fputc('}', o);
		lt += f->lines_total, lr += f->lines_run;
		bt += f->br_total, bk += f->br_taken, unr += f->unreachable;
		ba += f->br_assert, bat += f->br_assert_taken;
	}
	fprintf(o,
		"\n  },\n  \"totals\": {\"functions\": %d, \"lines\": %d, "
		"\"lines_run\": %d, \"lines_pct\": ",
		n, lt, lr);
	json_put_number(o, pct(lr, lt));
	fprintf(o,
		", \"branches\": %d, \"branches_taken\": %d, "
		"\"branches_pct\": ",
		bt, bk);
	json_put_number(o, pct(bk, bt));
	fprintf(o,
		", \"assertion_branches\": %d, \"assertion_branches_taken\": "
		"%d, \"unreachable_lines\": %d},\n",
		ba, bat, unr);
	fprintf(o,
		"  \"goals\": {\"lines_pct\": %.0f, \"branches_pct\": %.0f},\n",
		GOAL_LINES, GOAL_BRANCHES);
	for (pass = 0; pass < 2; pass++) {
		fprintf(o, "  \"%s\": [", pass ? "unreachable" : "never_run");
		first = true;
		for (i = 0; i < nr_fns; i++)
			for (k = 0; fns[i].selected && k < fns[i].nr_lines;
			     k++) {
				struct cov_line *l = &fns[i].lines[k];

				if (pass ? !l->unreachable
					 : l->count || l->unreachable)
					continue;
				put_line(o, &fns[i], l, first);
				first = false;
			}
		fprintf(o, "\n  ]%s\n", pass ? "" : ",");
	}
	fprintf(o, "}\n");
	if (fclose(o) || rename(tmp, out)) {
		fprintf(stderr, "covreport: %s: %s\n", out, strerror(errno));
		return -1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: covreport --functions=FILE --unreachable=FILE "
		"[--json=OUT] [--variant=NAME] [--list] GCOV_JSON...\n");
	exit(1);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"functions", required_argument, NULL, 'f'},
		{"unreachable", required_argument, NULL, 'u'},
		{"json", required_argument, NULL, 'j'},
		{"variant", required_argument, NULL, 'v'},
		{"list", no_argument, NULL, 'l'},
		{NULL, 0, NULL, 0},
	};
	const char *fpath = NULL, *upath = NULL, *out = NULL;
	const char *variant = "?";
	bool list = false;
	struct cov_unreachable_list ul;
	struct json_error jerr;
	struct cov_rules rules;
	char err[512];
	int c, i;
	size_t k;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fpath = optarg;
			break;
		case 'u':
			upath = optarg;
			break;
		case 'j':
			out = optarg;
			break;
		case 'v':
			variant = optarg;
			break;
		case 'l':
			list = true;
			break;
		default:
			usage();
		}
	}
	if (!fpath || !upath || optind == argc)
		usage();
	if (cov_rules_load(&rules, fpath, err, sizeof(err)) ||
	    cov_unreachable_load(&ul, upath, err, sizeof(err))) {
		fprintf(stderr, "covreport: %s\n", err);
		return 1;
	}
	for (i = optind; i < argc; i++) {
		struct json *doc = json_parse_file(argv[i], &jerr);
		const struct json *files = json_get(doc, "files");
		const char *cwd =
			json_str(json_get(doc, "current_working_directory"));

		if (!doc || !files) {
			fprintf(stderr, "covreport: %s: %s\n", argv[i],
				doc ? "no \"files\": not gcov's JSON"
				    : jerr.msg);
			return 1;
		}
		for (k = 0; k < json_len(files); k++)
			read_file_coverage(&rules, cwd, json_at(files, k));
		json_free(doc);
	}
	if (!nr_fns) {
		fprintf(stderr,
			"covreport: no function of the files of %s in "
			"the gcov data\n",
			fpath);
		return 1;
	}
	select_functions(&rules);
	if (list) {
		for (k = 0; k < nr_fns; k++)
			printf("%-32s %-24s %s\n", fns[k].name, fns[k].file,
			       fns[k].selected ? fns[k].why : "-");
		return problems ? 1 : 0;
	}
	mark_unreachable(&ul);
	count(&rules);
	print_text(variant, fpath, upath);
	if (out && write_json(out, variant))
		problems++;
	cov_rules_free(&rules);
	cov_unreachable_free(&ul);
	return problems ? 1 : 0;
}
