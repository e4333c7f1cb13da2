/* lk-preflight-group.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-check.h"
#include "lk-comfy-client.h"
#include "lk-generator-job.h"
#include "lk-lora-assign-button.h"
#include "lk-preflight-group.h"
#include "lk-server-pool.h"
#include "lk-template-pick-button.h"
#include "lk-workflow.h"

struct _LkPreflightGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  LkGenerator         *generator;
  LkCharacter         *character;
  LkResolution        *resolution;
  GCancellable        *cancellable;
  GPtrArray           *check_rows;
  GPtrArray           *change_rows;
  guint                pending;

  /* Template widgets */
  GtkSpinner          *spinner;
  AdwExpanderRow      *changes_row;
};

G_DEFINE_FINAL_TYPE (LkPreflightGroup, lk_preflight_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_GENERATOR,
  PROP_CHARACTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (LkPreflightGroup *self,
          gboolean          busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
finish_one (LkPreflightGroup *self)
{
  g_assert (self->pending > 0);

  if (--self->pending == 0)
    set_busy (self, FALSE);
}

static void
clear_checks (LkPreflightGroup *self)
{
  for (guint i = 0; i < self->check_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->check_rows, i));
  g_ptr_array_set_size (self->check_rows, 0);
}

static void
clear_changes (LkPreflightGroup *self)
{
  for (guint i = 0; i < self->change_rows->len; i++)
    adw_expander_row_remove (self->changes_row, g_ptr_array_index (self->change_rows, i));
  g_ptr_array_set_size (self->change_rows, 0);
}

/* Fixing: open the folder, retry the servers --------------------------------------------- */

static void
folder_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open the folder: %s", error->message);
}

static void
open_folder_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  const char *folder = g_object_get_data (G_OBJECT (button), "lk-folder");
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
    gtk_widget_get_display (GTK_WIDGET (button))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, folder_launched_cb, NULL);
}

static void
retry_clicked_cb (LkPreflightGroup *self)
{
  LkServerPool *pool = self->generator ? lk_generator_get_pool (self->generator) : NULL;
  guint n = pool ? g_list_model_get_n_items (G_LIST_MODEL (pool)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkComfyClient) client = g_list_model_get_item (G_LIST_MODEL (pool), i);

      lk_comfy_client_retry (client);
    }
  lk_preflight_group_reload (self);
}

/* The folder to open for a missing LoRA file: the nearest existing parent of its path. */
static char *
dup_lora_folder (LkModel *lora)
{
  const char *path = lora ? lk_model_get_file_path (lora) : NULL;
  g_autofree char *folder = NULL;

  if (path == NULL || !g_path_is_absolute (path))
    return NULL;

  folder = g_path_get_dirname (path);
  while (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      char *parent = g_path_get_dirname (folder);

      if (g_str_equal (parent, folder))
        {
          g_free (parent);
          return NULL;
        }
      g_free (folder);
      folder = parent;
    }

  return g_steal_pointer (&folder);
}

/* Showing -------------------------------------------------------------------------------- */

