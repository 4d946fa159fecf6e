#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-exports.sh OBJDUMP NM DLL DEF LIST OBJDIR SRC.c...: is ntdll.dll
# what ntdll.spec says?  Run by the Makefile after every link, with the
# sources linked into it; any mismatch fails the build with one line per
# problem.
#   - the DLL exports exactly the names of ntdll.def (system-call stubs and
#     the spec's exports), none of them twice;
#   - an export the spec gives an ordinal has that ordinal;
#   - an export the spec says is implemented in FILE.c is defined by FILE.o,
#     one of the objects linked (a stub by stubs.o);
#   - every other global symbol of those objects starts with ntdll_ (the
#     prefix of internal names, docs/ntdll.md);
#   - the counts of the exports report hold for the DLL: as many exports
#     defined by stubs.o as the spec has stubs, by ntstubs.o (the system
#     calls) as the DLL has exports besides the spec's.
# LIST is genspec.awk out=list: "NAME FILE.o ORDINAL" per spec export.
set -u
objdump=$1 nm=$2 dll=$3 def=$4 list=$5 objdir=$6
shift 6
objs="stubs.o ntstubs.o"
for src in "$@"; do objs="$objs ${src%.c}.o"; done
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
for x in $(comm -23 "$t/def" "$t/dllnames"); do
	problem "$x: in ntdll.def, not exported by the DLL"
done
for x in $(comm -13 "$t/def" "$t/dllnames"); do
	problem "$x: exported by the DLL, not in ntdll.def"
done

# the global symbols each object defines
for obj in $objs; do
	"$nm" -g --defined-only "$objdir/$obj" | awk 'NF >= 2 { print $NF }' | sort >"$t/$obj.syms" ||
		problem "$obj: cannot read its symbols"
done

while read -r name obj ord; do
	if [ "$ord" != - ]; then
		have=$(awk -v n="$name" '$2 == n { print $1 }' "$t/dll")
		[ "$have" = "$ord" ] || problem "$name: ordinal ${have:-none}, ntdll.spec says @$ord"
	fi
	if [ ! -f "$t/$obj.syms" ]; then
		problem "$name: ntdll.spec says ${obj%.o}.c, which is not linked into ntdll.dll"
	elif ! grep -qxF "$name" "$t/$obj.syms"; then
		problem "$name: ntdll.spec says ${obj%.o}.c, but $obj does not define it"
	fi
done <"$list"

# internal names: what is not an export is ntdll_* (.refptr.* and the like are the compiler's)
for obj in $objs; do
	for sym in $(grep -v '^\.' "$t/$obj.syms" | comm -23 - "$t/def" | grep -v '^ntdll_'); do
		problem "$sym (${obj%.o}.c): not an export, and not named ntdll_*"
	done
done

# the report's counts, from what defines each export of the DLL
spec_all=$(wc -l <"$list")
spec_stubs=$(awk '$2 == "stubs.o"' "$list" | wc -l)
dll_all=$(wc -l <"$t/dllnames")
dll_stubs=$(comm -12 "$t/dllnames" "$t/stubs.o.syms" | wc -l)
dll_syscalls=$(comm -12 "$t/dllnames" "$t/ntstubs.o.syms" | wc -l)
[ "$dll_stubs" -eq "$spec_stubs" ] ||
	problem "the DLL exports $dll_stubs stubs, ntdll.spec has $spec_stubs"
[ $((dll_all - dll_syscalls)) -eq "$spec_all" ] ||
	problem "the DLL exports $((dll_all - dll_syscalls)) functions besides the system calls," \
		"ntdll.spec lists $spec_all"

exit $bad
