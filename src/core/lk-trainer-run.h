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
 */
typedef enum
{
  LK_TRAINER_STATE_IDLE,
  LK_TRAINER_STATE_RUNNING,
  LK_TRAINER_STATE_SUCCEEDED,
  LK_TRAINER_STATE_FAILED,
  LK_TRAINER_STATE_CANCELLED,
} LkTrainerState;

#define LK_TYPE_TRAINER_RUN (lk_trainer_run_get_type ())

G_DECLARE_FINAL_TYPE (LkTrainerRun, lk_trainer_run, LK, TRAINER_RUN, GObject)

/*
 * LkTrainerRun
 *
 * One run of kohya's trainer as a subprocess: its output is written to a log file and
 * parsed for progress (the `state`, `step`, `total-steps`, `epoch`, `total-epochs`, `loss`
 * and `fraction` properties, notified on the main context), and every line is also given
 * to the `output-line` signal. Cancelling sends SIGTERM, then SIGKILL five seconds later
 * if the trainer is still there.
 */

/**
 * lk_trainer_run_new:
 * @argv: the trainer's command line (see lk_training_set_dup_command())
 * @log_path: the file the output is written to (replaced)
 * @output_path: the LoRA file the trainer is expected to write
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
 * Starts the trainer. The environment gets `PYTHONUNBUFFERED=1`, so progress arrives as it
 * is printed.
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
 * lk_trainer_run_cancel:
 * @self: a #LkTrainerRun
 *
 * Stops a running trainer: SIGTERM now, SIGKILL in five seconds if it is still running.
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

G_END_DECLS
