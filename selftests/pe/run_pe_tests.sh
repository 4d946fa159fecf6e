#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (scripts/vm): the PE exec tests, TAP on stdout.
#
#   scripts/vm [--add BINFMT_MISC.KO:/lib/modules/binfmt_misc.ko] -- \
#	/usr/lib/ntpersona/pe/run_pe_tests.sh
#
# Every program is run three ways: "direct" (ntpersona-run PROG.exe ARGS),
# "binfmt" (PROG.exe ARGS, through the binfmt_misc rule of
# userland/binfmt.d/ntpersona.conf) and "kernel" (PROG.exe ARGS, through the
# module's own binfmt handler: parameter claim=all, the binfmt_misc rule
# disabled meanwhile).  binfmt_misc is a module on Debian's
# kernels and is not in the guest unless added; without it the binfmt tests
# are reported "# SKIP binfmt_misc not available".  Then: malformed images
# (the corpus made by mkcorpus) must fail cleanly, and a PE file must not
# run when no rule takes it.  Exit status 1 if any test failed.
#
# Programs that import ntdll.dll (userland/ntdll: loader, TLS, DllMain,
# heap, the exports of ntdll.spec) run through every route too; their
# tests are in ntdll_tests.sh, which this script sources.  So do ordinary
# Win32 programs over Wine's DLLs (win32_tests.sh).
#
# On the build host (make -C selftests/pe check-host): NTPT_HOST=1 and
# NTPERSONA_RUN=pe-hostrun (the module played in user space) run the direct
# route only: binfmt_misc is left alone and the corpus is skipped.  With
# NTPT_NTDLL_ONLY=1 and NTPERSONA_RUN=ntdll-hostrun (make check-host-ntdll)
# only the ntdll tests run.
dir=$(cd "$(dirname "$0")" && pwd)
run=${NTPERSONA_RUN:-$(cd "$dir/.." && pwd)/ntpersona-run}
bm=/proc/sys/fs/binfmt_misc
t=$(mktemp -d /tmp/pe.XXXXXX)
n=0
failed=0
TO=30		# seconds any one program may take
host=${NTPT_HOST:-0}

ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $*"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
# diag FILE: a file's first lines as TAP comments
diag() { head -n 8 "$1" | sed 's/^/#   /'; }

# pe ROUTE PROG [ARG]...: run $t/PROG.exe; stdout in $t/out, stderr in $t/err,
# status in $rc.  Stdin is the caller's, or a pipe from the file $pipe_from.
pipe_from=
pe() {
	pe_route=$1 pe_prog=$t/$2.exe
	shift 2
	[ "$pe_route" = direct ] && set -- "$run" "$pe_prog" "$@" || set -- "$pe_prog" "$@"
	if [ -n "$pipe_from" ]; then
		cat "$pipe_from" | timeout $TO "$@" >"$t/out" 2>"$t/err"
	else
		timeout $TO "$@" >"$t/out" 2>"$t/err"
	fi
	rc=$?
	pipe_from=
}

# expect NAME STATUS [EXPECTED-STDOUT-FILE]: judge the last pe run
expect() {
	if [ "$rc" -ne "$2" ]; then
		not_ok "$1 # status $rc, expected $2"
		diag "$t/err"
		return
	fi
	if [ -n "$3" ] && ! cmp -s "$3" "$t/out"; then
		not_ok "$1 # wrong output"
		echo "#   expected:"
		diag "$3"
		echo "#   got:"
		diag "$t/out"
		diag "$t/err"
		return
	fi
	ok "$1"
}

# expect_clean_failure NAME: a non-zero status that is not a signal, the
# shim's message for a bad image when it is 126, and nothing on stdout
expect_clean_failure() {
	if [ "$rc" -eq 0 ] || [ "$rc" -ge 128 ]; then
		not_ok "$1 # status $rc, expected a clean failure (1..127)"
		diag "$t/out"
		diag "$t/err"
	elif [ -s "$t/out" ]; then
		not_ok "$1 # status $rc but the image ran: it wrote on stdout"
		diag "$t/out"
	elif [ "$rc" -ne 126 ]; then
		ok "$1 # status $rc (not 126)"
		diag "$t/err"
	else
		ok "$1"
	fi
}

