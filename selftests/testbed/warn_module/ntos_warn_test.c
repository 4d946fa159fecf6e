// SPDX-License-Identifier: GPL-2.0
/*
 * A module whose only job is to WARN when loaded: the test bed's own test
 * loads it to prove that a kernel warning in the guest fails the run.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init ntos_warn_test_init(void)
{
	WARN(1, "ntos_warn_test: deliberate warning\n");
	return 0;
}

static void __exit ntos_warn_test_exit(void)
{
}

module_init(ntos_warn_test_init);
module_exit(ntos_warn_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ntpersona test bed self-test: warns on load");
