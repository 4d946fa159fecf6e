#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-exports.sh OBJDUMP NM DLL DEF LIST OBJDIR: is ntdll.dll what
# ntdll.spec says?  Run by the Makefile after every link; any mismatch
# fails the build with one line per problem.
#   - the DLL exports exactly the names of ntdll.def (system-call stubs and
#     the spec's exports), none of them twice;
#   - an export the spec gives an ordinal has that ordinal;
#   - an export the spec says is implemented in FILE.c is defined by FILE.o
#     (a stub by stubs.o).
# LIST is genspec.awk out=list: "NAME FILE.o ORDINAL" per spec export.
set -u
objdump=$1 nm=$2 dll=$3 def=$4 list=$5 objdir=$6
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bad=0
problem() { echo "check-exports: $*" >&2; bad=1; }

# "ORDINAL NAME" per export of the DLL, from objdump's export tables
"$objdump" -p "$dll" | awk '
	/^Export Address Table -- Ordinal Base/ { base = $NF }
	/^\[Ordinal\/Name Pointer\] Table/ { names = 1; next }
	names && /^\t\[ *[0-9]+\] / {
		sub(/^\t\[ */, ""); idx = $1; sub(/\]$/, "", idx)
		print idx + base, $2; next
	}
	names { names = 0 }' | sort -k2 >"$t/dll"
[ -s "$t/dll" ] || problem "$dll: no export table found"

# the names ntdll.def exports
sed -n 's/^[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$def" | sort >"$t/def"
for d in $(uniq -d "$t/def"); do
	problem "$d is exported twice (ntdll.spec and syscalls/nt.tbl both name it?)"
done
awk '{ print $2 }' "$t/dll" | sort >"$t/dllnames"
for x in $(comm -23 "$t/def" "$t/dllnames"); do problem "$x: in ntdll.def, not exported by the DLL"; done
for x in $(comm -13 "$t/def" "$t/dllnames"); do problem "$x: exported by the DLL, not in ntdll.def"; done

while read -r name obj ord; do
	if [ "$ord" != - ]; then
		have=$(awk -v n="$name" '$2 == n { print $1 }' "$t/dll")
		[ "$have" = "$ord" ] || problem "$name: ordinal ${have:-none}, ntdll.spec says @$ord"
	fi
	[ -f "$t/$obj.syms" ] || "$nm" -g --defined-only "$objdir/$obj" 2>/dev/null |
		awk '{ print $NF }' >"$t/$obj.syms"
	grep -qxF "$name" "$t/$obj.syms" ||
		problem "$name: ntdll.spec says ${obj%.o}.c, but $obj does not define it"
done <"$list"

exit $bad
