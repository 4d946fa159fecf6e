/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Byte-range locks as Windows keeps them (NtLockFile, NtUnlockFile): a
 * list per file, in the state every File object of the inode shares
 * (file.c), whose lock guards it.  Windows' locks are mandatory: a read
 * of a range another open holds exclusively, or a write into a range
 * another open holds (or one the writer holds shared), fails with
 * STATUS_FILE_LOCK_CONFLICT.  They bind NT opens only: Linux's own
 * reads and writes do not look at them.
 */
#ifndef _NTOS_FILELOCK_H
#define _NTOS_FILELOCK_H

#include <linux/list.h>
#include <linux/types.h>

struct ntos_file;

struct ntos_lock_list {
	struct list_head locks;
	unsigned int nr;		/* read without the lock by the I/O's fast path */
};

/* Whether a lock of @start + @len by @owner with @key may be taken now */
bool ntos_locks_may_lock(const struct ntos_lock_list *l, const struct ntos_file *owner, u32 key,
			 u64 start, u64 len, bool exclusive);

/* Take it (checked); -ENOMEM */
int ntos_locks_add(struct ntos_lock_list *l, const struct ntos_file *owner, u32 key, u64 start,
		   u64 len, bool exclusive);

/* Drop the lock that is exactly this one; false if there is none */
bool ntos_locks_remove(struct ntos_lock_list *l, const struct ntos_file *owner, u32 key,
		       u64 start, u64 len);

/* Drop every lock of @owner (its last handle closed); true if there was one */
bool ntos_locks_remove_owner(struct ntos_lock_list *l, const struct ntos_file *owner);

/* Whether @owner with @key may read (@write false) or write @start + @len */
bool ntos_locks_io_ok(const struct ntos_lock_list *l, const struct ntos_file *owner, u32 key,
		      u64 start, u64 len, bool write);

#endif /* _NTOS_FILELOCK_H */
