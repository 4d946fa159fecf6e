// SPDX-License-Identifier: GPL-2.0
/*
 * The NT view of a process's address space.
 *
 * NT memory comes in regions: an allocation reserved by
 * NtAllocateVirtualMemory (its pages committed or only reserved) or an
 * image.  NT lets a program change a page's protection at any time and
 * keep its contents; Linux offers a module no exported mprotect().  So the
 * pages of every region live in a shmem file of its own, and a page is
 * "committed with protection P" by mapping its page of the file there,
 * MAP_SHARED | MAP_FIXED, with P: mapping it again with another protection
 * keeps the contents, because they are the file's.  A reserved page is an
 * anonymous PROT_NONE mapping (nothing in the file: a hole); decommitting
 * punches the hole again, so a page committed later reads zeros, as on NT.
 * The state of every page is therefore read off the VMAs: mapped from the
 * region's file = committed, anything else inside the region = reserved.
 *
 * Consequence: a Linux fork() of an NT process shares NT allocations with
 * the child (they are shared mappings).  NT has no fork; documented.
 *
 * An image every process maps the same way (ntdll.dll at its base) need
 * not be copied for each: its region may use a template file shared by
 * all, mapped MAP_PRIVATE (copy-on-write, like any file mapping).  A
 * protection change would lose a page's private copy on such a mapping,
 * so the first NtProtectVirtualMemory on the region gives it a file of its
 * own first (ntos_vm_privatize) and it is an ordinary region from then on.
 *
 * Locking: vm->lock (a mutex) is held across every change to a process's
 * regions and their mappings and across a query, so that a commit, a
 * protection change and a query see each other whole.  vm_mmap() and
 * vm_munmap() take the mmap lock inside it: vm->lock always comes first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/falloc.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>

#include "vm.h"
#include "status.h"

struct ntos_vm_region {
	unsigned long base, size;
	struct file *shm;		/* the pages */
	loff_t offset;			/* of base in shm (a view's SectionOffset) */
	bool template;			/* shm is shared with other processes: MAP_PRIVATE */
	int max_prot;			/* PROT_* a view's section allows; all for the others */
	u32 type;			/* NTOS_MEM_PRIVATE, NTOS_MEM_MAPPED or NTOS_MEM_IMAGE */
	u32 alloc_protect;		/* PAGE_* given when it was made */
};

#define NTOS_PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)

void ntos_vm_init(struct ntos_vm *vm)
{
	mutex_init(&vm->lock);
	mt_init(&vm->regions);
	vm->view_hint = 0;
}

/*
 * At process teardown, from any context: the mappings go with the mm (they
 * hold their own references to the files); only our records remain.
 */
void ntos_vm_destroy(struct ntos_vm *vm)
{
	struct ntos_vm_region *r;
	unsigned long index = 0;

	mt_for_each(&vm->regions, r, index, ULONG_MAX) {
		fput(r->shm);
		kfree(r);
	}
	mtree_destroy(&vm->regions);
}

/* PAGE_* -> PROT_*, or -1 if NT would refuse it for memory of @type. */
int ntos_page_to_prot(u32 page, u32 type)
{
	bool image = type == NTOS_MEM_IMAGE || type == NTOS_MEM_MAPPED;	/* may copy on write */

	switch (page) {
	case NTOS_PAGE_NOACCESS:
		return PROT_NONE;
	case NTOS_PAGE_READONLY:
		return PROT_READ;
	case NTOS_PAGE_READWRITE:
		return PROT_READ | PROT_WRITE;
	case NTOS_PAGE_WRITECOPY:
		return image ? PROT_READ | PROT_WRITE : -1;
	case NTOS_PAGE_EXECUTE:
		return PROT_EXEC;
	case NTOS_PAGE_EXECUTE_READ:
		return PROT_READ | PROT_EXEC;
	case NTOS_PAGE_EXECUTE_READWRITE:
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	case NTOS_PAGE_EXECUTE_WRITECOPY:
		return image ? PROT_READ | PROT_WRITE | PROT_EXEC : -1;
	default:		/* none, several, or PAGE_GUARD & co (not supported) */
		return -1;
	}
}

