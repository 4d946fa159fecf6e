// SPDX-License-Identifier: GPL-2.0
/*
 * ntpersona: the administrator's command-line tool.
 *
 *   ntpersona version     ABI version and NT build of the loaded module
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../uapi/ntpersona.h"

static int open_device(void)
{
	int fd = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "ntpersona: %s: %s (is the module loaded?)\n",
			NTOS_DEVICE_PATH, strerror(errno));
	return fd;
}

static int cmd_version(void)
{
	struct ntos_version v;
	int fd = open_device();

	if (fd < 0)
		return 1;
	if (ioctl(fd, NTOS_IOC_VERSION, &v) < 0) {
		fprintf(stderr, "ntpersona: version ioctl: %s\n", strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	printf("ntpersona module ABI %u (tools built for ABI %u), NT build %u, %u services\n",
	       v.abi, NTOS_ABI_VERSION, v.nt_build, v.nr_services);
	return v.abi == NTOS_ABI_VERSION ? 0 : 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: ntpersona version\n");
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "version"))
		return cmd_version();
	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
