// SPDX-License-Identifier: GPL-2.0
/*
 * kgen: mechanical transformations of real kernel sources for host/sim.
 *
 *   kgen [-d] [-f] [-x NAME,NAME... [-c] [-X NAME,...]] [-l LABEL] IN OUT
 *
 *   -d  de-asm: every function definition whose body contains inline
 *       assembly becomes an extern prototype (the simulator implements it).
 *   -f  flip: every struct whose members are all 'unsigned long' bitfields
 *       (big-endian s390 layout) gets its members in reverse order, which is
 *       the same bit layout on a little-endian host, and a _Static_assert
 *       that the widths add up to 64.
 *   -x  extract: keep only the named top-level definitions (functions,
 *       prototypes, NAME* for all names starting so,
 *       struct/union/enum tags, anonymous enums naming one of the names),
 *       each preceded by a #line marker.
 *   -c  with -x, closure: also every definition or prototype of the file
 *       that an extracted one uses, recursively.
 *   -X  never extract these names (with -c: what the simulator provides).
 *   -l  the file name the #line markers give (default: IN).
 *
 * Works at the token level: comments, string and character literals and
 * preprocessor lines are skipped when braces are matched. Line numbers of
 * whole-file output are preserved, and the output starts with #line 1, so
 * compiler errors and debuggers point at the kernel file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksrc.h"

static const char *in_name, *label;

/* The storage and inline specifiers a prototype must not keep */
static const char *const drop_words[] = {
	"static",
	"inline",
	"__inline__",
	"__always_inline",
	"__no_kasan_or_inline",
	"notrace",
	"__no_sanitize_address",
	NULL,
};

static void emit_prototype(struct buf *o, const char *src,
			   const struct item *it)
{
	char *head = code_only(src, it->start, it->brace);
	char *p = head;
	int nl = 0, k;
	size_t i;

	/* newlines of the whole definition, so later lines keep numbers */
	for (i = it->start; i < it->end; i++)
		nl += src[i] == '\n';
	for (k = 0; drop_words[k]; k++) {
		size_t wl = strlen(drop_words[k]);

		for (p = head; (p = strstr(p, drop_words[k]));) {
			if ((p == head || !is_ident(p[-1])) && !is_ident(p[wl]))
				memset(p, ' ', wl);
			p += wl;
		}
	}
	p = head + strlen(head);
	while (p > head && isspace((unsigned char)p[-1]))
		*--p = 0;
	for (p = head; *p; p++)
		nl -= *p == '\n';
	buf_str(o, head);
	buf_str(o, "; /* kgen: asm body replaced, implemented by host/sim */");
	while (nl-- > 0)
		buf_str(o, "\n");
	free(head);
}

/* The members of a candidate struct body, each with the rest of its line */
struct members {
	size_t start[128], end[128];
	int n;
};

/*
 * The body opened by the '{' at i, if it holds no nested brace and at most
 * 128 members: its members in m, and the position of its '}'. 0 otherwise.
 */
static size_t scan_members(const char *src, size_t b, size_t i,
			   struct members *m)
{
	size_t close = i + 1, start = i + 1, k;

	m->n = 0;
	while (close < b) {
		k = skip_noncode(src, b, close);
		if (k != close) {
			close = k;
			continue;
		}
		if (src[close] == '{')
			return 0;
		if (src[close] == '}')
			return m->n ? close : 0;
		if (src[close] == ';') {
			size_t e = close + 1;

			/* the member takes the rest of its line */
			while (e < b && (src[e] == ' ' || src[e] == '\t'))
				e++;
			if (e < b && src[e] == '/')
				e = skip_noncode(src, b, e);
			if (m->n == 128)
				return 0;
			m->start[m->n] = start;
			m->end[m->n++] = e;
			close = start = e;
			continue;
		}
		close++;
	}
	return 0;
}