for p in "$dir"/*.exe "$dir"/*.dll; do
	[ -e "$p" ] && cp "$p" "$t/" && chmod 0755 "$t/$(basename "$p")"
done
printf 'MZ this is a text file, not a program\n' >"$t/textmz.exe"
head -c 1000 "$dir/hello.exe" >"$t/trunc.exe"
chmod 0755 "$t/textmz.exe" "$t/trunc.exe"
seq 1 40000 >"$t/big"			# 208893 bytes
echo "# pe programs from $dir, shim $run, work dir $t"
[ -e /dev/ntpersona ] || echo "# /dev/ntpersona is missing: is the module loaded?"

# ---- programs that import ntdll.dll: ntdll_route ROUTE, bad_imports ----

. "$dir/ntdll_tests.sh"
. "$dir/win32_tests.sh"

if [ "${NTPT_NTDLL_ONLY:-0}" = 1 ]; then
	ntdll_route direct
	bad_imports
	rm -rf "$t"
	echo "1..$n"
	echo "# $failed failed"
	[ $failed -eq 0 ]
	exit
fi

# ---- no rule: the kernel refuses a PE file (ENOEXEC) ----

# the sh that "sh -c" below runs: busybox's, or another (dash, bash)
if sh --help 2>&1 | grep -q BusyBox; then
	sh_kind=busybox
else
	sh_kind=$(basename "$(readlink -f "$(command -v sh)")")
fi

# unregistered TITLE: exec of a PE file that no binfmt_misc rule takes
unregistered() {
	"$dir/execve-probe" "$t/hello.exe" >"$t/out" 2>"$t/err"
	rc=$?
	if [ $rc -eq 8 ] && grep -q 'Exec format error' "$t/err" && [ ! -s "$t/out" ]; then
		ok "$1: execve fails with ENOEXEC"
	else
		not_ok "$1: execve fails with ENOEXEC # status $rc"
		diag "$t/out"
		diag "$t/err"
	fi
	# What a shell does with it.  busybox sh, on ENOEXEC, runs the file as a
	# shell script (POSIX): line 1 ("MZ...") is not found, then the binary
	# is a syntax error (status 2) or another command not found (127).
	# dash and bash say "Exec format error" / "cannot execute binary file"
	# with status 126.
	(cd "$t" && timeout $TO sh -c ./hello.exe) </dev/null >"$t/out" 2>"$t/err"
	rc=$?
	if grep -aq 'Hello from ntpersona' "$t/out"; then
		not_ok "$1: $sh_kind does not run it as NT # it printed the hello line"
	elif [ "$sh_kind" = busybox ]; then
		if [ $rc -ne 0 ] && [ $rc -lt 128 ] &&
		   LC_ALL=C grep -aq '^\./hello\.exe: line 1: MZ.*not found' "$t/err"; then
			ok "$1: busybox sh runs it as a script, which fails (status $rc)"
		else
			not_ok "$1: busybox sh runs it as a script, which fails # status $rc"
			diag "$t/err"
		fi
	elif [ $rc -eq 126 ] && grep -Eaq 'Exec format error|cannot execute binary file' "$t/err"; then
		ok "$1: $sh_kind says Exec format error (status 126)"
	else
		not_ok "$1: $sh_kind says Exec format error # status $rc"
		diag "$t/err"
	fi
}
unregistered "no binfmt rule"

# ---- binfmt_misc ----

binfmt=0
mounted=0
if [ "$host" = 1 ]; then
	:	# never touch the host's binfmt_misc
elif [ ! -e $bm/register ]; then
	if ! mount -t binfmt_misc binfmt_misc $bm 2>/dev/null; then
		for m in /lib/modules/binfmt_misc.ko /lib/modules/binfmt_misc.ko.xz \
			 "/lib/modules/$(uname -r)/kernel/fs/binfmt_misc.ko" \
			 "/lib/modules/$(uname -r)/kernel/fs/binfmt_misc.ko.xz"; do
			[ -e "$m" ] && insmod "$m" 2>/dev/null && break
		done
		mount -t binfmt_misc binfmt_misc $bm 2>/dev/null && mounted=1
	else
		mounted=1
	fi
fi
rule=$(grep '^:' "$dir/ntpersona.conf" 2>/dev/null)
[ -n "$rule" ] || rule=':ntpersona:M::MZ::/usr/lib/ntpersona/ntpersona-run:'
if [ "$host" != 1 ] && [ -e $bm/register ]; then
	[ -e $bm/ntpersona ] && echo -1 >$bm/ntpersona
	if echo "$rule" >$bm/register 2>"$t/err"; then
		binfmt=1
		if grep -qx enabled $bm/ntpersona &&
		   grep -qx 'interpreter /usr/lib/ntpersona/ntpersona-run' $bm/ntpersona &&
		   grep -qx 'magic 4d5a' $bm/ntpersona; then
			ok "binfmt: the rule of ntpersona.conf is registered"
		else
			not_ok "binfmt: the rule of ntpersona.conf is registered"
			diag $bm/ntpersona
		fi
	else
		not_ok "binfmt: register the rule '$rule'"
		diag "$t/err"
	fi
else
	echo "# binfmt_misc not available: only the direct route is tested"
fi

# ---- the module's binfmt handler: parameter claim ----

claim=/sys/module/ntpersona/parameters/claim
kernel=0
if [ "$host" != 1 ] && [ -e $claim ]; then
	kernel=1
	if [ "$(cat $claim)" = none ]; then
		ok "kernel: claim is 'none' by default"
	else
		not_ok "kernel: claim is 'none' by default # $(cat $claim)"
	fi
	if echo bogus >$claim 2>/dev/null; then
		not_ok "kernel: claim=bogus is refused"
	else
		ok "kernel: claim=bogus is refused"
	fi
fi

# ---- every route ----

for route in direct binfmt kernel; do
	if { [ $route = binfmt ] && [ $binfmt = 0 ]; } || { [ $route = kernel ] && [ $kernel = 0 ]; }; then
		for name in hello hello-stderr exitcode-3 exitcode-300 exitcode-0 exitcode-ntstatus \
			    args args-argv0 args-utf8 env env-utf8 env-empty cat-pipe cat-big-pipe \
			    cat-file cat-empty time kuser teb vmem nls malformed-text malformed-truncated; do
			skip "$route: $name" "not available here"
		done
		continue
	fi
	if [ $route = kernel ]; then
		[ $binfmt = 1 ] && echo 0 >$bm/ntpersona
		echo all >$claim
	fi
	r="$route:"

	printf 'Hello from ntpersona\n' >"$t/want"
	pe $route hello </dev/null
	expect "$r hello prints its line and exits 0" 0 "$t/want"

	pe $route hello err </dev/null
	mv "$t/err" "$t/err.hello"
	if [ $rc -eq 0 ] && [ ! -s "$t/out" ] && cmp -s "$t/want" "$t/err.hello"; then
		ok "$r hello err writes on StandardError"
	else
		not_ok "$r hello err writes on StandardError # status $rc"
		diag "$t/out"
		diag "$t/err.hello"
	fi

	pe $route exitcode 3 </dev/null
	expect "$r NtTerminateProcess(3): status 3" 3
	pe $route exitcode 300 </dev/null
	expect "$r NtTerminateProcess(300): status 44 (low 8 bits)" 44
	pe $route exitcode 0 </dev/null
	expect "$r NtTerminateProcess(0): status 0" 0
	pe $route exitcode 0xC0000005 </dev/null
	expect "$r NtTerminateProcess(STATUS_ACCESS_VIOLATION): status 5" 5

	# Windows quoting of argv by the kernel, split back by the MS C rules
	set -- 'a b' 'c"d' 'e\' 'f\\"g' '' 'h\\' '  lead' 'tab	x' '"' '\\' 'x""y' '\"' plain
	printf '%s\n' "$@" >"$t/want"
	pe $route args "$@" </dev/null
	tail -n +2 "$t/out" >"$t/out.args"
	head -n 1 "$t/out" >"$t/argv0"
	mv "$t/out.args" "$t/out"
	expect "$r args: spaces, quotes, backslashes, empty argument survive" 0 "$t/want"
	if grep -q 'args\.exe"*$' "$t/argv0"; then
		ok "$r args: argv[0] is the program ($(cat "$t/argv0"))"
	else
		not_ok "$r args: argv[0] is the program # got '$(cat "$t/argv0")'"
	fi
	set -- 'é' 'Ω€' '𝄞 x'
	printf '%s\n' "$@" >"$t/want"
	pe $route args "$@" </dev/null
	tail -n +2 "$t/out" >"$t/out.args"
	mv "$t/out.args" "$t/out"
	expect "$r args: UTF-8 arguments (2, 3 and 4 bytes)" 0 "$t/want"
	set --

	NTPT_VAR="value for $route" pe $route env </dev/null
	if [ $rc -eq 0 ] && grep -qx "NTPT_VAR=value for $route" "$t/out"; then
		ok "$r env: a variable set for the run is in the environment block"
	else
		not_ok "$r env: a variable set for the run is in the environment block # status $rc"
		diag "$t/out"
		diag "$t/err"
	fi
	NTPT_UTF8='é€𝄞' pe $route env </dev/null
	if [ $rc -eq 0 ] && grep -qx 'NTPT_UTF8=é€𝄞' "$t/out"; then
		ok "$r env: UTF-8 value"
	else
		not_ok "$r env: UTF-8 value # status $rc"
		grep NTPT "$t/out" | diag /dev/stdin
		diag "$t/err"
	fi
	if [ $route = direct ]; then
		timeout $TO env -i "$run" "$t/env.exe" </dev/null >"$t/out" 2>"$t/err"
	else
		timeout $TO env -i "$t/env.exe" </dev/null >"$t/out" 2>"$t/err"
	fi
	rc=$?
	: >"$t/want"
	expect "$r env: an empty environment is an empty block" 0 "$t/want"

	printf 'one\ntwo\n' >"$t/want"
	pipe_from=$t/want
	pe $route cat
	expect "$r cat: stdin from a pipe to stdout" 0 "$t/want"
	pipe_from=$t/big
	pe $route cat
	expect "$r cat: 200 KiB through a pipe" 0 "$t/big"
	pe $route cat <"$t/big"
	expect "$r cat: stdin from a file (STATUS_END_OF_FILE)" 0 "$t/big"
	: >"$t/want"
	pe $route cat </dev/null
	expect "$r cat: empty stdin" 0 "$t/want"

	pe $route time "$(date +%s)" </dev/null
	expect "$r time: NtQuerySystemTime within 60 s of the Linux clock, sane QPC" 0
	diag "$t/out"

	echo "teb ok" >"$t/want"
	pe $route teb "$(nproc)" </dev/null
	expect "$r teb: TEB (stack, ClientId, locale, StaticUnicodeString) and PEB version fields" 0 \
		"$t/want"

	echo "kuser ok" >"$t/want"
	pe $route kuser "$(awk '{ print int($1 * 1000) }' /proc/uptime)" "$(date +%s)" \
		"$(grep -c ^processor /proc/cpuinfo)" </dev/null
	expect "$r kuser: KUSER_SHARED_DATA's times, version, CPUs, QPC and page as Linux sees them" 0 \
		"$t/want"

	echo "vmem ok" >"$t/want"
	pe $route vmem </dev/null
	expect "$r vmem: image and stack queried, 1 MiB allocated, protected, decommitted, freed" 0 \
		"$t/want"

	nls_name="$r nls: PEB's Ansi/OemCodePageData, UnicodeCaseTableData: views of c_1252, c_437, l_intl"
	if [ "$host" = 1 ] || [ ! -e /usr/share/wine/nls/c_1252.nls ]; then
		skip "$nls_name" "no NLS tables served here"
	else
		echo "nls ok" >"$t/want"
		pe $route nls </dev/null
		expect "$nls_name" 0 "$t/want"
	fi

	pe $route textmz </dev/null
	expect_clean_failure "$r a text file that starts with MZ fails cleanly"
	if [ $rc -eq 126 ] && ! grep -q 'not a valid Windows x64 program' "$t/err"; then
		not_ok "$r the shim says 'not a valid Windows x64 program'"
		diag "$t/err"
	fi
	pe $route trunc </dev/null
	expect_clean_failure "$r a truncated hello.exe fails cleanly"

	if [ $route = binfmt ]; then
		(PATH=$t:$PATH; cd / && timeout $TO hello.exe) </dev/null >"$t/out" 2>"$t/err"
		rc=$?
		printf 'Hello from ntpersona\n' >"$t/want"
		expect "binfmt: found through PATH" 0 "$t/want"
	fi
	if [ $route = kernel ]; then
		echo none >$claim
		[ $binfmt = 1 ] && echo 1 >$bm/ntpersona
	fi
done

for route in direct binfmt kernel; do
	if { [ $route = binfmt ] && [ $binfmt = 0 ]; } || { [ $route = kernel ] && [ $kernel = 0 ]; }; then
		for name in $NTDLL_TESTS; do
			skip "$route: ntdll: $name" "not available here"
		done
		for name in $WIN32_TESTS; do
			skip "$route: win32: $name" "not available here"
		done
		continue
	fi
	if [ $route = kernel ]; then
		[ $binfmt = 1 ] && echo 0 >$bm/ntpersona
		echo all >$claim
	fi
	ntdll_route $route
	win32_route $route
	if [ $route = kernel ]; then
		echo none >$claim
		[ $binfmt = 1 ] && echo 1 >$bm/ntpersona
	fi
done
bad_imports

# ---- std handles on unusual descriptors (direct route) ----

timeout $TO "$run" "$t/hello.exe" >/dev/null 2>"$t/err" </dev/null
rc=$?
expect "direct: hello >/dev/null: status 0" 0
timeout $TO "$run" "$t/cat.exe" </dev/zero 2>"$t/err" | head -c 100000 >"$t/out"
head -c 100000 /dev/zero >"$t/want"
if cmp -s "$t/want" "$t/out"; then
	ok "direct: cat </dev/zero | head -c 100000"
else
	not_ok "direct: cat </dev/zero | head -c 100000 # got $(wc -c <"$t/out") bytes"
	diag "$t/err"
fi
# a closed stdout is no StandardOutput: NtWriteFile fails, hello says so
timeout $TO "$run" "$t/hello.exe" >&- 2>"$t/err" </dev/null
rc=$?
if [ $rc -eq 1 ] && grep -q 'hello: NtWriteFile: status' "$t/err"; then
	ok "direct: hello >&-: NtWriteFile fails cleanly ($(cat "$t/err"))"
else
	not_ok "direct: hello >&-: NtWriteFile fails cleanly # status $rc"
	diag "$t/err"
fi
# a stdout open for reading only: NtWriteFile fails (and no kernel warning)
timeout $TO "$run" "$t/hello.exe" 1<"$t/big" 2>"$t/err" </dev/null
rc=$?
if [ $rc -eq 1 ] && grep -q 'hello: NtWriteFile: status' "$t/err"; then
	ok "direct: hello 1<file: NtWriteFile fails cleanly ($(cat "$t/err"))"
else
	not_ok "direct: hello 1<file: NtWriteFile fails cleanly # status $rc"
	diag "$t/err"
fi

# ---- the image cache: a program rewritten after it ran is never served stale ----

cache_run() {	# cache_run NAME STATUS [WANT] -- ARGS: run $t/stale.exe ARGS directly
	cr_name=$1 cr_status=$2 cr_want=$3
	shift 4
	timeout $TO "$run" "$t/stale.exe" "$@" </dev/null >"$t/out" 2>"$t/err"
	rc=$?
	expect "$cr_name" "$cr_status" "$cr_want"
}
cp "$t/hello.exe" "$t/stale.exe"
printf 'Hello from ntpersona\n' >"$t/want"
cache_run "cache: a copy of hello runs (and its image is cached)" 0 "$t/want" --
cache_run "cache: it runs again, from the cache" 0 "$t/want" --
cat "$t/hello_patched.exe" >"$t/stale.exe"	# the same inode and size, other bytes
printf 'Hallo from ntpersona\n' >"$t/want"
cache_run "cache: rewritten in place with the same size, the new bytes run" 0 "$t/want" --
cat "$t/exitcode.exe" >"$t/stale.exe"
cache_run "cache: rewritten with another program, that program runs" 7 "" -- 7

# ---- the Win32 DLLs' directories: ProcessParameters->DllPath is the parameter dll_path ----

dll_path=/sys/module/ntpersona/parameters/dll_path
dll_path_run() {	# dll_path_run NAME VALUE WANT: DllPath with dll_path=VALUE
	echo "$2" >$dll_path
	printf '%s\n' "$3" >"$t/want"
	timeout $TO "$run" "$t/dllpath.exe" </dev/null >"$t/out" 2>"$t/err"
	rc=$?
	expect "$1" 0 "$t/want"
}
if [ "$host" = 1 ] || [ ! -w $dll_path ]; then
	skip "dll_path" "no module parameter here"
else
	dll_path_old=$(cat $dll_path)
	if [ "$dll_path_old" = /usr/lib/x86_64-linux-gnu/wine/x86_64-windows ]; then
		ok "dll_path: Wine's PE DLLs by default"
	else
		not_ok "dll_path: Wine's PE DLLs by default # $dll_path_old"
	fi
	dll_path_run "dll_path: the default as DllPath" "$dll_path_old" \
		'Z:\usr\lib\x86_64-linux-gnu\wine\x86_64-windows'
	dll_path_run "dll_path: two directories, ';'-separated DOS paths" /a/b:/c 'Z:\a\b;Z:\c'
	dll_path_run "dll_path: empty and relative entries are left out" 'rel::/d:' 'Z:\d'
	dll_path_run "dll_path: empty" '' ''
	echo "$dll_path_old" >$dll_path
fi

# ---- the shim's own errors ----

timeout $TO "$run" /nonexistent.exe </dev/null >"$t/out" 2>"$t/err"
rc=$?
expect "direct: a missing program: status 127" 127
timeout $TO "$run" </dev/null >"$t/out" 2>"$t/err"
rc=$?
expect "direct: no program: usage, status 2" 2
timeout $TO "$run" "$t" </dev/null >"$t/out" 2>"$t/err"
rc=$?
expect "direct: a directory: status 126" 126

# ---- malformed images (mkcorpus) ----

for f in "$dir"/corpus/*.exe; do
	[ "$host" = 1 ] && { skip "corpus" "on the host the module's loader is not there"; break; }
	[ -e "$f" ] || { not_ok "corpus: no images in $dir/corpus"; break; }
	timeout $TO "$run" "$f" </dev/null >"$t/out" 2>"$t/err"
	rc=$?
	expect_clean_failure "corpus: $(basename "$f" .exe)"
done

# ---- the rule disabled, then removed ----

if [ $binfmt = 1 ]; then
	echo 0 >$bm/ntpersona
	unregistered "binfmt rule disabled"
	echo -1 >$bm/ntpersona
	if [ -e $bm/ntpersona ]; then
		not_ok "binfmt: the rule is removed"
	else
		ok "binfmt: the rule is removed"
	fi
	unregistered "binfmt rule removed"
fi
[ $mounted = 1 ] && umount $bm 2>/dev/null

rm -rf "$t"
echo "1..$n"
echo "# $failed failed"
[ $failed -eq 0 ]
