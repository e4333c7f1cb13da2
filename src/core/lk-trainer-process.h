/* lk-trainer-process.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A trainer's process, owned by nobody: it runs in a session (and process group) of its own
 * under a small `/bin/sh` wrapper that appends its output to a log file and, when it ends,
 * writes its exit status to a status file. Anyone on the same computer can then follow it
 * from its pid, log and status file (see LkTrainerRun), and the catalog can tell what
 * became of a run whose observer has gone.
 */

/**
 * lk_trainer_process_spawn:
 * @argv: the trainer's command line
 * @log_path: the log file (replaced; its folder is created)
 * @status_path: the file the exit status is written to when the trainer ends (removed first)
 * @error: return location for a #GError
 *
 * Starts the trainer with `PYTHONUNBUFFERED=1`, stdin from `/dev/null`, and stdout and
 * stderr appended to @log_path. The paths and arguments are passed as positional
 * parameters, never as shell text. The wrapper is reaped by GLib when it ends, even when
 * nothing follows it any more; when this program exits first, it goes on.
 *
 * Returns: the wrapper's pid, which is also the trainer's process group; 0 with @error set
 *   (%G_IO_ERROR_NOT_FOUND when @argv[0] is not a program)
 */
int      lk_trainer_process_spawn            (const char * const  *argv,
                                              const char          *log_path,
                                              const char          *status_path,
                                              GError             **error);

/**
 * lk_trainer_process_is_running:
 * @pid: a trainer's pid, as lk_trainer_process_spawn() gave it
 * @status_path: its status file
 *
 * Whether that trainer is still running on this computer: the process exists, is not a
 * zombie, and (where `/proc` says) is the wrapper of that run rather than a later process
 * that reuses the pid. Safe to call from any thread.
 *
 * Returns: %TRUE while the trainer runs
 */
gboolean lk_trainer_process_is_running       (int                  pid,
                                              const char          *status_path);

/**
 * lk_trainer_process_signal:
 * @pid: a trainer's pid
 * @status_path: its status file
 * @signum: the signal
 *
 * Sends @signum to the trainer's whole process group (the trainer, its wrapper and anything
 * the trainer started), while lk_trainer_process_is_running() says it is that trainer.
 */
void     lk_trainer_process_signal           (int                  pid,
                                              const char          *status_path,
                                              int                  signum);

/**
 * lk_trainer_process_read_exit_status:
 * @status_path: a trainer's status file
 *
 * Reads the exit status the trainer's wrapper wrote when the trainer ended: the exit code,
 * or 128 + the signal number when it was killed. Safe to call from any thread.
 *
 * Returns: the status, or -1 when there is no (readable) status file
 */
int      lk_trainer_process_read_exit_status (const char          *status_path);

G_END_DECLS
