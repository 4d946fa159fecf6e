/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntpersona:nt_sys_enter / nt_sys_exit: every NT service call, by name,
 * with its first four arguments and its NTSTATUS, for perf trace and
 * trace-cmd (NT calls bypass the raw_syscalls tracepoints).  The name is
 * copied into a fixed array: the longest service name fits.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ntpersona

#if !defined(_NTOS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _NTOS_TRACE_H

#include <linux/string.h>
#include <linux/tracepoint.h>

#define NTOS_TRACE_NAME_LEN	48

TRACE_EVENT(nt_sys_enter,
	    TP_PROTO(unsigned int nr, const char *name, const u64 *args),
	    TP_ARGS(nr, name, args),
	    TP_STRUCT__entry(__field(unsigned int, nr)
			     __array(char, name, NTOS_TRACE_NAME_LEN)
			     __array(u64, args, 4)),
	    TP_fast_assign(__entry->nr = nr;
			   strscpy(__entry->name, name, NTOS_TRACE_NAME_LEN);
			   memcpy(__entry->args, args, sizeof(__entry->args));),
	    TP_printk("%s(%#llx, %#llx, %#llx, %#llx) nr=%#x", __entry->name,
		      __entry->args[0], __entry->args[1], __entry->args[2],
		      __entry->args[3], __entry->nr)
);

TRACE_EVENT(nt_sys_exit,
	    TP_PROTO(unsigned int nr, const char *name, long status),
	    TP_ARGS(nr, name, status),
	    TP_STRUCT__entry(__field(unsigned int, nr)
			     __array(char, name, NTOS_TRACE_NAME_LEN)
			     __field(u32, status)),
	    TP_fast_assign(__entry->nr = nr;
			   strscpy(__entry->name, name, NTOS_TRACE_NAME_LEN);
			   __entry->status = status;),
	    TP_printk("%s = %#010x nr=%#x", __entry->name, __entry->status, __entry->nr)
);

#endif /* _NTOS_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
