/* lk-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-banner.h"
#include "lk-character-sidebar.h"
#include "lk-gallery-view.h"
#include "lk-inspector.h"
#include "lk-review-controller.h"
#include "lk-settings.h"
#include "lk-window.h"

struct _LkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  LkCatalogSession     *session;
  GPtrArray            *bindings;
  LkReviewController   *review_controller;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  LkCatalogBanner      *banner;
  GtkWidget            *characters_region;
  LkCharacterSidebar   *sidebar;
  GtkWidget            *inspector_region;
  LkInspector          *inspector;
  GtkWidget            *gallery_region;
  LkGalleryView        *gallery_view;
};

G_DEFINE_FINAL_TYPE (LkWindow, lk_window, ADW_TYPE_APPLICATION_WINDOW)

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
  g_settings_bind (settings, LK_SETTINGS_OUTPUT_FOLDER, self->gallery_view, "folder",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, LK_SETTINGS_THUMBNAIL_SIZE, self->gallery_view, "thumbnail-size",
                   G_SETTINGS_BIND_GET);
}

/* The one place where actions are enabled or disabled. */
static void
lk_window_update_actions (LkWindow *self)
{
  LkCatalogSessionState state = lk_catalog_session_get_state (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalog.retry",
                                 (state == LK_CATALOG_SESSION_STATE_FAILED
                                  || state == LK_CATALOG_SESSION_STATE_OFFLINE)
                                 && !lk_catalog_session_get_busy (self->session));
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, banner);
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

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
