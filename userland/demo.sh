#!/bin/sh
# The `make run` demo, run inside the guest by scripts/vm.
set -e
echo "== kernel $(uname -r)"
echo "== module: $(grep '^ntpersona ' /proc/modules)"
echo "== control device: $(ls -l /dev/ntpersona)"
echo "== ntpersona version"
ntpersona version
echo "== binfmt_misc: $(cat /proc/sys/fs/binfmt_misc/ntpersona 2>/dev/null | head -1)"
echo "== ./hello.exe (a Windows x64 console program, run by path)"
cd /usr/lib/ntpersona/pe
./hello.exe
echo "== its exit status: $?"
