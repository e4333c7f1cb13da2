/* lk-thumbnail.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-thumbnail.h"
#include "lk-util.h"

struct _LkThumbnail
{
  GObject            parent_instance;

  GdkPixbuf         *pixbuf;
  char              *warning;
  gint64             duration;
  int                original_width;
  int                original_height;
  LkThumbnailSource  source;
};

G_DEFINE_FINAL_TYPE (LkThumbnail, lk_thumbnail, G_TYPE_OBJECT)

G_DEFINE_QUARK (lk-thumbnail-error-quark, lk_thumbnail_error)

static const struct
{
  const char *name;
  int         pixels;
} sizes[LK_THUMBNAIL_N_SIZES] = {
  [LK_THUMBNAIL_SIZE_NORMAL] = { "normal", 128 },
  [LK_THUMBNAIL_SIZE_LARGE] = { "large", 256 },
  [LK_THUMBNAIL_SIZE_X_LARGE] = { "x-large", 512 },
  [LK_THUMBNAIL_SIZE_XX_LARGE] = { "xx-large", 1024 },
};

int
lk_thumbnail_size_get_pixels (LkThumbnailSize size)
{
  g_return_val_if_fail (size < LK_THUMBNAIL_N_SIZES, 128);

  return sizes[size].pixels;
}

const char *
lk_thumbnail_size_get_name (LkThumbnailSize size)
{
  g_return_val_if_fail (size < LK_THUMBNAIL_N_SIZES, NULL);

  return sizes[size].name;
}

gboolean
lk_thumbnail_size_from_name (const char      *name,
                             LkThumbnailSize *size)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (size != NULL, FALSE);

  for (guint i = 0; i < LK_THUMBNAIL_N_SIZES; i++)
    {
      if (g_str_equal (name, sizes[i].name))
        {
          *size = i;
          return TRUE;
        }
    }

  return FALSE;
}

GdkPixbuf *
lk_thumbnail_fit_pixbuf (GdkPixbuf *pixbuf,
                         int        max_size)
{
  GdkPixbuf *scaled;
  int width;
  int height;
  double scale;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (width <= max_size && height <= max_size)
    return g_object_ref (pixbuf);

  scale = (double)max_size / MAX (width, height);
  width = MAX (1, (int)(width * scale + 0.5));
  height = MAX (1, (int)(height * scale + 0.5));

  scaled = gdk_pixbuf_scale_simple (pixbuf, MIN (width, max_size), MIN (height, max_size),
                                    GDK_INTERP_BILINEAR);

  return scaled != NULL ? scaled : g_object_ref (pixbuf);
}

static void
lk_thumbnail_finalize (GObject *object)
{
  LkThumbnail *self = (LkThumbnail *)object;

  g_clear_object (&self->pixbuf);
  g_clear_pointer (&self->warning, g_free);

  G_OBJECT_CLASS (lk_thumbnail_parent_class)->finalize (object);
}

static void
lk_thumbnail_class_init (LkThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_thumbnail_finalize;
}

static void
lk_thumbnail_init (LkThumbnail *self)
{
  self->duration = -1;
}

LkThumbnail *
lk_thumbnail_new (GdkPixbuf         *pixbuf,
                  LkThumbnailSource  source)
{
  LkThumbnail *self;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  self = g_object_new (LK_TYPE_THUMBNAIL, NULL);
  self->pixbuf = g_object_ref (pixbuf);
  self->source = source;

  return self;
}

LkThumbnail *
lk_thumbnail_copy_with_source (LkThumbnail       *self,
                               LkThumbnailSource  source)
{
  LkThumbnail *copy;

  g_return_val_if_fail (LK_IS_THUMBNAIL (self), NULL);

  copy = lk_thumbnail_new (self->pixbuf, source);
  copy->duration = self->duration;
  copy->original_width = self->original_width;
  copy->original_height = self->original_height;
  copy->warning = g_strdup (self->warning);

  return copy;
}

GdkPixbuf *
lk_thumbnail_get_pixbuf (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), NULL);

  return self->pixbuf;
}

LkThumbnailSource
lk_thumbnail_get_source (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), LK_THUMBNAIL_SOURCE_GENERATED);

  return self->source;
}

gint64
lk_thumbnail_get_duration (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), -1);

  return self->duration;
}

void
lk_thumbnail_set_duration (LkThumbnail *self,
                           gint64       duration)
{
  g_return_if_fail (LK_IS_THUMBNAIL (self));

  self->duration = duration;
}

int
lk_thumbnail_get_original_width (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), 0);

  return self->original_width;
}

int
lk_thumbnail_get_original_height (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), 0);

  return self->original_height;
}

void
lk_thumbnail_set_original_size (LkThumbnail *self,
                                int          width,
                                int          height)
{
  g_return_if_fail (LK_IS_THUMBNAIL (self));

  self->original_width = MAX (width, 0);
  self->original_height = MAX (height, 0);
}

const char *
lk_thumbnail_get_warning (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), NULL);

  return self->warning;
}

void
lk_thumbnail_set_warning (LkThumbnail *self,
                          const char  *warning)
{
  g_return_if_fail (LK_IS_THUMBNAIL (self));

  lk_set_str (&self->warning, warning);
}

gsize
lk_thumbnail_get_cost (LkThumbnail *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL (self), 0);

  return gdk_pixbuf_get_byte_length (self->pixbuf) + sizeof *self + 256;
}
