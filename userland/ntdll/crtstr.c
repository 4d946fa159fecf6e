// SPDX-License-Identifier: GPL-2.0
/*
 * The C run-time string, character and conversion functions that ntdll.dll
 * exports and that Wine's kernelbase, msvcrt and ucrtbase import from it.
 * The "C" locale: the character classes and case mappings are ASCII's
 * (towupper maps the whole UTF-16 range through RtlUpcaseUnicodeChar, as
 * Windows' ntdll does).  __chkstk, the stack probe, is here too.
 */
/*
 * Not the Windows headers: mingw-w64's declare these names dllimport (from
 * its C run time); this file defines them, with the types spelt out here.
 */
typedef unsigned short WCHAR;
typedef unsigned char BYTE;
typedef unsigned long long size_t;
#define NULL ((void *)0)

size_t strlen(const char *s);
size_t wcslen(const WCHAR *s);
WCHAR __attribute__((ms_abi)) RtlUpcaseUnicodeChar(WCHAR c);

int isalpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int islower(int c) { return c >= 'a' && c <= 'z'; }
int isalnum(int c) { return isalpha(c) || (c >= '0' && c <= '9'); }
int isxdigit(int c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
int tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 0x20 : c; }

WCHAR towupper(WCHAR c) { return RtlUpcaseUnicodeChar(c); }

char *strcpy(char *d, const char *s)
{
	volatile char *p = d;

	while ((*p++ = *s++))
		;
	return d;
}

char *strcat(char *d, const char *s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *r = NULL;

	for (;; s++) {
		if (*s == (char)c)
			r = s;
		if (!*s)
			return (char *)r;
	}
}

char *strpbrk(const char *s, const char *accept)
{
	for (; *s; s++)
		if (strchr(accept, *s))
			return (char *)s;
	return NULL;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

int _strnicmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);

		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

WCHAR *wcscpy(WCHAR *d, const WCHAR *s)
{
	volatile WCHAR *p = d;

	while ((*p++ = *s++))
		;
	return d;
}

WCHAR *wcscat(WCHAR *d, const WCHAR *s)
{
	wcscpy(d + wcslen(d), s);
	return d;
}

WCHAR *wcschr(const WCHAR *s, WCHAR c)
{
	for (;; s++) {
		if (*s == c)
			return (WCHAR *)s;
		if (!*s)
			return NULL;
	}
}

WCHAR *wcsrchr(const WCHAR *s, WCHAR c)
{
	const WCHAR *r = NULL;

	for (;; s++) {
		if (*s == c)
			r = s;
		if (!*s)
			return (WCHAR *)r;
	}
}

WCHAR *wcspbrk(const WCHAR *s, const WCHAR *accept)
{
	for (; *s; s++)
		if (wcschr(accept, *s))
			return (WCHAR *)s;
	return NULL;
}

size_t wcsspn(const WCHAR *s, const WCHAR *accept)
{
	size_t n = 0;

	while (s[n] && wcschr(accept, s[n]))
		n++;
	return n;
}

size_t wcscspn(const WCHAR *s, const WCHAR *reject)
{
	size_t n = 0;

	while (s[n] && !wcschr(reject, s[n]))
		n++;
	return n;
}

size_t wcsnlen(const WCHAR *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int wcscmp(const WCHAR *a, const WCHAR *b)
{
	for (; *a == *b; a++, b++)
		if (!*a)
			return 0;
	return *a < *b ? -1 : 1;
}

int wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a < *b ? -1 : 1;
		if (!*a)
			break;
	}
	return 0;
}

/* case-insensitive as Windows' ntdll: both sides lower-cased (ASCII) */
int _wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = *a < 0x80 ? tolower(*a) : *a, y = *b < 0x80 ? tolower(*b) : *b;

		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

int _wcsicmp(const WCHAR *a, const WCHAR *b)
{
	return _wcsnicmp(a, b, (size_t)-1);
}

WCHAR *wcsstr(const WCHAR *s, const WCHAR *sub)
{
	size_t n = wcslen(sub);

	for (; *s; s++)
		if (!wcsncmp(s, sub, n))
			return (WCHAR *)s;
	return *sub ? NULL : (WCHAR *)s;
}

