// SPDX-License-Identifier: GPL-2.0
/*
 * cat.exe: copies StandardInput to StandardOutput with NtReadFile and
 * NtWriteFile until the end of the input: STATUS_END_OF_FILE, a read of 0
 * bytes, or STATUS_PIPE_BROKEN (how Windows reports the end of a pipe).
 * Any other failure: a message on StandardError and status 1.
 */
#include "ntrt.h"

static unsigned char buf[65536];	/* .bss: the loader must zero-fill it */

int start(void *peb)
{
	HANDLE in = nt_stdin(), out = nt_stdout();

	(void)peb;
	for (;;) {
		IO_STATUS_BLOCK iosb;
		NTSTATUS st;

		iosb.Status = -1;
		iosb.Information = ~0ULL;
		st = NtReadFile(in, 0, 0, 0, &iosb, buf, sizeof(buf), 0, 0);
		if (st == STATUS_PENDING) {
			NtWaitForSingleObject(in, 0, 0);
			st = iosb.Status;
		}
		if (st == STATUS_END_OF_FILE || st == STATUS_PIPE_BROKEN)
			return 0;
		if (!NT_SUCCESS(st)) {
			nt_report("cat", "NtReadFile", st);
			return 1;
		}
		if (iosb.Information == 0)
			return 0;
		if (iosb.Information > sizeof(buf)) {
			nt_report("cat", "NtReadFile: IoStatusBlock.Information too large", st);
			return 1;
		}
		st = nt_write(out, buf, iosb.Information);
		if (!NT_SUCCESS(st)) {
			nt_report("cat", "NtWriteFile", st);
			return 1;
		}
	}
}
