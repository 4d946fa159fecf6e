/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PE32+ (x64) images: validation and the in-memory image.
 */
#ifndef _NTOS_PE_H
#define _NTOS_PE_H

#include <linux/types.h>

struct file;

#define NTOS_PE_MAX_SECTIONS	96		/* Windows' loader limit */
#define NTOS_PE_MAX_IMAGE	(64UL << 20)	/* what we load, for now */

struct ntos_pe_section {
	u32 rva;
	u32 size;		/* in memory, section-aligned */
	u32 raw_off;
	u32 raw_size;		/* bytes taken from the file */
	int prot;		/* PROT_* */
};

struct ntos_pe {
	u64 image_base;		/* preferred */
	u32 image_size;
	u32 headers_size;
	u32 entry;		/* RVA */
	u32 section_align;
	u16 subsystem;
	u16 characteristics;
	u16 dll_characteristics;
	u64 stack_reserve;
	u64 stack_commit;
	u32 base_off;		/* of OptionalHeader.ImageBase in the headers */
	u32 reloc_rva, reloc_size;
	u32 import_rva, import_size;
	unsigned int nr_sections;
	struct ntos_pe_section sections[NTOS_PE_MAX_SECTIONS];
};

int ntos_pe_parse(struct file *file, struct ntos_pe *pe);
int ntos_pe_check_kind(struct file *file, const struct ntos_pe *pe, bool dll);
bool ntos_pe_relocatable(const struct ntos_pe *pe);
int ntos_pe_load(struct file *file, const struct ntos_pe *pe, u8 *image);
bool ntos_pe_has_imports(const struct ntos_pe *pe, const u8 *image);
int ntos_pe_relocate(const struct ntos_pe *pe, u8 *image, u64 base);

#endif /* _NTOS_PE_H */
