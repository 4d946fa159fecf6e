// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/ntpersona: the control device.
 *
 * The node is world-accessible (0666) on purpose: each ioctl decides for
 * itself what the caller may do, from the caller's own credentials.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "ntos.h"
#include "../personality/exec.h"
#include "../personality/process.h"
#include "../syscalls/services.h"
#include "../uapi/ntpersona.h"

static long ntos_ioctl_version(void __user *arg)
{
	struct ntos_version v = {
		.abi = NTOS_ABI_VERSION,
		.nt_build = NTOS_NT_BUILD,
		.nr_services = NTOS_NR_SERVICES,
	};

	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Anyone may make their own process NT: it gains no Linux rights by it. */
static long ntos_ioctl_become_nt(void __user *arg)
{
	struct ntos_region regions[NTOS_MAX_LINUX_REGIONS];
	struct ntos_become_nt req;
	unsigned int i;

	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.nr_regions > NTOS_MAX_LINUX_REGIONS)
		return -EINVAL;
	for (i = 0; i < req.nr_regions; i++) {
		regions[i].start = req.regions[i].start;
		regions[i].end = req.regions[i].end;
	}
	return ntos_process_become_nt(regions, req.nr_regions);
}

static long ntos_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case NTOS_IOC_VERSION:
		return ntos_ioctl_version(uarg);
	case NTOS_IOC_BECOME_NT:
		return ntos_ioctl_become_nt(uarg);
	case NTOS_IOC_EXEC_PE:
		return ntos_exec_pe(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations ntos_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = ntos_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice ntos_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ntpersona",
	.fops = &ntos_fops,
	.mode = 0666,
};

int ntos_device_init(void)
{
	int ret = misc_register(&ntos_misc);

	if (ret)
		pr_err("cannot register /dev/ntpersona: %d\n", ret);
	return ret;
}

void ntos_device_exit(void)
{
	misc_deregister(&ntos_misc);
}
