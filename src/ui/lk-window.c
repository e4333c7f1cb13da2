/* lk-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lk-accessible.h"
#include "lk-download.h"
#include "lk-settings.h"
#include "lk-window-private.h"

G_DEFINE_FINAL_TYPE (LkWindow, lk_window, ADW_TYPE_APPLICATION_WINDOW)

/* Without a shared output folder the generator downloads outputs into Lorakeet's cache
 * (lk_download_dup_root()); the gallery shows that folder then, so new frames appear in it. */
static gboolean
output_folder_get_mapping (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  const char *folder = g_variant_get_string (variant, NULL);

  g_autofree char *downloads = NULL;

  if (*folder != '\0')
    {
      g_value_set_string (value, folder);
      return TRUE;
    }

  /* One mkdir in the user's cache, so that the gallery shows an empty folder, not an error,
   * before the first download. */
  downloads = lk_download_dup_root ();
  if (g_mkdir_with_parents (downloads, 0700) != 0)
    g_debug ("Cannot create %s: %s", downloads, g_strerror (errno));
  g_value_take_string (value, g_steal_pointer (&downloads));

  return TRUE;
}

static void
lk_window_bind_settings (LkWindow  *self,
                         GSettings *settings)
{
  g_assert (LK_IS_WINDOW (self));
  g_assert (G_IS_SETTINGS (settings));

  g_settings_bind (settings, LK_SETTINGS_WINDOW_WIDTH, self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, LK_SETTINGS_WINDOW_HEIGHT, self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, LK_SETTINGS_WINDOW_MAXIMIZED, self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, LK_SETTINGS_OUTPUT_FOLDER, self->gallery_view, "folder",
                                G_SETTINGS_BIND_GET, output_folder_get_mapping, NULL, NULL, NULL);
  g_settings_bind (settings, LK_SETTINGS_THUMBNAIL_SIZE, self->gallery_view, "thumbnail-size",
                   G_SETTINGS_BIND_GET);
}

/* The one place where actions are enabled or disabled. */
static void
lk_window_update_actions (LkWindow *self)
{
  LkCatalogSessionState state = lk_catalog_session_get_state (self->session);
  GAction *generate = g_action_map_lookup_action (G_ACTION_MAP (self), "generate");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalog.retry",
                                 (state == LK_CATALOG_SESSION_STATE_FAILED
                                  || state == LK_CATALOG_SESSION_STATE_OFFLINE)
                                 && !lk_catalog_session_get_busy (self->session));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (generate),
                               lk_generate_panel_get_can_generate (self->generate_panel));
}

static void
output_ready_cb (LkWindow       *self,
                 LkGeneratorJob *job,
                 const char     *path,
                 LkGenerator    *generator)
{
  g_assert (LK_IS_WINDOW (self));

  lk_gallery_view_add_output (self->gallery_view, path);
}

/* A toast always; a desktop notification too when the artist is looking elsewhere. Clicking
 * the notification brings this window back (app.present-window). */
static void
job_finished_cb (LkWindow       *self,
                 LkGeneratorJob *job,
                 LkJobsView     *jobs_view)
{
  g_autofree char *text = lk_jobs_view_describe_finished (job);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_assert (LK_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));

  if (app != NULL && !gtk_window_is_active (GTK_WINDOW (self)))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Lorakeet"));
      g_autofree char *id = g_strdup_printf ("job-%" G_GINT64_FORMAT,
                                             lk_generator_job_get_id (job));

      g_notification_set_body (notification, text);
      g_notification_set_default_action (notification, "app.present-window");
      if (lk_generator_job_get_state (job) != LK_JOB_SUCCEEDED)
        g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_application_send_notification (app, id, notification);
      g_ptr_array_add (self->notification_ids, g_steal_pointer (&id));
    }
}

/* Back in the window, its toasts tell the same: the notifications would only be stale. */
static void
is_active_changed_cb (LkWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app == NULL || self->notification_ids == NULL || !gtk_window_is_active (GTK_WINDOW (self)))
    return;

  for (guint i = 0; i < self->notification_ids->len; i++)
    g_application_withdraw_notification (app, g_ptr_array_index (self->notification_ids, i));
  g_ptr_array_set_size (self->notification_ids, 0);
}

/* The generator is replaced when the catalog changes: every widget follows the application's. */
static void
lk_window_bind_generator (LkWindow      *self,
                          LkApplication *application,
                          gpointer       target)
{
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (application, "generator", target, "generator",
                                           G_BINDING_SYNC_CREATE));
}

/* The viewer gets the inspector's room while it is open: a frame, its toolbar and its
 * details need the width, and the window stays usable at 1024 × 600. */
static void
gallery_viewing_changed_cb (LkWindow *self)
{
  gtk_widget_set_visible (self->inspector_column,
                          !lk_gallery_view_get_viewing (self->gallery_view));
}

/* The queue takes room from the gallery only while there are jobs to show. */
static void
jobs_changed_cb (LkWindow *self)
{
  GListModel *jobs = lk_jobs_view_get_jobs (self->jobs_view);

  gtk_widget_set_visible (self->jobs_region, g_list_model_get_n_items (jobs) > 0);
}

