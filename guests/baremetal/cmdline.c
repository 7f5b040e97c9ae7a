// SPDX-License-Identifier: GPL-2.0
/* The kernel command line: "<scenario> key=value key=value ...". */
#include "bm.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

void bm_cmdline_parse(char *line, struct bm_cmdline *cl)
{
	char *p = line, *tok, *eq;

	memset(cl, 0, sizeof(*cl));
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		tok = p;
		while (*p && !is_space(*p))
			p++;
		if (*p)
			*p++ = 0;
		if (!cl->scenario) {
			cl->scenario = tok;
			continue;
		}
		eq = tok;
		while (*eq && *eq != '=')
			eq++;
		if (!*eq || eq == tok) {
			cl->error = "argument is not key=value";
			cl->key[0] = tok;
			return;
		}
		if (cl->nargs == BM_MAX_ARGS) {
			cl->error = "too many arguments";
			return;
		}
		*eq = 0;
		cl->key[cl->nargs] = tok;
		cl->val[cl->nargs++] = eq + 1;
	}
	if (!cl->scenario)
		cl->error = "no scenario on the command line";
}
