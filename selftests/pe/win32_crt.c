// SPDX-License-Identifier: GPL-2.0
/*
 * An ordinary Win32 console program, built the ordinary way (mingw's
 * default msvcrt.dll; the same source built with -mcrtdll=ucrt is
 * win32_ucrt.exe), that uses the C runtime the way programs do and prints
 * what it sees.  run_pe_tests.sh compares its stdout byte for byte with
 * what Windows prints (win32_crt.expected, win32_ucrt.expected): stdout is
 * in text mode, so every "\n" reaches the file as "\r\n".
 *
 *   win32_crt ARG...   one line per C runtime family, then ARG... as the
 *                      runtime split the command line, then the atexit
 *                      handlers (last registered first)
 *   win32_crt -stdin   the lines of stdin (text mode: "\r\n" is "\n")
 */
#include <errno.h>
#include <io.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>

static int failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "win32_crt: line %d: %s\n", __LINE__, #cond); \
		failures++; \
	} \
} while (0)

static void printf_family(void)
{
	char buf[64];
	wchar_t wbuf[32];
	unsigned int u;
	double d;
	int n, i;

	printf("ints: %d|%5d|%-5d|%05d|%+d|%u|%x|%X|%o|%#x\n",
	       -42, 42, 42, 42, 42, 3000000000u, 0xbeef, 0xbeef, 8, 255);
	printf("int64: %lld|%llu|%llx\n", (long long)-9223372036854775807LL - 1,
	       18446744073709551615ULL, 0x123456789abcdefULL);
	printf("floats: %.3f|%10.2f|%-8.1f|%g|%g|%g|%.0f\n",
	       3.14159, -2.5, 1.26, 0.0001, 100.0, 123456789.0, 2.7);
	printf("strings: %s|%8s|%-8s|%.2s|%c|%%|%ls\n", "abc", "right", "left", "cut",
	       'x', L"wide");
	/* msvcrt's own formatter (mingw's printf is libmingwex's): 3 exponent digits, ucrt's 2 */
	n = _snprintf(buf, sizeof(buf), "%e|%.2E|%g", 12345.678, 0.00025, 1e-10);
	printf("_snprintf: %s\n", buf);
	n = sprintf(buf, "%s-%d", "sprintf", 7);
	printf("sprintf: %s %d\n", buf, n);
	n = _snprintf(buf, 4, "%s", "truncated");
	printf("_snprintf: %d %.4s\n", n, buf);
	n = swprintf(wbuf, 32, L"%d %ls", 12, L"wide");
	printf("swprintf: %d %ls\n", n, wbuf);
	n = sscanf("17 0x1f word 2.5", "%d %x %5s %lf", &i, &u, buf, &d);
	printf("sscanf: %d fields: %d %u %s %.1f\n", n, i, u, buf, d);
}

static void env_family(void)
{
	char val[32];
	DWORD len;

	printf("getenv: NTPT_VAR=%s NTPT_UNSET=%s\n", getenv("NTPT_VAR") ?: "(null)",
	       getenv("NTPT_UNSET") ?: "(null)");
	CHECK(_putenv("NTPT_NEW=fresh value") == 0);
	len = GetEnvironmentVariableA("NTPT_NEW", val, sizeof(val));
	printf("_putenv: getenv %s, GetEnvironmentVariableA %lu %s\n", getenv("NTPT_NEW"),
	       len, len ? val : "");
	CHECK(_putenv("NTPT_NEW=") == 0);
	printf("_putenv removed: %s %lu\n", getenv("NTPT_NEW") ?: "(null)",
	       GetEnvironmentVariableA("NTPT_NEW", val, sizeof(val)));
}

