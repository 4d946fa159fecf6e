#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (make fuzz): the long fuzz stages one after another,
# each timed, all of them even if one fails.
#
#   run_fuzz.sh [SEED]
#
# SEED (optional) seeds every stage; without it each stage takes one from
# the clock and prints it.  NTFUZZ_CALLS (1000000), PEFUZZ_N (10000) and
# KILLS (10000) size the stages.  The live-object count must be the same at
# the end as at the start (the kill storm unloads and reloads the module,
# so both are the count of a freshly loaded module).  Exit status 1 if a
# stage failed.
dir=/usr/lib/ntpersona
seed=${1:-}
status=0
live() { cat /sys/kernel/debug/ntpersona/live_objects 2>/dev/null; }

stage() {
	name=$1
	shift
	echo "# ==== fuzz stage $name: $*"
	t0=$(date +%s)
	"$@"
	rc=$?
	echo "# ==== fuzz stage $name: exit status $rc after $(($(date +%s) - t0)) s"
	[ $rc -eq 0 ] || status=1
}

start=$(live)
t=$(date +%s)
echo "# fuzz: $(uname -r), $(nproc) CPUs, live objects at the start: $start, seed ${seed:-from the clock}"
stage ntfuzz $dir/fuzz/ntfuzz --calls "${NTFUZZ_CALLS:-1000000}" ${seed:+--seed "$seed"}
stage pefuzz env PEFUZZ_N="${PEFUZZ_N:-10000}" ${seed:+PEFUZZ_SEED="$seed"} \
	$dir/selftests/pefuzz_test
stage sync_stress $dir/selftests/sync_stress_test
stage killstorm $dir/fuzz/killstorm --kills "${KILLS:-10000}" ${seed:+--seed "$seed"}
end=$(live)
if [ "$end" != "$start" ]; then
	echo "# fuzz: live objects $end at the end, $start at the start"
	status=1
fi
echo "# fuzz: done in $(($(date +%s) - t)) s, live objects $start -> $end, status $status"
exit $status
