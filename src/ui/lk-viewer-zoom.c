/* lk-viewer-zoom.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-viewer-private.h"

#define ZOOM_STEP 1.25
#define ZOOM_MIN  0.05
#define ZOOM_MAX  16.0

void
_lk_viewer_update_zoom (LkViewer *self)
{
  g_autofree char *text = NULL;
  int width;
  int height;

  g_assert (LK_IS_VIEWER (self));

  if (self->texture == NULL || self->zoom <= 0)
    {
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
      gtk_label_set_text (self->zoom_label, _("Fit"));
    }
  else
    {
      width = gdk_texture_get_width (self->texture);
      height = gdk_texture_get_height (self->texture);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                                   MAX (1, (int)(width * self->zoom)),
                                   MAX (1, (int)(height * self->zoom)));
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
      text = g_strdup_printf ("%d%%", (int)(self->zoom * 100 + 0.5));
      gtk_label_set_text (self->zoom_label, text);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 self->texture != NULL && self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out",
                                 self->texture != NULL && (self->zoom <= 0 || self->zoom > ZOOM_MIN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", self->texture != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-original", self->texture != NULL);
}

double
lk_viewer_get_zoom (LkViewer *self)
{
  g_return_val_if_fail (LK_IS_VIEWER (self), 0);

  return self->zoom;
}

void
lk_viewer_set_zoom (LkViewer *self,
                    double    zoom)
{
  g_return_if_fail (LK_IS_VIEWER (self));

  self->zoom = zoom <= 0 ? 0 : CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  _lk_viewer_update_zoom (self);
}

/* The scale a fitted image is shown at, where zooming in or out starts from. */
static double
lk_viewer_get_fit_scale (LkViewer *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  double scale;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return 1.0;

  scale = MIN ((double)width / gdk_texture_get_width (self->texture),
               (double)height / gdk_texture_get_height (self->texture));

  return MIN (scale, 1.0);
}

void
_lk_viewer_zoom_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LkViewer *self = LK_VIEWER (widget);
  double zoom = self->zoom > 0 ? self->zoom : lk_viewer_get_fit_scale (self);

  if (g_str_equal (action_name, "viewer.zoom-in"))
    lk_viewer_set_zoom (self, zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    lk_viewer_set_zoom (self, zoom / ZOOM_STEP);
  else if (g_str_equal (action_name, "viewer.zoom-original"))
    lk_viewer_set_zoom (self, 1.0);
  else
    lk_viewer_set_zoom (self, 0);
}

void
_lk_viewer_drag_begin_cb (LkViewer       *self,
                          double          x,
                          double          y,
                          GtkGestureDrag *gesture)
{
  self->drag_start_x = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->drag_start_y = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

void
_lk_viewer_drag_update_cb (LkViewer       *self,
                           double          x,
                           double          y,
                           GtkGestureDrag *gesture)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller),
                            self->drag_start_x - x);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller),
                            self->drag_start_y - y);
}
