/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Share modes: what NT opens of one file let each other do.  Windows
 * refuses an open whose access another open does not share, or whose share
 * mode does not allow what another open already does
 * (STATUS_SHARING_VIOLATION).  Linux has no such rule, so only NT opens
 * count, against each other: a Linux process that opens the file is not
 * asked.  The counts live in the state every File object of an inode
 * shares (file.c); here is the rule.
 */
#ifndef _NTOS_SHARE_H
#define _NTOS_SHARE_H

#include <linux/types.h>

/* FILE_SHARE_* */
#define NTOS_FILE_SHARE_READ	0x1
#define NTOS_FILE_SHARE_WRITE	0x2
#define NTOS_FILE_SHARE_DELETE	0x4
#define NTOS_FILE_SHARE_VALID	0x7

/* The opens of one file that count: with read, write, delete access; sharing each */
struct ntos_share_counts {
	unsigned int opens;
	unsigned int has[3];
	unsigned int shares[3];
};

/* The data access of @access that share modes count (FILE_SHARE_*'s bits); 0: none */
u8 ntos_share_access(u32 access);

/* Whether an open with data access @acc and share mode @share gets along with @c */
bool ntos_share_ok(const struct ntos_share_counts *c, u8 acc, u8 share);

/* Count an open in (@delta 1) or out (-1) */
void ntos_share_count(struct ntos_share_counts *c, u8 acc, u8 share, int delta);

#endif /* _NTOS_SHARE_H */
