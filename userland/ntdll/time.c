// SPDX-License-Identifier: GPL-2.0
/*
 * Counters and time: the performance counter, the precise system time, the
 * interrupt time and the tick count (from the kernel's services and from
 * KUSER_SHARED_DATA), NT times (100 ns units since 1601-01-01 UTC) to and
 * from calendar fields and Unix or 1980 seconds, and the time zone.
 *
 * Time zone: there is no registry yet, so the zone is the one the kernel
 * knows (KUSER_SHARED_DATA's TimeZoneBias, from Linux's sys_tz: UTC unless
 * the system set a kernel zone), with no daylight saving rules.  A zero
 * bias is Windows' "UTC" zone, with its names.
 */
#include "crt.h"
#include "kuser.h"

#define TICKS_PER_MS		10000LL
#define TICKS_PER_SEC		10000000LL
#define TICKS_PER_MIN		(60 * TICKS_PER_SEC)
#define TICKS_PER_DAY		(86400 * TICKS_PER_SEC)
#define TICKS_1601_TO_1970	116444736000000000LL	/* 134774 days */
#define TICKS_1601_TO_1980	119600064000000000LL	/* 138426 days */
#define DAYS_PER_400_YEARS	146097
#define DAYS_PER_100_YEARS	36524
#define DAYS_PER_4_YEARS	1461
#define TIME_MAX		0x7fffffffffffffffLL

typedef SHORT CSHORT;

typedef struct {
	CSHORT Year;		/* 1601 ... */
	CSHORT Month;		/* 1-12 */
	CSHORT Day;		/* 1-31 */
	CSHORT Hour;
	CSHORT Minute;
	CSHORT Second;
	CSHORT Milliseconds;
	CSHORT Weekday;		/* 0 = Sunday */
} TIME_FIELDS;

typedef struct {
	LONG Bias;		/* minutes: UTC = local + Bias */
	WCHAR StandardName[32];
	TIME_FIELDS StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	TIME_FIELDS DaylightDate;
	LONG DaylightBias;
} RTL_TIME_ZONE_INFORMATION;

typedef struct {
	RTL_TIME_ZONE_INFORMATION tzi;
	WCHAR TimeZoneKeyName[128];
	BOOLEAN DynamicDaylightTimeDisabled;
} RTL_DYNAMIC_TIME_ZONE_INFORMATION;

_Static_assert(sizeof(TIME_FIELDS) == 16, "TIME_FIELDS");
_Static_assert(sizeof(RTL_TIME_ZONE_INFORMATION) == 172, "RTL_TIME_ZONE_INFORMATION");
_Static_assert(sizeof(RTL_DYNAMIC_TIME_ZONE_INFORMATION) == 432,
	       "RTL_DYNAMIC_TIME_ZONE_INFORMATION");

NTSTATUS NTAPI NtQuerySystemTime(LARGE_INTEGER *time);
NTSTATUS NTAPI NtQueryPerformanceCounter(LARGE_INTEGER *counter, LARGE_INTEGER *frequency);
void NTAPI RtlSetLastWin32ErrorAndNtStatusFromNtStatus(NTSTATUS status);	/* rtlerror.c */

/* ---- counters ---- */

/* QpcBypassEnabled is 0: the counter comes from the kernel, never fails */
BOOL NTAPI RtlQueryPerformanceCounter(LARGE_INTEGER *counter)
{
	NtQueryPerformanceCounter(counter, 0);
	return TRUE;
}

BOOL NTAPI RtlQueryPerformanceFrequency(LARGE_INTEGER *frequency)
{
	LARGE_INTEGER counter;

	frequency->QuadPart = ntdll_kuser()->qpc_frequency;
	if (!frequency->QuadPart)
		NtQueryPerformanceCounter(&counter, frequency);
	return TRUE;
}

/* to the 100 ns: the kernel's clock, not the page's 15.625 ms copy */
LONGLONG NTAPI RtlGetSystemTimePrecise(void)
{
	LARGE_INTEGER now;

	NtQuerySystemTime(&now);
	return now.QuadPart;
}

