# SPDX-License-Identifier: GPL-2.0
# Shared by the report charts. Set by scripts/report with -e: fmt ('svg' or
# 'png'), outfile, datafile, charttitle.
if (fmt eq 'svg') {
	set terminal svg size 760,380 font 'sans,11' background rgb 'white'
} else {
	set terminal pngcairo size 760,380 font 'sans,10' background rgb 'white'
}
set output outfile
set title charttitle noenhanced
set key noenhanced top right
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror
set xtics noenhanced
