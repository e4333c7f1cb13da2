/* test-thumbnailer.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <string.h>

#include "lk-image-thumbnail.h"
#include "lk-thumbnailer.h"

#define WAIT_TIMEOUT_SECONDS 60

typedef struct
{
  gboolean     done;
  LkThumbnail *thumbnail;
  GError      *error;
} Load;

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->thumbnail = lk_thumbnailer_load_finish (LK_THUMBNAILER (object), result, &load->error);
  load->done = TRUE;
}

/* Waits for every load in @loads; fails the test if one never completes. */
static void
wait_loads (Load  *loads,
            guint  n_loads)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timed_out_cb, &timed_out);

  for (guint i = 0; i < n_loads && !timed_out; i++)
    {
      while (!loads[i].done && !timed_out)
        g_main_context_iteration (NULL, TRUE);
    }

  g_assert_false (timed_out);
  g_source_remove (id);
}

static LkThumbnail *
load_thumbnail (LkThumbnailer    *thumbnailer,
                const char       *path,
                LkThumbnailSize   size,
                GError          **error)
{
  Load load = { 0 };

  lk_thumbnailer_load_async (thumbnailer, path, size, NULL, loaded_cb, &load);
  wait_loads (&load, 1);
  g_assert_true ((load.thumbnail != NULL) != (load.error != NULL));
  if (load.error != NULL)
    g_propagate_error (error, load.error);

  return load.thumbnail;
}

static char *
media_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "output", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return g_build_filename (dir, name, NULL);
}

static GdkPixbuf *
gradient (int width,
          int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize)y * stride + x * 3;

        p[0] = x * 255 / width;
        p[1] = y * 255 / height;
        p[2] = 128;
      }

  return pixbuf;
}

static char *
save_image (const char *name,
            const char *type,
            int         width,
            int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gradient (width, height);
  g_autoptr(GError) error = NULL;
  char *path = media_path (name);

  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);

  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, length);
}

static char *
write_bytes (const char *name,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = media_path (name);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc & 1) ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }

  return crc ^ 0xffffffffu;
}

static gboolean
has_element (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  return factory != NULL;
}

/* Encodes a 2 s clip whose first two frames are black and the rest white, so a grab "a
 * little into the clip" is told from the first frame. */
static char *
encode_clip (const char *name,
             const char *encoder,
             const char *muxer)
{
  g_autofree char *path = media_path (name);
  g_autofree char *description = g_strdup_printf (
      "appsrc name=src format=time caps=video/x-raw,format=RGB,width=96,height=128,"
      "framerate=24/1 ! videoconvert ! %s ! %s ! filesink location=\"%s\"",
      encoder, muxer, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) source = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  source = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (guint i = 0; i < 48; i++)
    {
      GstBuffer *buffer = gst_buffer_new_allocate (NULL, 96 * 128 * 3, NULL);

      gst_buffer_memset (buffer, 0, i < 2 ? 0x00 : 0xff, 96 * 128 * 3);
      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (i, GST_SECOND, 24);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, 24);
      g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (source), buffer), ==, GST_FLOW_OK);
    }
  gst_app_src_end_of_stream (GST_APP_SRC (source));

  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return g_steal_pointer (&path);
}

static void
assert_fits (LkThumbnail *thumbnail,
             int          max_size,
             int          width,
             int          height)
{
  GdkPixbuf *pixbuf = lk_thumbnail_get_pixbuf (thumbnail);

  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
  g_assert_cmpint (MAX (width, height), <=, max_size);
}

