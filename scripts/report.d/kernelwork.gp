# SPDX-License-Identifier: GPL-2.0
# Kernel work (kernel_bb) of each variant against the baseline, per
# scenario: the geometric mean of new/old over its benchmarks, log scale,
# 1 = the same work. Data: a header line of variant names, then one
# scenario a line ('?': no kernel_bb). Also set: ncols.
load dir.'/common.gp'
set ylabel 'kernel_bb variant / baseline (log scale)'
set logscale y
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set datafile missing '?'
set xtics rotate by -40 font ',9'
set key outside right top
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
plot for [i=2:ncols+1] datafile using i:xtic(1) title columnhead(i)
