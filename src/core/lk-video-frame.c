/* lk-video-frame.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>
#include <unistd.h>

#include "lk-image-thumbnail.h"
#include "lk-thumbnail.h"
#include "lk-video-frame.h"

/* The bus is polled this often, for cancellation and the deadline. */
#define POLL_NSEC (50 * GST_MSECOND)

#define SEEK_MAX_NSEC GST_SECOND

/* Shared with GStreamer's streaming threads, which link the pads. */
typedef struct
{
  GMutex      mutex;
  GstElement *pipeline;
  GstElement *scale;
  GstElement *sink;
  int         max_size;
  int         width;
  int         height;
  guint       n_streams;
  guint       n_video_streams;
  gboolean    decoder_added;
  gboolean    linked;
  gboolean    too_large;
} Grab;

static gboolean
ensure_gstreamer (GError **error)
{
  static gsize initialized;
  static GError *init_error;

  if (g_once_init_enter (&initialized))
    {
      gst_init_check (NULL, NULL, &init_error);
      g_once_init_leave (&initialized, 1);
    }

  if (init_error != NULL)
    {
      g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_DECODER,
                   _("Clips cannot be shown: GStreamer did not start (%s)"), init_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_picture (const char *media_type)
{
  return g_str_has_prefix (media_type, "video/") || g_str_has_prefix (media_type, "image/");
}

/* Sound and subtitles are exposed undecoded and left unlinked: only the picture is
 * decoded. */
static gboolean
autoplug_continue_cb (GstElement *bin,
                      GstPad     *pad,
                      GstCaps    *caps,
                      Grab       *grab)
{
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  return !g_str_has_prefix (name, "audio/") && !g_str_has_prefix (name, "text/") &&
         !g_str_has_prefix (name, "subtitle/") && !g_str_has_prefix (name, "application/x-subtitle");
}

/* A decoded picture pad: scaled and converted into the sink. */
static void
decoded_pad_added_cb (GstElement *bin,
                      GstPad     *pad,
                      Grab       *grab)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstCaps) sink_caps = NULL;
  g_autoptr(GstPad) scale_pad = NULL;
  GstVideoInfo info;
  double display_width;
  double scale;
  int width;
  int height;

  if ((caps = gst_pad_get_current_caps (pad)) == NULL)
    caps = gst_pad_query_caps (pad, NULL);

  g_mutex_lock (&grab->mutex);

  /* Through uridecodebin, every stream arrives here; through a demuxer, only pictures. */
  if (!grab->decoder_added && caps != NULL)
    {
      grab->n_streams++;
      if (is_picture (gst_structure_get_name (gst_caps_get_structure (caps, 0))))
        grab->n_video_streams++;
    }

  if (grab->linked || caps == NULL || !gst_video_info_from_caps (&info, caps))
    goto out;

  grab->width = GST_VIDEO_INFO_WIDTH (&info);
  grab->height = GST_VIDEO_INFO_HEIGHT (&info);
  if (grab->width <= 0 || grab->height <= 0)
    goto out;

  if ((guint64)grab->width * grab->height > LK_IMAGE_THUMBNAIL_MAX_PIXELS)
    {
      grab->too_large = TRUE;
      goto out;
    }

  /* Scale in the decoder's format, then convert the few pixels left. */
  display_width = (double)grab->width * MAX (GST_VIDEO_INFO_PAR_N (&info), 1) /
                  MAX (GST_VIDEO_INFO_PAR_D (&info), 1);
  scale = MIN (1.0, grab->max_size / MAX (display_width, (double)grab->height));
  width = CLAMP ((int)(display_width * scale + 0.5), 1, grab->max_size);
  height = CLAMP ((int)(grab->height * scale + 0.5), 1, grab->max_size);

  sink_caps = gst_caps_new_simple ("video/x-raw",
                                   "format", G_TYPE_STRING, "RGB",
                                   "width", G_TYPE_INT, width,
                                   "height", G_TYPE_INT, height,
                                   "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                   NULL);
  gst_app_sink_set_caps (GST_APP_SINK (grab->sink), sink_caps);

  scale_pad = gst_element_get_static_pad (grab->scale, "sink");
  if (gst_pad_link (pad, scale_pad) == GST_PAD_LINK_OK)
    grab->linked = TRUE;

out:
  g_mutex_unlock (&grab->mutex);
}

/* A stream of the demuxer: the first picture stream gets a decodebin, the rest nothing. */
static void
demuxed_pad_added_cb (GstElement *demuxer,
                      GstPad     *pad,
                      Grab       *grab)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) decoder_pad = NULL;
  GstElement *decoder;
  gboolean wanted;

  if ((caps = gst_pad_get_current_caps (pad)) == NULL)
    caps = gst_pad_query_caps (pad, NULL);

  g_mutex_lock (&grab->mutex);
  grab->n_streams++;
  wanted = caps != NULL && !gst_caps_is_empty (caps) &&
           is_picture (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
  if (wanted)
    grab->n_video_streams++;
  wanted = wanted && !grab->decoder_added;
  if (wanted)
    grab->decoder_added = TRUE;
  g_mutex_unlock (&grab->mutex);

  if (!wanted || (decoder = gst_element_factory_make ("decodebin", NULL)) == NULL)
    return;

  g_signal_connect (decoder, "pad-added", G_CALLBACK (decoded_pad_added_cb), grab);
  gst_bin_add (GST_BIN (grab->pipeline), decoder);
  decoder_pad = gst_element_get_static_pad (decoder, "sink");
  if (gst_pad_link (pad, decoder_pad) == GST_PAD_LINK_OK)
    gst_element_sync_state_with_parent (decoder);
}

