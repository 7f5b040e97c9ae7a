// SPDX-License-Identifier: GPL-2.0
/*
 * gsim_create()'s checks of struct gsim_config: the derived arena
 * (arena_bytes 0) for any l1_mem_bytes that is a multiple of 1 MiB, also
 * one that is not a multiple of 8 MiB (the arena adds l1_mem / 8), and
 * the errors that name the bad field.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gsim.h"
#include "tap.h"

/* L1 memory of mib MiB works to its last doubleword and not beyond */
static void derived_arena(uint64_t mib)
{
	uint64_t end = mib << 20, val = 0;
	struct gsim_config cfg;
	struct gsim *g;
	char err[256] = "";

	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = end;
	g = gsim_create(&cfg, err, sizeof(err));
	if (!tap_ok(g != NULL, "l1_mem_bytes %" PRIu64 " MiB, arena derived",
		    mib)) {
		tap_diag("%s", err);
		return;
	}
	tap_eq(gsim_l1_store64(g, end - 8, 0x1234), 0,
	       "%" PRIu64 " MiB: store to the last doubleword", mib);
	tap_eq(gsim_l1_load64(g, end - 8, &val), 0,
	       "%" PRIu64 " MiB: load of the last doubleword", mib);
	tap_eq(val, 0x1234, "%" PRIu64 " MiB: the value stored", mib);
	tap_ok(gsim_l1_store64(g, end, 1) < 0,
	       "%" PRIu64 " MiB: a store past the end fails", mib);
	tap_ok(gsim_error(g)[0] == 0, "%" PRIu64 " MiB: no simulation error",
	       mib);
	gsim_destroy(g);
}

static void refused(struct gsim_config *cfg, const char *field,
		    const char *what)
{
	struct gsim *g;
	char err[256] = "";

	g = gsim_create(cfg, err, sizeof(err));
	tap_ok(g == NULL, "%s refused", what);
	if (!tap_ok(strstr(err, field) != NULL, "%s: the error names %s", what,
		    field))
		tap_diag("error: %s", err);
	gsim_destroy(g);
}

int main(void)
{
	struct gsim_config cfg;

	tap_plan_unknown();
	derived_arena(8);
	derived_arena(9); /* l1_mem / 8 is not whole MiB */
	derived_arena(13);
	derived_arena(100);

	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = (3ULL << 20) / 2;
	refused(&cfg, "l1_mem_bytes", "l1_mem_bytes 1.5 MiB");
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 0;
	refused(&cfg, "l1_mem_bytes", "l1_mem_bytes 0");
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 16ULL << 20;
	cfg.arena_bytes = (80ULL << 20) + 4096;
	refused(&cfg, "arena_bytes", "arena_bytes not whole MiB");
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 16ULL << 20;
	cfg.arena_bytes = 20ULL << 20;
	refused(&cfg, "arena_bytes", "arena_bytes below l1_mem_bytes + 8 MiB");
	gsim_config_default(&cfg);
	cfg.l1_edat1 = false;
	refused(&cfg, "l1_edat2", "EDAT-2 without EDAT-1");
	return tap_done();
}
