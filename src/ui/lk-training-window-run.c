/* lk-training-window-run.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The training window's export and trainer run: export, then the trainer with its progress
 * and log, then the LoRA registered and assigned. The trainer outlives the window: closing
 * it leaves the run going (and followed until it ends), and a window opened later finds the
 * character's running run again, or shows how the last one went. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-window-run"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-training-runs.h"
#include "lk-catalog-training.h"
#include "lk-settings.h"
#include "lk-training-window-private.h"

static void start_run (LkTrainingWindow *self);

static void
set_busy (LkTrainingWindow *self,
          gboolean          busy)
{
  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->images_group), !busy);
  _lk_training_window_update_actions (self);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_auto(GStrv) command = NULL;
  g_autoptr(GError) error = NULL;
  gboolean and_run = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "lk-and-run"));

  set_busy (self, FALSE);
  if (!(command = lk_training_set_export_finish (LK_TRAINING_SET (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
      return;
    }

  g_strfreev (self->command);
  self->command = g_steal_pointer (&command);
  if (and_run)
    start_run (self);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), self->export_dir);

      _lk_training_window_toast (self, message);
    }
}

static void
export_now (LkTrainingWindow *self,
            gboolean          and_run)
{
  g_autofree char *scripts = _lk_training_window_dup_setting (self, LK_SETTINGS_SD_SCRIPTS_FOLDER);
  g_autofree char *python = _lk_training_window_dup_setting (self, LK_SETTINGS_SD_SCRIPTS_PYTHON);

  set_busy (self, TRUE);
  g_object_set_data (G_OBJECT (self), "lk-and-run", GINT_TO_POINTER (and_run));
  lk_training_set_export_async (self->set, self->export_dir, python ? python : "python3", scripts,
                                self->cancellable, exported_cb, g_object_ref (self));
}

static void
output_line_cb (LkTrainerRun     *run,
                const char       *line,
                LkTrainingWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, line, -1);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
}

static void
progress_cb (LkTrainerRun     *run,
             GParamSpec       *pspec,
             LkTrainingWindow *self)
{
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, lk_trainer_run_get_fraction (run));
  if (lk_trainer_run_get_loss (run) >= 0)
    text = g_strdup_printf (_("Epoch %d of %d — step %lld of %lld — loss %.4f"),
                            lk_trainer_run_get_epoch (run), lk_trainer_run_get_total_epochs (run),
                            (long long)lk_trainer_run_get_step (run),
                            (long long)lk_trainer_run_get_total_steps (run),
                            lk_trainer_run_get_loss (run));
  else
    text = g_strdup_printf (_("Epoch %d of %d"), lk_trainer_run_get_epoch (run),
                            lk_trainer_run_get_total_epochs (run));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* Following a run -------------------------------------------------------------------------- */

/* One run followed to its end on behalf of the window that started (or found) it. It holds
 * what registering the LoRA and recording the outcome need, so a run goes on being followed,
 * registered and recorded after its window has closed, for as long as the app runs. */
typedef struct
{
  LkTrainingWindow *window;       /* weak */
  LkCatalog        *catalog;
  LkCharacter      *character;
  LkTrainerRun     *run;
  char             *lora_folder;
  gint64            run_id;
  gboolean          registers;    /* the only follower of this run that registers its LoRA */
} RunWatch;

/* The RunWatch that registers each run, by run id: a window opened again follows a run
 * without registering it twice, and its Cancel reaches that watch's run too, so the run is
 * recorded as cancelled. */
static GHashTable *registering_runs;

static RunWatch *
run_watch_new (LkTrainingWindow *self,
               LkTrainerRun     *run,
               gint64            run_id)
{
  RunWatch *watch = g_new0 (RunWatch, 1);

  g_set_weak_pointer (&watch->window, self);
  watch->catalog = g_object_ref (self->catalog);
  watch->character = g_object_ref (self->character);
  watch->run = g_object_ref (run);
  watch->lora_folder = _lk_training_window_dup_setting (self, LK_SETTINGS_LORA_FOLDER);
  watch->run_id = run_id;
  watch->registers = TRUE;

  if (registering_runs == NULL)
    registering_runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (run_id > 0)
    {
      if (g_hash_table_contains (registering_runs, &run_id))
        watch->registers = FALSE;
      else
        g_hash_table_insert (registering_runs, g_memdup2 (&run_id, sizeof run_id), watch);
    }

  return watch;
}