static void
test_image_formats (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  static const struct
  {
    const char *name;
    const char *type;
  } formats[] = {
    { "anime_image_1_00001_.png", "png" },
    { "photo.jpg", "jpeg" },
    { "still.webp", "webp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(LkThumbnail) thumbnail = NULL;
      g_autoptr(GError) error = NULL;
      gboolean writable = FALSE;
      GSList *list = gdk_pixbuf_get_formats ();

      for (GSList *l = list; l != NULL; l = l->next)
        {
          g_autofree char *format_name = gdk_pixbuf_format_get_name (l->data);

          writable |= g_str_equal (format_name, formats[i].type) &&
                      gdk_pixbuf_format_is_writable (l->data);
        }
      g_slist_free (list);
      if (!writable)
        {
          g_test_message ("No GdkPixbuf %s saver here; that format is not tested",
                          formats[i].type);
          continue;
        }

      path = save_image (formats[i].name, formats[i].type, 832, 1216);
      thumbnail = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_LARGE, &error);
      g_assert_no_error (error);
      assert_fits (thumbnail, 256, 175, 256);
      g_assert_cmpint (lk_thumbnail_get_original_width (thumbnail), ==, 832);
      g_assert_cmpint (lk_thumbnail_get_original_height (thumbnail), ==, 1216);
      g_assert_cmpint (lk_thumbnail_get_duration (thumbnail), ==, -1);
    }
}

static void
test_small_image_is_not_enlarged (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autofree char *path = save_image ("tiny.png", "png", 40, 30);
  g_autoptr(LkThumbnail) thumbnail = load_thumbnail (thumbnailer, path,
                                                     LK_THUMBNAIL_SIZE_NORMAL, NULL);

  assert_fits (thumbnail, 128, 40, 30);
}

static void
check_clip (const char *name,
            const char *encoder,
            const char *muxer)
{
  g_autoptr(LkThumbnailer) thumbnailer = NULL;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const guint8 *pixels;

  if (!has_element (encoder) || !has_element (muxer))
    {
      g_test_skip ("The GStreamer encoder for this format is not installed");
      return;
    }

  path = encode_clip (name, encoder, muxer);
  thumbnailer = lk_thumbnailer_new (NULL);
  thumbnail = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);

  assert_fits (thumbnail, 128, 96, 128);
  g_assert_cmpint (lk_thumbnail_get_duration (thumbnail), >=, 1900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (lk_thumbnail_get_duration (thumbnail), <=, 2100 * G_TIME_SPAN_MILLISECOND);

  /* Not the black first frames: a frame a little into the clip. */
  pixels = gdk_pixbuf_read_pixels (lk_thumbnail_get_pixbuf (thumbnail));
  g_assert_cmpint (pixels[0], >, 200);
}

static void
test_video_mp4 (void)
{
  check_clip ("anime_video_1_00001.mp4", "x264enc", "mp4mux");
}

static void
test_video_webm (void)
{
  check_clip ("anime_video_1_00002.webm", "vp8enc", "webmmux");
}

/* An animated GIF of @n_frames 16×16 frames, one colour each, 10 ms × @delay apart. Its LZW
 * data uses 8-bit codes and a clear code every 100 pixels, so it needs no compressor. */
static GByteArray *
animated_gif (guint n_frames,
              guint delay)
{
  static const guint8 header[] = {
    'G', 'I', 'F', '8', '9', 'a', 16, 0, 16, 0, 0xf6, 0, 0,       /* 128-colour table */
  };
  static const guint8 loop[] = {
    0x21, 0xff, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0, 0,
  };
  GByteArray *gif = g_byte_array_new ();

  g_byte_array_append (gif, header, sizeof header);
  for (guint i = 0; i < 128; i++)
    {
      guint8 rgb[3] = { i * 2, 255 - i * 2, 64 };

      g_byte_array_append (gif, rgb, 3);
    }
  g_byte_array_append (gif, loop, sizeof loop);

  for (guint frame = 0; frame < n_frames; frame++)
    {
      guint8 control[] = { 0x21, 0xf9, 4, 0, delay & 0xff, delay >> 8, 0, 0 };
      guint8 descriptor[] = { 0x2c, 0, 0, 0, 0, 16, 0, 16, 0, 0, 7 };
      g_autoptr(GByteArray) codes = g_byte_array_new ();
      guint8 code;

      for (guint p = 0; p < 256; p++)
        {
          if (p % 100 == 0)
            {
              code = 128;     /* clear */
              g_byte_array_append (codes, &code, 1);
            }
          code = (frame * 37) % 128;
          g_byte_array_append (codes, &code, 1);
        }
      code = 129;             /* end of information */
      g_byte_array_append (codes, &code, 1);

      g_byte_array_append (gif, control, sizeof control);
      g_byte_array_append (gif, descriptor, sizeof descriptor);
      for (guint offset = 0; offset < codes->len; offset += 255)
        {
          guint8 length = MIN (255, codes->len - offset);

          g_byte_array_append (gif, &length, 1);
          g_byte_array_append (gif, codes->data + offset, length);
        }
      code = 0;
      g_byte_array_append (gif, &code, 1);
    }

  g_byte_array_append (gif, (const guint8 *)"\x3b", 1);

  return gif;
}

