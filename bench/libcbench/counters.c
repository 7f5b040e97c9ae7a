// SPDX-License-Identifier: GPL-2.0
/* User counters: a small array sorted by name, as the std::map of 1.7.1. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cb_counter *cb_counters_find(const struct cb_counters *c,
				    const char *name)
{
	int lo = 0, hi = c->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, d = strcmp(c->v[mid].name, name);

		if (!d)
			return &c->v[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

void cb_counters_set(struct cb_counters *c, const char *name, double v,
		     unsigned flags, int base, bool add)
{
	struct cb_counter *e = cb_counters_find(c, name);
	int at;

	if (e) {
		e->value = add ? e->value + v : v;
		if (!add) {
			e->flags = flags;
			e->base = base;
		}
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = cb_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	for (at = c->n; at > 0 && strcmp(c->v[at - 1].name, name) > 0; at--)
		;
	memmove(&c->v[at + 1], &c->v[at], (c->n - at) * sizeof(*c->v));
	c->v[at] = (struct cb_counter){cb_xstrdup(name), v, flags, base};
	c->n++;
}

void cb_counters_free(struct cb_counters *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

void cb_counters_copy(struct cb_counters *dst, const struct cb_counters *src)
{
	memset(dst, 0, sizeof(*dst));
	for (int i = 0; i < src->n; i++)
		cb_counters_set(dst, src->v[i].name, src->v[i].value,
				src->v[i].flags, src->v[i].base, false);
}
