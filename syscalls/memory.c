// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual memory services: NtAllocateVirtualMemory, NtFreeVirtualMemory,
 * NtProtectVirtualMemory, NtQueryVirtualMemory, on the calling process
 * (personality/vm.c keeps its NT view).  Another process's memory is not
 * served yet: STATUS_NOT_SUPPORTED.
 *
 * Not supported: PAGE_GUARD, PAGE_NOCACHE, PAGE_WRITECOMBINE
 * (STATUS_INVALID_PAGE_PROTECTION), MEM_RESET, MEM_WRITE_WATCH,
 * MEM_LARGE_PAGES, MEM_PHYSICAL (STATUS_INVALID_PARAMETER_5), ZeroBits
 * (accepted up to 21, not honoured), releasing part of an allocation
 * (STATUS_UNABLE_TO_FREE_VM).  MEM_TOP_DOWN is accepted: Linux places
 * mappings top-down anyway.
 */
#include <linux/mm.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/handle.h"
#include "../personality/process.h"
#include "../personality/vm.h"

#define NTOS_PROCESS_VM_OPERATION	0x0008
#define NTOS_PROCESS_QUERY_INFORMATION	0x0400
#define NTOS_MEM_DECOMMIT		0x00004000
#define NTOS_MEM_RELEASE		0x00008000
#define NTOS_MEM_TOP_DOWN		0x00100000
#define NTOS_MEMORY_BASIC_INFORMATION	0
#define NTOS_MAX_ZERO_BITS		21

static ntstatus_t ntos_get_ulong(u64 uaddr, unsigned long *v)
{
	return get_user(*v, (unsigned long __user *)u64_to_user_ptr(uaddr)) ?
	       STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
}

