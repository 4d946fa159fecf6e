/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Share modes: what NT opens of one file let each other do.  Windows
 * refuses an open whose access another open does not share, or whose share
 * mode does not allow what another open already does
 * (STATUS_SHARING_VIOLATION).  Linux has no such rule, so only NT opens
 * count, against each other: a Linux process that opens the file is not
 * asked.
 */
#ifndef _NTOS_SHARE_H
#define _NTOS_SHARE_H

#include <linux/types.h>

#include "status.h"

struct inode;

/* FILE_SHARE_* */
#define NTOS_FILE_SHARE_READ	0x1
#define NTOS_FILE_SHARE_WRITE	0x2
#define NTOS_FILE_SHARE_DELETE	0x4
#define NTOS_FILE_SHARE_VALID	0x7

/* What an open of @inode with @access and @share counted for: 0, nothing */
struct ntos_share_open {
	struct inode *inode;
	u8 access;			/* NTOS_SHARE_* of the access it has */
	u8 share;			/* FILE_SHARE_* it allows */
};

/* Whether opens of @inode would let one with @access and @share in (nothing counted) */
ntstatus_t ntos_share_check(struct inode *inode, u32 access, u32 share);

/* Check and count an open of @inode with @access and @share into @open. */
ntstatus_t ntos_share_add(struct ntos_share_open *open, struct inode *inode, u32 access,
			  u32 share);

/* The open leaves: its access and share mode count no more (once). */
void ntos_share_remove(struct ntos_share_open *open);

#endif /* _NTOS_SHARE_H */
