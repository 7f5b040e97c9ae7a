// SPDX-License-Identifier: GPL-2.0
/*
 * mutgen: the mutants of kernel functions, made mechanically on the
 * generated sources of a host/sim variant (scripts/mutate, docs/mutation.md).
 *
 *   mutgen FILE FUNCTION...   list the mutants of the functions, one a line:
 *                             ID <tab> FILE:LINE <tab> BEFORE <tab> AFTER
 *   mutgen -a ID FILE OUT     write FILE with mutant ID applied to OUT
 *   mutgen -f FILE            list the functions FILE defines
 *
 * An ID is FUNCTION:OPERATOR:LINE:COLUMN, LINE and COLUMN those of the
 * mutated token in the kernel file (the #line markers of FILE), so that
 * the same mutant has the same ID from one run to the next. Operators:
 *
 *   negate        if (c) -> if (!(c)), while (c) -> while (!(c))
 *   drop-call     f(...); -> ; and rc = f(...); -> rc = 0; for a flush
 *                 or gmap_/ptep_/pgste_/... call (drop_call_name())
 *   bound+1/-1    the right operand of < <= > >= plus or minus 1
 *   shift+1/-1    the count of << >> plus or minus 1
 *   size+1/-1     a *_SIZE, *_ENTRIES or *_LEN constant plus or minus 1
 *   mask-clear    a mask constant (an operand of & | ^ ~) without its
 *                 lowest set bit
 *   mask-flip     the same with the bit below its lowest set bit flipped
 *                 (above its highest, for a literal with bit 0 set)
 *
 * Nothing inside BUG_ON(), WARN_ON() and the like is mutated: an assertion
 * tests the kernel, not the harness.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksrc.h"

enum tok_kind { T_IDENT, T_NUMBER, T_PUNCT, T_STRING };

struct tok {
	size_t s, e;
	enum tok_kind kind;
};

struct edit {
	size_t pos, len;
	char text[96];
};

struct mutant {
	const char *op;
	size_t at; /* the mutated token: line and column of the ID */
	int nedits;
	struct edit edits[2];
};

struct body {
	const char *src;
	struct tok *t;
	size_t *match; /* index of the matching bracket, or -1 */
	bool *in_assert;
	size_t n;
};

static const char *const puncts[] = {
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>",
	"<=",  ">=",  "==",  "!=", "&&", "||", "+=", "-=",
	"*=",  "/=",  "%=",  "&=", "|=", "^=", NULL,
};

static const char *const asserts[] = {
	"BUG_ON",     "WARN_ON",      "WARN_ON_ONCE",	     "VM_BUG_ON",
	"VM_WARN_ON", "BUILD_BUG_ON", "lockdep_assert_held", NULL,
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		perror("mutgen");
		exit(2);
	}
	return p;
}

static bool tok_is(const struct body *b, size_t i, const char *s)
{
	size_t l = strlen(s);

	return i < b->n && b->t[i].e - b->t[i].s == l &&
	       !strncmp(b->src + b->t[i].s, s, l);
}

static bool tok_in(const struct body *b, size_t i, const char *const *set)
{
	for (; *set; set++)
		if (tok_is(b, i, *set))
			return true;
	return false;
}

static char *tok_str(const struct body *b, size_t i)
{
	return strndup(b->src + b->t[i].s, b->t[i].e - b->t[i].s);
}

