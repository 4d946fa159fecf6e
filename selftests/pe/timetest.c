// SPDX-License-Identifier: GPL-2.0
/*
 * timetest.exe: ntdll's time functions: NT times (100 ns since 1601) to
 * and from calendar fields for known dates and for every day of eight
 * centuries, Unix and 1980 seconds, the time zone (its structures' sizes,
 * local time by its bias), and the counters: performance counter and
 * frequency, precise system time, interrupt time, tick count.
 */
#include "ntdllrt.h"

#define P "timetest"

#define TICKS_PER_SEC		10000000LL
#define TICKS_PER_DAY		(86400 * TICKS_PER_SEC)
#define EPOCH_1970		116444736000000000LL
#define EPOCH_1980		119600064000000000LL
#define TIME_2024_02_29		(EPOCH_1970 + 1709164800LL * TICKS_PER_SEC)

static int fields_are(const TIME_FIELDS *f, int y, int mo, int d, int h, int mi, int s, int ms,
		      int wd)
{
	return f->Year == y && f->Month == mo && f->Day == d && f->Hour == h &&
	       f->Minute == mi && f->Second == s && f->Milliseconds == ms && f->Weekday == wd;
}

static TIME_FIELDS fields(int y, int mo, int d, int h, int mi, int s, int ms)
{
	TIME_FIELDS f = { (short)y, (short)mo, (short)d, (short)h, (short)mi, (short)s,
			  (short)ms, 0 };

	return f;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* each day's fields follow the previous day's, by the calendar; both ways agree */
static void check_days(void)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	TIME_FIELDS f, prev;
	LARGE_INTEGER t, back;
	int bad = 0, d;

	t.QuadPart = 0;
	RtlTimeToTimeFields(&t, &prev);
	for (d = 1; d < 292194 && bad < 5; d++) {		/* to 2400-12-31 */
		int last;

		t.QuadPart = (LONGLONG)d * TICKS_PER_DAY + 3 * TICKS_PER_SEC + 70000;
		RtlTimeToTimeFields(&t, &f);
		last = prev.Month == 2 && leap(prev.Year) ? 29 : mdays[prev.Month - 1];
		if (prev.Day < last) {
			prev.Day++;
		} else if (prev.Month < 12) {
			prev.Month++;
			prev.Day = 1;
		} else {
			prev.Year++;
			prev.Month = 1;
			prev.Day = 1;
		}
		prev.Weekday = (short)((prev.Weekday + 1) % 7);
		if (!fields_are(&f, prev.Year, prev.Month, prev.Day, 0, 0, 3, 7, prev.Weekday) ||
		    !RtlTimeFieldsToTime(&f, &back) || back.QuadPart != t.QuadPart) {
			nt_puts(nt_stderr(), P ": day ");
			nt_put_udec(nt_stderr(), (unsigned long long)d);
			nt_puts(nt_stderr(), " is wrong\n");
			bad++;
			nt_failures++;
		}
		prev = f;
	}
}

