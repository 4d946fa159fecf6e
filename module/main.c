// SPDX-License-Identifier: GPL-2.0
/*
 * ntpersona: a Windows NT system-call personality for Linux.
 *
 * Module load brings the parts up in dependency order and unload takes them
 * down in reverse; each part owns its own state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>

#include "ntos.h"
#include "../uapi/ntpersona.h"

static int __init ntos_init(void)
{
	int ret;

	ret = ntos_device_init();
	if (ret)
		return ret;
	pr_info("loaded (ABI %d, NT build %d)\n", NTOS_ABI_VERSION,
		NTOS_NT_BUILD);
	return 0;
}

static void __exit ntos_exit(void)
{
	ntos_device_exit();
	pr_info("unloaded\n");
}

module_init(ntos_init);
module_exit(ntos_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Windows NT system-call personality");
MODULE_AUTHOR("The ntpersona developers");
