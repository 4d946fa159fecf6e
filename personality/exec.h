/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NTOS_EXEC_H
#define _NTOS_EXEC_H

#include <linux/types.h>

struct file;
struct ntos_exec_pe;

/* FILE_GENERIC_READ / FILE_GENERIC_WRITE */
#define NTOS_FILE_GENERIC_READ	0x00120089
#define NTOS_FILE_GENERIC_WRITE	0x00120116

int ntos_exec_pe(struct ntos_exec_pe __user *ureq);

/* syscalls/file.c: a handle of the current process to a File on @file */
long ntos_file_handle(struct file *file, u32 access, u64 *handle);

#endif /* _NTOS_EXEC_H */
