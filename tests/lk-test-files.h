/* lk-test-files.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Throwaway folders and pictures for the tests and benchmarks; header only, so any test
 * program can use it without another source file in its build. */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* Removes @path and everything below it; a symbolic link is removed, never followed. */
static inline void
lk_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);

          lk_test_remove_tree (child);
          g_free (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Writes a real picture of one colour (@rgba), @width × @height, in @format ("png", "jpeg",
 * any GdkPixbuf saver) as @dir/@name, and returns its path. */
static inline char *
lk_test_write_image (const char *dir,
                     const char *name,
                     const char *format,
                     int         width,
                     int         height,
                     guint32     rgba)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save (pixbuf, path, format, &error, NULL);
  g_assert_no_error (error);
  g_object_unref (pixbuf);

  return path;
}

G_END_DECLS
