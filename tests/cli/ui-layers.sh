#!/bin/sh
# ui-layers.sh: no circle of calls among the reader's source files. For
# each object of src/ui*.c and src/keys.c, the functions it calls that
# another of them defines (read with nm) make an edge "caller -> callee";
# any file that reaches itself through the edges fails the test. Modes
# reach each other only through their tables (data), which nm's function
# symbols leave out, as they should.

: "${BUILD:?BUILD not set}"

obj=$BUILD/obj
if ! command -v nm >/dev/null 2>&1; then
	echo "SKIP ui-layers: nm is not installed"
	exit 0
fi
set -- "$obj"/ui*.o "$obj"/keys.o
if [ ! -f "$1" ]; then
	echo "SKIP ui-layers: no objects in $obj (build first)"
	exit 0
fi

tmp=${TESTTMP:-/tmp}/ui-layers.$$
mkdir -p "$tmp"
for o in "$@"; do
	f=$(basename "$o" .o)
	nm "$o" | awk -v f="$f" '$1 == "U" { print "U", f, $2 } $2 == "T" { print "T", f, $3 }'
done >"$tmp/syms"

# Edges, then the files each reaches (Warshall over a few dozen files).
result=$(awk '
	$1 == "T" { def[$3] = $2; next }
	{ use[NR] = $2 " " $3 }
	END {
		for (i in use) {
			split(use[i], u, " ")
			if ((u[2] in def) && def[u[2]] != u[1]) {
				e[u[1], def[u[2]]] = 1
				via[u[1], def[u[2]]] = u[2]
				n[u[1]] = 1; n[def[u[2]]] = 1
			}
		}
		for (k in n) for (i in n) if (e[i, k]) for (j in n)
			if (e[k, j]) e[i, j] = 1
		bad = 0
		for (i in n) for (j in n) if (i < j && e[i, j] && e[j, i]) {
			printf "%s and %s call each other%s%s\n", i, j,
			    via[i, j] != "" ? " (" i " calls " via[i, j] ")" : "",
			    via[j, i] != "" ? " (" j " calls " via[j, i] ")" : ""
			bad = 1
		}
		if (!bad)
			print "ok"
	}' "$tmp/syms")
rm -rf "$tmp"
if [ "$result" = ok ]; then
	echo "PASS ui-layers"
else
	echo "FAIL ui-layers: $(printf '%s\n' "$result" | head -3 | tr '\n' ';')"
fi
