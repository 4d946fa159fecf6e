// SPDX-License-Identifier: GPL-2.0
/*
 * The test bed's own test module.  Loaded plainly it WARNs, to prove that a
 * kernel warning in the guest fails the run.  With spin=1 it spins in its
 * init with interrupts off instead, to prove that a guest hung that hard
 * (no user space, no timer interrupt, nothing on the console) still says
 * where its CPUs are when the host gives up on it.
 */
#include <linux/bug.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/processor.h>

static bool spin;
module_param(spin, bool, 0444);
MODULE_PARM_DESC(spin, "spin with interrupts off in init instead of warning");

static noinline void ntos_warn_test_spin(void)
{
	local_irq_disable();
	for (;;)
		cpu_relax();
}

static int __init ntos_warn_test_init(void)
{
	if (spin)
		ntos_warn_test_spin();
	WARN(1, "ntos_warn_test: deliberate warning\n");
	return 0;
}

static void __exit ntos_warn_test_exit(void)
{
}

module_init(ntos_warn_test_init);
module_exit(ntos_warn_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ntpersona test bed self-test: warns on load, or spins");
