#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install PREFIX=/opt/cbench DESTDIR=<temporary>: the header, both
# libraries and libcbench.pc land there, and the example suite builds
# against the installed copy through pkg-config, statically and
# dynamically (one `pkg-config --cflags --libs` call), and runs.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
work=$(mktemp -d "$top/build/libcbench/tests/install.XXXXXX")
trap 'rm -rf "$work"' EXIT
dest=$work/dest prefix=/opt/cbench

if make -C "$top" --no-print-directory -s install PREFIX=$prefix DESTDIR="$dest" \
	> "$work/make.log" 2>&1; then
	ok "make install PREFIX=$prefix DESTDIR=..."
else
	not_ok "make install"
	tail -n 10 "$work/make.log" | sed 's/^/#   /'
fi
for f in include/cbench.h lib/libcbench.a lib/libcbench.so lib/libcbench.so.1 lib/libcbench.so.1.0.0 lib/pkgconfig/libcbench.pc; do
	[ -e "$dest$prefix/$f" ] && ok "installed $f" || not_ok "installed $f"
done
grep -qx "prefix=$prefix" "$dest$prefix/lib/pkgconfig/libcbench.pc" &&
	ok "libcbench.pc names PREFIX" || not_ok "libcbench.pc prefix"

export PKG_CONFIG_PATH=$dest$prefix/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest
cflags=$(pkg-config --cflags libcbench)
static_libs=$(pkg-config --libs --static libcbench)
cflags_libs=$(pkg-config --cflags --libs libcbench) &&
	ok "pkg-config --cflags --libs libcbench: $cflags_libs" || not_ok "pkg-config --cflags --libs libcbench"
libdir=$(pkg-config --variable=libdir libcbench)
if gcc -std=gnu11 -O2 $cflags "$top/bench/examples/example.c" -o "$work/ex-static" \
	"$libdir/libcbench.a" ${static_libs//-lcbench/} 2> "$work/cc.log"; then
	ok "example builds statically from pkg-config --cflags --libs --static"
else
	not_ok "static build against the installed library"
	head -n 5 "$work/cc.log" | sed 's/^/#   /'
fi
if gcc -std=gnu11 -O2 "$top/bench/examples/example.c" -o "$work/ex-dyn" \
	$cflags_libs 2> "$work/cc2.log"; then
	ok "example builds against libcbench.so from pkg-config --cflags --libs"
else
	not_ok "dynamic build against the installed library"
	head -n 5 "$work/cc2.log" | sed 's/^/#   /'
fi
"$work/ex-static" --benchmark_filter='BM_memcpy/8$' --benchmark_min_time=0.001 > "$work/o1" 2> /dev/null &&
	grep -q '^BM_memcpy/8 ' "$work/o1" && ok "the statically linked example runs" ||
	not_ok "the statically linked example runs"
LD_LIBRARY_PATH=$dest$prefix/lib "$work/ex-dyn" --benchmark_filter='BM_memcpy/8$' \
	--benchmark_min_time=0.001 > "$work/o2" 2> /dev/null &&
	grep -q '^BM_memcpy/8 ' "$work/o2" && ok "the dynamically linked example runs" ||
	not_ok "the dynamically linked example runs"
LD_LIBRARY_PATH=$dest$prefix/lib ldd "$work/ex-dyn" | grep -q "libcbench.so.1 => $dest$prefix/lib" &&
	ok "it uses the installed libcbench.so.1" || not_ok "ldd: installed libcbench.so.1"
done_testing
