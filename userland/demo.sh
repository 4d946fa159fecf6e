#!/bin/sh
# The `make run` demo, run inside the guest by scripts/vm.
set -e
echo "== kernel $(uname -r)"
echo "== module: $(grep '^ntpersona ' /proc/modules)"
echo "== control device: $(ls -l /dev/ntpersona)"
echo "== ntpersona version"
ntpersona version
echo "== binfmt_misc: $(cat /proc/sys/fs/binfmt_misc/ntpersona 2>/dev/null | head -1)"
echo "== ./hello.exe (a Windows x64 console program, run by path, through binfmt_misc)"
cd /usr/lib/ntpersona/pe
./hello.exe
echo "== its exit status: $?"
if [ -e win32_hello.exe ] && [ -e /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll ]; then
	echo "== ./win32_hello.exe (an ordinary mingw printf program: Wine's msvcrt, kernel32, kernelbase over our ntdll.dll)"
	rc=0
	./win32_hello.exe || rc=$?
	echo "== its exit status: $rc"
fi
p=/sys/module/ntpersona/parameters
if [ -e $p/claim ] && [ -e /usr/lib/ntpersona/system32/ntdll.dll ]; then
	echo "== the module's own binfmt handler: echo all > $p/claim (binfmt_misc rule off)"
	echo 0 >/proc/sys/fs/binfmt_misc/ntpersona 2>/dev/null || true
	echo all >$p/claim
	echo "== ./dlltest.exe (loads DLLs through our ntdll.dll: imports, DllMain, TLS, LdrLoadDll)"
	rc=0
	./dlltest.exe || rc=$?
	echo "== its exit status: $rc"
	echo none >$p/claim
	echo 1 >/proc/sys/fs/binfmt_misc/ntpersona 2>/dev/null || true
fi
