/* lk-sim-view.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-view"

#include "config.h"

#include <string.h>

#include "lk-comfy-sim-private.h"
#include "lk-sim-json.h"
#include "lk-sim-video.h"

/* GET /view and POST /upload/image of server.py, checks in the same order (protocol §2.8). */

static const char *
content_type_for (const char *name)
{
  static const char * const types[] = {
    ".png", "image/png", ".jpg", "image/jpeg", ".jpeg", "image/jpeg", ".gif", "image/gif",
    ".webp", "image/webp", ".bmp", "image/bmp", ".mp4", "video/mp4", ".webm", "video/webm",
    ".mkv", "video/x-matroska", ".mov", "video/quicktime", ".json", "application/json",
    ".txt", "text/plain", ".svg", "image/svg+xml", ".wav", "audio/x-wav", ".mp3", "audio/mpeg",
    ".flac", "audio/flac", ".latent", "application/octet-stream",
    ".html", "application/octet-stream", ".htm", "application/octet-stream",
    ".js", "application/octet-stream", ".css", "application/octet-stream",
    NULL
  };
  const char *dot = strrchr (name, '.');
  g_autofree char *lower = dot ? g_ascii_strdown (dot, -1) : NULL;

  for (guint i = 0; lower && types[i]; i += 2)
    if (strcmp (types[i], lower) == 0)
      return types[i + 1];
  return "application/octet-stream";
}

static void
set_disposition (SoupServerMessage *msg,
                 const char        *name)
{
  g_autofree char *value = g_strdup_printf ("filename=\"%s\"", name);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", value);
}

/* aiohttp's Request.http_range: "bytes=START-END", "bytes=START-" or "bytes=-SUFFIX" */
static gboolean
parse_range (const char *header,
             gint64      size,
             gint64     *start,
             gint64     *count)
{
  const char *spec, *dash;
  g_autofree char *first = NULL;
  gint64 a = -1, b = -1;

  if (!g_str_has_prefix (header, "bytes="))
    return FALSE;
  spec = header + 6;
  if (!(dash = strchr (spec, '-')))
    return FALSE;
  for (const char *p = spec; *p; p++)
    if (!g_ascii_isdigit (*p) && p != dash)
      return FALSE;

  first = g_strndup (spec, dash - spec);
  if (*first)
    a = g_ascii_strtoll (first, NULL, 10);
  if (dash[1])
    b = g_ascii_strtoll (dash + 1, NULL, 10);
  if (a < 0 && b < 0)
    return FALSE;

  if (a < 0)
    {
      *start = MAX (size - b, 0);
      *count = size - *start;
      return TRUE;
    }
  if (b >= 0 && a >= b + 1)
    return FALSE;
  *start = a;
  *count = MIN (b >= 0 ? b + 1 : size, size) - a;
  return TRUE;
}

static void
reply_file (SoupServerMessage *msg,
            const char        *path,
            const char        *name)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *range = soup_message_headers_get_one (request_headers, "Range");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) slice = NULL;
  gint64 size, start = 0, count;

  if (mapped == NULL)
    {
      _lk_sim_reply_server_error (msg);
      return;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  size = (gint64)g_bytes_get_size (bytes);
  count = size;
  set_disposition (msg, name);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");

  if (range != NULL)
    {
      if (!parse_range (range, size, &start, &count) || start >= size)
        {
          g_autofree char *unsatisfied = g_strdup_printf ("bytes */%" G_GINT64_FORMAT, size);

          soup_message_headers_replace (headers, "Content-Range", unsatisfied);
          _lk_sim_reply_empty (msg, 416);
          return;
        }
      else
        {
          g_autofree char *content_range = g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%"
                                                            G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                            start, start + count - 1, size);

          soup_message_headers_replace (headers, "Content-Range", content_range);
          soup_server_message_set_status (msg, 206, NULL);
        }
    }
  else
    soup_server_message_set_status (msg, 200, NULL);

  slice = g_bytes_new_from_bytes (bytes, (gsize)start, (gsize)count);
  soup_message_headers_set_content_type (headers, content_type_for (name), NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), slice);
}

static void
reply_image (SoupServerMessage *msg,
             const char        *name,
             const char        *content_type,
             char              *buffer,
             gsize              size)
{
  set_disposition (msg, name);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, buffer, size);
}

