/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel-work counter of the count build (docs/verdicts.md, "Kernel
 * work: the count pass"): the kernel's objects are compiled with gcc's
 * -fsanitize-coverage=trace-pc, each object's callback renamed to one of
 * cost_bb_<file>() (host/sim/cost/cost.mk), so a call knows its file for
 * free; the callback counts its return address, a basic block of that
 * file. cost_collect() maps the addresses to functions afterwards, from
 * the program's own symbol table. One thread counts at a time.
 */
#ifndef GMAPBENCH_SIM_COST_H
#define GMAPBENCH_SIM_COST_H

#include <stddef.h>
#include <stdint.h>

enum cost_file {
	COST_GMAP,
	COST_PGTABLE,
	COST_PGALLOC,
	COST_GACCESS,
	COST_VSIE,
	COST_NR_FILES
};

/* "gmap", "pgtable", ...: the counter of a file is kernel_bb_<name> */
extern const char *const cost_file_names[COST_NR_FILES];

struct cost_func {
	const char *name;
	uint64_t count;
};

struct cost_totals {
	uint64_t total;
	uint64_t file[COST_NR_FILES];
	struct cost_func *funcs; /* most basic blocks first, then by name */
	size_t nfuncs;
};

/* counts the basic blocks executed from cost_start() to cost_stop() */
void cost_start(void);
void cost_stop(void);
/* forgets what was counted */
void cost_reset(void);
/*
 * What was counted since cost_reset(), per file and function. Returns 0,
 * or -1 with a message in err (the program's symbol table is unreadable).
 */
int cost_collect(struct cost_totals *t, char *err, size_t errlen);
void cost_totals_free(struct cost_totals *t);

/* vsie_loop.o holds vsie.c's functions and ours: the kernel's, by name */
extern const char *const cost_vsie_functions[];
extern const size_t cost_nr_vsie_functions;

#endif
