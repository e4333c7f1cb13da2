/* lk-sim-video.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-video"

#include "config.h"

#include <string.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#ifdef HAVE_WEBPMUX
# include <webp/encode.h>
# include <webp/mux.h>
#endif

#include "lk-sim-video.h"

#define ENCODE_TIMEOUT (60 * GST_SECOND)

/**
 * lk_sim_video_init:
 * @error: return location for an error
 *
 * Initialises GStreamer once.
 *
 * Returns: %TRUE if GStreamer is usable
 */
gboolean
lk_sim_video_init (GError **error)
{
  return gst_init_check (NULL, NULL, error);
}

static gboolean
have_element (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  return factory != NULL;
}

/**
 * lk_sim_video_encoder:
 *
 * Returns: the H.264-MP4 encoder element in use: x264enc (gstreamer1.0-plugins-ugly), else
 *   avenc_mpeg4 (gstreamer1.0-libav), or %NULL if neither is installed
 */
const char *
lk_sim_video_encoder (void)
{
  if (have_element ("x264enc"))
    return "x264enc";
  if (have_element ("avenc_mpeg4"))
    return "avenc_mpeg4";
  return NULL;
}

/**
 * lk_sim_video_formats:
 *
 * Returns: (transfer none): the VHS_VideoCombine formats this machine can write
 */
const char * const *
lk_sim_video_formats (void)
{
  static const char **formats;

  if (g_once_init_enter (&formats))
    {
      GPtrArray *list = g_ptr_array_new ();

      if (gst_is_initialized ())
        {
          if (lk_sim_webp_available ())
            g_ptr_array_add (list, (gpointer)"image/webp");
          if (lk_sim_video_encoder () != NULL && have_element ("mp4mux"))
            g_ptr_array_add (list, (gpointer)"video/h264-mp4");
          if (have_element ("vp8enc") && have_element ("webmmux"))
            g_ptr_array_add (list, (gpointer)"video/webm");
        }
      g_ptr_array_add (list, NULL);
      g_once_init_leave (&formats, (const char **)g_ptr_array_free (list, FALSE));
    }

  return formats;
}

/**
 * lk_sim_video_extension:
 * @format: a VHS format such as "video/h264-mp4"
 *
 * Returns: the file extension VHS uses for it
 */
const char *
lk_sim_video_extension (const char *format)
{
  if (g_strcmp0 (format, "video/webm") == 0)
    return "webm";
  if (g_strcmp0 (format, "image/webp") == 0)
    return "webp";
  if (g_strcmp0 (format, "image/gif") == 0)
    return "gif";
  return "mp4";
}

static GstElement *
make (GstElement  *pipeline,
      const char  *factory,
      GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
                   "GStreamer element %s is not installed", factory);
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), element);
  return element;
}

static GstBuffer *
frame_buffer (const LkSimValue   *images,
              int                 index,
              const GstVideoInfo *info)
{
  g_autoptr(GdkPixbuf) pixbuf = lk_sim_render_frame (images, index);
  int width = GST_VIDEO_INFO_WIDTH (info), height = GST_VIDEO_INFO_HEIGHT (info);
  int stride = GST_VIDEO_INFO_PLANE_STRIDE (info, 0);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  GstMapInfo map;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int y = 0; y < height; y++)
    memcpy (map.data + (gsize)y * stride, src + (gsize)y * src_stride, (gsize)width * 3);
  gst_buffer_unmap (buffer, &map);
  return buffer;
}

/**
 * lk_sim_video_encode:
 * @path: the file to write
 * @format: "video/h264-mp4" or "video/webm"
 * @images: the frames (an IMAGE batch)
 * @frames: (element-type int): batch indexes in play order
 * @frame_rate: frames per second
 * @error: return location for an error
 *
 * Encodes a real, playable video: appsrc ! videoconvert ! encoder ! muxer ! filesink.
 * Dimensions are made even, as 4:2:0 video requires.
 *
 * Returns: %TRUE when the file is complete
 */
gboolean
lk_sim_video_encode (const char       *path,
                     const char       *format,
                     const LkSimValue *images,
                     GArray           *frames,
                     double            frame_rate,
                     GError          **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstCaps) yuv = NULL;
  GstElement *src, *convert, *filter, *encoder, *mux, *sink;
  gboolean webm = g_strcmp0 (format, "video/webm") == 0;
  const char *encoder_name = webm ? "vp8enc" : lk_sim_video_encoder ();
  GstVideoInfo info;
  int fps_n, fps_d;
  gboolean ok = TRUE;

  if (encoder_name == NULL)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
                   "No video encoder is installed (x264enc or avenc_mpeg4)");
      return FALSE;
    }

  if (!(src = make (pipeline, "appsrc", error))
      || !(convert = make (pipeline, "videoconvert", error))
      || !(filter = make (pipeline, "capsfilter", error))
      || !(encoder = make (pipeline, encoder_name, error))
      || !(mux = make (pipeline, webm ? "webmmux" : "mp4mux", error))
      || !(sink = make (pipeline, "filesink", error)))
    return FALSE;

  gst_util_double_to_fraction (frame_rate > 0 ? frame_rate : 8.0, &fps_n, &fps_d);
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGB, MAX (images->width & ~1, 2),
                             MAX (images->height & ~1, 2));
  GST_VIDEO_INFO_FPS_N (&info) = fps_n;
  GST_VIDEO_INFO_FPS_D (&info) = fps_d;
  caps = gst_video_info_to_caps (&info);
  yuv = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420", NULL);

  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "block", TRUE, NULL);
  g_object_set (filter, "caps", yuv, NULL);
  g_object_set (sink, "location", path, NULL);
  if (g_strcmp0 (encoder_name, "x264enc") == 0)
    gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "ultrafast");
  else if (g_strcmp0 (encoder_name, "vp8enc") == 0)
    g_object_set (encoder, "deadline", (gint64)1, NULL);

  if (!gst_element_link_many (src, convert, filter, encoder, mux, sink, NULL))
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
                   "Could not link the %s pipeline", format);
      return FALSE;
    }

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
                   "Could not start the %s encoder", format);
      return FALSE;
    }

  for (guint i = 0; i < frames->len && ok; i++)
    {
      GstBuffer *buffer = frame_buffer (images, g_array_index (frames, int, i), &info);

      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (i, GST_SECOND * fps_d, fps_n);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND * fps_d, fps_n);
      ok = gst_app_src_push_buffer (GST_APP_SRC (src), buffer) == GST_FLOW_OK;
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, ENCODE_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (message == NULL || GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      if (message)
        gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
                   "An error occurred in the ffmpeg subprocess:\n%s",
                   gst_error ? gst_error->message : "the encoder did not finish");
      ok = FALSE;
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

