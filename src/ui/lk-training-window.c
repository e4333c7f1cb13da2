/* lk-training-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-references.h"
#include "lk-catalog-training.h"
#include "lk-settings.h"
#include "lk-trainer-run.h"
#include "lk-training-set.h"
#include "lk-training-window-private.h"
#include "lk-validation-window.h"

G_DEFINE_FINAL_TYPE (LkTrainingWindow, lk_training_window, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_GENERATOR, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void check_lora (LkTrainingWindow *self);

void
_lk_training_window_toast (LkTrainingWindow *self,
                           const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

char *
_lk_training_window_dup_setting (LkTrainingWindow *self,
                                 const char       *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  return value != NULL && *value != '\0' ? g_steal_pointer (&value) : NULL;
}

void
_lk_training_window_update_actions (LkTrainingWindow *self)
{
  g_autofree char *scripts = _lk_training_window_dup_setting (self, LK_SETTINGS_SD_SCRIPTS_FOLDER);
  gboolean ready = self->set != NULL && !self->busy;
  gboolean trained = self->run != NULL
                     && lk_trainer_run_get_state (self->run) == LK_TRAINER_STATE_SUCCEEDED;

  /* a run that succeeded has registered its LoRA when the window is no longer busy: then the
   * grid is what comes next (asked once per run, so a failed registration does not loop) */
  if (trained && self->was_busy && !self->busy)
    check_lora (self);
  self->was_busy = self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.validate",
                                 self->has_lora && self->generator != NULL);
  if (self->validate_button != NULL)   /* NULL once disposed */
    {
      if (trained && self->has_lora)
        gtk_widget_add_css_class (GTK_WIDGET (self->validate_button), "suggested-action");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->validate_button), "suggested-action");
      gtk_widget_set_sensitive (GTK_WIDGET (self->outfits_group),
                                self->info != NULL && !self->busy);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.export", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.run", ready && scripts != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.cancel",
                                 self->run != NULL && lk_trainer_run_get_state (self->run)
                                                      == LK_TRAINER_STATE_RUNNING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.choose-folder", !self->busy);
}

/* What the set says: lint and command ------------------------------------------------------ */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
refresh_findings (LkTrainingWindow *self)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *scripts = NULL;
  g_autofree char *python = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  if (self->set == NULL)
    return;

  clear_rows (self->lint_group, self->lint_rows);
  findings = lk_training_set_lint (self->set);
  for (guint i = 0; i < findings->len; i++)
    {
      LkTrainingFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (finding->blocking
                                                        ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), finding->fix);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      finding->blocking ? _("Error") : _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->lint_group, row);
      g_ptr_array_add (self->lint_rows, row);
    }
  adw_preferences_group_set_description (self->lint_group,
                                         findings->len == 0 ? _("The captions look fine.") : NULL);

  scripts = _lk_training_window_dup_setting (self, LK_SETTINGS_SD_SCRIPTS_FOLDER);
  python = _lk_training_window_dup_setting (self, LK_SETTINGS_SD_SCRIPTS_PYTHON);
  g_clear_pointer (&self->command, g_strfreev);
  self->command = lk_training_set_dup_command (self->set, self->export_dir,
                                               python ? python : "python3", scripts);
  for (guint i = 0; self->command[i]; i++)
    {
      g_autofree char *quoted = g_shell_quote (self->command[i]);

      g_string_append_printf (line, "%s%s", i > 0 ? " " : "", quoted);
    }
  gtk_label_set_text (self->command_label, line->str);
  adw_action_row_set_subtitle (self->folder_row, self->export_dir);
}

static void
settings_changed_cb (LkTrainingWindow *self)
{
  guint dim = (guint)gtk_spin_button_get_value_as_int (self->dim_spin);

  if (self->set == NULL)
    return;

  lk_training_set_set_repeats (self->set,
                               (guint)gtk_spin_button_get_value_as_int (self->repeats_spin));
  lk_training_set_set_epochs (self->set,
                              (guint)gtk_spin_button_get_value_as_int (self->epochs_spin));
  lk_training_set_set_network (self->set, dim, MAX (dim / 2, 1));
  refresh_findings (self);
}

/* Captions --------------------------------------------------------------------------------- */

