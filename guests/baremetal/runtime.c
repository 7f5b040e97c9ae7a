// SPDX-License-Identifier: GPL-2.0
/* From start.S to the program: lowcore, console, memory, command line. */
#include "bm.h"
#include "runtime.h"

uint64_t bm_mem_size;
static char line[BM_CMDLINE_SIZE + 1];

void bm_main(void)
{
	struct bm_cmdline cl;

	bm_lowcore_init();
	bm_sclp_init();
	bm_mem_size = bm_sclp_memory_size();
	if (bm_mem_size <= (uint64_t)__l1_mem_start)
		bm_fatal(
			"memory size unknown or too small (a: size, b: needed)",
			bm_mem_size, (uint64_t)__l1_mem_start + 1);
	memcpy(line, bm_cmdline, BM_CMDLINE_SIZE);
	bm_cmdline_parse(line, &cl);
	bm_program(&cl);
	bm_flush();
	bm_halt();
}

void bm_json_args(const struct bm_cmdline *cl)
{
	bm_puts("\"scenario\":");
	bm_json_str(cl->scenario ? cl->scenario : "");
	bm_puts(",\"args\":{");
	for (int i = 0; i < cl->nargs; i++) {
		if (i)
			bm_puts(",");
		bm_json_str(cl->key[i]);
		bm_puts(":");
		bm_json_str(cl->val[i]);
	}
	bm_puts("}");
}

void bm_json_error(const struct bm_cmdline *cl, const char *msg,
		   const char *detail)
{
	bm_puts("{");
	bm_json_args(cl);
	bm_puts(",\"error\":");
	bm_json_str(msg);
	if (detail) {
		bm_puts(",\"detail\":");
		bm_json_str(detail);
	}
	bm_puts("}\n");
}

bool bm_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	unsigned int base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}
