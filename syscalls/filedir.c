// SPDX-License-Identifier: GPL-2.0
/*
 * Directory listings: NtQueryDirectoryFile and NtQueryDirectoryFileEx.
 *
 * A query fills the caller's buffer with as many entries of the class as
 * fit, each 8-byte aligned and linked by NextEntryOffset, from where the
 * last query on the handle stopped (personality/dirlist.c keeps the scan:
 * the mask of the first query or of a restart, and the directory's names).
 * Each entry's times, size and attributes come from the file itself, read
 * as the entry is laid out, with the caller's credentials.  An entry that
 * does not fit goes back for the next query; the first one of a query
 * that does not fit is cut (STATUS_BUFFER_OVERFLOW, as Windows does), its
 * fixed part always fits (a shorter buffer is STATUS_INFO_LENGTH_MISMATCH).
 * A scan that found nothing at all is STATUS_NO_SUCH_FILE, one that is
 * over STATUS_NO_MORE_FILES.
 *
 * I/O is synchronous: an event, if given, is signaled at the end, an APC
 * routine is refused.  No short (8.3) names, no extended attributes,
 * FileIndex 0 (as NTFS); FileId is the inode number.
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/dirlist.h"
#include "../personality/file.h"
#include "../personality/handle.h"
#include "../personality/object.h"
#include "../personality/syncobj.h"
#include "../personality/uaccess.h"

#define NTOS_FILE_LIST_DIRECTORY	0x0001

/* Where a class puts what: the name's offset, and each optional field's (0: none) */
struct ntos_dir_class {
	u16 name;			/* FileName */
	u16 min;			/* the struct's size: a shorter buffer is refused */
	u16 ea, short_name, file_id;
	bool names_only;		/* FILE_NAMES_INFORMATION: no times, no sizes */
};

static const struct ntos_dir_class ntos_dir_classes[] = {
	[NT_FILE_DIRECTORY_INFORMATION] = { .name = 0x40, .min = 0x48 },
	[NT_FILE_FULL_DIRECTORY_INFORMATION] = { .name = 0x44, .min = 0x48, .ea = 0x40 },
	[NT_FILE_BOTH_DIRECTORY_INFORMATION] = { .name = 0x5e, .min = 0x68, .ea = 0x40,
						 .short_name = 0x44 },
	[NT_FILE_NAMES_INFORMATION] = { .name = 0x0c, .min = 0x10, .names_only = true },
	[NT_FILE_ID_BOTH_DIRECTORY_INFORMATION] = { .name = 0x68, .min = 0x70, .ea = 0x40,
						    .short_name = 0x44, .file_id = 0x60 },
	[NT_FILE_ID_FULL_DIRECTORY_INFORMATION] = { .name = 0x50, .min = 0x58, .ea = 0x40,
						    .file_id = 0x48 },
};

#define NTOS_DIR_ENTRY_MAX	(0x68 + NAME_MAX * 2)

/*
 * The attributes of entry @e of directory @dir, into the head of an entry;
 * false if the entry is gone since the snapshot.
 */
static bool ntos_dir_entry_stat(const struct path *dir, const struct ntos_dir_name *e,
				struct nt_file_directory_information *d, u64 *ino)
{
	struct path child = { .mnt = dir->mnt };
	struct kstat st;
	int ret;

