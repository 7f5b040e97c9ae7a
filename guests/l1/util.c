// SPDX-License-Identifier: GPL-2.0
/* Freestanding string and text-buffer helpers for L1 (see platform.h). */
#include "platform.h"

size_t l1_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int l1_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

void l1_buf_init(struct l1_buf *b, char *p, size_t size)
{
	b->p = p;
	b->size = size;
	b->len = 0;
	if (size)
		p[0] = 0;
}

static void buf_putc(struct l1_buf *b, char c)
{
	if (b->len + 1 < b->size) {
		b->p[b->len++] = c;
		b->p[b->len] = 0;
	}
}

void l1_buf_str(struct l1_buf *b, const char *s)
{
	while (*s)
		buf_putc(b, *s++);
}

static void buf_digits(struct l1_buf *b, uint64_t v, unsigned int base)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		buf_putc(b, tmp[--n]);
}

void l1_buf_int(struct l1_buf *b, int64_t v)
{
	if (v < 0) {
		buf_putc(b, '-');
		buf_digits(b, -(uint64_t)v, 10);
	} else {
		buf_digits(b, (uint64_t)v, 10);
	}
}

void l1_buf_hex(struct l1_buf *b, uint64_t v)
{
	l1_buf_str(b, "0x");
	buf_digits(b, v, 16);
}
