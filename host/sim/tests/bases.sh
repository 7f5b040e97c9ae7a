#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel bases (docs/bases.md): scripts/base-of reads a tree's version;
# a tree no manifest knows stops make with one line saying why; KSRC is a
# base of its own that rebuilds when the tree's version changes; and 6.12
# runs as 6.1 does: smoke, oracle, determinism (all counters of the
# nightly sets equal 6.1's reference), the s390x cross-check and every
# variant's claims.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
ksrc_names=()
cleanup() {
	rm -rf "$tmp"
	for n in ${ksrc_names[@]+"${ksrc_names[@]}"}; do rm -rf "build/$n"; done
}
trap cleanup EXIT
b612=build/6.12
t612=$b612/sim/tests
pristine=build/kernel/pristine

# ------------------------------------------------------------ base-of
for g in 6.1 6.12; do
	v=$(scripts/base-of --version "$pristine/linux-source-$g" 2>&1)
	gen=$(scripts/base-of --gen "$pristine/linux-source-$g" 2>&1)
	[[ $v =~ ^${g/./\\.}\.[0-9]+$ ]] && [ "$gen" = "$g" ] &&
		ok "base-of: linux-source-$g is $v, manifest $gen" ||
		not_ok "base-of: linux-source-$g: version '$v', manifest '$gen'"
done

# ------------------------------------------------- trees no manifest knows
fake() { # DIR VERSION PATCHLEVEL FILE...
	local d=$1 f
	mkdir -p "$d"
	printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = 0\n' "$2" "$3" > "$d/Makefile"
	shift 3
	for f in "$@"; do mkdir -p "$(dirname "$d/$f")" && : > "$d/$f"; done
}
one_line_error() { # WHAT PATTERN TREE
	local out rc n
	out=$(make --no-print-directory -s KSRC="$3" all 2>&1 > /dev/null)
	rc=$?
	n=$(grep -c . <<< "$out")
	if [ $rc -ne 0 ] && [ "$n" -eq 1 ] && grep -q -- "$2" <<< "$out"; then
		ok "$1: make stops with one line ($(cut -c1-100 <<< "$out")...)"
	else
		not_ok "$1: make exit $rc, $n lines, want one with '$2'"
		head -n 5 <<< "$out" | sed 's/^/#   /'
	fi
}
fake "$tmp/v7" 7 0 arch/s390/kvm/dat.c arch/s390/kvm/gmap.c
one_line_error "a 7.0 tree (the new gmap)" \
	"Linux 7.0.0, the new gmap of arch/s390/kvm (7.0 and later), which host/sim does not support yet (docs/bases.md)" \
	"$tmp/v7"
fake "$tmp/v65" 6 5 arch/s390/mm/gmap.c
one_line_error "a 6.5 tree" "Linux 6.5.0: no manifest host/sim/kgen/bases/6.5" "$tmp/v65"
one_line_error "a directory that is no kernel tree" "not a kernel tree (no Makefile)" "$tmp"

# ------------------------------------------------------- KSRC is a base
cp -al "$pristine/linux-source-6.1" "$tmp/k1"
cp -al "$pristine/linux-source-6.1" "$tmp/k2"
n1=$(scripts/base-of --name "$tmp/k1") n2=$(scripts/base-of --name "$tmp/k2")
ksrc_names=("$n1" "$n2")
[[ $n1 =~ ^6\.1-[0-9a-f]{7}$ ]] && [[ $n2 =~ ^6\.1-[0-9a-f]{7}$ ]] && [ "$n1" != "$n2" ] &&
	ok "KSRC names a base <X.Y>-<hash of the path> ($n1, $n2)" ||
	not_ok "KSRC base names '$n1' '$n2'"
gen=build/$n1/baseline/gen-le/tree
if make --no-print-directory -s KSRC="$tmp/k1" "$gen" > "$tmp/k1.log" 2>&1 &&
	[ "$(cat "$gen" 2>/dev/null)" = "build/$n1/baseline/linux" ]; then
	ok "KSRC=<tree> generates into build/$n1/"
else
	not_ok "KSRC=<tree> generation"
	tail -n 5 "$tmp/k1.log" | sed 's/^/#   /'
fi
# FORCE rules (scripts/build.include) make `make -q` useless here: run make
# and see whether it regenerates
regen() { make --no-print-directory KSRC="$tmp/k1" "$gen" 2>&1 | tee "$tmp/$1.log" | grep -c 'gen-kernel\.sh'; }
up=$(regen again)
# sed -i writes a new file: the pristine tree keeps its own Makefile
sed -i 's/^SUBLEVEL = .*/SUBLEVEL = 999/' "$tmp/k1/Makefile"
changed=$(regen changed)
[ "$up" -eq 0 ] && [ "$changed" -ne 0 ] &&
	ok "KSRC: up to date, then regenerated when the tree's version changes" ||
	not_ok "KSRC rebuild: gen-kernel.sh ran $up time(s) on a second make, $changed after the version change"
