// SPDX-License-Identifier: GPL-2.0
/*
 * File objects and their I/O: NtCreateFile, NtOpenFile, NtReadFile,
 * NtWriteFile, NtFlushBuffersFile.  What a file is (its information classes,
 * deleting and renaming it) is syscalls/fileinfo.c's.
 *
 * A File object holds a reference to a Linux struct file: opened by
 * NtCreateFile/NtOpenFile with the caller's credentials (filp_open), or one
 * of the std handles of an exec'd NT process (Linux fds 0, 1, 2).  I/O goes
 * through vfs_iter_read/vfs_iter_write on the caller's buffer,
 * synchronously, with the checks read(2) and write(2) make.
 *
 * Names are looked up in the object namespace up to a device, whose parse
 * routine makes the rest a Linux path (ntos_ns_parse()): drive Z: is
 * Linux's "/" (as in Wine), so \??\Z:\dir\file, \DosDevices\Z:\... and
 * \Device\LinuxRoot\... are /dir/file.  Names past the device are
 * exact, or without regard to ASCII letter case for OBJ_CASE_INSENSITIVE
 * (ntos_path_fold()); share modes are enforced between NT opens
 * (personality/share.h); other drives are not found.  FILE_DIRECTORY_FILE with FILE_CREATE
 * or FILE_OPEN_IF makes a directory (vfs_mkdir).  FILE_DELETE_ON_CLOSE makes the
 * File object mark its file for deletion at its last handle, and a marked
 * file is not opened (STATUS_DELETE_PENDING; personality/file.h).
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/stat.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

#include "service.h"
#include "../personality/syncobj.h"
#include "../personality/file.h"
#include "../personality/handle.h"
#include "../personality/object.h"
#include "../personality/process.h"

#define NTOS_FILE_READ_DATA		0x0001
#define NTOS_FILE_WRITE_DATA		0x0002
#define NTOS_FILE_APPEND_DATA		0x0004
#define NTOS_DELETE			0x00010000

/* CreateDisposition */
#define NTOS_FILE_SUPERSEDE		0
#define NTOS_FILE_OPEN			1
#define NTOS_FILE_CREATE		2
#define NTOS_FILE_OPEN_IF		3
#define NTOS_FILE_OVERWRITE		4
#define NTOS_FILE_OVERWRITE_IF		5
/* IO_STATUS_BLOCK.Information of a create */
#define NTOS_FILE_SUPERSEDED		0
#define NTOS_FILE_OPENED		1
#define NTOS_FILE_CREATED		2
#define NTOS_FILE_OVERWRITTEN		3
/* CreateOptions */
#define NTOS_FILE_DIRECTORY_FILE	0x00000001
/* those FileModeInformation reports: write-through, sequential, no buffering, synchronous */
#define NTOS_FILE_MODE_OPTIONS		0x0000003e
#define NTOS_FILE_NON_DIRECTORY_FILE	0x00000040
#define NTOS_FILE_DELETE_ON_CLOSE	0x00001000
#define NTOS_FILE_VALID_OPTIONS		0x00ffffff
/* ByteOffset: "the file position" (FILE_USE_FILE_POINTER_POSITION) */
#define NTOS_FILE_USE_POSITION		(-2LL)

/*
 * Move @len bytes between the caller's buffer and @file, as read(2) and
 * write(2) would: vfs_iter_read/write check the open mode and the LSM, and
 * take any file (a .read-only driver such as /dev/null included).  A write
 * goes on until everything is written; a read returns what is there.  At
 * @offset if it is not negative, else at the file position; the position
 * ends after the bytes moved either way, as for NT's synchronous files.
 */
static ssize_t ntos_file_rw(struct file *file, u64 ubuf, u32 len, bool write, s64 offset)
{
	loff_t pos = offset >= 0 ? offset : file->f_pos;
	loff_t *ppos = (file->f_mode & FMODE_STREAM) ? NULL : &pos;
	struct iov_iter iter;
	ssize_t n, done = 0;

	iov_iter_ubuf(&iter, write ? ITER_SOURCE : ITER_DEST, u64_to_user_ptr(ubuf), len);
	do {
		if (write)
			n = vfs_iter_write(file, &iter, ppos, 0);
		else
			n = vfs_iter_read(file, &iter, ppos, 0);
		if (n > 0)
			done += n;
	} while (write && n > 0 && iov_iter_count(&iter));
	if (ppos && (done || offset >= 0))
		file->f_pos = pos;
	return done ? done : n;
}

