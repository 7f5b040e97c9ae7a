// SPDX-License-Identifier: GPL-2.0
/*
 * SCLP: console output through "write event data" with the ASCII (VT220)
 * console event, and the memory size from "read SCP info". Each request
 * is started with SERVICE CALL and completes with a service-signal
 * external interrupt, which we wait for in an enabled wait.
 */
#include "bm.h"

#define SCLP_CMD_READ_INFO 0x00020001
#define SCLP_CMD_READ_INFO_FORCED 0x00120001
#define SCLP_CMD_WRITE_EVENT_MASK 0x00780005
#define SCLP_CMD_WRITE_EVENT_DATA 0x00760005
#define SCLP_RC_NORMAL 0x0020
#define SCLP_RC_NORMAL_READ 0x0010
#define EVENT_ASCII_CONSOLE 0x1a
#define EVENT_MASK(type) (0x80000000U >> ((type)-1))

struct sccb_header {
	uint16_t length;
	uint8_t function_code;
	uint8_t control_mask[3];
	uint16_t response_code;
} __attribute__((packed));

struct event_header {
	uint16_t length;
	uint8_t type;
	uint8_t flags;
	uint16_t reserved;
} __attribute__((packed));

static uint8_t sccb[4096] __attribute__((aligned(4096)));
volatile int bm_sclp_pending;

static int servc(uint32_t cmd, void *block)
{
	int cc;

	asm volatile(".insn rre,0xb2200000,%1,%2\n"
		     "	ipm	%0\n"
		     "	srl	%0,28"
		     : "=&d"(cc)
		     : "d"(cmd), "a"(block)
		     : "cc", "memory");
	return cc;
}

static void wait_service_signal(void)
{
	static struct psw wait_psw __attribute__((aligned(8)));

	wait_psw.mask = PSW_MASK_64 | PSW_MASK_EXT | PSW_MASK_WAIT;
	while (bm_sclp_pending)
		asm volatile("	larl	%%r1,0f\n"
			     "	stg	%%r1,%0\n"
			     "	lpswe	%1\n"
			     "0:\n"
			     : "=Q"(wait_psw.addr)
			     : "Q"(wait_psw)
			     : "r1", "cc", "memory");
}

/* Returns the response code, 0 if the call was refused */
static uint16_t sclp_call(uint32_t cmd)
{
	int cc, tries = 0;

	do {
		bm_sclp_pending = 1;
		cc = servc(cmd, sccb);
		if (cc == 0)
			wait_service_signal();
		/* cc 2: busy, the previous request is still running */
	} while (cc == 2 && ++tries < 1000);
	bm_sclp_pending = 0;
	if (cc)
		return 0;
	return ((struct sccb_header *)sccb)->response_code;
}

void bm_sclp_init(void)
{
	struct sccb_header *h = (struct sccb_header *)sccb;
	uint8_t *p;

	/* header, 2 reserved bytes, mask length 4, then cp receive/send and
	 * sclp receive/send masks of 4 bytes each */
	memset(sccb, 0, sizeof(sccb));
	h->length = sizeof(*h) + 4 + 16;
	p = sccb + sizeof(*h);
	p[3] = 4;
	*(uint32_t *)(p + 4) = EVENT_MASK(EVENT_ASCII_CONSOLE);
	sclp_call(SCLP_CMD_WRITE_EVENT_MASK);
}

void bm_console_write(const char *s, size_t len)
{
	struct sccb_header *h = (struct sccb_header *)sccb;
	struct event_header *e = (struct event_header *)(sccb + sizeof(*h));
	const size_t room = sizeof(sccb) - sizeof(*h) - sizeof(*e);

	while (len) {
		size_t n = len < room ? len : room;

		memset(sccb, 0, sizeof(*h) + sizeof(*e));
		h->length = sizeof(*h) + sizeof(*e) + n;
		e->length = sizeof(*e) + n;
		e->type = EVENT_ASCII_CONSOLE;
		memcpy(e + 1, s, n);
		sclp_call(SCLP_CMD_WRITE_EVENT_DATA);
		s += n;
		len -= n;
	}
}

uint64_t bm_sclp_memory_size(void)
{
	struct sccb_header *h = (struct sccb_header *)sccb;
	uint16_t rc, rnmax;
	uint64_t rnsize, rnmax2;

	memset(sccb, 0, sizeof(sccb));
	h->length = sizeof(sccb);
	rc = sclp_call(SCLP_CMD_READ_INFO_FORCED);
	if (rc != SCLP_RC_NORMAL_READ) {
		memset(sccb, 0, sizeof(sccb));
		h->length = sizeof(sccb);
		rc = sclp_call(SCLP_CMD_READ_INFO);
	}
	if (rc != SCLP_RC_NORMAL_READ)
		return 0;
	/* read-info: rnmax at 8, rnsize at 10; rnsize2 at 100, rnmax2 at 104 */
	rnmax = *(uint16_t *)(sccb + 8);
	rnsize = sccb[10];
	if (!rnsize)
		rnsize = *(uint32_t *)(sccb + 100);
	rnmax2 = rnmax ? rnmax : *(uint64_t *)(sccb + 104);
	return rnmax2 * (rnsize << 20);
}
