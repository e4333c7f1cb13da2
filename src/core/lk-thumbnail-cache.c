/* lk-thumbnail-cache.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "lk-paths.h"
#include "lk-thumbnail-cache.h"

#define FAIL_FOLDER "lorakeet-" PACKAGE_VERSION
#define REASON_KEY "tEXt::Lorakeet::Reason"

struct _LkThumbnailCache
{
  GObject  parent_instance;

  char    *base_dir;
  char    *fail_dir;
  char    *size_dirs[LK_THUMBNAIL_N_SIZES];
};

G_DEFINE_FINAL_TYPE (LkThumbnailCache, lk_thumbnail_cache, G_TYPE_OBJECT)

static void
lk_thumbnail_cache_finalize (GObject *object)
{
  LkThumbnailCache *self = (LkThumbnailCache *)object;

  g_clear_pointer (&self->base_dir, g_free);
  g_clear_pointer (&self->fail_dir, g_free);
  for (guint i = 0; i < LK_THUMBNAIL_N_SIZES; i++)
    g_clear_pointer (&self->size_dirs[i], g_free);

  G_OBJECT_CLASS (lk_thumbnail_cache_parent_class)->finalize (object);
}

static void
lk_thumbnail_cache_class_init (LkThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_thumbnail_cache_finalize;
}

static void
lk_thumbnail_cache_init (LkThumbnailCache *self)
{
}

LkThumbnailCache *
lk_thumbnail_cache_new (const char *base_dir)
{
  LkThumbnailCache *self = g_object_new (LK_TYPE_THUMBNAIL_CACHE, NULL);

  if (base_dir != NULL)
    self->base_dir = g_canonicalize_filename (base_dir, NULL);
  else
    self->base_dir = g_build_filename (g_get_user_cache_dir (), "thumbnails", NULL);

  self->fail_dir = g_build_filename (self->base_dir, "fail", FAIL_FOLDER, NULL);
  for (guint i = 0; i < LK_THUMBNAIL_N_SIZES; i++)
    self->size_dirs[i] = g_build_filename (self->base_dir, lk_thumbnail_size_get_name (i), NULL);

  return self;
}

const char *
lk_thumbnail_cache_get_base_dir (LkThumbnailCache *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), NULL);

  return self->base_dir;
}

static char *
entry_name (const char *uri)
{
  g_autofree char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, uri, -1);

  return g_strconcat (md5, ".png", NULL);
}

char *
lk_thumbnail_cache_dup_path (LkThumbnailCache *self,
                             const char       *uri,
                             LkThumbnailSize   size)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (size < LK_THUMBNAIL_N_SIZES, NULL);

  name = entry_name (uri);

  return g_build_filename (self->size_dirs[size], name, NULL);
}

char *
lk_thumbnail_cache_dup_fail_path (LkThumbnailCache *self,
                                  const char       *uri)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  name = entry_name (uri);

  return g_build_filename (self->fail_dir, name, NULL);
}

gboolean
lk_thumbnail_cache_is_inside (LkThumbnailCache *self,
                              const char       *path)
{
  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return lk_paths_is_inside (self->base_dir, path);
}

/* Parses an integer chunk value; some writers add a fractional part to Thumb::MTime. */
static gboolean
parse_integer (const char *text,
               gint64     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  *value = g_ascii_strtoll (text, &end, 10);

  return end != text && (*end == '\0' || *end == '.');
}

static gboolean
entry_matches (GdkPixbuf  *pixbuf,
               const char *uri,
               gint64      mtime,
               goffset     file_size)
{
  const char *entry_size = gdk_pixbuf_get_option (pixbuf, "tEXt::Thumb::Size");
  gint64 value;

  if (g_strcmp0 (gdk_pixbuf_get_option (pixbuf, "tEXt::Thumb::URI"), uri) != 0)
    return FALSE;

  if (!parse_integer (gdk_pixbuf_get_option (pixbuf, "tEXt::Thumb::MTime"), &value) ||
      value != mtime)
    return FALSE;

  /* Thumb::Size is optional; when present it must agree. */
  if (entry_size != NULL && (!parse_integer (entry_size, &value) || value != file_size))
    return FALSE;

  return TRUE;
}