/*
 * ByteOffset: NULL or FILE_USE_FILE_POINTER_POSITION for the file
 * position, -1 (FILE_WRITE_TO_END_OF_FILE) for the end of the file on a
 * write, else where to start.  *@offset < 0 means the file position.
 */
static ntstatus_t ntos_file_offset(u64 uoffset, struct file *file, bool write, s64 *offset)
{
	*offset = NTOS_FILE_USE_POSITION;
	if (!uoffset)
		return STATUS_SUCCESS;
	if (get_user(*offset, (s64 __user *)u64_to_user_ptr(uoffset)))
		return STATUS_ACCESS_VIOLATION;
	if (*offset == -1 && write)
		*offset = i_size_read(file_inode(file));
	else if (*offset < 0 && *offset != NTOS_FILE_USE_POSITION)
		return STATUS_INVALID_PARAMETER;
	return STATUS_SUCCESS;
}

/*
 * The parts of NtReadFile and NtWriteFile that are the same: the handle,
 * the IO_STATUS_BLOCK, the event signaled at completion.  APC completion
 * is not supported yet.
 */
static ntos_ret_t ntos_file_io(u64 handle, u64 event, u64 apc, u64 uiosb, u64 ubuf, u32 len,
			       u64 uoffset, u64 ukey, bool write)
{
	u32 key = 0;
	struct file *file;
	s64 offset;
	struct ntos_object *obj, *ev = NULL;
	ntstatus_t status;
	ntos_ret_t ret;
	ssize_t n;
	s32 prev;

	if (apc)
		return ntos_ret(STATUS_NOT_SUPPORTED);
	status = ntos_handle_ref(handle, &ntos_file_type,
				 write ? NTOS_FILE_WRITE_DATA : NTOS_FILE_READ_DATA, &obj, NULL);
	if (status)
		return ntos_ret(status);
	if (event) {
		status = ntos_handle_ref(event, &ntos_event_type, EVENT_MODIFY_STATE, &ev, NULL);
		if (status)
			goto out;
	}
	file = ntos_file_of(obj);
	status = ntos_file_offset(uoffset, file, write, &offset);
	if (status)
		goto out;
	status = STATUS_ACCESS_VIOLATION;
	if (ukey && get_user(key, (u32 __user *)u64_to_user_ptr(ukey)))
		goto out;
	/* the byte-range locks of other opens (and a shared one of this) */
	status = STATUS_FILE_LOCK_CONFLICT;
	if (!ntos_file_io_allowed(ntos_file_obj(obj), key, offset >= 0 ? offset : file->f_pos,
				  len, write))
		goto out;
	n = ntos_file_rw(file, ubuf, len, write, offset);
	if (n < 0) {		/* an interrupted transfer is made again */
		ret = ntos_errno_ret(n);
		ntos_object_put(ev);
		ntos_object_put(obj);
		return ret;
	}
	/* the end: of a file, or of a pipe whose writers are gone, as Windows says it of a pipe */
	if (!n && len && !write)
		status = S_ISFIFO(file_inode(file)->i_mode) ? STATUS_PIPE_BROKEN :
			 STATUS_END_OF_FILE;
	else
		status = ntos_put_iosb(uiosb, STATUS_SUCCESS, n);
	if (ev && status == STATUS_SUCCESS)
		ntos_event_set(ev, &prev);
out:
	ntos_object_put(ev);
	ntos_object_put(obj);
	return ntos_ret(status);
}

/* Key: whose byte-range locks the transfer may use; ApcContext goes with the APC routine. */
static ntos_ret_t ntos_nt_read_file(u64 handle, u64 event, u64 apc, u64 apc_context, u64 uiosb,
				    u64 ubuf, u32 len, u64 uoffset, u64 ukey)
{
	return ntos_file_io(handle, event, apc, uiosb, ubuf, len, uoffset, ukey, false);
}

static ntos_ret_t ntos_nt_write_file(u64 handle, u64 event, u64 apc, u64 apc_context, u64 uiosb,
				     u64 ubuf, u32 len, u64 uoffset, u64 ukey)
{
	return ntos_file_io(handle, event, apc, uiosb, ubuf, len, uoffset, ukey, true);
}

