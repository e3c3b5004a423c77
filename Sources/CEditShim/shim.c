#include "CEditShim.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- EditLine setup ------------------------------------------------------------------------ */

EditLine *shim_el_init_stdio(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

int shim_el_set_prompt(EditLine *el, char *(*fn)(EditLine *), char invisible) {
    return invisible ? el_set(el, EL_PROMPT_ESC, fn, invisible) : el_set(el, EL_PROMPT, fn);
}

int shim_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

int shim_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

int shim_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

int shim_el_addfn(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

int shim_el_bind(EditLine *el, const char *key, const char *function) {
    /* EL_BIND takes an argv-style list and stops at NULL. */
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

int shim_el_bind_command_mode(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, "-a", key, function, (const char *)NULL);
}

int shim_el_editor_is_vi(EditLine *el) {
    const char *mode = NULL;
    if (el_get(el, EL_EDITOR, &mode) != 0 || mode == NULL) return 0;
    return strcmp(mode, "vi") == 0;
}

int shim_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

void *shim_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

void shim_el_print(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) != 0 || out == NULL) out = stdout;
    fputs(text, out);
    fflush(out);
}

/* ---- History --------------------------------------------------------------------------------- */

int shim_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}

int shim_history_setunique(History *h, HistEvent *ev, int unique) {
    return history(h, ev, H_SETUNIQUE, unique);
}

int shim_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}

int shim_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}

int shim_history_last(History *h, HistEvent *ev) {
    return history(h, ev, H_LAST);
}

int shim_history_prev(History *h, HistEvent *ev) {
    return history(h, ev, H_PREV);
}

int shim_history_save_atomic(History *h, const char *path) {
    /* The temp file must live in the target's directory: rename(2) is only atomic within one
     * file system, and a reader must never see a half-written history. */
    size_t length = strlen(path);
    char *temp = malloc(length + sizeof(".tmp.XXXXXX"));
    if (temp == NULL) return ENOMEM;
    memcpy(temp, path, length);
    memcpy(temp + length, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));

    int fd = mkstemp(temp); /* creates with mode 0600 */
    if (fd < 0) {
        int e = errno;
        free(temp);
        return e;
    }
    FILE *fp = fdopen(fd, "w");
    if (fp == NULL) {
        int e = errno;
        close(fd);
        unlink(temp);
        free(temp);
        return e;
    }

    int result = 0;
    HistEvent ev;
    if (history(h, &ev, H_SAVE_FP, fp) < 0) result = EIO;
    if (result == 0 && fflush(fp) != 0) result = errno;
    if (result == 0 && fsync(fd) != 0) result = errno;
    if (result == 0 && fchmod(fd, S_IRUSR | S_IWUSR) != 0) result = errno;
    if (fclose(fp) != 0 && result == 0) result = errno;
    if (result == 0 && rename(temp, path) != 0) result = errno;
    if (result != 0) unlink(temp);
    free(temp);
    return result;
}

/* ---- Signals ----------------------------------------------------------------------------------
 * Lock-free atomics are async-signal-safe and, unlike a plain volatile sig_atomic_t, also give a
 * well-defined read from another thread (the engine may poll while evaluating off the main thread).
 */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the SIGINT flag must be lock-free");

static atomic_int pending_interrupts;
static atomic_int escalation_limit;
static atomic_int handler_installed;
static struct sigaction previous_action;

static void on_sigint(int signo) {
    int count = atomic_fetch_add(&pending_interrupts, 1) + 1;
    int limit = atomic_load(&escalation_limit);
    if (limit > 0 && count >= limit) {
        /* Nobody is polling: give the user back the ordinary Ctrl-C. */
        sigaction(signo, &previous_action, NULL);
        atomic_store(&handler_installed, 0);
        raise(signo);
    }
}

int shim_sigint_install(int escalation) {
    atomic_store(&escalation_limit, escalation);
    if (atomic_load(&handler_installed)) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a blocked read must return EINTR */
    if (sigaction(SIGINT, &action, &previous_action) != 0) return errno;
    atomic_store(&handler_installed, 1);
    return shim_unblock_terminal_signals(0);
}

int shim_sigint_uninstall(void) {
    if (!atomic_load(&handler_installed)) return 0;
    if (sigaction(SIGINT, &previous_action, NULL) != 0) return errno;
    atomic_store(&handler_installed, 0);
    return 0;
}

int shim_sigint_installed(void) {
    return atomic_load(&handler_installed);
}

int shim_sigint_take(void) {
    return atomic_exchange(&pending_interrupts, 0) > 0;
}

int shim_sigint_peek(void) {
    return atomic_load(&pending_interrupts) > 0;
}

void shim_sigint_raise_flag(void) {
    atomic_fetch_add(&pending_interrupts, 1);
}

int shim_unblock_terminal_signals(int job_control) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    if (job_control) {
        sigaddset(&set, SIGTSTP);
        sigaddset(&set, SIGCONT);
        sigaddset(&set, SIGWINCH);
    }
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* ---- Terminal ------------------------------------------------------------------------------- */

int shim_pending_input(int fd) {
    int waiting = 0;
    if (ioctl(fd, FIONREAD, &waiting) != 0) return 0;
    return waiting;
}

int shim_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}
