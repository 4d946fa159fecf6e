// SPDX-License-Identifier: GPL-2.0
/* A static program that is not part of the guest image: prints and exits 3. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("exit3 says hello with %d args\n", argc - 1);
	return 3;
}
