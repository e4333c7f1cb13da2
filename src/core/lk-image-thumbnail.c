/* lk-image-thumbnail.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-image-thumbnail.h"
#include "lk-thumbnail.h"

/* Fed to the loader in chunks so that a cancelled request stops soon. */
#define CHUNK_SIZE (1024 * 1024)

typedef struct
{
  int      max_size;
  int      width;
  int      height;
  gboolean too_large;
} SizeRequest;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  SizeRequest     *request)
{
  double scale;

  request->width = width;
  request->height = height;

  if (width <= 0 || height <= 0)
    return;

  if ((guint64)width * (guint64)height > LK_IMAGE_THUMBNAIL_MAX_PIXELS)
    {
      /* A zero size tells the loader module to stop before allocating the pixels. */
      request->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (width <= request->max_size && height <= request->max_size)
    return;

  scale = (double)request->max_size / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader,
                              CLAMP ((int)(width * scale + 0.5), 1, request->max_size),
                              CLAMP ((int)(height * scale + 0.5), 1, request->max_size));
}

static void
set_too_large (GError      **error,
               SizeRequest  *request)
{
  g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TOO_LARGE,
               _("The picture is %d × %d pixels (%.0f megapixels); Lorakeet does not open "
                 "pictures over %.0f megapixels"),
               request->width, request->height,
               (double)request->width * request->height / 1e6,
               LK_IMAGE_THUMBNAIL_MAX_PIXELS / 1e6);
}

static void
set_decode_error (GError       **error,
                  const GError  *loader_error)
{
  if (loader_error != NULL &&
      g_error_matches (loader_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
    g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED,
                         _("This file is not a picture Lorakeet can read"));
  else
    g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                 _("The picture is damaged and cannot be shown (%s)"),
                 loader_error != NULL ? loader_error->message : _("no picture in the file"));
}

const char *
lk_image_thumbnail_sniff_type (const guint8 *head,
                               gsize         length)
{
  g_return_val_if_fail (head != NULL || length == 0, NULL);

  if (length >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (length >= 3 && memcmp (head, "\xff\xd8\xff", 3) == 0)
    return "jpeg";
  if (length >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0)
    return "webp";

  return NULL;
}

GdkPixbuf *
lk_image_thumbnail_decode (const guint8  *data,
                           gsize          length,
                           const char    *type,
                           int            max_size,
                           int           *original_width,
                           int           *original_height,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) loader_error = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  SizeRequest request = { max_size, 0, 0, FALSE };
  GdkPixbuf *pixbuf;
  gboolean written = TRUE;
  gboolean closed;
  const char *orientation;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  if (original_width != NULL)
    *original_width = 0;
  if (original_height != NULL)
    *original_height = 0;

  /* A known type skips GdkPixbuf's sniffing, which needs the shared MIME database. */
  if (type == NULL || !(loader = gdk_pixbuf_loader_new_with_type (type, NULL)))
    loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &request);

  for (gsize offset = 0; offset < length && written; offset += CHUNK_SIZE)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      written = gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK_SIZE, length - offset),
                                         &loader_error);
      if (request.too_large)
        break;
    }

  /* Always closed, even after a failure: a loader left open complains when freed. */
  closed = gdk_pixbuf_loader_close (loader, written && !request.too_large ? &loader_error : NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (request.too_large)
    {
      set_too_large (error, &request);
      return NULL;
    }

  if (!written || !closed || (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      set_decode_error (error, loader_error);
      return NULL;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (oriented == NULL)
    oriented = g_object_ref (pixbuf);

  /* EXIF orientations 5 to 8 turn the picture a quarter. */
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  if (orientation != NULL && orientation[0] >= '5' && orientation[0] <= '8')
    {
      int swap = request.width;

      request.width = request.height;
      request.height = swap;
    }

  if (original_width != NULL)
    *original_width = request.width;
  if (original_height != NULL)
    *original_height = request.height;

  /* Some loaders ignore the requested size. */
  return lk_thumbnail_fit_pixbuf (oriented, max_size);
}

gint64
lk_image_thumbnail_webp_duration (const guint8 *data,
                                  gsize         length)
{
  gint64 total_msec = 0;
  gboolean animated = FALSE;
  gsize offset = 12;

  g_return_val_if_fail (data != NULL || length == 0, -1);

  if (length < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WEBP", 4) != 0)
    return -1;

  while (offset + 8 <= length)
    {
      guint32 chunk_size;

      memcpy (&chunk_size, data + offset + 4, 4);
      chunk_size = GUINT32_FROM_LE (chunk_size);

      /* ANMF: x, y, width-1, height-1, then a 24-bit duration in milliseconds. */
      if (memcmp (data + offset, "ANMF", 4) == 0 && chunk_size >= 16 && offset + 8 + 16 <= length)
        {
          const guint8 *frame = data + offset + 8;

          animated = TRUE;
          total_msec += frame[12] | (frame[13] << 8) | (frame[14] << 16);
        }

      if (chunk_size > length - offset - 8)
        break;
      offset += 8 + chunk_size + (chunk_size & 1);
    }

  return animated ? total_msec * G_TIME_SPAN_MILLISECOND : -1;
}
