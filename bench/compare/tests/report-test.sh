#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/report on a copy of the fixture night, then report.html in
# headless Chromium: every chart in the DOM with content, a screenshot that
# is not blank; work directories of killed reports removed; and
# scripts/publish to a directory and to a git branch.
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

get=build/tests/json-get
tmp=$(mktemp -d "$top/build/tests/report-test.XXXXXX")
[ -n "${KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
cp -r bench/compare/tests/fixtures/results "$tmp/"
night=$tmp/results/2026-11-24/zsim1
# a chart of an earlier report of this night that this one does not draw
mkdir -p "$night/charts" && echo '<svg/>' > "$night/charts/history-9999.svg"
# how the night's wall time split (scripts/nightly writes it)
printf 'wall_us=200000000\nbuild_us=10000000\ntimed_us=123000000\n' > "$night/night-time.txt"

# ---- the report ----
scripts/report "$night" > "$tmp/report.out" 2>&1
rc=$?
[ $rc -eq 1 ] && ok "scripts/report: exit 1 for a night with regressions" ||
	{ not_ok "scripts/report: exit $rc, want 1"; tail -n 20 "$tmp/report.out" | sed 's/^/#   /'; }
for f in report.md report.html summary.txt verdict.json compare.txt compare.json; do
	[ -s "$night/$f" ] && ok "wrote $f" || not_ok "wrote $f"
done
[ -n "$(find "$night" -mindepth 1 -maxdepth 1 -name '.report*')" ] && not_ok "left its work directory behind" || ok "no work directory left behind"
leak=$(grep -l "$tmp" "$night"/report.md "$night"/report.html "$night"/summary.txt "$night"/verdict.json \
	"$night"/compare.txt "$night"/compare.json)
[ -z "$leak" ] && [ "$("$get" "$night/verdict.json" .variants.pgt-prefill.new_file)" = 2026-11-24/zsim1/pgt-prefill.json ] &&
	ok "the report names files relative to the results root, no path of this machine" ||
	{ not_ok "the report names paths of this machine"; diag "$leak"; }
[ ! -e "$night/charts/history-9999.svg" ] && ok "charts of an earlier report are gone" ||
	not_ok "a stale chart of an earlier report is left in charts/"
[ "$("$get" "$night/verdict.json" .variants.lazy-unshadow.status)" = regressed ] &&
	[ "$("$get" "$night/verdict.json" .variants.edat-shadow.status)" = failed ] &&
	[ "$("$get" "$night/verdict.json" .exit_status)" = 1 ] &&
	ok "verdict.json: lazy-unshadow regressed, edat-shadow failed, exit 1" || not_ok "verdict.json statuses"
[ "$("$get" "$night/verdict.json" .previous_night.pgt-prefill.status)" = ok ] &&
	ok "verdict.json: pgt-prefill against the previous night" || not_ok "verdict.json: previous night"
head -n 1 "$night/summary.txt" | grep -q '^variant  *status  *kernel work' &&
	sed -n 2p "$night/summary.txt" | grep -q '^broken-flush  *WRONG  *WRONG on ' &&
	grep -q '^broken-flush: WRONG' "$night/summary.txt" &&
	ok "summary.txt: the top table first, the wrong variant on its first row" ||
	not_ok "summary.txt head: $(head -n 2 "$night/summary.txt")"
grep -qx 'pgt-prefill: -93.8% exits_l0 on table_creation/span_gib:64 vs baseline' "$night/summary.txt" &&
	ok "summary.txt: the pgt-prefill headline" || not_ok "summary.txt: the pgt-prefill headline"

# the night's noise and measurement share: once in report.md and the
# summary, and in verdict.json
for f in report.md summary.txt; do
	[ "$(grep -c '^Night: 200 s wall: build 10.0 s (5%), timed 123.0 s (62%); measurement share (timed / wall) 62%, goal >= 60%\.$' "$night/$f")" -eq 1 ] &&
		[ "$(grep -c '^Noise: median baseline real.*time CV' "$night/$f")" -eq 1 ] &&
		ok "$f: the Noise and Night lines once, with the measurement share" ||
		{ not_ok "$f: the Noise and Night lines once, with the measurement share"; grep -n '^No\|^Ni' "$night/$f" | sed 's/^/#   /'; }
done
[ "$("$get" "$night/verdict.json" .measurement_share_pct)" = 61.5 ] &&
	[ "$("$get" "$night/verdict.json" .night_wall_s)" = 200 ] &&
	ok "verdict.json: measurement_share_pct 61.5 of night_wall_s 200" ||
	not_ok "verdict.json: measurement_share_pct $("$get" "$night/verdict.json" .measurement_share_pct), night_wall_s $("$get" "$night/verdict.json" .night_wall_s)"

nsvg=$(ls "$night"/charts/*.svg 2>/dev/null | wc -l)
npng=$(ls "$night"/charts/*.png 2>/dev/null | wc -l)
[ "$nsvg" -ge 12 ] && [ "$nsvg" -eq "$npng" ] && ok "charts: $nsvg SVG and $npng PNG" || not_ok "charts: $nsvg SVG, $npng PNG"
for k in time counters history; do
	[ -n "$(ls "$night"/charts/$k-*.svg 2>/dev/null)" ] && ok "a $k chart" || not_ok "a $k chart"
done
# what each kind of chart shows
grep -q 'real time' "$night/charts/time-0.svg" && grep -q 'CPU time' "$night/charts/time-0.svg" &&
	ok "time chart: real and CPU time side by side" || not_ok "time chart legend"
grep -q 'log scale' "$night/charts/counters-0.svg" && grep -q 'pgt-prefill' "$night/charts/counters-0.svg" &&
	ok "counter chart: log scale, a bar per variant" || not_ok "counter chart"
# a change point is a red circle (#e15759) beyond the one in the key
marks=
for f in "$night"/charts/history-*.svg; do
	n=$(grep -c 'rgb(225,  87,  89)' "$f")
	t=$(grep -o '[a-z-]* [a-z_]*/[a-z_]*:[0-9]* [a-z_]* over 8 nights[^<]*' "$f" | head -n 1)
	marks="$marks$t: $n
"
done
echo "$marks" | grep -qx 'baseline table_creation/span_gib:512 real_time over 8 nights (change points marked): 2' &&
	echo "$marks" | grep -qx 'baseline table_creation/span_gib:64 real_time over 8 nights: 1' &&
	! echo "$marks" | grep -q 'marked): 1$' && ! echo "$marks" | grep -q 'nights: 2$' &&
	ok "history charts: change points marked where found, none elsewhere" ||
	{ not_ok "history charts' change point marks"; diag "$marks"; }
missing=0
for png in $(grep -o 'charts/[^)]*\.png' "$night/report.md"); do
	[ -s "$night/$png" ] || missing=$((missing + 1))
done
[ "$(grep -c 'charts/.*\.png' "$night/report.md")" -eq "$npng" ] && [ $missing -eq 0 ] &&
	ok "report.md shows every PNG chart" || not_ok "report.md charts ($missing missing)"
grep -q "^lazy-unshadow: +11.8% real_time" "$night/report.md" && grep -q "Hunk #3 FAILED" "$night/report.md" && grep -q 'Hunk #3 FAILED' "$night/report.html" &&
	ok "the failed variant's log tail is in the report" || not_ok "failed variant's log tail"
grep -q 'load average 3.90 on 2 CPUs' "$night/report.html" && ok "the high load average is warned about" ||
	not_ok "load average warning"
# the Runs table: variant, kernel base, commit, backend, host, CPU, topology,
# pinning, build, run at, load
row=$(grep -o '<tr><td>lazy-unshadow</td><td>linux-source.*</tr>' "$night/report.html" | head -n 1)
miss=
for want in 'linux-source-6.1 6.1.192' 012a45d '>sim<' '>zsim1<' 'IBM z16 3931' \
	'1 package, 2 cores, 1 thread per core' '>cpu 1<' '>release<' '2026-11-24T02:' '3.90 / 2 CPUs, 9 reps'; do
	case $row in *"$want"*) ;; *) miss="$miss [$want]" ;; esac
