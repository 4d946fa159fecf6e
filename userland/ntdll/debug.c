// SPDX-License-Identifier: GPL-2.0
/*
 * Wine's debug channels (the four __wine_dbg_* exports its PE DLLs import),
 * as their callers expect them (docs/ntdll.md):
 *   - a channel is { unsigned char flags; char name[15]; }, flags bit N
 *     enabling class N (0 fixme, 1 err, 2 warn, 3 trace); a channel starts
 *     at 0xff, and bit 7 set means "not looked up yet":
 *     __wine_dbg_get_channel_flags writes the channel's real flags back;
 *   - __wine_dbg_header returns -1 when the class is off, else writes
 *     "class:channel:function " and returns its length, or 0 in the middle
 *     of a line (the last output did not end one: no second header);
 *   - __wine_dbg_output writes its string, __wine_dbg_strdup returns a copy
 *     that lives long enough for the next lines (a ring of buffers).
 * The flags come from NTPERSONA_DEBUG in the process's environment block,
 * read at the first use, in WINEDEBUG's syntax: comma-separated items
 * [class]+name or [class]-name, name "all" for every channel, no class for
 * every class (e.g. "+file,warn+heap,-all").  Default: err and fixme on.
 * Lines go to StandardError.
 */
#include "crt.h"
#include "peb.h"
#include "syscalls.h"

struct ntdll_dbg_channel {
	unsigned char flags;
	char name[15];
};

#define DBG_DEFAULT	0x03	/* fixme, err */
#define PP_ENVIRONMENT	0x080	/* RTL_USER_PROCESS_PARAMETERS.Environment (x64) */

static const char *const class_name[4] = { "fixme", "err", "warn", "trace" };

static struct {
	char name[16];		/* "" = all */
	unsigned char set, clear;
} rule[32];
static unsigned int nrules;
static int parsed;

static void add_rule(const char *item, size_t n)
{
	unsigned char mask = 0xf;
	size_t i, k;
	int plus;

	for (i = 0; i < n && item[i] != '+' && item[i] != '-'; i++)
		;
	if (i == n || nrules == sizeof(rule) / sizeof(rule[0]))
		return;
	if (i) {
		for (k = 0; k < 4; k++)
			if (strlen(class_name[k]) == i && !memcmp(item, class_name[k], i))
				break;
		if (k == 4)
			return;
		mask = (unsigned char)(1u << k);
	}
	plus = item[i++] == '+';
	if (n - i >= sizeof(rule[0].name))
		return;
	memcpy(rule[nrules].name, item + i, n - i);
	rule[nrules].name[n - i] = 0;
	if (!strcmp(rule[nrules].name, "all"))
		rule[nrules].name[0] = 0;
	rule[nrules].set = plus ? mask : 0;
	rule[nrules].clear = plus ? 0 : mask;
	nrules++;
}

/* NTPERSONA_DEBUG=... from the environment block (UTF-16, ASCII kept) */
static void parse_env(void)
{
	static const char var[] = "NTPERSONA_DEBUG=";
	BYTE *params = NT_FIELD(ntdll_peb(), PEB_PROCESS_PARAMETERS, BYTE *);
	const WCHAR *env = params ? NT_FIELD(params, PP_ENVIRONMENT, const WCHAR *) : NULL;
	char val[256];
	size_t i, n, start;

	parsed = 1;
	for (; env && *env; env += wcslen(env) + 1) {
		for (i = 0; var[i] && env[i] == (WCHAR)var[i]; i++)
			;
		if (var[i])
			continue;
		for (n = 0; env[i + n] && n < sizeof(val) - 1; n++)
			val[n] = env[i + n] < 0x80 ? (char)env[i + n] : '?';
		val[n] = 0;
		for (start = i = 0; i <= n; i++) {
			if (i == n || val[i] == ',') {
				add_rule(val + start, i - start);
				start = i + 1;
			}
		}
		return;
	}
}

unsigned char __wine_dbg_get_channel_flags(struct ntdll_dbg_channel *ch)
{
	unsigned char flags = DBG_DEFAULT;
	unsigned int i;

	if (!(ch->flags & 0x80))
		return ch->flags;
	if (!parsed)
		parse_env();
	for (i = 0; i < nrules; i++) {
		if (rule[i].name[0] && strncmp(rule[i].name, ch->name, sizeof(ch->name)))
			continue;
		flags = (unsigned char)((flags & ~rule[i].clear) | rule[i].set);
	}
	ch->flags = flags;
	return flags;
}

static void write_err(const char *s, size_t n)
{
	BYTE *params = NT_FIELD(ntdll_peb(), PEB_PROCESS_PARAMETERS, BYTE *);
	HANDLE err = params ? NT_FIELD(params, PP_STD_ERROR, HANDLE) : NULL;
	IO_STATUS_BLOCK iosb;

	if (err && n && NtWriteFile(err, NULL, NULL, NULL, &iosb, (void *)s, (ULONG)n, NULL,
				    NULL) == STATUS_PENDING)
		NtWaitForSingleObject(err, FALSE, NULL);
}

/*
 * Whether the last output ended a line: a line made of several outputs
 * (Wine's FIXME("stub:"), FIXME(" %s", ...), FIXME("\n")) has one header.
 * One process-wide flag: NT processes have one thread for now.
 */
static int at_line_start = 1;

int __wine_dbg_output(const char *str)
{
	size_t n = str ? strlen(str) : 0;

	write_err(str, n);
	if (n)
		at_line_start = str[n - 1] == '\n';
	return (int)n;
}

int __wine_dbg_header(int cls, struct ntdll_dbg_channel *ch, const char *function)
{
	char line[256];
	size_t n = 0;
	const char *parts[3];
	unsigned int p;

	if (cls < 0 || cls > 3 || !(__wine_dbg_get_channel_flags(ch) & (1u << cls)))
		return -1;
	if (!at_line_start)		/* the rest of a line: on, but no header */
		return 0;
	parts[0] = class_name[cls];
	parts[1] = ch->name;
	parts[2] = function ? function : "";
	for (p = 0; p < 3; p++) {
		const char *s = parts[p];
		size_t max = p == 1 ? sizeof(ch->name) : sizeof(line);

		for (; *s && max && n < sizeof(line) - 2; s++, max--)
			line[n++] = *s;
		line[n++] = p < 2 ? ':' : ' ';
	}
	write_err(line, n);
	return (int)n;
}

/* a copy that stays valid while the next few debug lines are made */
const char *__wine_dbg_strdup(const char *str)
{
	static char ring[4096];
	static size_t pos;
	size_t n = str ? strlen(str) + 1 : 1;
	char *r;

	if (n > sizeof(ring))
		n = sizeof(ring);
	if (pos + n > sizeof(ring))
		pos = 0;
	r = ring + pos;
	if (str)
		memcpy(r, str, n - 1);
	r[n - 1] = 0;
	pos += n;
	return r;
}
