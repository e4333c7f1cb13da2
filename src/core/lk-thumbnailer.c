/* lk-thumbnailer.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-image-thumbnail.h"
#include "lk-lru-cache.h"
#include "lk-output-item.h"
#include "lk-output-scanner.h"
#include "lk-thumbnailer.h"
#include "lk-util.h"
#include "lk-video-frame.h"

/* A picture file bigger than this is not read into memory at all. */
#define MAX_IMAGE_FILE_SIZE ((goffset)1024 * 1024 * 1024)

struct _LkThumbnailer
{
  GObject           parent_instance;

  /* Owned; read by the pool's threads, never changed after construction */
  LkThumbnailCache *cache;
  LkLruCache       *memory;
  GThreadPool      *pool;

  guint64           next_serial;

  /* Owned; only read and written where requests complete (the requesters' context) */
  char             *cache_problem;
};

G_DEFINE_FINAL_TYPE (LkThumbnailer, lk_thumbnailer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GTask           *task;
  char            *path;
  LkThumbnailSize  size;
  guint64          serial;
  LkThumbnail     *thumbnail;
  GError          *error;

  /* What became of writing the thumbnail to the shared cache, if it was written at all */
  gboolean         cache_written;
  char            *cache_problem;
} Request;

/* Files whose thumbnail GStreamer makes; still pictures are recognised by
 * lk_image_thumbnail_sniff_type(). A GIF counts as a video: it is usually animated. */
typedef enum
{
  VIDEO_FORMAT_NONE,
  VIDEO_FORMAT_GIF,
  VIDEO_FORMAT_MP4,
  VIDEO_FORMAT_MATROSKA,
} VideoFormat;

static void
request_free (Request *request)
{
  g_clear_object (&request->task);
  g_clear_object (&request->thumbnail);
  g_clear_error (&request->error);
  g_free (request->cache_problem);
  g_free (request->path);
  g_free (request);
}

static char *
memory_key (const char      *path,
            LkThumbnailSize  size,
            gint64           mtime,
            goffset          file_size)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GOFFSET_FORMAT ":%s",
                          size, mtime, file_size, path);
}

static VideoFormat
sniff_video (const guint8 *head,
             gsize         length)
{
  if (length >= 6 && (memcmp (head, "GIF87a", 6) == 0 || memcmp (head, "GIF89a", 6) == 0))
    return VIDEO_FORMAT_GIF;
  if (length >= 8 && memcmp (head + 4, "ftyp", 4) == 0)
    return VIDEO_FORMAT_MP4;
  if (length >= 4 && memcmp (head, "\x1a\x45\xdf\xa3", 4) == 0)
    return VIDEO_FORMAT_MATROSKA;

  return VIDEO_FORMAT_NONE;
}

static const char *
mime_type_for (const char  *picture_type,
               VideoFormat  video_format,
               const char  *path)
{
  if (g_strcmp0 (picture_type, "png") == 0)
    return "image/png";
  if (g_strcmp0 (picture_type, "jpeg") == 0)
    return "image/jpeg";
  if (g_strcmp0 (picture_type, "webp") == 0)
    return "image/webp";

  switch (video_format)
    {
    case VIDEO_FORMAT_GIF: return "image/gif";
    case VIDEO_FORMAT_MP4: return g_str_has_suffix (path, ".mov") ? "video/quicktime" : "video/mp4";
    case VIDEO_FORMAT_MATROSKA: return g_str_has_suffix (path, ".webm") ? "video/webm" : "video/x-matroska";
    case VIDEO_FORMAT_NONE:
    default:
      return NULL;
    }
}

static gboolean
read_all (int      fd,
          guint8  *buffer,
          gsize    length,
          gsize   *n_read)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      done += n;
    }

  *n_read = done;

  return TRUE;
}

static void
set_read_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               saved_errno == ENOENT ? _("“%s” no longer exists") : _("Cannot read “%s”: %s"),
               path, g_strerror (saved_errno));
}

