// SPDX-License-Identifier: GPL-2.0
/*
 * NtQuerySystemInformation and NtQueryVolumeInformationFile against
 * Windows semantics: each class's length rule (exact for Basic, at least
 * for Processor and KernelDebugger, any prefix for TimeOfDay, one entry
 * per processor for Interrupt, with the needed length in ReturnLength),
 * the values Win32's GetSystemInfo and GetFileType read, and the bad
 * input: unknown classes, bad pointers, bad handles.
 *
 * Each test runs in a child of its own that becomes an NT process.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define SystemBasicInformation		0x00
#define SystemProcessorInformation	0x01
#define SystemTimeOfDayInformation	0x03
#define SystemInterruptInformation	0x17
#define SystemKernelDebuggerInformation	0x23
#define SystemRangeStartInformation	0x32
#define SystemEmulationBasicInformation	0x3e
#define FileFsVolumeInformation		1
#define FileFsSizeInformation		3
#define FileFsDeviceInformation		4
#define FileFsAttributeInformation	5
#define FileFsFullSizeInformation	7
#define FILE_DEVICE_DISK		0x07
#define FILE_DEVICE_NAMED_PIPE		0x11
#define FILE_DEVICE_NULL		0x15
#define FILE_DEVICE_CONSOLE		0x50
#define FILE_DEVICE_IS_MOUNTED		0x20
#define FILE_READ_DATA			0x0001
#define FILE_WRITE_DATA			0x0002
#define SYNCHRONIZE			0x00100000
#define FILE_SHARE_READ			1
#define FILE_SHARE_WRITE		2
#define FILE_SYNC_NONALERT		0x20
#define BAD_ADDR			0xdeadbee0ULL

struct basic {
	uint32_t reserved, timer_resolution, page_size, physical_pages, lowest_page, highest_page;
	uint32_t granularity, pad;
	uint64_t min_user, max_user, affinity;
	int8_t cpus;
	uint8_t pad2[7];
};

struct cpu {
	uint16_t arch, level, revision, max_cpus;
	uint32_t features;
};

struct iosb {
	uint64_t status, info;
};

static uint32_t qsi(uint32_t class, void *buf, uint32_t len, uint32_t *ret)
{
	return NT(NtQuerySystemInformation, class, A(buf), len, A(ret));
}

static uint32_t qvi(uint64_t h, void *buf, uint32_t len, uint32_t class, struct iosb *io)
{
	memset(io, 0xcc, sizeof(*io));
	return NT(NtQueryVolumeInformationFile, h, A(io), A(buf), len, class);
}

static uint32_t open_(uint64_t *h, const char *name, uint32_t access)
{
	struct nt_object_attributes oa;
	struct iosb io;

	return NT(NtOpenFile, A(h), access | SYNCHRONIZE, A(nt_oa(&oa, 0, name, 0)), A(&io),
		  FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_SYNC_NONALERT);
}

TEST(basic_information_is_what_getsysteminfo_reads)
{
	struct basic b, e;
	uint32_t ret = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	ASSERT_EQ(0, nt_become());
	memset(&b, 0xcc, sizeof(b));
	ASSERT_ST(0, qsi(SystemBasicInformation, &b, sizeof(b), &ret));
	EXPECT_EQ(sizeof(b), ret);
	EXPECT_EQ(4096, b.page_size);
	EXPECT_EQ(65536, b.granularity);
	EXPECT_EQ(0x10000, b.min_user);
	EXPECT_EQ(0x7ffffffeffffULL, b.max_user);
	EXPECT_EQ(cpus > 64 ? 64 : cpus, b.cpus);
	EXPECT_EQ((1ULL << b.cpus) - 1, b.affinity);
	EXPECT_LT(0, b.physical_pages);
	EXPECT_EQ(156250, b.timer_resolution);
	/* the emulation class answers the same for a native process */
	ASSERT_ST(0, qsi(SystemEmulationBasicInformation, &e, sizeof(e), NULL));
	EXPECT_EQ(0, memcmp(&b, &e, sizeof(b)));
}

TEST(basic_information_wants_its_exact_size)
{
	uint8_t buf[2 * sizeof(struct basic)];
	uint32_t ret = 0x1234;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qsi(SystemBasicInformation, NULL, 0, NULL));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  qsi(SystemBasicInformation, buf, sizeof(buf), &ret));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  qsi(SystemBasicInformation, buf, sizeof(struct basic) - 1, &ret));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  qsi(SystemBasicInformation, NULL, sizeof(struct basic), NULL));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQuerySystemInformation, SystemBasicInformation, BAD_ADDR,
		     sizeof(struct basic), 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQuerySystemInformation, SystemBasicInformation, A(buf),
		     sizeof(struct basic), BAD_ADDR));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, qsi(0xffffffff, buf, 0, NULL));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, qsi(0x7777, buf, sizeof(buf), NULL));
}