/* O_* from the (mapped) access asked: data access decides the mode, none is O_PATH. */
static int ntos_file_open_mode(u32 access)
{
	bool rd = access & NTOS_FILE_READ_DATA;
	bool wr = access & (NTOS_FILE_WRITE_DATA | NTOS_FILE_APPEND_DATA);

	if (rd && wr)
		return O_RDWR;
	if (wr)
		return O_WRONLY;
	return rd ? O_RDONLY : O_PATH;
}

/*
 * Open @path as @disposition asks.  Whether the file was created is known
 * by trying without O_CREAT first; *@info gets FILE_OPENED, FILE_CREATED,
 * FILE_OVERWRITTEN or FILE_SUPERSEDED.
 */
static struct file *ntos_file_open_path(const char *path, int mode, u32 disposition,
					u32 *info)
{
	int flags = mode | O_LARGEFILE | O_NOCTTY;
	struct file *file;
	int err;

	/* a directory is made first (mkdir), then opened as any is */
	if ((mode & O_DIRECTORY) && disposition != NTOS_FILE_OPEN) {
		err = ntos_file_mkdir(path, 0777);
		if (err == -EEXIST && disposition == NTOS_FILE_OPEN_IF) {
			*info = NTOS_FILE_OPENED;
			return filp_open(path, flags, 0);
		}
		if (err)
			return ERR_PTR(err);
		*info = NTOS_FILE_CREATED;
		return filp_open(path, flags, 0);
	}
	switch (disposition) {
	case NTOS_FILE_CREATE:
		*info = NTOS_FILE_CREATED;
		return filp_open(path, flags | O_CREAT | O_EXCL, 0666);
	case NTOS_FILE_OPEN:
		*info = NTOS_FILE_OPENED;
		return filp_open(path, flags, 0);
	case NTOS_FILE_OVERWRITE:
		*info = NTOS_FILE_OVERWRITTEN;
		return filp_open(path, flags | O_TRUNC, 0);
	}
	/* OPEN_IF, OVERWRITE_IF, SUPERSEDE: open, or create if it is not there */
	flags |= disposition == NTOS_FILE_OPEN_IF ? 0 : O_TRUNC;
	file = filp_open(path, flags, 0);
	if (!IS_ERR(file)) {
		*info = disposition == NTOS_FILE_OPEN_IF ? NTOS_FILE_OPENED :
			disposition == NTOS_FILE_SUPERSEDE ? NTOS_FILE_SUPERSEDED :
			NTOS_FILE_OVERWRITTEN;
		return file;
	}
	if (PTR_ERR(file) != -ENOENT)
		return file;
	*info = NTOS_FILE_CREATED;
	return filp_open(path, flags | O_CREAT, 0666);
}

/*
 * The dispositions that cut an existing file do it in the open: whether it
 * is marked for deletion and the share modes of the NT opens already there
 * are asked first (and again, counting, once the file is open).
 */
static ntstatus_t ntos_file_share_precheck(const char *path, u32 disposition, u32 access,
					   u32 share)
{
	struct path p;
	ntstatus_t status;

	if (disposition != NTOS_FILE_OVERWRITE && disposition != NTOS_FILE_OVERWRITE_IF &&
	    disposition != NTOS_FILE_SUPERSEDE)
		return STATUS_SUCCESS;
	if (kern_path(path, LOOKUP_FOLLOW, &p))
		return STATUS_SUCCESS;		/* not there: the open says why */
	/* a file marked for deletion first, as NTFS asks */
	if (ntos_inode_delete_pending(d_inode(p.dentry)))
		status = STATUS_DELETE_PENDING;
	else
		status = ntos_file_share_check(d_inode(p.dentry), access, share);
	path_put(&p);
	return status;
}

/*
 * FileAttributes of a file made or written over: FILE_ATTRIBUTE_READONLY
 * takes its write bits, as Windows makes it read-only (the open's own
 * access stays).  Best effort: one who may write over a file it does not
 * own may not chmod it.
 */
static void ntos_file_new_attributes(struct file *file, u32 attributes)
{
	struct inode *inode = file_inode(file);
	struct iattr ia = { .ia_valid = ATTR_MODE | ATTR_CTIME };

	if (!(attributes & NT_FILE_ATTRIBUTE_READONLY) || S_ISDIR(inode->i_mode) ||
	    !(inode->i_mode & 0222))
		return;
	ia.ia_mode = inode->i_mode & ~0222;
	ntos_file_setattr(&file->f_path, &ia);
}

