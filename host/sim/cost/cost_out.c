// SPDX-License-Identifier: GPL-2.0
/* The side file of --gmap_cost_out (cost_out.h). */
#include "cost_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h" /* lib/json, which gmapbench links */

struct cost_bench {
	char *name;
	struct cost_func *funcs;
	size_t nfuncs;
	int64_t iterations;
};

struct cost_out {
	char *path, *tmp;
	FILE *f;
	struct cost_bench *b;
	size_t nb;
};

static void *cost_out_alloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p) {
		fputs("gmapbench: --gmap_cost_out: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct cost_out *cost_out_open(const char *path, char *err, size_t errlen)
{
	struct cost_out *o = cost_out_alloc(NULL, sizeof(*o));
	size_t n = strlen(path) + 32;

	memset(o, 0, sizeof(*o));
	o->path = strdup(path);
	o->tmp = cost_out_alloc(NULL, n);
	snprintf(o->tmp, n, "%s.tmp.%d", path, (int)getpid());
	o->f = fopen(o->tmp, "w");
	if (!o->path || !o->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(o->path);
		free(o->tmp);
		free(o);
		return NULL;
	}
	return o;
}

void cost_out_add(struct cost_out *o, const char *bench,
		  const struct cost_totals *t, int64_t iterations)
{
	struct cost_bench *b = NULL;
	size_t i;

	for (i = 0; i < o->nb && !b; i++)
		if (!strcmp(o->b[i].name, bench))
			b = &o->b[i];
	if (!b) {
		o->b = cost_out_alloc(o->b, (o->nb + 1) * sizeof(*o->b));
		b = &o->b[o->nb++];
		b->name = cost_out_alloc(NULL, strlen(bench) + 1);
		strcpy(b->name, bench);
		b->funcs = NULL;
	}
	b->funcs = cost_out_alloc(b->funcs, t->nfuncs * sizeof(*b->funcs));
	memcpy(b->funcs, t->funcs, t->nfuncs * sizeof(*b->funcs));
	b->nfuncs = t->nfuncs;
	b->iterations = iterations;
}

int cost_out_close(struct cost_out *o, char *err, size_t errlen)
{
	FILE *f = o->f;
	size_t i, k;
	int rc = 0;

	fputc('{', f);
	for (i = 0; i < o->nb; i++) {
		const struct cost_bench *b = &o->b[i];

		fputs(i ? ",\n  " : "\n  ", f);
		json_put_string(f, b->name);
		fputs(": {", f);
		for (k = 0; k < b->nfuncs; k++) {
			fputs(k ? ",\n    " : "\n    ", f);
			json_put_string(f, b->funcs[k].name);
			fprintf(f, ": %.17g",
				b->iterations ? (double)b->funcs[k].count /
							(double)b->iterations
					      : 0.0);
		}
		fputs(b->nfuncs ? "\n  }" : "}", f);
	}
	fputs(o->nb ? "\n}\n" : "}\n", f);
	if (ferror(f) | fclose(f) || rename(o->tmp, o->path)) {
		snprintf(err, errlen, "%s: %s", o->path,
			 errno ? strerror(errno) : "write failed");
		unlink(o->tmp);
		rc = -1;
	}
	for (i = 0; i < o->nb; i++) {
		free(o->b[i].name);
		free(o->b[i].funcs);
	}
	free(o->b);
	free(o->path);
	free(o->tmp);
	free(o);
	return rc;
}
