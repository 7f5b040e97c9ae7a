# SPDX-License-Identifier: GPL-2.0
#
# awk -f inclusive.awk callgrind.out: the cost of each function of a
# callgrind profile (the first event, e.g. Ir), one line per function:
#
#	<function> <TAB> <inclusive> <TAB> <self>
#
# and a first line "<TOTAL> <TAB> <total> <TAB> <total>" from the file's
# totals. Inclusive = self + the inclusive cost of the calls it makes
# (callgrind's "calls=" lines), direct recursion left out, as
# callgrind_annotate --inclusive=yes counts it. A function with no cost
# of its own is left out: under --toggle-collect those are the callers of
# the collected function, outside the collection.
#
# The format (valgrind's docs/callgrind-format): "fn=(id) name" defines a
# compressed name and "fn=(id)" uses it; "cfn=" names a callee; "calls=N
# target" is followed by the line of that call's inclusive cost; any other
# line starting with a digit, +, - or * is a cost line: as many positions
# as the "positions:" header names, then the costs.
BEGIN {
	FS = "[ \t]+"
	npos = 1
	fn = ""
	in_call = 0
}

function name_of(spec, names,    id, rest) {
	# "(12) gmap_shadow_page", "(12)" or "gmap_shadow_page"
	if (spec ~ /^\([0-9]+\)/) {
		id = spec
		sub(/\).*/, ")", id)
		rest = substr(spec, length(id) + 1)
		sub(/^[ \t]+/, "", rest)
		if (rest != "")
			names[id] = rest
		else if (!(id in names))
			return "?" id
		return names[id]
	}
	return spec
}

/^positions:/ { npos = NF - 1; next }
/^(totals|summary):/ { total = $2; next }
/^fn=/ { fn = name_of(substr($0, 4), fnames); seen[fn] = 1; next }
/^cfn=/ { cfn = name_of(substr($0, 5), fnames); next }
/^calls=/ { in_call = 1; next }
/^[0-9+*-]/ {
	cost = $(npos + 1)
	if (cost == "")
		cost = 0
	if (in_call) {
		in_call = 0
		if (cfn != fn)
			calls[fn] += cost
		next
	}
	self[fn] += cost
	next
}

END {
	if (total == "")
		for (f in self)
			total += self[f]
	printf "<TOTAL>\t%d\t%d\n", total, total
	for (f in seen)
		if (self[f] > 0)
			printf "%s\t%d\t%d\n", f, self[f] + calls[f], self[f]
}