/* Entries are PNG by definition: decoded as such, without sniffing. */
static GdkPixbuf *
decode_png (const char  *path,
            GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree char *data = NULL;
  GdkPixbuf *pixbuf;
  gsize length = 0;
  gboolean written;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  loader = gdk_pixbuf_loader_new_with_type ("png", error);
  if (loader == NULL)
    return NULL;

  written = gdk_pixbuf_loader_write (loader, (const guint8 *)data, length, error);
  if (!gdk_pixbuf_loader_close (loader, written ? error : NULL) || !written)
    return NULL;

  if ((pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           "no picture in the file");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

static GdkPixbuf *
read_entry (const char *path,
            const char *uri,
            gint64      mtime,
            goffset     file_size)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  if (!(pixbuf = decode_png (path, &error)))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Ignoring thumbnail %s: %s", path, error->message);
      return NULL;
    }

  if (!entry_matches (pixbuf, uri, mtime, file_size))
    {
      g_debug ("Thumbnail %s is stale", path);
      return NULL;
    }

  return g_steal_pointer (&pixbuf);
}

LkThumbnail *
lk_thumbnail_cache_lookup (LkThumbnailCache *self,
                           const char       *uri,
                           gint64            mtime,
                           goffset           file_size,
                           LkThumbnailSize   size)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (size < LK_THUMBNAIL_N_SIZES, NULL);

  name = entry_name (uri);

  for (guint s = size; s < LK_THUMBNAIL_N_SIZES; s++)
    {
      g_autofree char *path = g_build_filename (self->size_dirs[s], name, NULL);
      g_autoptr(GdkPixbuf) entry = read_entry (path, uri, mtime, file_size);
      g_autoptr(GdkPixbuf) fitted = NULL;
      LkThumbnail *thumbnail;
      gint64 width = 0, height = 0;
      double length;
      const char *text;

      if (entry == NULL)
        continue;

      fitted = lk_thumbnail_fit_pixbuf (entry, lk_thumbnail_size_get_pixels (size));
      thumbnail = lk_thumbnail_new (fitted, LK_THUMBNAIL_SOURCE_CACHE);

      if (parse_integer (gdk_pixbuf_get_option (entry, "tEXt::Thumb::Image::Width"), &width) &&
          parse_integer (gdk_pixbuf_get_option (entry, "tEXt::Thumb::Image::Height"), &height) &&
          width > 0 && height > 0 && width <= G_MAXINT && height <= G_MAXINT)
        lk_thumbnail_set_original_size (thumbnail, (int)width, (int)height);

      if ((text = gdk_pixbuf_get_option (entry, "tEXt::Thumb::Movie::Length")) != NULL &&
          (length = g_ascii_strtod (text, NULL)) >= 0 && length < 1e9)
        lk_thumbnail_set_duration (thumbnail, (gint64)(length * G_USEC_PER_SEC));

      return thumbnail;
    }

  return NULL;
}

char *
lk_thumbnail_cache_lookup_failure (LkThumbnailCache *self,
                                   const char       *uri,
                                   gint64            mtime,
                                   goffset           file_size)
{
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) entry = NULL;
  const char *reason;

  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  path = lk_thumbnail_cache_dup_fail_path (self, uri);
  if (!(entry = read_entry (path, uri, mtime, file_size)))
    return NULL;

  reason = gdk_pixbuf_get_option (entry, REASON_KEY);

  return g_strdup (reason != NULL && *reason != '\0'
                   ? reason
                   : _("An earlier attempt to read this file failed"));
}

/* Written beside the entry and renamed over it, so a reader never sees half a file. No
 * fsync: a thumbnail lost to a crash is only made again, and syncing each one would cost
 * more than making it. */
static gboolean
write_atomically (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *temp_path = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    goto failed;

  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          goto failed;
        }
      done += n;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (g_rename (temp_path, path) != 0)
    goto failed;

  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp_path);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* The sentence the gallery shows: what failed, why, and what to do about it. The code is
 * kept so that callers can tell a full disk from a folder they may not write. */
static void
set_unwritable_error (GError     **error,
                      const char  *directory,
                      int          code,
                      const char  *reason)
{
  if (code == G_IO_ERROR_NO_SPACE)
    g_set_error (error, G_IO_ERROR, code,
                 _("Cannot save thumbnails in “%s”: %s. Free some space on that disk; until "
                   "then each thumbnail is made again every time it is shown."),
                 directory, reason);
  else
    g_set_error (error, G_IO_ERROR, code,
                 _("Cannot save thumbnails in “%s”: %s. Make that folder writable; until "
                   "then each thumbnail is made again every time it is shown."),
                 directory, reason);
}

