// SPDX-License-Identifier: GPL-2.0
/*
 * Directory scans (see dirlist.h): the snapshot of a directory's names and
 * NT's file name expressions.
 *
 * The snapshot is taken with iterate_dir(), as getdents64 would, under the
 * caller's credentials; "." and ".." come first (not at the root, as on
 * Windows, whose root directories list neither).  A name that is not valid
 * UTF-8 cannot be spelled in UTF-16 and is left out.  The names are only
 * names: the service asks for each one's attributes as it lays it out, so
 * an entry removed since the snapshot is passed over then.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "dirlist.h"

#define NTOS_DIR_SNAPSHOT_MAX	(64 << 20)	/* bytes of names in one snapshot */

struct ntos_dir_fill {
	struct dir_context ctx;
	struct ntos_dir_scan *scan;
	size_t cap;
	int error;
};

static size_t ntos_dir_name_size(unsigned int len)
{
	return ALIGN(sizeof(struct ntos_dir_name) + len, 8);
}

static bool ntos_dir_add(struct ntos_dir_fill *fill, const char *name, unsigned int len, u64 ino,
			 unsigned int type)
{
	struct ntos_dir_scan *scan = fill->scan;
	size_t need = ntos_dir_name_size(len);
	struct ntos_dir_name *e;

	if (scan->used + need > fill->cap) {
		size_t cap = max_t(size_t, fill->cap * 2, PAGE_SIZE);
		char *bigger;

		if (cap > NTOS_DIR_SNAPSHOT_MAX) {
			fill->error = -ENOMEM;
			return false;
		}
		bigger = kvmalloc(cap, GFP_KERNEL_ACCOUNT);
		if (!bigger) {
			fill->error = -ENOMEM;
			return false;
		}
		if (scan->names)
			memcpy(bigger, scan->names, scan->used);
		kvfree(scan->names);
		scan->names = bigger;
		fill->cap = cap;
	}
	e = (struct ntos_dir_name *)(scan->names + scan->used);
	e->ino = ino;
	e->len = len;
	e->type = type;
	memcpy(e->name, name, len);
	scan->used += need;
	return true;
}

static bool ntos_dir_actor(struct dir_context *ctx, const char *name, int len, loff_t pos,
			   u64 ino, unsigned int type)
{
	struct ntos_dir_fill *fill = container_of(ctx, struct ntos_dir_fill, ctx);

	/* "." and ".." are added first, by ntos_dir_scan_start() */
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	return ntos_dir_add(fill, name, len, ino, type);
}

struct ntos_dir_scan *ntos_dir_scan_of(struct ntos_dir_scan **slot)
{
	struct ntos_dir_scan *scan = READ_ONCE(*slot), *old;

	if (scan)
		return scan;
	scan = kzalloc(sizeof(*scan), GFP_KERNEL_ACCOUNT);
	if (!scan)
		return NULL;
	mutex_init(&scan->lock);
	old = cmpxchg(slot, NULL, scan);	/* two first queries at once: one scan */
	if (old) {
		kfree(scan);
		return old;
	}
	return scan;
}

void ntos_dir_scan_free(struct ntos_dir_scan *scan)
{
	if (!scan)
		return;
	kvfree(scan->names);
	kfree(scan->mask);
	kfree(scan);
}

ntstatus_t ntos_dir_scan_start(struct ntos_dir_scan *scan, struct file *file,
			       struct ntos_name *mask)
{
	struct ntos_dir_fill fill = { .ctx.actor = ntos_dir_actor, .scan = scan };
	struct dentry *dir = file->f_path.dentry;
	loff_t ret;

	if (mask->len) {	/* a new mask: the scan takes it over */
		kfree(scan->mask);
		scan->mask = mask->chars;
		scan->mask_len = mask->len;
		mask->chars = NULL;
		mask->len = 0;
	}
	scan->used = 0;
	scan->pos = 0;
	scan->loaded = false;
	scan->started = false;

	if (!IS_ROOT(dir) && (!ntos_dir_add(&fill, ".", 1, d_inode(dir)->i_ino, DT_DIR) ||
			      !ntos_dir_add(&fill, "..", 2, d_inode(dir->d_parent)->i_ino, DT_DIR)))
		return STATUS_NO_MEMORY;
	/* from the start each time: the snapshot is the whole directory */
	ret = vfs_llseek(file, 0, SEEK_SET);
	if (ret >= 0)
		ret = iterate_dir(file, &fill.ctx);
	if (!ret)
		ret = fill.error;
	if (ret) {
		scan->used = 0;
		return ret == -ENOMEM ? STATUS_NO_MEMORY : ntos_errno_status((int)ret);
	}
	scan->loaded = true;
	return STATUS_SUCCESS;
}

