// SPDX-License-Identifier: GPL-2.0
/*
 * The running program's functions (cost_syms.h): the STT_FUNC symbols of
 * /proc/self/exe's .symtab, static ones included, moved by the load bias
 * of a position-independent executable, sorted by address. The program
 * reads itself in its own byte order, so this works under qemu-s390x too.
 */
#include "cost_syms.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct cost_sym {
	uintptr_t start, end;
	const char *name;
};

static struct cost_sym *syms;
static size_t nsyms;
static bool loaded;

static int main_bias(struct dl_phdr_info *info, size_t size, void *data)
{
	*(uintptr_t *)data = info->dlpi_addr;
	return 1; /* the first object is the program */
}

static int by_start(const void *a, const void *b)
{
	const struct cost_sym *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->name, y->name); /* aliases: the same one every run */
}

/* "foo" of gcc's clones and parts: foo.isra.0, foo.part.1, foo.cold */
static const char *kernel_name(const char *s)
{
	const char *dot = strchr(s, '.');

	return dot ? strndup(s, dot - s) : s;
}

static int fail(char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "/proc/self/exe: %s", what);
	return -1;
}

int cost_syms_load(char *err, size_t errlen)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	uintptr_t bias = 0;
	struct stat st;
	const char *map;
	size_t i, k;
	int fd;

	if (loaded)
		return 0;
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return fail(err, errlen, strerror(errno));
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return fail(err, errlen, strerror(errno));
	eh = (const Elf64_Ehdr *)map;
	if ((size_t)st.st_size < sizeof(*eh) ||
	    memcmp(eh->e_ident, ELFMAG, 4) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(*sh) >
		    (uint64_t)st.st_size)
		return fail(err, errlen, "not a 64-bit ELF file");
	sh = (const Elf64_Shdr *)(map + eh->e_shoff);
	dl_iterate_phdr(main_bias, &bias);
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Sym *sym;
		const char *str;
		size_t n;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		sym = (const Elf64_Sym *)(map + sh[i].sh_offset);
		str = map + sh[sh[i].sh_link].sh_offset;
		n = sh[i].sh_size / sizeof(*sym);
		syms = realloc(syms, (nsyms + n) * sizeof(*syms));
		if (!syms)
			return fail(err, errlen, "out of memory");
		for (k = 0; k < n; k++) {
			if (ELF64_ST_TYPE(sym[k].st_info) != STT_FUNC ||
			    sym[k].st_shndx == SHN_UNDEF || !sym[k].st_size)
				continue;
			syms[nsyms++] = (struct cost_sym){
				bias + sym[k].st_value,
				bias + sym[k].st_value + sym[k].st_size,
				kernel_name(str + sym[k].st_name)};
			if (!syms[nsyms - 1].name)
				return fail(err, errlen, "out of memory");
		}
	}
	if (!nsyms)
		return fail(
			err, errlen,
			"no function symbols (stripped?): the count build needs them");
	qsort(syms, nsyms, sizeof(*syms), by_start);
	loaded = true;
	return 0;
}

const char *cost_syms_function(uintptr_t pc)
{
	size_t lo = 0, hi = nsyms;

	/* the last symbol starting at or before pc */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (syms[mid].start <= pc)
			lo = mid;
		else
			hi = mid;
	}
	if (!nsyms || pc < syms[lo].start || pc >= syms[lo].end)
		return NULL;
	return syms[lo].name;
}
