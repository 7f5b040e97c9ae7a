#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kgen (built with ASan/UBSan) on small C inputs: de-asm, extraction with
# #line markers, bitfield flip and its errors.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
kgen=$top/build/sim/kgen-san
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/in.c" <<'IN'
/* a comment with { braces and asm */
#define M(x) { asm("nop"); }
static const char *s = "}{ asm";
struct s { int a; };

static inline int plain(int x)
{
	return x + '}';
}

static __always_inline void with_asm(unsigned long *p,
				     unsigned long v)
{
	asm volatile("stg %1,%0" : "=Q" (*p) : "d" (v));
}

enum {
	ANON_A = 1,
	ANON_B,
};

union u {
	unsigned long val;
	struct {
		unsigned long hi : 52; /* high */
		unsigned long	 : 2;
		unsigned long mid : 1; /* multi-line
					  comment */
		unsigned long lo : 9;
	};
};

int after(void) __acquires(x)
{
	return 1;
}
IN

if "$kgen" -d "$tmp/in.c" "$tmp/d.c"; then
	ok "de-asm runs"
else
	not_ok "de-asm runs"
fi
check "de-asm: asm function becomes a prototype" \
	grep -q '^ *void with_asm(unsigned long \*p,' "$tmp/d.c"
check "de-asm: no asm statement left in functions" \
	bash -c "! grep -q 'stg' '$tmp/d.c'"
check "de-asm: plain function kept" grep -q "return x + '}';" "$tmp/d.c"
check "de-asm: asm in a macro and a string untouched" \
	grep -q 'asm("nop")' "$tmp/d.c"
check "de-asm: line numbers kept" \
	test "$(wc -l < "$tmp/d.c")" -eq $(( $(wc -l < "$tmp/in.c") + 1 ))
check "de-asm: output starts with #line 1" \
	bash -c "head -1 '$tmp/d.c' | grep -q '^#line 1 \"$tmp/in.c\"'"
check "de-asm: output compiles" \
	gcc -fsyntax-only "-D__acquires(x)=" -x c "$tmp/d.c"

"$kgen" -l lbl.c -x after,ANON_B,u,plain "$tmp/in.c" "$tmp/x.c"
check "extract: #line of each definition" \
	bash -c "grep -q '^#line 6 \"lbl.c\"' '$tmp/x.c' && grep -q '^#line 17 \"lbl.c\"' '$tmp/x.c' && grep -q '^#line 22 \"lbl.c\"' '$tmp/x.c' && grep -q '^#line 33 \"lbl.c\"' '$tmp/x.c'"
check "extract: function with attribute macro found by its name" \
	grep -q '^int after(void) __acquires(x)' "$tmp/x.c"
check "extract: unnamed definitions left out" \
	bash -c "! grep -q 'with_asm\|struct s' '$tmp/x.c'"
if "$kgen" -x nosuch "$tmp/in.c" "$tmp/n.c" 2> "$tmp/err"; then
	not_ok "extract: a missing name is an error"
else
	check "extract: a missing name is an error naming it" \
		grep -q "no definition of 'nosuch'" "$tmp/err"
fi

"$kgen" -f -x u "$tmp/in.c" "$tmp/f.c"
cat > "$tmp/f-test.c" <<'IN'
#include "f.c"
int main(void)
{
	union u x = { .val = (0x12345UL << 12) | (1UL << 9) | 0x1ff };
	return !(x.hi == 0x12345 && x.mid == 1 && x.lo == 0x1ff);
}
IN
if gcc -o "$tmp/f-test" "$tmp/f-test.c" 2> "$tmp/err" && "$tmp/f-test"; then
	ok "flip: the re-laid-out union decodes big-endian bit numbers"
else
	not_ok "flip: the re-laid-out union decodes big-endian bit numbers"
	sed 's/^/#   /' "$tmp/err"
fi
check "flip: _Static_assert of 64 bits" \
	grep -q '_Static_assert(52 + 2 + 1 + 9 == 64' "$tmp/f.c"
check "flip: members reversed, comments kept" \
	bash -c "grep -n 'lo : 9\|hi : 52' '$tmp/f.c' | head -1 | grep -q 'lo : 9' && grep -q 'comment \*/' '$tmp/f.c'"
# closure: a helper the named function uses comes along, an excluded one not
cat > "$tmp/cl.c" <<'IN'
static int helper2(int x);
static int unused(void) { return 0; }
static int excluded(void) { return 1; }
static int helper1(int x) { return helper2(x) + excluded(); }
int top_fn(int x) { return helper1(x); }
static int helper2(int x) { return x; }
IN
"$kgen" -c -X excluded -x 'top_*' "$tmp/cl.c" "$tmp/cl.out"
check "closure: helpers and the prototype come along, in file order" \
	bash -c "grep -v '^#line' '$tmp/cl.out' | grep -v '^$' | cut -d'(' -f1 | tr '\\n' , | grep -qx 'static int helper2,static int helper1,int top_fn,static int helper2,'"
check "closure: unused and excluded definitions stay out" \
	bash -c "! grep -q 'unused\\|int excluded' '$tmp/cl.out'"
printf 'struct t {\n\tunsigned long a : 3;\n\tunsigned long b : 4;\n};\n' > "$tmp/bad.c"
if "$kgen" -f "$tmp/bad.c" "$tmp/bad.out" 2> "$tmp/err"; then
	not_ok "flip: a struct of 7 bits is refused"
else
	check "flip: a struct of 7 bits is refused with file:line" \
		grep -q "bad.c:1: kgen: bitfield struct covers 7 bits" "$tmp/err"
fi
printf 'int f(void)\n{\n\treturn 0;\n' > "$tmp/open.c"
if "$kgen" -d "$tmp/open.c" "$tmp/open.out" 2> "$tmp/err"; then
	not_ok "unbalanced braces are an error"
else
	check "unbalanced braces are an error" grep -q "unbalanced" "$tmp/err"
fi
done_testing
