/* lk-png-info.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-png-info"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-png-info.h"
#include "lk-file-task.h"
#include "lk-png-text.h"

#define MAX_CHUNK_LENGTH   G_MAXINT32
#define MAX_TOTAL_TEXT     (2 * (gsize)LK_PNG_INFO_MAX_TEXT_LENGTH)
#define MAX_TEXT_ENTRIES   1024
#define MAX_WARNINGS       64

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

struct _LkPngInfo
{
  GObject     parent_instance;

  /* Owned */
  GHashTable *texts;        /* keyword → UTF-8 text */
  GPtrArray  *keys;         /* keywords in file order (borrowed from texts) */
  GPtrArray  *warnings;     /* NULL-terminated */

  guint       width;
  guint       height;
  guint       bit_depth;
  guint       color_type;
  gsize       text_total;
  guint       warnings_dropped : 1;
};

G_DEFINE_FINAL_TYPE (LkPngInfo, lk_png_info, G_TYPE_OBJECT)

G_DEFINE_QUARK (lk-png-info-error-quark, lk_png_info_error)

static void
lk_png_info_finalize (GObject *object)
{
  LkPngInfo *self = (LkPngInfo *)object;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_png_info_parent_class)->finalize (object);
}

static void
lk_png_info_class_init (LkPngInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_png_info_finalize;
}

static void
lk_png_info_init (LkPngInfo *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->keys = g_ptr_array_new ();
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

static void
add_warning (LkPngInfo *self,
             char      *warning)
{
  /* The last slot says that more were dropped. The array ends with NULL. */
  if (self->warnings->len - 1 >= MAX_WARNINGS)
    {
      if (!self->warnings_dropped)
        {
          g_free (g_ptr_array_index (self->warnings, self->warnings->len - 2));
          g_ptr_array_index (self->warnings, self->warnings->len - 2) =
            g_strdup (_("More problems were found; they are not listed."));
          self->warnings_dropped = TRUE;
        }
      g_free (warning);
      return;
    }

  g_ptr_array_index (self->warnings, self->warnings->len - 1) = warning;
  g_ptr_array_add (self->warnings, NULL);
}

/* The bytes a parse reads from: a buffer in memory, or a seekable stream. Either way the
 * total size is known up front, so a chunk that claims more than is left is caught before
 * anything is allocated for it. */
typedef struct
{
  const guint8  *data;      /* when parsing memory */
  GInputStream  *stream;    /* when loading a file */
  GCancellable  *cancellable;
  guint64        size;
  guint64        pos;
  const char    *name;
} Source;

static gboolean
set_truncated (Source  *src,
               GError **error)
{
  if (src->size == 0)
    g_set_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_TRUNCATED,
                 _("%s is empty. It may still be being written; otherwise copy it again."),
                 src->name);
  else
    {
      g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, src->size);

      /* Translators: the number is a byte count, given as a string. */
      g_set_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_TRUNCATED,
                   _("%s is incomplete: the file ends after %s bytes, before the end of the "
                     "image. It may still be being written; otherwise copy it again."),
                   src->name, size_text);
    }
  return FALSE;
}

static gboolean
set_corrupt (Source     *src,
             GError    **error,
             const char *detail)
{
  g_autofree char *pos_text = g_strdup_printf ("%" G_GUINT64_FORMAT, src->pos);

  g_debug ("%s: at byte %s: %s", src->name, pos_text, detail);
  /* Translators: the number is a byte offset, given as a string. */
  g_set_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_CORRUPT,
               _("%s is damaged: its PNG structure is invalid near byte %s. Copy the file "
                 "again, or render the frame again."),
               src->name, pos_text);
  return FALSE;
}

static gboolean
source_read (Source   *src,
             guint8   *buffer,
             gsize     length,
             GError  **error)
{
  gsize n_read = 0;

  if (length > src->size - src->pos)
    return set_truncated (src, error);

  if (src->stream == NULL)
    {
      if (length > 0)
        memcpy (buffer, src->data + src->pos, length);
    }
  else
    {
      if (!g_input_stream_read_all (src->stream, buffer, length, &n_read, src->cancellable, error))
        return FALSE;
      /* The file shrank while being read. */
      if (n_read < length)
        {
          src->size = src->pos + n_read;
          return set_truncated (src, error);
        }
    }

  src->pos += length;
  return TRUE;
}

static gboolean
source_skip (Source   *src,
             guint64   length,
             GError  **error)
{
  if (length > src->size - src->pos)
    return set_truncated (src, error);

  if (src->stream != NULL &&
      !g_seekable_seek (G_SEEKABLE (src->stream), (goffset)length, G_SEEK_CUR,
                        src->cancellable, error))
    return FALSE;

  src->pos += length;
  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static gboolean
crc_matches (const guint8 *type,
             const guint8 *data,
             guint32       length)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  /* Random mutations almost never carry a valid CRC: let the fuzzer reach the decoders. */
  return TRUE;
#else
  return _lk_png_crc32 (type, data, length) == read_be32 (data + length);
#endif
}

