// SPDX-License-Identifier: GPL-2.0
/*
 * Section objects (see section.h).
 *
 * A page-file section's pages are a shmem file the section owns, sized to
 * MaximumSize; a file-backed section maps the file itself, so its views
 * and read()/write() on the file see the same page cache.  Every view
 * that may write to the section is a MAP_SHARED mapping of that file: two
 * processes mapping one section share its pages.  A PAGE_WRITECOPY view
 * is MAP_PRIVATE: its writes are its own.  A view holds a reference to
 * the file, not to the section: closing the section's last handle leaves
 * the views working, as on Windows, and frees the object.
 *
 * Protections.  A section's protection bounds its views': a view may read
 * if the section may (every protection but PAGE_EXECUTE), write through if
 * it is PAGE_READWRITE or PAGE_EXECUTE_READWRITE, execute if PAGE_EXECUTE*;
 * a copy-on-write view of a readable section may write its own copies.
 * More is STATUS_SECTION_PROTECTION, at NtMapViewOfSection and at every
 * later NtProtectVirtualMemory of the view (personality/vm.c keeps the
 * bound as the region's max_prot).
 *
 * An image section (SEC_IMAGE) holds the file's entry of the image cache
 * (image.c): the PE checked and laid out once, shared by every process
 * that maps it.  Its views are MEM_IMAGE regions, each section of the PE
 * with its own protection, at the preferred base or, if the image can
 * move, elsewhere (STATUS_IMAGE_NOT_AT_BASE); its size is SizeOfImage.
 */
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>

#include "image.h"
#include "section.h"
#include "vm.h"
#include "../uapi/nt.h"

static void ntos_section_destroy(struct ntos_object *obj)
{
	struct ntos_section *s = ntos_to_section(obj);

	if (s->image)
		ntos_image_put(s->image);
	fput(s->file);
	kfree(s);
}

struct ntos_object_type ntos_section_type = {
	.name = "Section",
	.index = 42,
	.valid_access = SECTION_ALL_ACCESS,
	.mapping = { 0x00020005, 0x00020002, 0x00020008, SECTION_ALL_ACCESS },
	.destroy = ntos_section_destroy,
};

/* What a section of protection @protect lets its views do, as PROT_* (0: not a protection). */
static int ntos_section_caps(u32 protect)
{
	switch (protect) {
	case NTOS_PAGE_READONLY:
	case NTOS_PAGE_WRITECOPY:
		return PROT_READ;
	case NTOS_PAGE_READWRITE:
		return PROT_READ | PROT_WRITE;
	case NTOS_PAGE_EXECUTE:
		return PROT_EXEC;
	case NTOS_PAGE_EXECUTE_READ:
	case NTOS_PAGE_EXECUTE_WRITECOPY:
		return PROT_READ | PROT_EXEC;
	case NTOS_PAGE_EXECUTE_READWRITE:
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	default:
		return 0;
	}
}

static bool ntos_page_is_cow(u32 protect)
{
	return protect == NTOS_PAGE_WRITECOPY || protect == NTOS_PAGE_EXECUTE_WRITECOPY;
}

/* The section access a view of protection @protect needs (0: not a protection). */
u32 ntos_section_map_access(u32 protect)
{
	switch (protect) {
	case NTOS_PAGE_NOACCESS:
	case NTOS_PAGE_READONLY:
	case NTOS_PAGE_WRITECOPY:
		return SECTION_MAP_READ;
	case NTOS_PAGE_READWRITE:
		return SECTION_MAP_WRITE;
	case NTOS_PAGE_EXECUTE:
		return SECTION_MAP_EXECUTE;
	case NTOS_PAGE_EXECUTE_READ:
	case NTOS_PAGE_EXECUTE_WRITECOPY:
		return SECTION_MAP_EXECUTE | SECTION_MAP_READ;
	case NTOS_PAGE_EXECUTE_READWRITE:
		return SECTION_MAP_EXECUTE | SECTION_MAP_WRITE;
	default:
		return 0;
	}
}

/* Make a file at least @size bytes long. */
static ntstatus_t ntos_section_grow(struct file *file, u64 size)
{
	int err;

	if (size <= i_size_read(file_inode(file)))
		return STATUS_SUCCESS;
	if (size > MAX_LFS_FILESIZE)
		return STATUS_SECTION_TOO_BIG;
	err = vfs_truncate(&file->f_path, size);
	return err ? ntos_errno_status(err) : STATUS_SUCCESS;
}

/*
 * A new section: on @file if not NULL (@can_write: its handle may write;
 * @size 0 means the file's size), else in the paging file (@size > 0).
 */
