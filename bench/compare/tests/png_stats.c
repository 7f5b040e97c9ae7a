// SPDX-License-Identifier: GPL-2.0
/*
 * png-stats FILE [X,Y,W,H ...]: decodes an 8-bit, non-interlaced PNG (what
 * Chromium's --screenshot writes) and prints
 *	width height distinct_colours non_white_permille
 * then one line per rectangle (in pixels, clipped to the image):
 *	distinct_colours non_white_permille coloured_permille
 * where coloured pixels are saturated ones (not white, grey or black: not
 * text, axes or grid). The report test uses it to tell a drawn chart from
 * a blank or text-only area of the page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct stats {
	size_t distinct, nonwhite, coloured, pixels;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Statistics of the pixels in [x0, x1) x [y0, y1). */
static struct stats area_stats(const unsigned char *img, size_t stride, int bpp,
			       size_t x0, size_t y0, size_t x1, size_t y1)
{
	static unsigned char seen[1 << 21]; /* 24-bit colour bitmap */
	struct stats st = {0};
	size_t x, y;

	memset(seen, 0, sizeof(seen));
	for (y = y0; y < y1; y++) {
		for (x = x0; x < x1; x++) {
			const unsigned char *p = img + y * stride + x * bpp;
			uint32_t rgb = (uint32_t)p[0] << 16 | p[1] << 8 | p[2];
			int hi = p[0], lo = p[0];

			hi = p[1] > hi ? p[1] : hi;
			hi = p[2] > hi ? p[2] : hi;
			lo = p[1] < lo ? p[1] : lo;
			lo = p[2] < lo ? p[2] : lo;
			if (!(seen[rgb >> 3] & (1 << (rgb & 7)))) {
				seen[rgb >> 3] |=
					(unsigned char)(1 << (rgb & 7));
				st.distinct++;
			}
			st.nonwhite += lo < 245;
			st.coloured += hi - lo > 40;
			st.pixels++;
		}
	}
	return st;
}

static size_t permille(size_t n, size_t of)
{
	return of ? n * 1000 / of : 0;
}

static int die(const char *msg, const char *file)
{
	fprintf(stderr, "png-stats: %s: %s\n", file, msg);
	return 2;
}

int main(int argc, char **argv)
{
	unsigned char *buf, *idat = NULL, *raw, *img;
	size_t len, pos = 8, nidat = 0, stride, y, x;
	uint32_t w = 0, h = 0;
	int depth = 0, ctype = 0, interlace = 0, bpp;
	uLongf rawlen;
	FILE *f;
	struct stats st;
	int i;

	if (argc < 2)
		return die("usage: png-stats FILE [X,Y,W,H ...]", "-");
	f = fopen(argv[1], "rb");
	if (!f)
		return die("cannot open", argv[1]);
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(len);
	if (!buf || fread(buf, 1, len, f) != len)
		return die("cannot read", argv[1]);
	fclose(f);
	if (len < 8 || memcmp(buf, "\x89PNG\r\n\x1a\n", 8))
		return die("not a PNG", argv[1]);
	while (pos + 12 <= len) {
		uint32_t n = be32(buf + pos);
		const unsigned char *type = buf + pos + 4,
				    *data = buf + pos + 8;

		if (pos + 12 + n > len)
			return die("truncated chunk", argv[1]);
		if (!memcmp(type, "IHDR", 4)) {
			w = be32(data);
			h = be32(data + 4);
			depth = data[8];
			ctype = data[9];
			interlace = data[12];
		} else if (!memcmp(type, "IDAT", 4)) {
			idat = realloc(idat, nidat + n);
			memcpy(idat + nidat, data, n);
			nidat += n;
		}
		pos += 12 + n;
	}
	if (!w || !h || depth != 8 || interlace || (ctype != 2 && ctype != 6))
		return die("only 8-bit RGB/RGBA non-interlaced PNGs", argv[1]);
	bpp = ctype == 6 ? 4 : 3;
	stride = (size_t)w * bpp;
	rawlen = (uLongf)((stride + 1) * h);
	raw = malloc(rawlen);
	img = malloc(stride * h);
	if (!raw || !img || uncompress(raw, &rawlen, idat, nidat) != Z_OK ||
	    rawlen != (stride + 1) * h)
		return die("bad image data", argv[1]);
	for (y = 0; y < h; y++) {
		unsigned char *out = img + y * stride,
			      *in = raw + y * (stride + 1) + 1;
		const unsigned char *up = y ? img + (y - 1) * stride : NULL;
		int ft = in[-1];

		for (x = 0; x < stride; x++) {
			int a = x >= (size_t)bpp ? out[x - bpp] : 0;
			int b = up ? up[x] : 0;
			int c = up && x >= (size_t)bpp ? up[x - bpp] : 0;
			int v = in[x];

			switch (ft) {
			case 1:
				v += a;
				break;
			case 2:
				v += b;
				break;
			case 3:
				v += (a + b) / 2;
				break;
			case 4:
				v += paeth(a, b, c);
				break;
			}
			out[x] = (unsigned char)v;
		}
	}
	st = area_stats(img, stride, bpp, 0, 0, w, h);
	printf("%u %u %zu %zu\n", w, h, st.distinct,
	       permille(st.nonwhite, st.pixels));
	for (i = 2; i < argc; i++) {
		long rx, ry, rw, rh;
		size_t x1, y1;

		if (sscanf(argv[i], "%ld,%ld,%ld,%ld", &rx, &ry, &rw, &rh) !=
			    4 ||
		    rx < 0 || ry < 0 || rw <= 0 || rh <= 0)
			return die("expected a rectangle X,Y,W,H", argv[i]);
		x1 = (size_t)(rx + rw) < w ? (size_t)(rx + rw) : w;
		y1 = (size_t)(ry + rh) < h ? (size_t)(ry + rh) : h;
		if ((size_t)rx >= x1 || (size_t)ry >= y1) {
			printf("0 0 0\n");
			continue;
		}
		st = area_stats(img, stride, bpp, (size_t)rx, (size_t)ry, x1,
				y1);
		printf("%zu %zu %zu\n", st.distinct,
		       permille(st.nonwhite, st.pixels),
		       permille(st.coloured, st.pixels));
	}
	free(buf);
	free(idat);
	free(raw);
	free(img);
	return 0;
}