static GtkWidget *
new_fix_button (LkPreflightGroup *self,
                LkCheck          *check,
                LkResolution     *resolution)
{
  const char *id = lk_check_get_id (check);
  LkServerPool *pool = lk_generator_get_pool (self->generator);
  GtkWidget *button = NULL;

  if (g_str_equal (id, "lora-assigned") && self->character != NULL)
    {
      button = lk_lora_assign_button_new (lk_generator_get_catalog (self->generator),
                                          lk_character_get_id (self->character));
      g_signal_connect_object (button, "assigned", G_CALLBACK (lk_preflight_group_reload), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      return button;
    }

  /* Only a profile can be given a template: a character without a project or a project
   * without a profile keeps the written advice. */
  if (g_str_equal (id, "template") && self->character != NULL
      && lk_character_get_profile_id (self->character) > 0)
    {
      button = lk_template_pick_button_new (lk_generator_get_catalog (self->generator),
                                            lk_character_get_profile_id (self->character));
      g_signal_connect_object (button, "template-set", G_CALLBACK (lk_preflight_group_reload),
                               self, G_CONNECT_SWAPPED);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      return button;
    }

  if (g_str_equal (id, "lora-file"))
    {
      g_autofree char *folder =
        dup_lora_folder (resolution ? lk_resolution_get_lora (resolution) : NULL);

      if (folder == NULL)
        return NULL;
      button = gtk_button_new_with_mnemonic (_("_Open Folder"));
      g_object_set_data_full (G_OBJECT (button), "lk-folder", g_steal_pointer (&folder), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (open_folder_clicked_cb), NULL);
    }
  else if (lk_check_get_level (check) == LK_CHECK_LEVEL_WARNING && pool != NULL
           && g_list_model_get_n_items (G_LIST_MODEL (pool)) > 0
           && lk_server_pool_get_n_online (pool) == 0)
    {
      button = gtk_button_new_with_mnemonic (_("_Retry Servers"));
      g_signal_connect_object (button, "clicked", G_CALLBACK (retry_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (button != NULL)
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
add_check_row (LkPreflightGroup *self,
               LkCheck          *check,
               LkResolution     *resolution)
{
  LkCheckLevel level = lk_check_get_level (check);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *fix;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lk_check_get_message (check));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  icon = gtk_image_new_from_icon_name (level == LK_CHECK_LEVEL_ERROR ? "dialog-error-symbolic"
                                                                     : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, level == LK_CHECK_LEVEL_ERROR ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  level == LK_CHECK_LEVEL_ERROR ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* A button that fixes the problem here replaces the written advice. */
  if ((fix = new_fix_button (self, check, resolution)) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), fix);
  else if (lk_check_get_fix (check) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lk_check_get_fix (check));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->check_rows, row);
}

static void
add_ready_row (LkPreflightGroup *self,
               const char       *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passed"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->check_rows, row);
}

/* The preview of the workflow edits stays below the checks. */
static void
move_changes_last (LkPreflightGroup *self)
{
  g_object_ref (self->changes_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->changes_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->changes_row));
  g_object_unref (self->changes_row);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkPreflightGroup) self = user_data;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  guint n_problems = 0;

  checks = lk_generator_check_finish (LK_GENERATOR (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_one (self);
  clear_checks (self);
  if (checks == NULL)
    {
      g_autoptr(LkCheck) failed = lk_check_new ("generator", LK_CHECK_LEVEL_ERROR, NULL,
                                                error->message, NULL);

      add_check_row (self, failed, NULL);
      move_changes_last (self);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      if (lk_check_get_level (check) == LK_CHECK_LEVEL_OK)
        continue;
      add_check_row (self, check, self->resolution);
      n_problems++;
    }

  if (n_problems == 0)
    add_ready_row (self, _("Every check passed: ready to generate."));
  move_changes_last (self);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkPreflightGroup) self = user_data;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *changes = NULL;
  g_autofree char *subtitle = NULL;
  guint n = 0;

  jobs = lk_generator_prepare_finish (LK_GENERATOR (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_one (self);
  clear_changes (self);
  if (jobs != NULL && jobs->len > 0)
    {
      LkWorkflow *workflow = lk_generator_job_get_workflow (g_ptr_array_index (jobs, 0));

      if (workflow != NULL)
        changes = lk_workflow_get_changes (workflow);
    }

  for (n = 0; changes != NULL && changes[n] != NULL; n++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), changes[n]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (self->changes_row, row);
      g_ptr_array_add (self->change_rows, row);
    }

  if (jobs == NULL)
    subtitle = g_strdup (error->message);
  else if (n == 0)
    subtitle = g_strdup (_("The template is used as it is"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change to the template",
                                             "%u changes to the template", n), n);
  adw_expander_row_set_subtitle (self->changes_row, subtitle);
  adw_expander_row_set_enable_expansion (self->changes_row, n > 0);
}

/* Public API ----------------------------------------------------------------------------- */

void
lk_preflight_group_reload (LkPreflightGroup *self)
{
  LkGenerateRequest request;
  gint64 character_id;

  g_return_if_fail (LK_IS_PREFLIGHT_GROUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->pending = 0;
  set_busy (self, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self), self->generator != NULL && self->character != NULL);
  if (self->generator == NULL || self->character == NULL)
    {
      clear_checks (self);
      clear_changes (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->pending = 2;
  set_busy (self, TRUE);
  character_id = lk_character_get_id (self->character);

  lk_generator_check_async (self->generator, character_id, NULL, self->cancellable, checked_cb,
                            g_object_ref (self));

  lk_generate_request_init (&request);
  lk_generator_prepare_async (self->generator, character_id, &request, self->cancellable,
                              prepared_cb, g_object_ref (self));
}

LkGenerator *
lk_preflight_group_get_generator (LkPreflightGroup *self)
{
  g_return_val_if_fail (LK_IS_PREFLIGHT_GROUP (self), NULL);

  return self->generator;
}

GtkWidget *
lk_preflight_group_new (void)
{
  return g_object_new (LK_TYPE_PREFLIGHT_GROUP, NULL);
}

void
lk_preflight_group_set_generator (LkPreflightGroup *self,
                                  LkGenerator      *generator)
{
  g_return_if_fail (LK_IS_PREFLIGHT_GROUP (self));
  g_return_if_fail (!generator || LK_IS_GENERATOR (generator));

  if (!g_set_object (&self->generator, generator))
    return;

  lk_preflight_group_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
}

void
lk_preflight_group_set_character (LkPreflightGroup *self,
                                  LkCharacter      *character)
{
  g_return_if_fail (LK_IS_PREFLIGHT_GROUP (self));
  g_return_if_fail (!character || LK_IS_CHARACTER (character));

  if (!g_set_object (&self->character, character))
    return;

  lk_preflight_group_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

void
lk_preflight_group_set_resolution (LkPreflightGroup *self,
                                   LkResolution     *resolution)
{
  g_return_if_fail (LK_IS_PREFLIGHT_GROUP (self));
  g_return_if_fail (!resolution || LK_IS_RESOLUTION (resolution));

  g_set_object (&self->resolution, resolution);
}

/* Object --------------------------------------------------------------------------------- */

static void
lk_preflight_group_dispose (GObject *object)
{
  LkPreflightGroup *self = LK_PREFLIGHT_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->generator);
  g_clear_object (&self->character);
  g_clear_object (&self->resolution);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PREFLIGHT_GROUP);

  G_OBJECT_CLASS (lk_preflight_group_parent_class)->dispose (object);
}

static void
lk_preflight_group_finalize (GObject *object)
{
  LkPreflightGroup *self = LK_PREFLIGHT_GROUP (object);

  g_clear_pointer (&self->check_rows, g_ptr_array_unref);
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_preflight_group_parent_class)->finalize (object);
}

static void
lk_preflight_group_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkPreflightGroup *self = LK_PREFLIGHT_GROUP (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;

    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_preflight_group_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkPreflightGroup *self = LK_PREFLIGHT_GROUP (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      lk_preflight_group_set_generator (self, g_value_get_object (value));
      break;

    case PROP_CHARACTER:
      lk_preflight_group_set_character (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_preflight_group_class_init (LkPreflightGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_preflight_group_dispose;
  object_class->finalize = lk_preflight_group_finalize;
  object_class->get_property = lk_preflight_group_get_property;
  object_class->set_property = lk_preflight_group_set_property;

  properties[PROP_GENERATOR] =
    g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHARACTER] =
    g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-preflight-group.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPreflightGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkPreflightGroup, changes_row);
}

static void
lk_preflight_group_init (LkPreflightGroup *self)
{
  self->check_rows = g_ptr_array_new ();
  self->change_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
