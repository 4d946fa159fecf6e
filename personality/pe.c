// SPDX-License-Identifier: GPL-2.0
/*
 * PE32+ images: read the headers, check everything the loader will rely
 * on, build the image in kernel memory, apply base relocations.  A
 * malformed image is -ENOEXEC with a rate-limited reason in the log: the
 * file is untrusted input.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/mman.h>
#include <linux/string.h>

#include "pe.h"

#define IMAGE_DOS_SIGNATURE		0x5a4d		/* MZ */
#define IMAGE_NT_SIGNATURE		0x00004550	/* PE\0\0 */
#define IMAGE_FILE_MACHINE_AMD64	0x8664
#define IMAGE_NT_OPTIONAL_HDR64_MAGIC	0x20b
#define IMAGE_FILE_RELOCS_STRIPPED	0x0001
#define IMAGE_FILE_EXECUTABLE_IMAGE	0x0002
#define IMAGE_FILE_DLL			0x2000
#define IMAGE_SCN_MEM_EXECUTE		0x20000000
#define IMAGE_SCN_MEM_READ		0x40000000
#define IMAGE_SCN_MEM_WRITE		0x80000000
#define IMAGE_DIRECTORY_ENTRY_IMPORT	1
#define IMAGE_DIRECTORY_ENTRY_BASERELOC	5
#define IMAGE_REL_BASED_ABSOLUTE	0
#define IMAGE_REL_BASED_HIGHLOW		3
#define IMAGE_REL_BASED_DIR64		10

/* On-disk layouts (little-endian, packed as in the file). */
struct ntos_pe_file_header {
	__le16 machine;
	__le16 nr_sections;
	__le32 timestamp;
	__le32 symtab;
	__le32 nr_symbols;
	__le16 opt_size;
	__le16 characteristics;
} __packed;

struct ntos_pe_opt_header {
	__le16 magic;
	u8 linker_major, linker_minor;
	__le32 code_size, data_size, bss_size;
	__le32 entry;
	__le32 code_base;
	__le64 image_base;
	__le32 section_align;
	__le32 file_align;
	__le16 os_major, os_minor, image_major, image_minor, subsys_major, subsys_minor;
	__le32 win32_version;
	__le32 image_size;
	__le32 headers_size;
	__le32 checksum;
	__le16 subsystem;
	__le16 dll_characteristics;
	__le64 stack_reserve, stack_commit, heap_reserve, heap_commit;
	__le32 loader_flags;
	__le32 nr_dirs;
	struct {
		__le32 rva;
		__le32 size;
	} dirs[16];
} __packed;

struct ntos_pe_section_header {
	char name[8];
	__le32 virtual_size;
	__le32 rva;
	__le32 raw_size;
	__le32 raw_off;
	__le32 reloc_off, lines_off;
	__le16 nr_relocs, nr_lines;
	__le32 characteristics;
} __packed;

#define ntos_pe_bad(file, fmt, ...) ({						\
	pr_warn_ratelimited("exec %pD: not a valid PE32+ x64 image: " fmt "\n",	\
			    file, ##__VA_ARGS__);				\
	-ENOEXEC;								\
})

static int ntos_pe_read(struct file *file, void *buf, size_t len, loff_t pos)
{
	ssize_t n = kernel_read(file, buf, len, &pos);

	return n == len ? 0 : -EIO;
}

static int ntos_pe_check_sections(struct file *file, struct ntos_pe *pe,
				  const struct ntos_pe_section_header *sh, loff_t file_size)
{
	u32 next = ALIGN(pe->headers_size, pe->section_align), vsize, raw;
	struct ntos_pe_section *s;
	unsigned int i;
	u32 ch;

	for (i = 0; i < pe->nr_sections; i++) {
		s = &pe->sections[i];
		s->rva = le32_to_cpu(sh[i].rva);
		vsize = le32_to_cpu(sh[i].virtual_size);
		raw = le32_to_cpu(sh[i].raw_size);
		s->raw_off = le32_to_cpu(sh[i].raw_off);
		if (!vsize)
			vsize = raw;
		if (s->rva != ALIGN(s->rva, pe->section_align) || s->rva < next)
			return ntos_pe_bad(file, "section %u at %#x overlaps or is misaligned",
					   i, s->rva);
		if (!vsize || vsize > pe->image_size - s->rva || s->rva >= pe->image_size)
			return ntos_pe_bad(file, "section %u (%#x + %#x) is past SizeOfImage",
					   i, s->rva, vsize);
		s->size = ALIGN(vsize, pe->section_align);
		if (s->size > pe->image_size - s->rva)
			s->size = pe->image_size - s->rva;
		s->raw_size = min(raw, vsize);
		if (s->raw_size && (s->raw_off > file_size || s->raw_size > file_size - s->raw_off))
			return ntos_pe_bad(file, "section %u data is past the end of the file", i);
		next = s->rva + s->size;
		ch = le32_to_cpu(sh[i].characteristics);
		s->prot = (ch & IMAGE_SCN_MEM_READ ? PROT_READ : 0) |
			  (ch & IMAGE_SCN_MEM_WRITE ? PROT_WRITE : 0) |
			  (ch & IMAGE_SCN_MEM_EXECUTE ? PROT_EXEC : 0);
	}
	return 0;
}

