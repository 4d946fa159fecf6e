// SPDX-License-Identifier: GPL-2.0
/* Process services: NtTerminateProcess, NtQueryInformationProcess. */
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>
#include <asm/unistd.h>

#include "service.h"
#include "../personality/handle.h"
#include "../personality/process.h"

#define NTOS_PROCESS_TERMINATE		0x0001
#define NTOS_PROCESS_QUERY_INFORMATION	0x0400
#define NTOS_PROCESS_BASIC_INFORMATION	0

/* PROCESS_BASIC_INFORMATION (x64, 0x30 bytes) */
struct ntos_process_basic_information {
	u32 exit_status;
	u32 pad;
	u64 peb;
	u64 affinity_mask;
	s32 base_priority;
	u32 pad2;
	u64 unique_process_id;
	u64 inherited_from_unique_process_id;
};

/*
 * Ending the calling process is Linux's exit_group(): the service hands the
 * call over to it (see ntos_linux_call()), so the exit status reaches the
 * parent, whose $? is its low 8 bits.  A NULL handle means "every other
 * thread", which exit_group ends anyway right after.
 */
static ntos_ret_t ntos_nt_terminate_process(u64 handle, u32 exit_status)
{
	struct ntos_object *obj;
	ntstatus_t status;

	if (!handle)
		return ntos_ret(STATUS_SUCCESS);
	status = ntos_handle_ref(handle, &ntos_process_type, NTOS_PROCESS_TERMINATE, &obj, NULL);
	if (status)
		return ntos_ret(status);
	if (obj != &ntos_process_current()->obj) {
		ntos_object_put(obj);
		return ntos_ret(STATUS_NOT_SUPPORTED);
	}
	ntos_object_put(obj);
	return ntos_linux_call(__NR_exit_group, exit_status);
}

static ntstatus_t ntos_nt_query_information_process(u64 handle, u32 class, u64 ubuf, u32 len,
						    u64 ureturn)
{
	struct ntos_process_basic_information info = {};
	struct ntos_process *proc;
	struct ntos_object *obj;
	ntstatus_t status;

	status = ntos_query_check(class - NTOS_PROCESS_BASIC_INFORMATION, len, sizeof(info));
	if (status)
		return status;
	status = ntos_handle_ref(handle, &ntos_process_type, NTOS_PROCESS_QUERY_INFORMATION, &obj,
				 NULL);
	if (status)
		return status;
	proc = container_of(obj, struct ntos_process, obj);
	info.exit_status = test_bit(NTOS_PROC_DEAD, &proc->flags) ? 0 :
			   ntos_status_raw(STATUS_PENDING);
	info.peb = proc->peb;
	info.affinity_mask = (1ULL << min(num_online_cpus(), 63U)) - 1;
	info.base_priority = 8;
	info.unique_process_id = proc->pid;
	ntos_object_put(obj);
	return ntos_query_copy(ubuf, ureturn, &info, sizeof(info));
}

