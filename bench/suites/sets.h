/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The argument sets each scenario is benchmarked with: a nightly-sized
 * family <scenario> and a larger family <scenario>_large. A set names only
 * the parameters it changes; the others keep the scenario's defaults.
 */
#ifndef GMAPBENCH_SETS_H
#define GMAPBENCH_SETS_H

#include <stdint.h>

#define SET_MAX_ARGS 4

struct arg_set {
	const char *scenario;
	bool large;
	struct {
		const char *name;
		int64_t value;
	} args[SET_MAX_ARGS];
};

extern const struct arg_set arg_sets[];
extern const unsigned int nr_arg_sets;

#endif /* GMAPBENCH_SETS_H */
