// SPDX-License-Identifier: GPL-2.0
/*
 * Byte-range locks (see filelock.h), with the rules of Windows' FsRtl
 * package: a range is [start, start + len) of unsigned 64-bit offsets; a
 * lock of length 0 conflicts with nothing; a new exclusive lock conflicts
 * with every lock it overlaps, the caller's own included, a new shared
 * lock with the exclusive locks of other owners only; an unlock that names
 * both kinds takes the exclusive one first.  The owner of a lock is the
 * File object and the key.  The caller holds the
 * list's lock (file.c's) and never sleeps in here.
 */
#include <linux/slab.h>

#include "filelock.h"

struct ntos_byte_lock {
	struct list_head link;
	const struct ntos_file *owner;
	u64 start, len;
	u32 key;
	bool exclusive;
};

/* [s1, s1 + l1) and [s2, s2 + l2) meet; neither wraps (syscalls/filelock.c checks) */
static bool ntos_overlap(u64 s1, u64 l1, u64 s2, u64 l2)
{
	return l1 && l2 && s1 <= s2 + (l2 - 1) && s2 <= s1 + (l1 - 1);
}

bool ntos_locks_may_lock(const struct ntos_lock_list *l, const struct ntos_file *owner, u32 key,
			 u64 start, u64 len, bool exclusive)
{
	const struct ntos_byte_lock *b;

	list_for_each_entry(b, &l->locks, link) {
		if (!ntos_overlap(start, len, b->start, b->len))
			continue;
		/* a shared lock may lie on its owner's exclusive one, nothing else may */
		if (exclusive || (b->exclusive && (b->owner != owner || b->key != key)))
			return false;
	}
	return true;
}

int ntos_locks_add(struct ntos_lock_list *l, const struct ntos_file *owner, u32 key, u64 start,
		   u64 len, bool exclusive)
{
	struct ntos_byte_lock *b = kmalloc(sizeof(*b), GFP_ATOMIC | __GFP_ACCOUNT);

	if (!b)
		return -ENOMEM;
	b->owner = owner;
	b->key = key;
	b->start = start;
	b->len = len;
	b->exclusive = exclusive;
	list_add_tail(&b->link, &l->locks);
	WRITE_ONCE(l->nr, l->nr + 1);
	return 0;
}

static void ntos_locks_drop(struct ntos_lock_list *l, struct ntos_byte_lock *b)
{
	list_del(&b->link);
	WRITE_ONCE(l->nr, l->nr - 1);
	kfree(b);
}

bool ntos_locks_remove(struct ntos_lock_list *l, const struct ntos_file *owner, u32 key,
		       u64 start, u64 len)
{
	struct ntos_byte_lock *b, *found = NULL;

	/* the exclusive one first, where both kinds cover the range */
	list_for_each_entry(b, &l->locks, link)
		if (b->owner == owner && b->key == key && b->start == start && b->len == len &&
		    (!found || b->exclusive)) {
			found = b;
			if (b->exclusive)
				break;
		}
	if (found)
		ntos_locks_drop(l, found);
	return found;
}

bool ntos_locks_remove_owner(struct ntos_lock_list *l, const struct ntos_file *owner)
{
	struct ntos_byte_lock *b, *next;
	bool any = false;

	list_for_each_entry_safe(b, next, &l->locks, link)
		if (b->owner == owner) {
			ntos_locks_drop(l, b);
			any = true;
		}
	return any;
}

bool ntos_locks_io_ok(const struct ntos_lock_list *l, const struct ntos_file *owner, u32 key,
		      u64 start, u64 len, bool write)
{
	const struct ntos_byte_lock *b;
	bool mine;

	list_for_each_entry(b, &l->locks, link) {
		if (!ntos_overlap(start, len, b->start, b->len))
			continue;
		mine = b->owner == owner && b->key == key;
		/* an exclusive lock is its owner's alone; a shared one lets nobody write */
		if (b->exclusive ? !mine : write)
			return false;
	}
	return true;
}