/*
 * A VMA's protection as NT reports it; image pages that may be written,
 * and those of a private (PAGE_WRITECOPY) view, are copy-on-write.
 */
static u32 ntos_vma_page(const struct vm_area_struct *vma, u32 type)
{
	bool image = type == NTOS_MEM_IMAGE ||
		     (type == NTOS_MEM_MAPPED && !(vma->vm_flags & VM_SHARED));

	if (vma->vm_flags & VM_EXEC) {
		if (vma->vm_flags & VM_WRITE)
			return image ? NTOS_PAGE_EXECUTE_WRITECOPY : NTOS_PAGE_EXECUTE_READWRITE;
		return vma->vm_flags & VM_READ ? NTOS_PAGE_EXECUTE_READ : NTOS_PAGE_EXECUTE;
	}
	if (vma->vm_flags & VM_WRITE)
		return image ? NTOS_PAGE_WRITECOPY : NTOS_PAGE_READWRITE;
	return vma->vm_flags & VM_READ ? NTOS_PAGE_READONLY : NTOS_PAGE_NOACCESS;
}

/*
 * A mapping failed: for want of memory or permission (an LSM, or
 * mmap_min_addr) as anywhere; for any other reason because of the address.
 */
static ntstatus_t ntos_vm_status(long err)
{
	if (err == -ENOMEM || err == -EACCES || err == -EPERM)
		return ntos_errno_status(err);
	return STATUS_CONFLICTING_ADDRESSES;
}

/* Anonymous PROT_NONE: the reserved state. */
static unsigned long ntos_vm_map_reserved(unsigned long addr, unsigned long len, int flags)
{
	return vm_mmap(NULL, addr, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | flags, 0);
}

/* The region holding all of [addr, addr + size), or NULL. */
static struct ntos_vm_region *ntos_vm_find(struct ntos_vm *vm, unsigned long addr,
					   unsigned long size)
{
	struct ntos_vm_region *r;

	lockdep_assert_held(&vm->lock);
	r = mtree_load(&vm->regions, addr);
	if (!r || size > r->base + r->size - addr)
		return NULL;
	return r;
}

/*
 * Reserve @size bytes at *@base (64 KiB aligned), or anywhere if it is 0;
 * every page reserved, none committed.
 */
ntstatus_t ntos_vm_reserve(struct ntos_vm *vm, unsigned long *base, unsigned long size, u32 type,
			   u32 alloc_protect)
{
	return ntos_vm_reserve_file(vm, base, size, type, alloc_protect, NULL, false);
}

/*
 * ntos_vm_reserve(), the pages in @file (a shmem file the caller filled) if
 * not NULL: the region's own, or, if @shared, a template other processes
 * map too (mapped MAP_PRIVATE, never written through).
 */
/* Reserve @r->size bytes for @r at *@base, or anywhere if 0, and record it. */
static ntstatus_t ntos_vm_place(struct ntos_vm *vm, struct ntos_vm_region *r,
				unsigned long *base)
{
	unsigned long addr, start, size = r->size;

	lockdep_assert_held(&vm->lock);
	if (*base) {
		addr = ntos_vm_map_reserved(*base, size, MAP_FIXED_NOREPLACE);
		if (!IS_ERR_VALUE(addr) && addr != *base) {	/* kernels that ignore NOREPLACE */
			vm_munmap(addr, size);
			addr = -EEXIST;
		}
	} else {
		/* one granule more, then trim to the alignment */
		addr = ntos_vm_map_reserved(0, size + NTOS_VM_GRANULARITY, 0);
		if (!IS_ERR_VALUE(addr)) {
			start = ALIGN(addr, NTOS_VM_GRANULARITY);
			if (start > addr)
				vm_munmap(addr, start - addr);
			vm_munmap(start + size, addr + NTOS_VM_GRANULARITY - start);
			addr = start;
		}
	}
	if (IS_ERR_VALUE(addr))
		return ntos_vm_status(addr);
	r->base = addr;
	if (mtree_insert_range(&vm->regions, addr, addr + size - 1, r, GFP_KERNEL_ACCOUNT)) {
		vm_munmap(addr, size);
		return STATUS_NO_MEMORY;
	}
	*base = addr;
	return STATUS_SUCCESS;
}