const struct ntos_dir_name *ntos_dir_scan_next(struct ntos_dir_scan *scan)
{
	const struct ntos_dir_name *e;
	int n;

	while (scan->pos < scan->used) {
		e = (const struct ntos_dir_name *)(scan->names + scan->pos);
		scan->last = scan->pos;
		scan->pos += ntos_dir_name_size(e->len);
		n = utf8s_to_utf16s(e->name, e->len, UTF16_LITTLE_ENDIAN, (wchar_t *)scan->wname,
				    ARRAY_SIZE(scan->wname));
		if (n <= 0)
			continue;
		scan->wlen = n;
		if (!scan->mask_len ||
		    ntos_dir_name_matches(scan->mask, scan->mask_len, scan->wname, n))
			return e;
	}
	return NULL;
}

void ntos_dir_scan_back(struct ntos_dir_scan *scan)
{
	scan->pos = scan->last;
}

static u16 ntos_dir_upcase(u16 c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

#define NTOS_DOS_STAR	'<'	/* any characters up to the name's last '.' */
#define NTOS_DOS_QM	'>'	/* one character, or none at a '.' or the end */
#define NTOS_DOS_DOT	'"'	/* a '.', or none at the end */

/*
 * FsRtlIsNameInExpression's rules, case-insensitive (ASCII letters, as
 * object names): '*' any run of characters, '?' any one, and the DOS
 * wildcards above; as Wine's file systems do (Wine's kernelbase passes a
 * FindFirstFile mask unchanged, where Windows' turns "*.*" into "*"),
 * '.' and '*' left at the end of the mask when the name is used up match
 * nothing, so "*.*" lists names without a dot too.
 *
 * The match is computed for every position of the name at once, one mask
 * character at a time (two bitmaps of NAME_MAX + 1 bits): linear in each,
 * whatever the mask, with no backtracking to blow up.
 */
bool ntos_dir_name_matches(const u16 *mask, unsigned int mask_len, const u16 *name,
			   unsigned int len)
{
	DECLARE_BITMAP(cur, NAME_MAX + 1);
	DECLARE_BITMAP(next, NAME_MAX + 1);
	unsigned int i, j, tail = mask_len, last_dot = len;

	if (len > NAME_MAX)
		return false;
	for (j = 0; j < len; j++)
		if (name[j] == '.')
			last_dot = j;
	while (tail && (mask[tail - 1] == '.' || mask[tail - 1] == '*'))
		tail--;			/* from mask[tail] on: only '.' and '*' */
	bitmap_zero(cur, NAME_MAX + 1);
	__set_bit(0, cur);
	for (i = 0; i < mask_len; i++) {
		u16 m = mask[i];

		bitmap_zero(next, NAME_MAX + 1);
		for_each_set_bit(j, cur, len + 1) {
			switch (m) {
			case '*':
				bitmap_set(next, j, len + 1 - j);
				break;
			case NTOS_DOS_STAR:
				/* up to the last dot if it is still ahead, else to the end */
				bitmap_set(next, j, (last_dot >= j && last_dot < len ?
						     last_dot : len) + 1 - j);
				break;
			case '?':
				if (j < len)
					__set_bit(j + 1, next);
				break;
			case NTOS_DOS_QM:
				if (j == len || name[j] == '.')
					__set_bit(j, next);
				else
					__set_bit(j + 1, next);
				break;
			case NTOS_DOS_DOT:
				if (j == len)
					__set_bit(j, next);
				else if (name[j] == '.')
					__set_bit(j + 1, next);
				break;
			default:
				if (j < len && ntos_dir_upcase(name[j]) == ntos_dir_upcase(m))
					__set_bit(j + 1, next);
				else if (j == len && m == '.' && i >= tail)
					__set_bit(j, next);
				break;
			}
		}
		bitmap_copy(cur, next, NAME_MAX + 1);
		if (bitmap_empty(cur, len + 1))
			return false;
	}
	return test_bit(len, cur);
}