grep -q " 6.1.999 " "build/$n1/baseline/.applied" 2>/dev/null &&
	ok "KSRC: the rebuilt tree records version 6.1.999" ||
	not_ok "KSRC: .applied after the rebuild: $(cat "build/$n1/baseline/.applied" 2>&1)"
grep -q "^SUBLEVEL = 999" "$pristine/linux-source-6.1/Makefile" &&
	not_ok "the pristine 6.1 tree was modified" || ok "the pristine 6.1 tree is untouched"

# ------------------------------------------------------- 6.12 runs as 6.1
for t in test-smoke test-oracle-baseline test-determinism; do
	if [ ! -x "$t612/$t" ]; then
		not_ok "6.12 $t: not built (make check-base-6.12)"
		continue
	fi
	"$t612/$t" > "$tmp/$t.out" 2>&1
	rc=$?
	pass=$(grep -c '^ok ' "$tmp/$t.out") fail=$(grep -c '^not ok ' "$tmp/$t.out")
	[ $rc -eq 0 ] && [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ] &&
		ok "6.12 $t (ASan/UBSan): all $pass cases pass" || {
		not_ok "6.12 $t: rc $rc, $pass passed, $fail failed"
		grep -A3 '^not ok' "$tmp/$t.out" | head -n 20 | sed 's/^/#   /'
	}
done
if ! command -v qemu-s390x > /dev/null; then
	not_ok "6.12 s390x: qemu-s390x not installed (scripts/deps)"
elif [ ! -x "$t612/s390x/test-smoke" ]; then
	not_ok "6.12 s390x test-smoke: not built"
else
	qemu-s390x "$t612/s390x/test-smoke" > "$tmp/be.out" 2>&1
	rc=$?
	be=$(grep '^ok ' "$tmp/be.out" | sed 's/^ok [0-9]* //')
	le=$(grep '^ok ' "$tmp/test-smoke.out" 2>/dev/null | sed 's/^ok [0-9]* //')
	[ $rc -eq 0 ] && [ -n "$be" ] && [ "$be" = "$le" ] &&
		ok "6.12 s390x test-smoke passes, the same $(wc -l <<< "$be") cases as on this host" || {
		not_ok "6.12 s390x test-smoke: rc $rc, differs from this host's"
		diff <(echo "$le") <(echo "$be") | head -n 10 | sed 's/^/#   /'
	}
fi

bin=$b612/bin/gmapbench-baseline
if [ -x "$bin" ]; then
	"$bin" --gmap_check --benchmark_min_time=0 \
		--benchmark_out="$tmp/b612.json" --benchmark_out_format=json > "$tmp/b612.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && ok "6.12 baseline --gmap_check on every benchmark: no oracle mismatch" ||
		{ not_ok "6.12 baseline --gmap_check: exit $rc"; tail -n 5 "$tmp/b612.out" | sed 's/^/#   /'; }
	build/bin/gmapbench-counters "$tmp/b612.json" > "$tmp/b612.counters" 2> "$tmp/counters.err"
	if [ -s "$tmp/b612.counters" ] && cmp -s results/reference/baseline.counters "$tmp/b612.counters"; then
		ok "6.12 baseline: all $(wc -l < "$tmp/b612.counters") counter values equal 6.1's reference"
	else
		not_ok "6.12 baseline counters differ from results/reference/baseline.counters (6.1)"
		diff results/reference/baseline.counters "$tmp/b612.counters" | head -n 10 | sed 's/^/#   /'
	fi
	ctx=$(grep -oE '"(base|kernel_base)": "[^"]*"' "$tmp/b612.json" | tr '\n' ' ')
	[[ $ctx == *'"base": "6.12"'* ]] && [[ $ctx == *'"kernel_base": "linux-source-6.12 6.12.'* ]] &&
		ok "6.12: the JSON context names the base and its version ($ctx)" ||
		not_ok "6.12 JSON context: $ctx"
else
	not_ok "6.12 baseline: $bin not built (make check-base-6.12)"
fi

vs=()
for s in kernel-patches/*/series; do
	v=${s#kernel-patches/} v=${v%/series}
	[ -f "kernel-patches/$v/absent.6.12" ] || vs+=("$v")
done
if scripts/check-claims --bin "$b612/bin" "${vs[@]}" > "$tmp/claims.out" 2>&1; then
	ok "6.12: every variant's claims hold ($(grep -c '^ok\|^PASS' "$tmp/claims.out") lines; ${vs[*]})"
else
	not_ok "6.12: claims"
	grep -v '^ok\|^PASS' "$tmp/claims.out" | head -n 20 | sed 's/^/#   /'
fi
done_testing