ntstatus_t ntos_vm_reserve_file(struct ntos_vm *vm, unsigned long *base, unsigned long size,
				u32 type, u32 alloc_protect, struct file *file, bool shared)
{
	struct ntos_vm_region *r;
	ntstatus_t status;

	r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return STATUS_NO_MEMORY;
	r->template = file && shared;
	r->shm = file ? get_file(file) : shmem_file_setup("ntpersona", size, VM_NORESERVE);
	if (IS_ERR(r->shm)) {
		kfree(r);
		return STATUS_NO_MEMORY;
	}
	r->size = size;
	r->type = type;
	r->alloc_protect = alloc_protect;
	r->max_prot = NTOS_PROT_ALL;
	mutex_lock(&vm->lock);
	status = ntos_vm_place(vm, r, base);
	mutex_unlock(&vm->lock);
	if (status) {
		fput(r->shm);
		kfree(r);
	}
	return status;
}

/* Map the region's pages over [addr, addr + size) with @prot: commit or change protection. */
static ntstatus_t ntos_vm_map_pages(struct ntos_vm *vm, struct ntos_vm_region *r,
				    unsigned long addr, unsigned long size, int prot)
{
	unsigned long ret;

	lockdep_assert_held(&vm->lock);
	if (prot & ~r->max_prot)
		return STATUS_SECTION_PROTECTION;
	ret = vm_mmap(r->shm, addr, size, prot,
		      (r->template ? MAP_PRIVATE : MAP_SHARED) | MAP_FIXED,
		      r->offset + addr - r->base);
	return IS_ERR_VALUE(ret) ? ntos_vm_status(ret) : STATUS_SUCCESS;
}

/* Commit the pages of [addr, addr + size), page-aligned, all in one region. */
ntstatus_t ntos_vm_commit(struct ntos_vm *vm, unsigned long addr, unsigned long size, int prot)
{
	struct ntos_vm_region *r;
	ntstatus_t status = STATUS_CONFLICTING_ADDRESSES;

	mutex_lock(&vm->lock);
	r = ntos_vm_find(vm, addr, size);
	if (r)
		status = ntos_vm_map_pages(vm, r, addr, size, prot);
	mutex_unlock(&vm->lock);
	return status;
}

/*
 * NtFreeVirtualMemory's rule for the range: a size of 0 means the whole
 * region and requires its base.
 */
static struct ntos_vm_region *ntos_vm_free_range(struct ntos_vm *vm, unsigned long *addr,
						 unsigned long *size, ntstatus_t *status)
{
	struct ntos_vm_region *r;

	lockdep_assert_held(&vm->lock);
	r = mtree_load(&vm->regions, *addr);
	*status = STATUS_MEMORY_NOT_ALLOCATED;
	if (!r)
		return NULL;
	*status = STATUS_UNABLE_TO_DELETE_SECTION;	/* a view or an image, as on Windows */
	if (r->type != NTOS_MEM_PRIVATE)
		return NULL;
	*status = STATUS_UNABLE_TO_FREE_VM;
	if (!*size) {
		*status = STATUS_FREE_VM_NOT_AT_BASE;
		if (*addr != r->base)
			return NULL;
		*size = r->size;
	} else {
		*size = PAGE_ALIGN(*addr + *size) - (*addr & PAGE_MASK);
		*addr &= PAGE_MASK;
		if (*size > r->base + r->size - *addr)
			return NULL;
	}
	*status = STATUS_SUCCESS;
	return r;
}