/* The tokens of src[a, b): comments and preprocessor lines left out. */
static void tokenize(struct body *b, const char *src, size_t a, size_t end)
{
	size_t i = a, cap = 256, *stack;
	int depth = 0, k;

	b->src = src;
	b->n = 0;
	b->t = xcalloc(cap, sizeof(*b->t));
	while (i < end) {
		size_t j = skip_noncode(src, end, i);
		struct tok t = {i, i + 1, T_PUNCT};

		if (j != i) {
			if (src[i] == '"' || src[i] == '\'')
				t = (struct tok){i, j, T_STRING};
			i = j;
			if (t.kind != T_STRING)
				continue;
		} else if (isspace((unsigned char)src[i])) {
			i++;
			continue;
		} else if (is_ident(src[i])) {
			t.kind = isdigit((unsigned char)src[i]) ? T_NUMBER
								: T_IDENT;
			while (t.e < end &&
			       (is_ident(src[t.e]) ||
				(t.kind == T_NUMBER && src[t.e] == '.')))
				t.e++;
			i = t.e;
		} else {
			for (k = 0; puncts[k]; k++)
				if (!strncmp(src + i, puncts[k],
					     strlen(puncts[k])))
					break;
			if (puncts[k])
				t.e = i + strlen(puncts[k]);
			i = t.e;
		}
		if (b->n == cap) {
			cap *= 2;
			b->t = realloc(b->t, cap * sizeof(*b->t));
			if (!b->t) {
				perror("mutgen");
				exit(2);
			}
		}
		b->t[b->n++] = t;
	}
	b->match = xcalloc(b->n, sizeof(*b->match));
	b->in_assert = xcalloc(b->n, sizeof(*b->in_assert));
	stack = xcalloc(b->n, sizeof(*stack));
	for (i = 0; i < b->n; i++) {
		b->match[i] = (size_t)-1;
		if (tok_is(b, i, "(") || tok_is(b, i, "[") ||
		    tok_is(b, i, "{")) {
			stack[depth++] = i;
		} else if (tok_is(b, i, ")") || tok_is(b, i, "]") ||
			   tok_is(b, i, "}")) {
			if (!depth)
				die_at(src, b->t[i].s, "unbalanced '%c'",
				       src[b->t[i].s]);
			b->match[i] = stack[--depth];
			b->match[stack[depth]] = i;
		}
	}
	free(stack);
	for (i = 0; i + 1 < b->n; i++) {
		size_t k2;

		if (!tok_in(b, i, asserts) || !tok_is(b, i + 1, "(") ||
		    b->match[i + 1] == (size_t)-1)
			continue;
		for (k2 = i; k2 <= b->match[i + 1]; k2++)
			b->in_assert[k2] = true;
	}
}

static bool is_constant_name(const struct body *b, size_t i)
{
	const char *p = b->src + b->t[i].s, *e = b->src + b->t[i].e;
	bool letter = false;

	if (b->t[i].kind != T_IDENT || tok_is(b, i + 1, "("))
		return false;
	for (; p < e; p++) {
		if (islower((unsigned char)*p))
			return false;
		letter |= isupper((unsigned char)*p);
	}
	return letter;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), sl = strlen(suffix);

	return l >= sl && !strcmp(s + l - sl, suffix);
}

/* A call whose absence the harness should notice when dropped. */
static bool drop_call_name(const char *name)
{
	static const char *const prefixes[] = {
		"gmap_",  "__gmap_",   "ptep_",	      "__ptep_",
		"pmdp_",  "__pmdp_",   "pudp_",	      "__pudp_",
		"pgste_", "kvm_s390_", "__tlb_flush", "prefix_unmapped",
		NULL,
	};
	static const char *const words[] = {
		"ipte", "idte",	    "flush",   "notif",	     "crdte", "csp",
		"ptlb", "unshadow", "protect", "invalidate", "rmap",  NULL,
	};
	int k;

	if (strstr(name, "lock"))
		return false;
	for (k = 0; prefixes[k]; k++)
		if (!strncmp(name, prefixes[k], strlen(prefixes[k])))
			return true;
	for (k = 0; words[k]; k++)
		if (strstr(name, words[k]))
			return true;
	return false;
}

/* Does a statement start at token i (after ; { } else, a label or a condition)? */
static bool statement_start(const struct body *b, size_t i)
{
	size_t p, o;

	if (i == 0)
		return false;
	p = i - 1;
	if (tok_is(b, p, ";") || tok_is(b, p, "{") || tok_is(b, p, "}") ||
	    tok_is(b, p, "else"))
		return true;
	if (tok_is(b, p, ":"))
		return p >= 2 && b->t[p - 1].kind == T_IDENT &&
		       (tok_is(b, p - 2, ";") || tok_is(b, p - 2, "{") ||
			tok_is(b, p - 2, "}"));
	if (tok_is(b, p, ")") && (o = b->match[p]) != (size_t)-1 && o > 0)
		return tok_is(b, o - 1, "if") || tok_is(b, o - 1, "while") ||
		       tok_is(b, o - 1, "for");
	return false;
}