static void
run_watch_free (RunWatch *watch)
{
  if (watch->registers && watch->run_id > 0 && registering_runs != NULL)
    g_hash_table_remove (registering_runs, &watch->run_id);
  g_clear_weak_pointer (&watch->window);
  g_clear_object (&watch->catalog);
  g_clear_object (&watch->character);
  g_clear_object (&watch->run);
  g_free (watch->lora_folder);
  g_free (watch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunWatch, run_watch_free)

/* The window this watch shows its run in, while it still does. */
static LkTrainingWindow *
watch_get_window (RunWatch *watch)
{
  if (watch->window != NULL && watch->window->run == watch->run)
    return watch->window;
  return NULL;
}

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_update_training_run_finish (LK_CATALOG (object), result, &error))
    g_warning ("The training run's outcome was not recorded: %s", error->message);
}

static void
record_outcome (RunWatch     *watch,
                const char   *status,
                gint64        model_id,
                const GError *failure)
{
  if (watch->run_id <= 0 || !watch->registers)
    return;

  lk_catalog_update_training_run_async (watch->catalog, watch->run_id, status,
                                        lk_trainer_run_get_log_path (watch->run), model_id,
                                        failure ? failure->message : NULL, NULL, recorded_cb,
                                        NULL);
}

static void
show_last_run (LkTrainingWindow *self,
               const char       *title,
               const char       *subtitle)
{
  if (self->last_run_row == NULL)
    {
      self->last_run_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->last_run_row), FALSE);
      adw_action_row_set_subtitle_lines (self->last_run_row, 0);
      adw_preferences_group_add (self->progress_group, GTK_WIDGET (self->last_run_row));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_run_row), title);
  adw_action_row_set_subtitle (self->last_run_row, subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->last_run_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->last_run_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), TRUE);
}

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RunWatch) watch = user_data;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  LkTrainingWindow *self = watch_get_window (watch);
  LkModel *lora;

  if (self != NULL)
    set_busy (self, FALSE);
  if (!(resolution = lk_catalog_register_trained_lora_finish (LK_CATALOG (object), result,
                                                              &error)))
    {
      record_outcome (watch, "failed", 0, error);
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
      return;
    }

  lora = lk_resolution_get_lora (resolution);
  record_outcome (watch, "succeeded", lora ? lk_model_get_id (lora) : 0, NULL);
  if (self != NULL)
    {
      message = g_strdup_printf (_("%s is now %s’s LoRA"), lora ? lk_model_get_name (lora) : "",
                                 lk_character_get_name (watch->character));
      _lk_training_window_toast (self, message);
    }
}

static void
trained_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RunWatch) watch = user_data;
  LkTrainerRun *run = LK_TRAINER_RUN (object);
  LkTrainingWindow *self = watch_get_window (watch);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = g_task_get_source_tag (G_TASK (result)) == lk_trainer_run_attach_async
           ? lk_trainer_run_attach_finish (run, result, &error)
           : lk_trainer_run_start_finish (run, result, &error);
  if (self != NULL)
    _lk_training_window_update_actions (self);

  if (path == NULL)
    {
      LkTrainerState state = lk_trainer_run_get_state (run);

      record_outcome (watch,
                      state == LK_TRAINER_STATE_CANCELLED     ? "cancelled"
                      : state == LK_TRAINER_STATE_INTERRUPTED ? "interrupted"
                                                              : "failed",
                      0, error);
      if (self != NULL)
        {
          set_busy (self, FALSE);
          show_last_run (self, state == LK_TRAINER_STATE_CANCELLED ? _("Training was cancelled")
                                                                   : _("Training failed"),
                         error->message);
          _lk_training_window_toast (self, error->message);
        }
      return;
    }

  if (self != NULL)
    show_last_run (self, _("Training succeeded"), path);
  if (!watch->registers)
    {
      if (self != NULL)
        set_busy (self, FALSE);
      return;
    }

  lk_catalog_register_trained_lora_async (watch->catalog, lk_character_get_id (watch->character),
                                          path, watch->lora_folder, g_get_user_name (), NULL,
                                          registered_cb, watch);
  g_steal_pointer (&watch);
}

