// SPDX-License-Identifier: GPL-2.0
/* Console text, buffered so that a JSON line goes out in few SCLP calls. */
#include "bm.h"

static char buf[2048];
static size_t used;

void bm_flush(void)
{
	if (used)
		bm_console_write(buf, used);
	used = 0;
}

static void putc_(char c)
{
	if (used == sizeof(buf))
		bm_flush();
	buf[used++] = c;
	if (c == '\n')
		bm_flush();
}

void bm_puts(const char *s)
{
	while (*s)
		putc_(*s++);
}

void bm_putu(uint64_t v)
{
	char d[24];
	int n = 0;

	do
		d[n++] = '0' + v % 10;
	while (v /= 10);
	while (n)
		putc_(d[--n]);
}

void bm_putx(uint64_t v)
{
	int shift = 60;

	bm_puts("0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		putc_("0123456789abcdef"[(v >> shift) & 15]);
}

void bm_json_str(const char *s)
{
	putc_('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\') {
			putc_('\\');
			putc_(c);
		} else if (c < 0x20 || c >= 0x7f) {
			bm_puts("\\u00");
			putc_("0123456789abcdef"[c >> 4]);
			putc_("0123456789abcdef"[c & 15]);
		} else {
			putc_(c);
		}
	}
	putc_('"');
}

/* An error JSON line (what, a, b) and the end. */
void bm_fatal(const char *what, uint64_t a, uint64_t b)
{
	bm_flush();
	bm_puts("\n{\"error\":");
	bm_json_str(what);
	bm_puts(",\"a\":\"");
	bm_putx(a);
	bm_puts("\",\"b\":\"");
	bm_putx(b);
	bm_puts("\"}\n");
	bm_halt();
}

void bm_pgm_fatal(void)
{
	const volatile struct psw *old = (void *)LC_PGM_OLD_PSW;
	uint16_t code = *(volatile uint16_t *)LC_PGM_CODE;

	bm_fatal("unexpected program interruption (a: code, b: address)", code,
		 old->addr);
}

void bm_other_fatal(void)
{
	bm_fatal("unexpected interruption (restart, svc, machine check or i/o)",
		 0, 0);
}