/*
 * strtol and friends: leading white space, a sign, a 0x/0 prefix for base 0
 * (16 with 0x, 8 with 0), digits of base 2..36; *end is where parsing
 * stopped (the start when no digit was read).  Out of range gives
 * LONG_MAX/LONG_MIN (strtol) or ULONG_MAX (strtoul; a '-' negates the
 * result otherwise), as C says; errno does not exist in ntdll.
 */
static unsigned long long ntdll_parse(const void *str, int wide, void **end, int base,
				      int *neg, int *over, unsigned long long limit)
{
	const BYTE *s8 = str;
	const WCHAR *s16 = str;
	size_t i = 0, start;
	unsigned long long v = 0;
	int any = 0;
#define CH(k) (wide ? (unsigned int)s16[k] : (unsigned int)s8[k])

	*neg = *over = 0;
	while (CH(i) == ' ' || (CH(i) >= '\t' && CH(i) <= '\r'))
		i++;
	if (CH(i) == '-' || CH(i) == '+')
		*neg = CH(i++) == '-';
	if ((base == 0 || base == 16) && CH(i) == '0' && (CH(i + 1) | 0x20) == 'x' &&
	    isxdigit((int)CH(i + 2))) {
		i += 2;
		base = 16;
	} else if (base == 0) {
		base = CH(i) == '0' ? 8 : 10;
	}
	start = i;
	if (base >= 2 && base <= 36) {
		for (;; i++) {
			unsigned int c = CH(i), d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			if (d >= (unsigned int)base)
				break;
			any = 1;
			if (v > (limit - d) / (unsigned int)base)
				*over = 1;
			else
				v = v * base + d;
		}
	}
	if (end)
		*end = (void *)(wide ? (const void *)(s16 + (any ? i : 0)) :
				       (const void *)(s8 + (any ? i : 0)));
	(void)start;
	return v;
#undef CH
}

static long ntdll_to_long(unsigned long long v, int neg, int over)
{
	if (over || v > (neg ? 0x80000000ULL : 0x7fffffffULL))
		return neg ? (long)-0x7fffffffL - 1 : 0x7fffffffL;
	return neg ? (long)-(long long)v : (long)v;
}

long strtol(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = ntdll_parse(s, 0, (void **)end, base, &neg, &over, 0xffffffffULL);

	return ntdll_to_long(v, neg, over);
}

long wcstol(const WCHAR *s, WCHAR **end, int base)
{
	int neg, over;
	unsigned long long v = ntdll_parse(s, 1, (void **)end, base, &neg, &over, 0xffffffffULL);

	return ntdll_to_long(v, neg, over);
}

unsigned long wcstoul(const WCHAR *s, WCHAR **end, int base)
{
	int neg, over;
	unsigned long long v = ntdll_parse(s, 1, (void **)end, base, &neg, &over, 0xffffffffULL);

	if (over)
		return 0xffffffffUL;
	return neg ? (unsigned long)-(long long)v : (unsigned long)v;
}

/*
 * __chkstk: RAX bytes are about to be allocated below RSP; touch each page
 * from the top down so the guard page moves in order.  Preserves every
 * register (the caller subtracts RAX from RSP itself), as Windows' does.
 */
__asm__(".text\n"
	".globl __chkstk\n"
	"__chkstk:\n"
	"\tpushq %rcx\n"
	"\tpushq %rax\n"
	"\tcmpq $0x1000, %rax\n"
	"\tleaq 24(%rsp), %rcx\n"		/* the caller's RSP */
	"\tjb 2f\n"
	"1:\tsubq $0x1000, %rcx\n"
	"\torq $0, (%rcx)\n"
	"\tsubq $0x1000, %rax\n"
	"\tcmpq $0x1000, %rax\n"
	"\tja 1b\n"
	"2:\tsubq %rax, %rcx\n"
	"\torq $0, (%rcx)\n"
	"\tpopq %rax\n"
	"\tpopq %rcx\n"
	"\tret\n");
