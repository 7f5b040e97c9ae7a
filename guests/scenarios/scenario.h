/* SPDX-License-Identifier: GPL-2.0 */
/*
 * L2 scenarios: what L1 does to its L2 gmaps and what L2 touches, with
 * named integer parameters that become benchmark arguments
 * ("BM/table_creation/span_gib:64"). Portable and freestanding like L1.
 *
 *	const struct scenario *s = scenario_find("pte_churn");
 *	int64_t args[SCENARIO_MAX_PARAMS];
 *	scenario_defaults(s, args);
 *	if (scenario_parse(s, args, "interval:16/rewrites:64", err, sizeof(err))
 *	    || scenario_check(s, args, plat, err, sizeof(err)))
 *		fail(err);
 *	scenario_run(s, args, plat, &res);
 *
 * One scenario_run() is one benchmark iteration and is self-contained: it
 * sets L1 up over plat's heap, builds its gmaps, runs L2 and tears the
 * gmaps down. The counters in guests/scenarios/README.md are those of one
 * run on a FRESH machine (a new gsim per iteration); running again on the
 * same machine works, but L0 then still holds shadows and protections from
 * the previous run, so the counters differ.
 *
 * Not reentrant: the L1 state is static (one run at a time per process).
 */
#ifndef GMAPBENCH_SCENARIO_H
#define GMAPBENCH_SCENARIO_H

#include "l1.h"

#define SCENARIO_MAX_PARAMS 8

struct scenario_param {
	const char *name;
	int64_t def, min, max;
	const char *desc;
};

/* What a run with given arguments needs from the machine */
struct scenario_needs {
	uint64_t frames[L1_NR_FRAME_KINDS]; /* at most, at any one time */
	uint64_t l1_bytes; /* L1 memory at least (besides the heap) */
	bool edat1, edat2; /* facilities L1 must be offered */
	bool l0_events; /* the platform's l0_event hook (host/sim) */
	bool inject; /* the platform's inject hook (host/sim) */
};

struct scenario_result {
	struct l1_stats l1; /* what L1 did (sies, reflected, ...) */
	uint64_t ns; /* elapsed by platform->now(); 0: no clock */
	int rc; /* 0, or the negative error */
	char error[192]; /* "" or what went wrong */
};

struct scenario;
typedef int (*scenario_fn)(struct l1 *l1, const int64_t *args);

struct scenario {
	const char *name;
	const char *desc;
	const struct scenario_param *params;
	unsigned int nr_params;
	void (*needs)(const int64_t *args, struct scenario_needs *n);
	/* extra argument checks beyond the ranges; 0 or writes err */
	int (*validate)(const int64_t *args, struct l1_buf *err);
	scenario_fn run;
};

/* The registry, in a fixed order */
unsigned int scenario_count(void);
const struct scenario *scenario_at(unsigned int i);
const struct scenario *scenario_find(const char *name);

/* Index of a parameter by name, or -1 */
int scenario_param_index(const struct scenario *s, const char *name);
/* args[i] = the default of parameter i */
void scenario_defaults(const struct scenario *s, int64_t *args);
/*
 * Sets one argument. Returns 0, or -22 with a message naming the scenario,
 * the parameter and the allowed range (or the known parameters).
 */
int scenario_set(const struct scenario *s, int64_t *args, const char *name,
		 int64_t value, char *err, size_t errlen);
/* Sets arguments from "name:value/name:value" ('=' and ',' also do). */
int scenario_parse(const struct scenario *s, int64_t *args, const char *spec,
		   char *err, size_t errlen);
/* What args need; see struct scenario_needs */
void scenario_needs(const struct scenario *s, const int64_t *args,
		    struct scenario_needs *n);
/*
 * Checks every argument's range, the scenario's own rules, and that the
 * run fits plat (L1 heap, memory size, EDAT facilities). 0, or -22 with a
 * message in err.
 */
int scenario_check(const struct scenario *s, const int64_t *args,
		   const struct l1_platform *plat, char *err, size_t errlen);
/* One run; scenario_check() first. Returns res->rc. */
int scenario_run(const struct scenario *s, const int64_t *args,
		 struct l1_platform *plat, struct scenario_result *res);

/* Helpers the scenarios share (common.c) */
int scn_alias_init(struct l1 *l1, unsigned int nr);
uint64_t scn_frame_alias(struct l1 *l1, uint64_t l2addr);
int scn_map_alias(void *arg, struct l1_gmap *g, const struct l1_sie *sie);
int scn_map_new(struct l1_gmap *g, uint64_t l2addr, enum l1_map_size size);
int scn_run1(struct l1_gmap *g, bool edat, uint64_t addr, int64_t stride,
	     uint64_t count, bool write);
uint64_t scn_chunks(const struct scenario_needs *n);
int scn_cycle(struct l1_gmap *g, uint64_t ws, uint64_t *pos, uint64_t count,
	      bool write);
enum l1_level scn_top(int64_t asce_levels, uint64_t span);
uint64_t scn_crst_for(enum l1_level top, uint64_t span, uint64_t leaves);
int scn_check_levels(const char *name, int64_t levels, uint64_t span,
		     struct l1_buf *err);

#endif /* GMAPBENCH_SCENARIO_H */
