/* SPDX-License-Identifier: GPL-2.0 */
/* The bare-metal runtime of the L1: what its C parts share. */
#ifndef BM_BM_H
#define BM_BM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lowcore.h"
#include "samples.h"

struct psw {
	uint64_t mask;
	uint64_t addr;
};

/* start.S */
extern char bm_cmdline[BM_CMDLINE_SIZE];
extern volatile uint64_t bm_pgm_resume, bm_pgm_code, bm_pgm_tec;
extern char __l1_mem_start[];
void bm_halt(void) __attribute__((noreturn));
void bm_pgm_entry(void);
void bm_ext_entry(void);
void bm_other_entry(void);
uint64_t bm_sie64(void *scb, uint64_t gregs[14], uint64_t asce);
/* called from start.S: runtime.c, print.c */
void bm_main(void);
void bm_pgm_fatal(void);
void bm_other_fatal(void);

/* l2prog.S: the L2 program platform-baremetal.c copies into the guest */
extern const char bm_l2prog[], bm_l2prog_end[], bm_l2prog_pgm[];

/* lowcore.c: new PSWs, control registers */
void bm_lowcore_init(void);
uint64_t bm_stctg(int cr);
void bm_lctlg(int cr, uint64_t val);
#define CR0_EDAT 0x0000000000800000UL /* bit 40 */
#define CR0_SSM 0x0000000000000200UL /* service-signal subclass */

/* sclp.c: console and memory size */
extern volatile int bm_sclp_pending;
void bm_sclp_init(void);
void bm_console_write(const char *s, size_t len);
uint64_t bm_sclp_memory_size(void);

/* print.c: console text and the JSON line */
void bm_puts(const char *s);
void bm_putu(uint64_t v);
void bm_putx(uint64_t v); /* "0x..." */
void bm_flush(void);
void bm_json_str(const char *s); /* quoted, escaped */
void bm_fatal(const char *what, uint64_t a, uint64_t b)
	__attribute__((noreturn));

/* libc.c */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* stckf.c */
uint64_t bm_stckf(void);
uint64_t bm_tod_to_ns(uint64_t tod);
bool bm_facility(unsigned int nr);
#define FAC_EDAT1 8
#define FAC_EDAT2 78

/* cmdline.c: "<scenario> k=v k=v ..." */
#define BM_MAX_ARGS 32
struct bm_cmdline {
	const char *scenario;
	int nargs;
	const char *key[BM_MAX_ARGS];
	const char *val[BM_MAX_ARGS];
	const char *error; /* NULL if parsed */
};
void bm_cmdline_parse(char *line, struct bm_cmdline *cl);

/* probe.c: expected exceptions */
bool bm_sie_probe(void);
/* LRAG and TPROT of l2 through asce (struct l2_xlate: samples.h) */
void bm_lra(uint64_t asce, bool edat, uint64_t l2, struct l2_xlate *out);
/* the same in steps: many translations through one asce */
void bm_dat_begin(uint64_t asce, bool edat);
void bm_dat_translate(uint64_t l2, struct l2_xlate *out);
void bm_dat_end(void);
bool bm_sie_available(void);
/* {"l2":..,"cc":..,["l1"|"r1":..,]"exc":..,"tprot":..} on the console */
void bm_json_lra(uint64_t l2, const struct l2_xlate *t);

/* memory */
extern uint64_t bm_mem_size;

#endif
