// SPDX-License-Identifier: GPL-2.0
/*
 * The File object type (see file.h).
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>

#include "file.h"
#include "handle.h"

static void ntos_file_destroy(struct ntos_object *obj)
{
	struct ntos_file *f = container_of(obj, struct ntos_file, obj);

	fput(f->file);
	kfree(f);
}

struct ntos_object_type ntos_file_type = {
	.name = "File",
	.index = 37,
	.valid_access = NTOS_FILE_ALL_ACCESS,
	.mapping = { NTOS_FILE_GENERIC_READ, NTOS_FILE_GENERIC_WRITE, 0x001200a0,
		     NTOS_FILE_ALL_ACCESS },
	.destroy = ntos_file_destroy,
};

ntstatus_t ntos_file_handle(struct file *file, u32 access, u64 *handle)
{
	struct ntos_file *f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	ntstatus_t status;

	if (!f)
		return STATUS_NO_MEMORY;
	ntos_object_init(&f->obj, &ntos_file_type);
	f->file = get_file(file);
	ntos_object_handle_opened(&f->obj);
	status = ntos_handle_insert(&f->obj, access, 0, handle);
	if (status) {
		ntos_object_handle_closed(&f->obj);
		ntos_object_put(&f->obj);
	}
	return status;
}