	if (e->len == 1 && e->name[0] == '.')
		child.dentry = dget(dir->dentry);
	else if (e->len == 2 && e->name[0] == '.' && e->name[1] == '.')
		child.dentry = dget_parent(dir->dentry);
	else
		child.dentry = lookup_one_len_unlocked(e->name, dir->dentry, e->len);
	if (IS_ERR(child.dentry))
		return false;
	if (d_is_negative(child.dentry)) {
		dput(child.dentry);
		return false;
	}
	ret = vfs_getattr(&child, &st, STATX_BASIC_STATS | STATX_BTIME, AT_STATX_SYNC_AS_STAT);
	dput(child.dentry);
	if (ret)
		return false;
	d->creation_time = ntos_nt_time(st.result_mask & STATX_BTIME ? st.btime : st.ctime);
	d->last_access_time = ntos_nt_time(st.atime);
	d->last_write_time = ntos_nt_time(st.mtime);
	d->change_time = ntos_nt_time(st.ctime);
	d->end_of_file = S_ISDIR(st.mode) ? 0 : st.size;
	d->allocation_size = S_ISDIR(st.mode) ? 0 : st.blocks * 512;
	d->file_attributes = ntos_file_attributes(&st);
	/* a dot file is hidden, as Wine shows it ("." and ".." are not) */
	if (e->name[0] == '.' && e->len > 1 && !(e->len == 2 && e->name[1] == '.'))
		d->file_attributes |= NT_FILE_ATTRIBUTE_HIDDEN;
	*ino = st.ino;
	return true;
}

/*
 * Lay the scan's entries out at @ubuf (@len bytes) for @class; *@bytes
 * gets the bytes written.  STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW (the
 * first entry cut) or, with no entry at all, the end of the scan.
 */
static ntstatus_t ntos_dir_fill(struct ntos_dir_scan *scan, const struct path *dir,
				const struct ntos_dir_class *c, u64 ubuf, u32 len, bool single,
				u8 *entry, u32 *bytes)
{
	u32 at = 0, prev = 0, size, name_bytes;
	const struct ntos_dir_name *e;
	ntstatus_t status = STATUS_SUCCESS;
	bool any = false;
	u64 ino = 0;

	while ((e = ntos_dir_scan_next(scan))) {
		struct nt_file_directory_information *d = (void *)entry;

		memset(entry, 0, c->name);
		if (!c->names_only && !ntos_dir_entry_stat(dir, e, d, &ino))
			continue;		/* gone since the snapshot */
		if (c->file_id)
			memcpy(entry + c->file_id, &ino, sizeof(ino));
		name_bytes = scan->wlen * sizeof(u16);
		size = c->name + name_bytes;
		if (any && ALIGN(at, 8) + size > len) {
			ntos_dir_scan_back(scan);	/* the next query's */
			break;
		}
		at = ALIGN(at, 8);
		if (at + size > len) {		/* the first entry: cut its name */
			name_bytes = (len - at - c->name) & ~1u;
			size = c->name + name_bytes;
			status = STATUS_BUFFER_OVERFLOW;
		}
		/* FileNameLength: the whole name's, even when cut */
		*(u32 *)(entry + (c->names_only ? 8 : 0x3c)) = scan->wlen * sizeof(u16);
		memcpy(entry + c->name, scan->wname, name_bytes);
		if (copy_to_user(u64_to_user_ptr(ubuf + at), entry, size))
			return STATUS_ACCESS_VIOLATION;
		if (any && put_user(at - prev, (u32 __user *)u64_to_user_ptr(ubuf + prev)))
			return STATUS_ACCESS_VIOLATION;
		prev = at;
		at += size;
		any = true;
		if (single || status)
			break;
	}
	*bytes = at;
	if (any)
		return status;
	return scan->started ? STATUS_NO_MORE_FILES : STATUS_NO_SUCH_FILE;
}

/* an error, not a warning (STATUS_NO_MORE_FILES) that still fills the IO_STATUS_BLOCK */
static bool ntos_dir_error(ntstatus_t status)
{
	return (ntos_status_raw(status) >> 30) == 3;
}

