#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the guest: every kselftest binary in turn, TAP on stdout.  A
# binary that dies without reporting a failure gets a "not ok" line of its own.
dir=$(dirname "$0")
status=0
for t in "$dir"/*_test; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	echo "# ==== $name"
	# streamed as it comes: a stalled test is the last "#  RUN" line
	{ "$t" 2>&1; echo $? >/tmp/tap.rc; } | tee /tmp/tap.out
	rc=$(cat /tmp/tap.rc)
	if [ $rc -ne 0 ]; then
		status=1
		grep -q '^not ok ' /tmp/tap.out ||
			echo "not ok 1 $name # exited with status $rc without a TAP failure"
	fi
done
exit $status
