// SPDX-License-Identifier: GPL-2.0
/*
 * File objects and their I/O: NtReadFile, NtWriteFile.
 *
 * A File object holds a reference to a Linux struct file; I/O goes through
 * kernel_read/kernel_write with the opener's credentials, synchronously,
 * through a bounce buffer.  Today File objects come from the std handles
 * of an exec'd NT process (Linux fds 0, 1, 2).
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "service.h"
#include "sync.h"
#include "../personality/exec.h"
#include "../personality/handle.h"
#include "../personality/object.h"

#define NTOS_FILE_READ_DATA		0x0001
#define NTOS_FILE_WRITE_DATA		0x0002
#define NTOS_FILE_APPEND_DATA		0x0004
#define NTOS_FILE_ALL_ACCESS		0x001f01ff
#define NTOS_IO_CHUNK			(64 * 1024)
#define STATUS_END_OF_FILE		0xc0000011
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
 * The parts of NtReadFile and NtWriteFile that are the same: the handle,
 * the IO_STATUS_BLOCK, the event signaled at completion.  APC completion
 * is not supported yet.
 */
static long ntos_file_io(u64 handle, u64 event, u64 apc, u64 uiosb, u64 ubuf, u32 len,
			 bool write)
{
	struct ntos_object *obj, *ev = NULL;
	ssize_t n = 0, done = 0;
	struct file *file;
	long status;
	void *kbuf;
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
	file = container_of(obj, struct ntos_file, obj)->file;
	kbuf = kmalloc(min_t(u32, len, NTOS_IO_CHUNK) ?: 1, GFP_KERNEL);
	status = STATUS_NO_MEMORY;
	if (!kbuf)
		goto out;
	status = STATUS_SUCCESS;
	while (done < len) {
		size_t chunk = min_t(size_t, len - done, NTOS_IO_CHUNK);

		if (write) {
			if (copy_from_user(kbuf, u64_to_user_ptr(ubuf + done), chunk)) {
				status = STATUS_ACCESS_VIOLATION;
				break;
			}
			n = kernel_write(file, kbuf, chunk, &file->f_pos);
		} else {
			n = kernel_read(file, kbuf, chunk, &file->f_pos);
			if (n > 0 && copy_to_user(u64_to_user_ptr(ubuf + done), kbuf, n)) {
				status = STATUS_ACCESS_VIOLATION;
				break;
			}
		}
		if (n < 0) {
			if (!done)
				status = ntos_errno_to_status(n);
			break;
		}
		done += n;
		/* reads return what is there; writes go on until all is written */
		if (!write || !n)
			break;
	}
	kfree(kbuf);
	if (!write && !done && len && status == STATUS_SUCCESS)
		status = STATUS_END_OF_FILE;
	if (status >= 0)
		status = ntos_put_iosb(uiosb, status, done);
	if (ev && status >= 0)
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
