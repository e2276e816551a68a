// SPDX-License-Identifier: GPL-2.0-or-later
/* All of vstop's curses code: set-up, teardown, colour roles, text and keys. */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "crt.h"

struct crt_style {
	short fg, bg;
	attr_t attr; /* with colour */
	attr_t mono; /* without */
};

/* One row per role: the rest of vstop never names a colour. */
static const struct crt_style crt_styles[CRT__COUNT] = {
    [CRT_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [CRT_HEADER] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [CRT_LABEL] = {-1, -1, A_NORMAL, A_NORMAL},
    [CRT_TITLE] = {COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE},
    [CRT_SORTCOL] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD | A_UNDERLINE},
    [CRT_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [CRT_DIM] = {-1, -1, A_DIM, A_DIM},
    [CRT_HOST] = {COLOR_BLUE, -1, A_BOLD, A_BOLD},
    [CRT_ALERT] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE},
    [CRT_TOTAL] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [CRT_STATUS] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE},
    [CRT_KEY] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [CRT_WARN] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [CRT_SPARK] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
};

static bool crt_active, crt_color_on, crt_is_utf8;

int crt_init(bool use_color)
{
	setlocale(LC_ALL, "");
	crt_is_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!initscr())
		return -1;
	crt_active = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25); /* Esc is a key here, not only a prefix */
	if (use_color && has_colors() && start_color() == OK) {
		use_default_colors();
		for (int i = 1; i < CRT__COUNT; i++)
			init_pair((short)i, crt_styles[i].fg, crt_styles[i].bg);
		crt_color_on = true;
	}
	return 0;
}

void crt_done(void)
{
	if (!crt_active)
		return;
	curs_set(1);
	endwin();
	crt_active = false;
}

bool crt_utf8(void)
{
	return crt_is_utf8;
}

void crt_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

void crt_erase(void)
{
	erase();
}

static void crt_attr(enum crt_color c)
{
	if (crt_color_on)
		attrset(crt_styles[c].attr | (c ? COLOR_PAIR(c) : 0));
	else
		attrset(crt_styles[c].mono);
}

int crt_put(int y, int x, int w, enum crt_color c, const char *s)
{
	int n = 0;
	size_t bytes = 0;

	/* One column per character: our text is ASCII plus block elements. */
	while (s[bytes] && n < w) {
		bytes++;
		while ((s[bytes] & 0xc0) == 0x80)
			bytes++;
		n++;
	}
	crt_attr(c);
	mvaddnstr(y, x, s, (int)bytes);
	return n;
}

void crt_fill(int y, enum crt_color c)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	(void)rows;
	crt_attr(c);
	mvhline(y, 0, ' ', cols);
}

void crt_flush(void)
{
	attrset(A_NORMAL);
	refresh();
}

int crt_getkey(int timeout_ms)
{
	int k;

	timeout(timeout_ms);
	k = getch();
	switch (k) {
	case ERR:
		return CRT_K_NONE;
	case KEY_UP:
		return CRT_K_UP;
	case KEY_DOWN:
		return CRT_K_DOWN;
	case KEY_LEFT:
		return CRT_K_LEFT;
	case KEY_RIGHT:
		return CRT_K_RIGHT;
	case KEY_PPAGE:
		return CRT_K_PGUP;
	case KEY_NPAGE:
		return CRT_K_PGDN;
	case KEY_HOME:
		return CRT_K_HOME;
	case KEY_END:
		return CRT_K_END;
	case KEY_RESIZE:
		return CRT_K_RESIZE;
	case KEY_ENTER:
	case '\r':
		return CRT_K_ENTER;
	case KEY_BACKSPACE:
	case 8:
		return CRT_K_BACKSPACE;
	default:
		return k >= KEY_MIN ? CRT_K_NONE : k;
	}
}
