/* SPDX-License-Identifier: GPL-2.0 */
/* host/sim shim: no KSM; gmap.c only disables it for guests */
#define MADV_UNMERGEABLE 13
#define VM_MERGEABLE 0x80000000UL
int ksm_madvise(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, int advice, unsigned long *vm_flags);
