/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NT view of a process's address space: allocations (reserved regions
 * whose pages are committed or not) and images.
 */
#ifndef _NTOS_VM_H
#define _NTOS_VM_H

#include <linux/maple_tree.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "status.h"

struct file;

/* MEMORY_BASIC_INFORMATION's State and Type */
#define NTOS_MEM_COMMIT		0x00001000
#define NTOS_MEM_RESERVE	0x00002000
#define NTOS_MEM_FREE		0x00010000
#define NTOS_MEM_PRIVATE	0x00020000
#define NTOS_MEM_MAPPED		0x00040000
#define NTOS_MEM_IMAGE		0x01000000

/* PAGE_* protections */
#define NTOS_PAGE_NOACCESS		0x01
#define NTOS_PAGE_READONLY		0x02
#define NTOS_PAGE_READWRITE		0x04
#define NTOS_PAGE_WRITECOPY		0x08
#define NTOS_PAGE_EXECUTE		0x10
#define NTOS_PAGE_EXECUTE_READ		0x20
#define NTOS_PAGE_EXECUTE_READWRITE	0x40
#define NTOS_PAGE_EXECUTE_WRITECOPY	0x80

#define NTOS_VM_GRANULARITY	SZ_64K	/* Windows' allocation granularity */

struct ntos_vm {
	struct mutex lock;		/* the regions, and every change of their mappings */
	struct maple_tree regions;	/* [base, base + size - 1] -> struct ntos_vm_region */
	unsigned long view_hint;	/* where the last view unmapped was: likely free */
};

/* MEMORY_BASIC_INFORMATION (x64) */
struct ntos_memory_basic_information {
	u64 base_address;
	u64 allocation_base;
	u32 allocation_protect;
	u16 partition_id;
	u16 pad;
	u64 region_size;
	u32 state;
	u32 protect;
	u32 type;
	u32 pad2;
};

void ntos_vm_init(struct ntos_vm *vm);
void ntos_vm_destroy(struct ntos_vm *vm);
int ntos_page_to_prot(u32 page, u32 type);
ntstatus_t ntos_vm_reserve(struct ntos_vm *vm, unsigned long *base, unsigned long size, u32 type,
			   u32 alloc_protect);
ntstatus_t ntos_vm_reserve_file(struct ntos_vm *vm, unsigned long *base, unsigned long size,
				u32 type, u32 alloc_protect, struct file *file, bool shared);
ntstatus_t ntos_vm_commit(struct ntos_vm *vm, unsigned long addr, unsigned long size, int prot);
ntstatus_t ntos_vm_decommit(struct ntos_vm *vm, unsigned long *addr, unsigned long *size);
ntstatus_t ntos_vm_release(struct ntos_vm *vm, unsigned long *addr, unsigned long *size);
ntstatus_t ntos_vm_protect(struct ntos_vm *vm, unsigned long addr, unsigned long size, u32 protect,
			   u32 *old);
ntstatus_t ntos_vm_map_view(struct ntos_vm *vm, unsigned long *base, unsigned long size,
			    struct file *file, loff_t offset, bool cow, int prot, int max_prot,
			    u32 alloc_protect);
ntstatus_t ntos_vm_unmap_view(struct ntos_vm *vm, unsigned long addr);
ntstatus_t ntos_vm_query(struct ntos_vm *vm, unsigned long addr,
			 struct ntos_memory_basic_information *mbi);

#endif /* _NTOS_VM_H */
