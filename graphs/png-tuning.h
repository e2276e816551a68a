/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The PNG speed settings of png-tuning.c, in the executables that link it. */
#ifndef VSG_PNG_TUNING_H
#define VSG_PNG_TUNING_H

#include <stdbool.h>

/* Fast antialiasing, zlib level 1 and no row filter for PNG graphs (config
 * graph_png_fast, default yes); false: cairo's and libpng's defaults. */
extern bool vsg_png_fast;

#endif
