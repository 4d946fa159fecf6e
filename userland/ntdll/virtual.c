// SPDX-License-Identifier: GPL-2.0
/*
 * The process's virtual memory through the NT memory services: small
 * wrappers for what ntdll does most (a region reserved and committed at
 * once, released whole, reprotected).
 */
#include "syscalls.h"
#include "virtual.h"

NTSTATUS ntdll_vm_alloc(void **base, SIZE_T size, ULONG prot)
{
	SIZE_T sz = size;

	return NtAllocateVirtualMemory(NtCurrentProcess(), base, 0, &sz,
				       MEM_RESERVE | MEM_COMMIT, prot);
}

void ntdll_vm_free(void *base)
{
	SIZE_T sz = 0;

	NtFreeVirtualMemory(NtCurrentProcess(), &base, &sz, MEM_RELEASE);
}

NTSTATUS ntdll_vm_protect(void *addr, SIZE_T size, ULONG prot, ULONG *old)
{
	SIZE_T sz = size;

	return NtProtectVirtualMemory(NtCurrentProcess(), &addr, &sz, prot, old);
}
