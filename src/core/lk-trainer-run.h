/* lk-trainer-run.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-trainer-progress.h"

G_BEGIN_DECLS

/**
 * LkTrainerState:
 * @LK_TRAINER_STATE_IDLE: not started
 * @LK_TRAINER_STATE_RUNNING: the trainer is running
 * @LK_TRAINER_STATE_SUCCEEDED: the trainer wrote the LoRA
 * @LK_TRAINER_STATE_FAILED: the trainer failed, was killed, or wrote nothing
 * @LK_TRAINER_STATE_CANCELLED: the run was cancelled
 * @LK_TRAINER_STATE_INTERRUPTED: the trainer vanished without reporting how it ended (it
 *   was killed together with its wrapper, or the computer restarted)
 */
typedef enum
{
  LK_TRAINER_STATE_IDLE,
  LK_TRAINER_STATE_RUNNING,
  LK_TRAINER_STATE_SUCCEEDED,
  LK_TRAINER_STATE_FAILED,
  LK_TRAINER_STATE_CANCELLED,
  LK_TRAINER_STATE_INTERRUPTED,
} LkTrainerState;

#define LK_TYPE_TRAINER_RUN (lk_trainer_run_get_type ())

G_DECLARE_FINAL_TYPE (LkTrainerRun, lk_trainer_run, LK, TRAINER_RUN, GObject)

/*
 * LkTrainerRun
 *
 * One run of kohya's trainer, observed. Training takes hours, so the trainer does not
 * belong to the program that starts it: it runs in a session (and process group) of its
 * own under a small `/bin/sh` wrapper that sends its output straight to the log file and,
 * when it ends, writes its exit status to a status file. An LkTrainerRun follows that log
 * file (a bounded poll) and parses it for progress (the `state`, `step`, `total-steps`,
 * `epoch`, `total-epochs`, `loss` and `fraction` properties, notified on the main context);
 * every line is also given to the `output-line` signal. (The process side is
 * lk-trainer-process.h.) Dropping the object, closing a
 * window or quitting leaves the trainer running; lk_trainer_run_new_for_process() follows
 * it again later from its pid, log and status file. Cancelling sends SIGTERM to the
 * trainer's process group, then SIGKILL five seconds later if it is still there.
 */

/**
 * lk_trainer_run_new:
 * @argv: the trainer's command line (see lk_training_set_dup_command())
 * @log_path: the file the output is written to (replaced)
 * @output_path: the LoRA file the trainer is expected to write
 *
 * The trainer's exit status is written to `<log_path>.status` when it ends.
 *
 * Returns: (transfer full): a new run, not started
 */
LkTrainerRun   *lk_trainer_run_new              (const char * const  *argv,
                                                 const char          *log_path,
                                                 const char          *output_path);

/**
 * lk_trainer_run_start_async:
 * @self: a #LkTrainerRun, not started yet
 * @cancellable: (nullable): cancels the run (SIGTERM, then SIGKILL)
 * @callback: called when the trainer has exited
 * @user_data: data for @callback
 *
 * Starts the trainer in a session of its own, and follows it until it ends. The
 * environment gets `PYTHONUNBUFFERED=1`, so progress arrives as it is printed. Once this
 * returns with the state %LK_TRAINER_STATE_RUNNING, lk_trainer_run_get_pid() is known.
 *
 * Dropping the last reference of the caller does not stop the trainer; cancelling
 * @cancellable (or lk_trainer_run_cancel()) does.
 */
