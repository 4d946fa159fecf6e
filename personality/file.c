// SPDX-License-Identifier: GPL-2.0
/*
 * The File object type, and the device of drive Z: (see file.h).
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/stat.h>

#include "dirlist.h"
#include "file.h"
#include "handle.h"

static void ntos_file_destroy(struct ntos_object *obj)
{
	struct ntos_file *f = container_of(obj, struct ntos_file, obj);

	ntos_dir_scan_free(f->scan);
	fput(f->file);
	kfree(f);
}

/*
 * A file Windows made would have FILE_ATTRIBUTE_ARCHIVE (set at creation
 * and at each write; Linux keeps no such bit), as Wine reports too.
 */
u32 ntos_file_attributes(const struct kstat *st)
{
	u32 attr = S_ISDIR(st->mode) ? NT_FILE_ATTRIBUTE_DIRECTORY : NT_FILE_ATTRIBUTE_ARCHIVE;

	if (!(st->mode & 0222))
		attr |= NT_FILE_ATTRIBUTE_READONLY;
	return attr;
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

/*
 * The rest of an NT name past \Device\LinuxRoot as a Linux path: "" or
 * "\\" is "/", "\\a\\b" is "/a/b".  Empty components, "." and ".." are
 * invalid in an NT name, as are '/' and NUL inside one (a trailing
 * backslash is fine).  Names are case-sensitive, as Linux's are.
 */
static char *ntos_linux_root_parse(struct ntos_object *obj, const u16 *c, unsigned int n,
				   ntstatus_t *status)
{
	unsigned int i, start, clen;
	char *path;
	int len;

	*status = STATUS_OBJECT_NAME_INVALID;
	if (n && c[0] != '\\')
		return NULL;
	for (i = 1, start = 1; i <= n; i++) {
		if (i < n && c[i] != '\\') {
			if (c[i] == '/' || !c[i])
				return NULL;
			continue;
		}
		clen = i - start;
		if ((!clen && i < n) || (clen == 1 && c[start] == '.') ||
		    (clen == 2 && c[start] == '.' && c[start + 1] == '.'))
			return NULL;
		start = i + 1;
	}
	*status = STATUS_NO_MEMORY;
	path = kmalloc(3 * n + 2, GFP_KERNEL);
	if (!path)
		return NULL;
	len = n ? utf16s_to_utf8s(c, n, UTF16_LITTLE_ENDIAN, path, 3 * n) : 0;
	if (!len)
		path[len++] = '/';
	path[len] = 0;
	for (i = 0; i < len; i++)
		if (path[i] == '\\')
			path[i] = '/';
	*status = STATUS_SUCCESS;
	return path;
}

static void ntos_linux_root_destroy(struct ntos_object *obj)
{
	kfree(obj);
}

static struct ntos_object_type ntos_device_type = {
	.name = "Device",
	.index = 33,
	.case_insensitive = true,
	.valid_access = NTOS_FILE_ALL_ACCESS,
	.mapping = { NTOS_FILE_GENERIC_READ, NTOS_FILE_GENERIC_WRITE, 0x001200a0,
		     NTOS_FILE_ALL_ACCESS },
	.destroy = ntos_linux_root_destroy,
	.parse = ntos_linux_root_parse,
};

struct ntos_object *ntos_linux_root_create(void)
{
	struct ntos_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (obj)
		ntos_object_init(obj, &ntos_device_type);
	return obj;
}