static void check_fields(void)
{
	TIME_FIELDS f;
	LARGE_INTEGER t;

	t.QuadPart = 0;
	RtlTimeToTimeFields(&t, &f);
	CHECK(P, fields_are(&f, 1601, 1, 1, 0, 0, 0, 0, 1));		/* a Monday */
	t.QuadPart = EPOCH_1970;
	RtlTimeToTimeFields(&t, &f);
	CHECK(P, fields_are(&f, 1970, 1, 1, 0, 0, 0, 0, 4));		/* a Thursday */
	t.QuadPart = TIME_2024_02_29 + (12 * 3600 + 34 * 60 + 56) * TICKS_PER_SEC + 7899999;
	RtlTimeToTimeFields(&t, &f);
	CHECK(P, fields_are(&f, 2024, 2, 29, 12, 34, 56, 789, 4));
	t.QuadPart = 0x7fffffffffffffffLL;				/* the last time there is */
	RtlTimeToTimeFields(&t, &f);
	CHECK(P, fields_are(&f, 30828, 9, 14, 2, 48, 5, 477, 4));

	f = fields(1601, 1, 1, 0, 0, 0, 0);
	CHECK(P, RtlTimeFieldsToTime(&f, &t) && t.QuadPart == 0);
	f = fields(1970, 1, 1, 0, 0, 0, 0);
	CHECK(P, RtlTimeFieldsToTime(&f, &t) && t.QuadPart == EPOCH_1970);
	f = fields(2024, 2, 29, 12, 34, 56, 789);
	f.Weekday = 9;							/* not looked at */
	CHECK(P, RtlTimeFieldsToTime(&f, &t));
	CHECK(P, t.QuadPart == TIME_2024_02_29 + (12 * 3600 + 34 * 60 + 56) * TICKS_PER_SEC +
			       7890000);
	f = fields(2000, 2, 29, 23, 59, 59, 999);			/* a leap century */
	CHECK(P, RtlTimeFieldsToTime(&f, &t));
	f = fields(30828, 9, 14, 2, 48, 5, 477);
	CHECK(P, RtlTimeFieldsToTime(&f, &t) && t.QuadPart == 0x7fffffffffffffffLL - 5807);

	/* invalid fields: FALSE, the time untouched */
	t.QuadPart = 42;
	f = fields(2024, 13, 1, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 0, 1, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 2, 30, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2023, 2, 29, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(1900, 2, 29, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 4, 31, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 1, 0, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 1, 1, 24, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 1, 1, 0, 60, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 1, 1, 0, 0, 60, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 1, 1, 0, 0, 0, 1000);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(2024, 1, 1, 0, 0, 0, -1);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	f = fields(1600, 12, 31, 0, 0, 0, 0);
	CHECK(P, !RtlTimeFieldsToTime(&f, &t));
	CHECK(P, t.QuadPart == 42);
}

static void check_seconds(void)
{
	LARGE_INTEGER t;
	ULONG s = 7;

	t.QuadPart = EPOCH_1970;
	CHECK(P, RtlTimeToSecondsSince1970(&t, &s) && s == 0);
	t.QuadPart = EPOCH_1970 + 2 * TICKS_PER_SEC - 1;		/* whole seconds */
	CHECK(P, RtlTimeToSecondsSince1970(&t, &s) && s == 1);
	t.QuadPart = TIME_2024_02_29;
	CHECK(P, RtlTimeToSecondsSince1970(&t, &s) && s == 1709164800);
	t.QuadPart = EPOCH_1970 + 0xffffffffLL * TICKS_PER_SEC;	/* 2106-02-07 06:28:15 */
	CHECK(P, RtlTimeToSecondsSince1970(&t, &s) && s == 0xffffffff);
	s = 7;
	t.QuadPart += TICKS_PER_SEC;
	CHECK(P, !RtlTimeToSecondsSince1970(&t, &s) && s == 7);
	t.QuadPart = EPOCH_1970 - 1;
	CHECK(P, !RtlTimeToSecondsSince1970(&t, &s) && s == 7);

	t.QuadPart = EPOCH_1980;
	CHECK(P, RtlTimeToSecondsSince1980(&t, &s) && s == 0);
	t.QuadPart = EPOCH_1970;
	CHECK(P, !RtlTimeToSecondsSince1980(&t, &s));
	RtlSecondsSince1970ToTime(1709164800, &t);
	CHECK(P, t.QuadPart == TIME_2024_02_29);
	RtlSecondsSince1970ToTime(0xffffffff, &t);
	CHECK(P, t.QuadPart == EPOCH_1970 + 0xffffffffLL * TICKS_PER_SEC);
	RtlSecondsSince1980ToTime(0, &t);
	CHECK(P, t.QuadPart == EPOCH_1980);
	RtlSecondsSince1980ToTime(1709164800 - 315532800, &t);
	CHECK(P, t.QuadPart == TIME_2024_02_29);
}

static void check_zone(void)
{
	RTL_DYNAMIC_TIME_ZONE_INFORMATION d;
	RTL_TIME_ZONE_INFORMATION z;
	LARGE_INTEGER sys, local, back;

	CHECK(P, sizeof(RTL_TIME_ZONE_INFORMATION) == 172);
	CHECK(P, sizeof(RTL_DYNAMIC_TIME_ZONE_INFORMATION) == 432);
	memset(&z, 0xaa, sizeof(z));
	CHECK(P, RtlQueryTimeZoneInformation(&z) == STATUS_SUCCESS);
	memset(&d, 0xaa, sizeof(d));
	CHECK(P, RtlQueryDynamicTimeZoneInformation(&d) == STATUS_SUCCESS);
	CHECK(P, d.tzi.Bias == z.Bias);
	CHECK(P, z.Bias > -24 * 60 && z.Bias < 24 * 60);
	CHECK(P, d.TimeZoneKeyName[0] != 0xaaaa);
	if (nt_wcseq(d.TimeZoneKeyName, "UTC")) {
		/* Windows' "UTC" zone (ours for a zero bias): no daylight saving time */
		CHECK(P, z.Bias == 0 && z.StandardBias == 0 && z.DaylightBias == 0);
		CHECK(P, z.StandardDate.Month == 0 && z.DaylightDate.Month == 0);
		CHECK(P, nt_wcseq(z.StandardName, "Coordinated Universal Time"));
		CHECK(P, nt_wcseq(z.DaylightName, "Coordinated Universal Time"));
		CHECK(P, nt_wcseq(d.tzi.StandardName, "Coordinated Universal Time"));
	}

	/* local time = UTC - bias (no daylight saving here) */
	sys.QuadPart = TIME_2024_02_29;
	CHECK(P, RtlSystemTimeToLocalTime(&sys, &local) == STATUS_SUCCESS);
	if (z.StandardDate.Month == 0)
		CHECK(P, local.QuadPart == sys.QuadPart - (LONGLONG)z.Bias * 60 * TICKS_PER_SEC);
	CHECK(P, RtlLocalTimeToSystemTime(&local, &back) == STATUS_SUCCESS);
	CHECK(P, back.QuadPart == sys.QuadPart);
}

static void check_counters(void)
{
	LARGE_INTEGER f, f2, c1, c2, now;
	unsigned long long it1 = 0, it2 = 0;
	LONGLONG precise;
	int i, ordered = 1;
	ULONG tick;

	f.QuadPart = 0;
	CHECK(P, RtlQueryPerformanceFrequency(&f) && f.QuadPart > 0);
	CHECK(P, NtQueryPerformanceCounter(&c1, &f2) == STATUS_SUCCESS);
	CHECK(P, f2.QuadPart == f.QuadPart);
	CHECK(P, RtlQueryPerformanceCounter(&c1));
	for (i = 0; i < 1000; i++) {
		CHECK(P, RtlQueryPerformanceCounter(&c2));
		if (c2.QuadPart < c1.QuadPart)
			ordered = 0;
		c1 = c2;
	}
	CHECK(P, ordered);
	CHECK(P, c1.QuadPart > 0);

	CHECK(P, NtQuerySystemTime(&now) == STATUS_SUCCESS);
	precise = RtlGetSystemTimePrecise();
	CHECK(P, precise >= now.QuadPart && precise - now.QuadPart < TICKS_PER_SEC);
	CHECK(P, precise > TIME_2024_02_29);

	CHECK(P, RtlQueryUnbiasedInterruptTime(&it1) && it1 > 0);
	CHECK(P, RtlQueryUnbiasedInterruptTime(&it2) && it2 >= it1);
	RtlSetLastWin32Error(0);
	CHECK(P, !RtlQueryUnbiasedInterruptTime(0));
	CHECK(P, RtlGetLastWin32Error() == 87);
	/* milliseconds since boot, the interrupt time's clock at tick resolution */
	tick = NtGetTickCount();
	CHECK(P, tick > 0);
	CHECK(P, tick - (ULONG)(it2 / 10000) + 1000 < 2000);
}

int start(void *peb)
{
	(void)peb;
	check_fields();
	check_days();
	check_seconds();
	check_zone();
	check_counters();
	return nt_done(P);
}
