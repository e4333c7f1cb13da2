/* lk-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-settings.h"
#include "lk-window.h"

struct _LkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *characters_region;
  GtkWidget            *inspector_region;
  GtkWidget            *gallery_region;
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

  return self;
}

static void
lk_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_WINDOW);

  G_OBJECT_CLASS (lk_window_parent_class)->dispose (object);
}

static void
lk_window_class_init (LkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, characters_region);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, inspector_region);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, gallery_region);
}

static void
lk_window_init (LkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