/* The end (exclusive) of the operand of a comparison starting at token i. */
static size_t operand_end(const struct body *b, size_t i)
{
	static const char *const stop[] = {
		"&&", "||", ")",  "]",	"}",  ";",  ",",  "?",	 ":",	"&",
		"|",  "^",  "==", "!=", "<",  ">",  "<=", ">=",	 "=",	"+=",
		"-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", NULL,
	};

	while (i < b->n && !tok_in(b, i, stop)) {
		if ((tok_is(b, i, "(") || tok_is(b, i, "[")) &&
		    b->match[i] != (size_t)-1)
			i = b->match[i];
		i++;
	}
	return i;
}

static bool is_binary_amp(const struct body *b, size_t i)
{
	return i > 0 &&
	       (b->t[i - 1].kind == T_IDENT || b->t[i - 1].kind == T_NUMBER ||
		tok_is(b, i - 1, ")") || tok_is(b, i - 1, "]"));
}

/* Is token i an operand of a bitwise operator (through parentheses)? */
static bool bitwise_operand(const struct body *b, size_t i)
{
	static const char *const before[] = {
		"~", "|", "^", "&=", "|=", "^=", NULL};
	static const char *const after[] = {"&", "|", "^", NULL};
	size_t p = i, q = i + 1;

	while (p > 0 && tok_is(b, p - 1, "("))
		p--;
	if (p > 0 && (tok_is(b, p - 1, "<<") || tok_is(b, p - 1, ">>")))
		return false;
	while (q < b->n && tok_is(b, q, ")"))
		q++;
	if (p > 0 && (tok_in(b, p - 1, before) ||
		      (tok_is(b, p - 1, "&") && is_binary_amp(b, p - 1))))
		return true;
	return q < b->n && tok_in(b, q, after);
}

struct list {
	struct mutant *m;
	size_t n, cap;
};

static struct mutant *add(struct list *l, const char *op, size_t at)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->m = realloc(l->m, l->cap * sizeof(*l->m));
		if (!l->m) {
			perror("mutgen");
			exit(2);
		}
	}
	memset(&l->m[l->n], 0, sizeof(l->m[0]));
	l->m[l->n].op = op;
	l->m[l->n].at = at;
	return &l->m[l->n++];
}

static void edit(struct mutant *m, size_t pos, size_t len, const char *text)
{
	struct edit *e = &m->edits[m->nedits++];

	e->pos = pos;
	e->len = len;
	snprintf(e->text, sizeof(e->text), "%s", text);
}

/* A number literal's value and its suffix (U, L, UL, ...); false if none. */
static bool literal(const struct body *b, size_t i, unsigned long long *v,
		    char *suffix, size_t size)
{
	char *s = tok_str(b, i), *end;
	bool ok;

	*v = strtoull(s, &end, 0);
	ok = end != s && strspn(end, "uUlL") == strlen(end) &&
	     strlen(end) < size;
	if (ok)
		strcpy(suffix, end);
	free(s);
	return ok;
}

static void mutate_negate(struct list *l, const struct body *b, size_t i)
{
	struct mutant *m;
	size_t close;

	if (!(tok_is(b, i, "if") || tok_is(b, i, "while")) ||
	    !tok_is(b, i + 1, "(") || (close = b->match[i + 1]) == (size_t)-1)
		return;
	m = add(l, "negate", b->t[i].s);
	edit(m, b->t[i + 1].e, 0, "!(");
	edit(m, b->t[close].s, 0, ")");
}

static void mutate_drop_call(struct list *l, const struct body *b, size_t i)
{
	size_t f = i, close;
	struct mutant *m;
	char *name;

	if (!statement_start(b, i) || b->t[i].kind != T_IDENT)
		return;
	if (tok_is(b, i, "rc") && tok_is(b, i + 1, "="))
		f = i + 2;
	if (f >= b->n || b->t[f].kind != T_IDENT || !tok_is(b, f + 1, "(") ||
	    (close = b->match[f + 1]) == (size_t)-1 ||
	    !tok_is(b, close + 1, ";"))
		return;
	name = tok_str(b, f);
	if (drop_call_name(name)) {
		m = add(l, "drop-call", b->t[f].s);
		edit(m, b->t[f].s, b->t[close].e - b->t[f].s, f > i ? "0" : "");
	}
	free(name);
}

