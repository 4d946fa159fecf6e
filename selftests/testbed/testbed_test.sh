#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host-side TAP test of scripts/vm itself: exit statuses are relayed, added
# files are runnable, and a kernel warning or a hung guest fails the run.
# Usage: testbed_test.sh KVER EXTRA_DIR (where exit3 was built)
set -u
kver=$1 extra=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
vm=$top/scripts/vm
n=0 fails=0

check() {	# check NAME EXPECTED_STATUS ACTUAL_STATUS [OUTPUT_MUST_MATCH OUTPUT]
	local name=$1 want=$2 got=$3
	n=$((n + 1))
	if [ "$got" != "$want" ]; then
		echo "not ok $n $name # exit status $got, want $want"
		fails=$((fails + 1))
	elif [ $# -ge 5 ] && ! grep -q -- "$4" <<<"$5"; then
		echo "not ok $n $name # output lacks '$4'"
		fails=$((fails + 1))
	else
		echo "ok $n $name"
	fi
}

# kept_logs STDERR: the directory scripts/vm kept a failed run's logs in
kept_logs() { sed -n 's/^vm: serial logs kept in //p' <<<"$1"; }

echo "TAP version 13"
echo "1..7"
out=$("$vm" --kver "$kver" -- sh -c 'echo relayed; exit 3' 2>/dev/null); rc=$?
check "vm_relays_exit_status_3_and_output" 3 $rc relayed "$out"

out=$("$vm" --kver "$kver" -- true 2>/dev/null); rc=$?
check "vm_relays_exit_status_0" 0 $rc

out=$("$vm" --kver "$kver" --add "$extra/exit3:/mybin" -- /mybin a b 2>/dev/null); rc=$?
check "vm_add_runs_foreign_static_binary" 3 $rc "hello with 2 args" "$out"

err=$("$vm" --kver "$kver" -- insmod /lib/modules/ntos_warn_test.ko 2>&1 >/dev/null); rc=$?
check "vm_fails_on_kernel_warning" 125 $rc "deliberate warning" "$err"
logs=$(kept_logs "$err")
[ -n "$logs" ] && rm -rf "$logs"

err=$("$vm" --kver "$kver" --timeout 60 -- sleep 1000 2>&1 >/dev/null); rc=$?
check "vm_ends_hung_guest_with_124" 124 $rc "vm: serial logs kept in " "$err"

# the hung guest dumped where its tasks were before it was ended, into the kept logs
logs=$(kept_logs "$err")
dump=$(grep -h -e 'sysrq: Show Blocked State' -e 'NMI backtrace for cpu' -e 'task:sleep ' \
	"$logs/console.log" 2>/dev/null | sed 's/^\[[ 0-9.]*\] //' | sort -u)
check "vm_hung_guest_dumps_its_tasks" 3 "$(wc -l <<<"$dump")"
[ -n "$logs" ] && rm -rf "$logs"
# hung with interrupts off: only the host can ask where the CPU is
err=$("$vm" --kver "$kver" --timeout 60 -- insmod /lib/modules/ntos_warn_test.ko spin=1 2>&1 >/dev/null); rc=$?
check "vm_hard_hung_guest_says_where_its_cpus_are" 124 $rc "RIP: 0010:ntos_warn_test_spin" "$err"
logs=$(kept_logs "$err")
[ -n "$logs" ] && rm -rf "$logs"
echo "# testbed: $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
