/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KVM structures the extracted parts of gaccess.c and vsie.c use, with
 * the fields they touch and nothing else (layouts are not the kernel's,
 * except struct vsie_page, which is extracted). Force-included after
 * shim.h for those two files and included by host/sim's own L0 code.
 */
#ifndef GMAPBENCH_SIM_SHIM_KVM_H
#define GMAPBENCH_SIM_SHIM_KVM_H

#include "asm/gmap.h"
#include "ctlreg0.h"
#include "pgm_codes.h"

typedef u64 gpa_t;
typedef u64 hpa_t;

/* asm/kvm_host.h, kvm-s390.h: the values vsie.c tests */
#define GUEST_PREFIX_SHIFT 13
#define PROG_IN_SIE (1 << 0)
#define PROG_REQUEST (1 << 1)
#define CPUSTAT_STOP_INT 0x04000000
#define ECB_TE 0x10
#define ICPT_VALIDITY 0x20
#define S390_ARCH_FAC_LIST_SIZE_BYTE (1 << 11)

struct kvm_s390_sie_block {
	atomic_t cpuflags;
	__u32 prefix;
	atomic_t prog20;
	__u16 prog0c;
	__u8 icptcode;
	__u8 ecb;
	__u16 ipa;
	__u32 ipb;
	__u64 mso;
	__u64 gcr[16];
};

struct mcck_volatile_info {
	__u8 reserved[0x18];
};
struct kvm_s390_crypto_cb {
	__u8 reserved[0x100];
};

/* the KVM statistics the shadow code counts (struct kvm_vm_stat) */
struct kvm_vm_stat {
	u64 gmap_shadow_create;
	u64 gmap_shadow_reuse;
	u64 gmap_shadow_r1_entry;
	u64 gmap_shadow_r2_entry;
	u64 gmap_shadow_r3_entry;
	u64 gmap_shadow_sg_entry;
	u64 gmap_shadow_pg_entry;
};

struct kvm {
	struct kvm_vm_stat stat;
	struct {
		int ipte_lock_count;
		struct {
			int page_count;
			struct page *pages[1];
		} vsie;
		u64 fac_list[4]; /* facilities offered to the guest (L1) */
	} arch;
};

struct kvm_s390_pgm_info {
	__u64 trans_exc_code;
	__u16 code;
	__u8 exc_access_id;
	__u8 op_access_id;
};

struct kvm_vcpu {
	struct kvm *kvm;
	struct {
		struct kvm_s390_sie_block *sie_block;
		struct gmap *gmap;
		/* the program interruption last injected into the guest */
		struct kvm_s390_pgm_info pgm;
		bool pgm_pending;
	} arch;
};

static inline int test_kvm_facility(struct kvm *kvm, unsigned long nr)
{
	return (kvm->arch.fac_list[nr / 64] >> (63 - nr % 64)) & 1;
}

/* host/sim/l0/kvm.c */
int kvm_s390_inject_prog_irq(struct kvm_vcpu *vcpu,
			     struct kvm_s390_pgm_info *pgm);
void ipte_lock(struct kvm *kvm);
void ipte_unlock(struct kvm *kvm);
int kvm_s390_shadow_fault(struct kvm_vcpu *vcpu, struct gmap *sg,
			  unsigned long saddr, unsigned long *datptr);
void kvm_s390_vsie_gmap_notifier(struct gmap *gmap, unsigned long start,
				 unsigned long end);

#endif /* GMAPBENCH_SIM_SHIM_KVM_H */