static void mutate_bound(struct list *l, const struct body *b, size_t i)
{
	static const char *const rel[] = {"<", "<=", ">", ">=", NULL};
	size_t end;
	int d;

	if (!tok_in(b, i, rel) || i + 1 >= b->n)
		return;
	end = operand_end(b, i + 1);
	if (end == i + 1)
		return;
	for (d = 0; d < 2; d++) {
		struct mutant *m = add(l, d ? "bound-1" : "bound+1", b->t[i].s);
		const char *plus = d ? " - 1" : " + 1";
		char text[8];

		if (end == i + 2) {
			edit(m, b->t[end - 1].e, 0, plus);
		} else {
			edit(m, b->t[i + 1].s, 0, "(");
			snprintf(text, sizeof(text), ")%s", plus);
			edit(m, b->t[end - 1].e, 0, text);
		}
	}
}

static void mutate_shift(struct list *l, const struct body *b, size_t i)
{
	static const char *const shifts[] = {"<<", ">>", "<<=", ">>=", NULL};
	unsigned long long v;
	char suffix[8], text[96];
	size_t c = i + 1;
	int d;

	if (!tok_in(b, i, shifts) || c >= b->n ||
	    (b->t[c].kind != T_NUMBER && !is_constant_name(b, c)) ||
	    tok_is(b, c + 1, "(") || tok_is(b, c + 1, "["))
		return;
	for (d = 0; d < 2; d++) {
		struct mutant *m;
		char *name = tok_str(b, c);

		if (b->t[c].kind == T_NUMBER) {
			if (!literal(b, c, &v, suffix, sizeof(suffix)) ||
			    (d && v == 0)) {
				free(name);
				continue;
			}
			snprintf(text, sizeof(text), "%llu%s",
				 d ? v - 1 : v + 1, suffix);
		} else {
			snprintf(text, sizeof(text), "(%s %c 1)", name,
				 d ? '-' : '+');
		}
		free(name);
		m = add(l, d ? "shift-1" : "shift+1", b->t[c].s);
		edit(m, b->t[c].s, b->t[c].e - b->t[c].s, text);
	}
}

static void mutate_size(struct list *l, const struct body *b, size_t i)
{
	char *name, text[96];
	int d;

	if (!is_constant_name(b, i) ||
	    (i > 0 && (tok_is(b, i - 1, "<<") || tok_is(b, i - 1, ">>"))))
		return;
	name = tok_str(b, i);
	if (ends_with(name, "_SIZE") || ends_with(name, "_ENTRIES") ||
	    ends_with(name, "_LEN")) {
		for (d = 0; d < 2; d++) {
			struct mutant *m =
				add(l, d ? "size-1" : "size+1", b->t[i].s);

			snprintf(text, sizeof(text), "(%s %c 1)", name,
				 d ? '-' : '+');
			edit(m, b->t[i].s, b->t[i].e - b->t[i].s, text);
		}
	}
	free(name);
}

static int top_bit(unsigned long long v)
{
	return 63 - __builtin_clzll(v);
}

static void mutate_mask(struct list *l, const struct body *b, size_t i)
{
	unsigned long long v, low;
	char suffix[8], text[96], *name;
	struct mutant *m;

	if ((b->t[i].kind != T_NUMBER && !is_constant_name(b, i)) ||
	    !bitwise_operand(b, i))
		return;
	name = tok_str(b, i);
	if (b->t[i].kind == T_NUMBER) {
		if (!literal(b, i, &v, suffix, sizeof(suffix)) || !v) {
			free(name);
			return;
		}
		low = v & -v;
		m = add(l, "mask-clear", b->t[i].s);
		snprintf(text, sizeof(text), "0x%llx%s", v & (v - 1), suffix);
		edit(m, b->t[i].s, b->t[i].e - b->t[i].s, text);
		if (low > 1 || top_bit(v) < 63) {
			m = add(l, "mask-flip", b->t[i].s);
			snprintf(text, sizeof(text), "0x%llx%s",
				 v ^ (low > 1 ? low >> 1 : 2ULL << top_bit(v)),
				 suffix);
			edit(m, b->t[i].s, b->t[i].e - b->t[i].s, text);
		}
	} else {
		m = add(l, "mask-clear", b->t[i].s);
		snprintf(text, sizeof(text), "(%s & (%s - 1))", name, name);
		edit(m, b->t[i].s, b->t[i].e - b->t[i].s, text);
		m = add(l, "mask-flip", b->t[i].s);
		snprintf(text, sizeof(text), "(%s ^ ((%s & -%s) >> 1))", name,
			 name, name);
		edit(m, b->t[i].s, b->t[i].e - b->t[i].s, text);
	}
	free(name);
}