static void
test_video_gif (void)
{
  g_autoptr(GByteArray) gif = animated_gif (10, 10);
  g_autofree char *path = write_bytes ("AnimateDiff_00003.gif", gif->data, gif->len);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  thumbnail = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  assert_fits (thumbnail, 128, 16, 16);
  /* 10 frames 100 ms apart: the duration badge reads 0:01 */
  g_assert_cmpint (lk_thumbnail_get_duration (thumbnail), ==, G_USEC_PER_SEC);
}

static void
put_le24 (GByteArray *array,
          guint32     value)
{
  guint8 bytes[3] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff };

  g_byte_array_append (array, bytes, 3);
}

static void
put_chunk_header (GByteArray *array,
                  const char *fourcc,
                  guint32     size)
{
  guint32 le_size = GUINT32_TO_LE (size);

  g_byte_array_append (array, (const guint8 *)fourcc, 4);
  g_byte_array_append (array, (const guint8 *)&le_size, 4);
}

/* An animated WebP of @n_frames frames lasting @frame_msec each, every frame the same
 * picture: the image chunk of a still WebP that GdkPixbuf saved, wrapped in ANMF chunks
 * after a VP8X header with the animation flag and an ANIM chunk (the WebP container spec). */
static GByteArray *
animated_webp (int     width,
               int     height,
               guint   n_frames,
               guint32 frame_msec)
{
  g_autofree char *still_path = save_image ("still-frame.webp", "webp", width, height);
  g_autoptr(GBytes) still = read_bytes (still_path);
  const guint8 *data = g_bytes_get_data (still, NULL);
  gsize length = g_bytes_get_size (still);
  GByteArray *webp = g_byte_array_new ();
  const guint8 *image = NULL;
  gsize image_length = 0;
  guint32 riff_size;

  /* Find the VP8 or VP8L chunk: the still picture's coded image, header included. */
  for (gsize offset = 12; offset + 8 <= length;)
    {
      guint32 size = data[offset + 4] | data[offset + 5] << 8 | data[offset + 6] << 16 |
                     (guint32)data[offset + 7] << 24;

      if (memcmp (data + offset, "VP8 ", 4) == 0 || memcmp (data + offset, "VP8L", 4) == 0)
        {
          image = data + offset;
          image_length = 8 + size + (size & 1);
          break;
        }
      offset += 8 + size + (size & 1);
    }
  g_assert_nonnull (image);
  g_assert_cmpuint (image_length, <=, length);

  g_byte_array_append (webp, (const guint8 *)"RIFF\0\0\0\0WEBP", 12);
  put_chunk_header (webp, "VP8X", 10);
  g_byte_array_append (webp, (const guint8 *)"\x02\0\0\0", 4);    /* animation flag */
  put_le24 (webp, width - 1);
  put_le24 (webp, height - 1);
  put_chunk_header (webp, "ANIM", 6);
  g_byte_array_append (webp, (const guint8 *)"\0\0\0\0\0\0", 6);   /* background, loop forever */

  for (guint i = 0; i < n_frames; i++)
    {
      put_chunk_header (webp, "ANMF", 16 + image_length);
      put_le24 (webp, 0);
      put_le24 (webp, 0);
      put_le24 (webp, width - 1);
      put_le24 (webp, height - 1);
      put_le24 (webp, frame_msec);
      g_byte_array_append (webp, (const guint8 *)"\0", 1);
      g_byte_array_append (webp, image, image_length);
    }

  riff_size = GUINT32_TO_LE (webp->len - 8);
  memcpy (webp->data + 4, &riff_size, 4);

  return webp;
}