/* Read and check the headers of @file, an executable or a DLL, into @pe. */
int ntos_pe_parse(struct file *file, struct ntos_pe *pe)
{
	struct ntos_pe_section_header *sh = NULL;
	loff_t size = i_size_read(file_inode(file));
	struct ntos_pe_opt_header opt;
	struct ntos_pe_file_header fh;
	__le32 raw_lfanew, sig;
	u32 lfanew, nr_dirs;
	__le16 mz;
	int ret;

	memset(pe, 0, sizeof(*pe));
	if (size < 0x40 || ntos_pe_read(file, &mz, 2, 0) || le16_to_cpu(mz) != IMAGE_DOS_SIGNATURE)
		return ntos_pe_bad(file, "no MZ header");
	if (ntos_pe_read(file, &raw_lfanew, 4, 0x3c))
		return -ENOEXEC;
	lfanew = le32_to_cpu(raw_lfanew);
	if (lfanew < 0x40 || (lfanew & 3) ||
	    lfanew > size - 4 - sizeof(fh) - offsetof(struct ntos_pe_opt_header, dirs))
		return ntos_pe_bad(file, "e_lfanew %#x out of range", lfanew);
	if (ntos_pe_read(file, &sig, 4, lfanew) || le32_to_cpu(sig) != IMAGE_NT_SIGNATURE)
		return ntos_pe_bad(file, "no PE signature");
	if (ntos_pe_read(file, &fh, sizeof(fh), lfanew + 4))
		return -ENOEXEC;
	if (le16_to_cpu(fh.machine) != IMAGE_FILE_MACHINE_AMD64)
		return ntos_pe_bad(file, "machine %#x is not AMD64", le16_to_cpu(fh.machine));
	pe->characteristics = le16_to_cpu(fh.characteristics);
	if (!(pe->characteristics & IMAGE_FILE_EXECUTABLE_IMAGE))
		return ntos_pe_bad(file, "not an executable image");
	pe->nr_sections = le16_to_cpu(fh.nr_sections);
	if (!pe->nr_sections || pe->nr_sections > NTOS_PE_MAX_SECTIONS)
		return ntos_pe_bad(file, "%u sections", pe->nr_sections);
	if (le16_to_cpu(fh.opt_size) < offsetof(struct ntos_pe_opt_header, dirs))
		return ntos_pe_bad(file, "optional header too small");

	memset(&opt, 0, sizeof(opt));
	if (ntos_pe_read(file, &opt, min_t(u32, sizeof(opt), le16_to_cpu(fh.opt_size)),
			 lfanew + 4 + sizeof(fh)))
		return ntos_pe_bad(file, "truncated optional header");
	if (le16_to_cpu(opt.magic) != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
		return ntos_pe_bad(file, "optional header magic %#x is not PE32+",
				   le16_to_cpu(opt.magic));
	pe->image_base = le64_to_cpu(opt.image_base);
	pe->base_off = lfanew + 4 + sizeof(fh) + offsetof(struct ntos_pe_opt_header, image_base);
	pe->image_size = le32_to_cpu(opt.image_size);
	pe->headers_size = le32_to_cpu(opt.headers_size);
	pe->entry = le32_to_cpu(opt.entry);
	pe->section_align = le32_to_cpu(opt.section_align);
	pe->subsystem = le16_to_cpu(opt.subsystem);
	pe->dll_characteristics = le16_to_cpu(opt.dll_characteristics);
	pe->stack_reserve = le64_to_cpu(opt.stack_reserve);
	pe->stack_commit = le64_to_cpu(opt.stack_commit);
	if (!is_power_of_2(pe->section_align) || !is_power_of_2(le32_to_cpu(opt.file_align)) ||
	    pe->section_align < le32_to_cpu(opt.file_align))
		return ntos_pe_bad(file, "bad alignments %#x/%#x", pe->section_align,
				   le32_to_cpu(opt.file_align));
	if (!pe->image_size || pe->image_size > NTOS_PE_MAX_IMAGE)
		return ntos_pe_bad(file, "SizeOfImage %#x not supported", pe->image_size);
	if (!pe->headers_size || pe->headers_size > pe->image_size || pe->headers_size > size ||
	    pe->headers_size < lfanew + 4 + sizeof(fh) + le16_to_cpu(fh.opt_size) +
			       pe->nr_sections * sizeof(*sh))
		return ntos_pe_bad(file, "SizeOfHeaders %#x out of range", pe->headers_size);
	/* a DLL without DllMain (resources, apisetschema.dll's data) has entry 0 */
	if ((!pe->entry && !(pe->characteristics & IMAGE_FILE_DLL)) || pe->entry >= pe->image_size)
		return ntos_pe_bad(file, "entry point %#x outside the image", pe->entry);
	if ((pe->image_base & 0xffff) || pe->image_base > TASK_SIZE_MAX - pe->image_size)
		return ntos_pe_bad(file, "ImageBase %#llx unusable", pe->image_base);
	nr_dirs = min_t(u32, le32_to_cpu(opt.nr_dirs), 16);
	if (nr_dirs > IMAGE_DIRECTORY_ENTRY_BASERELOC) {
		pe->reloc_rva = le32_to_cpu(opt.dirs[IMAGE_DIRECTORY_ENTRY_BASERELOC].rva);
		pe->reloc_size = le32_to_cpu(opt.dirs[IMAGE_DIRECTORY_ENTRY_BASERELOC].size);
	}
	if (nr_dirs > IMAGE_DIRECTORY_ENTRY_IMPORT) {
		pe->import_rva = le32_to_cpu(opt.dirs[IMAGE_DIRECTORY_ENTRY_IMPORT].rva);
		pe->import_size = le32_to_cpu(opt.dirs[IMAGE_DIRECTORY_ENTRY_IMPORT].size);
	}
	if (pe->reloc_size && (pe->reloc_rva > pe->image_size ||
			       pe->reloc_size > pe->image_size - pe->reloc_rva))
		return ntos_pe_bad(file, "relocations outside the image");
	if (pe->import_size && (pe->import_rva > pe->image_size ||
				pe->import_size > pe->image_size - pe->import_rva))
		return ntos_pe_bad(file, "imports outside the image");

	sh = kmalloc_array(pe->nr_sections, sizeof(*sh), GFP_KERNEL);
	if (!sh)
		return -ENOMEM;
	ret = ntos_pe_read(file, sh, pe->nr_sections * sizeof(*sh),
			   lfanew + 4 + sizeof(fh) + le16_to_cpu(fh.opt_size));
	if (ret)
		ret = ntos_pe_bad(file, "truncated section table");
	else
		ret = ntos_pe_check_sections(file, pe, sh, size);
	kfree(sh);
	return ret;
}

/* Is @pe's image of the kind wanted, a DLL (@dll) or a program? */
int ntos_pe_check_kind(struct file *file, const struct ntos_pe *pe, bool dll)
{
	if (!(pe->characteristics & IMAGE_FILE_DLL) != !dll)
		return ntos_pe_bad(file, "%s", dll ? "not a DLL" : "a DLL, not a program");
	return 0;
}

/* Can @pe's image be moved from its preferred base? */
bool ntos_pe_relocatable(const struct ntos_pe *pe)
{
	return !(pe->characteristics & IMAGE_FILE_RELOCS_STRIPPED) && pe->reloc_size;
}

/* Unaligned little-endian access to the image. */
static u16 ntos_get16(const u8 *p)
{
	__le16 v;

	memcpy(&v, p, sizeof(v));
	return le16_to_cpu(v);
}

static u32 ntos_get32(const u8 *p)
{
	__le32 v;

	memcpy(&v, p, sizeof(v));
	return le32_to_cpu(v);
}

static void ntos_add32(u8 *p, u32 delta)
{
	__le32 v = cpu_to_le32(ntos_get32(p) + delta);

	memcpy(p, &v, sizeof(v));
}

static void ntos_add64(u8 *p, u64 delta)
{
	__le64 v;

	memcpy(&v, p, sizeof(v));
	v = cpu_to_le64(le64_to_cpu(v) + delta);
	memcpy(p, &v, sizeof(v));
}

#define NTOS_PE_IMPORT_DESCRIPTOR_SIZE	20
#define NTOS_PE_MAX_IMPORT_DLLS		1024	/* descriptors per image */
#define NTOS_PE_MAX_NAME		256	/* DLL and function names */
#define NTOS_PE_ORDINAL_FLAG		BIT_ULL(63)

/* Is there a NUL-terminated name of at most NTOS_PE_MAX_NAME bytes at @rva? */
static bool ntos_pe_name_ok(const struct ntos_pe *pe, const u8 *image, u32 rva)
{
	u32 len = min_t(u32, pe->image_size - rva, NTOS_PE_MAX_NAME + 1);

	return rva && rva < pe->image_size && memchr(image + rva, 0, len);
}

/* Does the thunk array at @rva end inside the image, every entry sound? */
static bool ntos_pe_thunks_ok(const struct ntos_pe *pe, const u8 *image, u32 rva)
{
	__le64 raw;
	u64 thunk;

	for (; rva <= pe->image_size - 8; rva += 8) {
		memcpy(&raw, image + rva, sizeof(raw));
		thunk = le64_to_cpu(raw);
		if (!thunk)
			return true;
		if (thunk & NTOS_PE_ORDINAL_FLAG)
			continue;
		/* a hint (2 bytes), then the name */
		if (thunk >= pe->image_size - 2 || !ntos_pe_name_ok(pe, image, thunk + 2))
			return false;
	}
	return false;
}

/*
 * The loader in ntdll.dll resolves imports; what it will walk is checked
 * here once, so that a malformed table is a clean exec failure: the
 * descriptor list ends inside the image within a bounded count, and every
 * DLL name, thunk array and hint/name entry lies inside the image.
 */
static int ntos_pe_check_imports(struct file *file, const struct ntos_pe *pe, const u8 *image)
{
	u32 rva = pe->import_rva, d[5], i, k;

	if (!pe->import_size)
		return 0;
	for (i = 0;; i++, rva += NTOS_PE_IMPORT_DESCRIPTOR_SIZE) {
		if (i == NTOS_PE_MAX_IMPORT_DLLS ||
		    rva > pe->image_size - NTOS_PE_IMPORT_DESCRIPTOR_SIZE)
			return ntos_pe_bad(file, "the import directory does not end");
		for (k = 0; k < 5; k++)
			d[k] = ntos_get32(image + rva + 4 * k);
		if (!memchr_inv(d, 0, sizeof(d)))
			return 0;
		/* d[0]: OriginalFirstThunk (may be 0), d[3]: Name, d[4]: FirstThunk */
		if (!ntos_pe_name_ok(pe, image, d[3]))
			return ntos_pe_bad(file, "import %u: bad DLL name", i);
		if (!d[4] || !ntos_pe_thunks_ok(pe, image, d[4]) ||
		    (d[0] && !ntos_pe_thunks_ok(pe, image, d[0])))
			return ntos_pe_bad(file, "import %u: bad thunk table", i);
	}
}

/* Does the image import anything (a descriptor that is not the terminator)? */
bool ntos_pe_has_imports(const struct ntos_pe *pe, const u8 *image)
{
	return pe->import_size >= NTOS_PE_IMPORT_DESCRIPTOR_SIZE &&
	       memchr_inv(image + pe->import_rva, 0, NTOS_PE_IMPORT_DESCRIPTOR_SIZE);
}

/*
 * Fill @image (pe->image_size bytes, zeroed) from @file: headers, then
 * sections.
 */
int ntos_pe_load(struct file *file, const struct ntos_pe *pe, u8 *image)
{
	const struct ntos_pe_section *s;
	unsigned int i;

	if (ntos_pe_read(file, image, pe->headers_size, 0))
		return -EIO;
	for (i = 0; i < pe->nr_sections; i++) {
		s = &pe->sections[i];
		if (s->raw_size && ntos_pe_read(file, image + s->rva, s->raw_size, s->raw_off))
			return -EIO;
	}
	return ntos_pe_check_imports(file, pe, image);
}

/*
 * Move @image from its preferred base to @base.  As Windows does, the
 * headers then say where the image is (OptionalHeader.ImageBase = @base).
 */
int ntos_pe_relocate(const struct ntos_pe *pe, u8 *image, u64 base)
{
	u64 delta = base - pe->image_base;
	u32 pos = pe->reloc_rva, end = pe->reloc_rva + pe->reloc_size;
	u32 page, block, off, i;
	u16 entry;

	if (!delta)
		return 0;
	if (!ntos_pe_relocatable(pe))
		return -ENOEXEC;
	while (pos + 8 <= end) {
		page = ntos_get32(image + pos);
		block = ntos_get32(image + pos + 4);
		if (block < 8 || block > end - pos || page >= pe->image_size)
			return -ENOEXEC;
		for (i = 8; i + 2 <= block; i += 2) {
			entry = ntos_get16(image + pos + i);
			off = page + (entry & 0xfff);
			switch (entry >> 12) {
			case IMAGE_REL_BASED_ABSOLUTE:
				break;
			case IMAGE_REL_BASED_DIR64:
				if (off > pe->image_size - 8)
					return -ENOEXEC;
				ntos_add64(image + off, delta);
				break;
			case IMAGE_REL_BASED_HIGHLOW:
				if (off > pe->image_size - 4)
					return -ENOEXEC;
				ntos_add32(image + off, (u32)delta);
				break;
			default:
				return -ENOEXEC;
			}
		}
		pos += block;
	}
	ntos_add64(image + pe->base_off, delta);
	return 0;
}