/* Training takes hours: closing the window lets it go on, and says so. */
static gboolean
close_request_cb (LkTrainingWindow *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  GApplication *app = g_application_get_default ();

  if (self->run == NULL || lk_trainer_run_get_state (self->run) != LK_TRAINER_STATE_RUNNING)
    return FALSE;

  body = g_strdup_printf (_("%s’s LoRA goes on training. Open the training window again to "
                            "follow it; its log is in %s."),
                          lk_character_get_name (self->character),
                          lk_trainer_run_get_log_path (self->run));
  if (app != NULL)
    {
      notification = g_notification_new (_("Training continues"));
      g_notification_set_body (notification, body);
      g_application_send_notification (app, "lorakeet-training-continues", notification);
    }
  else
    g_message ("%s", body);

  return FALSE;
}

/* Shows @run in the window: progress, log and Cancel. */
static void
show_run (LkTrainingWindow *self,
          LkTrainerRun     *run)
{
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_set_object (&self->run, run);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->log_view), "", 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting the trainer…"));
  if (self->last_run_row != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->last_run_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), TRUE);

  g_signal_connect (run, "output-line", G_CALLBACK (output_line_cb), self);
  g_signal_connect (run, "notify::step", G_CALLBACK (progress_cb), self);
  g_signal_connect (run, "notify::epoch", G_CALLBACK (progress_cb), self);
  if (self->close_request_id == 0)
    self->close_request_id = g_signal_connect (self, "close-request",
                                               G_CALLBACK (close_request_cb), NULL);
}

static void
process_recorded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_set_training_run_process_finish (LK_CATALOG (object), result, &error))
    g_warning ("The running trainer was not recorded: %s", error->message);
}

static void
run_recorded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *model = NULL;
  g_autofree char *log_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *log = NULL;
  g_autoptr(LkTrainerRun) run = NULL;
  gint64 run_id;

  run_id = lk_catalog_add_training_run_finish (LK_CATALOG (object), result, &error);
  /* the window was closed while the run was being recorded: nothing was started */
  if (self->catalog == NULL || self->set == NULL)
    return;
  if (run_id == 0)
    g_warning ("The training run was not recorded: %s", error->message);

  model = g_strconcat (lk_training_set_get_output_name (self->set), ".safetensors", NULL);
  log_name = g_strconcat (lk_training_set_get_output_name (self->set), ".log", NULL);
  output = g_build_filename (self->export_dir, "model", model, NULL);
  log = g_build_filename (self->export_dir, "log", log_name, NULL);

  run = lk_trainer_run_new ((const char * const *)self->command, log, output);
  show_run (self, run);
  /* no cancellable: closing the window does not stop the trainer; Cancel does */
  lk_trainer_run_start_async (run, NULL, trained_cb, run_watch_new (self, run, run_id));
  if (run_id > 0 && lk_trainer_run_get_state (run) == LK_TRAINER_STATE_RUNNING)
    lk_catalog_set_training_run_process_async (self->catalog, run_id, log, g_get_host_name (),
                                               lk_trainer_run_get_pid (run),
                                               lk_trainer_run_get_status_path (run), NULL,
                                               process_recorded_cb, NULL);
  _lk_training_window_update_actions (self);
}

static void
start_run (LkTrainingWindow *self)
{
  set_busy (self, TRUE);
  lk_catalog_add_training_run_async (self->catalog, lk_character_get_id (self->character),
                                     lk_training_set_get_output_name (self->set),
                                     self->export_dir, (const char * const *)self->command,
                                     g_get_user_name (), NULL, run_recorded_cb,
                                     g_object_ref (self));
}

