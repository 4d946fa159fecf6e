# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run_pe_tests.sh (its helpers and variables: pe, expect, ok,
# not_ok, skip, diag, $t, $run, $dir): the tests of our ntdll.dll
# (userland/ntdll), with programs that import it.
#
#   ntdll_route ROUTE   the ntdll programs through one route (direct,
#                       binfmt, kernel): start, relocation, TLS, Rtl strings,
#                       the exports of ntdll.spec and its stubs, heap, DLLs,
#                       failed imports and the line that says why.  Those
#                       that load DLLs from files are skipped while the
#                       kernel lacks the memory or file services (svcprobe.exe).
#   bad_imports         malformed import tables (mkimports) fail cleanly
#   NTDLL_TESTS         the names to report as skipped for a route that is
#                       not available

NTDLL_TESTS="hello relocated-exe tls rtl-strings code-pages crt debug-channels debug-env spec-exports heap
	missing-dll dll-load
	import-loop missing-export missing-ordinal errors time sync printf env-params paths dll-search-path"

# stderr_is NAME STATUS LINE: the last run ended with STATUS, said LINE on
# stderr and nothing on stdout (the process never reached its entry point)
stderr_is() {
	if [ "$rc" -eq "$2" ] && [ ! -s "$t/out" ] && grep -qxF "$3" "$t/err"; then
		ok "$1"
	else
		not_ok "$1 # status $rc, expected $2 and '$3'"
		diag "$t/out"
		diag "$t/err"
	fi
}

