// ncursesw for Swift: the wide-character API needs these defines before the
// header, and they must live here (cSettings do not reach the Swift importer).
#ifndef CNCURSES_H
#define CNCURSES_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

// Macros and globals Swift cannot use directly.
WINDOW *cn_stdscr(void);
int cn_lines(void);
int cn_cols(void);
attr_t cn_a_bold(void);
attr_t cn_a_reverse(void);
attr_t cn_a_underline(void);
attr_t cn_a_dim(void);
attr_t cn_a_normal(void);
/// Writes one cell: a NUL-terminated base character plus combining marks
/// (at most CCHARW_MAX in all), with attributes and a colour pair.
int cn_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair);
/// Key codes as plain ints (wget_wch tells keys from characters by its result).
int cn_key_resize(void);
int cn_colors(void);
int cn_term_colors(const char *term);
#endif
