// SPDX-License-Identifier: GPL-2.0
/*
 * ntpersona: a Windows NT system-call personality for Linux.
 *
 * Load brings the parts up in dependency order -- service counters, the
 * object namespace, process tracking, the system-call hook, then the ways
 * in (debugfs, the control device) -- and unload takes them down in
 * reverse.  Unload cannot happen while an NT process lives: each holds a
 * module reference.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>

#include "ntos.h"
#include "../syscalls/dispatch.h"
#include "../personality/exec.h"
#include "../personality/kuser.h"
#include "../personality/nls.h"
#include "../personality/object.h"
#include "../personality/process.h"
#include "../syscalls/services.h"
#include "../uapi/ntpersona.h"

static int __init ntos_init(void)
{
	int ret;

	ret = ntos_dispatch_init();
	if (ret)
		return ret;
	ret = ntos_namespace_init();
	if (ret)
		goto err_dispatch;
	ret = ntos_kuser_init();
	if (ret)
		goto err_namespace;
	ret = ntos_process_init();
	if (ret)
		goto err_kuser;
	ret = ntos_hook_init();
	if (ret)
		goto err_process;
	ntos_debugfs_init();
	ret = ntos_device_init();
	if (ret)
		goto err_debugfs;
	ntos_binfmt_init();	/* last: execs may start NT processes from here on */
	pr_info("loaded: ABI %d, %d services of NT build %d\n", NTOS_ABI_VERSION,
		NTOS_NR_SERVICES, NTOS_NT_BUILD);
	return 0;

err_debugfs:
	ntos_debugfs_exit();
	ntos_hook_exit();
err_process:
	ntos_process_exit();
err_kuser:
	ntos_kuser_exit();
err_namespace:
	ntos_namespace_exit();
	ntos_objects_drain();
err_dispatch:
	ntos_dispatch_exit();
	return ret;
}

static void __exit ntos_exit(void)
{
	ntos_binfmt_exit();
	ntos_device_exit();
	ntos_exec_exit();
	ntos_nls_exit();
	ntos_debugfs_exit();
	ntos_hook_exit();
	ntos_process_exit();
	ntos_kuser_exit();
	ntos_namespace_exit();
	ntos_objects_drain();
	ntos_dispatch_exit();
	pr_info("unloaded\n");
}

module_init(ntos_init);
module_exit(ntos_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Windows NT system-call personality");
MODULE_AUTHOR("The ntpersona developers");