static GdkPixbuf *
sample_to_pixbuf (GstSample  *sample,
                  GError    **error)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstVideoFrame frame;
  GstVideoInfo info;
  GdkPixbuf *pixbuf;
  const guint8 *source;
  guint8 *target;
  int source_stride;
  int target_stride;
  int width;
  int height;

  if (buffer == NULL ||
      !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
    {
      g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                           _("The clip's first picture could not be read"));
      return NULL;
    }

  width = GST_VIDEO_FRAME_WIDTH (&frame);
  height = GST_VIDEO_FRAME_HEIGHT (&frame);
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  source = GST_VIDEO_FRAME_PLANE_DATA (&frame, 0);
  source_stride = GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0);
  target = gdk_pixbuf_get_pixels (pixbuf);
  target_stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    memcpy (target + (gsize)y * target_stride, source + (gsize)y * source_stride, (gsize)width * 3);

  gst_video_frame_unmap (&frame);

  return pixbuf;
}

static void
set_error_from_message (GError     **error,
                        GstMessage  *message,
                        Grab        *grab)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("GStreamer: %s (%s)", gst_error->message, debug ? debug : "");

  if (grab->too_large)
    g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TOO_LARGE,
                 _("The clip's picture is %d × %d pixels; Lorakeet does not open pictures "
                   "over %.0f megapixels"),
                 grab->width, grab->height, LK_IMAGE_THUMBNAIL_MAX_PIXELS / 1e6);
  else if (grab->n_streams > 0 && grab->n_video_streams == 0)
    g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_VIDEO,
                         _("The clip has no picture, only sound"));
  else if (g_error_matches (gst_error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN) ||
           g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND))
    g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_DECODER,
                 _("No decoder for this clip is installed (%s)"), gst_error->message);
  else if (g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_TYPE_NOT_FOUND) ||
           g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_WRONG_TYPE))
    g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED,
                         _("This file is not a clip Lorakeet can read"));
  else
    g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                 _("The clip is damaged and cannot be shown (%s)"), gst_error->message);
}

static GstElement *
make_element (const char  *factory,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_DECODER,
                 _("Clips cannot be shown: the GStreamer element “%s” is not installed"), factory);

  return element;
}

static GdkPixbuf *
run_pipeline (GstElement    *pipeline,
              Grab          *grab,
              gint64        *duration,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstSample) first_frame = NULL;
  gint64 deadline = g_get_monotonic_time () + LK_VIDEO_FRAME_TIMEOUT_USEC;

  if (gst_element_set_state (pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        set_error_from_message (error, message, grab);
      else
        g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED,
                             _("This file is not a clip Lorakeet can read"));
      return NULL;
    }

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;
      g_autoptr(GstSample) sample = NULL;
      gint64 length = -1;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TIMEOUT,
                       _("Reading the clip took more than %d seconds and was given up"),
                       (int)(LK_VIDEO_FRAME_TIMEOUT_USEC / G_USEC_PER_SEC));
          return NULL;
        }

      message = gst_bus_timed_pop_filtered (bus, POLL_NSEC,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_ASYNC_DONE |
                                            GST_MESSAGE_EOS);
      if (message == NULL)
        continue;

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR && first_frame == NULL)
        {
          set_error_from_message (error, message, grab);
          return NULL;
        }

      g_mutex_lock (&grab->mutex);
      if (!grab->linked)
        {
          gboolean sound_only = grab->n_video_streams == 0;

          g_mutex_unlock (&grab->mutex);
          if (sound_only)
            g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_VIDEO,
                                 _("The clip has no picture, only sound"));
          else
            g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                                 _("The clip has no picture that can be decoded"));
          return NULL;
        }
      g_mutex_unlock (&grab->mutex);

      if (first_frame == NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE)
        {
          /* Kept in case seeking goes wrong: some demuxers (animated GIF) reach the end
           * instead of the position asked for. */
          first_frame = gst_app_sink_try_pull_preroll (GST_APP_SINK (grab->sink), 0);

          if (first_frame != NULL &&
              gst_element_query_duration (pipeline, GST_FORMAT_TIME, &length) && length > 0)
            {
              if (duration != NULL)
                *duration = length / GST_USECOND;

              if (gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                           GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                                           MIN (length / 10, SEEK_MAX_NSEC)))
                continue;
            }
        }
      else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE)
        sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (grab->sink), 0);

      if (sample == NULL)
        sample = g_steal_pointer (&first_frame);

      if (sample == NULL)
        {
          g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                               _("The clip has no picture that can be decoded"));
          return NULL;
        }

      return sample_to_pixbuf (sample, error);
    }
}