ntdll_route() {
	r="$1: ntdll:"
	pe "$1" svcprobe </dev/null
	services=$(cat "$t/out")
	dllsvc=0
	case "$services" in *memory=yes*files=yes*) dllsvc=1 ;; esac
	echo "# services for loading DLLs: ${services:-svcprobe failed (status $rc)}"

	printf 'Hello from ntpersona\n' >"$t/want"
	pe "$1" hello_ntdll </dev/null
	expect "$r hello with NtWriteFile imported from ntdll.dll" 0 "$t/want"
	pe "$1" reloc_exe </dev/null
	expect "$r an exe at ntdll's preferred base (one of the two relocated)" 0 "$t/want"
	printf 'tlstest: all checks passed\ntlstest: fls callback at exit\n%s\n' \
		'tlstest: callback: process detach' >"$t/want"
	pe "$1" tlstest </dev/null
	expect "$r TLS of the exe: callback with PROCESS_ATTACH, initial values, PROCESS_DETACH; FLS" \
		0 "$t/want"
	pe "$1" rtltest </dev/null
	expect "$r Rtl string functions" 0
	pe "$1" cptest </dev/null
	expect "$r code pages: ANSI 1252, OEM 437, UTF-8, case tables, locale.nls" 0
	pe "$1" errtest </dev/null
	expect "$r errors: NTSTATUS to Win32 error, last status and error; version, processor" 0
	pe "$1" timetest </dev/null
	expect "$r time: fields, epoch seconds, time zone, counters" 0
	pe "$1" synctest </dev/null
	expect "$r sync: critical sections, PEB lock, SRW, condvars, WaitOnAddress, run once, SLists" 0
	printf 'printftest: all checks passed\n' >"$t/want"
	pe "$1" printftest </dev/null
	expect "$r printf family: _vsnprintf, _vsnwprintf" 0 "$t/want"
	pe "$1" envtest </dev/null
	expect "$r environment blocks, %VAR% expansion, process parameters" 0
	pe "$1" pathtest </dev/null
	expect "$r DOS paths, NT names, current directory, DLL directories and search paths" 0
	# the C run-time exports and Wine's debug channels: default err and fixme on,
	# then NTPERSONA_DEBUG (WINEDEBUG's syntax) from the environment block
	printf 'heap 3 file 3\ncrttest: all checks passed\n' >"$t/want"
	pe "$1" crttest </dev/null
	expect "$r C run time: strings, characters, strtol family, __chkstk" 0 "$t/want"
	printf 'fixme:heap:alloc a line\nfixme:heap:part one two\nerr:file:open err line\n' >"$t/want"
	if cmp -s "$t/want" "$t/err"; then
		ok "$r debug channels: err and fixme by default, on StandardError"
	else
		not_ok "$r debug channels: err and fixme by default, on StandardError"
		diag "$t/err"
	fi
	export NTPERSONA_DEBUG=warn+heap,-file
	pe "$1" crttest </dev/null
	unset NTPERSONA_DEBUG
	printf 'heap 7 file 0\ncrttest: all checks passed\n' >"$t/want"
	printf 'fixme:heap:alloc a line\nfixme:heap:part one two\nwarn:heap:free warned\n' >"$t/want2"
	if [ $rc -eq 0 ] && cmp -s "$t/want" "$t/out" && cmp -s "$t/want2" "$t/err"; then
		ok "$r debug channels: NTPERSONA_DEBUG=warn+heap,-file"
	else
		not_ok "$r debug channels: NTPERSONA_DEBUG=warn+heap,-file # status $rc"
		diag "$t/out"
		diag "$t/err"
	fi
	# each stub stubtest called ("stub NAME" on stdout) said fixme once, in order
	pe "$1" stubtest </dev/null
	sed -n 's/^stub \(.*\)/ntdll: fixme: \1 is not implemented/p' "$t/out" >"$t/want"
	if [ $rc -eq 0 ] && grep -qx 'stubtest: all checks passed' "$t/out" &&
	   cmp -s "$t/want" "$t/err"; then
		ok "$r ntdll.spec: every export resolves; stubs fail as the spec says, fixme once"
		echo "#   $(grep '^ntdll.spec:' "$t/out")"
	else
		not_ok "$r ntdll.spec: every export resolves; stubs fail as the spec says # status $rc"
		diag "$t/out"
		diag "$t/err"
	fi
	pe "$1" heaptest </dev/null
	if [ $rc -eq 77 ]; then
		skip "$r heap: alloc, realloc, size, free, large blocks, a private heap" \
			"no NtAllocateVirtualMemory in this kernel"
	else
		expect "$r heap: alloc, realloc, size, free, large blocks, a private heap" 0
	fi
	pe "$1" missing_dll </dev/null
	stderr_is "$r a missing DLL: STATUS_DLL_NOT_FOUND (53) and why" 53 \
		"ntdll: cannot find ntt_nowhere.dll (imported by missing_dll.exe)"
	if [ $dllsvc = 0 ]; then
		for name in "DLLs: static import relocated, DllMain, LdrLoadDll, LdrGetProcedureAddress, TLS, unload" \
			    "an import loop between two DLLs" "a missing export" "a missing ordinal" \
			    "LdrLoadDll passes over missing and relative directories of its path"; do
			skip "$r $name" "the kernel lacks memory or file services ($services)"
		done
		return
	fi
	pe "$1" dlltest </dev/null
	expect "$r DLLs: static import relocated, DllMain, LdrLoadDll, LdrGetProcedureAddress, TLS, unload" 0
	pe "$1" looptest </dev/null
	expect "$r an import loop between two DLLs" 0
	pe "$1" pathtest dll </dev/null
	expect "$r LdrLoadDll passes over missing and relative directories of its path" 0
	pe "$1" missing_export </dev/null
	stderr_is "$r a missing export: STATUS_ENTRYPOINT_NOT_FOUND (57) and why" 57 \
		"ntdll: cannot find ntt_missing in ntt_dll.dll (imported by missing_export.exe)"
	pe "$1" missing_ordinal </dev/null
	stderr_is "$r a missing ordinal: STATUS_ORDINAL_NOT_FOUND (56) and why" 56 \
		"ntdll: cannot find ordinal 99 in ntt_dll.dll (imported by missing_ordinal.exe)"
}

# malformed import tables (mkimports): refused by the kernel or by ntdll,
# never a hang or a crash, and the program never runs
bad_imports() {
	for f in "$dir"/badimports/*.exe; do
		[ -e "$f" ] || { not_ok "bad imports: no images in $dir/badimports"; break; }
		timeout $TO "$run" "$f" </dev/null >"$t/out" 2>"$t/err"
		rc=$?
		expect_clean_failure "bad imports: $(basename "$f" .exe)"
	done
}
