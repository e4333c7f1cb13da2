/* lk-preferences-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-accessible.h"
#include "lk-output-name.h"
#include "lk-preferences-window-private.h"
#include "lk-server-row.h"
#include "lk-settings.h"


G_DEFINE_FINAL_TYPE (LkPreferencesWindow, lk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The thumbnail-size enum nicks in the order of the combo row's model. */
static const char * const thumbnail_sizes[] = { "normal", "large", "x-large", "xx-large" };

LkPreferencesWindow *
lk_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LK_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

static gboolean
thumbnail_size_get_mapping (GValue   *value,
                            GVariant *variant,
                            gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (thumbnail_sizes); i++)
    {
      if (g_strcmp0 (nick, thumbnail_sizes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
thumbnail_size_set_mapping (const GValue       *value,
                            const GVariantType *expected_type,
                            gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= G_N_ELEMENTS (thumbnail_sizes))
    return NULL;

  return g_variant_new_string (thumbnail_sizes[index]);
}

static void
folder_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  AdwEntryRow *row = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), path);
    }

  g_object_unref (row);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_folder_for_row (LkPreferencesWindow *self,
                       AdwEntryRow         *row,
                       const char          *title)
{
  GtkFileChooserNative *dialog;
  const char *current = gtk_editable_get_text (GTK_EDITABLE (row));

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  if (current != NULL && g_path_is_absolute (current))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (row));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
choose_output_folder_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (widget);

  choose_folder_for_row (self, self->output_folder_row, _("ComfyUI Output Folder"));
}

static void
choose_lora_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (widget);

  choose_folder_for_row (self, self->lora_folder_row, _("LoRA Folder"));
}

static void
choose_sd_scripts_folder_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (widget);

  choose_folder_for_row (self, self->sd_scripts_folder_row, _("sd-scripts Folder"));
}

/* Output names --------------------------------------------------------------------------- */

static void
name_pattern_changed_cb (LkPreferencesWindow *self)
{
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->name_pattern_row));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *image = NULL;
  g_autofree char *video = NULL;
  g_autofree char *text = NULL;

  if (pattern == NULL || pattern[0] == '\0')
    pattern = LK_OUTPUT_NAME_DEFAULT_PATTERN;

  image = lk_output_name_expand (pattern, "image", "Tokyo Debt Desire", "Mei Kobayashi", now,
                                 &error);
  if (image != NULL)
    video = lk_output_name_expand (pattern, "video", "Tokyo Debt Desire", "Mei Kobayashi", now,
                                   &error);

  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->name_example_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_example_row), "error");
      return;
    }

  /* ComfyUI numbers each file after the prefix: images "_00001_.png", videos "_00001.mp4". */
  text = g_strdup_printf ("%s_00001_.png\n%s_00001.mp4", image, video);
  adw_action_row_set_subtitle (self->name_example_row, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_example_row), "error");
}

static void
lk_preferences_window_constructed (GObject *object)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (lk_preferences_window_parent_class)->constructed (object);

  /* Every change of the connection string reconnects, so it is saved when the artist
   * applies it, not at each keystroke. */
  g_settings_bind (self->settings, LK_SETTINGS_DATABASE_CONNINFO, self->conninfo_row, "text",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::" LK_SETTINGS_COMFYUI_SERVERS,
                           G_CALLBACK (_lk_preferences_window_servers_changed_cb), self, G_CONNECT_SWAPPED);
  _lk_preferences_window_servers_changed_cb (self);
  g_settings_bind (self->settings, LK_SETTINGS_OUTPUT_FOLDER, self->output_folder_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, LK_SETTINGS_LORA_FOLDER, self->lora_folder_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, LK_SETTINGS_SD_SCRIPTS_FOLDER, self->sd_scripts_folder_row,
                   "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, LK_SETTINGS_SD_SCRIPTS_PYTHON, self->sd_scripts_python_row,
                   "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, LK_SETTINGS_THUMBNAIL_SIZE,
                                self->thumbnail_size_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                thumbnail_size_get_mapping, thumbnail_size_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, LK_SETTINGS_OUTPUT_NAME_PATTERN, self->name_pattern_row,
                   "text", G_SETTINGS_BIND_DEFAULT);
  name_pattern_changed_cb (self);
}

static void
lk_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_preferences_window_dispose (GObject *object)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  if (self->test_catalog != NULL)
    lk_catalog_close (self->test_catalog);
  g_clear_object (&self->test_catalog);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, _lk_preferences_window_servers_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lk_preferences_window_parent_class)->dispose (object);
}

static void
lk_preferences_window_finalize (GObject *object)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->server_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_preferences_window_parent_class)->finalize (object);
}

static void
lk_preferences_window_class_init (LkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lk_preferences_window_constructed;
  object_class->dispose = lk_preferences_window_dispose;
  object_class->finalize = lk_preferences_window_finalize;
  object_class->get_property = lk_preferences_window_get_property;
  object_class->set_property = lk_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, conninfo_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "conninfo_applied_cb",
                                                G_CALLBACK (_lk_preferences_window_conninfo_applied_cb));
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, password_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "password_applied_cb",
                                                G_CALLBACK (_lk_preferences_window_password_applied_cb));
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, test_connection_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow,
                                        test_connection_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, test_connection_icon);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, servers_group);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, add_server_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, add_server_error);
  gtk_widget_class_bind_template_callback_full (widget_class, "add_server_applied_cb",
                                                G_CALLBACK (_lk_preferences_window_add_server_applied_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "add_server_changed_cb",
                                                G_CALLBACK (_lk_preferences_window_add_server_changed_cb));
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, name_example_row);
  gtk_widget_class_bind_template_callback (widget_class, name_pattern_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, output_folder_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, lora_folder_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, sd_scripts_folder_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, sd_scripts_python_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, thumbnail_size_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, name_pattern_row);

  gtk_widget_class_install_action (widget_class, "preferences.choose-output-folder", NULL,
                                   choose_output_folder_action);
  gtk_widget_class_install_action (widget_class, "preferences.choose-lora-folder", NULL,
                                   choose_lora_folder_action);
  gtk_widget_class_install_action (widget_class, "preferences.choose-sd-scripts-folder", NULL,
                                   choose_sd_scripts_folder_action);
  gtk_widget_class_install_action (widget_class, "preferences.test-connection", NULL,
                                   _lk_preferences_window_test_connection_action);
  gtk_widget_class_install_action (widget_class, "preferences.remove-server", "s",
                                   _lk_preferences_window_remove_server_action);

  g_type_ensure (LK_TYPE_SERVER_ROW);
}

static void
lk_preferences_window_init (LkPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->server_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  lk_accessible_name_unnamed_controls (GTK_WIDGET (self));
}