/* Write back an in/out address and size pair. */
static ntstatus_t ntos_put_range(u64 ubase, u64 usize, unsigned long base, unsigned long size)
{
	if (put_user(base, (unsigned long __user *)u64_to_user_ptr(ubase)) ||
	    put_user(size, (unsigned long __user *)u64_to_user_ptr(usize)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/* The common start of the services that take a process and an in/out address and size. */
static ntstatus_t ntos_vm_range_args(u64 handle, u64 ubase, u64 usize, struct ntos_vm **vm,
				     unsigned long *addr, unsigned long *size)
{
	ntstatus_t status = ntos_process_vm_of(handle, NTOS_PROCESS_VM_OPERATION, vm);

	if (status)
		return status;
	if (ntos_get_ulong(ubase, addr) || ntos_get_ulong(usize, size))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/* Is [addr, addr + size) a non-empty range of user addresses? */
static bool ntos_user_range(unsigned long addr, unsigned long size)
{
	return size && addr < TASK_SIZE_MAX && size <= TASK_SIZE_MAX - addr;
}

static ntstatus_t ntos_nt_allocate_virtual_memory(u64 handle, u64 ubase, u64 zero_bits, u64 usize,
						  u32 type, u32 protect)
{
	unsigned long addr, size, start, end;
	struct ntos_vm *vm;
	ntstatus_t status;
	int prot;

	status = ntos_vm_range_args(handle, ubase, usize, &vm, &addr, &size);
	if (status)
		return status;
	if (zero_bits > NTOS_MAX_ZERO_BITS)
		return STATUS_INVALID_PARAMETER_3;
	if (!size)
		return STATUS_INVALID_PARAMETER_4;
	if (!(type & (NTOS_MEM_COMMIT | NTOS_MEM_RESERVE)) ||
	    (type & ~(NTOS_MEM_COMMIT | NTOS_MEM_RESERVE | NTOS_MEM_TOP_DOWN)))
		return STATUS_INVALID_PARAMETER_5;
	prot = ntos_page_to_prot(protect, NTOS_MEM_PRIVATE);
	if (prot < 0)
		return STATUS_INVALID_PAGE_PROTECTION;
	if (!ntos_user_range(addr ? addr : PAGE_SIZE, size))
		return addr ? STATUS_INVALID_PARAMETER_2 : STATUS_INVALID_PARAMETER_4;

	if (type & NTOS_MEM_RESERVE || !addr) {
		/* a new allocation: its base on the granularity, whole pages */
		start = round_down(addr, NTOS_VM_GRANULARITY);
		end = PAGE_ALIGN(addr + size);
		status = ntos_vm_reserve(vm, &start, end - start, NTOS_MEM_PRIVATE, protect);
		if (status)
			return status;
		end = start + (end - round_down(addr, NTOS_VM_GRANULARITY));
	} else {
		start = addr & PAGE_MASK;
		end = PAGE_ALIGN(addr + size);
	}
	if (type & NTOS_MEM_COMMIT) {
		status = ntos_vm_commit(vm, start, end - start, prot);
		if (status) {
			if (type & NTOS_MEM_RESERVE || !addr) {
				size = 0;	/* undo the reservation */
				ntos_vm_release(vm, &start, &size);
			}
			return status;
		}
	}
	return ntos_put_range(ubase, usize, start, end - start);
}

static ntstatus_t ntos_nt_free_virtual_memory(u64 handle, u64 ubase, u64 usize, u32 type)
{
	unsigned long addr, size;
	struct ntos_vm *vm;
	ntstatus_t status;

	status = ntos_vm_range_args(handle, ubase, usize, &vm, &addr, &size);
	if (status)
		return status;
	if (type != NTOS_MEM_DECOMMIT && type != NTOS_MEM_RELEASE)
		return STATUS_INVALID_PARAMETER_4;
	if (size && !ntos_user_range(addr, size))
		return STATUS_INVALID_PARAMETER_3;
	if (type == NTOS_MEM_RELEASE)
		status = ntos_vm_release(vm, &addr, &size);
	else
		status = ntos_vm_decommit(vm, &addr, &size);
	if (status)
		return status;
	return ntos_put_range(ubase, usize, addr, size);
}

static ntstatus_t ntos_nt_protect_virtual_memory(u64 handle, u64 ubase, u64 usize, u32 protect,
						 u64 uold)
{
	unsigned long addr, size, start, end;
	struct ntos_vm *vm;
	u32 old = 0;
	ntstatus_t status;

	status = ntos_vm_range_args(handle, ubase, usize, &vm, &addr, &size);
	if (status)
		return status;
	if (!ntos_user_range(addr, size ? size : 1))
		return STATUS_INVALID_PARAMETER_2;
	/* not a protection at all (WRITECOPY's validity depends on the region) */
	if (ntos_page_to_prot(protect, NTOS_MEM_IMAGE) < 0)
		return STATUS_INVALID_PAGE_PROTECTION;
	start = addr & PAGE_MASK;
	end = PAGE_ALIGN(addr + (size ? size : 1));
	status = ntos_vm_protect(vm, start, end - start, protect, &old);
	if (status)
		return status;
	if (put_user(old, (u32 __user *)u64_to_user_ptr(uold)))
		return STATUS_ACCESS_VIOLATION;
	return ntos_put_range(ubase, usize, start, end - start);
}

static ntstatus_t ntos_nt_query_virtual_memory(u64 handle, u64 addr, u32 class, u64 ubuf, u64 len,
					       u64 ureturn)
{
	struct ntos_memory_basic_information mbi;
	struct ntos_vm *vm;
	ntstatus_t status;

	status = ntos_process_vm_of(handle, NTOS_PROCESS_QUERY_INFORMATION, &vm);
	if (status)
		return status;
	if (class != NTOS_MEMORY_BASIC_INFORMATION)
		return STATUS_INVALID_INFO_CLASS;
	if (len < sizeof(mbi))
		return STATUS_INFO_LENGTH_MISMATCH;
	if (addr >= TASK_SIZE_MAX)
		return STATUS_INVALID_PARAMETER;
	status = ntos_vm_query(vm, addr & PAGE_MASK, &mbi);
	if (status)
		return status;
	if (copy_to_user(u64_to_user_ptr(ubuf), &mbi, sizeof(mbi)))
		return STATUS_ACCESS_VIOLATION;
	return ntos_put_u64(ureturn, sizeof(mbi));	/* a SIZE_T */
}