/* The demuxer for containers recognised from their first bytes. Plugging it directly,
 * rather than through decodebin, matters: decodebin drops the errors an element posts
 * while it is still changing that element's state, which a demuxer rejecting a damaged
 * file does, and the pipeline then waits forever. */
static const char *
find_demuxer (const char *path)
{
  guint8 head[12] = { 0 };
  const char *name = NULL;
  g_autoptr(GstElementFactory) factory = NULL;
  gssize n;
  int fd;

  if ((fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
    return NULL;
  n = read (fd, head, sizeof head);
  close (fd);

  if (n >= 8 && memcmp (head + 4, "ftyp", 4) == 0)
    name = "qtdemux";
  else if (n >= 4 && memcmp (head, "\x1a\x45\xdf\xa3", 4) == 0)
    name = "matroskademux";
  else if (n >= 6 && (memcmp (head, "GIF87a", 6) == 0 || memcmp (head, "GIF89a", 6) == 0))
    name = "avdemux_gif";

  if (name == NULL || (factory = gst_element_factory_find (name)) == NULL)
    return NULL;

  return name;
}

GdkPixbuf *
lk_video_frame_grab (const char    *path,
                     int            max_size,
                     gint64        *duration,
                     int           *original_width,
                     int           *original_height,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *uri = NULL;
  const char *factories[] = { "videoscale", "videoconvert", "appsink", NULL, NULL };
  GstElement *elements[G_N_ELEMENTS (factories)] = { NULL };
  const char *demuxer;
  Grab grab = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  if (duration != NULL)
    *duration = -1;
  if (original_width != NULL)
    *original_width = 0;
  if (original_height != NULL)
    *original_height = 0;

  if (!ensure_gstreamer (error))
    return NULL;

  if (!(uri = g_filename_to_uri (path, NULL, error)))
    return NULL;

  /* filesrc ! demuxer when the container is known, otherwise uridecodebin; then
   * videoscale ! videoconvert ! appsink. */
  if ((demuxer = find_demuxer (path)) != NULL)
    {
      factories[3] = "filesrc";
      factories[4] = demuxer;
    }
  else
    factories[3] = "uridecodebin";

  pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (factories) && factories[i] != NULL; i++)
    {
      /* Added at once, so the pipeline frees them whatever happens next. */
      if ((elements[i] = make_element (factories[i], error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), elements[i]);
    }

  if (!gst_element_link_many (elements[0], elements[1], elements[2], NULL) ||
      (demuxer != NULL && !gst_element_link (elements[3], elements[4])))
    {
      g_set_error_literal (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_NO_DECODER,
                           _("Clips cannot be shown: GStreamer's video elements do not fit "
                             "together"));
      return NULL;
    }

  g_mutex_init (&grab.mutex);
  grab.pipeline = pipeline;
  grab.scale = elements[0];
  grab.sink = elements[2];
  grab.max_size = max_size;

  g_object_set (grab.sink, "sync", FALSE, "max-buffers", 1, "enable-last-sample", FALSE, NULL);
  if (demuxer != NULL)
    {
      g_object_set (elements[3], "location", path, NULL);
      g_signal_connect (elements[4], "pad-added", G_CALLBACK (demuxed_pad_added_cb), &grab);
    }
  else
    {
      g_object_set (elements[3], "uri", uri, NULL);
      g_signal_connect (elements[3], "autoplug-continue", G_CALLBACK (autoplug_continue_cb),
                        &grab);
      g_signal_connect (elements[3], "pad-added", G_CALLBACK (decoded_pad_added_cb), &grab);
    }

  pixbuf = run_pipeline (pipeline, &grab, duration, cancellable, error);

  /* Stops the streaming threads before @grab goes out of scope. */
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_mutex_clear (&grab.mutex);

  if (pixbuf == NULL)
    return NULL;

  if (original_width != NULL)
    *original_width = grab.width;
  if (original_height != NULL)
    *original_height = grab.height;

  return lk_thumbnail_fit_pixbuf (pixbuf, max_size);
}
