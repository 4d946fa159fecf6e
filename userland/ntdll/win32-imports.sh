#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# win32-imports.sh [-c SPEC_NAMES]: the ntdll.dll exports that Wine's Win32
# DLLs (Debian's wine64 package: kernelbase, kernel32, msvcrt, ucrtbase,
# advapi32, sechost, ws2_32) need, one name a line, sorted: what their import
# tables take from ntdll.dll, and what kernel32 and kernelbase forward to
# NTDLL.* in their export tables.  Read with x86_64-w64-mingw32-objdump -p.
#
#   win32-imports.sh             print the names
#   win32-imports.sh -c FILE     FILE lists the names our ntdll.dll exports,
#                                one a line: print "missing: NAME" for each
#                                needed name not in FILE and fail if any is
#
# WINE_PE_DIR overrides the directory of the DLLs, OBJDUMP the objdump.
# Without the DLLs it fails and says to run make deps (which installs wine64).
set -u
dir=${WINE_PE_DIR:-/usr/lib/x86_64-linux-gnu/wine/x86_64-windows}
objdump=${OBJDUMP:-x86_64-w64-mingw32-objdump}
dlls="kernelbase kernel32 msvcrt ucrtbase advapi32 sechost ws2_32"

for d in $dlls; do
	if [ ! -f "$dir/$d.dll" ]; then
		echo "win32-imports: $dir/$d.dll not found: Wine's PE DLLs are not installed;" \
			"run 'make deps' (package wine64)" >&2
		exit 1
	fi
done

names() {
	for d in $dlls; do
		"$objdump" -p "$dir/$d.dll" >"$t/$d.txt" || {
			echo "win32-imports: $objdump -p $dir/$d.dll failed" >&2
			return 1
		}
		# imports: "DLL Name: ntdll.dll", then "\tVMA\t HINT  NAME" lines; an
		# import by ordinal (no name) is an error: we could not check it
		awk -v d="$d" '/DLL Name:/ { dll = tolower($3); next }
		     dll != "ntdll.dll" || !/^\t[0-9a-f]+\t/ { next }
		     NF == 3 && $3 ~ /^[A-Za-z_][A-Za-z0-9_]*$/ { print $3; next }
		     { print "win32-imports: " d ".dll imports from ntdll.dll by ordinal: " $0 > "/dev/stderr"
		       exit 1 }' "$t/$d.txt" || return 1
		# forwarders: "Forwarder RVA -- NTDLL.Name" (kernel32's, kernelbase's
		# and msvcrt's); one by ordinal (NTDLL.#N) is an error too
		awk '/Forwarder RVA --/ {
			f = $NF; i = index(f, ".")
			if (tolower(substr(f, 1, i - 1)) != "ntdll") next
			f = substr(f, i + 1)
			if (f !~ /^[A-Za-z_][A-Za-z0-9_]*$/) {
				print "win32-imports: forwarder to ntdll.dll by ordinal: " $0 > "/dev/stderr"
				exit 1
			}
			print f }' "$t/$d.txt" || return 1
	done
}

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
names >"$t/all" || exit 1
sort -u "$t/all" >"$t/needed"
[ -s "$t/needed" ] || { echo "win32-imports: no ntdll imports found in $dir" >&2; exit 1; }

if [ $# -eq 0 ]; then
	cat "$t/needed"
	exit 0
fi
if [ $# -ne 2 ] || [ "$1" != -c ]; then
	echo "usage: win32-imports.sh [-c EXPORTED_NAMES]" >&2
	exit 2
fi
sort -u "$2" >"$t/have"
comm -23 "$t/needed" "$t/have" >"$t/missing"
if [ -s "$t/missing" ]; then
	sed 's/^/win32-imports: ntdll.dll lacks /' "$t/missing" >&2
	echo "win32-imports: $(wc -l <"$t/missing") of $(wc -l <"$t/needed") names that Wine's" \
		"DLLs import from ntdll.dll are missing (add them to ntdll.spec)" >&2
	exit 1
fi
exit 0