/* @path names nothing (as spelled) */
static bool ntos_file_missing(const char *path)
{
	struct path p;

	if (kern_path(path, LOOKUP_FOLLOW, &p))
		return true;
	path_put(&p);
	return false;
}

static ntos_ret_t ntos_file_create(u64 uhandle, u32 access, u64 uoa, u64 uiosb, u32 disposition,
				   u32 options, u32 share, u32 attributes)
{
	bool ci;
	u32 info = 0, mode;
	struct file *file;
	struct ntos_file *f;
	struct ntos_oa oa;
	char *path;
	ntstatus_t status;
	ntos_ret_t ret;
	bool max;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return ntos_ret(status);
	if (disposition > NTOS_FILE_OVERWRITE_IF || (share & ~NTOS_FILE_SHARE_VALID))
		return ntos_ret(STATUS_INVALID_PARAMETER);
	if ((options & ~NTOS_FILE_VALID_OPTIONS) ||
	    ((options & NTOS_FILE_DIRECTORY_FILE) && (options & NTOS_FILE_NON_DIRECTORY_FILE)))
		return ntos_ret(STATUS_INVALID_PARAMETER);
	/* a directory is opened or created, never overwritten */
	if ((options & NTOS_FILE_DIRECTORY_FILE) && disposition != NTOS_FILE_OPEN &&
	    disposition != NTOS_FILE_CREATE && disposition != NTOS_FILE_OPEN_IF)
		return ntos_ret(STATUS_INVALID_PARAMETER);
	status = ntos_oa_capture(&oa, uoa, false);
	if (status)
		return ntos_ret(status);
	if (oa.root_obj) {		/* relative opens: not yet */
		ntos_oa_free(&oa);
		return ntos_ret(STATUS_NOT_SUPPORTED);
	}
	/* through the namespace, to a device that makes it a Linux path */
	path = ntos_ns_parse(&oa, &status);
	ntos_oa_free(&oa);
	if (!path)
		return ntos_ret(status);

	/*
	 * MAXIMUM_ALLOWED: read and write if the caller may, else read; the
	 * handle then grants what the open got.
	 */
	max = access & NT_MAXIMUM_ALLOWED;
	access = ntos_map_access(&ntos_file_type, access & ~NT_MAXIMUM_ALLOWED);
	/* delete on close is for those who asked to delete */
	if ((options & NTOS_FILE_DELETE_ON_CLOSE) && !max && !(access & NTOS_DELETE)) {
		kfree(path);
		return ntos_ret(STATUS_INVALID_PARAMETER);
	}
	status = ntos_file_share_precheck(path, disposition, max ? NTOS_FILE_GENERIC_READ |
					  NTOS_FILE_GENERIC_WRITE : access, share);
	if (status) {
		kfree(path);
		return ntos_ret(status);
	}
	mode = max ? O_RDWR : ntos_file_open_mode(access);
	if (max && (options & NTOS_FILE_DIRECTORY_FILE))	/* Linux writes no directory */
		mode = O_RDONLY;
	if (options & NTOS_FILE_DIRECTORY_FILE)
		mode |= O_DIRECTORY;
	/*
	 * OBJ_CASE_INSENSITIVE (kernelbase always asks it): the exact name
	 * first; a disposition that may create looks for another letter case
	 * before it makes a new file, the others after the open missed.
	 */
	ci = oa.attributes & OBJ_CASE_INSENSITIVE;
	if (ci && disposition != NTOS_FILE_OPEN && disposition != NTOS_FILE_OVERWRITE &&
	    ntos_file_missing(path))
		ntos_path_fold(path);
	file = ntos_file_open_path(path, mode, disposition, &info);
	if (ci && IS_ERR(file) && PTR_ERR(file) == -ENOENT && ntos_path_fold(path))
		file = ntos_file_open_path(path, mode, disposition, &info);
	if (max && IS_ERR(file) && (PTR_ERR(file) == -EACCES || PTR_ERR(file) == -EROFS ||
				    PTR_ERR(file) == -EISDIR || PTR_ERR(file) == -ETXTBSY))
		file = ntos_file_open_path(path, mode & ~O_ACCMODE, disposition, &info);
	if (IS_ERR(file)) {
		if (PTR_ERR(file) == -ENOENT)
			ret = ntos_ret(ntos_path_not_found(path));
		else if (PTR_ERR(file) == -ENOTDIR && (options & NTOS_FILE_DIRECTORY_FILE))
			ret = ntos_ret(STATUS_NOT_A_DIRECTORY);
		else		/* an interrupted open (a FIFO's) is made again */
			ret = ntos_errno_ret(PTR_ERR(file));
		kfree(path);
		return ret;
	}
	kfree(path);
	if ((options & NTOS_FILE_NON_DIRECTORY_FILE) && S_ISDIR(file_inode(file)->i_mode)) {
		fput(file);
		return ntos_ret(STATUS_FILE_IS_A_DIRECTORY);
	}
	if (max)
		access |= NTOS_FILE_GENERIC_READ |
			  (file->f_mode & FMODE_WRITE ? NTOS_FILE_GENERIC_WRITE : 0);
	/*
	 * FILE_READ_ATTRIBUTES comes with every open, as NTFS grants it to
	 * whoever may list the parent and as Linux lets whoever reached a file
	 * stat it: Wine's kernelbase queries the attributes of handles it
	 * opened without it (MoveFileWithProgressW's DELETE-only source).
	 */
	access |= NTOS_FILE_READ_ATTRIBUTES;
	/*
	 * FILE_WRITE_ATTRIBUTES too for whoever Linux lets chmod and utimes the
	 * file, its owner (or CAP_FOWNER): Wine's SetFileAttributesW sets the
	 * basic information through a handle opened with SYNCHRONIZE only.
	 */
	if (inode_owner_or_capable(ntos_mnt_idmap(file->f_path.mnt), file_inode(file)))
		access |= NTOS_FILE_WRITE_ATTRIBUTES;
	if (options & NTOS_FILE_DELETE_ON_CLOSE) {
		status = ntos_file_may_delete(&file->f_path, false);
		if (status) {
			fput(file);
			return ntos_ret(status);
		}
	}
	if (info != NTOS_FILE_OPENED)
		ntos_file_new_attributes(file, attributes);

	f = ntos_file_alloc(file, options & NTOS_FILE_MODE_OPTIONS, true, access, share,
			    &status);
	if (!f) {
		fput(file);
		return ntos_ret(status);
	}
	if (options & NTOS_FILE_DELETE_ON_CLOSE)
		ntos_file_set_delete(f, true, true);
	status = ntos_handle_create(&f->obj, access, oa.attributes, uhandle);
	if (status)
		return ntos_ret(status);
	return ntos_ret(ntos_put_iosb(uiosb, STATUS_SUCCESS, info));
}

