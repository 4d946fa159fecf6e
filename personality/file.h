/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File objects: an NT object holding a reference to a Linux struct file.
 * The object type lives here, with the object manager; the services that
 * open files and move their bytes are in syscalls/file.c, and exec makes
 * the std handles of a new process with ntos_file_handle().  Here too is
 * the device that resolves file names: \Device\LinuxRoot, whose parse
 * routine turns the rest of an NT name into a path of Linux's "/".
 */
#ifndef _NTOS_FILE_H
#define _NTOS_FILE_H

#include <linux/types.h>

#include "object.h"
#include "status.h"

struct file;

#define NTOS_FILE_GENERIC_READ	0x00120089
#define NTOS_FILE_GENERIC_WRITE	0x00120116
#define NTOS_FILE_ALL_ACCESS	0x001f01ff

struct ntos_dir_scan;
struct kstat;

struct ntos_file {
	struct ntos_object obj;
	struct file *file;
	struct ntos_dir_scan *scan;	/* a directory's listing (dirlist.h), made on first use */
};

static inline struct ntos_file *ntos_file_obj(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_file, obj);
}

/* FILE_ATTRIBUTE_* of what @st describes: directory or archive, read-only without write bits */
u32 ntos_file_attributes(const struct kstat *st);

extern struct ntos_object_type ntos_file_type;

static inline struct file *ntos_file_of(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_file, obj)->file;
}

/* A handle of the current process to a new File object on @file */
ntstatus_t ntos_file_handle(struct file *file, u32 access, u64 *handle);

/* The device of drive Z: (\Device\LinuxRoot), for the namespace to name */
struct ntos_object *ntos_linux_root_create(void);

#endif /* _NTOS_FILE_H */
