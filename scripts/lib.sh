# SPDX-License-Identifier: GPL-2.0
# Helpers sourced by the scripts of scripts/: kernel names, cache paths.

NTOS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NTOS_CACHE=${NTOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ntpersona}

# ntos_kver NAME: print the installed Debian kernel release that NAME means.
# NAME is a full release (6.1.0-56-amd64) or a series (6.1, 6.12); a series
# means the newest installed release of it that has headers.
ntos_kver() {
	local want=$1 k best=
	# the debug kernel built by scripts/debug-kernel
	if [ "$want" = debug ]; then
		echo debug
		return 0
	fi
	if [ -d "/lib/modules/$want/build" ] || [ -e "/boot/vmlinuz-$want" ]; then
		echo "$want"
		return 0
	fi
	for k in $(ls /lib/modules 2>/dev/null | sort -V); do
		case $k in
		"$want".[0-9]*-amd64 | "$want".[0-9]*+deb*-amd64) ;;
		*) continue ;;
		esac
		# 6.1 must not match 6.12: the series is followed by a dot
		[ -d "/lib/modules/$k/build" ] && best=$k
	done
	[ -n "$best" ] || return 1
	echo "$best"
}

ntos_die() {
	echo "$(basename "$0"): $*" >&2
	exit 2
}
