/* lk-output-item.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-output-item.h"

/* Kept small on purpose: a folder of 100,000 outputs is 100,000 of these. No GFile, no
 * pixbuf; the prefix is a length into the basename rather than a second string. */
struct _LkOutputItem
{
  GObject   parent_instance;

  char     *path;
  gint64    mtime;
  goffset   size;
  int       counter;
  guint16   basename_offset;
  guint16   prefix_length;
  guint     kind : 2;
  guint     first_frame : 1;
};

G_DEFINE_FINAL_TYPE (LkOutputItem, lk_output_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LkMediaKind, lk_media_kind,
  G_DEFINE_ENUM_VALUE (LK_MEDIA_KIND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (LK_MEDIA_KIND_IMAGE, "image"),
  G_DEFINE_ENUM_VALUE (LK_MEDIA_KIND_VIDEO, "video"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_BASENAME,
  PROP_MTIME,
  PROP_SIZE,
  PROP_KIND,
  PROP_PREFIX,
  PROP_COUNTER,
  PROP_FIRST_FRAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const image_extensions[] = { "png", "jpg", "jpeg", "webp", NULL };
static const char * const video_extensions[] = { "mp4", "webm", "mkv", "mov", "m4v", "gif", NULL };

static const char *
find_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name || strchr (dot, '/') != NULL)
    return NULL;

  return dot + 1;
}

static gboolean
extension_in (const char        *extension,
              const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (extension, list[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

LkMediaKind
lk_media_kind_guess (const char *path)
{
  const char *base;
  const char *extension;

  g_return_val_if_fail (path != NULL, LK_MEDIA_KIND_NONE);

  base = strrchr (path, '/');
  base = base != NULL ? base + 1 : path;

  /* Hidden files are temporary files of tools that write then rename. */
  if (base[0] == '.' || (extension = find_extension (base)) == NULL)
    return LK_MEDIA_KIND_NONE;

  if (extension_in (extension, image_extensions))
    return LK_MEDIA_KIND_IMAGE;
  if (extension_in (extension, video_extensions))
    return LK_MEDIA_KIND_VIDEO;

  return LK_MEDIA_KIND_NONE;
}

LkMediaKind
lk_media_kind_sniff_webp (const guint8 *header,
                           gsize         length)
{
  g_return_val_if_fail (header != NULL || length == 0, LK_MEDIA_KIND_IMAGE);

  /* RIFF <size> WEBP VP8X <chunk size> <flags>; bit 1 of the flags is "animation". */
  if (length >= 21 &&
      memcmp (header, "RIFF", 4) == 0 &&
      memcmp (header + 8, "WEBPVP8X", 8) == 0 &&
      (header[20] & 0x02) != 0)
    return LK_MEDIA_KIND_VIDEO;

  return LK_MEDIA_KIND_IMAGE;
}

/* Splits ComfyUI's `{prefix}_{counter}` stem: SaveImage adds a trailing underscore,
 * VideoHelperSuite adds "-audio" to clips with sound. */
static void
parse_name (LkOutputItem *self)
{
  const char *base = self->path + self->basename_offset;
  const char *extension = find_extension (base);
  gsize stem_length = extension != NULL ? (gsize)(extension - 1 - base) : strlen (base);
  gsize digits_end;
  gsize digits_start;

  self->counter = -1;
  self->prefix_length = 0;

  if (stem_length > 6 && memcmp (base + stem_length - 6, "-audio", 6) == 0)
    stem_length -= 6;
  if (stem_length > 0 && base[stem_length - 1] == '_')
    stem_length--;

  digits_end = stem_length;
  digits_start = digits_end;
  while (digits_start > 0 && g_ascii_isdigit (base[digits_start - 1]))
    digits_start--;

  if (digits_start == digits_end || digits_end - digits_start > 9 ||
      digits_start < 2 || base[digits_start - 1] != '_' ||
      digits_start - 1 > G_MAXUINT16)
    return;

  self->counter = (int)g_ascii_strtoull (base + digits_start, NULL, 10);
  self->prefix_length = (guint16)(digits_start - 1);
}

static void
lk_output_item_finalize (GObject *object)
{
  LkOutputItem *self = (LkOutputItem *)object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lk_output_item_parent_class)->finalize (object);
}

static void
lk_output_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkOutputItem *self = LK_OUTPUT_ITEM (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_BASENAME:
      g_value_set_string (value, lk_output_item_get_basename (self));
      break;

    case PROP_MTIME:
      g_value_set_int64 (value, self->mtime);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_PREFIX:
      g_value_take_string (value, lk_output_item_dup_prefix (self));
      break;

    case PROP_COUNTER:
      g_value_set_int (value, self->counter);
      break;

    case PROP_FIRST_FRAME:
      g_value_set_boolean (value, self->first_frame);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_output_item_class_init (LkOutputItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_output_item_finalize;
  object_class->get_property = lk_output_item_get_property;

  /* Items are immutable: a changed file is a new item replacing the old one in the store,
   * so every property is read-only and never notified. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASENAME] =
    g_param_spec_string ("basename", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MTIME] =
    g_param_spec_int64 ("mtime", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LK_TYPE_MEDIA_KIND, LK_MEDIA_KIND_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTER] =
    g_param_spec_int ("counter", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_FRAME] =
    g_param_spec_boolean ("first-frame", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_output_item_init (LkOutputItem *self)
{
  self->counter = -1;
}

LkOutputItem *
lk_output_item_new (const char   *path,
                    gint64        mtime,
                    goffset       size,
                    LkMediaKind  kind,
                    gboolean      first_frame)
{
  LkOutputItem *self;
  const char *slash;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LK_TYPE_OUTPUT_ITEM, NULL);
  self->path = g_strdup (path);
  self->mtime = mtime;
  self->size = size;
  self->kind = kind;
  self->first_frame = !!first_frame;

  slash = strrchr (self->path, '/');
  if (slash != NULL && (gsize)(slash + 1 - self->path) <= G_MAXUINT16)
    self->basename_offset = (guint16)(slash + 1 - self->path);

  parse_name (self);

  return self;
}

const char *
lk_output_item_get_path (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), NULL);

  return self->path;
}

const char *
lk_output_item_get_basename (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), NULL);

  return self->path + self->basename_offset;
}

gint64
lk_output_item_get_mtime (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), 0);

  return self->mtime;
}

goffset
lk_output_item_get_size (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), 0);

  return self->size;
}

LkMediaKind
lk_output_item_get_kind (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), LK_MEDIA_KIND_NONE);

  return self->kind;
}

char *
lk_output_item_dup_prefix (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), NULL);

  if (self->counter < 0)
    return NULL;

  return g_strndup (self->path + self->basename_offset, self->prefix_length);
}

int
lk_output_item_get_counter (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), -1);

  return self->counter;
}

gboolean
lk_output_item_get_first_frame (LkOutputItem *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), FALSE);

  return self->first_frame;
}

char *
lk_output_item_dup_video_stem (LkOutputItem *self)
{
  const char *base;
  const char *extension;
  gsize length;

  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), NULL);

  base = self->path + self->basename_offset;
  extension = find_extension (base);
  length = extension != NULL ? (gsize)(extension - 1 - self->path) : strlen (self->path);

  if (length >= self->basename_offset + 6 && memcmp (self->path + length - 6, "-audio", 6) == 0)
    length -= 6;

  return g_strndup (self->path, length);
}

gboolean
lk_output_item_matches_kind (LkOutputItem *self,
                             LkMediaKind  kind,
                             gboolean      include_first_frames)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), FALSE);

  if (self->first_frame && !include_first_frames)
    return FALSE;

  return kind == LK_MEDIA_KIND_NONE || (LkMediaKind)self->kind == kind;
}

gboolean
lk_output_item_matches_date (LkOutputItem *self,
                             gint64        since,
                             gint64        until)
{
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (self), FALSE);

  return self->mtime >= since && self->mtime < until;
}

/* No argument checks: sorting and merging a folder of 100,000 files calls this millions of
 * times, and the type checks alone would cost more than the comparison. */
int
lk_output_item_compare (LkOutputItem *a,
                        LkOutputItem *b)
{
  if (a->mtime != b->mtime)
    return a->mtime > b->mtime ? -1 : 1;

  return -strcmp (a->path, b->path);
}