ntstatus_t ntos_vm_decommit(struct ntos_vm *vm, unsigned long *addr, unsigned long *size)
{
	struct ntos_vm_region *r;
	unsigned long ret;
	ntstatus_t status;

	mutex_lock(&vm->lock);
	r = ntos_vm_free_range(vm, addr, size, &status);
	if (r) {
		ret = ntos_vm_map_reserved(*addr, *size, MAP_FIXED);
		if (IS_ERR_VALUE(ret))
			status = ntos_vm_status(ret);
		else	/* the pages go; committing again gives zeros */
			vfs_fallocate(r->shm, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				      *addr - r->base, *size);
	}
	mutex_unlock(&vm->lock);
	return status;
}

/* Release a whole region (NT releases allocations whole). */
ntstatus_t ntos_vm_release(struct ntos_vm *vm, unsigned long *addr, unsigned long *size)
{
	struct ntos_vm_region *r;
	ntstatus_t status;

	mutex_lock(&vm->lock);
	r = ntos_vm_free_range(vm, addr, size, &status);
	if (r && (*addr != r->base || *size != r->size)) {
		r = NULL;
		status = STATUS_UNABLE_TO_FREE_VM;
	}
	if (r) {
		mtree_erase(&vm->regions, r->base);
		vm_munmap(r->base, r->size);
	}
	mutex_unlock(&vm->lock);
	if (r) {
		fput(r->shm);
		kfree(r);
	}
	return status;
}

/*
 * Give a template-backed region a file of its own: copy what the process
 * sees of each committed run (its private copies included) into a new
 * file, then map the runs from it with their protections.  Under vm->lock.
 */
static ntstatus_t ntos_vm_privatize(struct ntos_vm *vm, struct ntos_vm_region *r)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long at, end, run;
	struct file *shm;
	loff_t pos;
	int prot;
	ntstatus_t status = STATUS_NO_MEMORY;
	void *page;

	lockdep_assert_held(&vm->lock);
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	shm = shmem_file_setup("ntpersona", r->size, VM_NORESERVE);
	if (!page || IS_ERR(shm))
		goto out;
	for (at = r->base; at < r->base + r->size; at += PAGE_SIZE) {
		if (access_process_vm(current, at, page, PAGE_SIZE, FOLL_FORCE) != PAGE_SIZE)
			continue;	/* reserved: stays a hole */
		pos = at - r->base;
		if (memchr_inv(page, 0, PAGE_SIZE) &&
		    kernel_write(shm, page, PAGE_SIZE, &pos) != PAGE_SIZE)
			goto out;
	}
	/* remap every committed run from the new file, with its protection */
	for (at = r->base; at < r->base + r->size; at = end) {
		mmap_read_lock(mm);
		vma = find_vma(mm, at);
		end = r->base + r->size;
		if (vma && vma->vm_start < end)
			end = vma->vm_start > at ? vma->vm_start : min(vma->vm_end, end);
		if (!vma || vma->vm_start > at || vma->vm_file != r->shm) {
			mmap_read_unlock(mm);	/* reserved or unmapped: nothing to carry */
			continue;
		}
		prot = (vma->vm_flags & VM_READ ? PROT_READ : 0) |
		       (vma->vm_flags & VM_WRITE ? PROT_WRITE : 0) |
		       (vma->vm_flags & VM_EXEC ? PROT_EXEC : 0);
		mmap_read_unlock(mm);
		run = vm_mmap(shm, at, end - at, prot, MAP_SHARED | MAP_FIXED, at - r->base);
		if (IS_ERR_VALUE(run)) {
			status = ntos_vm_status(run);
			goto out;
		}
	}
	fput(r->shm);
	r->shm = shm;
	r->offset = 0;
	r->template = false;
	shm = NULL;
	status = STATUS_SUCCESS;
out:
	if (!IS_ERR_OR_NULL(shm))
		fput(shm);
	kfree(page);
	return status;
}

/*
 * Change the protection of committed pages to @protect (PAGE_*); *@old gets
 * the first page's.  Every page must be committed (STATUS_NOT_COMMITTED
 * otherwise).
 */
