/* SPDX-License-Identifier: GPL-2.0 */
/* The running program's functions, from its own ELF symbol table. */
#ifndef GMAPBENCH_SIM_COST_SYMS_H
#define GMAPBENCH_SIM_COST_SYMS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Reads /proc/self/exe's symbol table once. Returns 0, or -1 with a
 * message in err (a stripped binary has none).
 */
int cost_syms_load(char *err, size_t errlen);
/* the function holding address pc, or NULL */
const char *cost_syms_function(uintptr_t pc);

#endif