static ntstatus_t ntos_query_directory(u64 handle, u64 event, u64 apc, u64 uiosb, u64 ubuf,
				       u32 len, u32 class, u32 flags, u64 umask)
{
	struct ntos_object *obj, *ev = NULL;
	const struct ntos_dir_class *c;
	struct ntos_name mask = {};
	struct ntos_dir_scan *scan;
	struct ntos_file *f;
	u8 *entry = NULL;
	ntstatus_t status;
	u32 bytes = 0;
	s32 prev;

	if (class >= ARRAY_SIZE(ntos_dir_classes) || !ntos_dir_classes[class].name)
		return STATUS_INVALID_INFO_CLASS;
	c = &ntos_dir_classes[class];
	if (len < c->min)
		return STATUS_INFO_LENGTH_MISMATCH;
	if (apc)			/* synchronous only: nothing to queue it for */
		return STATUS_NOT_SUPPORTED;
	if (!access_ok(u64_to_user_ptr(ubuf), len))
		return STATUS_ACCESS_VIOLATION;
	if (umask) {
		status = ntos_name_capture(&mask, umask);
		if (status)
			return status;
	}
	status = ntos_handle_ref(handle, &ntos_file_type, NTOS_FILE_LIST_DIRECTORY, &obj, NULL);
	if (status)
		goto out_mask;
	if (event) {
		status = ntos_handle_ref(event, &ntos_event_type, EVENT_MODIFY_STATE, &ev, NULL);
		if (status)
			goto out_obj;
	}
	f = ntos_file_obj(obj);
	/* what Windows says of a file that is not a directory */
	status = STATUS_INVALID_PARAMETER;
	if (!S_ISDIR(file_inode(f->file)->i_mode))
		goto out_obj;
	status = STATUS_NO_MEMORY;
	entry = kmalloc(NTOS_DIR_ENTRY_MAX, GFP_KERNEL);
	scan = ntos_dir_scan_of(&f->scan);
	if (!entry || !scan)
		goto out_obj;

	mutex_lock(&scan->lock);
	status = STATUS_SUCCESS;
	if (!scan->loaded || (flags & NT_SL_RESTART_SCAN))
		status = ntos_dir_scan_start(scan, f->file, &mask);
	if (!status) {
		status = ntos_dir_fill(scan, &f->file->f_path, c, ubuf, len,
				       flags & NT_SL_RETURN_SINGLE_ENTRY, entry, &bytes);
		scan->started = true;
	}
	mutex_unlock(&scan->lock);
	if (!ntos_dir_error(status))
		status = ntos_put_iosb(uiosb, status, bytes);
	if (ev && !ntos_dir_error(status))
		ntos_event_set(ev, &prev);
out_obj:
	kfree(entry);
	ntos_object_put(ev);
	ntos_object_put(obj);
out_mask:
	kfree(mask.chars);
	return status;
}

/*
 * NtQueryDirectoryFile(FileHandle, Event, ApcRoutine, ApcContext,
 * IoStatusBlock, FileInformation, Length, FileInformationClass,
 * ReturnSingleEntry, FileName, RestartScan)
 */
static ntstatus_t ntos_nt_query_directory_file(u64 handle, u64 event, u64 apc, u64 apc_context,
					       u64 uiosb, u64 ubuf, u32 len, u32 class,
					       u8 single, u64 umask, u8 restart)
{
	return ntos_query_directory(handle, event, apc, uiosb, ubuf, len, class,
				    (single ? NT_SL_RETURN_SINGLE_ENTRY : 0) |
				    (restart ? NT_SL_RESTART_SCAN : 0), umask);
}

/*
 * NtQueryDirectoryFileEx(FileHandle, Event, ApcRoutine, ApcContext,
 * IoStatusBlock, FileInformation, Length, FileInformationClass,
 * QueryFlags, FileName): SL_INDEX_SPECIFIED is refused, as by the file
 * systems that keep no index.
 */
static ntstatus_t ntos_nt_query_directory_file_ex(u64 handle, u64 event, u64 apc,
						  u64 apc_context, u64 uiosb, u64 ubuf, u32 len,
						  u32 class, u32 flags, u64 umask)
{
	if (flags & NT_SL_INDEX_SPECIFIED)
		return STATUS_NOT_SUPPORTED;
	return ntos_query_directory(handle, event, apc, uiosb, ubuf, len, class, flags, umask);
}