static void
caption_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_set_reference_caption_finish (LK_CATALOG (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _lk_training_window_toast (self, error->message);
}

static void
caption_applied_cb (AdwEntryRow      *row,
                    LkTrainingWindow *self)
{
  LkReferenceImage *image = g_object_get_data (G_OBJECT (row), "lk-reference-image");
  const char *caption = gtk_editable_get_text (GTK_EDITABLE (row));

  lk_reference_image_set_caption (image, caption);
  lk_catalog_set_reference_caption_async (self->catalog, lk_reference_image_get_id (image),
                                          caption, self->cancellable, caption_saved_cb,
                                          g_object_ref (self));
  refresh_findings (self);
}

static void
fill_images (LkTrainingWindow *self)
{
  GListModel *images = lk_training_set_get_images (self->set);

  clear_rows (self->images_group, self->image_rows);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);
      g_autofree char *name = g_path_get_basename (lk_reference_image_get_path (image));
      g_autofree char *label = g_strdup_printf (_("Caption of %s"), name);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), lk_reference_image_get_caption (image)
                                                   ? lk_reference_image_get_caption (image) : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "lk-reference-image", g_object_ref (image),
                              g_object_unref);
      g_signal_connect (row, "apply", G_CALLBACK (caption_applied_cb), self);
      adw_preferences_group_add (self->images_group, row);
      g_ptr_array_add (self->image_rows, row);
    }

  if (g_list_model_get_n_items (images) == 0)
    adw_preferences_group_set_description (self->images_group,
                                           _("No training images yet: add some to the "
                                             "character's references first."));
  else
    adw_preferences_group_set_description (self->images_group,
                                           _("One caption per image, the trigger word first, "
                                             "then what differs in that picture."));
}

/* Loading ---------------------------------------------------------------------------------- */

typedef struct
{
  LkTrainingWindow *self;
  LkTrainingInfo   *info;
} LoadData;