/* Every mutant of the function body src[a, end), in source order. */
static struct list mutants_of(const char *src, size_t a, size_t end)
{
	struct list l = {0};
	struct body b;
	size_t i;

	tokenize(&b, src, a, end);
	for (i = 0; i < b.n; i++) {
		if (b.in_assert[i])
			continue;
		mutate_negate(&l, &b, i);
		mutate_drop_call(&l, &b, i);
		mutate_bound(&l, &b, i);
		mutate_shift(&l, &b, i);
		mutate_size(&l, &b, i);
		mutate_mask(&l, &b, i);
	}
	free(b.t);
	free(b.match);
	free(b.in_assert);
	return l;
}

/* The kernel file and line of src[pos], from the last #line marker. */
static int kernel_line(const char *src, size_t pos, char *file, size_t size)
{
	size_t i = pos, mark = (size_t)-1;
	int line = 0, nl = 0;
	char label[4096];
	const char *p;

	while (i > 0) {
		i--;
		if (src[i] == '\n')
			nl++;
		if ((i == 0 || src[i - 1] == '\n') &&
		    !strncmp(src + i, "#line ", 6)) {
			mark = i;
			break;
		}
	}
	snprintf(file, size, "%s", ksrc_name);
	if (mark == (size_t)-1)
		return line_of(src, pos);
	if (sscanf(src + mark, "#line %d \"%4095[^\"]\"", &line, label) != 2)
		die_at(src, mark, "malformed #line marker");
	p = strstr(label, "/linux/");
	snprintf(file, size, "%s", p ? p + strlen("/linux/") : label);
	return line + nl - 1;
}

static int column_of(const char *src, size_t pos)
{
	size_t s = pos;

	while (s > 0 && src[s - 1] != '\n')
		s--;
	return (int)(pos - s) + 1;
}

static char *apply(const char *src, size_t n, const struct mutant *m)
{
	const struct edit *e[2] = {&m->edits[0], &m->edits[1]};
	struct buf o = {0};
	size_t pos = 0;
	int k;

	if (m->nedits == 2 && e[1]->pos < e[0]->pos) {
		e[0] = &m->edits[1];
		e[1] = &m->edits[0];
	}
	buf_add(&o, "", 0);
	for (k = 0; k < m->nedits; k++) {
		buf_add(&o, src + pos, e[k]->pos - pos);
		buf_str(&o, e[k]->text);
		pos = e[k]->pos + e[k]->len;
	}
	buf_add(&o, src + pos, n - pos);
	return o.p;
}

/* s[a, b) on one line: runs of blanks and newlines as one space. */
static void one_line(FILE *f, const char *s, size_t a, size_t b)
{
	bool space = false;

	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	for (; a < b; a++) {
		if (isspace((unsigned char)s[a])) {
			space = true;
			continue;
		}
		if (space)
			fputc(' ', f);
		space = false;
		fputc(s[a], f);
	}
}