/* ?preview=webp|jpeg[;quality]: a transcoded copy */
static void
reply_preview (SoupServerMessage *msg,
               const char        *path,
               const char        *name,
               const char        *preview,
               const char        *channel)
{
  g_autoptr(GdkPixbuf) pixbuf = lk_sim_load_image (path, NULL);
  g_auto(GStrv) parts = g_strsplit (preview, ";", -1);
  guint n = g_strv_length (parts);
  const char *format = n > 0 ? parts[0] : "";
  int quality = 90;
  char *buffer = NULL;
  gsize size = 0;

  if (pixbuf == NULL)
    {
      _lk_sim_reply_server_error (msg);
      return;
    }
  if ((strcmp (format, "webp") != 0 && strcmp (format, "jpeg") != 0)
      || (channel && strchr (channel, 'a')))
    format = "webp";
  if (n > 0 && *parts[n - 1] && strspn (parts[n - 1], "0123456789") == strlen (parts[n - 1]))
    quality = (int)g_ascii_strtoll (parts[n - 1], NULL, 10);

  if (strcmp (format, "jpeg") == 0)
    {
      g_autofree char *q = g_strdup_printf ("%d", CLAMP (quality, 0, 100));
      int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
      g_autoptr(GdkPixbuf) rgb = gdk_pixbuf_get_has_alpha (pixbuf)
                                 ? gdk_pixbuf_composite_color_simple (pixbuf, width, height,
                                                                      GDK_INTERP_NEAREST, 255, 1,
                                                                      0xffffff, 0xffffff)
                                 : g_object_ref (pixbuf);

      if (!gdk_pixbuf_save_to_buffer (rgb, &buffer, &size, "jpeg", NULL, "quality", q, NULL))
        {
          _lk_sim_reply_server_error (msg);
          return;
        }
      reply_image (msg, name, "image/jpeg", buffer, size);
    }
  else
    {
      g_autoptr(GBytes) webp = lk_sim_webp_encode (pixbuf, quality, NULL);

      if (webp == NULL)
        {
          _lk_sim_reply_server_error (msg);
          return;
        }
      buffer = g_bytes_unref_to_data (g_steal_pointer (&webp), &size);
      reply_image (msg, name, "image/webp", buffer, size);
    }
}

/* ?channel=rgb (no alpha) or ?channel=a (alpha only), as PNG */
static void
reply_channel (SoupServerMessage *msg,
               const char        *path,
               const char        *name,
               gboolean           alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = lk_sim_load_image (path, NULL);
  g_autoptr(GdkPixbuf) out = NULL;
  char *buffer = NULL;
  gsize size = 0;
  int width, height;

  if (pixbuf == NULL)
    {
      _lk_sim_reply_server_error (msg);
      return;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  out = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  for (int y = 0; y < height; y++)
    {
      const guchar *src = gdk_pixbuf_read_pixels (pixbuf)
                          + (gsize)y * gdk_pixbuf_get_rowstride (pixbuf);
      guchar *dst = gdk_pixbuf_get_pixels (out) + (gsize)y * gdk_pixbuf_get_rowstride (out);
      int src_n = gdk_pixbuf_get_n_channels (pixbuf);

      for (int x = 0; x < width; x++)
        if (alpha)
          {
            dst[x * 4] = dst[x * 4 + 1] = dst[x * 4 + 2] = 0;
            dst[x * 4 + 3] = src_n == 4 ? src[x * 4 + 3] : 255;
          }
        else
          memcpy (dst + x * 3, src + x * src_n, 3);
    }

  if (!gdk_pixbuf_save_to_buffer (out, &buffer, &size, "png", NULL, NULL))
    {
      _lk_sim_reply_server_error (msg);
      return;
    }
  reply_image (msg, name, "image/png", buffer, size);
}

/**
 * _lk_sim_handle_view:
 * @self: a simulator
 * @msg: the request
 * @query: (nullable): its decoded query
 *
 * GET /view: annotation suffix, then 400 for an empty name, a leading '/' or any "..", 400
 * for an unknown type, 403 for a subfolder that escapes, the basename, 404 if missing.
 */
void
_lk_sim_handle_view (LkComfySim        *self,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  const char *filename = query ? g_hash_table_lookup (query, "filename") : NULL;
  const char *subfolder = query ? g_hash_table_lookup (query, "subfolder") : NULL;
  const char *preview = query ? g_hash_table_lookup (query, "preview") : NULL;
  const char *channel = query ? g_hash_table_lookup (query, "channel") : NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  const char *base = NULL;
  const char *slash;

  if (filename == NULL)
    {
      _lk_sim_reply_empty (msg, 404);
      return;
    }

  name = lk_sim_annotated_path (&self->dirs, filename, &base);
  if (*name == '\0' || name[0] == '/' || strstr (name, ".."))
    {
      _lk_sim_reply_empty (msg, 400);
      return;
    }

  if (base == NULL)
    {
      const char *type = query ? g_hash_table_lookup (query, "type") : NULL;

      base = lk_sim_dirs_by_type (&self->dirs, type ? type : "output");
      if (base == NULL)
        {
          _lk_sim_reply_empty (msg, 400);
          return;
        }
    }

  if (subfolder != NULL)
    {
      folder = subfolder[0] == '/' ? g_strdup (subfolder)
                                   : g_build_filename (base, subfolder, NULL);
      if (!lk_sim_path_is_within (base, folder))
        {
          _lk_sim_reply_empty (msg, 403);
          return;
        }
    }
  else
    folder = g_strdup (base);

  slash = strrchr (name, '/');
  path = g_build_filename (folder, slash ? slash + 1 : name, NULL);
  if ((slash && slash[1] == '\0') || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      _lk_sim_reply_empty (msg, 404);
      return;
    }

  if (preview != NULL)
    reply_preview (msg, path, slash ? slash + 1 : name, preview, channel);
  else if (g_strcmp0 (channel, "rgb") == 0)
    reply_channel (msg, path, slash ? slash + 1 : name, FALSE);
  else if (g_strcmp0 (channel, "a") == 0)
    reply_channel (msg, path, slash ? slash + 1 : name, TRUE);
  else
    reply_file (msg, path, slash ? slash + 1 : name);
}

static void
split_ext (const char  *name,
           char       **stem,
           char       **ext)
{
  const char *dot = strrchr (name, '.');
  const char *p = name;

  while (*p == '.')
    p++;
  if (dot == NULL || dot < p)
    {
      *stem = g_strdup (name);
      *ext = g_strdup ("");
      return;
    }
  *stem = g_strndup (name, dot - name);
  *ext = g_strdup (dot);
}

static gboolean
same_bytes (const char *path,
            GBytes     *bytes)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length == g_bytes_get_size (bytes)
         && memcmp (contents, g_bytes_get_data (bytes, NULL), length) == 0;
}

