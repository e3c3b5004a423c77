#pragma once
/*
 * Fixed-signature wrappers around libedit for Swift.
 *
 * Swift cannot call C variadic functions, and libedit's el_set / el_get / history have no
 * va_list variants, so every call KPIRepl needs gets a small non-variadic wrapper here.
 * The process-wide SIGINT flag also lives here: a signal handler must be plain C.
 */
#include <stddef.h>
#include <histedit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- EditLine setup ------------------------------------------------------------------------ */

/** el_init on the process's stdin/stdout/stderr (Swift 6 rejects touching those globals). */
EditLine *_Nullable shim_el_init_stdio(const char *_Nonnull program);

/** Prompt callback; `invisible` brackets non-printing sequences (0 = no bracketing). */
int shim_el_set_prompt(EditLine *_Nonnull el, char *_Nullable (*_Nonnull fn)(EditLine *_Nullable), char invisible);
/** "emacs" or "vi". */
int shim_el_set_editor(EditLine *_Nonnull el, const char *_Nonnull mode);
/** 1: libedit installs its own handlers while reading (restores the tty, then re-raises). */
int shim_el_set_signal(EditLine *_Nonnull el, int on);
/** Connects a History so the history-search editor functions can use it. */
int shim_el_set_hist(EditLine *_Nonnull el, History *_Nonnull h);
/** Registers a named editor function for EL_BIND. */
int shim_el_addfn(EditLine *_Nonnull el, const char *_Nonnull name, const char *_Nonnull help,
                  unsigned char (*_Nonnull fn)(EditLine *_Nullable, int));
/** Binds a key sequence (`^I`, `\e[A`, ...) to an editor function by name. */
int shim_el_bind(EditLine *_Nonnull el, const char *_Nonnull key, const char *_Nonnull function);
/** Same, in the vi command-mode map (`bind -a`): vi insert mode must keep a bare Escape. */
int shim_el_bind_command_mode(EditLine *_Nonnull el, const char *_Nonnull key, const char *_Nonnull function);
/** 1 if the editor is in vi mode (e.g. after `bind -v` in ~/.editrc), 0 for emacs. */
int shim_el_editor_is_vi(EditLine *_Nonnull el);
/** Stores an opaque pointer retrievable from callbacks. */
int shim_el_set_clientdata(EditLine *_Nonnull el, void *_Nullable data);
/** The pointer stored with shim_el_set_clientdata. */
void *_Nullable shim_el_get_clientdata(EditLine *_Nonnull el);
/** Writes text to the editor's output stream and flushes it (keeps ordering with libedit output). */
void shim_el_print(EditLine *_Nonnull el, const char *_Nonnull text);

/* ---- History --------------------------------------------------------------------------------- */

int shim_history_setsize(History *_Nonnull h, HistEvent *_Nonnull ev, int size);
int shim_history_setunique(History *_Nonnull h, HistEvent *_Nonnull ev, int unique);
int shim_history_enter(History *_Nonnull h, HistEvent *_Nonnull ev, const char *_Nonnull line);
int shim_history_load(History *_Nonnull h, HistEvent *_Nonnull ev, const char *_Nonnull path);
/** Oldest entry (H_LAST); then walk towards newer ones with shim_history_prev. */
int shim_history_last(History *_Nonnull h, HistEvent *_Nonnull ev);
/** The next newer entry (H_PREV); -1 past the newest. */
int shim_history_prev(History *_Nonnull h, HistEvent *_Nonnull ev);

/**
 * Saves atomically: a temp file in the same directory, H_SAVE_FP, fflush + fsync, chmod 0600,
 * rename over `path`. Returns 0 or an errno value (EIO when libedit itself failed).
 */
int shim_history_save_atomic(History *_Nonnull h, const char *_Nonnull path);

/* ---- Signals, terminal ----------------------------------------------------------------------- */

/**
 * Installs the SIGINT handler (sigaction WITHOUT SA_RESTART, so a blocked read returns EINTR).
 * Idempotent. The handler only sets the interrupt flag; after `escalation` unhandled interrupts
 * in a row (nobody took the flag) it restores the previous action and re-raises, so a computation
 * that never polls can still be killed. 0 disables escalation. Returns 0 or errno.
 */
int shim_sigint_install(int escalation);
/** Restores the action that was in place before shim_sigint_install. Returns 0 or errno. */
int shim_sigint_uninstall(void);
/** 1 while the handler is installed. */
int shim_sigint_installed(void);
/** Returns 1 and clears the flag if an interrupt arrived since the last take. */
int shim_sigint_take(void);
/** Returns 1 if an interrupt is pending, without clearing it (for polling from any thread). */
int shim_sigint_peek(void);
/** Sets the flag as the handler would (tests, and programmatic cancellation). */
void shim_sigint_raise_flag(void);

/**
 * Unblocks SIGINT (and with `job_control`, also SIGTSTP, SIGCONT, SIGWINCH) for the calling
 * thread. A process started by a program whose thread blocked them (Foundation's Process from a
 * worker thread does) inherits the mask and would otherwise never see Ctrl-C, Ctrl-Z or resizes.
 */
int shim_unblock_terminal_signals(int job_control);

/** Bytes already waiting on `fd` (FIONREAD); > 0 while a paste is still arriving. */
int shim_pending_input(int fd);
/** Terminal columns of `fd` (TIOCGWINSZ), or 0 if unknown. */
int shim_terminal_columns(int fd);

#ifdef __cplusplus
}
#endif
