/* SPDX-License-Identifier: GPL-2.0 */
/* What a program on the bare-metal runtime provides and may use. */
#ifndef BM_RUNTIME_H
#define BM_RUNTIME_H

#include "bm.h"

/* The program: runs after boot, prints its JSON line; then the halt. */
void bm_program(const struct bm_cmdline *cl);

/* "scenario":..,"args":{..} (no braces around) */
void bm_json_args(const struct bm_cmdline *cl);
/* a whole error line: {"scenario":..,"args":..,"error":msg,"detail":..} */
void bm_json_error(const struct bm_cmdline *cl, const char *msg,
		   const char *detail);
bool bm_parse_u64(const char *s, uint64_t *out);

#endif