static GdkPixbuf *
decode_image (int            fd,
              const char    *path,
              goffset        file_size,
              const char    *pixbuf_type,
              int            max_size,
              gint64        *duration,
              int           *width,
              int           *height,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree guint8 *data = NULL;
  gsize length = 0;

  if (file_size > MAX_IMAGE_FILE_SIZE)
    {
      g_autofree char *size_text = g_format_size (file_size);

      g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TOO_LARGE,
                   _("The picture file is %s; Lorakeet does not read pictures over 1 GB"),
                   size_text);
      return NULL;
    }

  if (pixbuf_type != NULL &&
      lk_file_check_completeness (fd, file_size) == LK_FILE_COMPLETENESS_INCOMPLETE)
    {
      g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TRUNCATED,
                           _("The picture is cut short: the file ends before the picture does "
                             "(its writer may have stopped half-way)"));
      return NULL;
    }

  data = g_malloc (file_size);
  if (!read_all (fd, data, file_size, &length))
    {
      set_read_error (error, path, errno);
      return NULL;
    }

  if (g_strcmp0 (pixbuf_type, "webp") == 0)
    *duration = lk_image_thumbnail_webp_duration (data, length);

  return lk_image_thumbnail_decode (data, length, pixbuf_type, max_size, width,
                                    height, cancellable, error);
}

/* Failures worth remembering: they come from the file, and end when it changes. */
static gboolean
is_lasting_failure (const GError *error)
{
  return error->domain == LK_THUMBNAIL_ERROR &&
         (error->code == LK_THUMBNAIL_ERROR_EMPTY ||
          error->code == LK_THUMBNAIL_ERROR_UNSUPPORTED ||
          error->code == LK_THUMBNAIL_ERROR_CORRUPT ||
          error->code == LK_THUMBNAIL_ERROR_TRUNCATED ||
          error->code == LK_THUMBNAIL_ERROR_TOO_LARGE ||
          error->code == LK_THUMBNAIL_ERROR_NO_VIDEO);
}

