/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The two checked-in inputs of make coverage (docs/coverage.md):
 *
 * host/sim/coverage/functions, which functions are counted:
 *	file arch/s390/mm/gmap.c	a kernel source whose functions are candidates
 *	match shadow|unshadow		an extended regular expression over names
 *	add NAME why...			a function counted although its name does not match
 *	drop NAME why...		a matching function that is not counted
 *	assert ERE			source lines that are assertions (BUG_ON):
 *					their branches are counted apart
 *
 * host/sim/coverage/unreachable, which lines host/sim cannot run:
 *	FUNCTION+OFFSET | source text | why
 *	FUNCTION+* | * | why		(the whole function)
 * OFFSET counts lines from the function's first line (its name); the
 * source text (whitespace collapsed) must match, so a patch that moves the
 * line makes the entry stale instead of silently wrong.
 *
 * In both, '#' starts a comment line; blank lines are ignored.
 */
#ifndef GMAPBENCH_COVRULES_H
#define GMAPBENCH_COVRULES_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

struct cov_named {
	char *name;
	char *why;
	int line; /* in the rules file, for messages */
	bool used;
};

struct cov_rules {
	const char *path;
	char **files; /* path suffixes */
	size_t nr_files;
	regex_t match, assert;
	bool have_match, have_assert;
	struct cov_named *adds, *drops;
	size_t nr_adds, nr_drops;
};

struct cov_unreachable {
	char *function;
	int offset; /* -1: the whole function */
	char *source; /* collapsed; NULL for the whole function */
	char *why;
	int line; /* in the list, for messages */
	bool used;
};

struct cov_unreachable_list {
	const char *path;
	struct cov_unreachable *items;
	size_t nr;
};

/* Both return 0, or -1 with a message naming path:line in err. */
int cov_rules_load(struct cov_rules *r, const char *path, char *err,
		   size_t errlen);
int cov_unreachable_load(struct cov_unreachable_list *u, const char *path,
			 char *err, size_t errlen);
void cov_rules_free(struct cov_rules *r);
void cov_unreachable_free(struct cov_unreachable_list *u);

/* The rules' file line that path ends in, or NULL if it is no candidate. */
const char *cov_rules_file(const struct cov_rules *r, const char *path);
/* Whether a source line is an assertion (the assert line). */
bool cov_rules_assertion(const struct cov_rules *r, const char *source);
/* Whether a candidate function is counted; *why says by which rule. */
bool cov_rules_select(struct cov_rules *r, const char *name, const char **why);

/* realloc and strdup that end the program when memory runs out */
void *cov_xrealloc(void *p, size_t n);
char *cov_xstrdup(const char *s);

/* Copies s with runs of white space made one blank, ends trimmed. */
char *cov_collapse(const char *s);

#endif /* GMAPBENCH_COVRULES_H */
