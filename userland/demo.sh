#!/bin/sh
# The `make run` demo, run inside the guest by scripts/vm.
set -e
echo "== kernel $(uname -r)"
echo "== module: $(grep '^ntpersona ' /proc/modules)"
echo "== control device: $(ls -l /dev/ntpersona)"
echo "== ntpersona version"
ntpersona version