static LkThumbnail *
generate (int              fd,
          const char      *path,
          goffset          file_size,
          LkThumbnailSize  size,
          const char     **mime_type,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  LkThumbnail *thumbnail;
  int max_size = lk_thumbnail_size_get_pixels (size);
  gint64 duration = -1;
  int width = 0;
  int height = 0;
  guint8 head[64];
  gsize head_length = 0;
  const char *picture_type;
  VideoFormat video_format;

  if (file_size == 0)
    {
      g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_EMPTY,
                           _("The file is empty (0 bytes)"));
      return NULL;
    }

  if (!read_all (fd, head, MIN ((goffset)sizeof head, file_size), &head_length))
    {
      set_read_error (error, path, errno);
      return NULL;
    }

  /* The bytes decide, not the name: a PNG saved as .jpg is still shown. */
  picture_type = lk_image_thumbnail_sniff_type (head, head_length);
  video_format = sniff_video (head, head_length);
  *mime_type = mime_type_for (picture_type, video_format, path);

  if (video_format != VIDEO_FORMAT_NONE ||
      (picture_type == NULL && lk_media_kind_guess (path) == LK_MEDIA_KIND_VIDEO))
    {
      pixbuf = lk_video_frame_grab (path, max_size, &duration, &width, &height, cancellable,
                                    &local_error);

      /* Without GStreamer's GIF decoder, GdkPixbuf shows the first frame. */
      if (pixbuf == NULL && video_format == VIDEO_FORMAT_GIF &&
          g_error_matches (local_error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_DECODER))
        g_clear_error (&local_error);
      else if (pixbuf == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (pixbuf == NULL &&
      !(pixbuf = decode_image (fd, path, file_size,
                               video_format == VIDEO_FORMAT_GIF ? "gif" : picture_type,
                               max_size, &duration, &width, &height, cancellable, error)))
    return NULL;

  thumbnail = lk_thumbnail_new (pixbuf, LK_THUMBNAIL_SOURCE_GENERATED);
  lk_thumbnail_set_duration (thumbnail, duration);
  lk_thumbnail_set_original_size (thumbnail, width, height);

  return thumbnail;
}

static LkThumbnail *
produce (LkThumbnailer    *self,
         Request          *request,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *reason = NULL;
  const char *mime_type = NULL;
  gboolean cacheable;
  struct stat st;
  gint64 mtime;
  int fd;

  fd = open (request->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      set_read_error (error, request->path, errno);
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED,
                   _("“%s” is not a file"), request->path);
      return NULL;
    }

  mtime = (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  key = memory_key (request->path, request->size, mtime, st.st_size);
  if ((thumbnail = lk_lru_cache_lookup (self->memory, key)) != NULL)
    {
      close (fd);
      return lk_thumbnail_copy_with_source (thumbnail, LK_THUMBNAIL_SOURCE_MEMORY);
    }

  uri = g_filename_to_uri (request->path, NULL, NULL);
  cacheable = uri != NULL && !lk_thumbnail_cache_is_inside (self->cache, request->path);

  if (cacheable)
    {
      thumbnail = lk_thumbnail_cache_lookup (self->cache, uri, st.st_mtim.tv_sec, st.st_size,
                                             request->size);
      if (thumbnail == NULL &&
          (reason = lk_thumbnail_cache_lookup_failure (self->cache, uri, st.st_mtim.tv_sec,
                                                       st.st_size)) != NULL)
        {
          close (fd);
          g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_FAILED_BEFORE,
                               reason);
          return NULL;
        }
    }

  if (thumbnail == NULL)
    {
      thumbnail = generate (fd, request->path, st.st_size, request->size, &mime_type,
                            cancellable, &local_error);

      if (thumbnail == NULL)
        {
          g_autoptr(GError) save_error = NULL;

          close (fd);
          if (cacheable && is_lasting_failure (local_error) &&
              !lk_thumbnail_cache_save_failure (self->cache, uri, st.st_mtim.tv_sec, st.st_size,
                                                local_error->message, &save_error))
            g_debug ("%s", save_error->message);

          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (cacheable &&
          !lk_thumbnail_cache_save (self->cache, thumbnail, uri, st.st_mtim.tv_sec, st.st_size,
                                    mime_type, request->size, &local_error))
        {
          /* The thumbnail is good; only sharing it failed. */
          g_debug ("%s", local_error->message);
          lk_thumbnail_set_warning (thumbnail, local_error->message);
          request->cache_problem = g_strdup (local_error->message);
        }
      else if (cacheable)
        request->cache_written = TRUE;
    }

  close (fd);
  lk_lru_cache_insert (self->memory, key, thumbnail, lk_thumbnail_get_cost (thumbnail));

  return g_steal_pointer (&thumbnail);
}

/* Back in the requester's main context. Completing the task there, rather than from the
 * worker, keeps the last reference of the task, and so of the thumbnailer, out of the
 * pool's threads: the pool cannot be freed from one of its own threads. */
static gboolean
complete_request (gpointer data)
{
  Request *request = data;
  LkThumbnailer *self = g_task_get_source_object (request->task);

  /* The latest write decides: a cache that was full and has room again stops complaining. */
  if (request->cache_problem != NULL || request->cache_written)
    {
      if (lk_set_str (&self->cache_problem, request->cache_problem))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_PROBLEM]);
    }

  if (request->thumbnail != NULL)
    g_task_return_pointer (request->task, g_steal_pointer (&request->thumbnail), g_object_unref);
  else
    g_task_return_error (request->task, g_steal_pointer (&request->error));

  return G_SOURCE_REMOVE;
}

static void
thumbnail_worker (gpointer data,
                  gpointer user_data)
{
  Request *request = data;
  LkThumbnailer *self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (request->task);

  /* A tile that scrolled away cancelled its request while it waited: skip it. */
  if (!g_cancellable_set_error_if_cancelled (cancellable, &request->error))
    request->thumbnail = produce (self, request, cancellable, &request->error);

  g_main_context_invoke_full (g_task_get_context (request->task), G_PRIORITY_DEFAULT,
                              complete_request, request, (GDestroyNotify)request_free);
}

/* Newest first: the tiles that just came into view matter most. */
static int
compare_requests (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Request *x = a;
  const Request *y = b;

  return x->serial > y->serial ? -1 : x->serial < y->serial ? 1 : 0;
}