TEST(processor_information_names_the_cpu)
{
	struct cpu c[2];
	uint32_t ret = 0;

	ASSERT_EQ(0, nt_become());
	memset(c, 0xcc, sizeof(c));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  qsi(SystemProcessorInformation, c, sizeof(c[0]) - 1, &ret));
	/* a larger buffer is fine; only the struct is written */
	ASSERT_ST(0, qsi(SystemProcessorInformation, c, sizeof(c), &ret));
	EXPECT_EQ(sizeof(c[0]), ret);
	EXPECT_EQ(9, c[0].arch);	/* PROCESSOR_ARCHITECTURE_AMD64 */
	EXPECT_LE(6, c[0].level);	/* every x86-64 CPU is family 6 or later */
	EXPECT_EQ(0xcccc, c[1].arch);
}

TEST(time_of_day_copies_a_prefix)
{
	uint8_t buf[0x40];
	int64_t boot, now;
	uint32_t ret = 0;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, qsi(SystemTimeOfDayInformation, buf, 0, &ret));
	EXPECT_EQ(0, ret);
	memset(buf, 0xcc, sizeof(buf));
	ASSERT_ST(0, qsi(SystemTimeOfDayInformation, buf, 24, &ret));
	EXPECT_EQ(24, ret);
	EXPECT_EQ(0xcc, buf[24]);
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qsi(SystemTimeOfDayInformation, buf, 0x31, &ret));
	ASSERT_ST(0, qsi(SystemTimeOfDayInformation, buf, 0x30, &ret));
	EXPECT_EQ(0x30, ret);
	memcpy(&boot, buf, 8);
	memcpy(&now, buf + 8, 8);
	/* now is after 2020 (NT time), and the system booted before now */
	EXPECT_LT(132223104000000000LL, now);
	EXPECT_LT(boot, now);
	EXPECT_LT(now - boot, 10LL * 24 * 3600 * 10000000);
}

TEST(interrupt_information_is_one_entry_per_cpu_and_random)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	uint32_t need = (cpus > 64 ? 64 : cpus) * 24, ret = 0;
	uint8_t a[64 * 24], b[64 * 24];

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qsi(SystemInterruptInformation, a, 0, &ret));
	EXPECT_EQ(need, ret);
	ASSERT_ST(0, qsi(SystemInterruptInformation, a, need, &ret));
	ASSERT_ST(0, qsi(SystemInterruptInformation, b, need, &ret));
	/* what RtlGenRandom takes as entropy: two answers never repeat */
	EXPECT_NE(0, memcmp(a, b, need));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQuerySystemInformation, SystemInterruptInformation, BAD_ADDR, need, 0));
}

TEST(kernel_debugger_and_range_start)
{
	uint8_t kd[4] = { 0xcc, 0xcc, 0xcc, 0xcc };
	uint64_t start = 0;
	uint32_t ret = 0;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qsi(SystemKernelDebuggerInformation, kd, 0, &ret));
	ASSERT_ST(0, qsi(SystemKernelDebuggerInformation, kd, sizeof(kd), &ret));
	EXPECT_EQ(2, ret);
	EXPECT_EQ(0, kd[0]);		/* no kernel debugger */
	EXPECT_EQ(1, kd[1]);		/* ... not present */
	EXPECT_EQ(0xcc, kd[2]);
	ASSERT_ST(0, qsi(SystemRangeStartInformation, &start, sizeof(start), &ret));
	EXPECT_EQ(0xffff800000000000ULL, start);
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qsi(SystemRangeStartInformation, &start, 4, &ret));
}

