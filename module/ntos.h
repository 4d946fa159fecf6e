/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the parts of ntpersona.ko.  Every global symbol of
 * the module starts with ntos_.
 */
#ifndef _NTOS_H
#define _NTOS_H

#include "../uapi/ntpersona.h"	/* NTOS_NT_BUILD */

int ntos_device_init(void);
void ntos_device_exit(void);
void ntos_debugfs_init(void);
void ntos_debugfs_exit(void);

#endif /* _NTOS_H */
