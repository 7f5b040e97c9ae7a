#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mutgen (built with ASan/UBSan) on small C inputs: every operator, the
# stable IDs from #line markers, what must not be mutated (comments,
# strings, assertions, locks, calls that are not flushes or gmap_*), and
# applying one mutant.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
mutgen=$top/build/sim/mutgen-san
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/in.c" <<'IN'
/* a comment with if (x < 1) { */
#define M(x) if (x < 2) gmap_flush(x);
static const char *s = "if (a < b) gmap_x(a);";
#line 10 "build/x/linux/arch/s390/mm/t.c"
static int f(unsigned long *p, int n)
{
	int rc;

	if (n < 4)
		return 0;
	rc = gmap_protect_rmap(p, n);
	ptep_ipte_local(p, n);
	list_add(p, n);
	*p = (*p & _PAGE_PROTECT) | 0x400;
	*p = *p << 12;
	BUG_ON(n > 5 && (*p & 0x10));
	while (n-- >= PAGE_SIZE)
		spin_lock(p);
	return rc;
}

static void g(int *p)
{
	/* if (p[0] < 1) gmap_flush(p); */
	pr_info("if (p < 1) gmap_flush(p);");
	if (p[1] > (p[2] & 3))
		__ptep_ipte(p);
}
IN

tab=$'\t'
cat > "$tmp/expected" <<EXP
f:negate:14:2${tab}arch/s390/mm/t.c:14${tab}if (n < 4)${tab}if (!(n < 4))
f:bound+1:14:8${tab}arch/s390/mm/t.c:14${tab}if (n < 4)${tab}if (n < 4 + 1)
f:bound-1:14:8${tab}arch/s390/mm/t.c:14${tab}if (n < 4)${tab}if (n < 4 - 1)
f:drop-call:16:7${tab}arch/s390/mm/t.c:16${tab}rc = gmap_protect_rmap(p, n);${tab}rc = 0;
f:drop-call:17:2${tab}arch/s390/mm/t.c:17${tab}ptep_ipte_local(p, n);${tab};
f:mask-clear:19:13${tab}arch/s390/mm/t.c:19${tab}*p = (*p & _PAGE_PROTECT) | 0x400;${tab}*p = (*p & (_PAGE_PROTECT & (_PAGE_PROTECT - 1))) | 0x400;
f:mask-flip:19:13${tab}arch/s390/mm/t.c:19${tab}*p = (*p & _PAGE_PROTECT) | 0x400;${tab}*p = (*p & (_PAGE_PROTECT ^ ((_PAGE_PROTECT & -_PAGE_PROTECT) >> 1))) | 0x400;
f:mask-clear:19:30${tab}arch/s390/mm/t.c:19${tab}*p = (*p & _PAGE_PROTECT) | 0x400;${tab}*p = (*p & _PAGE_PROTECT) | 0x0;
f:mask-flip:19:30${tab}arch/s390/mm/t.c:19${tab}*p = (*p & _PAGE_PROTECT) | 0x400;${tab}*p = (*p & _PAGE_PROTECT) | 0x600;
f:shift+1:20:13${tab}arch/s390/mm/t.c:20${tab}*p = *p << 12;${tab}*p = *p << 13;
f:shift-1:20:13${tab}arch/s390/mm/t.c:20${tab}*p = *p << 12;${tab}*p = *p << 11;
f:negate:22:2${tab}arch/s390/mm/t.c:22${tab}while (n-- >= PAGE_SIZE)${tab}while (!(n-- >= PAGE_SIZE))
f:bound+1:22:13${tab}arch/s390/mm/t.c:22${tab}while (n-- >= PAGE_SIZE)${tab}while (n-- >= PAGE_SIZE + 1)
f:bound-1:22:13${tab}arch/s390/mm/t.c:22${tab}while (n-- >= PAGE_SIZE)${tab}while (n-- >= PAGE_SIZE - 1)
f:size+1:22:16${tab}arch/s390/mm/t.c:22${tab}while (n-- >= PAGE_SIZE)${tab}while (n-- >= (PAGE_SIZE + 1))
f:size-1:22:16${tab}arch/s390/mm/t.c:22${tab}while (n-- >= PAGE_SIZE)${tab}while (n-- >= (PAGE_SIZE - 1))
g:negate:31:2${tab}arch/s390/mm/t.c:31${tab}if (p[1] > (p[2] & 3))${tab}if (!(p[1] > (p[2] & 3)))
g:bound+1:31:11${tab}arch/s390/mm/t.c:31${tab}if (p[1] > (p[2] & 3))${tab}if (p[1] > ((p[2] & 3)) + 1)
g:bound-1:31:11${tab}arch/s390/mm/t.c:31${tab}if (p[1] > (p[2] & 3))${tab}if (p[1] > ((p[2] & 3)) - 1)
g:mask-clear:31:21${tab}arch/s390/mm/t.c:31${tab}if (p[1] > (p[2] & 3))${tab}if (p[1] > (p[2] & 0x2))
g:mask-flip:31:21${tab}arch/s390/mm/t.c:31${tab}if (p[1] > (p[2] & 3))${tab}if (p[1] > (p[2] & 0x7))
g:drop-call:32:3${tab}arch/s390/mm/t.c:32${tab}__ptep_ipte(p);${tab};
EXP

