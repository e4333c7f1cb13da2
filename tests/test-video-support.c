/* test-video-support.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Whether GtkVideo can show pictures here, and what the viewer says when it cannot: with GL,
 * GTK 4.8 needs GStreamer's glsinkbin, and without it a clip plays black without an error.
 * The missing plugin is simulated in a subprocess whose GStreamer sees every system plugin
 * but the OpenGL one. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>
#include <unistd.h>

#include "lk-output-item.h"
#include "lk-test-files.h"
#include "lk-test-widgets.h"
#include "lk-video-support.h"
#include "lk-viewer.h"

static void
wait_until_mapped (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (window));
}

/* Opens an (empty) clip in a viewer of its own window. */
static GtkWidget *
show_clip_in_viewer (const char *path)
{
  g_autoptr(LkOutputItem) item = lk_output_item_new (path, 0, 1000, LK_MEDIA_KIND_VIDEO, FALSE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *viewer = lk_viewer_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), viewer);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (window);
  lk_viewer_set_item (LK_VIEWER (viewer), item);

  return window;
}

/* The status page the viewer shows, if it shows one. */
static AdwStatusPage *
find_mapped_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return ADW_STATUS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *page = find_mapped_status_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

static void
test_plugins_installed (void)
{
  g_autofree char *problem = lk_video_support_dup_problem (gdk_display_get_default ());

  /* `./dev deps` installs gstreamer1.0-gl, so nothing is missing. */
  g_assert_null (problem);
}

/* Copies the plugin folder as symbolic links, leaving out @left_out. */
static char *
plugin_folder_without (const char *plugin_dir,
                       const char *left_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (plugin_dir, 0, &error);
  char *copy = g_dir_make_tmp ("lk-gst-plugins-XXXXXX", &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *target = g_build_filename (plugin_dir, name, NULL);
      g_autofree char *link = g_build_filename (copy, name, NULL);

      if (g_strcmp0 (name, left_out) != 0)
        g_assert_cmpint (symlink (target, link), ==, 0);
    }

  return copy;
}

static void
test_gl_plugin_missing (void)
{
  g_autoptr(GstPlugin) opengl = NULL;
  g_autofree char *plugin_dir = NULL;
  g_autofree char *plugin_name = NULL;
  g_autofree char *plugins = NULL;
  g_autofree char *registry = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *folder = g_dir_make_tmp ("lk-video-support-XXXXXX", &error);
      g_autofree char *clip = g_build_filename (folder, "anime_video_1_00001.mp4", NULL);
      g_autofree char *problem = lk_video_support_dup_problem (gdk_display_get_default ());
      GtkWidget *window;
      AdwStatusPage *page;

      if (!gdk_display_prepare_gl (gdk_display_get_default (), NULL))
        {
          /* GTK would use a sink of its own: nothing is missing. */
          g_assert_null (problem);
          g_print ("no GL here\n");
          return;
        }

      g_assert_nonnull (problem);
      g_assert_nonnull (strstr (problem, "gstreamer1.0-gl"));

      g_assert_no_error (error);
      g_file_set_contents (clip, "", 0, &error);
      g_assert_no_error (error);
      window = show_clip_in_viewer (clip);
      page = find_mapped_status_page (window);
      g_assert_nonnull (page);
      g_assert_cmpstr (adw_status_page_get_description (page), ==, problem);
      lk_test_save_screenshot (window, g_getenv ("LK_TEST_SHOTS"), "viewer-no-gl-plugin.png");
      gtk_window_destroy (GTK_WINDOW (window));
      lk_test_remove_tree (folder);
      g_print ("explained\n");
      return;
    }

  opengl = gst_registry_find_plugin (gst_registry_get (), "opengl");
  if (opengl == NULL || gst_plugin_get_filename (opengl) == NULL)
    {
      g_test_skip ("GStreamer's OpenGL plugin is not installed here");
      return;
    }

  plugin_dir = g_path_get_dirname (gst_plugin_get_filename (opengl));
  plugin_name = g_path_get_basename (gst_plugin_get_filename (opengl));
  plugins = plugin_folder_without (plugin_dir, plugin_name);
  registry = g_build_filename (plugins, "registry.bin", NULL);

  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", plugins, TRUE);
  g_setenv ("GST_PLUGIN_SYSTEM_PATH", plugins, TRUE);
  g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
  g_unsetenv ("GST_PLUGIN_PATH_1_0");
  g_unsetenv ("GST_PLUGIN_PATH");
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH_1_0");
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH");
  g_unsetenv ("GST_REGISTRY_1_0");

  lk_test_remove_tree (plugins);
  g_test_trap_assert_passed ();
  if (gdk_display_prepare_gl (gdk_display_get_default (), NULL))
    g_test_trap_assert_stdout ("*explained*");
  else
    g_test_trap_assert_stdout ("*no GL here*");
}

int
main (int   argc,
      char *argv[])
{
  /* The first argument, the demo LoRA every display test is given, is not needed here; none
   * are given again to the subprocess, which finds the screenshot folder in the environment.
   * Folders are not isolated: GTK's own SVG icons need the system's MIME database. */
  lk_test_init_display (&argc, &argv, FALSE, 0, "[DEMO-LORA [SCREENSHOT-DIR]]");
  if (argc > 2)
    g_setenv ("LK_TEST_SHOTS", argv[2], TRUE);
  gst_init (NULL, NULL);

  g_test_add_func ("/video-support/plugins-installed", test_plugins_installed);
  g_test_add_func ("/video-support/gl-plugin-missing-is-explained", test_gl_plugin_missing);

  return g_test_run ();
}