ntstatus_t ntos_section_new(struct file *file, u64 size, u32 protect, u32 attributes,
			    bool can_write, struct ntos_section **out)
{
	struct ntos_section *s;
	ntstatus_t status;
	u64 fsize;

	struct ntos_image *image = NULL;

	if (!ntos_section_caps(protect))
		return STATUS_INVALID_PAGE_PROTECTION;
	if (attributes & SEC_IMAGE) {
		if (!file)
			return STATUS_INVALID_FILE_FOR_SECTION;
		status = ntos_image_get(file, &image);
		if (status)
			return status;
		size = ntos_image_pe(image)->image_size;
		attributes |= SEC_FILE;
	} else if (file) {
		if (!S_ISREG(file_inode(file)->i_mode) || !file->f_op->mmap)
			return STATUS_INVALID_FILE_FOR_SECTION;
		fsize = i_size_read(file_inode(file));
		if (!size)
			size = fsize;
		if (!size)
			return STATUS_MAPPED_FILE_SIZE_ZERO;
		/* a larger section grows the file if the section may write it */
		if (size > fsize) {
			if (!can_write || !(ntos_section_caps(protect) & PROT_WRITE))
				return STATUS_SECTION_TOO_BIG;
			status = ntos_section_grow(file, size);
			if (status)
				return status;
		}
		attributes |= SEC_FILE;
	} else {
		size = PAGE_ALIGN(size);
		if (!size || size > MAX_LFS_FILESIZE)
			return STATUS_SECTION_TOO_BIG;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!s)
		goto nomem;
	s->file = file ? get_file(file) : shmem_file_setup("ntpersona-section", size, VM_NORESERVE);
	if (IS_ERR(s->file)) {
		kfree(s);
		goto nomem;
	}
	s->image = image;
	ntos_object_init(&s->obj, &ntos_section_type);
	mutex_init(&s->lock);
	s->size = size;
	s->protect = protect;
	s->attributes = attributes;
	s->can_grow = file && can_write && (ntos_section_caps(protect) & PROT_WRITE);
	*out = s;
	return STATUS_SUCCESS;
nomem:
	if (image)
		ntos_image_put(image);
	return STATUS_NO_MEMORY;
}

/*
 * Map a view of @s: @offset (64 KiB aligned) and *@size (0: to the end)
 * within the section, at *@base (64 KiB aligned) or anywhere if 0.  A
 * SEC_RESERVE section's view has its first @commit bytes committed, the
 * rest reserved.  *@size gets the view's size (whole pages).
 */
ntstatus_t ntos_section_map(struct ntos_section *s, struct ntos_vm *vm, unsigned long *base,
			    u64 offset, unsigned long *size, unsigned long commit, u32 protect)
{
	int caps = ntos_section_caps(s->protect);
	bool cow = ntos_page_is_cow(protect);
	int prot = ntos_page_to_prot(protect, NTOS_MEM_MAPPED);
	int max = caps;
	u64 ssize, len = *size;
	ntstatus_t status;

	if (prot < 0)
		return STATUS_INVALID_PAGE_PROTECTION;
	if (s->image) {
		/* the image's own protections; STATUS_IMAGE_NOT_AT_BASE is a success */
		status = ntos_image_map(vm, s->image, base);
		if (ntos_nt_success(status))
			*size = PAGE_ALIGN(s->size);
		return status;
	}
	if (cow && (caps & PROT_READ))
		max |= PROT_WRITE;	/* its own copies */
	if (prot & ~max || (protect == NTOS_PAGE_NOACCESS && !(caps & PROT_READ)))
		return STATUS_SECTION_PROTECTION;
	mutex_lock(&s->lock);
	ssize = s->size;
	mutex_unlock(&s->lock);
	if (offset >= ssize || len > ssize - offset)
		return STATUS_INVALID_VIEW_SIZE;
	if (!len)
		len = ssize - offset;
	len = PAGE_ALIGN(len);
	if (len > TASK_SIZE_MAX)
		return STATUS_INVALID_VIEW_SIZE;
	if (s->attributes & SEC_RESERVE) {
		status = ntos_vm_map_view(vm, base, len, s->file, offset, cow, -1, max, protect);
		commit = PAGE_ALIGN(min_t(u64, commit, len));
		if (!status && commit) {
			status = ntos_vm_commit(vm, *base, commit, prot);
			if (status)
				ntos_vm_unmap_view(vm, *base);
		}
	} else {
		status = ntos_vm_map_view(vm, base, len, s->file, offset, cow, prot, max, protect);
	}
	if (!status)
		*size = len;
	return status;
}

/*
 * NtExtendSection: a file-backed section that may write its file grows to
 * *@size (the file with it); a smaller size changes nothing.  *@size gets
 * the section's size.  Page-file sections keep theirs.
 */
ntstatus_t ntos_section_extend(struct ntos_section *s, u64 *size)
{
	ntstatus_t status = STATUS_SUCCESS;

	if (!(s->attributes & SEC_FILE) || s->image)
		return STATUS_SECTION_NOT_EXTENDED;
	mutex_lock(&s->lock);
	if (*size > s->size) {
		status = s->can_grow ? ntos_section_grow(s->file, *size) :
				       STATUS_SECTION_NOT_EXTENDED;
		if (!status)
			s->size = *size;
	}
	*size = s->size;
	mutex_unlock(&s->lock);
	return status;
}
