// SPDX-License-Identifier: GPL-2.0
/*
 * killstorm: SIGKILL NT processes at random points, with module unload
 * attempts alongside (see killstorm_core.h).
 *
 *   killstorm [--seed S] [--kills N] [--workers W] [--round N]
 *             [--max-delay-us U] [--timeout SECONDS] [--no-unload] [--verbose]
 *
 * Prints "# killstorm seed S ..." first; the same seed, kills and workers
 * replay the same victims (where each kill lands is timing).  Needs root
 * (debugfs, delete_module, finit_module of /lib/modules/ntpersona.ko, as in
 * the scripts/vm guest).  Exits 0 when every check held; the kernel's log
 * (scripts/vm scans it) is the other half of the verdict.
 */
#include <stdlib.h>

#include "killstorm_core.h"

int main(int argc, char **argv)
{
	struct ks_opts o;

	ks_defaults(&o);
	if (ks_parse_args(&o, argc, argv))
		return 2;
	return ks_run(&o) ? 1 : 0;
}
