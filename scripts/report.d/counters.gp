# SPDX-License-Identifier: GPL-2.0
# The counters of one benchmark per iteration, variants side by side, log
# scale (zero is missing). Data: a header line of variant names, then one
# counter a line. Also set: ncols (the number of variants).
load dir.'/common.gp'
set ylabel 'per iteration (log scale)'
set logscale y
set yrange [0.5:*]
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set datafile missing '?'
set xtics rotate by -40 font ',9'
set key outside right top
plot for [i=2:ncols+1] datafile using i:xtic(1) title columnhead(i)