/* The bits the members cover, or -1 if one is not an unsigned long bitfield */
static int bitfield_bits(const char *src, const struct members *m)
{
	int k, total = 0;

	for (k = 0; k < m->n; k++) {
		char *c = code_only(src, m->start[k], m->end[k]);
		char name[64];
		int width, used = 0;
		bool ok = true;

		if (sscanf(c, " unsigned long %63[A-Za-z0-9_] : %d ; %n", name,
			   &width, &used) == 2 &&
		    !c[used])
			total += width;
		else if (sscanf(c, " unsigned long : %d ; %n", &width, &used) ==
				 1 &&
			 !c[used])
			total += width;
		else
			ok = false;
		free(c);
		if (!ok)
			return -1;
	}
	return total;
}

/* '{', the members in reverse order, the assert of their widths */
static void emit_flipped(struct buf *o, const char *src,
			 const struct members *m)
{
	struct buf sum = {0};
	char term[160];
	int k;

	buf_add(o, "{", 1);
	for (k = m->n; k-- > 0;)
		buf_add(o, src + m->start[k], m->end[k] - m->start[k]);
	buf_add(&sum, "", 0);
	for (k = 0; k < m->n; k++) {
		char *c = code_only(src, m->start[k], m->end[k]);

		snprintf(term, sizeof(term), "%s%d", k ? " + " : "",
			 atoi(strchr(c, ':') + 1));
		buf_str(&sum, term);
		free(c);
	}
	buf_str(o, " _Static_assert(");
	buf_str(o, sum.p);
	buf_str(o, " == 64, \"kgen -f: bitfields cover 64 bits\");");
	free(sum.p);
}

/*
 * Reverses the members of every struct body in [a, b) whose members are all
 * 'unsigned long' bitfields. Members keep their own comments and newlines.
 */
static void flip_bitfields(struct buf *o, const char *src, size_t a, size_t b)
{
	size_t i = a;

	while (i < b) {
		size_t j = skip_noncode(src, b, i), close;
		struct members m;
		int total;

		if (j != i) {
			buf_add(o, src + i, j - i);
			i = j;
			continue;
		}
		close = src[i] == '{' ? scan_members(src, b, i, &m) : 0;
		total = close ? bitfield_bits(src, &m) : -1;
		if (total < 0) {
			buf_add(o, src + i, 1);
			i++;
			continue;
		}
		if (total != 64)
			die_at(src, i,
			       "bitfield struct covers %d bits, not 64: cannot "
			       "re-lay it out for little-endian",
			       total);
		emit_flipped(o, src, &m);
		buf_add(o, src + m.end[m.n - 1], close - m.end[m.n - 1]);
		i = close;
	}
}

/* A declaration of a function (no body): named like a definition */
static bool is_prototype(const char *src, const struct item *it)
{
	char *head;
	bool proto;

	if (it->function || it->brace != it->end)
		return false;
	head = code_only(src, it->start, it->end);
	proto = strchr(head, '(') && !strchr(head, '=') &&
		!has_word(head, "typedef");
	free(head);
	return proto;
}

static bool name_matches(const char *name, const char *pattern)
{
	size_t pl = strlen(pattern);

	if (pl && pattern[pl - 1] == '*')
		return !strncmp(name, pattern, pl - 1);
	return !strcmp(name, pattern);
}

/* Does an anonymous enum define an identifier that text uses? */
static bool enum_used(const char *src, const struct item *it, const char *text)
{
	char *body = code_only(src, it->brace, it->end), *p = body;
	bool used = false;

	while (*p && !used) {
		char *s;

		while (*p && !is_ident(*p))
			p++;
		s = p;
		while (is_ident(*p))
			p++;
		if (p > s && !isdigit((unsigned char)*s)) {
			char c = *p;

			*p = 0;
			used = has_word(text, s);
			*p = c;
		}
	}
	free(body);
	return used;
}

/*
 * Selects the items to extract: those named (NAME, or PREFIX* for all
 * that start so), then, with closure, every definition or prototype of
 * the file that a selected item uses, again and again; never an excluded
 * one. Marks found[] for the names that matched.
 */
