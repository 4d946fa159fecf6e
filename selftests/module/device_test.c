// SPDX-License-Identifier: GPL-2.0
/*
 * The control device: it exists with the documented mode, answers the
 * version ioctl with the ABI this program was built for, and rejects what
 * it does not know.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../../uapi/ntpersona.h"

FIXTURE(dev) {
	int fd;
};

FIXTURE_SETUP(dev)
{
	self->fd = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NTOS_DEVICE_PATH, strerror(errno));
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
}

TEST(device_node_is_world_accessible_char_device)
{
	struct stat st;

	ASSERT_EQ(0, stat(NTOS_DEVICE_PATH, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0666, st.st_mode & 07777);
}

TEST_F(dev, version_ioctl_returns_uapi_version)
{
	struct ntos_version v;

	memset(&v, 0xa5, sizeof(v));
	ASSERT_EQ(0, ioctl(self->fd, NTOS_IOC_VERSION, &v));
	EXPECT_EQ(NTOS_ABI_VERSION, v.abi);
	EXPECT_EQ(19045, v.nt_build);
	EXPECT_EQ(473, v.nr_services);
	EXPECT_EQ(0, v.reserved);
}

TEST_F(dev, unknown_ioctl_is_enotty)
{
	ASSERT_EQ(-1, ioctl(self->fd, _IO(NTOS_IOC_MAGIC, 0xff)));
	EXPECT_EQ(ENOTTY, errno);
	ASSERT_EQ(-1, ioctl(self->fd, _IOR('x', 0x00, struct ntos_version), NULL));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(dev, version_ioctl_bad_pointer_is_efault)
{
	ASSERT_EQ(-1, ioctl(self->fd, NTOS_IOC_VERSION, NULL));
	EXPECT_EQ(EFAULT, errno);
	ASSERT_EQ(-1, ioctl(self->fd, NTOS_IOC_VERSION, (void *)1));
	EXPECT_EQ(EFAULT, errno);
	/* a kernel address must not be written through */
	ASSERT_EQ(-1, ioctl(self->fd, NTOS_IOC_VERSION, (void *)0xffffffff81000000UL));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(dev, read_and_write_are_refused)
{
	char buf[8];

	EXPECT_EQ(-1, read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(-1, write(self->fd, buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
