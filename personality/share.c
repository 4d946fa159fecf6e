// SPDX-License-Identifier: GPL-2.0
/*
 * Share modes (see share.h), as IoCheckShareAccess decides them: only data
 * access counts (read: FILE_READ_DATA or FILE_EXECUTE; write:
 * FILE_WRITE_DATA or FILE_APPEND_DATA; delete: DELETE), an open with none
 * of them is neither checked nor counted.  A new open conflicts if it asks
 * for an access that some open does not share, or does not share an access
 * that some open has.
 *
 * The opens of a file are counted in a record per inode, found in a small
 * hash table under one mutex (opens and last closes of File objects are
 * not a hot path; the mutex is never held across anything that sleeps for
 * long).  A record lives while some open counts in it; the inode outlives
 * the record because each counted File object holds its struct file.
 */
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "share.h"

#define NTOS_SHARE_R	0x1
#define NTOS_SHARE_W	0x2
#define NTOS_SHARE_D	0x4

#define NTOS_ACCESS_READ	(0x0001 | 0x0020)	/* FILE_READ_DATA, FILE_EXECUTE */
#define NTOS_ACCESS_WRITE	(0x0002 | 0x0004)	/* FILE_WRITE_DATA, FILE_APPEND_DATA */
#define NTOS_ACCESS_DELETE	0x00010000

struct ntos_share {
	struct hlist_node link;
	struct inode *inode;
	unsigned int opens;		/* counted opens */
	unsigned int has[3];		/* opens with read, write, delete access */
	unsigned int shares[3];		/* opens that share read, write, delete */
};

static DEFINE_HASHTABLE(ntos_shares, 8);
static DEFINE_MUTEX(ntos_share_lock);

static u8 ntos_share_access(u32 access)
{
	return (access & NTOS_ACCESS_READ ? NTOS_SHARE_R : 0) |
	       (access & NTOS_ACCESS_WRITE ? NTOS_SHARE_W : 0) |
	       (access & NTOS_ACCESS_DELETE ? NTOS_SHARE_D : 0);
}

static struct ntos_share *ntos_share_find(struct inode *inode)
{
	struct ntos_share *s;

	hash_for_each_possible(ntos_shares, s, link, (unsigned long)inode)
		if (s->inode == inode)
			return s;
	return NULL;
}

/* Does an open with @acc (NTOS_SHARE_*) and @share get along with the opens of @s? */
static bool ntos_share_ok(const struct ntos_share *s, u8 acc, u8 share)
{
	unsigned int i;

	if (!s)
		return true;
	for (i = 0; i < 3; i++) {
		if ((acc & BIT(i)) && s->shares[i] != s->opens)
			return false;		/* an open does not share what we ask */
		if (!(share & BIT(i)) && s->has[i])
			return false;		/* we do not share what an open has */
	}
	return true;
}

ntstatus_t ntos_share_check(struct inode *inode, u32 access, u32 share)
{
	u8 acc = ntos_share_access(access);
	bool ok;

	if (!acc)
		return STATUS_SUCCESS;
	mutex_lock(&ntos_share_lock);
	ok = ntos_share_ok(ntos_share_find(inode), acc, share);
	mutex_unlock(&ntos_share_lock);
	return ok ? STATUS_SUCCESS : STATUS_SHARING_VIOLATION;
}

ntstatus_t ntos_share_add(struct ntos_share_open *open, struct inode *inode, u32 access,
			  u32 share)
{
	u8 acc = ntos_share_access(access);
	struct ntos_share *s, *fresh;
	unsigned int i;

	open->inode = NULL;
	if (!acc)
		return STATUS_SUCCESS;
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL_ACCOUNT);
	if (!fresh)
		return STATUS_NO_MEMORY;
	mutex_lock(&ntos_share_lock);
	s = ntos_share_find(inode);
	if (!ntos_share_ok(s, acc, share)) {
		mutex_unlock(&ntos_share_lock);
		kfree(fresh);
		return STATUS_SHARING_VIOLATION;
	}
	if (!s) {
		s = fresh;
		fresh = NULL;
		s->inode = inode;
		hash_add(ntos_shares, &s->link, (unsigned long)inode);
	}
	s->opens++;
	for (i = 0; i < 3; i++) {
		s->has[i] += !!(acc & BIT(i));
		s->shares[i] += !!(share & BIT(i));
	}
	mutex_unlock(&ntos_share_lock);
	kfree(fresh);
	open->inode = inode;
	open->access = acc;
	open->share = share;
	return STATUS_SUCCESS;
}

void ntos_share_remove(struct ntos_share_open *open)
{
	struct ntos_share *s;
	unsigned int i;

	mutex_lock(&ntos_share_lock);
	s = open->inode ? ntos_share_find(open->inode) : NULL;
	if (s) {
		for (i = 0; i < 3; i++) {
			s->has[i] -= !!(open->access & BIT(i));
			s->shares[i] -= !!(open->share & BIT(i));
		}
		if (!--s->opens) {
			hash_del(&s->link);
			kfree(s);
		}
	}
	open->inode = NULL;
	mutex_unlock(&ntos_share_lock);
}
