/* lk-test-widgets.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "lk-test-widgets.h"

static void
count_below (GtkWidget  *widget,
             GType       type,
             const char *label_text,
             guint      *count)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    {
      if (label_text == NULL)
        (*count)++;
      else if (GTK_IS_LABEL (widget)
               && strstr (gtk_label_get_text (GTK_LABEL (widget)), label_text) != NULL)
        (*count)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    count_below (child, type, label_text, count);
}

guint
lk_test_count_widgets (GtkWidget  *root,
                       GType       type,
                       const char *label_text)
{
  guint n = 0;

  count_below (root, type, label_text, &n);
  return n;
}

gboolean
lk_test_wait_widgets (GtkWidget  *root,
                      GType       type,
                      const char *label_text,
                      guint       wanted,
                      guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (lk_test_count_widgets (root, type, label_text) >= wanted)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return FALSE;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (name == NULL || g_strcmp0 (tooltip, name) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), name) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0)
    return TRUE;
  return FALSE;
}

GtkWidget *
lk_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root)
      && is_named (root, name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lk_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lk_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
    }
  return found;
}

void
lk_test_save_screenshot (GtkWidget  *widget,
                         const char *dir,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width;
  int height;

  /* let transitions (a stack's crossfade) and pending redraws finish first */
  for (gint64 until = g_get_monotonic_time () + 400 * G_TIME_SPAN_MILLISECOND;
       g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (dir == NULL || renderer == NULL || width <= 0 || height <= 0)
    {
      g_test_message ("no screenshot %s: nothing to render", name);
      return;
    }

  /* a widget waiting to be redrawn gives no node: let a frame or two pass */
  for (guint tries = 0; node == NULL && tries < 20; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      while (node == NULL && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  if (node == NULL)
    {
      g_test_message ("no screenshot %s: the window drew nothing", name);
      return;
    }
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
lk_test_init_display (int        *argc,
                      char     ***argv,
                      gboolean    isolate_dirs,
                      int         n_args,
                      const char *usage)
{
  if (isolate_dirs)
    g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  else
    g_test_init (argc, argv, NULL);

  if (*argc < n_args + 1)
    {
      g_printerr ("usage: %s [GTest options] %s\n", (*argv)[0], usage);
      exit (1);
    }
  if (!gtk_init_check ())
    {
      g_printerr ("No display; skipping.\n");
      exit (77);
    }
  adw_init ();
}