/**
 * _lk_sim_handle_upload:
 * @self: a simulator
 * @msg: a multipart/form-data request with fields image, type, subfolder, overwrite
 *
 * POST /upload/image: writes the file into the input (or temp/output) folder, reusing an
 * identical file of the same name, else trying "name (1).ext", "name (2).ext", …
 */
void
_lk_sim_handle_upload (LkComfySim        *self,
                       SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) request = soup_message_body_flatten (body);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *type = NULL;
  g_autofree char *subfolder = g_strdup ("");
  g_autofree char *overwrite = NULL;
  g_autofree char *norm_sub = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *ext = NULL;
  const char *upload_dir;
  gboolean duplicate = FALSE;
  JsonObject *reply;

  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg),
                                               request);
  for (int i = 0; multipart && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *disposition = NULL;
      const char *field;

      if (!soup_multipart_get_part (multipart, i, &headers, &part)
          || !soup_message_headers_get_content_disposition (headers, &disposition, &params))
        continue;
      field = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (field, "image") == 0)
        {
          g_clear_pointer (&image, g_bytes_unref);
          image = g_bytes_ref (part);
          g_free (filename);
          filename = g_strdup (g_hash_table_lookup (params, "filename"));
        }
      else if (g_strcmp0 (field, "type") == 0)
        type = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
      else if (g_strcmp0 (field, "subfolder") == 0)
        {
          g_free (subfolder);
          subfolder = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
        }
      else if (g_strcmp0 (field, "overwrite") == 0)
        overwrite = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
    }

  upload_dir = lk_sim_dirs_by_type (&self->dirs, type ? type : "input");
  if (upload_dir == NULL)
    {
      _lk_sim_reply_server_error (msg);
      return;
    }
  if (image == NULL || filename == NULL || *filename == '\0')
    {
      _lk_sim_reply_empty (msg, 400);
      return;
    }

  norm_sub = lk_sim_normpath (subfolder);
  folder = g_build_filename (upload_dir, norm_sub, NULL);
  path = g_build_filename (folder, filename, NULL);
  if (!lk_sim_path_is_within (upload_dir, path) || strchr (filename, '/'))
    {
      _lk_sim_reply_empty (msg, 400);
      return;
    }
  g_mkdir_with_parents (folder, 0755);

  split_ext (filename, &stem, &ext);
  if (g_strcmp0 (overwrite, "true") != 0 && g_strcmp0 (overwrite, "1") != 0)
    for (int i = 1; g_file_test (path, G_FILE_TEST_EXISTS); i++)
      {
        if (same_bytes (path, image))
          {
            duplicate = TRUE;
            break;
          }
        g_free (filename);
        filename = g_strdup_printf ("%s (%d)%s", stem, i, ext);
        g_free (path);
        path = g_build_filename (folder, filename, NULL);
      }

  if (!duplicate && !g_file_set_contents (path, g_bytes_get_data (image, NULL),
                                          (gssize)g_bytes_get_size (image), NULL))
    {
      _lk_sim_reply_server_error (msg);
      return;
    }

  reply = json_object_new ();
  json_object_set_string_member (reply, "name", filename);
  json_object_set_string_member (reply, "subfolder", subfolder);
  json_object_set_string_member (reply, "type", type ? type : "input");
  _lk_sim_reply_json (msg, 200, lk_sim_json_object_node (reply));
}
