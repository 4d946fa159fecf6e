// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_static.dll: imported by dlltest.exe (a static dependency).  Linked at
 * ntdll.dll's own preferred base, so the loader must relocate it; its
 * DllMain records how it was called, before the exe's entry point runs.
 */
#include "ntdllrt.h"

static int attach_reason = -1, attach_reserved_set, calls;
/* an absolute address in data (volatile: not folded into the code): right only
 * if the relocations were applied */
static const char *volatile message = "relocated";

int __attribute__((stdcall)) DllMain(void *module, ULONG reason, void *reserved)
{
	(void)module;
	calls++;
	if (reason == DLL_PROCESS_ATTACH) {
		attach_reason = (int)reason;
		attach_reserved_set = reserved != 0;
	}
	return 1;
}

__declspec(dllexport) int ntt_static_attach(int *reserved_set)
{
	*reserved_set = attach_reserved_set;
	return calls == 1 ? attach_reason : -100 - calls;
}

__declspec(dllexport) const char *ntt_static_message(void)
{
	return message;
}
