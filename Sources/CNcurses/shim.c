#include "CNcurses.h"

WINDOW *cn_stdscr(void) { return stdscr; }
int cn_lines(void) { return LINES; }
int cn_cols(void) { return COLS; }
attr_t cn_a_bold(void) { return A_BOLD; }
attr_t cn_a_reverse(void) { return A_REVERSE; }
attr_t cn_a_underline(void) { return A_UNDERLINE; }
attr_t cn_a_dim(void) { return A_DIM; }
attr_t cn_a_normal(void) { return A_NORMAL; }
int cn_key_resize(void) { return KEY_RESIZE; }

int cn_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
int cn_colors(void) { return COLORS; }

#include <ncursesw/term.h>
/* The colours terminfo gives `term`, without taking the terminal (doctor); -1 when unknown. */
int cn_term_colors(const char *term) {
    int error = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(term, -1, &error) != OK) return -1;
    int colours = tigetnum("colors");
    del_curterm(cur_term);
    cur_term = saved;
    return colours;
}