void            lk_trainer_run_start_async      (LkTrainerRun        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/**
 * lk_trainer_run_start_finish:
 * @self: a #LkTrainerRun
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Errors: %LK_TRAINING_ERROR_TRAINER_FAILED (the message quotes the trainer's last line),
 * %LK_TRAINING_ERROR_TRAINER_KILLED, %LK_TRAINING_ERROR_NO_OUTPUT, %G_IO_ERROR_CANCELLED,
 * or GIO's error when the trainer could not be started.
 *
 * Returns: (transfer full): the path of the LoRA the trainer wrote, or %NULL
 */
char           *lk_trainer_run_start_finish     (LkTrainerRun        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/**
 * lk_trainer_run_new_for_process:
 * @pid: the process id of the trainer's wrapper (lk_trainer_run_get_pid() of the run that
 *   started it), which is also its process group
 * @log_path: the log file the trainer writes to
 * @status_path: the file its exit status is written to when it ends
 * @output_path: the LoRA file the trainer is expected to write
 *
 * A run started earlier, perhaps by another program (the window that was closed, the
 * previous session): lk_trainer_run_attach_async() follows it from there.
 *
 * Returns: (transfer full): a new run, not attached yet
 */
LkTrainerRun   *lk_trainer_run_new_for_process  (int                  pid,
                                                 const char          *log_path,
                                                 const char          *status_path,
                                                 const char          *output_path);

/**
 * lk_trainer_run_attach_async:
 * @self: a #LkTrainerRun made by lk_trainer_run_new_for_process(), not attached yet
 * @cancellable: (nullable): cancels the run (SIGTERM, then SIGKILL)
 * @callback: called when the trainer has ended
 * @user_data: data for @callback
 *
 * Follows a trainer started earlier: the progress in its log so far, then onwards. When
 * the process is gone, the outcome comes from its status file; without one, the run was
 * interrupted. A run that has already ended is reported at once, from its log and status.
 */
void            lk_trainer_run_attach_async     (LkTrainerRun        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/**
 * lk_trainer_run_attach_finish:
 * @self: a #LkTrainerRun
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Errors: as lk_trainer_run_start_finish(); a run that vanished without a status gives
 * %LK_TRAINING_ERROR_TRAINER_KILLED and the state %LK_TRAINER_STATE_INTERRUPTED.
 *
 * Returns: (transfer full): the path of the LoRA the trainer wrote, or %NULL
 */
char           *lk_trainer_run_attach_finish    (LkTrainerRun        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/**
 * lk_trainer_run_cancel:
 * @self: a #LkTrainerRun
 *
 * Stops a running trainer, whoever started it: SIGTERM to its process group now, SIGKILL
 * in five seconds if it is still running. The log is kept.
 */
void            lk_trainer_run_cancel           (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_state:
 * @self: a #LkTrainerRun
 *
 * Returns: the run's state
 */
LkTrainerState  lk_trainer_run_get_state        (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_step:
 * @self: a #LkTrainerRun
 *
 * Returns: the last step reported, 0 before the first
 */
gint64          lk_trainer_run_get_step         (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_total_steps:
 * @self: a #LkTrainerRun
 *
 * Returns: the number of steps, 0 while unknown
 */
gint64          lk_trainer_run_get_total_steps  (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_epoch:
 * @self: a #LkTrainerRun
 *
 * Returns: the current epoch, 0 before the first
 */
int             lk_trainer_run_get_epoch        (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_total_epochs:
 * @self: a #LkTrainerRun
 *
 * Returns: the number of epochs, 0 while unknown
 */
int             lk_trainer_run_get_total_epochs (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_loss:
 * @self: a #LkTrainerRun
 *
 * Returns: the last average loss reported, negative while unknown
 */
double          lk_trainer_run_get_loss         (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_fraction:
 * @self: a #LkTrainerRun
 *
 * Returns: the share of steps done, 0 to 1
 */
double          lk_trainer_run_get_fraction     (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_log_path:
 * @self: a #LkTrainerRun
 *
 * Returns: (transfer none): the log file
 */
const char     *lk_trainer_run_get_log_path     (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_status_path:
 * @self: a #LkTrainerRun
 *
 * Returns: (transfer none): the file the trainer's exit status is written to
 */
const char     *lk_trainer_run_get_status_path  (LkTrainerRun        *self);

/**
 * lk_trainer_run_get_pid:
 * @self: a #LkTrainerRun
 *
 * Returns: the process id (and process group) of the running trainer's wrapper, 0 before
 *   it started
 */
int             lk_trainer_run_get_pid          (LkTrainerRun        *self);

G_END_DECLS