static bool *select_items(const char *src, struct item *items, size_t nr,
			  char **names, int nnames, bool *found, char **excl,
			  int nexcl, bool closure)
{
	bool *keep = calloc(nr ? nr : 1, sizeof(*keep));
	char **item_names = calloc(nr ? nr : 1, sizeof(*item_names));
	bool *anon_enum = calloc(nr ? nr : 1, sizeof(*anon_enum));
	bool changed = true;
	size_t i, j;
	int k;

	for (i = 0; i < nr; i++) {
		struct item *it = &items[i];

		if (it->function || is_prototype(src, it)) {
			struct item fake = *it;

			fake.function = true;
			item_names[i] = item_name(src, &fake);
		} else {
			item_names[i] = item_name(src, it);
		}
		if (!item_names[i] && !it->function && it->brace != it->end) {
			char *head = code_only(src, it->start, it->brace);

			anon_enum[i] = has_word(head, "enum");
			free(head);
		}
		for (k = 0; k < nexcl && item_names[i]; k++)
			if (name_matches(item_names[i], excl[k])) {
				free(item_names[i]);
				item_names[i] = NULL;
				anon_enum[i] = false;
			}
		for (k = 0; k < nnames; k++) {
			if (item_names[i] &&
			    name_matches(item_names[i], names[k]))
				keep[i] = found[k] = true;
			if (anon_enum[i]) {
				char *body = code_only(src, it->brace, it->end);

				if (has_word(body, names[k]))
					keep[i] = found[k] = true;
				free(body);
			}
		}
	}
	while (closure && changed) {
		changed = false;
		for (i = 0; i < nr; i++) {
			char *text;

			if (!keep[i])
				continue;
			text = code_only(src, items[i].start, items[i].end);
			for (j = 0; j < nr; j++) {
				if (keep[j])
					continue;
				if ((item_names[j] &&
				     has_word(text, item_names[j])) ||
				    (anon_enum[j] &&
				     enum_used(src, &items[j], text)))
					keep[j] = changed = true;
			}
			free(text);
		}
	}
	for (i = 0; i < nr; i++)
		free(item_names[i]);
	free(item_names);
	free(anon_enum);
	return keep;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: kgen [-d] [-f] [-x NAME,... [-c] [-X NAME,...]] [-l LABEL] IN OUT\n");
	exit(2);
}

/* The command line; in_name and label are globals for the messages. */
struct kgen_opts {
	bool deasm, flip, extract, closure;
	char **names, **excl; /* [0] owns the strtok'ed copy of the list */
	int nnames, nexcl;
	const char *out_name;
};

/* "a,b,c" as an array of *n names */
static char **split_names(const char *list, int *n)
{
	char *s = strdup(list), *t, **v = NULL;

	*n = 0;
	for (t = strtok(s, ","); t; t = strtok(NULL, ",")) {
		v = realloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = t;
	}
	return v;
}

static void parse_args(int argc, char **argv, struct kgen_opts *op)
{
	const char *list = NULL, *excl_list = NULL;
	int k;

	for (k = 1; k < argc && argv[k][0] == '-'; k++) {
		if (!strcmp(argv[k], "-d"))
			op->deasm = true;
		else if (!strcmp(argv[k], "-f"))
			op->flip = true;
		else if (!strcmp(argv[k], "-x") && k + 1 < argc)
			list = argv[++k];
		else if (!strcmp(argv[k], "-c"))
			op->closure = true;
		else if (!strcmp(argv[k], "-X") && k + 1 < argc)
			excl_list = argv[++k];
		else if (!strcmp(argv[k], "-l") && k + 1 < argc)
			label = argv[++k];
		else
			usage();
	}
	if (argc - k != 2)
		usage();
	ksrc_name = in_name = argv[k];
	op->out_name = argv[k + 1];
	if (!label)
		label = in_name;
	op->extract = list != NULL;
	if (list)
		op->names = split_names(list, &op->nnames);
	if (excl_list)
		op->excl = split_names(excl_list, &op->nexcl);
}

