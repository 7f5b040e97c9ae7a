// SPDX-License-Identifier: GPL-2.0
/* The scenario registry: lookup, arguments, checks and the run. */
#include "scenario.h"

extern const struct scenario scn_table_creation, scn_prot_fault_storm,
	scn_pte_churn, scn_top_level_churn, scn_multi_guest, scn_large_pages,
	scn_l2_reboot, scn_dat_protection, scn_short_tables, scn_edat_toggle,
	scn_l0_events, scn_top_table_sweep, scn_l1_insns, scn_dat_exceptions,
	scn_races;

static const struct scenario *const registry[] = {
	&scn_table_creation,  &scn_prot_fault_storm, &scn_pte_churn,
	&scn_top_level_churn, &scn_multi_guest,	     &scn_large_pages,
	&scn_l2_reboot,	      &scn_dat_protection,   &scn_short_tables,
	&scn_edat_toggle,     &scn_l0_events,	     &scn_top_table_sweep,
	&scn_l1_insns,	      &scn_dat_exceptions,   &scn_races,
};

/* L1's state for the run in progress (see "Not reentrant") */
static struct l1 scn_l1;

unsigned int scenario_count(void)
{
	return sizeof(registry) / sizeof(registry[0]);
}

const struct scenario *scenario_at(unsigned int i)
{
	return i < scenario_count() ? registry[i] : NULL;
}

const struct scenario *scenario_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < scenario_count(); i++)
		if (!l1_strcmp(registry[i]->name, name))
			return registry[i];
	return NULL;
}

int scenario_param_index(const struct scenario *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->nr_params; i++)
		if (!l1_strcmp(s->params[i].name, name))
			return i;
	return -1;
}

void scenario_defaults(const struct scenario *s, int64_t *args)
{
	unsigned int i;

	for (i = 0; i < s->nr_params; i++)
		args[i] = s->params[i].def;
}

static void range_error(struct l1_buf *b, const struct scenario *s,
			const struct scenario_param *p, int64_t v)
{
	l1_buf_str(b, s->name);
	l1_buf_str(b, ": ");
	l1_buf_str(b, p->name);
	l1_buf_str(b, " = ");
	l1_buf_int(b, v);
	l1_buf_str(b, " is out of range [");
	l1_buf_int(b, p->min);
	l1_buf_str(b, ", ");
	l1_buf_int(b, p->max);
	l1_buf_str(b, "] (");
	l1_buf_str(b, p->desc);
	l1_buf_str(b, ")");
}

static void unknown_param(struct l1_buf *b, const struct scenario *s,
			  const char *name, size_t len)
{
	unsigned int i;

	l1_buf_str(b, s->name);
	l1_buf_str(b, ": unknown parameter \"");
	for (i = 0; i < len && name[i]; i++) {
		char c[2] = {name[i], 0};

		l1_buf_str(b, c);
	}
	l1_buf_str(b, "\"; it has:");
	for (i = 0; i < s->nr_params; i++) {
		l1_buf_str(b, " ");
		l1_buf_str(b, s->params[i].name);
	}
}

int scenario_set(const struct scenario *s, int64_t *args, const char *name,
		 int64_t value, char *err, size_t errlen)
{
	int i = scenario_param_index(s, name);
	struct l1_buf b;

	l1_buf_init(&b, err, errlen);
	if (i < 0) {
		unknown_param(&b, s, name, l1_strlen(name));
		return -22;
	}
	if (value < s->params[i].min || value > s->params[i].max) {
		range_error(&b, s, &s->params[i], value);
		return -22;
	}
	args[i] = value;
	return 0;
}

/* Parses a decimal integer of len characters; false if it is not one */
static bool parse_int(const char *p, size_t len, int64_t *v)
{
	bool neg = len && *p == '-';
	uint64_t x = 0;
	size_t i = neg;

	if (i == len)
		return false;
	for (; i < len; i++) {
		if (p[i] < '0' || p[i] > '9' || x > (UINT64_C(1) << 62) / 10)
			return false;
		x = x * 10 + (p[i] - '0');
	}
	*v = neg ? -(int64_t)x : (int64_t)x;
	return true;
}

int scenario_parse(const struct scenario *s, int64_t *args, const char *spec,
		   char *err, size_t errlen)
{
	const char *p = spec, *name, *val;
	size_t nlen, vlen;
	struct l1_buf b;
	char key[64];
	int64_t v;
	int rc;

	l1_buf_init(&b, err, errlen);
	while (*p) {
		name = p;
		while (*p && *p != ':' && *p != '=' && *p != '/' && *p != ',')
			p++;
		nlen = p - name;
		if (*p != ':' && *p != '=') {
			l1_buf_str(&b, s->name);
			l1_buf_str(&b, ": \"");
			l1_buf_str(&b, spec);
			l1_buf_str(&b, "\": expected name:value at \"");
			l1_buf_str(&b, name);
			l1_buf_str(&b, "\"");
			return -22;
		}
		val = ++p;
		while (*p && *p != '/' && *p != ',')
			p++;
		vlen = p - val;
		if (nlen >= sizeof(key)) {
			unknown_param(&b, s, name, nlen);
			return -22;
		}
		for (size_t i = 0; i < nlen; i++)
			key[i] = name[i];
		key[nlen] = 0;
		if (!parse_int(val, vlen, &v)) {
			l1_buf_str(&b, s->name);
			l1_buf_str(&b, ": ");
			l1_buf_str(&b, key);
			l1_buf_str(&b, ": \"");
			for (size_t i = 0; i < vlen; i++) {
				char c[2] = {val[i], 0};

				l1_buf_str(&b, c);
			}
			l1_buf_str(&b, "\" is not an integer");
			return -22;
		}
		rc = scenario_set(s, args, key, v, err, errlen);
		if (rc)
			return rc;
		if (*p)
			p++;
	}
	return 0;
}