static gboolean
write_entry (const char  *directory,
             const char  *uri,
             GdkPixbuf   *pixbuf,
             char       **keys,
             char       **values,
             GError     **error)
{
  g_autofree char *name = entry_name (uri);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      set_unwritable_error (error, directory, g_io_error_from_errno (saved_errno),
                            g_strerror (saved_errno));
      return FALSE;
    }

  if (!gdk_pixbuf_save_to_bufferv (pixbuf, &buffer, &length, "png", keys, values, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot encode the thumbnail: %s"), local_error->message);
      return FALSE;
    }

  if (!write_atomically (path, buffer, length, &local_error))
    {
      set_unwritable_error (error, directory, local_error->code, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Keys and values for gdk_pixbuf_save_to_bufferv(); strings are owned by the builder. */
typedef struct
{
  GPtrArray *keys;
  GPtrArray *values;
} Options;

static void
options_add (Options    *options,
             const char *key,
             char       *value)
{
  g_ptr_array_add (options->keys, g_strdup (key));
  g_ptr_array_add (options->values, value);
}

static void
options_init (Options    *options,
              const char *uri,
              gint64      mtime,
              goffset     file_size)
{
  options->keys = g_ptr_array_new_with_free_func (g_free);
  options->values = g_ptr_array_new_with_free_func (g_free);

  options_add (options, "tEXt::Thumb::URI", g_strdup (uri));
  options_add (options, "tEXt::Thumb::MTime", g_strdup_printf ("%" G_GINT64_FORMAT, mtime));
  options_add (options, "tEXt::Thumb::Size", g_strdup_printf ("%" G_GOFFSET_FORMAT, file_size));
  options_add (options, "tEXt::Software", g_strdup ("Lorakeet " PACKAGE_VERSION));
}

static void
options_finish (Options *options)
{
  g_ptr_array_add (options->keys, NULL);
  g_ptr_array_add (options->values, NULL);
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->keys, g_ptr_array_unref);
  g_clear_pointer (&options->values, g_ptr_array_unref);
}

gboolean
lk_thumbnail_cache_save (LkThumbnailCache  *self,
                         LkThumbnail       *thumbnail,
                         const char        *uri,
                         gint64             mtime,
                         goffset            file_size,
                         const char        *mime_type,
                         LkThumbnailSize    size,
                         GError           **error)
{
  Options options;
  gint64 duration;
  gboolean ret;

  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), FALSE);
  g_return_val_if_fail (LK_IS_THUMBNAIL (thumbnail), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (size < LK_THUMBNAIL_N_SIZES, FALSE);

  options_init (&options, uri, mtime, file_size);

  if (mime_type != NULL)
    options_add (&options, "tEXt::Thumb::Mimetype", g_strdup (mime_type));

  if (lk_thumbnail_get_original_width (thumbnail) > 0 &&
      lk_thumbnail_get_original_height (thumbnail) > 0)
    {
      options_add (&options, "tEXt::Thumb::Image::Width",
                   g_strdup_printf ("%d", lk_thumbnail_get_original_width (thumbnail)));
      options_add (&options, "tEXt::Thumb::Image::Height",
                   g_strdup_printf ("%d", lk_thumbnail_get_original_height (thumbnail)));
    }

  /* The specification's length is whole seconds. */
  if ((duration = lk_thumbnail_get_duration (thumbnail)) >= 0)
    options_add (&options, "tEXt::Thumb::Movie::Length",
                 g_strdup_printf ("%" G_GINT64_FORMAT,
                                  (duration + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC));

  /* Thumbnails are written once and read many times; the lowest zlib level costs a few
   * percent of size and saves most of the encoding time. */
  options_add (&options, "compression", g_strdup ("1"));
  options_finish (&options);

  ret = write_entry (self->size_dirs[size], uri, lk_thumbnail_get_pixbuf (thumbnail),
                     (char **)options.keys->pdata, (char **)options.values->pdata, error);
  options_clear (&options);

  return ret;
}

gboolean
lk_thumbnail_cache_save_failure (LkThumbnailCache  *self,
                                 const char        *uri,
                                 gint64             mtime,
                                 goffset            file_size,
                                 const char        *reason,
                                 GError           **error)
{
  g_autoptr(GdkPixbuf) pixel = NULL;
  Options options;
  gboolean ret;

  g_return_val_if_fail (LK_IS_THUMBNAIL_CACHE (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  /* The specification's failure entry: a tiny PNG carrying the same chunks. */
  pixel = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 1, 1);
  gdk_pixbuf_fill (pixel, 0);

  options_init (&options, uri, mtime, file_size);
  options_add (&options, REASON_KEY, g_strdup (reason));
  options_finish (&options);

  ret = write_entry (self->fail_dir, uri, pixel,
                     (char **)options.keys->pdata, (char **)options.values->pdata, error);
  options_clear (&options);

  return ret;
}
