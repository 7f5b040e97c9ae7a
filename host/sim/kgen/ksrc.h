/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksrc: reading kernel C sources at the token level (ksrc.c), shared by
 * kgen and the mutant generator.
 */
#ifndef KSRC_H
#define KSRC_H

#include <stdbool.h>
#include <stddef.h>

/* the file errors name, and the program that reports them */
extern const char *ksrc_name, *ksrc_prog;

struct buf {
	char *p;
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_str(struct buf *b, const char *s);

/* 1-based line of src[pos] */
int line_of(const char *src, size_t pos);
__attribute__((noreturn, format(printf, 3, 4))) void
die_at(const char *src, size_t pos, const char *fmt, ...);

/*
 * If src[i] starts something braces must not be counted in (a comment, a
 * literal, a preprocessor line), returns the position after it; else i.
 */
size_t skip_noncode(const char *src, size_t n, size_t i);

/* A top-level item: a declaration or definition, from its first token. */
struct item {
	size_t start, brace, end; /* brace: first '{' or end if none */
	bool function; /* a function definition */
};

bool is_ident(int c);
/* Splits src into top-level items; returns how many. */
size_t scan_items(const char *src, size_t n, struct item **out);
/* Copies [a, b) of src without comments into a new string. */
char *code_only(const char *src, size_t a, size_t b);
bool has_word(const char *s, const char *w);
/* The name an item defines, or NULL: function name or struct/union/enum tag */
char *item_name(const char *src, const struct item *it);
/* The whole file, NUL-terminated; exits with a message if unreadable. */
char *read_file(const char *path, size_t *len);

#endif /* KSRC_H */
