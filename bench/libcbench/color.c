// SPDX-License-Identifier: GPL-2.0
/* --benchmark_color=auto: colors when stdout is a terminal that has them. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int cb_color_auto(void)
{
	static const char *const terms[] = {
		"xterm",
		"xterm-color",
		"xterm-256color",
		"screen",
		"screen-256color",
		"tmux",
		"tmux-256color",
		"rxvt-unicode",
		"rxvt-unicode-256color",
		"linux",
		"cygwin",
		"xterm-kitty",
		"alacritty",
		"foot",
		"foot-extra",
		"wezterm",
	};
	const char *t = getenv("TERM");

	if (!isatty(1) || !t)
		return 0;
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (!strcmp(t, terms[i]))
			return 1;
	return 0;
}