static void
lk_window_bind_generation (LkWindow      *self,
                           LkApplication *application)
{
  g_assert (LK_IS_WINDOW (self));
  g_assert (LK_IS_APPLICATION (application));

  lk_server_banner_set_pool (self->server_banner, lk_application_get_server_pool (application));
  lk_generate_panel_set_session (self->generate_panel, self->session);
  lk_window_bind_generator (self, application, self->generate_panel);
  lk_window_bind_generator (self, application, self->jobs_view);
  lk_window_bind_generator (self, application, self->inspector);
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (application, "generator", self->generator_signals,
                                           "target", G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (self->sidebar, "selected-character",
                                           self->generate_panel, "character",
                                           G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (self->sidebar, "selected-character",
                                           self->gallery_view, "character",
                                           G_BINDING_SYNC_CREATE));
  /* Both ways: the banner's Use Automatic switches the panel back to Automatic. */
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (self->generate_panel, "server-url",
                                           self->server_banner, "server-url",
                                           G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));

  g_signal_connect_object (self->jobs_view, "job-finished", G_CALLBACK (job_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lk_jobs_view_get_jobs (self->jobs_view), "items-changed",
                           G_CALLBACK (jobs_changed_cb), self, G_CONNECT_SWAPPED);
  jobs_changed_cb (self);
  g_signal_connect_object (self->gallery_view, "notify::viewing",
                           G_CALLBACK (gallery_viewing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->generate_panel, "notify::can-generate",
                           G_CALLBACK (lk_window_update_actions), self, G_CONNECT_SWAPPED);
}

static void
lk_window_bind_session (LkWindow         *self,
                        LkCatalogSession *session)
{
  g_assert (LK_IS_WINDOW (self));
  g_assert (LK_IS_CATALOG_SESSION (session));

  self->session = g_object_ref (session);
  lk_catalog_banner_set_session (self->banner, session);
  lk_character_sidebar_set_session (self->sidebar, session);
  self->bindings = g_ptr_array_new ();
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (session, "catalog", self->inspector, "catalog",
                                           G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (session, "description", self->window_title, "subtitle",
                                           G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (self->sidebar, "selected-character", self->inspector,
                                           "character", G_BINDING_SYNC_CREATE));

  self->review_controller = lk_review_controller_new (self->gallery_view, session);

  g_signal_connect_object (session, "notify::state", G_CALLBACK (lk_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::busy", G_CALLBACK (lk_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  lk_window_update_actions (self);
}

LkWindow *
lk_window_new (LkApplication *application)
{
  LkWindow *self;

  g_return_val_if_fail (LK_IS_APPLICATION (application), NULL);

  self = g_object_new (LK_TYPE_WINDOW,
                       "application", application,
                       NULL);
  /* "application" is not a construct property, so this cannot happen in constructed(). */
  lk_window_bind_settings (self, lk_application_get_settings (application));
  lk_window_bind_session (self, lk_application_get_session (application));
  lk_window_bind_generation (self, application);
  lk_window_update_actions (self);

  return self;
}

static void
catalog_retry_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LkWindow *self = LK_WINDOW (widget);

  lk_catalog_session_retry (self->session);
}

static void
generate_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LkWindow *self = LK_WINDOW (user_data);

  lk_generate_panel_generate (self->generate_panel);
}

/* "Generate Again with These Settings" in the viewer: the parameter is the frame's path. */
static void
generate_again_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  _lk_window_generate_again (LK_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

/* The shortcuts window is built the first time it is asked for, not with the window: parsing
 * every shortcut would delay the window's first appearance. Once set, GTK keeps it (hidden on
 * close) and this action stays the one that shows it. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_BASE "/ui/lk-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { "generate", generate_activated },
  { "generate-again", generate_again_activated, "s" },
  { "show-help-overlay", show_help_overlay_activated },
};

static void
characters_search_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LkWindow *self = LK_WINDOW (widget);

  lk_character_sidebar_focus_search (self->sidebar);
}

static void
lk_window_dispose (GObject *object)
{
  LkWindow *self = LK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->notification_ids, g_ptr_array_unref);
  if (self->generator_signals != NULL)
    g_signal_group_set_target (self->generator_signals, NULL);
  g_clear_object (&self->generator_signals);

  /* The session outlives the window: nothing of it may reach half-disposed widgets. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->bindings != NULL)
    g_ptr_array_foreach (self->bindings, (GFunc)g_binding_unbind, NULL);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  if (self->review_controller != NULL)
    g_object_run_dispose (G_OBJECT (self->review_controller));
  g_clear_object (&self->review_controller);
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lk_window_parent_class)->dispose (object);
}

static void
lk_window_class_init (LkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_window_dispose;

  g_type_ensure (LK_TYPE_CATALOG_BANNER);
  g_type_ensure (LK_TYPE_CHARACTER_SIDEBAR);
  g_type_ensure (LK_TYPE_INSPECTOR);
  g_type_ensure (LK_TYPE_GALLERY_VIEW);
  g_type_ensure (LK_TYPE_SERVER_BANNER);
  g_type_ensure (LK_TYPE_GENERATE_PANEL);
  g_type_ensure (LK_TYPE_JOBS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, server_banner);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, generate_panel);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, jobs_view);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, inspector_column);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, jobs_region);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, characters_region);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, inspector_region);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, gallery_region);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, gallery_view);

  gtk_widget_class_install_action (widget_class, "catalog.retry", NULL, catalog_retry_action);
  gtk_widget_class_install_action (widget_class, "characters.search", NULL,
                                   characters_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "characters.search", NULL);
}

static void
lk_window_init (LkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_accessible_name_unnamed_controls (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->notification_ids = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  self->generator_signals = g_signal_group_new (LK_TYPE_GENERATOR);
  g_signal_group_connect_object (self->generator_signals, "output-ready",
                                 G_CALLBACK (output_ready_cb), self, G_CONNECT_SWAPPED);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
