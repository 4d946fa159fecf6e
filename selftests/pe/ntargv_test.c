// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side test of ntargv.h (make -C selftests/pe check-host): the MS C
 * runtime examples, and a round trip through the quoting a command line
 * needs (each argument quoted when it is empty or has a space, tab or quote;
 * backslashes doubled before a quote and at the end of a quoted argument).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ntargv.h"

static int failures, checks;

static void widen(const char *s, ntargv_wchar *w, unsigned int *len)
{
	unsigned int i;

	for (i = 0; s[i]; i++)
		w[i] = (unsigned char)s[i];
	*len = i;
}

static int weq(const ntargv_wchar *w, const char *s)
{
	while (*s && *w == (unsigned char)*s) {
		w++;
		s++;
	}
	return !*s && !*w;
}

static void check(const char *cmd, int n, const char *const *want)
{
	ntargv_wchar w[512], buf[1100], *argv[64];
	unsigned int len;
	int argc, i, ok;

	widen(cmd, w, &len);
	argc = ntargv_split(w, len, buf, argv, 64);
	ok = argc == n;
	for (i = 0; ok && i < n; i++)
		ok = weq(argv[i], want[i]);
	checks++;
	if (!ok) {
		failures++;
		printf("not ok %d split [%s]: got %d args:", checks, cmd, argc);
		for (i = 0; i < argc && i < 64; i++) {
			ntargv_wchar *p = argv[i];

			printf(" [");
			while (*p)
				putchar(*p++);
			printf("]");
		}
		printf("\n");
	} else {
		printf("ok %d split [%s]\n", checks, cmd);
	}
}

#define CHECK(cmd, ...) do { \
	static const char *const w_[] = { __VA_ARGS__ }; \
	check(cmd, sizeof(w_) / sizeof(w_[0]), w_); \
} while (0)

/* Windows quoting of one argument, the inverse of the splitting rules */
static char *quote(char *o, const char *a)
{
	const char *p;
	int bs;

	if (*a && !strpbrk(a, " \t\"")) {
		strcpy(o, a);
		return o + strlen(a);
	}
	*o++ = '"';
	for (p = a;; p++) {
		bs = 0;
		while (*p == '\\') {
			bs++;
			p++;
		}
		if (!*p) {
			while (bs--) {		/* before the closing quote: doubled */
				*o++ = '\\';
				*o++ = '\\';
			}
			break;
		}
		if (*p == '"') {
			bs = bs * 2 + 1;	/* doubled, plus one for the quote */
			while (bs--)
				*o++ = '\\';
		} else {
			while (bs--)
				*o++ = '\\';
		}
		*o++ = *p;
	}
	*o++ = '"';
	return o;
}

static void roundtrip(unsigned int seed)
{
	static const char alphabet[] = "ab \t\"\\";
	char args[6][12], cmd[512], *o = cmd;
	const char *want[7];
	int n, i, j;

	srand(seed);
	n = rand() % 6;
	want[0] = "prog";
	o += sprintf(o, "prog");
	for (i = 0; i < n; i++) {
		int l = rand() % 11;

		for (j = 0; j < l; j++)
			args[i][j] = alphabet[rand() % (sizeof(alphabet) - 1)];
		args[i][l] = 0;
		want[i + 1] = args[i];
		*o++ = ' ';
		o = quote(o, args[i]);
	}
	*o = 0;
	check(cmd, n + 1, want);
}

int main(void)
{
	unsigned int s;

	/* Microsoft's table ("Parsing C command-line arguments") */
	CHECK("p \"abc\" d e", "p", "abc", "d", "e");
	CHECK("p a\\\\b d\"e f\"g h", "p", "a\\\\b", "de fg", "h");
	CHECK("p a\\\\\\\"b c d", "p", "a\\\"b", "c", "d");
	CHECK("p a\\\\\\\\\"b c\" d e", "p", "a\\\\b c", "d", "e");
	CHECK("p a\"b\"\" c d", "p", "ab\" c d");
	/* argv[0]: quotes toggle, backslashes literal */
	CHECK("\"C:\\Program Files\\x.exe\" a", "C:\\Program Files\\x.exe", "a");
	CHECK("C:\\a\\\"b c\" d", "C:\\a\\b c", "d");
	CHECK("p\\\" x", "p\\ x");			/* the quote opens quoting */
	/* empty arguments, blanks */
	CHECK("p \"\"", "p", "");
	CHECK("p \"\" \"\"", "p", "", "");
	CHECK("p a \t ", "p", "a");
	CHECK("p\ta\tb", "p", "a", "b");
	CHECK("", "");
	CHECK("p", "p");
	CHECK("p \"a b", "p", "a b");			/* unterminated quote */
	CHECK("p a\\", "p", "a\\");
	CHECK("p \"a\\\\\"", "p", "a\\");
	CHECK("p \"\"\"\"", "p", "\"");			/* "" "" in quotes -> one quote */
	CHECK("p \"\"\"a\"", "p", "\"a");
	for (s = 1; s <= 2000; s++)
		roundtrip(s);
	printf("1..%d\n# %d failed\n", checks, failures);
	return failures != 0;
}
