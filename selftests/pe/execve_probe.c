// SPDX-License-Identifier: GPL-2.0
/*
 * execve-probe PROGRAM [ARG]...: one execve(2) of PROGRAM, with no fallback
 * (a shell or execvp() would run a file the kernel refuses as a script).
 * If it fails: "execve-probe: PROGRAM: <strerror>" on stderr and the errno
 * value as the exit status (ENOEXEC = 8).  Used by run_pe_tests.sh to see
 * what the kernel itself says about a PE file when no binfmt_misc rule
 * takes it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int err;

	if (argc < 2) {
		fprintf(stderr, "usage: execve-probe PROGRAM [ARG]...\n");
		return 255;
	}
	execve(argv[1], argv + 1, environ);
	err = errno;
	fprintf(stderr, "execve-probe: %s: %s\n", argv[1], strerror(err));
	return err;
}