ntstatus_t ntos_vm_protect(struct ntos_vm *vm, unsigned long addr, unsigned long size, u32 protect,
			   u32 *old)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct ntos_vm_region *r;
	unsigned long at;
	int prot;
	ntstatus_t status = STATUS_CONFLICTING_ADDRESSES;

	mutex_lock(&vm->lock);
	r = ntos_vm_find(vm, addr, size);
	if (!r)
		goto out;
	prot = ntos_page_to_prot(protect, r->type);	/* WRITECOPY is for images only */
	status = STATUS_INVALID_PAGE_PROTECTION;
	if (prot < 0)
		goto out;
	status = r->template ? ntos_vm_privatize(vm, r) : STATUS_SUCCESS;
	if (status)
		goto out;
	mmap_read_lock(mm);
	for (at = addr; at < addr + size; at = vma->vm_end) {
		vma = find_vma(mm, at);
		if (!vma || vma->vm_start > at || vma->vm_file != r->shm) {
			status = STATUS_NOT_COMMITTED;
			break;
		}
		if (at == addr)
			*old = ntos_vma_page(vma, r->type);
	}
	mmap_read_unlock(mm);
	if (!status)
		status = ntos_vm_map_pages(vm, r, addr, size, prot);
out:
	mutex_unlock(&vm->lock);
	return status;
}

/* Is @vma's page at @at in @r committed, and how?  @vma is read under the mmap lock. */
static bool ntos_vm_page_state(const struct vm_area_struct *vma, unsigned long at,
			       const struct ntos_vm_region *r, u32 *page)
{
	bool committed = vma && vma->vm_start <= at && vma->vm_file == r->shm;

	mmap_assert_locked(current->mm);
	*page = committed ? ntos_vma_page(vma, r->type) : 0;
	return committed;
}

/* MemoryBasicInformation for the page at @addr (page-aligned, a user address). */
ntstatus_t ntos_vm_query(struct ntos_vm *vm, unsigned long addr,
			 struct ntos_memory_basic_information *mbi)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct ntos_vm_region *r;
	unsigned long end, limit;
	bool committed;
	u32 page, next;

	memset(mbi, 0, sizeof(*mbi));
	mbi->base_address = addr;
	mutex_lock(&vm->lock);
	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	r = mtree_load(&vm->regions, addr);
	if (r) {
		/* a run of pages with the same state and protection, inside the region */
		limit = r->base + r->size;
		committed = ntos_vm_page_state(vma, addr, r, &page);
		for (end = addr; end < limit;) {
			vma = find_vma(mm, end);
			if (ntos_vm_page_state(vma, end, r, &next) != committed || next != page)
				break;
			if (!vma || vma->vm_start > end)	/* a hole: reserved */
				end = vma ? min(vma->vm_start, limit) : limit;
			else
				end = min(vma->vm_end, limit);
		}
		mbi->allocation_base = r->base;
		mbi->allocation_protect = r->alloc_protect;
		mbi->region_size = end - addr;
		mbi->state = committed ? NTOS_MEM_COMMIT : NTOS_MEM_RESERVE;
		mbi->protect = page;
		mbi->type = r->type;
	} else if (vma && vma->vm_start <= addr) {
		/* Linux's own mappings: the shim, the stacks, the PEB block */
		mbi->allocation_base = vma->vm_start;
		mbi->allocation_protect = ntos_vma_page(vma, NTOS_MEM_PRIVATE);
		mbi->region_size = vma->vm_end - addr;
		mbi->state = NTOS_MEM_COMMIT;
		mbi->protect = mbi->allocation_protect;
		mbi->type = vma->vm_file ? NTOS_MEM_MAPPED : NTOS_MEM_PRIVATE;
	} else {
		mbi->region_size = (vma ? vma->vm_start : TASK_SIZE_MAX) - addr;
		mbi->state = NTOS_MEM_FREE;
		mbi->protect = NTOS_PAGE_NOACCESS;
	}
	mmap_read_unlock(mm);
	mutex_unlock(&vm->lock);
	return STATUS_SUCCESS;
}

/*
 * Map a view of @file from @offset: a MEM_MAPPED region of @size bytes at
 * *@base (64 KiB aligned) or anywhere if 0.  A private view (@cow,
 * PAGE_WRITECOPY) is mapped MAP_PRIVATE, any other MAP_SHARED, so that
 * every view of the file sees the same pages.  @prot < 0: every page left
 * reserved (a SEC_RESERVE section's view), else all committed with @prot;
 * no page may ever be given more than @max_prot.
 */