void scenario_needs(const struct scenario *s, const int64_t *args,
		    struct scenario_needs *n)
{
	unsigned int i;

	for (i = 0; i < L1_NR_FRAME_KINDS; i++)
		n->frames[i] = 0;
	n->l1_bytes = 0;
	n->edat1 = n->edat2 = false;
	n->l0_events = false;
	n->inject = false;
	s->needs(args, n);
}

static void mib(struct l1_buf *b, uint64_t bytes)
{
	l1_buf_int(b, (int64_t)((bytes + (1 << 20) - 1) >> 20));
	l1_buf_str(b, " MiB");
}

int scenario_check(const struct scenario *s, const int64_t *args,
		   const struct l1_platform *plat, char *err, size_t errlen)
{
	struct scenario_needs n;
	uint64_t heap, need;
	struct l1_buf b;
	unsigned int i;

	l1_buf_init(&b, err, errlen);
	for (i = 0; i < s->nr_params; i++) {
		if (args[i] < s->params[i].min || args[i] > s->params[i].max) {
			range_error(&b, s, &s->params[i], args[i]);
			return -22;
		}
	}
	if (s->validate && s->validate(args, &b))
		return -22;
	scenario_needs(s, args, &n);
	heap = plat->heap_end > plat->heap_start
		       ? plat->heap_end - plat->heap_start
		       : 0;
	if (heap > (uint64_t)L1_MAX_CHUNKS * L1_CHUNK_SIZE)
		heap = (uint64_t)L1_MAX_CHUNKS * L1_CHUNK_SIZE;
	need = scn_chunks(&n) * L1_CHUNK_SIZE;
	if (need > heap || n.l1_bytes > plat->mem_bytes) {
		l1_buf_str(&b, s->name);
		l1_buf_str(&b, ": these arguments need ");
		mib(&b, need > heap ? need : n.l1_bytes);
		l1_buf_str(&b, need > heap
				       ? " of L1 heap, the platform has "
				       : " of L1 memory, the platform has ");
		mib(&b, need > heap ? heap : plat->mem_bytes);
		l1_buf_str(&b, " (fewer touches, or more L1 memory)");
		return -22;
	}
	if ((n.edat1 && !plat->edat1) || (n.edat2 && !plat->edat2)) {
		l1_buf_str(&b, s->name);
		l1_buf_str(&b, n.edat2 && !plat->edat2
				       ? ": needs EDAT-2 offered to L1"
				       : ": needs EDAT-1 offered to L1");
		l1_buf_str(&b, " (gsim_config.l1_edat1/l1_edat2)");
		return -22;
	}
	if (n.l0_events && !plat->l0_event) {
		l1_buf_str(&b, s->name);
		l1_buf_str(&b, ": needs a platform where L0 can change its "
			       "backing of L1 (host/sim)");
		return -22;
	}
	if (n.inject && !plat->inject) {
		l1_buf_str(&b, s->name);
		l1_buf_str(&b, ": needs a platform that injects faults into "
			       "L0's shadow operations (host/sim)");
		return -22;
	}
	return 0;
}

static const char *rc_text(int rc)
{
	switch (rc) {
	case -12:
		return "L1 is out of memory";
	case -34:
		return "L2 address beyond the reach of L1's top table";
	case -17:
		return "a table or frame is in the way";
	case L1_ERR_NO_PROGRESS:
		return "L2 faulted again where L1 had just mapped";
	case L1_ERR_VALIDITY:
		return "SIE gave a validity intercept (L2's prefix unmapped)";
	case -14:
		return "the platform refused an L1 address";
	case -22:
		return "invalid argument";
	case -2:
		return "no such entry";
	case -95:
		return "L2 got a program interruption L1 cannot handle";
	default:
		return "the platform failed";
	}
}

int scenario_run(const struct scenario *s, const int64_t *args,
		 struct l1_platform *plat, struct scenario_result *res)
{
	uint64_t t0 = plat->now ? plat->now(plat->ctx) : 0;
	struct l1_buf b;
	int rc;

	res->ns = 0;
	res->error[0] = 0;
	rc = l1_init(&scn_l1, plat);
	if (!rc)
		rc = s->run(&scn_l1, args);
	if (!rc)
		rc = scn_l1.err;
	if (plat->now)
		res->ns = plat->now(plat->ctx) - t0;
	res->l1 = scn_l1.stats;
	res->rc = rc;
	if (rc) {
		l1_buf_init(&b, res->error, sizeof(res->error));
		l1_buf_str(&b, s->name);
		l1_buf_str(&b, ": ");
		l1_buf_str(&b, rc_text(rc));
		l1_buf_str(&b, " (");
		l1_buf_int(&b, rc);
		l1_buf_str(&b, "); last reflected fault: code ");
		l1_buf_hex(&b, scn_l1.last_pgm);
		l1_buf_str(&b, " at L2 ");
		l1_buf_hex(&b, scn_l1.last_exc_addr);
		if (plat->log)
			plat->log(plat->ctx, res->error);
	}
	return rc;
}
