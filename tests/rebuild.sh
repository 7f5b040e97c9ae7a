#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kbuild-style rebuilds (scripts/build.include) and the commit stamp
# (bench/suites/commit.c), in a scratch clone of the committed tree: a
# changed flag rebuilds what it changes and only that, a touched header
# its dependants, nothing changed nothing; a commit or a dirty tree is
# named by the binary it links.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"

if ! git -C "$top" rev-parse --git-dir > /dev/null 2>&1; then
	skip "not a git checkout: nothing to clone"
	done_testing
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src
# the make of make check passes neither its flags nor its variables on
unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE
bin=build/bin/gmapbench-baseline
san=build/libcbench/libcbench-san.a
g() { git -C "$src" -c user.name=rebuild -c user.email=rebuild@example.invalid "$@"; }
mk() { make -C "$src" --no-print-directory -j2 "$@" "$bin" "$san" > "$tmp/log" 2>&1; }
# what the last make made: the -o of each compile and link, each archive
made() { sed -nE 's/.* -o ([^ ]+).*/\1/p; s/^[^ ]*ar rcs ([^ ]+) .*/\1/p' "$tmp/log" | sort -u; }
show_made() { made | sed "s/^/#   /"; }
# the commit the binary's JSON context names
stamp() {
	(cd "$src" && "$bin" --benchmark_filter='^pte_churn/' --benchmark_min_time=0 \
		--benchmark_out="$tmp/out.json" --benchmark_out_format=json) > /dev/null 2>&1 &&
		sed -n 's/.*"gmapbench_commit": "\([^"]*\)".*/\1/p' "$tmp/out.json"
}
# expect "name" REGEX: ok when what was made is non-empty and all matches REGEX
only() {
	local m
	m=$(made)
	if [ -n "$m" ] && ! grep -Evx -- "$2" <<< "$m" > /dev/null; then
		ok "$1"
	else
		not_ok "$1"
		diag "made (expected only /$2/):"; show_made
	fi
}
has_made() {
	if made | grep -qx -- "$2"; then ok "$1"; else not_ok "$1"; diag "$2 not made; made:"; show_made; fi
}
nothing() {
	if [ -z "$(made)" ] && ! grep -q . "$tmp/log"; then
		ok "$1"
	else
		not_ok "$1"
		sed 's/^/#   /' "$tmp/log" | head -n 20
	fi
}

git clone -q "$top" "$src" || { not_ok "git clone of the tree"; done_testing; exit 1; }
if ! mk; then
	not_ok "first build of $bin and $san"
	tail -n 30 "$tmp/log" | sed 's/^/#   /'
	done_testing
	exit 1
fi
ok "first build of $bin and $san"
has_made "the first build compiles with -MMD -MP" build/baseline/sim-rel/gmap.o
[ -f "$src/build/.cmd/build+baseline+sim-rel+gmap.o.d" ] &&
	grep -q 'host/sim/shim/shim.h' "$src/build/.cmd/build+baseline+sim-rel+gmap.o.d"
check "gmap.o's generated dependencies name the shim header" [ $? -eq 0 ]

mk
nothing "nothing changed: nothing is made, nothing printed"

# a flag: SANITIZE=0 changes CFLAGS_TEST, so the sanitized library only
mk SANITIZE=0
only "SANITIZE=0 remakes the sanitized library's objects and only them" \
	'build/libcbench/san/[a-z_]+\.o|build/libcbench/libcbench-san\.a'
has_made "SANITIZE=0 remakes the sanitized objects" build/libcbench/san/runner.o
if nm "$src/build/libcbench/san/runner.o" | grep -q __asan; then
	not_ok "after SANITIZE=0 the object is built without ASan"
else
	ok "after SANITIZE=0 the object is built without ASan"
fi
mk SANITIZE=0
nothing "SANITIZE=0 again: nothing is made"
mk
has_made "back to SANITIZE=1: the sanitized objects are made again" \
	build/libcbench/san/runner.o

# a header: its dependants, not the kernel's objects
sleep 1
touch "$src/host/sim/machine/tlb.h"
mk
has_made "a touched header remakes an object that includes it" \
	build/baseline/sim-rel/tlb.o
if made | grep -qx 'build/baseline/sim-rel/radix-tree.o\|build/libcbench/.*'; then
	not_ok "a touched header leaves the objects that do not include it"
	diag "made:"; show_made
else
	ok "a touched header leaves the objects that do not include it"
fi

# a commit that touches one scenario only
printf '/* rebuild.sh */\n' >> "$src/guests/scenarios/pte_churn.c"
g commit -qam "rebuild.sh: touch one scenario"
mk
only "a scenario's commit remakes its object, the stamp and the link" \
	"build/bench/obj/guests/scenarios/pte_churn\.o|build/bench/commit\.o|$bin"
want=$(g describe --always --dirty)
got=$(stamp)
check "the binary names the new commit ($want)" [ "$got" = "$want" ]
case $want in *-dirty) not_ok "the scratch clone is clean after the commit" ;;
*) ok "the scratch clone is clean after the commit" ;; esac

# a dirty tree, through a file no object is made from
printf '\nrebuild.sh\n' >> "$src/README.md"
mk
only "a dirty tree remakes the stamp and the link only" \
	"build/bench/commit\.o|$bin"
got=$(stamp)
check "a dirty tree is named $want-dirty" [ "$got" = "$want-dirty" ]

done_testing