/* interrupt time (100 ns since boot) without what the system spent asleep; NULL fails */
BOOL NTAPI RtlQueryUnbiasedInterruptTime(ULONGLONG *time)
{
	const volatile struct nt_kuser_shared_data *k = ntdll_kuser();

	if (!time) {
		RtlSetLastWin32ErrorAndNtStatusFromNtStatus(STATUS_INVALID_PARAMETER);
		return FALSE;
	}
	*time = ntdll_ksystem_time(&k->interrupt_time) - k->interrupt_time_bias;
	return TRUE;
}

/* milliseconds since boot: TickCount scaled by TickCountMultiplier (24-bit fraction) */
ULONG NTAPI NtGetTickCount(void)
{
	const volatile struct nt_kuser_shared_data *k = ntdll_kuser();
	ULONGLONG ticks = ntdll_ksystem_time(&k->tick_count);

	return (ULONG)(((unsigned __int128)ticks * k->tick_count_multiplier) >> 24);
}

/* ---- calendar ---- */

static const BYTE month_days[2][12] = {
	{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
	{ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
};

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* days from 1601-01-01 to January 1st of @year (1601 starts a 400-year cycle) */
static LONGLONG days_before_year(int year)
{
	LONGLONG n = year - 1601;

	return n * 365 + n / 4 - n / 100 + n / 400;
}

void NTAPI RtlTimeToTimeFields(const LARGE_INTEGER *time, TIME_FIELDS *tf)
{
	ULONGLONG t = (ULONGLONG)time->QuadPart, days = t / TICKS_PER_DAY;
	ULONGLONG rest = t % TICKS_PER_DAY;
	ULONG d, c100, c4, y;
	int year, leap, m;

	tf->Milliseconds = (CSHORT)(rest / TICKS_PER_MS % 1000);
	rest /= TICKS_PER_SEC;
	tf->Second = (CSHORT)(rest % 60);
	tf->Minute = (CSHORT)(rest / 60 % 60);
	tf->Hour = (CSHORT)(rest / 3600);
	tf->Weekday = (CSHORT)((days + 1) % 7);		/* 1601-01-01 was a Monday */

	year = 1601 + 400 * (int)(days / DAYS_PER_400_YEARS);
	d = (ULONG)(days % DAYS_PER_400_YEARS);
	c100 = d / DAYS_PER_100_YEARS;
	if (c100 == 4)			/* the 400th year's December 31st */
		c100 = 3;
	d -= c100 * DAYS_PER_100_YEARS;
	c4 = d / DAYS_PER_4_YEARS;
	d -= c4 * DAYS_PER_4_YEARS;
	y = d / 365;
	if (y == 4)			/* a leap year's December 31st */
		y = 3;
	d -= y * 365;
	year += 100 * c100 + 4 * c4 + y;
	leap = is_leap(year);
	for (m = 0; d >= month_days[leap][m]; m++)
		d -= month_days[leap][m];
	tf->Year = (CSHORT)year;
	tf->Month = (CSHORT)(m + 1);
	tf->Day = (CSHORT)(d + 1);
}

/* FALSE for a field out of its range (the weekday is not looked at) */
BOOLEAN NTAPI RtlTimeFieldsToTime(const TIME_FIELDS *tf, LARGE_INTEGER *time)
{
	LONGLONG days, t;
	int m;

	if (tf->Year < 1601 || tf->Month < 1 || tf->Month > 12 || tf->Day < 1 ||
	    tf->Day > month_days[is_leap(tf->Year)][tf->Month - 1] ||
	    tf->Hour < 0 || tf->Hour > 23 || tf->Minute < 0 || tf->Minute > 59 ||
	    tf->Second < 0 || tf->Second > 59 || tf->Milliseconds < 0 || tf->Milliseconds > 999)
		return FALSE;
	days = days_before_year(tf->Year);
	for (m = 0; m < tf->Month - 1; m++)
		days += month_days[is_leap(tf->Year)][m];
	days += tf->Day - 1;
	/* the last representable day is in 30828; years up to 32767 fit in a CSHORT */
	if (days > TIME_MAX / TICKS_PER_DAY)
		return FALSE;
	t = ((tf->Hour * 60 + tf->Minute) * 60 + tf->Second) * TICKS_PER_SEC +
	    tf->Milliseconds * TICKS_PER_MS;
	if (days * TICKS_PER_DAY > TIME_MAX - t)
		return FALSE;
	time->QuadPart = days * TICKS_PER_DAY + t;
	return TRUE;
}

/* whole seconds since @epoch, FALSE before it or past a ULONG */
static BOOLEAN to_seconds(const LARGE_INTEGER *time, LONGLONG epoch, ULONG *secs)
{
	LONGLONG s;

	if (time->QuadPart < epoch)
		return FALSE;
	s = (time->QuadPart - epoch) / TICKS_PER_SEC;
	if (s > 0xffffffffLL)
		return FALSE;
	*secs = (ULONG)s;
	return TRUE;
}

BOOLEAN NTAPI RtlTimeToSecondsSince1970(const LARGE_INTEGER *time, ULONG *secs)
{
	return to_seconds(time, TICKS_1601_TO_1970, secs);
}

BOOLEAN NTAPI RtlTimeToSecondsSince1980(const LARGE_INTEGER *time, ULONG *secs)
{
	return to_seconds(time, TICKS_1601_TO_1980, secs);
}

void NTAPI RtlSecondsSince1970ToTime(ULONG secs, LARGE_INTEGER *time)
{
	time->QuadPart = secs * TICKS_PER_SEC + TICKS_1601_TO_1970;
}

void NTAPI RtlSecondsSince1980ToTime(ULONG secs, LARGE_INTEGER *time)
{
	time->QuadPart = secs * TICKS_PER_SEC + TICKS_1601_TO_1980;
}

/* ---- time zone ---- */

/* UTC - local time, in 100 ns */
static LONGLONG zone_bias(void)
{
	return ntdll_ksystem_time(&ntdll_kuser()->time_zone_bias);
}

NTSTATUS NTAPI RtlSystemTimeToLocalTime(const LARGE_INTEGER *system, LARGE_INTEGER *local)
{
	local->QuadPart = system->QuadPart - zone_bias();
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlLocalTimeToSystemTime(const LARGE_INTEGER *local, LARGE_INTEGER *system)
{
	system->QuadPart = local->QuadPart + zone_bias();
	return STATUS_SUCCESS;
}

static void copy_name(WCHAR *dst, const char *src)
{
	while ((*dst++ = (WCHAR)*src++))
		;
}

static void fill_zone(RTL_TIME_ZONE_INFORMATION *tzi)
{
	LONGLONG bias = zone_bias();

	memset(tzi, 0, sizeof(*tzi));
	tzi->Bias = (LONG)(bias / TICKS_PER_MIN);
	if (!bias) {
		copy_name(tzi->StandardName, "Coordinated Universal Time");
		copy_name(tzi->DaylightName, "Coordinated Universal Time");
	}
}

/* a NULL buffer faults in the system service on Windows: STATUS_ACCESS_VIOLATION */
NTSTATUS NTAPI RtlQueryTimeZoneInformation(RTL_TIME_ZONE_INFORMATION *tzi)
{
	if (!tzi)
		return STATUS_ACCESS_VIOLATION;
	fill_zone(tzi);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlQueryDynamicTimeZoneInformation(RTL_DYNAMIC_TIME_ZONE_INFORMATION *dtzi)
{
	if (!dtzi)
		return STATUS_ACCESS_VIOLATION;
	memset(dtzi, 0, sizeof(*dtzi));
	fill_zone(&dtzi->tzi);
	if (!dtzi->tzi.Bias)
		copy_name(dtzi->TimeZoneKeyName, "UTC");
	return STATUS_SUCCESS;
}

/*
 * Setting the system's zone needs SeTimeZonePrivilege enabled in the
 * caller's token (kernel32 enables it first); there are no token
 * privileges here, and the zone is Linux's, which no NT process changes.
 */
NTSTATUS NTAPI RtlSetTimeZoneInformation(const RTL_TIME_ZONE_INFORMATION *tzi)
{
	(void)tzi;
	return STATUS_PRIVILEGE_NOT_HELD;
}
