// SPDX-License-Identifier: GPL-2.0
/*
 * Object directories: NtCreateDirectoryObject(Ex), NtOpenDirectoryObject,
 * NtQueryDirectoryObject.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "create.h"
#include "service.h"
#include "../personality/handle.h"
#include "../personality/object.h"

/* Entries listed per NtQueryDirectoryObject call at most (the rest: MORE_ENTRIES). */
#define NTOS_DIR_QUERY_MAX	1024

static ntstatus_t ntos_create_directory(u64 uhandle, u32 access, u64 uoa)
{
	struct ntos_directory *dir;
	ntstatus_t status;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	dir = ntos_directory_create();
	if (!dir)
		return STATUS_NO_MEMORY;
	return ntos_create_named(uhandle, access, uoa, &dir->obj);
}

static ntstatus_t ntos_nt_create_directory_object(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_create_directory(uhandle, access, uoa);
}

/* Shadow directories (Windows' session fallback) are not supported. */
static ntstatus_t ntos_nt_create_directory_object_ex(u64 uhandle, u32 access, u64 uoa,
						     u64 shadow, u32 flags)
{
	if (shadow || flags)
		return STATUS_NOT_SUPPORTED;
	return ntos_create_directory(uhandle, access, uoa);
}

static ntstatus_t ntos_nt_open_directory_object(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_directory_type);
}

/* Bytes one OBJECT_DIRECTORY_INFORMATION entry takes with its two strings. */
static u32 ntos_dir_item_size(const struct ntos_dir_item *item)
{
	return sizeof(struct nt_object_directory_information) +
	       (item->name.len + 1 + strlen(item->type) + 1) * sizeof(u16);
}

/*
 * Lay out @n entries in @kbuf as Windows does: the array, a zeroed
 * terminator, then each name and type name NUL-terminated, with Buffer
 * pointers into the caller's buffer at @ubuf.
 */
static u32 ntos_dir_format(const struct ntos_dir_item *items, unsigned int n, u8 *kbuf,
			   u64 ubuf)
{
	struct nt_object_directory_information *info = (void *)kbuf;
	u32 off = (n + 1) * sizeof(*info);
	unsigned int i, c, tlen;
	u16 *p;

	memset(kbuf, 0, off);
	for (i = 0; i < n; i++) {
		ntos_ustr_set(&info[i].name, items[i].name.len * 2, ubuf + off);
		p = (u16 *)(kbuf + off);
		memcpy(p, items[i].name.chars, items[i].name.len * 2);
		p[items[i].name.len] = 0;
		off += info[i].name.maximum_length;

		tlen = strlen(items[i].type);
		ntos_ustr_set(&info[i].type_name, tlen * 2, ubuf + off);
		p = (u16 *)(kbuf + off);
		for (c = 0; c < tlen; c++)
			p[c] = items[i].type[c];
		p[tlen] = 0;
		off += tlen * 2 + 2;
	}
	return off;
}

static ntstatus_t ntos_nt_query_directory_object(u64 handle, u64 ubuf, u32 len, u8 single,
						 u8 restart, u64 ucontext, u64 ureturn)
{
	const u32 entry = sizeof(struct nt_object_directory_information);
	struct ntos_dir_item *items = NULL;
	struct ntos_object *obj;
	u32 context = 0, used, needed;
	unsigned int max, fit, i;
	u8 *kbuf = NULL;
	bool more;
	ntstatus_t status;
	int n;

	status = ntos_handle_ref(handle, &ntos_directory_type, DIRECTORY_QUERY, &obj, NULL);
	if (status)
		return status;
	if (!restart && get_user(context, (u32 __user *)u64_to_user_ptr(ucontext))) {
		status = STATUS_ACCESS_VIOLATION;
		goto out;
	}
	if (restart && !access_ok(u64_to_user_ptr(ucontext), sizeof(u32))) {
		status = STATUS_ACCESS_VIOLATION;
		goto out;
	}
	max = single ? 1 : clamp_t(u32, len / entry, 1, NTOS_DIR_QUERY_MAX);
	items = kcalloc(max, sizeof(*items), GFP_KERNEL);
	if (!items) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	n = ntos_ns_dir_list(container_of(obj, struct ntos_directory, obj), context, max,
			     items, &more);
	if (n < 0) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	if (!n) {
		/* nothing left: a zeroed entry if it fits, size of one entry */
		status = STATUS_NO_MORE_ENTRIES;
		used = entry;
		if (len >= entry && clear_user(u64_to_user_ptr(ubuf), entry))
			status = STATUS_ACCESS_VIOLATION;
		goto report;
	}
	/* how many fit, with the terminator */
	needed = entry;
	for (fit = 0; fit < n; fit++) {
		if (needed + ntos_dir_item_size(&items[fit]) > len)
			break;
		needed += ntos_dir_item_size(&items[fit]);
	}
	if (!fit && single) {
		status = STATUS_BUFFER_TOO_SMALL;
		used = needed + ntos_dir_item_size(&items[0]);
		goto report;
	}
	kbuf = kvmalloc(max_t(u32, needed, entry), GFP_KERNEL);
	if (!kbuf) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	used = ntos_dir_format(items, fit, kbuf, ubuf);
	if (len >= used && copy_to_user(u64_to_user_ptr(ubuf), kbuf, used)) {
		status = STATUS_ACCESS_VIOLATION;
		goto out;
	}
	status = (fit < n || more) && !single ? STATUS_MORE_ENTRIES : STATUS_SUCCESS;
	context += fit;
	if (put_user(context, (u32 __user *)u64_to_user_ptr(ucontext)))
		status = STATUS_ACCESS_VIOLATION;
report:
	if (ntos_put_u32(ureturn, used))
		status = STATUS_ACCESS_VIOLATION;
out:
	if (items)
		for (i = 0; i < max; i++)
			kfree(items[i].name.chars);
	kfree(items);
	kvfree(kbuf);
	ntos_object_put(obj);
	return status;
}

