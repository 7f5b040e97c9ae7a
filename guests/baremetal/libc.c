// SPDX-License-Identifier: GPL-2.0
/* The few libc functions the compiler and the L1 code may call. */
#include "bm.h"
#include "platform.h"

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

/* guests/l1/util.c has these for the portable code; every ELF links it */
size_t strlen(const char *s)
{
	return l1_strlen(s);
}

int strcmp(const char *a, const char *b)
{
	return l1_strcmp(a, b);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}
