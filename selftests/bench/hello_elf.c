// SPDX-License-Identifier: GPL-2.0
/* The Linux twin of selftests/pe/hello.c, for the pe_exec_exit benchmark. */
#include <unistd.h>

int main(void)
{
	static const char msg[] = "Hello from ntpersona\n";

	return write(1, msg, sizeof(msg) - 1) == sizeof(msg) - 1 ? 0 : 1;
}
