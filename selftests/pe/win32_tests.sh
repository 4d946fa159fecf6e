# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run_pe_tests.sh (its helpers and variables: pe, expect, ok,
# not_ok, skip, diag, $t, $dir): ordinary Win32 programs, built the ordinary
# way, over Wine's kernel32, kernelbase, msvcrt and ucrtbase and our
# ntdll.dll, their output compared byte for byte with what Windows prints.
#
#   win32_route ROUTE   the programs through one route (direct, binfmt,
#                       kernel)
#   WIN32_TESTS         the names to report as skipped for a route that is
#                       not available

WIN32_TESTS="crt-msvcrt crt-stderr crt-ucrt crt-stdin exit-return exit-exit exit-_exit
	exit-process exit-abort files resources"

# crt_args: the arguments of the C runtime test, as Linux passes them
# (spaces, quotes, backslashes, an empty one); the expected files list them
# as the runtime splits the command line the shim built from them
win32_crt_run() {
	export NTPT_VAR=hello
	pe "$1" "$2" 'a b' '"q"' 'back\slash' 'tail\' '' 'x"y' </dev/null
	unset NTPT_VAR
}

win32_route() {
	r="$1: win32:"
	win32_crt_run "$1" win32_crt
	expect "$r msvcrt: printf family, environment, heap, qsort, strtod, time, argv, text mode, atexit" \
		0 "$dir/win32_crt.expected"
	printf 'to stderr\r\n' >"$t/want"
	if cmp -s "$t/want" "$t/err"; then
		ok "$r msvcrt: stderr unbuffered in text mode, nothing else on it"
	else
		not_ok "$r msvcrt: stderr unbuffered in text mode, nothing else on it"
		diag "$t/err"
	fi
	win32_crt_run "$1" win32_ucrt
	expect "$r ucrtbase through the api-ms-win-crt API sets: the same, two exponent digits" \
		0 "$dir/win32_ucrt.expected"

	printf 'one\r\ntwo\nlast-no-newline' >"$t/in"
	printf '1: 4 [one]\r\n2: 4 [two]\r\n3: 15 [last-no-newline]\r\neof after 3 lines\r\n' \
		>"$t/want"
	pipe_from=$t/in
	pe "$1" win32_crt -stdin
	expect "$r stdin from a pipe in text mode: CR LF read as LF, a last line without one" \
		0 "$t/want"

	printf 'atexit handler\r\n' >"$t/want"
	pe "$1" win32_exit return 5 </dev/null
	expect "$r main returns 5: status 5, atexit handlers ran" 5 "$t/want"
	pe "$1" win32_exit exit 300 </dev/null
	expect "$r exit(300): status 44 (the low 8 bits), atexit handlers ran" 44 "$t/want"
	: >"$t/want"
	pe "$1" win32_exit _exit 4 </dev/null
	expect "$r _exit(4): status 4, no atexit handler" 4 "$t/want"
	pe "$1" win32_exit process 0xC0000005 </dev/null
	expect "$r ExitProcess(0xC0000005): status 5 (the low 8 bits)" 5 "$t/want"
	pe "$1" win32_exit abort </dev/null
	expect "$r abort(): status 3" 3 "$t/want"

	# files and directories, in a new directory of the work directory
	rm -rf "$t/w32f"
	w32_old=$(pwd)
	cd "$t" || return
	pe "$1" win32_files w32f </dev/null
	cd "$w32_old" || return
	expect "$r files: stdio, FindFirstFile masks, _findfirst, attributes, rename, remove, directories" \
		0 "$dir/win32_files.expected"

	pe "$1" win32_res </dev/null
	expect "$r resources: own (named, numbered, languages, types, strings), a DLL's version, messages" \
		0 "$dir/win32_res.expected"
}
