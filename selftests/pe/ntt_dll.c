// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_dll.dll: loaded at run time by dlltest.exe (LdrLoadDll).  Exports by
 * name and by ordinal only (ntt_dll.def), a forwarder to ntdll.dll, a TLS
 * variable (TLS of a DLL loaded at run time), and a DllMain that records
 * PROCESS_ATTACH and reports PROCESS_DETACH through a flag the exe gives it.
 */
#include "ntdllrt.h"
#include "ntttls.h"

NTT_TLS_VAR(int tls_var) = 4321;
NTT_TLS_DIRECTORY(0);

static int attach_reason = -1, attach_reserved_set = -1, calls;
static volatile int *detach_flag;

int __attribute__((stdcall)) DllMain(void *module, ULONG reason, void *reserved)
{
	(void)module;
	calls++;
	if (reason == DLL_PROCESS_ATTACH) {
		attach_reason = (int)reason;
		attach_reserved_set = reserved != 0;
	} else if (reason == DLL_PROCESS_DETACH && detach_flag) {
		*detach_flag = 1;
	}
	return 1;
}

int ntt_attach(int *reserved_set)
{
	*reserved_set = attach_reserved_set;
	return calls == 1 ? attach_reason : -100 - calls;
}

int ntt_add(int a, int b)
{
	return a + b;
}

int ntt_by_ordinal(void)
{
	return 77;
}

int ntt_tls_value(void)
{
	return NTT_TLS(int, tls_var);
}

void ntt_set_detach_flag(volatile int *flag)
{
	detach_flag = flag;
}