static void
test_video_webp (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GByteArray) webp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean writable = FALSE;

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *format_name = gdk_pixbuf_format_get_name (l->data);

      writable |= g_str_equal (format_name, "webp") && gdk_pixbuf_format_is_writable (l->data);
    }
  g_slist_free (formats);
  if (!writable)
    {
      g_test_skip ("No GdkPixbuf WebP saver here to make the frames with");
      return;
    }

  webp = animated_webp (320, 480, 12, 125);
  path = write_bytes ("AnimateDiff_00004.webp", webp->data, webp->len);
  thumbnail = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  assert_fits (thumbnail, 128, 85, 128);
  /* 12 frames of 125 ms: the tile's duration badge says 0:01 */
  g_assert_cmpint (lk_thumbnail_get_duration (thumbnail), ==, 1500 * G_TIME_SPAN_MILLISECOND);

  /* Cut short inside a frame: a broken tile, not a crash or a wrong duration. */
  g_clear_object (&thumbnail);
  g_clear_pointer (&path, g_free);
  path = write_bytes ("AnimateDiff_00005.webp", webp->data, webp->len / 3);
  thumbnail = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, &error);
  if (thumbnail != NULL)
    g_assert_cmpint (lk_thumbnail_get_duration (thumbnail), <=, 1500 * G_TIME_SPAN_MILLISECOND);
  else
    g_assert_nonnull (error);
}

static void
assert_broken (LkThumbnailer *thumbnailer,
               const char    *path,
               GQuark         domain,
               int            code,
               const char    *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkThumbnail) thumbnail = load_thumbnail (thumbnailer, path,
                                                     LK_THUMBNAIL_SIZE_NORMAL, &error);

  g_assert_null (thumbnail);
  g_assert_error (error, domain, code);
  if (reason != NULL && strstr (error->message, reason) == NULL)
    g_error ("“%s” does not say “%s”", error->message, reason);
}

static void
test_bad_images (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autofree char *good = save_image ("good.png", "png", 200, 300);
  g_autoptr(GBytes) png = read_bytes (good);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (png, &length);
  g_autofree guint8 *corrupt = g_memdup2 (data, length);
  g_autofree guint8 *bomb = g_memdup2 (data, length);
  g_autofree char *empty = write_bytes ("empty_00001_.png", "", 0);
  g_autofree char *truncated = write_bytes ("truncated_00001_.png", data, length * 2 / 3);
  g_autofree char *text = write_bytes ("text_00001_.png", "a note, not a picture\n", 22);
  g_autofree char *corrupt_path = NULL;
  g_autofree char *bomb_path = NULL;
  g_autofree char *misnamed = NULL;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  guint32 value;

  /* A flipped byte in the pixel data: the IDAT checksum no longer matches. */
  corrupt[length - 30] ^= 0x5a;
  corrupt_path = write_bytes ("corrupt_00001_.png", corrupt, length);

  /* A header claiming 30000 × 30000 pixels, with a valid checksum. */
  value = GUINT32_TO_BE (30000);
  memcpy (bomb + 16, &value, 4);
  memcpy (bomb + 20, &value, 4);
  value = GUINT32_TO_BE (crc32_of (bomb + 12, 17));
  memcpy (bomb + 29, &value, 4);
  bomb_path = write_bytes ("bomb_00001_.png", bomb, length);

  /* A PNG under a JPEG name: the bytes decide. */
  misnamed = write_bytes ("misnamed.jpg", data, length);

  assert_broken (thumbnailer, empty, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_EMPTY, "empty");
  assert_broken (thumbnailer, truncated, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TRUNCATED,
                 "cut short");
  assert_broken (thumbnailer, text, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED, NULL);
  assert_broken (thumbnailer, corrupt_path, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                 "damaged");
  assert_broken (thumbnailer, bomb_path, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TOO_LARGE,
                 "30000 × 30000");

  thumbnail = load_thumbnail (thumbnailer, misnamed, LK_THUMBNAIL_SIZE_NORMAL, NULL);
  assert_fits (thumbnail, 128, 85, 128);
}

