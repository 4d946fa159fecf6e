// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_loopa.dll and ntt_loopb.dll (this file built twice, -DSELF=a/b):
 * each imports the other, a loop that is legal on Windows.  Each one's
 * DllMain runs once; ntt_loop_X() calls into the other DLL.
 */
#include "ntdllrt.h"

#define CAT3(a, b, c)	a##b##c
#define NAME(s, x)	CAT3(ntt_loop, s, x)

int NAME(OTHER, _attached)(void);
static int attached;

int __attribute__((stdcall)) DllMain(void *module, ULONG reason, void *reserved)
{
	(void)module;
	(void)reserved;
	if (reason == DLL_PROCESS_ATTACH)
		attached++;
	return 1;
}

__declspec(dllexport) int NAME(SELF, _attached)(void)
{
	return attached;
}

/* how many of the two DLLs were attached exactly once: 2 */
__declspec(dllexport) int NAME(SELF, _both)(void)
{
	return (attached == 1) + (NAME(OTHER, _attached)() == 1);
}