/**
 * lk_sim_webp_available:
 *
 * Returns: whether the simulator was built with libwebpmux
 */
gboolean
lk_sim_webp_available (void)
{
#ifdef HAVE_WEBPMUX
  return TRUE;
#else
  return FALSE;
#endif
}

/**
 * lk_sim_webp_write:
 * @path: the file to write
 * @images: the frames
 * @frames: (element-type int): batch indexes in play order
 * @frame_rate: frames per second
 * @lossless: lossless compression
 * @quality: 0-100
 * @error: return location for an error
 *
 * Writes an animated WebP (a still one for a single frame).
 *
 * Returns: %TRUE on success
 */
gboolean
lk_sim_webp_write (const char       *path,
                   const LkSimValue *images,
                   GArray           *frames,
                   double            frame_rate,
                   gboolean          lossless,
                   int               quality,
                   GError          **error)
{
#ifdef HAVE_WEBPMUX
  WebPAnimEncoderOptions options;
  WebPConfig config;
  WebPData data = { NULL, 0 };
  WebPAnimEncoder *encoder;
  int width = MAX (images->width, 1), height = MAX (images->height, 1);
  int duration = (int)(1000.0 / (frame_rate > 0 ? frame_rate : 6.0));
  int timestamp = 0;
  gboolean ok = TRUE;

  if (!WebPAnimEncoderOptionsInit (&options) || !WebPConfigInit (&config))
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME, "libwebp version mismatch");
      return FALSE;
    }
  config.lossless = lossless ? 1 : 0;
  config.quality = CLAMP (quality, 0, 100);
  config.method = 0;

  encoder = WebPAnimEncoderNew (width, height, &options);
  for (guint i = 0; i < frames->len && ok; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = lk_sim_render_frame (images, g_array_index (frames, int, i));
      WebPPicture picture;

      WebPPictureInit (&picture);
      picture.width = width;
      picture.height = height;
      picture.use_argb = 1;
      ok = WebPPictureImportRGB (&picture, gdk_pixbuf_read_pixels (pixbuf),
                                 gdk_pixbuf_get_rowstride (pixbuf))
           && WebPAnimEncoderAdd (encoder, &picture, timestamp, &config);
      WebPPictureFree (&picture);
      timestamp += duration;
    }
  ok = ok && WebPAnimEncoderAdd (encoder, NULL, timestamp, NULL)
       && WebPAnimEncoderAssemble (encoder, &data);
  WebPAnimEncoderDelete (encoder);

  if (!ok)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
                   "Could not encode the WebP animation");
      return FALSE;
    }

  ok = g_file_set_contents (path, (const char *)data.bytes, data.size, error);
  WebPDataClear (&data);
  return ok;
#else
  g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
               "WebP support is not available in this build");
  return FALSE;
#endif
}

/**
 * lk_sim_webp_encode:
 * @pixbuf: an image
 * @quality: 0-100
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a lossy WebP of @pixbuf, for /view?preview=webp
 */
GBytes *
lk_sim_webp_encode (GdkPixbuf  *pixbuf,
                    int         quality,
                    GError    **error)
{
#ifdef HAVE_WEBPMUX
  g_autoptr(GdkPixbuf) rgb = gdk_pixbuf_get_has_alpha (pixbuf)
                             ? gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8,
                                               gdk_pixbuf_get_width (pixbuf),
                                               gdk_pixbuf_get_height (pixbuf))
                             : g_object_ref (pixbuf);
  uint8_t *output = NULL;
  size_t size;
  GBytes *bytes;

  if (rgb != pixbuf)
    gdk_pixbuf_composite_color (pixbuf, rgb, 0, 0, gdk_pixbuf_get_width (pixbuf),
                                gdk_pixbuf_get_height (pixbuf), 0, 0, 1, 1,
                                GDK_INTERP_NEAREST, 255, 0, 0, 1, 0xffffff, 0xffffff);

  size = WebPEncodeRGB (gdk_pixbuf_read_pixels (rgb), gdk_pixbuf_get_width (rgb),
                        gdk_pixbuf_get_height (rgb), gdk_pixbuf_get_rowstride (rgb),
                        CLAMP (quality, 0, 100), &output);
  if (size == 0)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME, "WebP encoding failed");
      return NULL;
    }
  bytes = g_bytes_new (output, size);
  WebPFree (output);
  return bytes;
#else
  g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_RUNTIME,
               "WebP support is not available in this build");
  return NULL;
#endif
}
