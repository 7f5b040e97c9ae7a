// SPDX-License-Identifier: GPL-2.0
/* The reporter for a --benchmark_format / --benchmark_out_format name. */
#include <string.h>

#include "internal.h"

int cb_reporter_init(struct cb_reporter *r, const char *format, FILE *out,
		     FILE *err)
{
	memset(r, 0, sizeof(*r));
	r->out = out;
	r->err = err;
	r->first_report = true;
	if (!strcmp(format, "json"))
		cb_json_reporter(r);
	else if (!strcmp(format, "csv"))
		cb_csv_reporter(r);
	else
		cb_console_reporter(r);
	return 0;
}
