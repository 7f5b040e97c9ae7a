# SPDX-License-Identifier: GPL-2.0
# One metric over the nights: the night's median, the mean of each segment
# between change points, and the change points. Data: index night value
# segment_mean is_change_point. Also set: unit.
load dir.'/common.gp'
set ylabel (unit eq '' ? 'value' : sprintf('median per night (%s)', unit))
set xtics rotate by -40 font ',9'
set offsets 0.3, 0.3, 0, 0
set key outside bottom center horizontal
plot datafile using 1:3:xtic(2) with linespoints pt 7 ps 0.8 lc rgb '#4e79a7' title 'median of the night', \
	'' using 1:4 with steps dt 2 lw 2 lc rgb '#59a14f' title 'segment mean', \
	'' using ($5 == 1 ? $1 : 1/0):3 with points pt 6 ps 2.5 lw 2 lc rgb '#e15759' title 'change point'