static gboolean
parse_ihdr (LkPngInfo     *self,
            Source        *src,
            const guint8  *type,
            guint32        length,
            GError       **error)
{
  guint8 data[13 + 4];
  guint bit_depth, color_type;
  gboolean depth_ok;

  if (length != 13)
    return set_corrupt (src, error, "IHDR length is not 13");
  if (!source_read (src, data, sizeof data, error))
    return FALSE;
  if (!crc_matches (type, data, 13))
    return set_corrupt (src, error, "IHDR CRC mismatch");

  self->width = read_be32 (data);
  self->height = read_be32 (data + 4);
  bit_depth = data[8];
  color_type = data[9];

  switch (color_type)
    {
    case 0:
      depth_ok = bit_depth == 1 || bit_depth == 2 || bit_depth == 4 || bit_depth == 8 ||
                 bit_depth == 16;
      break;
    case 3:
      depth_ok = bit_depth == 1 || bit_depth == 2 || bit_depth == 4 || bit_depth == 8;
      break;
    case 2:
    case 4:
    case 6:
      depth_ok = bit_depth == 8 || bit_depth == 16;
      break;
    default:
      depth_ok = FALSE;
      break;
    }

  if (self->width == 0 || self->width > G_MAXINT32 ||
      self->height == 0 || self->height > G_MAXINT32 ||
      !depth_ok || data[10] != 0 || data[11] != 0 || data[12] > 1)
    return set_corrupt (src, error, "invalid IHDR fields");

  self->bit_depth = bit_depth;
  self->color_type = color_type;

  return TRUE;
}

static gboolean
parse_text_chunk (LkPngInfo     *self,
                  Source        *src,
                  const guint8  *type,
                  guint32        length,
                  GError       **error)
{
  g_autofree guint8 *data = NULL;
  g_autofree char *keyword = NULL;
  g_autofree char *text = NULL;
  char *warning = NULL;
  char type_name[5];
  gsize inflated = 0;
  gboolean decoded;

  memcpy (type_name, type, 4);
  type_name[4] = '\0';

  /* Limits: skip (do not read) what would be too much to keep. */
  if (length > LK_PNG_INFO_MAX_TEXT_LENGTH || length > MAX_TOTAL_TEXT - self->text_total ||
      g_hash_table_size (self->texts) >= MAX_TEXT_ENTRIES)
    {
      add_warning (self, g_strdup_printf (_("A %s text chunk was skipped: the file holds more "
                                            "text than Lorakeet reads."), type_name));
      return source_skip (src, (guint64)length + 4, error);
    }

  data = g_malloc ((gsize)length + 4);
  if (!source_read (src, data, (gsize)length + 4, error))
    return FALSE;

  if (!crc_matches (type, data, length))
    {
      add_warning (self, g_strdup_printf (_("A %s text chunk is damaged (its checksum does "
                                            "not match) and was ignored."), type_name));
      return TRUE;
    }

  decoded = _lk_png_text_decode (type_name, data, length,
                                 MIN (LK_PNG_INFO_MAX_TEXT_LENGTH,
                                      MAX_TOTAL_TEXT - self->text_total),
                                 &inflated, &keyword, &text, &warning);

  /* Everything read or decompressed counts, kept or not: a file of many small zlib bombs
   * must not cost more work than one big text. */
  self->text_total += MIN (MAX ((gsize)length, inflated), MAX_TOTAL_TEXT - self->text_total);

  if (!decoded)
    {
      add_warning (self, warning);
      return TRUE;
    }

  if (warning != NULL)
    add_warning (self, warning);

  if (g_hash_table_contains (self->texts, keyword))
    {
      add_warning (self, g_strdup_printf (_("The text “%s” appears twice; the second one was "
                                            "ignored."), keyword));
      return TRUE;
    }

  g_ptr_array_add (self->keys, keyword);
  g_hash_table_insert (self->texts, g_steal_pointer (&keyword), g_steal_pointer (&text));

  return TRUE;
}

static gboolean
is_chunk_type (const guint8 *type)
{
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isalpha (type[i]))
      return FALSE;

  return TRUE;
}