static void
lk_thumbnailer_finalize (GObject *object)
{
  LkThumbnailer *self = (LkThumbnailer *)object;

  /* Every request holds a reference: the pool is idle by now. */
  g_thread_pool_free (self->pool, FALSE, TRUE);

  g_clear_object (&self->cache);
  g_clear_pointer (&self->memory, lk_lru_cache_unref);
  g_clear_pointer (&self->cache_problem, g_free);

  G_OBJECT_CLASS (lk_thumbnailer_parent_class)->finalize (object);
}

static void
lk_thumbnailer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkThumbnailer *self = LK_THUMBNAILER (object);

  switch (prop_id)
    {
    case PROP_CACHE_PROBLEM:
      g_value_set_string (value, self->cache_problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_thumbnailer_class_init (LkThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_thumbnailer_finalize;
  object_class->get_property = lk_thumbnailer_get_property;

  /**
   * LkThumbnailer:cache-problem:
   *
   * Why the last thumbnail made could not be written to the shared cache (a sentence
   * naming the folder and the fix), or %NULL once one could.
   */
  properties[PROP_CACHE_PROBLEM] =
    g_param_spec_string ("cache-problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_thumbnailer_init (LkThumbnailer *self)
{
  self->memory = lk_lru_cache_new (LK_THUMBNAILER_DEFAULT_MEMORY_LIMIT);
  self->pool = g_thread_pool_new (thumbnail_worker, self, MAX (g_get_num_processors (), 1),
                                  FALSE, NULL);
  g_thread_pool_set_sort_function (self->pool, compare_requests, NULL);
}

LkThumbnailer *
lk_thumbnailer_new (LkThumbnailCache *cache)
{
  LkThumbnailer *self;

  g_return_val_if_fail (cache == NULL || LK_IS_THUMBNAIL_CACHE (cache), NULL);

  self = g_object_new (LK_TYPE_THUMBNAILER, NULL);
  self->cache = cache != NULL ? g_object_ref (cache) : lk_thumbnail_cache_new (NULL);

  return self;
}

const char *
lk_thumbnailer_get_cache_problem (LkThumbnailer *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAILER (self), NULL);

  return self->cache_problem;
}

LkThumbnailCache *
lk_thumbnailer_get_cache (LkThumbnailer *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAILER (self), NULL);

  return self->cache;
}

guint
lk_thumbnailer_get_n_threads (LkThumbnailer *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAILER (self), 0);

  return (guint)g_thread_pool_get_max_threads (self->pool);
}

void
lk_thumbnailer_set_memory_limit (LkThumbnailer *self,
                                 gsize          bytes)
{
  g_return_if_fail (LK_IS_THUMBNAILER (self));

  lk_lru_cache_set_max_cost (self->memory, bytes);
}

gsize
lk_thumbnailer_get_memory_usage (LkThumbnailer *self)
{
  g_return_val_if_fail (LK_IS_THUMBNAILER (self), 0);

  return lk_lru_cache_get_cost (self->memory);
}

LkThumbnail *
lk_thumbnailer_lookup (LkThumbnailer   *self,
                       const char      *path,
                       LkThumbnailSize  size,
                       gint64           mtime,
                       goffset          file_size)
{
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (LK_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (size < LK_THUMBNAIL_N_SIZES, NULL);

  key = memory_key (path, size, mtime, file_size);
  if (!(thumbnail = lk_lru_cache_lookup (self->memory, key)))
    return NULL;

  return lk_thumbnail_copy_with_source (thumbnail, LK_THUMBNAIL_SOURCE_MEMORY);
}

void
lk_thumbnailer_load_async (LkThumbnailer       *self,
                           const char          *path,
                           LkThumbnailSize      size,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Request *request;

  g_return_if_fail (LK_IS_THUMBNAILER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (size < LK_THUMBNAIL_N_SIZES);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (Request, 1);
  request->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (request->task, lk_thumbnailer_load_async);
  request->path = g_canonicalize_filename (path, NULL);
  request->size = size;
  request->serial = self->next_serial++;

  g_thread_pool_push (self->pool, request, NULL);
}

LkThumbnail *
lk_thumbnailer_load_finish (LkThumbnailer  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (LK_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_thumbnailer_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
