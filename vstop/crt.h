/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The terminal: the only module that includes curses. Views draw through these
 * calls and name colours by role, never by pair number. */
#ifndef VSTOP_CRT_H
#define VSTOP_CRT_H

#include <stdbool.h>

/* Roles; crt.c maps each to a colour pair and to a monochrome attribute. */
enum crt_color {
	CRT_NORMAL,
	CRT_HEADER,   /* header meters */
	CRT_LABEL,    /* header labels */
	CRT_TITLE,    /* the column title bar */
	CRT_SORTCOL,  /* the sort column's title */
	CRT_SELECTED, /* the cursor row */
	CRT_DIM,      /* a stopped guest */
	CRT_HOST,     /* context 0, the rest of the host */
	CRT_ALERT,    /* a limit hit or OOM kill in the last refreshes */
	CRT_TOTAL,    /* the totals line */
	CRT_STATUS,   /* the status line */
	CRT_KEY,      /* a key name in help and the key bar */
	CRT_WARN,     /* a hint about missing privilege or accounting */
	CRT_SPARK,    /* sparklines */
	CRT__COUNT
};

/* Keys: characters are themselves; the rest are above any character. */
enum crt_key {
	CRT_K_NONE = -1, /* timeout or interrupted */
	CRT_K_ESC = 27,
	CRT_K_ENTER = '\n',
	CRT_K_BACKSPACE = 0x7f,
	CRT_K_UP = 0x110000,
	CRT_K_DOWN,
	CRT_K_LEFT,
	CRT_K_RIGHT,
	CRT_K_PGUP,
	CRT_K_PGDN,
	CRT_K_HOME,
	CRT_K_END,
	CRT_K_RESIZE,
};

/* use_color false (NO_COLOR, or a monochrome terminal) gives attributes only. */
int crt_init(bool use_color);
void crt_done(void); /* restores the terminal; safe to call twice */
bool crt_utf8(void); /* the locale and terminal take UTF-8 (sparklines) */
void crt_size(int *rows, int *cols);
void crt_erase(void);
/* Text at (y, x) clipped to w columns (UTF-8 counted as one column per character);
 * returns the columns written. */
int crt_put(int y, int x, int w, enum crt_color c, const char *s);
void crt_fill(int y, enum crt_color c); /* the whole line in a colour */
void crt_flush(void);
/* Wait up to timeout_ms (negative: forever) for a key. */
int crt_getkey(int timeout_ms);

#endif