static bool has_asm(const char *src, const struct item *it)
{
	char *code = code_only(src, it->brace, it->end);
	bool yes = has_word(code, "asm") || has_word(code, "__asm__") ||
		   has_word(code, "asm_inline");

	free(code);
	return yes;
}

/*
 * The output: the whole file (what lies between items too), or with -x the
 * kept items, each after its #line marker. Returns the functions de-asm'ed.
 */
static int transform(struct buf *o, const char *src, size_t n,
		     const struct item *items, size_t nr,
		     const struct kgen_opts *op, const bool *keep_item)
{
	char marker[4096];
	size_t i, pos = 0;
	int replaced = 0;

	buf_add(o, "", 0);
	snprintf(marker, sizeof(marker), "#line 1 \"%s\"\n", label);
	if (!op->extract)
		buf_str(o, marker);
	for (i = 0; i < nr; i++) {
		const struct item *it = &items[i];
		bool asm_body = op->deasm && it->function && has_asm(src, it);

		if (op->extract && !keep_item[i])
			continue;
		if (op->extract) {
			snprintf(marker, sizeof(marker), "#line %d \"%s\"\n",
				 line_of(src, it->start), label);
			buf_str(o, marker);
		} else {
			/* what lies between items: comments, preprocessor */
			if (op->flip)
				flip_bitfields(o, src, pos, it->start);
			else
				buf_add(o, src + pos, it->start - pos);
		}
		if (asm_body) {
			emit_prototype(o, src, it);
			replaced++;
		} else if (op->flip) {
			flip_bitfields(o, src, it->start, it->end);
		} else {
			buf_add(o, src + it->start, it->end - it->start);
		}
		if (op->extract)
			buf_str(o, "\n");
		pos = it->end;
	}
	if (!op->extract)
		buf_add(o, src + pos, n - pos);
	return replaced;
}

/* Every -x name without a '*' was found. */
static bool all_found(const struct kgen_opts *op, const bool *found)
{
	int k;

	for (k = 0; k < op->nnames; k++)
		if (!found[k] && !strchr(op->names[k], '*')) {
			fprintf(stderr, "kgen: %s: no definition of '%s'\n",
				in_name, op->names[k]);
			return false;
		}
	return true;
}

/* written to a temporary name, then renamed */
static int write_output(const char *out_name, const struct buf *o)
{
	char *tmp_name = malloc(strlen(out_name) + 8);
	FILE *f;

	sprintf(tmp_name, "%s.tmp", out_name);
	f = fopen(tmp_name, "wb");
	if (!f || fwrite(o->p, 1, o->len, f) != o->len || fclose(f)) {
		fprintf(stderr, "kgen: %s: %s\n", tmp_name, strerror(errno));
		return 1;
	}
	if (rename(tmp_name, out_name)) {
		fprintf(stderr, "kgen: %s: %s\n", out_name, strerror(errno));
		return 1;
	}
	free(tmp_name);
	return 0;
}

int main(int argc, char **argv)
{
	struct kgen_opts op = {0};
	bool *found = NULL, *keep_item = NULL;
	struct buf o = {0};
	struct item *items;
	size_t n, nr;
	int replaced;
	char *src;

	parse_args(argc, argv, &op);
	if (op.extract)
		found = calloc(op.nnames ? op.nnames : 1, 1);
	src = read_file(in_name, &n);
	nr = scan_items(src, n, &items);
	if (op.extract)
		keep_item = select_items(src, items, nr, op.names, op.nnames,
					 found, op.excl, op.nexcl, op.closure);
	replaced = transform(&o, src, n, items, nr, &op, keep_item);
	if (!all_found(&op, found) || write_output(op.out_name, &o))
		return 1;
	if (op.deasm && getenv("KGEN_VERBOSE"))
		fprintf(stderr, "kgen: %s: %d asm functions replaced\n",
			in_name, replaced);
	free(src);
	free(o.p);
	free(items);
	free(found);
	free(keep_item);
	if (op.excl)
		free(op.excl[0]);
	free(op.excl);
	if (op.names)
		free(op.names[0]);
	free(op.names);
	return 0;
}
