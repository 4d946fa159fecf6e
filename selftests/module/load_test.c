// SPDX-License-Identifier: GPL-2.0
/*
 * Loading and unloading ntpersona.ko: each unload removes the module, its
 * device node and its misc minor; each load brings them back.  Runs as root
 * in the test guest, where the module is loaded when the test starts and
 * must be loaded again when it ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <signal.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "../nt/ntcall.h"

#define MODULE_PATH "/lib/modules/ntpersona.ko"

static int file_has_line_starting(const char *path, const char *prefix)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, prefix, strlen(prefix)))
			found = 1;
	fclose(f);
	return found;
}

static int misc_has_ntpersona(void)
{
	char line[128];
	FILE *f = fopen("/proc/misc", "r");
	int found = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, " ntpersona\n"))
			found = 1;
	fclose(f);
	return found;
}

static int load_with(const char *params)
{
	int fd = open(MODULE_PATH, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	return ret;
}

static int load(void)
{
	return load_with("");
}

static int unload(void)
{
	return syscall(SYS_delete_module, "ntpersona", O_NONBLOCK) ? -errno : 0;
}

static int loaded(void)
{
	return file_has_line_starting("/proc/modules", "ntpersona ");
}

static int dev_exists(void)
{
	return access(NTOS_DEVICE_PATH, F_OK) == 0;
}

TEST(unload_removes_module_and_device)
{
	ASSERT_EQ(1, loaded());
	ASSERT_EQ(0, unload());
	EXPECT_EQ(0, loaded());
	EXPECT_EQ(0, dev_exists());
	EXPECT_EQ(0, misc_has_ntpersona());
	EXPECT_NE(0, access("/sys/class/misc/ntpersona", F_OK));
	ASSERT_EQ(0, load());
	EXPECT_EQ(1, loaded());
	EXPECT_EQ(1, dev_exists());
	EXPECT_EQ(1, misc_has_ntpersona());
}

TEST(double_load_is_eexist)
{
	ASSERT_EQ(1, loaded());
	EXPECT_EQ(-EEXIST, load());
}

TEST(unload_refused_while_device_open)
{
	int fd = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-EWOULDBLOCK, unload());
	EXPECT_EQ(1, loaded());
	close(fd);
}

/* Each NT process pins the module; its teardown lets go. */
TEST(unload_refused_while_nt_process_lives)
{
	int ready[2], status, i, ret = -1;
	char c;
	pid_t pid;

	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		c = nt_become() ? 'n' : 'y';
		write(ready[1], &c, 1);
		pause();
		_exit(0);
	}
	ASSERT_EQ(1, read(ready[0], &c, 1));
	ASSERT_EQ('y', c);
	EXPECT_EQ(-EWOULDBLOCK, unload());
	EXPECT_EQ(1, loaded());
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/* the process is torn down from a workqueue: allow it a moment */
	for (i = 0; i < 500 && ret; i++) {
		ret = unload();
		if (ret)
			usleep(10000);
	}
	EXPECT_EQ(0, ret);
	ASSERT_EQ(0, load());
}

/* a fixture only for the timeout: loading is slow on the debug kernel */
FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
}

FIXTURE_TEARDOWN(slow)
{
}

/*
 * The drives parameter: each LETTER:/directory is a drive link in \??, a
 * bad entry is passed over (and said in the log), Z: stays "/"; \??\NUL is
 * /dev/null.  An NT child opens files through them.
 */
static int nt_open_read(const char *name, char *buf, unsigned int len)
{
	struct nt_object_attributes oa;
	uint64_t h, io[2];
	uint32_t st;

	st = NT(NtOpenFile, A(&h), 0x80100001 /* GENERIC_READ | SYNCHRONIZE */,
		A(nt_oa(&oa, 0, name, 0x40)), A(io), 7, 0x20);
	if (st)
		return -(int)(st & 0xffff);
	st = NT(NtReadFile, h, 0, 0, 0, A(io), A(buf), len, 0, 0);
	NT(NtClose, h);
	return st ? -1 : (int)io[1];
}

TEST(drives_parameter_names_drive_letters)
{
	int status, fd;
	char buf[16];
	pid_t pid;

	if (system("mkdir -p /tmp/drv-c /tmp/drv-d/sub && echo c-file > /tmp/drv-c/hello.txt && "
		   "echo d-file > /tmp/drv-d/sub/x.txt"))
		SKIP(return, "cannot make the directories");
	ASSERT_EQ(0, unload());
	ASSERT_EQ(0, load_with("drives=C:/tmp/drv-c,d:/tmp/drv-d//,Q:bad,Z:/tmp,,E:/tmp/dr\\v"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (nt_become())
			_exit(10);
		if (nt_open_read("\\??\\C:\\hello.txt", buf, sizeof(buf)) != 7 ||
		    memcmp(buf, "c-file\n", 7))
			_exit(11);
		if (nt_open_read("\\??\\D:\\sub\\X.TXT", buf, sizeof(buf)) != 7)
			_exit(12);
		if (nt_open_read("\\??\\Q:\\x", buf, sizeof(buf)) != -0x3a)	/* PATH_NOT_FOUND */
			_exit(13);
		if (nt_open_read("\\??\\Z:\\tmp\\drv-c\\hello.txt", buf, sizeof(buf)) != 7)
			_exit(14);
		if (nt_open_read("\\??\\E:\\x", buf, sizeof(buf)) != -0x3a)
			_exit(15);
		if (nt_open_read("\\??\\NUL", buf, sizeof(buf)) != -1)	/* END_OF_FILE */
			_exit(16);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* back to the defaults */
	ASSERT_EQ(0, unload());
	ASSERT_EQ(0, load());
	fd = open("/sys/module/ntpersona/parameters/drives", O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_LT(0, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "C:/", 3));
	close(fd);
}

TEST_F_TIMEOUT(slow, hundred_load_unload_cycles_leave_no_trace, 900)
{
	struct ntos_version v;
	int i, fd;

	for (i = 0; i < nt_scaled(100); i++) {
		ASSERT_EQ(0, unload()) TH_LOG("unload %d", i);
		ASSERT_EQ(0, loaded());
		ASSERT_EQ(0, dev_exists());
		ASSERT_EQ(0, load()) TH_LOG("load %d", i);
		ASSERT_EQ(1, dev_exists());
	}
	EXPECT_EQ(1, misc_has_ntpersona());
	fd = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, ioctl(fd, NTOS_IOC_VERSION, &v));
	EXPECT_EQ(NTOS_ABI_VERSION, v.abi);
	close(fd);
}

TEST_HARNESS_MAIN
