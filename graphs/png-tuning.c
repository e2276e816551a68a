// SPDX-License-Identifier: GPL-2.0-or-later
/* Faster PNG graphs: librrd lets no caller choose cairo's antialiasing or libpng's zlib
 * level and row filters, most of a PNG graph's time. The executable defines the two
 * calls that set them (exported, so they bind before the libraries') and passes them on
 * cheaper (graph_png_fast; docs/vsgraph.8 has the figures). Executables only. */
#include <dlfcn.h>
#include <png.h>
#include <stdbool.h>
#include <stddef.h>

#include "png-tuning.h"

bool vsg_png_fast = true;

/* cairo.h is not needed for one enum and an opaque pointer (cairo's ABI since 1.12). */
enum {
	PNGT_CAIRO_ANTIALIAS_DEFAULT = 0,
	PNGT_CAIRO_ANTIALIAS_GRAY = 2,
	PNGT_CAIRO_ANTIALIAS_FAST = 4
};
typedef void cairo_set_antialias_fn(void *cr, int antialias);
typedef void png_set_ihdr_fn(png_const_structrp, png_inforp, png_uint_32, png_uint_32, int, int,
			     int, int, int);

/* The library's own definition. Graphs are drawn one at a time (rrd_graph_v is not
 * thread-safe), so no race on the stores. */
static void *pngt_next(void **cache, const char *name)
{
	if (!*cache)
		*cache = dlsym(RTLD_NEXT, name);
	return *cache;
}

void cairo_set_antialias(void *cr, int antialias); /* as cairo.h has it */
void cairo_set_antialias(void *cr, int antialias)
{
	static void *next;
	cairo_set_antialias_fn *set;

	/* POSIX's way to turn dlsym's object pointer into a function pointer. */
	*(void **)&set = pngt_next(&next, "cairo_set_antialias");
	if (!set)
		return; /* cairo keeps its default: slower, not wrong */
	if (vsg_png_fast &&
	    (antialias == PNGT_CAIRO_ANTIALIAS_DEFAULT || antialias == PNGT_CAIRO_ANTIALIAS_GRAY))
		antialias = PNGT_CAIRO_ANTIALIAS_FAST;
	set(cr, antialias);
}

void png_set_IHDR(png_const_structrp png, png_inforp info, png_uint_32 width, png_uint_32 height,
		  int bit_depth, int color_type, int interlace, int compression, int filter)
{
	static void *next;
	png_set_ihdr_fn *set;

	*(void **)&set = pngt_next(&next, "png_set_IHDR");
	/* Not found: the header stays unset and libpng fails the image with its own error,
	 * which vsgraph reports (into a temporary file it then removes). */
	if (!set)
		return;
	set(png, info, width, height, bit_depth, color_type, interlace, compression, filter);
	if (vsg_png_fast) {
		png_set_compression_level((png_structrp)png, 1);
		png_set_filter((png_structrp)png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	}
}