static void
test_bomb_refused_from_header (void)
{
  /* The signature, a 30000 × 30000 IHDR and an empty IDAT: refusing it needs the header
   * only, never the 3.6 GB of pixels. */
  guint8 header[45] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                        0, 0, 0, 13, 'I', 'H', 'D', 'R',
                        0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 6, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xaf, 0x06, 0x1e };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  guint32 crc = GUINT32_TO_BE (crc32_of (header + 12, 17));

  memcpy (header + 29, &crc, 4);
  pixbuf = lk_image_thumbnail_decode (header, sizeof header, "png", 256, NULL, NULL, NULL,
                                      &error);
  g_assert_null (pixbuf);
  g_assert_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TOO_LARGE);
}

static void
test_bad_clips (void)
{
  static const guint8 not_a_movie[] = {
    0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
    0, 0, 0, 16, 'm', 'o', 'o', 'v', 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4,
  };
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autofree char *broken = write_bytes ("broken_00001.mp4", not_a_movie, sizeof not_a_movie);
  const char *audio_encoders[] = { "avenc_aac", "voaacenc", "fdkaacenc", "lamemp3enc" };
  const char *audio_encoder = NULL;

  /* A damaged clip is a broken tile with a reason, not a stall. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LkThumbnail) thumbnail = load_thumbnail (thumbnailer, broken,
                                                       LK_THUMBNAIL_SIZE_NORMAL, &error);

    g_assert_null (thumbnail);
    g_test_message ("%s", error->message);
    g_assert_true (g_error_matches (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT) ||
                   g_error_matches (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED));
  }

  for (guint i = 0; i < G_N_ELEMENTS (audio_encoders) && audio_encoder == NULL; i++)
    if (has_element (audio_encoders[i]))
      audio_encoder = audio_encoders[i];

  if (audio_encoder == NULL || !has_element ("mp4mux"))
    {
      g_test_skip ("No audio encoder to make a sound-only MP4 with");
      return;
    }

  {
    g_autofree char *path = media_path ("sound_00001.mp4");
    g_autofree char *description = g_strdup_printf (
        "audiotestsrc num-buffers=40 ! audioconvert ! %s ! mp4mux ! filesink location=\"%s\"",
        audio_encoder, path);
    g_autoptr(GError) error = NULL;
    g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
    g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
    g_autoptr(GstMessage) message = NULL;

    g_assert_no_error (error);
    gst_element_set_state (pipeline, GST_STATE_PLAYING);
    message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
                                          GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
    g_assert_nonnull (message);
    g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
    gst_element_set_state (pipeline, GST_STATE_NULL);

    assert_broken (thumbnailer, path, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_VIDEO, "sound");
  }
}

static void
test_deleted_file (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autofree char *path = save_image ("gone.png", "png", 64, 64);

  g_assert_cmpint (g_unlink (path), ==, 0);
  assert_broken (thumbnailer, path, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no longer exists");
}

static void
test_cancelled_requests_are_skipped (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = save_image ("a.png", "png", 832, 1216);
  g_autoptr(LkThumbnail) after = NULL;
  Load loads[32] = { { 0 } };

  /* Cancelled before any worker gets to them, as when tiles scroll away at once. */
  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    lk_thumbnailer_load_async (thumbnailer, path, LK_THUMBNAIL_SIZE_LARGE, cancellable,
                               loaded_cb, &loads[i]);
  g_cancellable_cancel (cancellable);
  wait_loads (loads, G_N_ELEMENTS (loads));

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      if (loads[i].thumbnail != NULL)
        {
          /* A worker may have finished one before the cancel: it is still a good one. */
          g_assert_cmpint (gdk_pixbuf_get_height (lk_thumbnail_get_pixbuf (loads[i].thumbnail)),
                           ==, 256);
          g_object_unref (loads[i].thumbnail);
          continue;
        }
      g_assert_error (loads[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_error_free (loads[i].error);
    }

  /* The thumbnailer carries on. */
  after = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_LARGE, NULL);
  g_assert_nonnull (after);
}

