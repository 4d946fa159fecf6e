// SPDX-License-Identifier: GPL-2.0
/*
 * File objects and their I/O: NtReadFile, NtWriteFile.
 *
 * A File object holds a reference to a Linux struct file; I/O goes through
 * vfs_iter_read/vfs_iter_write on the caller's buffer, synchronously, with
 * the checks read(2) and write(2) make.  Today File objects come from the std handles
 * of an exec'd NT process (Linux fds 0, 1, 2).
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

#include "service.h"
#include "sync.h"
#include "../personality/exec.h"
#include "../personality/handle.h"
#include "../personality/object.h"

#define NTOS_FILE_READ_DATA		0x0001
#define NTOS_FILE_WRITE_DATA		0x0002
#define NTOS_FILE_APPEND_DATA		0x0004
#define NTOS_FILE_ALL_ACCESS		0x001f01ff
#define STATUS_PIPE_BROKEN		0xc000014b

struct ntos_file {
	struct ntos_object obj;
	struct file *file;
};

static void ntos_file_destroy(struct ntos_object *obj)
{
	struct ntos_file *f = container_of(obj, struct ntos_file, obj);

	fput(f->file);
	kfree(f);
}

static struct ntos_object_type ntos_file_type = {
	.name = "File",
	.index = 37,
	.valid_access = NTOS_FILE_ALL_ACCESS,
	.mapping = { NTOS_FILE_GENERIC_READ, NTOS_FILE_GENERIC_WRITE, 0x001200a0,
		     NTOS_FILE_ALL_ACCESS },
	.destroy = ntos_file_destroy,
};

long ntos_file_handle(struct file *file, u32 access, u64 *handle)
{
	struct ntos_file *f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	long status;

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

static long ntos_errno_to_status(long err)
{
	switch (err) {
	case -EFAULT:
		return STATUS_ACCESS_VIOLATION;
	case -EPIPE:
		return STATUS_PIPE_BROKEN;
	case -ENOMEM:
		return STATUS_NO_MEMORY;
	case -EBADF:
		return STATUS_ACCESS_DENIED;
	case -EINTR:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
	case -ERESTARTNOHAND:
		return -ERESTARTNOINTR;	/* the signal's handler runs, then the call again */
	default:
		return STATUS_UNSUCCESSFUL;
	}
}

/* IO_STATUS_BLOCK: the status, then the bytes moved. */
static long ntos_put_iosb(u64 uiosb, long status, u64 info)
{
	u64 iosb[2] = { (u32)status, info };

	if (copy_to_user(u64_to_user_ptr(uiosb), iosb, sizeof(iosb)))
		return STATUS_ACCESS_VIOLATION;
	return status;
}

/*
 * Move @len bytes between the caller's buffer and @file, as read(2) and
 * write(2) would: vfs_iter_read/write check the open mode and the LSM, and
 * take any file (a .read-only driver such as /dev/null included).  A write
 * goes on until everything is written; a read returns what is there.
 */
static ssize_t ntos_file_rw(struct file *file, u64 ubuf, u32 len, bool write)
{
	loff_t pos = file->f_pos, *ppos = (file->f_mode & FMODE_STREAM) ? NULL : &pos;
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
	if (ppos && done)
		file->f_pos = pos;
	return done ? done : n;
}

/*
 * The parts of NtReadFile and NtWriteFile that are the same: the handle,
 * the IO_STATUS_BLOCK, the event signaled at completion.  APC completion
 * is not supported yet.
 */
static long ntos_file_io(u64 handle, u64 event, u64 apc, u64 uiosb, u64 ubuf, u32 len,
			 bool write)
{
	struct ntos_object *obj, *ev = NULL;
	long status;
	ssize_t n;
	s32 prev;

	if (apc)
		return STATUS_NOT_SUPPORTED;
	status = ntos_handle_ref(handle, &ntos_file_type,
				 write ? NTOS_FILE_WRITE_DATA : NTOS_FILE_READ_DATA, &obj, NULL);
	if (status)
		return status;
	if (event) {
		status = ntos_handle_ref(event, &ntos_event_type, EVENT_MODIFY_STATE, &ev, NULL);
		if (status)
			goto out;
	}
	n = ntos_file_rw(container_of(obj, struct ntos_file, obj)->file, ubuf, len, write);
	if (n < 0)
		status = ntos_errno_to_status(n);
	else if (!n && len && !write)
		status = STATUS_END_OF_FILE;
	else
		status = ntos_put_iosb(uiosb, STATUS_SUCCESS, n);
	if (ev && status == STATUS_SUCCESS)
		ntos_event_set(ev, &prev);
out:
	ntos_object_put(ev);
	ntos_object_put(obj);
	return status;
}

/*
 * NtReadFile and NtWriteFile(File, Event, ApcRoutine, ApcContext,
 * IoStatusBlock, Buffer, Length, ByteOffset, Key): ByteOffset and Key are
 * not used, the file position is the Linux one.
 */
long ntos_svc_nt_read_file(const u64 *args)
{
	return ntos_file_io(args[0], args[1], args[2], args[4], args[5], (u32)args[6], false);
}

long ntos_svc_nt_write_file(const u64 *args)
{
	return ntos_file_io(args[0], args[1], args[2], args[4], args[5], (u32)args[6], true);
}
