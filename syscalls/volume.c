// SPDX-License-Identifier: GPL-2.0
/*
 * NtQueryVolumeInformationFile: what a File object's device and volume
 * are, told from the Linux file under it.
 *
 * The device class is what kernelbase's GetFileType and so the C run
 * time's stdio decide by: a FIFO or socket is a named pipe (FILE_TYPE_PIPE),
 * a terminal is the console, /dev/null the null device, another character
 * device an unknown one (all three FILE_TYPE_CHAR), and a file or
 * directory a mounted disk (FILE_TYPE_DISK).  The volume classes come from
 * statfs: the file system is reported as "NTFS", as Wine does, because
 * programs test that name for long names and Unicode, which every Linux
 * file system has; the attributes say what it really does (case-sensitive,
 * no ACLs, no streams).
 */
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/major.h>
#include <linux/statfs.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/file.h"
#include "../personality/handle.h"
#include "../personality/object.h"
#include "../personality/uaccess.h"

/* FileSystemAttributes */
#define NTOS_FILE_CASE_SENSITIVE_SEARCH	0x00000001
#define NTOS_FILE_CASE_PRESERVED_NAMES	0x00000002
#define NTOS_FILE_UNICODE_ON_DISK	0x00000004
#define NTOS_FILE_READ_ONLY_VOLUME	0x00080000

static void ntos_volume_device(struct file *file, struct nt_file_fs_device_information *d)
{
	struct inode *inode = file_inode(file);
	umode_t mode = inode->i_mode;
	unsigned int major = imajor(inode);

	if (S_ISFIFO(mode) || S_ISSOCK(mode)) {
		d->device_type = NT_FILE_DEVICE_NAMED_PIPE;
	} else if (S_ISCHR(mode)) {
		if (major == TTY_MAJOR || major == TTYAUX_MAJOR ||
		    (major >= UNIX98_PTY_SLAVE_MAJOR &&
		     major < UNIX98_PTY_SLAVE_MAJOR + UNIX98_PTY_MAJOR_COUNT))
			d->device_type = NT_FILE_DEVICE_CONSOLE;
		else if (major == MEM_MAJOR && iminor(inode) == 3)
			d->device_type = NT_FILE_DEVICE_NULL;
		else
			d->device_type = NT_FILE_DEVICE_UNKNOWN;
	} else {
		d->device_type = NT_FILE_DEVICE_DISK;
		d->characteristics = NT_FILE_DEVICE_IS_MOUNTED;
	}
}

/* the bytes of the class's answer in @buf, at most @len; the status */
static ntstatus_t ntos_volume_fill(struct file *file, u32 class, u32 len, void *buf, u32 *size)
{
	static const u16 ntfs[] = { 'N', 'T', 'F', 'S' };
	struct kstatfs st;
	u32 unit, spu;

	switch (class) {
	case NT_FILE_FS_DEVICE_INFORMATION:
		if (len < sizeof(struct nt_file_fs_device_information))
			return STATUS_INFO_LENGTH_MISMATCH;
		ntos_volume_device(file, buf);
		*size = sizeof(struct nt_file_fs_device_information);
		return STATUS_SUCCESS;
	case NT_FILE_FS_VOLUME_INFORMATION: {
		struct nt_file_fs_volume_information *v = buf;
		struct super_block *sb = file_inode(file)->i_sb;

		if (len < sizeof(*v))
			return STATUS_INFO_LENGTH_MISMATCH;
		/* no label; the serial number is the device's, stable across mounts of it */
		v->volume_serial_number = new_encode_dev(sb->s_dev);
		*size = offsetof(struct nt_file_fs_volume_information, volume_label);
		return STATUS_SUCCESS;
	}
	case NT_FILE_FS_ATTRIBUTE_INFORMATION: {
		struct nt_file_fs_attribute_information *a = buf;
		u32 at = offsetof(struct nt_file_fs_attribute_information, file_system_name);
		u32 name;

		if (len < sizeof(*a))
			return STATUS_INFO_LENGTH_MISMATCH;
		name = min_t(u32, sizeof(ntfs), (len - at) & ~1U);
		if (vfs_statfs(&file->f_path, &st))
			st.f_namelen = 255;
		a->file_system_attributes = NTOS_FILE_CASE_SENSITIVE_SEARCH |
					    NTOS_FILE_CASE_PRESERVED_NAMES |
					    NTOS_FILE_UNICODE_ON_DISK;
		if (sb_rdonly(file_inode(file)->i_sb))
			a->file_system_attributes |= NTOS_FILE_READ_ONLY_VOLUME;
		a->maximum_component_name_length = min_t(long, st.f_namelen, 255);
		a->file_system_name_length = name;
		memcpy(a->file_system_name, ntfs, name);
		*size = at + name;
		return name < sizeof(ntfs) ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
	}
	case NT_FILE_FS_SIZE_INFORMATION:
	case NT_FILE_FS_FULL_SIZE_INFORMATION: {
		struct nt_file_fs_full_size_information *f = buf;
		int err;

		*size = class == NT_FILE_FS_SIZE_INFORMATION ?
			sizeof(struct nt_file_fs_size_information) : sizeof(*f);
		if (len < *size)
			return STATUS_INFO_LENGTH_MISMATCH;
		err = vfs_statfs(&file->f_path, &st);
		if (err)
			return ntos_errno_status(err);
		/* 512-byte sectors, an allocation unit of the file system's fragment */
		unit = st.f_frsize ?: st.f_bsize;
		spu = max_t(u32, unit / 512, 1);
		f->total_allocation_units = st.f_blocks;
		f->caller_available_allocation_units = st.f_bavail;
		if (class == NT_FILE_FS_SIZE_INFORMATION) {
			struct nt_file_fs_size_information *s = buf;

			s->sectors_per_allocation_unit = spu;
			s->bytes_per_sector = 512;
		} else {
			f->actual_available_allocation_units = st.f_bfree;
			f->sectors_per_allocation_unit = spu;
			f->bytes_per_sector = 512;
		}
		return STATUS_SUCCESS;
	}
	default:
		return STATUS_INVALID_INFO_CLASS;
	}
}

static ntstatus_t ntos_nt_query_volume_information_file(u64 handle, u64 uiosb, u64 ubuf, u32 len,
							u32 class)
{
	union {
		struct nt_file_fs_device_information device;
		struct nt_file_fs_volume_information volume;
		struct nt_file_fs_attribute_information attribute;
		struct nt_file_fs_full_size_information size;
		u8 bytes[32];
	} u;
	struct ntos_object *obj;
	ntstatus_t status;
	u32 size = 0;

	status = ntos_handle_ref(handle, &ntos_file_type, 0, &obj, NULL);
	if (status)
		return status;
	memset(&u, 0, sizeof(u));
	status = ntos_volume_fill(ntos_file_of(obj), class, min_t(u32, len, sizeof(u)), &u,
				  &size);
	ntos_object_put(obj);
	/* a warning (a name cut short) still fills the buffer and the block */
	if (status && status != STATUS_BUFFER_OVERFLOW)
		return status;
	if (copy_to_user(u64_to_user_ptr(ubuf), &u, size))
		return STATUS_ACCESS_VIOLATION;
	return ntos_put_iosb(uiosb, status, size);
}
