/* lk-video-support.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "lk-video-support.h"

#define PROBLEM_KEY "lk-video-support-problem"

static char *
find_problem (GdkDisplay *display)
{
  g_autoptr(GstElementFactory) gl_sink = NULL;
  g_autoptr(GError) error = NULL;

  if (!gst_init_check (NULL, NULL, &error))
    return g_strdup_printf (_("Videos cannot be played: GStreamer does not start (%s)."),
                            error->message);

  if ((gl_sink = gst_element_factory_find ("glsinkbin")) != NULL)
    return NULL;

  /* Without GL, GTK gives GStreamer a sink of its own and needs no GL plugin. */
  if (!gdk_display_prepare_gl (display, NULL))
    return NULL;

  return g_strdup (_("Videos cannot be shown: GStreamer’s OpenGL plugin is not installed, "
                     "so clips would play without a picture. Install it (the "
                     "gstreamer1.0-gl package on Debian and Ubuntu) and start Lorakeet again."));
}

char *
lk_video_support_dup_problem (GdkDisplay *display)
{
  const char *problem;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  /* "" records that there is no problem, so the check runs once. */
  if (!(problem = g_object_get_data (G_OBJECT (display), PROBLEM_KEY)))
    {
      char *found = find_problem (display);

      problem = found != NULL ? found : g_strdup ("");
      g_object_set_data_full (G_OBJECT (display), PROBLEM_KEY, (gpointer)problem, g_free);
    }

  return problem[0] != '\0' ? g_strdup (problem) : NULL;
}
