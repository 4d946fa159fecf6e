/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A directory's listing as NtQueryDirectoryFile walks it: the File object
 * of a directory keeps one scan, its mask and the names of the directory
 * taken at its first query (or a restart), so that each query goes on
 * where the last one stopped.  The service that lays the entries out is
 * syscalls/filedir.c.
 */
#ifndef _NTOS_DIRLIST_H
#define _NTOS_DIRLIST_H

#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "object.h"
#include "status.h"

struct file;

/* One name of the snapshot; the entries follow each other 8-byte aligned. */
struct ntos_dir_name {
	u64 ino;
	u16 len;			/* bytes of name, UTF-8 as Linux keeps it */
	u8 type;			/* DT_* */
	char name[];
};

struct ntos_dir_scan {
	struct mutex lock;		/* one query at a time walks the scan */
	u16 *mask;			/* UTF-16, NULL: "*" */
	unsigned int mask_len;
	char *names;			/* the snapshot */
	size_t used, pos;		/* its size, the next entry */
	size_t last;			/* the entry ntos_dir_scan_next() returned */
	bool loaded;			/* the snapshot is taken */
	bool started;			/* a query has returned an entry */
	unsigned int wlen;		/* that entry's name in UTF-16 */
	u16 wname[NAME_MAX];
};

/* The scan of a directory File object, made on first use; NULL: no memory */
struct ntos_dir_scan *ntos_dir_scan_of(struct ntos_dir_scan **slot);
void ntos_dir_scan_free(struct ntos_dir_scan *scan);

/*
 * (Re)start @scan on the directory @file: a new snapshot of its names.  A
 * non-empty @mask (kmalloc'ed characters) becomes the scan's, which takes
 * it over; an empty one keeps the mask the scan had ("*" at first).
 */
ntstatus_t ntos_dir_scan_start(struct ntos_dir_scan *scan, struct file *file,
			       struct ntos_name *mask);

/*
 * The next name that matches the mask (in UTF-16 in @scan->wname), or NULL
 * at the end; ntos_dir_scan_back() puts it back for the next query.
 */
const struct ntos_dir_name *ntos_dir_scan_next(struct ntos_dir_scan *scan);
void ntos_dir_scan_back(struct ntos_dir_scan *scan);

/* Whether the UTF-16 @name matches the NT file name expression @mask */
bool ntos_dir_name_matches(const u16 *mask, unsigned int mask_len, const u16 *name,
			   unsigned int len);

#endif /* _NTOS_DIRLIST_H */