done
[ -n "$row" ] && [ -z "$miss" ] && ok "the context of each run is in the report (kernel base, commit, host, CPU, topology, pinning, build, load)" ||
	{ not_ok "context in the report: missing$miss"; diag "${row:0:600}"; }
ext=$(grep -oiE "(src|href)=[\"'][^#]|url\\([^#]|<link|<script|<img|<image|<iframe|<object|<embed|<video|<audio|@import" "$night/report.html" | sort -u)
[ -z "$ext" ] && ok "report.html needs no external resource" || { not_ok "report.html references outside"; diag "$ext"; }
dup=$(grep -oE "id=['\"][^'\"]*['\"]" "$night/report.html" | sort | uniq -d | head -n 3)
[ -z "$dup" ] && ok "report.html: the inlined charts' ids are unique" || { not_ok "duplicate ids"; diag "$dup"; }

# ---- Chromium ----
# report.html itself: the DOM. Then a copy with a probe script that writes
# where each chart's <svg> was laid out, screenshotted whole (a window as
# tall as the page): every chart's own area of the screenshot must be drawn
# (coloured pixels: bars, lines, points), not blank or text only.
chrome() { # chrome URL-FILE ARGS...: the DOM on stdout
	local ud file=$1
	shift
	ud=$(mktemp -d "$tmp/chrome.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$ud" "$@" "file://$file" 2>> "$tmp/chrome.err"
}
probe='<script>
(function () {
	var out = ["page " + document.documentElement.scrollWidth + " " +
		document.documentElement.scrollHeight];
	var figs = document.querySelectorAll("figure.chart");
	for (var i = 0; i < figs.length; i++) {
		var s = figs[i].querySelector("svg"), r;
		if (!s) { out.push("chart " + i + " 0 0 0 0"); continue; }
		r = s.getBoundingClientRect();
		out.push(["chart", i, Math.round(r.left + window.scrollX),
			Math.round(r.top + window.scrollY), Math.floor(r.width),
			Math.floor(r.height)].join(" "));
	}
	var top = document.querySelector("table.top");
	if (top)
		out.push("top " + Math.round(top.getBoundingClientRect().bottom + window.scrollY) +
			" " + top.querySelectorAll("tr").length);
	var pre = document.createElement("pre");
	pre.id = "layout-probe";
	pre.textContent = "\n" + out.join("\n") + "\n";
	document.body.appendChild(pre);
})();
</script>'
if ! command -v chromium > /dev/null; then
	skip "report.html in headless Chromium: chromium is not installed (scripts/deps installs it)"
else
	chrome "$night/report.html" --dump-dom --window-size=1280,1000 > "$tmp/dom.html"
	nfig=$(grep -c '<figure class="chart"' "$tmp/dom.html")
	[ "$nfig" -eq "$nsvg" ] && ok "DOM: one figure per chart ($nfig)" ||
		{ not_ok "DOM: $nfig figures for $nsvg charts"; tail -n 5 "$tmp/chrome.err" | sed 's/^/#   /'; }
	# every figure holds an <svg> with drawn paths in it
	bad=$(awk 'BEGIN { RS = "<figure class=\"chart\"" } NR > 1 {
			fig = $0; sub(/<\/figure>.*/, "", fig)
			n = gsub(/<path/, "", fig)
			if (fig !~ /<svg/ || n < 5) print "figure " NR - 1 ": " n " paths"
		}' "$tmp/dom.html")
	[ "$nfig" -gt 0 ] && [ -z "$bad" ] && ok "DOM: every chart is a non-empty <svg>" ||
		{ not_ok "DOM: empty charts"; diag "$bad"; }

	PROBE=$probe awk '/<\/body>/ { print ENVIRON["PROBE"] } { print }' "$night/report.html" > "$tmp/probe.html"
	layout() { sed -n '/<pre id="layout-probe">/,/<\/pre>/p' "$1" | grep -E '^(page|chart|top) '; }
	chrome "$tmp/probe.html" --dump-dom --window-size=1280,1000 > "$tmp/probe1.html"
	read -r _ tb trs < <(layout "$tmp/probe1.html" | grep '^top ')
	[ "${trs:-0}" -eq 7 ] && [ "${tb:-9999}" -le 1000 ] &&
		ok "the top table: a row per variant (6), on the first screen (bottom at ${tb}px of 1000)" ||
		not_ok "the top table: ${trs:-no} rows, bottom at ${tb:-?}px"
	ph=$(layout "$tmp/probe1.html" | awk '$1 == "page" { print $3 }')
	if [ "${ph:-0}" -lt 1000 ]; then
		not_ok "the probe measured no page height (${ph:-none})"
		tail -n 5 "$tmp/chrome.err" | sed 's/^/#   /'
	else
		chrome "$tmp/probe.html" --dump-dom --screenshot="$tmp/shot.png" \
			--window-size=1280,$((ph + 50)) > "$tmp/probe2.html"
		layout "$tmp/probe2.html" | awk '$1 == "chart"' > "$tmp/rects"
		nrect=$(wc -l < "$tmp/rects")
		sized=$(awk '$5 >= 300 && $6 >= 150' "$tmp/rects" | wc -l)
		[ "$nrect" -eq "$nsvg" ] && [ "$sized" -eq "$nrect" ] &&
			ok "layout: all $nrect charts laid out at a readable size" ||
			{ not_ok "layout: $sized of $nrect charts readable, $nsvg wanted"; sed 's/^/#   /' "$tmp/rects"; }
		if [ -s "$tmp/shot.png" ]; then
			# a control beside the first chart (the page is wider than
			# one chart) shows the measure tells blank from drawn
			ctl=$(awk 'NR == 1 && $3 + $5 + 40 < 1240 { printf "%d,%d,%d,%d", $3 + $5 + 20, $4, 1240 - ($3 + $5 + 20), $6 }' "$tmp/rects")
			rects=$(awk '{ printf "%d,%d,%d,%d ", $3, $4, $5, $6 }' "$tmp/rects")
			# shellcheck disable=SC2086
			build/tests/png-stats "$tmp/shot.png" $rects $ctl > "$tmp/pixels"
			read -r w h _ < "$tmp/pixels"
			[ "${w:-0}" -eq 1280 ] && [ "${h:-0}" -ge "$ph" ] &&
				ok "screenshot of the whole page (${w}x$h)" || not_ok "screenshot ${w}x$h, page $ph high"
			# per chart: distinct_colours non_white_permille coloured_permille
			blank=$(sed -n "2,$((nrect + 1))p" "$tmp/pixels" | awk '
				!($1 >= 50 && $2 >= 20 && $3 >= 3) { print "chart " NR - 1 ": " $0 }')
			drawn=$(sed -n "2,$((nrect + 1))p" "$tmp/pixels" | wc -l)
			[ "$drawn" -eq "$nsvg" ] && [ -z "$blank" ] &&
				ok "screenshot: every one of the $drawn charts is drawn" ||
				{ not_ok "screenshot: charts not drawn"; diag "$blank"; }
			if [ -n "$ctl" ]; then
				c=$(sed -n "$((nrect + 2))p" "$tmp/pixels")
				[ "$(echo "$c" | awk '{ print $3 }')" -eq 0 ] &&
					ok "control: the blank area beside a chart measures blank ($c)" ||
					not_ok "control: the area beside a chart is not blank ($c)"
			fi
		else
			not_ok "chromium wrote no screenshot"
			tail -n 5 "$tmp/chrome.err" | sed 's/^/#   /'
		fi
	fi
fi

# ---- without gnuplot: verdict.json and summary.txt still, no charts, said ----
cp -r bench/compare/tests/fixtures/results "$tmp/nognuplot"
ng=$tmp/nognuplot/2026-11-24/zsim1
GMAPBENCH_GNUPLOT=/nonexistent/gnuplot scripts/report "$ng" > "$tmp/ng.out" 2>&1
rc=$?
[ $rc -eq 1 ] && [ -s "$ng/verdict.json" ] && [ -s "$ng/summary.txt" ] && [ -s "$ng/report.html" ] &&
	[ -z "$(ls "$ng/charts" 2> /dev/null)" ] && grep -q 'gnuplot is missing' "$ng/summary.txt" &&
	grep -q 'gnuplot is missing' "$ng/report.html" && grep -q 'gnuplot is missing' "$tmp/ng.out" &&
	! grep -q 'charts/.*\.png' "$ng/report.md" && ! grep -q '<figure class="chart"' "$ng/report.html" &&
	ok "gnuplot missing: verdict.json, summary.txt and the report without charts, and it says so (exit $rc)" ||
	{ not_ok "gnuplot missing (exit $rc)"; sed 's/^/#   /' "$tmp/ng.out" | tail -n 5; }

# ---- work directories of killed reports ----
cp -r bench/compare/tests/fixtures/results "$tmp/killed"
kn=$tmp/killed/2026-11-24/zsim1
# left by a SIGKILL (a process that is gone, the old name) and one in use
mkdir -p "$kn/.report.2147483647.Ab12Cd" "$kn/.report.Xy34Zw" "$kn/.report.$$.InUse1"
GMAPBENCH_GNUPLOT=/nonexistent/gnuplot scripts/report "$kn" > /dev/null 2>&1
[ ! -e "$kn/.report.2147483647.Ab12Cd" ] && [ ! -e "$kn/.report.Xy34Zw" ] && [ -d "$kn/.report.$$.InUse1" ] &&
	ok "a report removes the work directories of killed reports, not one whose process runs" ||
	{ not_ok "stale work directories"; diag "$(find "$kn" -mindepth 1 -maxdepth 1 -name '.report*' -printf '%f\n')"; }
rmdir "$kn/.report.$$.InUse1"
# SIGTERM while gnuplot draws: the work directory goes with the report
printf '#!/bin/sh\ntouch "%s"\nexec sleep 60\n' "$tmp/drawing" > "$tmp/slow-gnuplot"
chmod +x "$tmp/slow-gnuplot"
GMAPBENCH_GNUPLOT=$tmp/slow-gnuplot setsid scripts/report "$kn" > /dev/null 2>&1 &
kpid=$!
for ((i = 0; i < 600; i++)); do
	[ -e "$tmp/drawing" ] && break
	sleep 0.05
done
kill -TERM -- -"$kpid" 2> /dev/null
wait "$kpid"
krc=$?
left=$(find "$kn" -mindepth 1 -maxdepth 1 -name '.report*' -printf '%f\n')
[ -e "$tmp/drawing" ] && [ $krc -eq 143 ] && [ -z "$left" ] &&
	ok "a report killed by SIGTERM while drawing: exit 143, no work directory left" ||
	{ not_ok "report killed (exit $krc, gnuplot started: $([ -e "$tmp/drawing" ] && echo yes || echo no))"; diag "$left"; }

# ---- publish ----
scripts/publish "$night" "$tmp/www" > "$tmp/publish.out" 2>&1
[ -s "$tmp/www/2026-11-24/zsim1/report.html" ] && [ -s "$tmp/www/2026-11-24/zsim1/charts/time-0.svg" ] &&
	ok "publish to a directory: <dest>/<date>/<host>/report.html and charts" ||
	{ not_ok "publish to a directory"; sed 's/^/#   /' "$tmp/publish.out"; }
[ ! -e "$tmp/www/2026-11-24/zsim1/baseline.json" ] && [ -s "$tmp/www/2026-11-24/zsim1/verdict.json" ] &&
	ok "publish copies the report, not the raw results" || not_ok "publish copies the report only"
grep -q '2026-11-24/zsim1/report.html' "$tmp/www/index.html" 2>/dev/null &&
	ok "publish keeps an index of nights" || not_ok "publish index"

repo=$tmp/repo
git init -q "$repo" && git -C "$repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m init
echo keep > "$repo/work.txt"
(cd "$repo" && "$top/scripts/publish" "$night" gh-reports) > "$tmp/publish2.out" 2>&1
prc=$?
files=$(git -C "$repo" ls-tree -r --name-only gh-reports 2>/dev/null)
[ $prc -eq 0 ] && echo "$files" | grep -qx '2026-11-24/zsim1/report.html' &&
	echo "$files" | grep -qx 'index.html' &&
	ok "publish to a git branch commits the report onto it" ||
	{ not_ok "publish to a git branch (exit $prc)"; sed 's/^/#   /' "$tmp/publish2.out"; }
[ "$(git -C "$repo" rev-parse --abbrev-ref HEAD)" = "$(git -C "$repo" symbolic-ref --short HEAD)" ] &&
	[ "$(cat "$repo/work.txt")" = keep ] && [ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] &&
	[ ! -e "$repo/2026-11-24" ] &&
	ok "the working tree and branch are untouched" || not_ok "publish touched the working tree"
(cd "$repo" && "$top/scripts/publish" "$night" gh-reports) > /dev/null 2>&1
[ "$(git -C "$repo" rev-list --count gh-reports)" -eq 2 ] &&
	ok "publishing again adds a commit on top" || not_ok "publishing again"
cur=$(git -C "$repo" symbolic-ref --short HEAD)
head_before=$(git -C "$repo" rev-parse HEAD)
(cd "$repo" && "$top/scripts/publish" "$night" "branch:$cur") > "$tmp/publish3.out" 2>&1
prc=$?
[ $prc -eq 2 ] && grep -q 'checked-out branch' "$tmp/publish3.out" && [ "$(git -C "$repo" rev-parse HEAD)" = "$head_before" ] &&
	ok "publish refuses the checked-out branch (exit 2), HEAD unchanged" ||
	{ not_ok "publish onto the checked-out branch (exit $prc)"; sed 's/^/#   /' "$tmp/publish3.out"; }

done_testing
