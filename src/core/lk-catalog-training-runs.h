/* lk-catalog-training-runs.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

/**
 * LkTrainingRunRecord:
 * @id: the run
 * @character_id: its character, 0 when the character was deleted
 * @output_name: the LoRA's name (`<character>_v<N>`)
 * @export_dir: the exported folder; the LoRA is written to its `model/` folder
 * @status: "exported", "running", "succeeded", "failed", "cancelled" or "interrupted"
 * @log_path: (nullable): the trainer's log
 * @error_message: (nullable): why it failed, was cancelled or interrupted
 * @host: (nullable): the computer the trainer runs (or ran) on
 * @pid: the trainer's process (and process group), 0 when not recorded
 * @status_path: (nullable): the file the trainer's exit status is written to
 * @model_id: the registered LoRA, 0 when none
 * @created_by: (nullable): who exported it
 * @created_at: when it was exported
 * @finished_at: (nullable): when the run ended
 *
 * One row of `training_runs`: an export of a character's training set, and how its run
 * went.
 */
typedef struct
{
  gint64     id;
  gint64     character_id;
  char      *output_name;
  char      *export_dir;
  char      *status;
  char      *log_path;
  char      *error_message;
  char      *host;
  int        pid;
  char      *status_path;
  gint64     model_id;
  char      *created_by;
  GDateTime *created_at;
  GDateTime *finished_at;
} LkTrainingRunRecord;

/**
 * lk_training_run_record_free:
 * @record: a record
 *
 * Frees @record.
 */
void  lk_training_run_record_free            (LkTrainingRunRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTrainingRunRecord, lk_training_run_record_free)

/**
 * lk_training_run_record_dup_output_path:
 * @record: a record
 *
 * Returns: (transfer full): the LoRA file the run's trainer writes:
 *   `<export_dir>/model/<output_name>.safetensors`
 */
char *lk_training_run_record_dup_output_path (const LkTrainingRunRecord *record);

/**
 * lk_training_run_record_is_here:
 * @record: a record
 *
 * Returns: %TRUE when the run's trainer was started on this computer (its host is
 *   g_get_host_name()), so its process can be followed or cancelled from here
 */
gboolean lk_training_run_record_is_here      (const LkTrainingRunRecord *record);

/**
 * lk_catalog_set_training_run_process_async:
 * @self: a #LkCatalog
 * @run_id: the run
 * @log_path: the trainer's log
 * @host: the computer the trainer runs on (g_get_host_name())
 * @pid: the trainer's process (lk_trainer_run_get_pid())
 * @status_path: the file its exit status is written to (lk_trainer_run_get_status_path())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Marks the run "running" and records where its trainer lives, so it can be found again
 * after the program that started it has gone.
 */
void     lk_catalog_set_training_run_process_async  (LkCatalog           *self,
                                                     gint64               run_id,
                                                     const char          *log_path,
                                                     const char          *host,
                                                     int                  pid,
                                                     const char          *status_path,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);

/**
 * lk_catalog_set_training_run_process_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when recorded; %LK_CATALOG_ERROR_NOT_FOUND for an unknown run
 */
gboolean lk_catalog_set_training_run_process_finish (LkCatalog           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/**
 * lk_catalog_list_training_runs_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @limit: at most this many runs, 0 for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the character's training runs, the newest first.
 */
void       lk_catalog_list_training_runs_async      (LkCatalog           *self,
                                                     gint64               character_id,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);

/**
 * lk_catalog_list_training_runs_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkTrainingRunRecord): the runs, or %NULL with
 *   @error set
 */
GPtrArray *lk_catalog_list_training_runs_finish     (LkCatalog           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/**
 * lk_catalog_reconcile_training_runs_async:
 * @self: a #LkCatalog
 * @character_id: only this character's runs, or 0 for every character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Brings this computer's "running" runs up to date with their processes: a run whose
 * trainer is alive stays "running"; one that ended and wrote its status becomes
 * "succeeded" (when the LoRA file is there) or "failed"; one that vanished without a
 * status becomes "interrupted", with a message that names its log. Runs started on other
 * computers are left alone: another artist may be training there. The processes are
 * checked off the main thread.
 */
void     lk_catalog_reconcile_training_runs_async   (LkCatalog           *self,
                                                     gint64               character_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);

/**
 * lk_catalog_reconcile_training_runs_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the number of runs whose status changed, or -1 with @error set
 */
int      lk_catalog_reconcile_training_runs_finish  (LkCatalog           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