if "$mutgen" "$tmp/in.c" f g > "$tmp/got" 2> "$tmp/err"; then
	ok "lists the mutants of two functions"
else
	not_ok "lists the mutants of two functions"
	sed 's/^/#   /' "$tmp/err"
fi
if diff -u "$tmp/expected" "$tmp/got" > "$tmp/diff"; then
	ok "exactly the expected mutants, IDs and before/after lines"
else
	not_ok "exactly the expected mutants, IDs and before/after lines"
	sed 's/^/#   /' "$tmp/diff"
fi
for op in negate drop-call bound+1 bound-1 shift+1 shift-1 size+1 size-1 mask-clear mask-flip; do
	has "$tmp/got" "^[a-z]+:${op//+/\\+}:" "operator $op"
done

"$mutgen" "$tmp/in.c" f > "$tmp/f-only"
grep "^f:" "$tmp/got" > "$tmp/f-expected"
check "IDs do not depend on the other functions listed" cmp "$tmp/f-only" "$tmp/f-expected"

"$mutgen" -f "$tmp/in.c" > "$tmp/functions"
check "-f lists the function definitions" diff <(printf 'f\ng\n') "$tmp/functions"

# applying: the file with exactly that edit
sed '15s/<< 12;/<< 11;/' "$tmp/in.c" > "$tmp/want-shift"
"$mutgen" -a f:shift-1:20:13 "$tmp/in.c" "$tmp/out.c"
check "-a applies a mutant and changes nothing else" cmp "$tmp/want-shift" "$tmp/out.c"
sed '12s/.*/\t;/' "$tmp/in.c" > "$tmp/want-drop"
"$mutgen" -a f:drop-call:17:2 "$tmp/in.c" "$tmp/out.c"
check "-a drops a call" cmp "$tmp/want-drop" "$tmp/out.c"
sed '26s/if (p\[1\] > (p\[2\] & 3))/if (!(p[1] > (p[2] \& 3)))/' "$tmp/in.c" > "$tmp/want-neg"
"$mutgen" -a g:negate:31:2 "$tmp/in.c" "$tmp/out.c"
check "-a negates a condition" cmp "$tmp/want-neg" "$tmp/out.c"
[ -z "$(ls "$tmp"/out.c.tmp 2> /dev/null)" ] && ok "no temporary file left" || not_ok "no temporary file left"

# errors name the file and the ID or function
if "$mutgen" -a f:drop-call:17:3 "$tmp/in.c" "$tmp/x.c" 2> "$tmp/err"; then
	not_ok "an ID that names no mutant fails"
else
	has "$tmp/err" "in.c: no mutant f:drop-call:17:3" "an ID that names no mutant fails, naming file and ID"
fi
if "$mutgen" "$tmp/in.c" nope 2> "$tmp/err"; then
	not_ok "an unknown function fails"
else
	has "$tmp/err" "in.c: no definition of 'nope'" "an unknown function fails, naming file and function"
fi
if "$mutgen" -a bogus "$tmp/in.c" "$tmp/x.c" 2> "$tmp/err"; then
	not_ok "a malformed ID fails"
else
	has "$tmp/err" "FUNCTION:OPERATOR:LINE:COLUMN" "a malformed ID fails with the expected form"
fi
printf 'static void h(void)\n{\n\tif (x) {\n}\n' > "$tmp/bad.c"
if "$mutgen" "$tmp/bad.c" h 2> "$tmp/err"; then
	not_ok "unbalanced braces fail"
else
	has "$tmp/err" "bad.c:[0-9]+: mutgen: unbalanced" "unbalanced braces fail with file and line"
fi
done_testing
