#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gen-kernel.sh KGEN VARIANT-DIR VARIANT-OUT le|be
#
# Generates the kernel inputs of one host/sim variant library under
# VARIANT-OUT/gen-<le|be>/ from the variant's patched tree
# (scripts/kernel-tree) as the base's manifest (host/sim/kgen/bases/<gen>,
# GMAPBENCH_BASE_GEN, default 6.1) lists them: de-asm'ed real headers and
# sources, extracted functions of gaccess.c and vsie.c with #line markers,
# and (le) the big-endian bitfield unions re-laid-out for a little-endian
# host.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: gen-kernel.sh KGEN VARIANT-DIR VARIANT-OUT le|be" >&2; exit 2; }
kgen=$1 vdir=$2 vout=$3 endian=$4
top=$(cd "$(dirname "$0")/../../.." && pwd)
manifest=$top/host/sim/kgen/bases/${GMAPBENCH_BASE_GEN:-6.1}
[ -f "$manifest" ] || { echo "gen-kernel.sh: $manifest: no such manifest" >&2; exit 1; }
tree=$("$top/scripts/kernel-tree" "$vdir" "$vout")
gen=$vout/gen-$endian
flip=
[ "$endian" = le ] && flip=-f

rm -rf "$gen.tmp"
mkdir -p "$gen.tmp/asm" "$gen.tmp/generated"
: > "$gen.tmp/generated/autoconf.h"
set -f
n=0
while read -r word rest; do
	n=$((n + 1))
	case $word in
	'' | '#'*) ;;
	k)
		# shellcheck disable=SC2086
		set -- ${rest//@flip/$flip}
		[ $# -ge 2 ] || { echo "$manifest:$n: 'k' needs OUT and SRC" >&2; exit 1; }
		[ -f "$tree/$2" ] || { echo "$manifest:$n: $2: not in the tree $tree" >&2; exit 1; }
		mkdir -p "$(dirname "$gen.tmp/$1")"
		"$kgen" -l "$tree/$2" "${@:3}" "$tree/$2" "$gen.tmp/$1"
		;;
	config) echo "#define $rest" >> "$gen.tmp/generated/autoconf.h" ;;
	tarball | harness | shim) ;;
	*)
		echo "$manifest:$n: unknown keyword '$word'" >&2
		exit 1
		;;
	esac
done < "$manifest"
set +f
# program-interruption codes and PEI flags, as the kernel defines them
{
	grep -E '^#define PGM_' "$tree/arch/s390/include/asm/kvm_host.h"
	grep -E '^#define PEI_' "$tree/arch/s390/kvm/gaccess.h"
} > "$gen.tmp/pgm_codes.h"
# the radix tree of lib/, built as the tree's test harness builds it
cp "$tree/lib/radix-tree.c" "$gen.tmp/radix-tree.c"
[ ! -f "$tree/lib/radix-tree.h" ] || cp "$tree/lib/radix-tree.h" "$gen.tmp/radix-tree.h"
echo "#define XA_CHUNK_SHIFT 6" > "$gen.tmp/generated/map-shift.h"
echo "#define CONFIG_64BIT 1" > "$gen.tmp/generated/bit-length.h"
echo "$tree" > "$gen.tmp/tree"
rm -rf "$gen"
mv "$gen.tmp" "$gen"
