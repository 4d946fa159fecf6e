// SPDX-License-Identifier: GPL-2.0
/*
 * ntfuzz: fuzz the NT system calls ntpersona serves, from NT processes.
 *
 *   ntfuzz [--seed S] [--calls N] [--threads T] [--phase user|root|both]
 *          [--root-calls N] [--timeout SECONDS] [--trace]
 *
 * Prints "# ntfuzz seed S calls N threads T" first: the same arguments
 * replay the same calls (exactly, with --threads 1).  Run as root it
 * fuzzes as uid/gid 65534, then briefly as root with OBJ_PERMANENT masked
 * out.  Exits 0 when every phase's NT child exited 0; the kernel's log is
 * the real verdict.  See ntfuzz_core.c.
 */
#include <stdlib.h>

#include "ntfuzz_core.h"

int main(int argc, char **argv)
{
	struct ntfuzz_opts o;

	ntfuzz_defaults(&o);
	if (ntfuzz_parse_args(&o, argc, argv))
		return 2;
	return ntfuzz_run(&o) ? 1 : 0;
}