/* A view's pages mapped at @addr in one mapping, if nothing is there; then recorded. */
static ntstatus_t ntos_vm_map_direct(struct ntos_vm *vm, struct ntos_vm_region *r,
				     unsigned long addr, int prot)
{
	unsigned long ret;

	lockdep_assert_held(&vm->lock);
	vm->view_hint = 0;
	ret = vm_mmap(r->shm, addr, r->size, prot,
		      (r->template ? MAP_PRIVATE : MAP_SHARED) | MAP_FIXED_NOREPLACE, r->offset);
	if (IS_ERR_VALUE(ret))
		return ntos_vm_status(ret);
	if (ret != addr) {	/* kernels that ignore NOREPLACE */
		vm_munmap(ret, r->size);
		return STATUS_CONFLICTING_ADDRESSES;
	}
	r->base = addr;
	if (mtree_insert_range(&vm->regions, addr, addr + r->size - 1, r, GFP_KERNEL_ACCOUNT)) {
		vm_munmap(addr, r->size);
		return STATUS_NO_MEMORY;
	}
	return STATUS_SUCCESS;
}

/* A view reserved at *@base or anywhere aligned, then committed with @prot unless < 0. */
static ntstatus_t ntos_vm_map_placed(struct ntos_vm *vm, struct ntos_vm_region *r,
				     unsigned long *base, int prot)
{
	ntstatus_t status = ntos_vm_place(vm, r, base);

	if (!status && prot >= 0) {
		status = ntos_vm_map_pages(vm, r, r->base, r->size, prot);
		if (status) {
			mtree_erase(&vm->regions, r->base);
			vm_munmap(r->base, r->size);
		}
	}
	return status;
}

ntstatus_t ntos_vm_map_view(struct ntos_vm *vm, unsigned long *base, unsigned long size,
			    struct file *file, loff_t offset, bool cow, int prot, int max_prot,
			    u32 alloc_protect)
{
	struct ntos_vm_region *r;
	ntstatus_t status;

	r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return STATUS_NO_MEMORY;
	r->shm = get_file(file);
	r->offset = offset;
	r->template = cow;
	r->max_prot = max_prot;
	r->size = size;
	r->type = NTOS_MEM_MAPPED;
	r->alloc_protect = alloc_protect;
	mutex_lock(&vm->lock);
	if (prot >= 0 && (prot & ~max_prot)) {
		status = STATUS_SECTION_PROTECTION;
	} else if (prot >= 0 && (*base || vm->view_hint)) {
		/* committed whole: map the file straight at the base, or where a view just was */
		status = ntos_vm_map_direct(vm, r, *base ? *base : vm->view_hint, prot);
		if (status && !*base)
			status = ntos_vm_map_placed(vm, r, base, prot);
		else if (!status)
			*base = r->base;
	} else {
		status = ntos_vm_map_placed(vm, r, base, prot);
	}
	mutex_unlock(&vm->lock);
	if (status) {
		fput(r->shm);
		kfree(r);
	}
	return status;
}

/*
 * NtUnmapViewOfSection: release the view (MEM_MAPPED) or image (MEM_IMAGE)
 * region holding @addr, whole.  STATUS_NOT_MAPPED_VIEW if there is none.
 */
ntstatus_t ntos_vm_unmap_view(struct ntos_vm *vm, unsigned long addr)
{
	struct ntos_vm_region *r;

	mutex_lock(&vm->lock);
	r = mtree_load(&vm->regions, addr);
	if (!r || r->type == NTOS_MEM_PRIVATE) {
		mutex_unlock(&vm->lock);
		return STATUS_NOT_MAPPED_VIEW;
	}
	mtree_erase(&vm->regions, r->base);
	vm_munmap(r->base, r->size);
	vm->view_hint = r->base;
	mutex_unlock(&vm->lock);
	fput(r->shm);
	kfree(r);
	return STATUS_SUCCESS;
}