/* 20000 blocks of varied sizes, grown with realloc, each checked for its pattern */
static void heap_load(void)
{
	static unsigned char *blocks[2000];
	static size_t sizes[2000];
	unsigned int seed = 1, round, i, bad = 0;
	size_t j;

	for (round = 0; round < 10; round++) {
		for (i = 0; i < 2000; i++) {
			seed = seed * 1103515245 + 12345;
			sizes[i] = (seed >> 8) % (i % 100 == 0 ? 200000 : 600) + 1;
			blocks[i] = malloc(sizes[i]);
			if (!blocks[i]) {
				bad++;
				continue;
			}
			memset(blocks[i], (unsigned char)(i + round), sizes[i]);
		}
		for (i = 0; i < 2000; i += 3) {
			unsigned char *p;

			if (!blocks[i])
				continue;
			p = realloc(blocks[i], sizes[i] * 2);
			if (!p) {
				bad++;
				continue;
			}
			memset(p + sizes[i], (unsigned char)(i + round), sizes[i]);
			blocks[i] = p;
			sizes[i] *= 2;
		}
		for (i = 0; i < 2000; i++) {
			for (j = 0; blocks[i] && j < sizes[i]; j++)
				if (blocks[i][j] != (unsigned char)(i + round)) {
					bad++;
					break;
				}
			free(blocks[i]);
		}
	}
	printf("malloc/realloc: 20000 blocks, %u bad\n", bad);
	blocks[0] = calloc(1000, 1000);
	for (j = 0; blocks[0] && j < 1000000; j++)
		bad += blocks[0][j];
	free(blocks[0]);
	printf("calloc: %s\n", blocks[0] && !bad ? "zeroed" : "wrong");
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static void sort_family(void)
{
	static int v[1000];
	unsigned int seed = 7, i, sorted = 1;
	int key, *hit;

	for (i = 0; i < 1000; i++) {
		seed = seed * 1103515245 + 12345;
		v[i] = (int)(seed >> 4) % 100000 - 50000;
	}
	v[500] = 12345;
	qsort(v, 1000, sizeof(v[0]), cmp_int);
	for (i = 1; i < 1000; i++)
		sorted &= v[i - 1] <= v[i];
	key = 12345;
	hit = bsearch(&key, v, 1000, sizeof(v[0]), cmp_int);
	key = 50001;
	printf("qsort: %s, bsearch %s %s\n", sorted ? "sorted" : "unsorted",
	       hit && *hit == 12345 ? "found" : "missed",
	       bsearch(&key, v, 1000, sizeof(v[0]), cmp_int) ? "found" : "missed");
}

static void number_family(void)
{
	char *end;
	double d;
	long l;

	d = strtod("  -12.375e2xyz", &end);
	printf("strtod: %.3f rest \"%s\"\n", d, end);
	d = strtod("1e400", &end);
	printf("strtod overflow: %s errno %s\n", d > 1e308 ? "HUGE_VAL" : "finite",
	       errno == ERANGE ? "ERANGE" : "other");
	errno = 0;
	l = strtol("0x7fffffff", &end, 0);
	printf("strtol: %ld, %ld, %lu\n", l, strtol("-0777", NULL, 8),
	       strtoul("4294967295", NULL, 10));
	printf("atoi/atof: %d %.2f\n", atoi(" 42abc"), atof("3.5"));
}

static void time_family(void)
{
	time_t t = 86400 * 365 + 3600 * 13 + 60 * 14 + 15, now = time(NULL);
	struct tm *tm = gmtime(&t);
	char buf[64];

	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", tm);
	printf("gmtime: %s wday %d yday %d\n", buf, tm->tm_wday, tm->tm_yday);
	tm = localtime(&now);
	printf("time/localtime: %s\n", now > 1700000000 && tm && tm->tm_year >= 123 ?
	       "now is after 2023" : "wrong");
	t = mktime(gmtime(&t));
	printf("clock: %s\n", clock() >= 0 ? "running" : "wrong");
}

static void atexit_1(void)
{
	printf("atexit: first registered, last run\n");
}

static void atexit_2(void)
{
	printf("atexit: second\n");
}

static void atexit_3(void)
{
	printf("atexit: last registered, first run\n");
}

static int lines_of_stdin(void)
{
	char line[256];
	int n = 0;

	while (fgets(line, sizeof(line), stdin))
		printf("%d: %d [%.*s]\n", ++n, (int)strlen(line), (int)strcspn(line, "\n"), line);
	printf("eof after %d lines\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	if (argc == 2 && !strcmp(argv[1], "-stdin"))
		return lines_of_stdin();
	atexit(atexit_1);
	atexit(atexit_2);
	atexit(atexit_3);
	printf_family();
	env_family();
	heap_load();
	sort_family();
	number_family();
	time_family();
#ifdef _UCRT
	printf("api set: api-ms-win-crt-stdio-l1-1-0.dll is %s\n",
	       GetModuleHandleA("ucrtbase.dll") &&
	       GetModuleHandleA("api-ms-win-crt-stdio-l1-1-0.dll") == GetModuleHandleA("ucrtbase") ?
	       "ucrtbase.dll" : "not resolved");
#endif
	printf("argc %d\n", argc);
	for (i = 1; i < argc; i++)
		printf("argv[%d] [%s]\n", i, argv[i]);
	fflush(stdout);
	_setmode(_fileno(stdout), _O_BINARY);
	printf("binary mode: no carriage return\n");
	fflush(stdout);		/* the mode applies when the buffer is written */
	_setmode(_fileno(stdout), _O_TEXT);
	puts("puts, back in text mode");
	fputs("to stderr\n", stderr);
	return failures ? 1 : 0;
}