static void
test_memory_cache (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autofree char *path = save_image ("m.png", "png", 400, 400);
  g_autofree char *other = save_image ("n.png", "png", 400, 400);
  g_autoptr(LkThumbnail) first = NULL;
  g_autoptr(LkThumbnail) second = NULL;
  g_autoptr(LkThumbnail) looked_up = NULL;
  g_autoptr(LkThumbnail) third = NULL;
  GStatBuf st;

  g_assert_cmpuint (lk_thumbnailer_get_n_threads (thumbnailer), ==, g_get_num_processors ());

  first = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, NULL);
  g_assert_cmpint (lk_thumbnail_get_source (first), ==, LK_THUMBNAIL_SOURCE_GENERATED);
  second = load_thumbnail (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, NULL);
  g_assert_cmpint (lk_thumbnail_get_source (second), ==, LK_THUMBNAIL_SOURCE_MEMORY);
  g_assert_true (lk_thumbnail_get_pixbuf (first) == lk_thumbnail_get_pixbuf (second));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  looked_up = lk_thumbnailer_lookup (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL,
                                     (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC +
                                     st.st_mtim.tv_nsec / 1000,
                                     st.st_size);
  g_assert_nonnull (looked_up);
  g_assert_null (lk_thumbnailer_lookup (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL, 1, st.st_size));

  /* Bounded in bytes: room for one thumbnail only. */
  lk_thumbnailer_set_memory_limit (thumbnailer, lk_thumbnail_get_cost (first) + 16);
  third = load_thumbnail (thumbnailer, other, LK_THUMBNAIL_SIZE_NORMAL, NULL);
  g_assert_nonnull (third);
  g_assert_cmpuint (lk_thumbnailer_get_memory_usage (thumbnailer), <=,
                    lk_thumbnail_get_cost (first) + 16);
  g_clear_object (&looked_up);
  looked_up = lk_thumbnailer_lookup (thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL,
                                     (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC +
                                     st.st_mtim.tv_nsec / 1000,
                                     st.st_size);
  g_assert_null (looked_up);
}

static void
test_failures_leave_others_alone (void)
{
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  char *paths[6];
  Load loads[6] = { { 0 } };

  paths[0] = save_image ("ok1.png", "png", 300, 300);
  paths[1] = write_bytes ("bad1.png", "junk", 4);
  paths[2] = save_image ("ok2.png", "png", 300, 300);
  paths[3] = write_bytes ("bad2.mp4", "", 0);
  paths[4] = save_image ("ok3.png", "png", 300, 300);
  paths[5] = media_path ("missing.png");

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    lk_thumbnailer_load_async (thumbnailer, paths[i], LK_THUMBNAIL_SIZE_NORMAL, NULL,
                               loaded_cb, &loads[i]);
  wait_loads (loads, G_N_ELEMENTS (loads));

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      g_assert_true ((loads[i].thumbnail != NULL) == (i % 2 == 0));
      g_clear_object (&loads[i].thumbnail);
      g_clear_error (&loads[i].error);
      g_free (paths[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/thumbnailer/image/png-jpeg-webp", test_image_formats);
  g_test_add_func ("/thumbnailer/image/small-is-not-enlarged", test_small_image_is_not_enlarged);
  g_test_add_func ("/thumbnailer/video/mp4", test_video_mp4);
  g_test_add_func ("/thumbnailer/video/webm", test_video_webm);
  g_test_add_func ("/thumbnailer/video/animated-gif", test_video_gif);
  g_test_add_func ("/thumbnailer/video/animated-webp", test_video_webp);
  g_test_add_func ("/thumbnailer/bad-input/images", test_bad_images);
  g_test_add_func ("/thumbnailer/bad-input/bomb-refused-from-header",
                   test_bomb_refused_from_header);
  g_test_add_func ("/thumbnailer/bad-input/clips", test_bad_clips);
  g_test_add_func ("/thumbnailer/bad-input/deleted-while-shown", test_deleted_file);
  g_test_add_func ("/thumbnailer/cancel/skips-cancelled-requests",
                   test_cancelled_requests_are_skipped);
  g_test_add_func ("/thumbnailer/memory/bounded-in-bytes", test_memory_cache);
  g_test_add_func ("/thumbnailer/failures-leave-others-alone", test_failures_leave_others_alone);

  return g_test_run ();
}