static void
references_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(LkTrainingWindow) self = data->self;
  g_autoptr(LkTrainingInfo) info = data->info;
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *output = NULL;

  g_free (data);
  if (!(images = lk_catalog_list_reference_images_finish (LK_CATALOG (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->info, lk_training_info_free);
  self->info = g_steal_pointer (&info);
  g_set_object (&self->references, images);
  output = lk_training_set_default_output_name (self->info->character_name,
                                                self->info->next_version);
  self->export_dir = g_build_filename (g_get_user_data_dir (), "lorakeet", "training", output,
                                       NULL);
  _lk_training_window_rebuild_set (self);
  subtitle = g_strdup_printf (_("%s, trigger “%s”"), output, self->info->trigger_word);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  fill_images (self);
  _lk_training_window_fill_outfits (self);
  _lk_training_window_update_actions (self);
}

/* The set as the catalog describes it: words, checkpoint, training images and the stored
 * outfits; the repeats, epochs and network from the window. Rebuilt when the outfits change,
 * since a set only ever gains outfits. */
void
_lk_training_window_rebuild_set (LkTrainingWindow *self)
{
  LkTrainingInfo *info = self->info;
  g_autoptr(LkTrainingSet) set = NULL;
  g_autofree char *output = NULL;

  g_assert (info != NULL && self->references != NULL);

  set = lk_training_set_new (info->character_name, info->trigger_word, info->class_word);
  lk_training_set_set_traits (set, (const char * const *)info->traits);
  lk_training_set_set_base_checkpoint (set, info->checkpoint_path,
                                       g_strcmp0 (info->checkpoint_family, "sdxl") == 0);
  output = lk_training_set_default_output_name (info->character_name, info->next_version);
  lk_training_set_set_output_name (set, output);
  for (guint i = 0; i < g_list_model_get_n_items (self->references); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (self->references, i);

      if (lk_reference_image_get_role (image) == LK_REFERENCE_ROLE_TRAINING_IMAGE)
        lk_training_set_add_image (set, image);
    }
  for (guint i = 0; info->outfits != NULL && i < info->outfits->len; i++)
    {
      LkOutfitTrigger *outfit = g_ptr_array_index (info->outfits, i);

      lk_training_set_add_outfit (set, outfit->trigger, outfit->repeats);
    }

  g_set_object (&self->set, set);
  settings_changed_cb (self);
}

static void
info_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data;
  LkTrainingInfo *info;

  if (!(info = lk_catalog_get_training_info_finish (LK_CATALOG (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->info = info;
  lk_catalog_list_reference_images_async (self->catalog, lk_character_get_id (self->character),
                                          self->cancellable, references_listed_cb, data);
}

/* Export and run --------------------------------------------------------------------------- */

static void
folder_chosen_cb (GtkNativeDialog  *chooser,
                  int               response,
                  LkTrainingWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        {
          g_free (self->export_dir);
          self->export_dir = g_build_filename (path, lk_training_set_get_output_name (self->set),
                                               NULL);
          refresh_findings (self);
        }
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LkTrainingWindow *self = LK_TRAINING_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->set == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose Export Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Validation grid ------------------------------------------------------------------------- */

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;

  if (!(resolution = lk_catalog_resolve_finish (LK_CATALOG (object), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Cannot tell whether %s has a LoRA: %s",
               lk_character_get_name (self->character), error->message);
    }

  self->checking_lora = FALSE;
  self->has_lora = resolution != NULL && lk_resolution_get_lora (resolution) != NULL;
  _lk_training_window_update_actions (self);
}

static void
check_lora (LkTrainingWindow *self)
{
  if (self->checking_lora || self->catalog == NULL)
    return;

  self->checking_lora = TRUE;
  lk_catalog_resolve_async (self->catalog, lk_character_get_id (self->character),
                            self->cancellable, resolved_cb, g_object_ref (self));
}

static void
catalog_changed_cb (LkTrainingWindow *self,
                    const char       *table,
                    gint64            id)
{
  if (table == NULL
      || (g_str_equal (table, "character_loras")
          && (id == 0 || id == lk_character_get_id (self->character))))
    check_lora (self);
}

static void
validate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkTrainingWindow *self = LK_TRAINING_WINDOW (widget);
  GtkWidget *window;

  if (self->generator == NULL)
    return;

  window = lk_validation_window_new (GTK_WINDOW (self), self->generator, self->character);
  gtk_window_present (GTK_WINDOW (window));
}

void
lk_training_window_set_generator (LkTrainingWindow *self,
                                  LkGenerator      *generator)
{
  g_return_if_fail (LK_IS_TRAINING_WINDOW (self));
  g_return_if_fail (generator == NULL || LK_IS_GENERATOR (generator));

  if (g_set_object (&self->generator, generator))
    {
      _lk_training_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
    }
}

/* GObject ---------------------------------------------------------------------------------- */

static void
lk_training_window_dispose (GObject *object)
{
  LkTrainingWindow *self = (LkTrainingWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* the trainer runs on in its own process group, followed by the application, and is
   * found again when the window is reopened */
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  g_clear_object (&self->set);
  if (self->generator_binding != NULL)
    {
      GBinding *binding = self->generator_binding;

      g_clear_weak_pointer (&self->generator_binding);
      g_binding_unbind (binding);
    }
  g_clear_object (&self->generator);
  g_clear_object (&self->references);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  g_clear_object (&self->character);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRAINING_WINDOW);

  G_OBJECT_CLASS (lk_training_window_parent_class)->dispose (object);
}

static void
lk_training_window_finalize (GObject *object)
{
  LkTrainingWindow *self = (LkTrainingWindow *)object;

  g_clear_pointer (&self->image_rows, g_ptr_array_unref);
  g_clear_pointer (&self->lint_rows, g_ptr_array_unref);
  g_clear_pointer (&self->export_dir, g_free);
  g_clear_pointer (&self->command, g_strfreev);
  g_clear_pointer (&self->info, lk_training_info_free);
  g_clear_pointer (&self->outfit_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_training_window_parent_class)->finalize (object);
}

static void
lk_training_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkTrainingWindow *self = LK_TRAINING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_training_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkTrainingWindow *self = LK_TRAINING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      lk_training_window_set_generator (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_training_window_class_init (LkTrainingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_training_window_dispose;
  object_class->finalize = lk_training_window_finalize;
  object_class->get_property = lk_training_window_get_property;
  object_class->set_property = lk_training_window_set_property;

  properties[PROP_GENERATOR] = g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lorakeet/Lorakeet/ui/lk-training-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, progress_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, images_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, lint_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, log_view);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, repeats_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, epochs_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, dim_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, command_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, validate_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, outfits_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingWindow, outfit_entry);

  gtk_widget_class_install_action (widget_class, "training.export", NULL,
                                   _lk_training_window_export_action);
  gtk_widget_class_install_action (widget_class, "training.run", NULL,
                                   _lk_training_window_run_action);
  gtk_widget_class_install_action (widget_class, "training.cancel", NULL,
                                   _lk_training_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "training.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "training.validate", NULL, validate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_training_window_init (LkTrainingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->image_rows = g_ptr_array_new ();
  self->lint_rows = g_ptr_array_new ();
  self->outfit_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);

  g_signal_connect_swapped (self->repeats_spin, "value-changed",
                            G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (self->epochs_spin, "value-changed",
                            G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (self->dim_spin, "value-changed",
                            G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (refresh_findings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (_lk_training_window_update_actions), self,
                           G_CONNECT_SWAPPED);

  _lk_training_window_init_outfits (self);
  _lk_training_window_update_actions (self);
}

GtkWidget *
lk_training_window_new (LkCatalog   *catalog,
                        LkCharacter *character)
{
  LkTrainingWindow *self;
  GApplication *app = g_application_get_default ();
  g_autofree char *title = NULL;

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (LK_IS_CHARACTER (character), NULL);

  self = g_object_new (LK_TYPE_TRAINING_WINDOW, NULL);
  self->catalog = g_object_ref (catalog);
  self->character = g_object_ref (character);
  /* the application's generator, once it has one (it comes with the catalog) */
  if (app != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (app), "generator"))
    g_set_weak_pointer (&self->generator_binding,
                        g_object_bind_property (app, "generator", self, "generator",
                                                G_BINDING_SYNC_CREATE));
  g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                           G_CONNECT_SWAPPED);
  _lk_training_window_watch_outfits (self);

  title = g_strdup_printf (_("Train %s’s LoRA"), lk_character_get_name (character));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  lk_catalog_get_training_info_async (catalog, lk_character_get_id (character), self->cancellable,
                                      info_loaded_cb, g_object_ref (self));
  check_lora (self);
  /* a run started earlier, by this window or before a restart, is followed again */
  _lk_training_window_follow_runs (self);

  return GTK_WIDGET (self);
}
