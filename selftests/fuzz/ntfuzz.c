// SPDX-License-Identifier: GPL-2.0
/*
 * ntfuzz: fuzz the NT system calls ntpersona serves, from NT processes.
 *
 *   ntfuzz [--seed S] [--calls N] [--threads T] [--phase user|root|both]
 *          [--root-calls N] [--timeout SECONDS] [--trace] [--simple]
 *          [--skip NtService]...
 *
 * Prints "# ntfuzz seed S calls N threads T" first: the same arguments
 * replay the same calls (call for call with --threads 1 --simple, where
 * nothing runs concurrently).  Run as root it fuzzes as uid/gid 65534, then
 * briefly as root with OBJ_PERMANENT masked out.  --trace prints every call
 * before it is made (the last line without a status is the one that did
 * not return); --skip leaves out a service (a known bug) to look further.
 * Exits 0 when every phase's NT child exited 0 and, as root, the live
 * object count came back; the kernel's log is the real verdict.  See
 * ntfuzz_core.c.
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
