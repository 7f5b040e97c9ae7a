# SPDX-License-Identifier: GPL-2.0
# Real and CPU time of one benchmark, the variants side by side, error bars
# one standard deviation. Data: "variant" real sd cpu sd. Also set: unit.
load dir.'/common.gp'
set ylabel sprintf('time per iteration (%s)', unit)
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.75 border -1
set boxwidth 0.9
set yrange [0:*]
set datafile missing '?'
set xtics rotate by -20
plot datafile using 2:3:xtic(1) title 'real time' lc rgb '#4e79a7', \
	'' using 4:5 title 'CPU time' lc rgb '#f28e2b'