/* Finding a run again ------------------------------------------------------------------------ */

static void
attach_run (LkTrainingWindow          *self,
            const LkTrainingRunRecord *record)
{
  g_autofree char *output = lk_training_run_record_dup_output_path (record);
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new_for_process (record->pid, record->log_path,
                                                                record->status_path, output);

  set_busy (self, TRUE);
  show_run (self, run);
  lk_trainer_run_attach_async (run, NULL, trained_cb, run_watch_new (self, run, record->id));
  _lk_training_window_update_actions (self);
}

static void
show_record (LkTrainingWindow          *self,
             const LkTrainingRunRecord *record)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (g_str_equal (record->status, "exported"))
    return;

  if (g_str_equal (record->status, "running"))
    {
      title = g_strdup_printf (_("%s is training on %s"), record->output_name,
                               record->host ? record->host : _("another computer"));
      subtitle = g_strdup_printf (_("Started by %s; follow it on that computer."),
                                  record->created_by ? record->created_by : _("someone"));
    }
  else if (g_str_equal (record->status, "succeeded"))
    {
      title = g_strdup_printf (_("%s was trained"), record->output_name);
      subtitle = g_strdup (record->log_path);
    }
  else
    {
      if (g_str_equal (record->status, "cancelled"))
        title = g_strdup_printf (_("Training %s was cancelled"), record->output_name);
      else if (g_str_equal (record->status, "interrupted"))
        title = g_strdup_printf (_("Training %s was interrupted"), record->output_name);
      else
        title = g_strdup_printf (_("Training %s failed"), record->output_name);
      subtitle = g_strdup (record->error_message ? record->error_message : record->log_path);
    }
  show_last_run (self, title, subtitle);
}

static void
runs_listed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  LkTrainingRunRecord *latest;

  if (!(runs = lk_catalog_list_training_runs_finish (LK_CATALOG (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
      return;
    }
  /* nothing to show, or the artist started a run meanwhile */
  if (runs->len == 0 || self->run != NULL || self->catalog == NULL)
    return;

  latest = g_ptr_array_index (runs, 0);
  if (g_str_equal (latest->status, "running") && lk_training_run_record_is_here (latest)
      && latest->pid > 0 && latest->status_path != NULL && latest->log_path != NULL)
    attach_run (self, latest);
  else
    show_record (self, latest);
}

static void
runs_reconciled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_catalog_reconcile_training_runs_finish (LK_CATALOG (object), result, &error) < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Training runs were not brought up to date: %s", error->message);
    }
  if (self->character == NULL)
    return;

  lk_catalog_list_training_runs_async (LK_CATALOG (object), lk_character_get_id (self->character),
                                       1, self->cancellable, runs_listed_cb,
                                       g_object_ref (self));
}

void
_lk_training_window_follow_runs (LkTrainingWindow *self)
{
  g_return_if_fail (LK_IS_TRAINING_WINDOW (self));
  g_return_if_fail (self->catalog != NULL && self->character != NULL);

  lk_catalog_reconcile_training_runs_async (self->catalog, lk_character_get_id (self->character),
                                            self->cancellable, runs_reconciled_cb,
                                            g_object_ref (self));
}

/* Actions ------------------------------------------------------------------------------------ */

void
_lk_training_window_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  export_now (LK_TRAINING_WINDOW (widget), FALSE);
}

void
_lk_training_window_run_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  export_now (LK_TRAINING_WINDOW (widget), TRUE);
}

void
_lk_training_window_cancel_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  LkTrainingWindow *self = LK_TRAINING_WINDOW (widget);

  GHashTableIter iter;
  RunWatch *watch;

  if (self->run == NULL)
    return;

  /* whoever started it: this window, an earlier one, or lorakeet-cli */
  lk_trainer_run_cancel (self->run);
  if (registering_runs == NULL)
    return;
  g_hash_table_iter_init (&iter, registering_runs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&watch))
    if (watch->run != self->run
        && lk_trainer_run_get_pid (watch->run) == lk_trainer_run_get_pid (self->run))
      lk_trainer_run_cancel (watch->run);
}
