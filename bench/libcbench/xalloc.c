// SPDX-License-Identifier: GPL-2.0
/* Allocation that cannot fail: out of memory is a fatal error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *cb_xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		cb_fatal("out of memory");
	return p;
}

void *cb_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		cb_fatal("out of memory");
	return p;
}

char *cb_xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		cb_fatal("out of memory");
	return d;
}

char *cb_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		cb_fatal("out of memory");
	va_end(ap);
	return s;
}
