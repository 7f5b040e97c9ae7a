#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gen-kernel.sh KGEN VARIANT-DIR VARIANT-OUT le|be
#
# Generates the kernel inputs of one host/sim variant library under
# VARIANT-OUT/gen-<le|be>/ from the variant's patched tree
# (scripts/kernel-tree): de-asm'ed real headers and sources, extracted
# functions of gaccess.c and vsie.c with #line markers, and (le) the
# big-endian bitfield unions re-laid-out for a little-endian host.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: gen-kernel.sh KGEN VARIANT-DIR VARIANT-OUT le|be" >&2; exit 2; }
kgen=$1 vdir=$2 vout=$3 endian=$4
top=$(cd "$(dirname "$0")/../../.." && pwd)
tree=$("$top/scripts/kernel-tree" "$vdir" "$vout")
gen=$vout/gen-$endian
flip=
[ "$endian" = le ] && flip=-f

rm -rf "$gen.tmp"
mkdir -p "$gen.tmp/asm" "$gen.tmp/generated"
k() { "$kgen" -l "$tree/$2" "${@:3}" "$tree/$2" "$gen.tmp/$1"; }

# real s390 headers, inline-asm functions turned into extern prototypes
for h in pgtable page pgalloc tlbflush gmap page-states; do
	k asm/$h.h arch/s390/include/asm/$h.h -d
done
k ctlreg0.h arch/s390/include/asm/ctl_reg.h $flip -x ctlreg0
# whole files
k gmap.c arch/s390/mm/gmap.c -d
k pgtable.c arch/s390/mm/pgtable.c -d
k pgalloc_pgste.c arch/s390/mm/pgalloc.c -x page_table_alloc_pgste,page_table_free_pgste
# the shadow walk of gaccess.c
# (kvm_s390_shadow_* and, -c, every definition of the file they use, so
# that a variant may add helpers; the ipte lock is the shim's)
k gaccess_shadow.c arch/s390/kvm/gaccess.c $flip -c -X ipte_lock,ipte_unlock -x \
asce,ASCE_TYPE_SEGMENT,TABLE_TYPE_SEGMENT,'kvm_s390_shadow_*'
# the DAT-entry unions alone, for the layout test
k dat_unions.h arch/s390/kvm/gaccess.c $flip -x \
asce,region1_table_entry,region2_table_entry,region3_table_entry_fc0,\
region3_table_entry_fc1,region3_table_entry,segment_entry_fc0,\
segment_entry_fc1,segment_table_entry,page_table_entry,vaddress
# the shadow-gmap side of vsie.c
k vsie_shadow.c arch/s390/kvm/vsie.c -c -x \
vsie_page,kvm_s390_vsie_gmap_notifier,handle_fault,handle_last_fault,\
release_gmap_shadow,acquire_gmap_shadow,map_prefix
# program-interruption codes and PEI flags, as the kernel defines them
{
	grep -E '^#define PGM_' "$tree/arch/s390/include/asm/kvm_host.h"
	grep -E '^#define PEI_' "$tree/arch/s390/kvm/gaccess.h"
} > "$gen.tmp/pgm_codes.h"
# the radix tree of lib/, built as tools/testing/radix-tree builds it
cp "$tree/lib/radix-tree.c" "$gen.tmp/radix-tree.c"
echo "#define XA_CHUNK_SHIFT 6" > "$gen.tmp/generated/map-shift.h"
echo "#define CONFIG_64BIT 1" > "$gen.tmp/generated/bit-length.h"
echo "$tree" > "$gen.tmp/tree"
rm -rf "$gen"
mv "$gen.tmp" "$gen"