/* GetFileType's question, for each kind of file a std handle can be */
TEST(device_type_tells_disk_pipe_null_and_console)
{
	static const struct {
		const char *name;
		uint32_t type, characteristics;
	} files[] = {
		{ "\\??\\Z:\\tmp", FILE_DEVICE_DISK, FILE_DEVICE_IS_MOUNTED },
		{ "\\??\\Z:\\tmp\\svi-file", FILE_DEVICE_DISK, FILE_DEVICE_IS_MOUNTED },
		{ "\\??\\Z:\\tmp\\svi-fifo", FILE_DEVICE_NAMED_PIPE, 0 },
		{ "\\??\\Z:\\dev\\null", FILE_DEVICE_NULL, 0 },
	};
	uint32_t dev[3];
	struct iosb io;
	unsigned int i;
	uint64_t h;
	int fd;

	fd = open("/tmp/svi-file", O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	unlink("/tmp/svi-fifo");
	ASSERT_EQ(0, mkfifo("/tmp/svi-fifo", 0644));
	ASSERT_EQ(0, nt_become());
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		ASSERT_ST(0, open_(&h, files[i].name, FILE_READ_DATA | FILE_WRITE_DATA *
				   (i == 2)));
		memset(dev, 0xcc, sizeof(dev));
		ASSERT_ST(0, qvi(h, dev, sizeof(dev), FileFsDeviceInformation, &io));
		EXPECT_EQ(0, io.status);
		EXPECT_EQ(8, io.info);
		EXPECT_EQ(files[i].type, dev[0]);
		EXPECT_EQ(files[i].characteristics, dev[1]);
		EXPECT_EQ(0xcccccccc, dev[2]);
		EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH,
			  qvi(h, dev, 7, FileFsDeviceInformation, &io));
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtQueryVolumeInformationFile, h, A(&io), BAD_ADDR, 8,
			     FileFsDeviceInformation));
		EXPECT_ST(0, NT(NtClose, h));
	}
	/* a terminal is the console, if the guest has one open to us */
	if (open_(&h, "\\??\\Z:\\dev\\console", FILE_READ_DATA) == 0) {
		ASSERT_ST(0, qvi(h, dev, 8, FileFsDeviceInformation, &io));
		EXPECT_EQ(FILE_DEVICE_CONSOLE, dev[0]);
		NT(NtClose, h);
	}
	unlink("/tmp/svi-fifo");
	unlink("/tmp/svi-file");
}

TEST(volume_classes_of_a_directory)
{
	struct { uint32_t attributes; int32_t max_name; uint32_t name_len; uint16_t name[8]; } a;
	struct { int64_t total, avail; uint32_t spu, bps; } s;
	struct { int64_t total, caller, actual; uint32_t spu, bps; } f;
	uint8_t v[64];
	struct iosb io;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&h, "\\??\\Z:\\tmp", FILE_READ_DATA));
	memset(&a, 0xcc, sizeof(a));
	ASSERT_ST(0, qvi(h, &a, sizeof(a), FileFsAttributeInformation, &io));
	EXPECT_EQ(12 + 8, io.info);
	EXPECT_EQ(8, a.name_len);
	EXPECT_TRUE(nt_wcs_eq(a.name, 8, "NTFS"));
	EXPECT_EQ(1, a.attributes & 1);		/* FILE_CASE_SENSITIVE_SEARCH */
	EXPECT_LT(0, a.max_name);
	/* room for two characters of the name: cut short, with a warning */
	EXPECT_ST(STATUS_BUFFER_OVERFLOW, qvi(h, &a, 16, FileFsAttributeInformation, &io));
	EXPECT_EQ(16, io.info);
	EXPECT_EQ(4, a.name_len);
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qvi(h, &a, 15, FileFsAttributeInformation, &io));

	ASSERT_ST(0, qvi(h, &s, sizeof(s), FileFsSizeInformation, &io));
	EXPECT_EQ(sizeof(s), io.info);
	EXPECT_EQ(512, s.bps);
	EXPECT_LE(s.avail, s.total);
	ASSERT_ST(0, qvi(h, &f, sizeof(f), FileFsFullSizeInformation, &io));
	EXPECT_EQ(sizeof(f), io.info);
	EXPECT_EQ(s.total, f.total);
	EXPECT_LE(f.caller, f.actual);
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qvi(h, &f, 31, FileFsFullSizeInformation, &io));

	ASSERT_ST(0, qvi(h, v, sizeof(v), FileFsVolumeInformation, &io));
	EXPECT_EQ(18, io.info);			/* no label */
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, qvi(h, v, 17, FileFsVolumeInformation, &io));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, qvi(h, v, sizeof(v), 0x7777, &io));
	EXPECT_ST(0, NT(NtClose, h));
}

TEST(volume_information_of_a_bad_handle)
{
	struct iosb io;
	uint32_t dev[2];
	uint64_t ev;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_INVALID_HANDLE, qvi(0x1234, dev, 8, FileFsDeviceInformation, &io));
	EXPECT_ST(STATUS_INVALID_HANDLE, qvi(0, dev, 8, FileFsDeviceInformation, &io));
	/* a handle of another type */
	ASSERT_ST(0, NT(NtCreateEvent, A(&ev), 0x1f0003, 0, 0, 0));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, qvi(ev, dev, 8, FileFsDeviceInformation, &io));
	NT(NtClose, ev);
}

TEST_HARNESS_MAIN
