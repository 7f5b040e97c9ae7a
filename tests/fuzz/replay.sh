#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every libFuzzer harness replays its seeds (and what make fuzz kept) under
# ASan and UBSan, built with gcc (tests/fuzz/fuzz.mk): a harness that no
# longer builds or an input that crashes again fails make check, with or
# without clang. Each seed directory must give as many inputs as it holds.
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
B=$top/build
[ -n "${GMAPBENCH_BASE:-}" ] && [ "$GMAPBENCH_BASE" != 6.1 ] && B=$top/build/$GMAPBENCH_BASE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
for r in "$B"/tests/fuzz/*-replay; do
	[ -x "$r" ] || continue
	n=$((n + 1))
	name=${r##*/}
	name=${name%-replay}
	if "$r" > "$tmp/out" 2> "$tmp/err"; then
		seeds=$(grep -E '^/.*/seeds: [0-9]+ input\(s\)$' "$tmp/out" | tail -n 1)
		dir=${seeds%%: *}
		got=${seeds##*: }
		got=${got%% *}
		want=$(find "$dir" -maxdepth 1 -type f ! -name '.*' 2> /dev/null | wc -l)
		if [ -n "$seeds" ] && [ "$got" -gt 0 ] && [ "$got" -eq "$want" ]; then
			ok "$name: $(grep -E ': [0-9]+ input\(s\)$' "$tmp/out" | sed "s|$top/||" | paste -sd ';' -)"
		else
			not_ok "$name: replayed '$seeds', the seed directory holds $want"
		fi
	else
		not_ok "$name: the replay failed"
		tail -n 20 "$tmp/err" | sed 's/^/#   /'
	fi
done
[ $n -ge 4 ] && ok "$n harnesses replayed" || not_ok "only $n harness replay(s) built under $B/tests/fuzz"

# the driver itself: a path that cannot be read is an error
r=$(ls "$B"/tests/fuzz/*-replay 2> /dev/null | head -n 1)
if [ -n "$r" ]; then
	"$r" "$tmp/nosuch" > /dev/null 2> "$tmp/err"
	rc=$?
	[ $rc -ne 0 ] && grep -q "nosuch: No such file or directory" "$tmp/err" &&
		ok "a missing input: exit $rc, named" || not_ok "a missing input (exit $rc)"
fi
done_testing
