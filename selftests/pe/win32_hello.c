// SPDX-License-Identifier: GPL-2.0
/*
 * An ordinary Win32 console program, built the ordinary way (mingw's
 * default C runtime, msvcrt.dll, over kernel32 and kernelbase): the
 * program of the crt_hello benchmark and of `make run`'s demo.
 */
#include <stdio.h>

int main(void)
{
	printf("Hello from a Win32 program: printf in msvcrt.dll, over kernel32.dll, kernelbase.dll and ntpersona's ntdll.dll\n");
	return 0;
}
