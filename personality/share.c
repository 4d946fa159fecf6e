// SPDX-License-Identifier: GPL-2.0
/*
 * Share modes (see share.h), as IoCheckShareAccess decides them: only data
 * access counts (read: FILE_READ_DATA or FILE_EXECUTE; write:
 * FILE_WRITE_DATA or FILE_APPEND_DATA; delete: DELETE), an open with none
 * of them is neither checked nor counted.  A new open conflicts if it asks
 * for an access that some open does not share, or does not share an access
 * that some open has.  The caller holds the lock of the counts.
 */
#include <linux/bits.h>

#include "share.h"

#define NTOS_ACCESS_READ	(0x0001 | 0x0020)	/* FILE_READ_DATA, FILE_EXECUTE */
#define NTOS_ACCESS_WRITE	(0x0002 | 0x0004)	/* FILE_WRITE_DATA, FILE_APPEND_DATA */
#define NTOS_ACCESS_DELETE	0x00010000

u8 ntos_share_access(u32 access)
{
	return (access & NTOS_ACCESS_READ ? NTOS_FILE_SHARE_READ : 0) |
	       (access & NTOS_ACCESS_WRITE ? NTOS_FILE_SHARE_WRITE : 0) |
	       (access & NTOS_ACCESS_DELETE ? NTOS_FILE_SHARE_DELETE : 0);
}

bool ntos_share_ok(const struct ntos_share_counts *c, u8 acc, u8 share)
{
	unsigned int i;

	if (!c || !acc)
		return true;
	for (i = 0; i < 3; i++) {
		if ((acc & BIT(i)) && c->shares[i] != c->opens)
			return false;		/* an open does not share what is asked */
		if (!(share & BIT(i)) && c->has[i])
			return false;		/* what an open has is not shared */
	}
	return true;
}

void ntos_share_count(struct ntos_share_counts *c, u8 acc, u8 share, int delta)
{
	unsigned int i;

	if (!acc)
		return;
	c->opens += delta;
	for (i = 0; i < 3; i++) {
		c->has[i] += (acc & BIT(i)) ? delta : 0;
		c->shares[i] += (share & BIT(i)) ? delta : 0;
	}
}
