// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/ntpersona: what the module holds, for people and tests.
 *
 *   live_objects  objects alive now (built-in directories included)
 *   services      "count name" of every NT service called since load
 *   namespace     the "\" namespace as a tree, WinObj-style
 *   processes     each NT process and its handle table
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "ntos.h"
#include "../syscalls/dispatch.h"
#include "../personality/object.h"
#include "../personality/process.h"

static struct dentry *ntos_debugfs;

static int ntos_services_show(struct seq_file *m, void *v)
{
	ntos_dispatch_show_counts(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ntos_services);

static int ntos_namespace_show(struct seq_file *m, void *v)
{
	ntos_ns_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ntos_namespace);

static int ntos_processes_show_file(struct seq_file *m, void *v)
{
	ntos_processes_show(m);
	return 0;
}

static int ntos_processes_open(struct inode *inode, struct file *file)
{
	return single_open(file, ntos_processes_show_file, inode->i_private);
}

static const struct file_operations ntos_processes_fops = {
	.owner = THIS_MODULE,
	.open = ntos_processes_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

void ntos_debugfs_init(void)
{
	/* debugfs is a debugging aid: failures here are not fatal */
	ntos_debugfs = debugfs_create_dir("ntpersona", NULL);
	debugfs_create_atomic_t("live_objects", 0444, ntos_debugfs, &ntos_live_objects);
	debugfs_create_file("services", 0444, ntos_debugfs, NULL, &ntos_services_fops);
	debugfs_create_file("namespace", 0444, ntos_debugfs, NULL, &ntos_namespace_fops);
	debugfs_create_file("processes", 0444, ntos_debugfs, NULL, &ntos_processes_fops);
}

void ntos_debugfs_exit(void)
{
	debugfs_remove_recursive(ntos_debugfs);
}
