/* lk-sim-render.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-output"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-sim-output.h"

/* The pixels of simulated images: a pattern drawn from the content hash, and image loading. */

static guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

/* A smooth two-colour pattern with rings, drawn from the hash: different seeds or prompts give
 * visibly different images, the frame index moves it, and it compresses well. */
static void
fill_pattern (guchar  *pixels,
              int      rowstride,
              int      width,
              int      height,
              guint64  hash,
              int      frame,
              int      noise)
{
  guint64 h = mix64 (hash);
  guint8 c0[3] = { h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff };
  guint8 c1[3] = { 255 - c0[1], (h >> 24) & 0xff, 255 - c0[0] };
  int fx = 1 + (int)((h >> 32) % 5), fy = 1 + (int)((h >> 40) % 4);
  int cx = (int)((h >> 44) % (guint64)width), cy = (int)((h >> 52) % (guint64)height);
  int ring = 8 + (int)((h >> 58) % 24);
  guint32 state = (guint32)(h ^ (guint64)frame * 2654435761u) | 1;
  g_autofree int *column = g_new (int, width);

  for (int x = 0; x < width; x++)
    column[x] = (x * 256 / MAX (width, 1)) * fx + frame * 12;

  for (int y = 0; y < height; y++)
    {
      guchar *row = pixels + (gsize)y * rowstride;
      int row_term = (y * 256 / MAX (height, 1)) * fy;
      int dy = y - cy;

      for (int x = 0; x < width; x++)
        {
          int t = (column[x] + row_term) & 511;
          int mix = t < 256 ? t : 511 - t;
          int dx = x - cx;
          int band = ((int)sqrtf ((float)(dx * dx + dy * dy)) / ring) & 1;
          int grain = 0;

          if (noise > 0)
            {
              state ^= state << 13;
              state ^= state >> 17;
              state ^= state << 5;
              grain = (int)(state % (guint32)(2 * noise + 1)) - noise;
            }

          for (int c = 0; c < 3; c++)
            {
              int v = (c0[c] * (255 - mix) + c1[c] * mix) / 255;

              if (band)
                v = 255 - v / 2;
              row[x * 3 + c] = (guchar)CLAMP (v + grain, 0, 255);
            }
        }
    }
}

/**
 * lk_sim_load_image:
 * @path: an image file
 * @error: return location for an error
 *
 * Loads an image choosing the loader from the file name's extension first: content sniffing
 * needs the shared MIME database, which a test with private XDG directories does not see.
 *
 * Returns: (transfer full) (nullable): the pixels
 */
GdkPixbuf *
lk_sim_load_image (const char  *path,
                   GError     **error)
{
  static const char * const loaders[] = {
    ".png", "png", ".jpg", "jpeg", ".jpeg", "jpeg", ".gif", "gif", ".bmp", "bmp",
    ".webp", "webp", ".tif", "tiff", ".tiff", "tiff", NULL
  };
  const char *dot = strrchr (path, '.');
  g_autofree char *lower = dot ? g_ascii_strdown (dot, -1) : NULL;
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; lower && loaders[i]; i += 2)
    if (strcmp (loaders[i], lower) == 0)
      {
        g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (loaders[i + 1], NULL);
        GdkPixbuf *pixbuf;

        if (loader == NULL)
          break;
        if (!g_file_get_contents (path, &contents, &length, error))
          return NULL;
        if (!gdk_pixbuf_loader_write (loader, (const guchar *)contents, length, error)
            || !gdk_pixbuf_loader_close (loader, error))
          {
            gdk_pixbuf_loader_close (loader, NULL);
            return NULL;
          }
        pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
        if (pixbuf == NULL)
          {
            g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                         "No image in %s", path);
            return NULL;
          }
        return g_object_ref (pixbuf);
      }

  return gdk_pixbuf_new_from_file (path, error);
}

/**
 * lk_sim_render_frame:
 * @image: an IMAGE (or LATENT) value
 * @index: the index in the batch
 *
 * Returns: (transfer full): the pixels of one image of the batch
 */
GdkPixbuf *
lk_sim_render_frame (const LkSimValue *image,
                     int               index)
{
  GdkPixbuf *pixbuf;
  int width = MAX (image->width, 1);
  int height = MAX (image->height, 1);

  if (image->pixels)
    {
      if (gdk_pixbuf_get_width (image->pixels) == width
          && gdk_pixbuf_get_height (image->pixels) == height)
        return g_object_ref (image->pixels);
      return gdk_pixbuf_scale_simple (image->pixels, width, height, GDK_INTERP_BILINEAR);
    }

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  fill_pattern (gdk_pixbuf_get_pixels (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                width, height, image->hash, index, 0);
  return pixbuf;
}

/**
 * lk_sim_render_preview:
 * @hash: the content hash of the latent being sampled
 * @width: image width in pixels
 * @height: image height in pixels
 * @step: the current step, from 1
 * @steps: the number of steps
 *
 * Draws a latent2rgb-like preview (1/8 of the size) whose noise fades as sampling goes on.
 *
 * Returns: (transfer full) (nullable): JPEG bytes, quality 95
 */
GBytes *
lk_sim_render_preview (guint64 hash,
                       int     width,
                       int     height,
                       int     step,
                       int     steps)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;
  int w = MAX (width / 8, 8), h = MAX (height / 8, 8);
  int noise = steps > 0 ? 120 * (steps - step) / steps : 0;

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  fill_pattern (gdk_pixbuf_get_pixels (pixbuf), gdk_pixbuf_get_rowstride (pixbuf), w, h, hash, 0,
                noise);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "95", NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}
