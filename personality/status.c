// SPDX-License-Identifier: GPL-2.0
/*
 * What a Linux error means to an NT caller.  One table for every service:
 * a service with a rule of its own (memory: any mapping failure other than
 * memory or permission is the address's fault) applies it before asking
 * here.  An interrupted call is not an NTSTATUS: ntos_errno_ret() makes it
 * a restart.
 */
#include "status.h"

ntstatus_t ntos_errno_status(int err)
{
	switch (err) {
	case -EFAULT:
		return STATUS_ACCESS_VIOLATION;
	case -EPIPE:
		return STATUS_PIPE_BROKEN;
	case -ENOMEM:
		return STATUS_NO_MEMORY;
	case -EBADF:
	case -EACCES:
	case -EPERM:
		return STATUS_ACCESS_DENIED;
	case -ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case -ENOTDIR:
	case -ELOOP:
		return STATUS_OBJECT_PATH_NOT_FOUND;
	case -EEXIST:
		return STATUS_OBJECT_NAME_COLLISION;
	case -EISDIR:
		return STATUS_FILE_IS_A_DIRECTORY;
	case -ENAMETOOLONG:
		return STATUS_OBJECT_NAME_INVALID;
	case -EMFILE:
	case -ENFILE:
		return STATUS_TOO_MANY_OPENED_FILES;
	case -ENOSPC:
	case -EDQUOT:
		return STATUS_DISK_FULL;
	case -EROFS:
		return STATUS_MEDIA_WRITE_PROTECTED;
	case -EINVAL:
		return STATUS_INVALID_PARAMETER;
	case -ENOTEMPTY:
		return STATUS_DIRECTORY_NOT_EMPTY;
	case -EXDEV:
		return STATUS_NOT_SAME_DEVICE;
	default:
		return STATUS_UNSUCCESSFUL;
	}
}
