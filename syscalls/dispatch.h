/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NTOS_DISPATCH_H
#define _NTOS_DISPATCH_H

#include <linux/types.h>

struct pt_regs;
struct seq_file;

long ntos_syscall_entry(struct pt_regs *regs);
int ntos_dispatch_init(void);
void ntos_dispatch_exit(void);
void ntos_dispatch_show_counts(struct seq_file *m);

int ntos_hook_init(void);
void ntos_hook_exit(void);

#endif /* _NTOS_DISPATCH_H */
