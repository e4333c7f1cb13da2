/* lk-training-window-run.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The training window's export and trainer run: export, then the trainer with its progress
 * and log, then the LoRA registered and assigned. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-window-run"

#include "config.h"

#include <glib/gi18n.h>

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

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  LkModel *lora;

  set_busy (self, FALSE);
  if (!(resolution = lk_catalog_register_trained_lora_finish (LK_CATALOG (object), result,
                                                              &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
      return;
    }

  lora = lk_resolution_get_lora (resolution);
  message = g_strdup_printf (_("%s is now %s’s LoRA"), lora ? lk_model_get_name (lora) : "",
                             lk_character_get_name (self->character));
  _lk_training_window_toast (self, message);
}

static void
trained_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lora_folder = NULL;

  _lk_training_window_update_actions (self);
  if (!(path = lk_trainer_run_start_finish (LK_TRAINER_RUN (object), result, &error)))
    {
      set_busy (self, FALSE);
      _lk_training_window_toast (self, error->message);
      return;
    }

  lora_folder = _lk_training_window_dup_setting (self, LK_SETTINGS_LORA_FOLDER);
  lk_catalog_register_trained_lora_async (self->catalog, lk_character_get_id (self->character),
                                          path, lora_folder, g_get_user_name (),
                                          self->cancellable, registered_cb, g_object_ref (self));
}

static void
start_run (LkTrainingWindow *self)
{
  g_autofree char *model = g_strconcat (lk_training_set_get_output_name (self->set),
                                        ".safetensors", NULL);
  g_autofree char *log_name = g_strconcat (lk_training_set_get_output_name (self->set), ".log",
                                           NULL);
  g_autofree char *output = g_build_filename (self->export_dir, "model", model, NULL);
  g_autofree char *log = g_build_filename (self->export_dir, "log", log_name, NULL);

  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  self->run_cancellable = g_cancellable_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->log_view), "", 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting the trainer…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), TRUE);

  set_busy (self, TRUE);
  self->run = lk_trainer_run_new ((const char * const *)self->command, log, output);
  g_signal_connect (self->run, "output-line", G_CALLBACK (output_line_cb), self);
  g_signal_connect (self->run, "notify::step", G_CALLBACK (progress_cb), self);
  g_signal_connect (self->run, "notify::epoch", G_CALLBACK (progress_cb), self);
  lk_trainer_run_start_async (self->run, self->run_cancellable, trained_cb, g_object_ref (self));
  _lk_training_window_update_actions (self);
}

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

  g_cancellable_cancel (self->run_cancellable);
}