/*
 * AllocationSize is a hint Linux has no use for, and so are FileAttributes
 * other than FILE_ATTRIBUTE_READONLY; extended attributes are not
 * supported.
 */
static ntos_ret_t ntos_nt_create_file(u64 uhandle, u32 access, u64 uoa, u64 uiosb,
				      u64 uallocation_size, u32 attributes, u32 share,
				      u32 disposition, u32 options, u64 uea, u32 ea_len)
{
	if (uea || ea_len)
		return ntos_ret(STATUS_NOT_SUPPORTED);
	return ntos_file_create(uhandle, access, uoa, uiosb, disposition, options, share,
				attributes);
}

/* NtCreateFile with FILE_OPEN */
static ntos_ret_t ntos_nt_open_file(u64 uhandle, u32 access, u64 uoa, u64 uiosb, u32 share,
				    u32 options)
{
	return ntos_file_create(uhandle, access, uoa, uiosb, NTOS_FILE_OPEN, options, share, 0);
}

/*
 * NtFlushBuffersFile(FileHandle, IoStatusBlock): the file's data and
 * metadata to the disk (vfs_fsync).  A handle that may write is needed; a
 * file without a flush of its own (a pipe, a terminal) has nothing to do.
 */
static ntstatus_t ntos_nt_flush_buffers_file(u64 handle, u64 uiosb)
{
	struct ntos_handle_entry info;
	struct ntos_object *obj;
	struct file *file;
	ntstatus_t status;
	int err = 0;

	status = ntos_handle_ref(handle, &ntos_file_type, 0, &obj, &info);
	if (status)
		return status;
	file = ntos_file_of(obj);
	if (!(info.access & (NTOS_FILE_WRITE_DATA | NTOS_FILE_APPEND_DATA)))
		status = STATUS_ACCESS_DENIED;
	else if (file->f_op && file->f_op->fsync)
		err = vfs_fsync(file, 0);
	ntos_object_put(obj);
	if (status)
		return status;
	if (err)
		return ntos_errno_status(err);
	return ntos_put_iosb(uiosb, STATUS_SUCCESS, 0);
}
