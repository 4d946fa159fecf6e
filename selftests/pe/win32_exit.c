// SPDX-License-Identifier: GPL-2.0
/*
 * The ways an ordinary Win32 program ends, for the exit status its parent
 * sees (a Linux parent: the low 8 bits of the 32-bit exit code):
 *
 *   win32_exit return N     main returns N
 *   win32_exit exit N       exit(N), after the atexit handler ran
 *   win32_exit _exit N      _exit(N): no atexit handler
 *   win32_exit process N    ExitProcess(N), N in hex as 0x...
 *   win32_exit abort        abort(): the runtime's exit code 3
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void handler(void)
{
	printf("atexit handler\n");
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;

	atexit(handler);
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "return"))
		return (int)n;
	if (!strcmp(argv[1], "exit"))
		exit((int)n);
	if (!strcmp(argv[1], "_exit"))
		_exit((int)n);
	if (!strcmp(argv[1], "process"))
		ExitProcess((UINT)n);
	if (!strcmp(argv[1], "abort"))
		abort();
	return 2;
}
