/* Fixed-arity wrappers around libedit's variadic setters (el_set, el_get, history), which Swift
 * cannot call, plus the C stdio streams, which Swift 6 refuses as mutable globals.
 * `static inline` so each importing module compiles its own copy: no C target, no link clashes.
 * See shared/libedit-notes.md for why each of these exists. */
#ifndef CONSULT_CLIBEDIT_SHIM_H
#define CONSULT_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <strings.h>

static inline EditLine *shim_el_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }

static inline int shim_el_set_prompt_esc(EditLine *el, char *(*f)(EditLine *), char delimiter) {
    return el_set(el, EL_PROMPT_ESC, f, delimiter);
}
static inline int shim_el_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
static inline void *shim_el_get_clientdata(EditLine *el) {
    void *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    return p;
}
static inline int shim_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int shim_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int shim_el_addfn(EditLine *el, const char *name, const char *help,
                                unsigned char (*f)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int shim_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, (const char *)NULL);
}
static inline int shim_el_setty(EditLine *el, const char *a, const char *b) {
    return el_set(el, EL_SETTY, a, b, (const char *)NULL);
}
static inline int shim_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

static inline int shim_history_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int shim_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int shim_history_enter(History *h, const char *s) { HistEvent ev; return history(h, &ev, H_ENTER, s); }
static inline int shim_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int shim_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
static inline int shim_history_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }
/* The entries oldest first: H_LAST is the oldest, H_PREV moves towards the newest. NULL at the end. */
static inline const char *shim_history_oldest(History *h) { HistEvent ev; return history(h, &ev, H_LAST) == 0 ? ev.str : NULL; }
static inline const char *shim_history_newer(History *h) { HistEvent ev; return history(h, &ev, H_PREV) == 0 ? ev.str : NULL; }

/* Writes through libedit's own output stream, so a completion list lands in order with its redraw. */
static inline void shim_stdout_write(const char *s) { fputs(s, stdout); fflush(stdout); }

/* Chinese input is silently dropped unless the C library decodes UTF-8; fall back to C.UTF-8.
 * Only LC_CTYPE changes: numbers keep the C locale's decimal point whatever the user's locale.
 * Returns 1 when a UTF-8 character type is in force afterwards. */
static inline int shim_setlocale_utf8(void) {
    const char *set = setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (set != NULL && codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0)) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
    return setlocale(LC_CTYPE, "C.utf8") != NULL;
}

#endif