static void print_mutant(const char *fn, const char *src, size_t n,
			 const struct mutant *m)
{
	size_t lo = m->edits[0].pos, hi = m->edits[0].pos + m->edits[0].len;
	size_t mlo, mhi, grow = 0;
	char file[4096], *mut;
	int k;

	for (k = 1; k < m->nedits; k++) {
		if (m->edits[k].pos < lo)
			lo = m->edits[k].pos;
		if (m->edits[k].pos + m->edits[k].len > hi)
			hi = m->edits[k].pos + m->edits[k].len;
	}
	while (lo > 0 && src[lo - 1] != '\n')
		lo--;
	while (hi < n && src[hi] != '\n')
		hi++;
	for (k = 0; k < m->nedits; k++)
		grow += strlen(m->edits[k].text) - m->edits[k].len;
	mut = apply(src, n, m);
	mlo = lo;
	mhi = hi + grow;
	printf("%s:%s:%d:%d\t", fn, m->op,
	       kernel_line(src, m->at, file, sizeof(file)),
	       column_of(src, m->at));
	printf("%s:%d\t", file, kernel_line(src, m->at, file, sizeof(file)));
	one_line(stdout, src, lo, hi);
	fputc('\t', stdout);
	one_line(stdout, mut, mlo, mhi);
	fputc('\n', stdout);
	free(mut);
}

static const struct item *find_function(const char *src, struct item *items,
					size_t nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		char *it_name;
		bool same;

		if (!items[i].function)
			continue;
		it_name = item_name(src, &items[i]);
		same = it_name && !strcmp(it_name, name);
		free(it_name);
		if (same)
			return &items[i];
	}
	fprintf(stderr, "mutgen: %s: no definition of '%s'\n", ksrc_name, name);
	exit(1);
}

static int write_file(const char *path, const char *text)
{
	char *tmp = malloc(strlen(path) + 8);
	FILE *f;

	sprintf(tmp, "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f || fputs(text, f) == EOF || fclose(f) || rename(tmp, path)) {
		perror(path);
		free(tmp);
		return 1;
	}
	free(tmp);
	return 0;
}

/* Writes the file with mutant id applied; 1 if the id names no mutant. */
static int apply_id(const char *id, const char *src, size_t n,
		    struct item *items, size_t nr, const char *out)
{
	char fn[256], op[32], file[4096];
	int line, col, rc = 1;
	const struct item *it;
	struct list l;
	size_t i;

	if (sscanf(id, "%255[^:]:%31[^:]:%d:%d", fn, op, &line, &col) != 4) {
		fprintf(stderr,
			"mutgen: '%s': expected FUNCTION:OPERATOR:LINE:COLUMN\n",
			id);
		return 1;
	}
	it = find_function(src, items, nr, fn);
	l = mutants_of(src, it->brace, it->end);
	for (i = 0; i < l.n; i++) {
		const struct mutant *m = &l.m[i];

		if (!strcmp(m->op, op) &&
		    kernel_line(src, m->at, file, sizeof(file)) == line &&
		    column_of(src, m->at) == col) {
			char *mut = apply(src, n, m);

			rc = write_file(out, mut) ? 2 : 0;
			free(mut);
			break;
		}
	}
	if (i == l.n)
		fprintf(stderr, "mutgen: %s: no mutant %s\n", ksrc_name, id);
	free(l.m);
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: mutgen FILE FUNCTION...\n"
			"       mutgen -a ID FILE OUT\n"
			"       mutgen -f FILE\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct item *items;
	size_t n, nr, i;
	int k, rc = 0;
	char *src;

	ksrc_prog = "mutgen";
	if (argc < 3)
		usage();
	if (!strcmp(argv[1], "-a")) {
		if (argc != 5)
			usage();
		ksrc_name = argv[3];
	} else if (!strcmp(argv[1], "-f")) {
		if (argc != 3)
			usage();
		ksrc_name = argv[2];
	} else {
		if (argv[1][0] == '-')
			usage();
		ksrc_name = argv[1];
	}
	src = read_file(ksrc_name, &n);
	nr = scan_items(src, n, &items);
	if (!strcmp(argv[1], "-a")) {
		rc = apply_id(argv[2], src, n, items, nr, argv[4]);
	} else if (!strcmp(argv[1], "-f")) {
		for (i = 0; i < nr; i++) {
			char *name = items[i].function
					     ? item_name(src, &items[i])
					     : NULL;

			if (name)
				printf("%s\n", name);
			free(name);
		}
	} else {
		for (k = 2; k < argc; k++) {
			const struct item *it =
				find_function(src, items, nr, argv[k]);
			struct list l = mutants_of(src, it->brace, it->end);

			for (i = 0; i < l.n; i++)
				print_mutant(argv[k], src, n, &l.m[i]);
			free(l.m);
		}
	}
	free(items);
	free(src);
	return rc;
}
