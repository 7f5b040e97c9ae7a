// SPDX-License-Identifier: GPL-2.0
/* How the output formats write numbers, changes and verdicts (fmt.h). */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

double fmt_time_scale(double ns, const char **unit)
{
	static const struct {
		double below, scale;
		const char *unit;
	} units[] = {{1e3, 1, "ns"}, {1e6, 1e3, "us"}, {1e9, 1e6, "ms"}};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (fabs(ns) < units[i].below) {
			*unit = units[i].unit;
			return units[i].scale;
		}
	}
	*unit = "s";
	return 1e9;
}

const char *fmt_time(char *buf, size_t len, double ns)
{
	const char *unit;
	double scale;

	if (isnan(ns)) {
		snprintf(buf, len, "-");
		return buf;
	}
	scale = fmt_time_scale(ns, &unit);
	snprintf(buf, len, scale == 1e9 ? "%.3f%s" : "%.2f%s", ns / scale,
		 unit);
	return buf;
}

bool is_time(const char *metric)
{
	return !strcmp(metric, "real_time") || !strcmp(metric, "cpu_time");
}

const char *fmt_value(char *buf, size_t len, const char *metric, double v)
{
	if (is_time(metric))
		return fmt_time(buf, len, v);
	if (isnan(v))
		snprintf(buf, len, "absent");
	else
		snprintf(buf, len, "%.15g", v);
	return buf;
}

const char *fmt_pct(char *buf, size_t len, double old_v, double new_v)
{
	if (isnan(old_v) || isnan(new_v))
		snprintf(buf, len, "-");
	else if (old_v == new_v)
		snprintf(buf, len, "0.00%%");
	else if (old_v == 0)
		snprintf(buf, len, "new");
	else
		snprintf(buf, len, "%+.2f%%",
			 (new_v - old_v) / fabs(old_v) * 100);
	return buf;
}

const char *fmt_pct1(char *buf, size_t len, double old_v, double new_v)
{
	if (isnan(old_v) || isnan(new_v) || old_v == 0)
		return fmt_pct(buf, len, old_v, new_v);
	snprintf(buf, len, "%+.1f%%", (new_v - old_v) / fabs(old_v) * 100);
	return buf;
}

const char *change_name(enum change c)
{
	return c == CH_IMPROVED	   ? "improvement"
	       : c == CH_REGRESSED ? "regression"
	       : c == CH_CHANGED   ? "change"
				   : "same";
}

const char *kind_name(enum counter_kind k)
{
	return k == CK_BEHAVIOUR	  ? "behaviour"
	       : k == CK_WRONG		  ? "wrong"
	       : k == CK_NONDETERMINISTIC ? "nondeterministic"
					  : "presence";
}
