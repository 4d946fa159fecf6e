/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Section objects: memory a process maps views of (NtMapViewOfSection),
 * backed by the paging file (a shmem file of the section's own) or by a
 * file (the file's own page cache).
 */
#ifndef _NTOS_SECTION_H
#define _NTOS_SECTION_H

#include <linux/mutex.h>
#include <linux/types.h>

#include "object.h"
#include "status.h"

struct file;
struct ntos_image;
struct ntos_vm;

struct ntos_section {
	struct ntos_object obj;
	struct mutex lock;		/* size */
	struct file *file;		/* the pages: a shmem file or the user's */
	struct ntos_image *image;	/* SEC_IMAGE: the laid-out image (image.c) */
	u64 size;			/* MaximumSize */
	u32 protect;			/* SectionPageProtection (PAGE_*) */
	u32 attributes;			/* SEC_COMMIT, SEC_RESERVE or SEC_IMAGE, | SEC_FILE */
	bool can_grow;			/* file-backed, the file open for writing */
};

extern struct ntos_object_type ntos_section_type;

static inline struct ntos_section *ntos_to_section(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_section, obj);
}

ntstatus_t ntos_section_new(struct file *file, u64 size, u32 protect, u32 attributes,
			    bool can_write, struct ntos_section **out);
u32 ntos_section_map_access(u32 protect);
ntstatus_t ntos_section_map(struct ntos_section *s, struct ntos_vm *vm, unsigned long *base,
			    u64 offset, unsigned long *size, unsigned long commit, u32 protect);
ntstatus_t ntos_section_extend(struct ntos_section *s, u64 *size);

#endif /* _NTOS_SECTION_H */