static LkPngInfo *
parse (Source  *src,
       GError **error)
{
  g_autoptr(LkPngInfo) self = NULL;
  guint8 signature[8];
  gboolean seen_idat = FALSE;
  gsize n;

  n = MIN (src->size, sizeof signature);
  if (!source_read (src, signature, n, error))
    return NULL;

  /* A prefix of the signature is a PNG cut short (or still empty). */
  if (n < sizeof signature && memcmp (signature, png_signature, n) == 0)
    {
      set_truncated (src, error);
      return NULL;
    }

  if (n < sizeof signature || memcmp (signature, png_signature, sizeof signature) != 0)
    {
      g_set_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_NOT_PNG,
                   _("%s is not a PNG image. Check that it is a frame rendered by ComfyUI."),
                   src->name);
      return NULL;
    }

  self = g_object_new (LK_TYPE_PNG_INFO, NULL);

  for (;;)
    {
      guint8 header[8];
      const guint8 *type = header + 4;
      guint32 length;

      if (src->cancellable != NULL && g_cancellable_set_error_if_cancelled (src->cancellable, error))
        return NULL;

      if (!source_read (src, header, sizeof header, error))
        return NULL;

      length = read_be32 (header);
      if (length > MAX_CHUNK_LENGTH)
        {
          set_corrupt (src, error, "chunk length over 2^31-1");
          return NULL;
        }
      if (!is_chunk_type (type))
        {
          set_corrupt (src, error, "chunk type is not four letters");
          return NULL;
        }

      if (self->width == 0)
        {
          if (memcmp (type, "IHDR", 4) != 0)
            {
              set_corrupt (src, error, "the first chunk is not IHDR");
              return NULL;
            }
          if (!parse_ihdr (self, src, type, length, error))
            return NULL;
          continue;
        }

      /* Whatever the chunk, its data and CRC must fit in the file. */
      if ((guint64)length + 4 > src->size - src->pos)
        {
          set_truncated (src, error);
          return NULL;
        }

      if (memcmp (type, "IEND", 4) == 0)
        break;

      if (memcmp (type, "tEXt", 4) == 0 || memcmp (type, "zTXt", 4) == 0 ||
          memcmp (type, "iTXt", 4) == 0)
        {
          if (!parse_text_chunk (self, src, type, length, error))
            return NULL;
          continue;
        }

      if (memcmp (type, "IDAT", 4) == 0)
        seen_idat = TRUE;
      else if (memcmp (type, "IHDR", 4) == 0)
        add_warning (self, g_strdup (_("The image header appears twice; the second one was "
                                       "ignored.")));

      if (!source_skip (src, (guint64)length + 4, error))
        return NULL;
    }

  if (!seen_idat)
    add_warning (self, g_strdup (_("The file has no image data.")));

  return g_steal_pointer (&self);
}

LkPngInfo *
lk_png_info_parse (const guint8  *data,
                   gsize          length,
                   GError       **error)
{
  Source src = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  src.data = data;
  src.size = length;
  src.name = _("This image");

  return parse (&src, error);
}

LkPngInfo *
lk_png_info_load (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  Source src = { 0 };

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(file_stream = g_file_read (file, cancellable, error)))
    return NULL;

  if (!(info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                               cancellable, error)))
    return NULL;

  basename = g_file_get_basename (file);
  name = basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);

  /* Chunk headers are 8 bytes apart from the text: a buffer saves a read() per header,
   * and seeks over IDAT stay seeks. */
  stream = g_buffered_input_stream_new_sized (G_INPUT_STREAM (file_stream), 64 * 1024);

  src.stream = stream;
  src.cancellable = cancellable;
  src.size = (guint64)MAX (g_file_info_get_size (info), 0);
  src.name = name;

  return parse (&src, error);
}

void
lk_png_info_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  lk_file_task_run (file, (LkFileReadFunc)lk_png_info_load, g_object_unref, lk_png_info_load_async,
                    cancellable, callback, user_data);
}

LkPngInfo *
lk_png_info_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  return lk_file_task_finish (result, lk_png_info_load_async, error);
}

guint
lk_png_info_get_width (LkPngInfo *self)
{
  g_return_val_if_fail (LK_IS_PNG_INFO (self), 0);

  return self->width;
}

guint
lk_png_info_get_height (LkPngInfo *self)
{
  g_return_val_if_fail (LK_IS_PNG_INFO (self), 0);

  return self->height;
}

guint
lk_png_info_get_bit_depth (LkPngInfo *self)
{
  g_return_val_if_fail (LK_IS_PNG_INFO (self), 0);

  return self->bit_depth;
}

guint
lk_png_info_get_color_type (LkPngInfo *self)
{
  g_return_val_if_fail (LK_IS_PNG_INFO (self), 0);

  return self->color_type;
}

const char *
lk_png_info_get_text (LkPngInfo  *self,
                      const char *key)
{
  g_return_val_if_fail (LK_IS_PNG_INFO (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->texts, key);
}

char **
lk_png_info_dup_keys (LkPngInfo *self)
{
  char **keys;

  g_return_val_if_fail (LK_IS_PNG_INFO (self), NULL);

  keys = g_new0 (char *, self->keys->len + 1);
  for (guint i = 0; i < self->keys->len; i++)
    keys[i] = g_strdup (g_ptr_array_index (self->keys, i));

  return keys;
}

const char * const *
lk_png_info_get_warnings (LkPngInfo *self)
{
  g_return_val_if_fail (LK_IS_PNG_INFO (self), NULL);

  return (const char * const *)self->warnings->pdata;
}
