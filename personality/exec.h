/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NTOS_EXEC_H
#define _NTOS_EXEC_H

#include <linux/types.h>

#include "status.h"

struct file;
struct ntos_image;
struct ntos_pe;
struct ntos_exec_pe;
struct ntos_region;

/* Everything an exec needs, gathered before anything in the process changes. */
struct ntos_exec_ctx {
	struct file *file;		/* the program */
	struct ntos_image *image;	/* its image, checked and laid out */
	const struct ntos_pe *pe;	/* its headers */
	struct ntos_image *dll;		/* the system's ntdll.dll, or NULL if not installed */
	char *system_dir;		/* the directory ntdll.dll came from */
	char **argv, **envp;
	unsigned int argc, envc;
	unsigned long base, dll_base, stack_top, stack_size, block;
	u64 system_dir_at;		/* user address of its DOS path, for ntdll */
};

int ntos_exec_pe(struct ntos_exec_pe __user *ureq);
int ntos_exec_prepare(struct ntos_exec_ctx *ctx, struct file *file);
int ntos_exec_start(struct ntos_exec_ctx *ctx, const struct ntos_region *regions,
		    unsigned int nr, struct ntos_exec_pe *out);
void ntos_exec_free(struct ntos_exec_ctx *ctx);
void ntos_exec_exit(void);

/* binfmt.c: the module's own handler of PE files */
void ntos_binfmt_init(void);
void ntos_binfmt_exit(void);

#endif /* _NTOS_EXEC_H */
